"""Small office gaps closed: a complaint recorded from the Applications page (talon shown), the
notice and referral printed from the hand-over page, the notice signers in the office settings,
and the Қазақша / Русский switch on the first-run dialog (stored with the new office)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.i18n import Translator, active
from desktop_app.services import notice_signers, office_setup, preferences
from desktop_app.ui.dialogs.first_run import FirstRunDialog
from desktop_app.ui.dialogs.office_settings import OfficeSettingsDialog
from desktop_app.ui.pages.applications import ApplicationsPage
from desktop_app.ui.pages.handover import HandoverPage
from tests.conftest import fixed_clock
from tests.ui.test_reception import pdf_text, type_text
from tests.unit.test_office_setup import typed_draft

SHOTS = "/tmp/gaps"


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_complaint_recorded_from_the_applications_page_shows_its_talon(qtbot, demo_ctx):
    page = ApplicationsPage(demo_ctx)
    qtbot.addWidget(page)
    changed, pdfs = [], []
    page.changed.connect(changed.append)
    page.show_pdf.connect(lambda pdf, title: pdfs.append((pdf, title)))
    click(qtbot, page.findChild(QPushButton, "recordComplaintButton"))
    d = page.complaint_dialog
    click(qtbot, d.record_button)                      # nothing typed: refused, nothing written
    assert not d.reg_no and not pdfs
    type_text(qtbot, d.complainant, "Сәрсенова Айгүл")
    type_text(qtbot, d.subject, "Жауап уақытында берілмеді")
    d.channel.setCurrentIndex(d.channel.findData("written"))
    type_text(qtbot, d.phone, "87011234567")
    d.grab().save(f"{SHOTS}/complaint.png")
    click(qtbot, d.record_button)
    assert d.reg_no and changed and len(pdfs) == 1
    text = " ".join(pdf_text(pdfs[0][0]).split())
    assert d.reg_no in text and "Сәрсенова Айгүл" in text and d.reg_no in pdfs[0][1]
    row = demo_ctx.db.execute("SELECT channel, phone FROM complaints WHERE reg_no = ?",
                              [d.reg_no]).fetchone()
    assert tuple(row) == ("written", "87011234567")


def test_handover_page_prints_the_notice_and_the_referral(qtbot, demo_ctx):
    page = HandoverPage(demo_ctx)
    qtbot.addWidget(page)
    assert page.ready_proxy.rowCount() > 0
    pdfs = []
    page.show_pdf.connect(lambda pdf, title: pdfs.append((pdf, title)))
    page.ready_table.selectRow(0)
    item = page.ready_proxy.item_at(0)
    notice_signers.set_signers(demo_ctx, notice_signers.Signers(head="Ахметов Арман"))
    click(qtbot, page.notice_button)
    assert len(pdfs) == 1 and item.row.reg_no in pdfs[0][1]
    assert "Ахметов Арман" in " ".join(pdf_text(pdfs[0][0]).split())
    uuid = demo_ctx.db.execute("SELECT uuid FROM applications WHERE id = ?",
                               [item.row.id]).fetchone()[0]
    demo_ctx.db["referrals"].insert({
        "uuid": "ref-h", "application_uuid": uuid, "office_code": demo_ctx.office.code,
        "kind": "training", "issued_on": "2026-11-10", "place": "Абай колледжі", "note": "",
        "valid_until": "2026-12-10", "issued_by": "d", "updated_at": "2026-11-10T10:00:00"})
    click(qtbot, page.referral_button)
    assert len(pdfs) == 2 and "Абай колледжі" in " ".join(pdf_text(pdfs[1][0]).split())
    page.resize(1100, 700)
    page.grab().save(f"{SHOTS}/handover.png")


def test_office_settings_keep_the_notice_signers(qtbot, ctx):
    office_setup.set_up_office(ctx, typed_draft())
    dialog = OfficeSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    seen = []
    dialog.changed.connect(seen.append)
    type_text(qtbot, dialog.head_edit, "Ахметов Арман")
    qtbot.keyClicks(dialog.executor_phone_edit, "8 701 000 00 00")
    dialog.grab().save(f"{SHOTS}/office_settings.png")
    dialog.save()
    assert seen and seen[0].settings
    assert notice_signers.get_signers(ctx) == notice_signers.Signers(
        "Ахметов Арман", "", "8 701 000 00 00")
    again = OfficeSettingsDialog(ctx)
    qtbot.addWidget(again)
    assert again.head_edit.text() == "Ахметов Арман"


def test_first_run_switches_language_and_stores_it(qtbot, tmp_path):
    d = FirstRunDialog(tmp_path / "office", clock=fixed_clock)
    qtbot.addWidget(d)
    kk_text = d.setup_button.text()
    click(qtbot, d.language_buttons["ru"])
    assert active().locale == "ru" and d.language == "ru"
    assert d.setup_button.text() == Translator("ru").gettext("Set up my office")
    assert d.language_buttons["ru"].isChecked() and not d.language_buttons["kk"].isChecked()
    d.grab().save(f"{SHOTS}/first_run_ru.png")
    click(qtbot, d.language_buttons["kk"])
    assert d.setup_button.text() == kk_text
    click(qtbot, d.language_buttons["ru"])
    click(qtbot, d.setup_button)
    d.typed_radio.setChecked(True)
    click(qtbot, d.next_button)
    d.office_form.set_draft(typed_draft())
    click(qtbot, d.next_button)
    d.admin_form.edits["login"].setText("boss")
    d.admin_form.edits["full_name"].setText("Boss")
    for key in ("password", "password2"):
        d.admin_form.edits[key].setText("Steppe-Wind-2026")
    click(qtbot, d.finish_button)
    try:
        assert d.choice == "office" and preferences.get_language(d.ctx) == "ru"
    finally:
        d.ctx.close()


def test_no_language_switch_when_setting_up_over_the_demo(qtbot, ctx):
    d = FirstRunDialog(ctx=ctx)
    qtbot.addWidget(d)
    assert d.language_bar is None
