"""One walk through the whole interface for tests: the village's and the district's main windows,
every page (and every tab of it), and every dialog a page opens — the way the page opens it (its
button or slot), with modal `exec()` turned into a non-blocking `show()`. A `check(widget, where)`
callback sees each state: the main window after each page or tab, each dialog once when it shows.

`walked_classes` and `ALL_DIALOGS` let a test fail when a new dialog class is not walked.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QApplication, QDialog, QFileDialog, QMessageBox, QPushButton,
                               QTabWidget, QWidget)

from desktop_app.i18n import _

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar
LAPTOP_SCREEN = QRect(0, 0, 1366, 768)

Check = Callable[[QWidget, str], None]

# base classes that are never shown by themselves
ABSTRACT_DIALOGS = {"desktop_app.ui.dialogs.save_dialog.SaveDialog",
                    "desktop_app.ui.dialogs.user_edit._FormDialog"}


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def all_dialog_classes() -> set[str]:
    """Every QDialog subclass defined in desktop_app.ui (all its modules imported)."""
    import desktop_app.ui

    for info in pkgutil.walk_packages(desktop_app.ui.__path__, "desktop_app.ui."):
        importlib.import_module(info.name)
    found: set[str] = set()
    stack: list[type] = [QDialog]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("desktop_app.ui"):
                found.add(_name(sub))
    return found - ABSTRACT_DIALOGS


class Walk:
    """Patches Qt's blocking calls for one test and runs the walk; `check` sees every state."""

    def __init__(self, qtbot, monkeypatch, check: Check) -> None:
        self.qtbot = qtbot
        self.check = check
        self.seen: dict[int, QWidget] = {}      # dialogs already checked (kept alive: ids stay)
        self.walked_classes: set[str] = set()
        self.places: list[str] = []
        self.esc_kept: list[str] = []           # dialogs that Esc did not close
        self.files: list[Path] = []             # what the next file picker answers
        self.folder: Path | None = None
        monkeypatch.setattr(QScreen, "availableGeometry", lambda _s: QRect(LAPTOP))
        monkeypatch.setattr(QScreen, "geometry", lambda _s: QRect(LAPTOP_SCREEN))

        def shown(dialog, *_a, **_k):
            dialog.show()
            return int(QDialog.DialogCode.Rejected)

        for cls in (QDialog, QMessageBox, QPrintDialog):
            monkeypatch.setattr(cls, "exec", shown)

        def box(icon):
            def ask(parent, title, text, buttons=QMessageBox.StandardButton.Yes
                    | QMessageBox.StandardButton.No,
                    default=QMessageBox.StandardButton.NoButton):
                b = QMessageBox(icon, title, text, buttons, parent)
                b.show()
                self.sweep("message box")
                for answer in (QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.No):
                    if buttons & answer:
                        return answer
                return QMessageBox.StandardButton.Ok
            return staticmethod(ask)

        monkeypatch.setattr(QMessageBox, "question", box(QMessageBox.Icon.Question))
        monkeypatch.setattr(QMessageBox, "information", box(QMessageBox.Icon.Information))
        monkeypatch.setattr(QMessageBox, "warning", box(QMessageBox.Icon.Warning))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                            staticmethod(lambda *a, **k: str(self.folder or "")))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
            lambda *a, **k: (str(self.files[0]) if self.files else "", "")))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(
            lambda *a, **k: ([str(f) for f in self.files], "")))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))

    # what the walk does at each step ------------------------------------------------------------
    def look(self, widget: QWidget, where: str) -> None:
        """Check a window as it stands now."""
        self.places.append(where)
        self.check(widget, where)

    def sweep(self, where: str, *, close: bool = True) -> list[QDialog]:
        """Check every dialog that shows now and was not checked yet; close them if `close`."""
        QApplication.processEvents()
        found = []
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible() and id(w) not in self.seen:
                self.seen[id(w)] = w
                self.walked_classes.add(_name(type(w)))
                found.append(w)
                self.look(w, f"{where}: {type(w).__name__} «{w.windowTitle()}»")
                for tabs in w.findChildren(QTabWidget):
                    for i in range(1, tabs.count()):
                        tabs.setCurrentIndex(i)
                        self.look(w, f"{where}: {type(w).__name__} tab {i}")
        if close:
            self.close_dialogs()
        return found

    def close_dialogs(self) -> None:
        """Close what is open the way a person does: Esc (a dialog it leaves open is noted),
        then, whatever stayed, as Cancel would."""
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and shiboken6.isValid(w) and w.isVisible():
                target = w.focusWidget() or w
                QTest.keyClick(target, Qt.Key.Key_Escape)
                QApplication.processEvents()
                if shiboken6.isValid(w) and w.isVisible():
                    self.esc_kept.append(f"{type(w).__name__} «{w.windowTitle()}»")
                    QDialog.done(w, int(QDialog.DialogCode.Rejected))
        QApplication.processEvents()

    def step(self, where: str, action: Callable[[], object]) -> object:
        result = action()
        self.sweep(where)
        return result

    # the main windows ---------------------------------------------------------------------------
    def main_window(self, ctx, label: str):
        from desktop_app.ui import main_window as mw
        from desktop_app.ui.app_wide import fit_within

        window = mw.create_main_window(ctx)
        self.qtbot.addWidget(window)
        fit_within(window, 1280, 780, LAPTOP)  # what the app does on a first start
        window.show()
        self.walked_classes.add(_name(type(window)))
        return window

    def pages(self, window, label: str) -> None:
        """Every page (every tab of it) of the window, then each page's dialogs."""
        for key in list(window.pages):
            window.show_page(key)
            page = window.pages[key]
            self.sweep(f"{label}/{key} opening")
            self.look(window, f"{label}/{key}")
            for tabs in page.findChildren(QTabWidget):
                for i in range(tabs.count()):
                    if tabs.isTabVisible(i):
                        tabs.setCurrentIndex(i)
                        self.look(window, f"{label}/{key} tab {tabs.tabText(i)!r}")
                tabs.setCurrentIndex(0)
            opener = OPENERS.get(key)
            if opener is not None:
                opener(self, page, f"{label}/{key}")
            self.close_dialogs()
        self.step(f"{label} F1", window.show_shortcuts)  # the keyboard shortcuts sheet


