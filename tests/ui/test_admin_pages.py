"""The administrator's pages and what roles change on screen: Users (add, rules inline, absent for
a specialist), Audit (filter, verify, PDF export with the rows), IINs masked in lists, the
certificate buttons hidden from a specialist, backup to a folder and restore from Settings."""

from __future__ import annotations

import io

import pytest

from pypdf import PdfReader

from desktop_app.i18n import active
from desktop_app.services import audit, auth, households
from desktop_app.ui import main_window as mw
from desktop_app.ui.pages.audit import AuditPage
from desktop_app.ui.pages.households import HouseholdsPage
from desktop_app.ui.pages.users import UsersPage


def _as(ctx, login: str):
    return auth.sign_in(ctx, login, f"demo-{login}")


def _page(qtbot, cls, ctx):
    page = cls(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    return page


def test_admin_pages_follow_the_roles(qtbot, demo_ctx):
    _as(demo_ctx, "specialist")
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    assert "users" not in window.pages and "audit" not in window.pages
    _as(demo_ctx, "admin")
    admin = mw.create_main_window(demo_ctx)
    qtbot.addWidget(admin)
    assert {"users", "audit"} <= set(admin.pages)
    _as(demo_ctx, "akim")
    akim = mw.create_main_window(demo_ctx)
    qtbot.addWidget(akim)
    assert "audit" in akim.pages and "users" not in akim.pages


def test_users_page_adds_a_user(qtbot, demo_ctx):
    _as(demo_ctx, "admin")
    page = _page(qtbot, UsersPage, demo_ctx)
    assert page.model.rowCount() == 3
    dialog = page.add_user()
    qtbot.addWidget(dialog)
    dialog.login.setText("g.nurlan")
    dialog.full_name.setText("Nurlan G.")
    dialog.roles.boxes["specialist"].setChecked(True)
    dialog.password.setText("short")
    dialog.password_again.setText("short")
    dialog._ok()
    assert dialog.isVisible()
    assert dialog.errors["password"].isVisible()  # the rule, next to the field
    dialog.password.setText("Kokshe-tau-2026")
    dialog.password_again.setText("Kokshe-tau-2026")
    dialog._ok()
    assert not dialog.isVisible()
    logins = [page.model.row_at(r).login for r in range(page.model.rowCount())]
    assert "g.nurlan" in logins
    assert page.selected().login == "g.nurlan"
    auth.sign_in(demo_ctx, "g.nurlan", "Kokshe-tau-2026")
    assert demo_ctx.user.roles == {"specialist"}


def test_users_page_switches_off_and_unlocks(qtbot, demo_ctx):
    for _n in range(5):
        try:
            auth.sign_in(demo_ctx, "akim", "wrong")
        except Exception:  # noqa: BLE001 - the point is the lock-out
            pass
    _as(demo_ctx, "admin")
    page = _page(qtbot, UsersPage, demo_ctx)
    page.select("akim")
    assert page.buttons["unlock"].isEnabled()
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).login == "akim")
    assert "10:31" in page.model.index(row, 3).data()  # "locked until 18.11.2026 10:31"
    page.unlock()
    assert not page.buttons["unlock"].isEnabled()
    page.toggle_active()
    assert not page.selected().active
    assert page.buttons["active"].text() == active().gettext("Switch on")


def test_audit_page_filters_verifies_and_exports(qtbot, demo_ctx):
    _as(demo_ctx, "admin")
    page = _page(qtbot, AuditPage, demo_ctx)
    everyone = page.model.rowCount()
    assert everyone > 50
    page.user.setCurrentIndex(page.user.findData("system"))
    page.refresh()
    rows = page.model.rows()
    assert rows and all(r.user == "system" for r in rows) and len(rows) < everyone
    # by record: the admin account's rows
    admin_uuid = next(r.record_uuid for r in rows if r.action == "user.create"
                      and r.after.get("login") == "admin")
    page.record.setText(admin_uuid)
    page.refresh()
    assert {r.record_uuid for r in page.model.rows()} == {admin_uuid}
    page.record.clear()
    page.user.setCurrentIndex(0)
    page.use_dates.setChecked(True)
    page.refresh()
    assert page.model.rowCount() > 0

    report = page.verify()
    assert report.ok and str(report.rows) in page.chain.text()

    page.user.setCurrentIndex(page.user.findData("specialist"))
    page.use_dates.setChecked(False)
    page.refresh()
    shown = page.model.rows()
    with qtbot.waitSignal(page.show_pdf, timeout=20_000) as blocker:
        page.export_button.click()
    pdf, _title = blocker.args
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "specialist" in text and "application.take" in text
    takes = sum(1 for r in shown if r.action == "application.take")
    assert text.count("application.take") == takes > 0  # every filtered row, nobody else's
    # the export is itself audited
    assert audit.query(demo_ctx, action="audit.export", limit=1)


