"""Desk time, measured by real key events with no mouse at all (see tests/ui/desk.py).

Definition: one action is one key press (a chord such as Ctrl+K or Alt+letter counts once), and
the text typed into one field in one go counts as one action (a typing burst, like a paste); the
typed characters are counted and printed beside it. Run with -s to see the counts.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.services import applications, households, papers
from desktop_app.ui.forms.member_dialog import MemberDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pdf_preview import PdfPreviewDialog
from tests.ui.desk import Desk, MouseTrap

CERTIFICATE_TARGET = 8


@pytest.fixture
def no_mouse(qapp):
    trap = MouseTrap()
    qapp.installEventFilter(trap)
    yield trap
    qapp.removeEventFilter(trap)
    assert not trap.seen, trap.seen


def _tsa_recipient(ctx):
    """A person of the demo village whose TSA covers this quarter, with a name only they bear."""
    hits = households.find_persons(ctx, "")
    names = [h.full_name for h in hits]
    for hit in hits:
        if hit.household_id and names.count(hit.full_name) == 1 \
                and papers.refusal_of(ctx, "tsa_certificate", hit.id) is None:
            return hit
    raise AssertionError("the demo village has no TSA recipient")


def _documents_folder(tmp_path, monkeypatch):
    """The save dialog opens on an empty Documents folder of its own."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    return home / "Documents"


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def test_tsa_certificate_from_the_search_to_the_print(qtbot, demo_ctx, no_mouse, tmp_path,
                                                      monkeypatch):
    person = _tsa_recipient(demo_ctx)
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    issued_before = len(applications.work_list(demo_ctx))
    desk = Desk(qtbot, window)

    desk.key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier, "Ctrl+K: the search")
    assert desk.focus() is window.search
    desk.type(person.full_name, "the person's name")
    desk.key(Qt.Key.Key_Return, note="Enter: the first hit, the household opens")
    page = window.pages["households"]
    assert window.current_key() == "households"
    assert page.card.selected_person() == person.id

    button = page.card.buttons["tsa_recipient"]
    from PySide6.QtGui import QKeySequence
    mnemonic = QKeySequence.mnemonic(button.text())[0]
    desk.key(mnemonic.key(), mnemonic.keyboardModifiers(), "Alt+letter: TSA recipient certificate")
    qtbot.waitUntil(lambda: page.confirm_dialog is not None and page.confirm_dialog.isVisible())
    qtbot.waitUntil(lambda: page.confirm_dialog.isAncestorOf(QApplication.focusWidget()))
    desk.key(Qt.Key.Key_Return, note="Enter: take the number")
    qtbot.waitUntil(lambda: bool(window.previews))
    preview: PdfPreviewDialog = window.previews[-1]
    qtbot.waitUntil(preview.isActiveWindow)
    assert len(applications.work_list(demo_ctx)) == issued_before + 1

    # the paper is saved as a PDF (no printer needed): Ctrl+S, then Enter on the suggested name
    documents = _documents_folder(tmp_path, monkeypatch)
    desk.in_modal(lambda dialog: desk.key(Qt.Key.Key_Return, note="Enter: save"))
    desk.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, "Ctrl+S: save as PDF")
    saved = list(documents.glob("*.pdf"))
    assert len(saved) == 1 and saved[0].read_bytes().startswith(b"%PDF")
    assert person.full_name.split()[0] in pdf_text(saved[0].read_bytes())
    print("\n" + desk.report("TSA-recipient certificate, search to print"))
    print("  " + " → ".join(desk.log))
    assert desk.actions <= CERTIFICATE_TARGET


def test_tsa_certificate_from_the_households_search_field(qtbot, demo_ctx, no_mouse, tmp_path,
                                                          monkeypatch):
    """The same paper from the Households page's own search: Ctrl+<its number> puts the keyboard
    in the search field, Enter searches and goes to the list (the person's household chosen)."""
    person = _tsa_recipient(demo_ctx)
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    desk = Desk(qtbot, window)
    number = list(window.pages).index("households") + 1
    desk.key(Qt.Key.Key_0 + number, Qt.KeyboardModifier.ControlModifier, f"Ctrl+{number}")
    page = window.pages["households"]
    assert desk.focus() is page.search
    desk.type(person.iin, "the person's IIN")
    desk.key(Qt.Key.Key_Return, note="Enter: search, the list")
    assert desk.focus() is page.table and page.card.selected_person() == person.id
    from PySide6.QtGui import QKeySequence
    mnemonic = QKeySequence.mnemonic(page.card.buttons["tsa_recipient"].text())[0]
    desk.key(mnemonic.key(), mnemonic.keyboardModifiers(), "Alt+letter: TSA recipient certificate")
    qtbot.waitUntil(lambda: page.confirm_dialog is not None
                    and page.confirm_dialog.isAncestorOf(QApplication.focusWidget()))
    desk.key(Qt.Key.Key_Return, note="Enter: take the number")
    qtbot.waitUntil(lambda: bool(window.previews) and window.previews[-1].isActiveWindow())
    documents = _documents_folder(tmp_path, monkeypatch)
    desk.in_modal(lambda dialog: desk.key(Qt.Key.Key_Return, note="Enter: save"))
    desk.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, "Ctrl+S: save as PDF")
    assert len(list(documents.glob("*.pdf"))) == 1
    print("\n" + desk.report("TSA-recipient certificate, Households search field to print"))
    assert desk.actions <= CERTIFICATE_TARGET


APPLICATION_TARGET = 70