# what each page opens ----------------------------------------------------------------------------
def _click(walk: Walk, button, where: str) -> None:
    walk.step(where, button.click)


def _today(walk: Walk, page, where: str) -> None:
    for section in page.sections.values():
        if section.model.rowCount() > 0:
            walk.step(f"{where} open a row", lambda s=section: s.open_row(0))
            break
    window = page.window()
    if hasattr(page, "urgent_button"):
        walk.step(f"{where} urgent export", page.urgent_button.click)
    window.show_page("today")


def _reception(walk: Walk, page, where: str) -> None:
    walk.step(f"{where} save an empty form", page.save)        # the inline errors
    walk.step(f"{where} add member", page.add_member)          # MemberDialog (exec)
    page.iin.setText("900101300123") if hasattr(page, "iin") else None
    from desktop_app.ui.pages.reception import ask_discard
    walk.step(f"{where} ask to discard", lambda: ask_discard(page))
    page.reset()


def _households(walk: Walk, page, where: str) -> None:
    if page.proxy.rowCount() == 0:
        return
    page.table.selectRow(0)
    page._show_selected()
    card = page.card
    hh = card.household
    for i in range(card.tabs.count()):
        card.tabs.setCurrentIndex(i)
        walk.look(page.window(), f"{where} card tab {i}")
    card.tabs.setCurrentIndex(0)
    member = hh.members[-1].person.id
    card.select_person(member)
    for kind in card.buttons:
        walk.step(f"{where} certificate {kind}", lambda k=kind: page.issue_certificate(k, member))
    for key in card.book.actions_:
        walk.step(f"{where} book {key}", lambda k=key: card.book.run(k))


def _applications(walk: Walk, page, where: str) -> None:
    from desktop_app.ui.dialogs.lifecycle import DIALOGS

    for button in page.findChildren(QPushButton):
        if button.objectName() in ("openRegisters", "recordComplaintButton",
                                   "reviewComplaintButton") and button.isEnabled():
            walk.step(f"{where} {button.objectName()}", button.click)
    if page.proxy.rowCount() == 0:
        return
    # one application in each status: every lifecycle dialog where it applies
    opened: set[str] = set()
    for row in range(page.proxy.rowCount()):
        details = page.open_details(row)
        walk.sweep(f"{where} details", close=False)
        for key in DIALOGS:
            if key in opened:
                continue
            dialog = details.open_action(key)
            if dialog is not None:
                opened.add(key)
            walk.sweep(f"{where} details {key}", close=False)
            for w in QApplication.topLevelWidgets():
                if w is not details and isinstance(w, QDialog) and w.isVisible():
                    QDialog.done(w, 0)
        QDialog.done(details, 0)
        if opened == set(DIALOGS):
            break
    walk.close_dialogs()


def _handover(walk: Walk, page, where: str) -> None:
    for table, proxy, button in ((page.ready_table, page.ready_proxy, page.handover_button),
                                 (page.forward_table, page.forward_proxy, page.delivery_button)):
        if proxy.rowCount():
            table.selectRow(0)
        walk.step(f"{where} {button.objectName()}", button.click)


def _sync(walk: Walk, page, where: str) -> None:
    walk.step(f"{where} trust", page.trust_button.click)