def test_audit_page_names_the_first_broken_row(qtbot, demo_ctx):
    _as(demo_ctx, "admin")
    demo_ctx.db.execute("DROP TRIGGER audit_log_no_update")
    demo_ctx.db.execute("UPDATE audit_log SET user = 'mallory' WHERE id = 7")
    page = _page(qtbot, AuditPage, demo_ctx)
    report = page.verify()
    assert report.first_broken_id == 7
    assert "7" in page.chain.text()


def _head_iin(ctx):
    return next(r.head_iin for r in households.list_households(ctx, "") if r.head_iin)


def _shown_iins(page) -> list[str]:
    return [page.model.index(r, 3).data() for r in range(page.model.rowCount())]


def test_iins_are_masked_in_lists_for_the_admin(qtbot, demo_ctx):
    _as(demo_ctx, "specialist")
    iin = _head_iin(demo_ctx)
    page = _page(qtbot, HouseholdsPage, demo_ctx)
    assert iin in _shown_iins(page)
    residence = page.card.buttons["residence"]  # certificates are the akim's: it says so
    assert not residence.isEnabled() and residence.toolTip()
    _as(demo_ctx, "admin")
    masked = _page(qtbot, HouseholdsPage, demo_ctx)
    shown = _shown_iins(masked)
    assert iin not in shown
    assert iin[:4] + "••••" + iin[-4:] in shown
    members = masked.card.members
    if members.rowCount():
        assert "••••" in members.index(0, 3).data() or not members.index(0, 3).data()


def test_akim_sees_the_certificate_buttons(qtbot, demo_ctx):
    _as(demo_ctx, "akim")
    page = _page(qtbot, HouseholdsPage, demo_ctx)
    assert not page.card.buttons["residence"].isHidden()


def test_backup_to_a_folder_and_restore(qtbot, demo_ctx, tmp_path, monkeypatch):
    from desktop_app.ui.pages.settings import SettingsPage

    _as(demo_ctx, "admin")
    page = _page(qtbot, SettingsPage, demo_ctx)
    box = page.backup_box
    stick = tmp_path / "usb"
    stick.mkdir()
    box.ask_folder = lambda: str(stick)
    box.backup_button.click()
    copies = list(stick.glob("*.sqlite3"))
    assert len(copies) == 1 and str(copies[0]) in box.status.text()
    box.ask_file = lambda: str(copies[0])
    asked = []
    box.confirm = lambda text: asked.append(text) or True
    box.inform = lambda text: asked.append(text)
    assert box.restore()
    assert "before-restore" in asked[0]
    assert list(demo_ctx.data_dir.glob("akimat.before-restore-*.sqlite3"))


def test_backup_buttons_are_off_for_a_specialist(qtbot, demo_ctx):
    from desktop_app.ui.pages.settings import SettingsPage

    _as(demo_ctx, "specialist")
    page = _page(qtbot, SettingsPage, demo_ctx)
    assert not page.backup_box.backup_button.isEnabled()
    assert not page.backup_box.restore_button.isEnabled()
    assert not page.backup_box.lock_minutes.isEnabled()


def test_audit_actions_are_words_with_the_code_in_a_tooltip(qtbot, demo_ctx):
    import re

    from PySide6.QtCore import Qt

    _as(demo_ctx, "admin")
    page = _page(qtbot, AuditPage, demo_ctx)
    model = page.model
    codes = {r.action for r in model.rows()}
    assert codes
    for row in range(model.rowCount()):
        index = model.index(row, 3)
        shown = model.data(index, Qt.ItemDataRole.DisplayRole)
        tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
        code = tip.rsplit(" ", 1)[-1]  # "Code in the log: application.take", in words
        assert code in codes and shown != code and re.search("[а-яәіңғүұқөһ]", tip.lower())
        assert re.search("[а-яәіңғүұқөһ]", shown.lower()), (code, shown)


@pytest.mark.parametrize("lang, words, stored", [
    ("kk", "Тіркеу нөмірі: KRG-ABAY-KOKSU-2026-", "Журналда жазылғаны: "),
    ("ru", "Регистрационный номер: KRG-ABAY-KOKSU-2026-", "Как записано в журнале: "),
])
def test_audit_details_are_in_words_and_the_stored_form_in_the_tooltip(qtbot, demo_ctx, lang,
                                                                       words, stored):
    from PySide6.QtCore import Qt

    from desktop_app.i18n import Translator, install

    install(Translator(lang))
    try:
        _as(demo_ctx, "admin")
        page = _page(qtbot, AuditPage, demo_ctx)
        row = next(i for i, r in enumerate(page.model.rows()) if r.action == "application.take")
        cell = page.model.index(row, 5)
        assert words in cell.data() and "reg_no" not in cell.data()
        tip = cell.data(Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith(stored) and "reg_no: KRG-ABAY-KOKSU-2026-" in tip
        rows = [r for r in page.model.rows() if r.action == "application.handover"]
        pdf = audit.export_pdf(demo_ctx, rows, language=lang)
        text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
                        .split())
        assert "signature_taken" not in text and "handed_on" not in text
        assert {"kk": "Қолы алынды: Иә", "ru": "Подпись получена: Да"}[lang] in text
    finally:
        install(Translator("kk"))