def test_five_person_tsa_application_to_the_printed_receipt(qtbot, ctx, no_mouse, tmp_path,
                                                            monkeypatch):
    """A family of five asks for TSA: the service, the applicant, the applicant's work and wage,
    the spouse with her wage, three children, every document presented, the summary confirmed
    and the receipt saved — with the keyboard only."""
    import datetime as dt

    from desktop_app.domain.household import MemberStatus, Relation, Sex
    from desktop_app.domain.iin import make_iin
    from tests.ui.desk import alt_to

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    desk = Desk(qtbot, window)
    number = list(window.pages).index("reception") + 1
    desk.key(Qt.Key.Key_0 + number, Qt.KeyboardModifier.ControlModifier, f"Ctrl+{number}")
    page = window.pages["reception"]
    assert desk.focus() is page.picker.search
    desk.type("атаулы", "the service")
    desk.key(Qt.Key.Key_Return, note="Enter: TSA chosen, on to the IIN")
    assert page.spec.id == "tsa" and desk.focus() is page.applicant.iin_edit

    a = page.applicant
    desk.type(make_iin(dt.date(1984, 3, 12), Sex.MALE, serial=101), "applicant's IIN")
    desk.tab()
    assert desk.focus() is a.surname
    desk.type("Жұмабаев", "surname")
    desk.tab()
    desk.type("Ерлан", "given name")
    alt_to(desk, a.address)
    desk.type("Көксу ауылы, Абай к-сі 7", "address")

    def member(iin: str, surname: str, given: str, wage: str = "", working: bool = False):
        """Fill the member dialog that is up: identity, work and a wage in each month, Enter."""
        def fill(dialog) -> None:
            if iin:
                assert desk.focus() is dialog.iin_edit
                desk.type(iin, "member's IIN")
                desk.tab()
                desk.type(surname, "surname")
                desk.tab()
                desk.type(given, "given name")
            if working:
                if not dialog.status_boxes[MemberStatus.WORKING].hasFocus():
                    alt_to(desk, dialog.status_boxes[MemberStatus.WORKING].parentWidget())
                desk.key(Qt.Key.Key_Space, note="Space: working")
            if wage:
                alt_to(desk, next(iter(dialog.income_boxes.values())).parentWidget())
                for i in range(3):
                    if i:
                        desk.tab()
                    desk.type(wage, "wage of a month")
            desk.key(Qt.Key.Key_Return, note="Enter: the member is in")
        return fill

    # the applicant's own work and wage: Edit opens the applicant's row
    desk.in_modal(member("", "", "", "60000", working=True), MemberDialog)
    alt_to(desk, page.household.edit_button)
    qtbot.waitUntil(lambda: bool(page.household.model.member(0).incomes or desk.unexpected))
    assert not desk.unexpected, desk.unexpected
    desk.in_modal(member(make_iin(dt.date(1987, 6, 2), Sex.FEMALE, 202), "Жұмабаева", "Айгүл",
                         "20000", working=True), MemberDialog)
    desk.key(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier, "Ctrl+M: a member")
    for born, sex, serial, surname, given in (
            (dt.date(2012, 1, 20), Sex.MALE, 303, "Жұмабаев", "Нұрлан"),
            (dt.date(2016, 9, 9), Sex.FEMALE, 404, "Жұмабаева", "Дана"),
            (dt.date(2021, 4, 30), Sex.MALE, 505, "Жұмабаев", "Әли")):
        desk.in_modal(member(make_iin(born, sex, serial), surname, given), MemberDialog)
        desk.key(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier, "Ctrl+M: a member")
    members = page.household.model.members()
    assert len(members) == 5
    assert [m.relation for m in members] == [Relation.APPLICANT, Relation.SPOUSE,
                                             Relation.CHILD, Relation.CHILD, Relation.CHILD]
    assert all(MemberStatus.CHILD in m.statuses for m in members[2:])
    assert page.household.total_income() == 3 * 60000 + 3 * 20000

    desk.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
             | Qt.KeyboardModifier.ShiftModifier, "Ctrl+Shift+A: every document presented")
    assert not page.checklist.unmarked()
    desk.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, "Ctrl+S: the summary")
    qtbot.waitUntil(lambda: page.confirm_dialog is not None
                    and page.confirm_dialog.isAncestorOf(QApplication.focusWidget()))
    desk.key(Qt.Key.Key_Return, note="Enter: take the number")
    qtbot.waitUntil(lambda: bool(window.previews) and window.previews[-1].isActiveWindow())
    app = next(iter(ctx.db.query("SELECT * FROM applications")))
    assert app["status"] == "registered"
    assert len(list(ctx.db["persons"].rows)) == 5

    documents = _documents_folder(tmp_path, monkeypatch)
    desk.in_modal(lambda dialog: desk.key(Qt.Key.Key_Return, note="Enter: save"))
    desk.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, "Ctrl+S: save the receipt")
    saved = list(documents.glob("*.pdf"))
    assert len(saved) == 1 and app["reg_no"] in pdf_text(saved[0].read_bytes()).replace("\n", "")
    print("\n" + desk.report("Five-person TSA application, service to printed receipt"))
    print("  " + " → ".join(desk.log))
    assert desk.actions <= APPLICATION_TARGET


def test_the_mouse_trap_sees_a_click(qtbot, qapp):
    """The trap the scenarios rely on does catch a mouse button."""
    from PySide6.QtWidgets import QPushButton

    trap = MouseTrap()
    qapp.installEventFilter(trap)
    try:
        button = QPushButton("x")
        qtbot.addWidget(button)
        button.show()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        qapp.removeEventFilter(trap)
    assert any(seen.startswith("MouseButtonPress") for seen in trap.seen)