def _public_works(walk: Walk, page, where: str) -> None:
    walk.step(f"{where} add participant", page.add_participant)


def _reports(walk: Walk, page, where: str) -> None:
    if hasattr(page, "lists"):
        for i in range(page.lists.count()):
            page.lists.setCurrentIndex(i)
            walk.look(page.window(), f"{where} list {i}")


def _parameters(walk: Walk, page, where: str) -> None:
    walk.step(f"{where} add value", page.add_value)
    walk.step(f"{where} add day", page.calendar.add_day)


def _users(walk: Walk, page, where: str) -> None:
    walk.step(f"{where} add user", page.add_user)
    if page.selected() is None:
        page.table.selectRow(0)
    for slot in (page.edit_user, page.change_password, page.edit_roles):
        walk.step(f"{where} {slot.__name__}", slot)


def _settings(walk: Walk, page, where: str) -> None:
    if hasattr(page, "office_button"):
        walk.step(f"{where} office", page.office_button.click)
    if hasattr(page, "district_button"):
        walk.step(f"{where} make district", page.district_button.click)


def _district_offices(walk: Walk, page, where: str) -> None:
    walk.step(f"{where} trust", page.trust_button.click)


def _district_decisions(walk: Walk, page, where: str) -> None:
    page.table.selectRow(0)
    for button in (page.decision_button, page.referral_button, page.inspection_button):
        walk.step(f"{where} {button.objectName()}", button.click)


OPENERS: dict[str, Callable[[Walk, object, str], None]] = {
    "today": _today, "reception": _reception, "households": _households,
    "applications": _applications, "handover": _handover, "sync": _sync,
    "public_works": _public_works, "reports": _reports, "district_reports": _reports,
    "parameters": _parameters, "users": _users, "settings": _settings,
    "district_offices": _district_offices, "district_decisions": _district_decisions,
}


# windows that open outside the main window ------------------------------------------------------
def outside(walk: Walk, ctx, tmp_path: Path) -> None:
    """Start-up, sign-in, first run, the lock screen, the preview, error boxes."""
    from desktop_app.services import applications, papers
    from desktop_app.ui import errors
    from desktop_app.ui.dialogs import startup
    from desktop_app.ui.dialogs.first_run import FirstRunDialog
    from desktop_app.ui.dialogs.sign_in import SignInDialog
    from desktop_app.ui.pdf_preview import open_preview

    sign_in = SignInDialog(ctx)
    walk.qtbot.addWidget(sign_in)
    walk.step("sign-in", sign_in.exec)
    first = FirstRunDialog(tmp_path / "new-office", single_instance=False)
    walk.qtbot.addWidget(first)
    first.show()
    walk.sweep("first run", close=False)
    for i in range(1, first.stack.count()):
        first.stack.setCurrentIndex(i)
        walk.look(first, f"first run page {i}")
    walk.close_dialogs()
    from desktop_app.services.startup import damaged_error

    damaged = damaged_error(ctx.data_dir, ctx.db_path, "file is not a database")
    walk.step("damaged file", lambda: startup.DamagedFileDialog(damaged, ctx.data_dir).exec())
    walk.step("already open", lambda: startup.already_running(damaged))
    walk.step("error box", lambda: errors.show_error(None, damaged))
    walk.step("crash box", lambda: errors.show_crash(None, RuntimeError("boom")))
    row = applications.work_list(ctx)[0].row
    title = _("Receipt No. {reg_no}").format(reg_no=row.reg_no)
    walk.step("preview", lambda: open_preview(papers.receipt_pdf(ctx, row.reg_no)[0], title,
                                              None))


# the district -----------------------------------------------------------------------------------
def district_ctx(template_dirs, tmp_path: Path):
    """A district office with one village's batch imported (applications to decide, one with a
    decision so that referrals and inspections apply); returns (district, village)."""
    from desktop_app.services import sync
    from tests.integration.test_round_trip import linked, take

    office, dist, stick, office_key, _peer = linked(template_dirs["empty"],
                                                    tmp_path / "linked")
    take(office, 3)
    batch = sync.export_batch(office, stick)
    sync.import_batches(dist, [batch.path])
    return dist, office, office_key


def with_user(ctx, **changes):
    ctx.user = dataclasses.replace(ctx.user, **changes)
    return ctx


def new_office(template_dirs, tmp_path: Path):
    """A real office just set up, with no data yet (its administrator at the desk)."""
    from desktop_app.services import office_setup
    from tests.integration.test_round_trip import open_folder
    from tests.unit.test_office_setup import typed_draft

    ctx = open_folder(template_dirs["empty"], tmp_path / "fresh")
    office_setup.set_up_office(ctx, typed_draft())
    return ctx
