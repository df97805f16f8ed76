"""The Reception page end to end: real widgets driven as a specialist would, real SQLite and
real PDFs."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from desktop_app.i18n import Translator
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pypdf import PdfReader

from desktop_app.domain.application import PRESENTED_LABELS, Presented
from desktop_app.domain.household import (
    IncomeKind, MemberStatus, Relation, Sex, previous_quarter, quarter_months,
)
from desktop_app.domain.iin import make_iin
from desktop_app.ui.forms.member_dialog import MemberDialog
from desktop_app.ui.pages.reception import ReceptionPage
from tests.ui.keys import type_text

APPLICANT_IIN = make_iin(dt.date(1984, 3, 12), Sex.MALE, serial=101)


def confirm(qtbot, page: ReceptionPage) -> None:
    """Enter on the summary shown before the number is taken."""
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Return)


def save_confirmed(qtbot, page: ReceptionPage):
    """Save (Ctrl+S's action) and confirm: the application taken, or None when refused."""
    before = page.last_saved
    if page.save() is None:
        return None
    confirm(qtbot, page)
    return page.last_saved if page.last_saved is not before else None


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def count(ctx, table: str, where: str = "1", params=()) -> int:
    return ctx.db.execute(f"SELECT count(*) FROM {table} WHERE {where}", list(params)).fetchone()[0]


@pytest.fixture
def page(qtbot, ctx):
    p = ReceptionPage(ctx)
    qtbot.addWidget(p)
    p.resize(1300, 850)
    p.show()
    pdfs: list[tuple[bytes, str]] = []
    changes: list = []
    p.show_pdf.connect(lambda data, title: pdfs.append((data, title)))
    p.changed.connect(changes.append)
    p.pdfs, p.changes_seen = pdfs, changes
    return p


def pick_service(qtbot, page: ReceptionPage, text: str, service_id: str) -> None:
    page.focus_search()
    type_text(qtbot, page.picker.search, text)
    qtbot.keyClick(page.picker.search, Qt.Key.Key_Return)
    assert page.spec is not None and page.spec.id == service_id


def fill_applicant(qtbot, page: ReceptionPage, iin: str, surname: str, given: str,
                   address: str = "", *, mark: bool = True) -> None:
    a = page.applicant
    type_text(qtbot, a.iin_edit, iin)
    assert a.iin_edit.is_valid()
    type_text(qtbot, a.surname, surname)
    type_text(qtbot, a.given_name, given)
    type_text(qtbot, a.patronymic, "Серікұлы")
    if address:
        type_text(qtbot, a.address, address)
        a.address.editingFinished.emit()
    if mark:
        mark_all(qtbot, page)


def mark_all(qtbot, page: ReceptionPage) -> None:
    """Ctrl+Shift+A: every document the citizen brought, each the natural way for its form."""
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.applicant.surname, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not page.checklist.unmarked()


def run_modal(trigger, fill) -> None:
    """Trigger a modal dialog and fill it from inside its own event loop."""
    def handle() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, QDialog), dlg
        try:
            fill(dlg)
        finally:
            if dlg.isVisible():
                dlg.reject()
    QTimer.singleShot(0, handle)
    trigger()


def member_filler(qtbot, iin: str, surname: str, given: str, relation: Relation,
                  statuses=(), wage: float = 0.0):
    def fill(dlg: MemberDialog) -> None:
        type_text(qtbot, dlg.iin_edit, iin)
        assert dlg.iin_edit.is_valid(), dlg.iin_edit.error_label.text()
        assert dlg.birth_date.date().toPython() == dt.date(int(iin[:2]) + 2000 if iin[6] in "56"
                                                           else int(iin[:2]) + 1900,
                                                           int(iin[2:4]), int(iin[4:6]))
        type_text(qtbot, dlg.surname, surname)
        type_text(qtbot, dlg.given_name, given)
        dlg.relation.setCurrentIndex(dlg.relation.findData(relation.value))
        for status in statuses:
            dlg.status_boxes[status].setChecked(True)
        if wage:
            for month in dlg._months:
                dlg.set_income(IncomeKind.WAGE, month, wage)
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    return fill


def test_tsa_family_of_five_end_to_end(qtbot, page, ctx):
    pick_service(qtbot, page, "атаулы", "tsa")
    assert page.household_box.isVisible()
    assert page.inspection_row.isVisible()
    fill_applicant(qtbot, page, APPLICANT_IIN, "Жұмабаев", "Ерлан", "Көксу ауылы, Абай к-сі 7",
                   mark=False)
    assert page.applicant.birth_date.date().toPython() == dt.date(1984, 3, 12)
    assert page.household.address.text() == "Көксу ауылы, Абай к-сі 7"

    months = quarter_months(*previous_quarter(ctx.now().date()))
    assert months == [dt.date(2026, 7, 1), dt.date(2026, 8, 1), dt.date(2026, 9, 1)]
    # the applicant's own statuses and wage, through the same dialog
    run_modal(lambda: page.household.edit_member(0), lambda dlg: (
        dlg.status_boxes[MemberStatus.WORKING].setChecked(True),
        [dlg.set_income(IncomeKind.WAGE, m, 60000) for m in months],
        dlg.accept()))

    family = [
        (make_iin(dt.date(1987, 6, 2), Sex.FEMALE, 202), "Жұмабаева", "Айгүл", Relation.SPOUSE,
         (MemberStatus.PARENTAL_LEAVE,), 20000.0),
        (make_iin(dt.date(2012, 1, 20), Sex.MALE, 303), "Жұмабаев", "Нұрлан", Relation.CHILD,
         (MemberStatus.CHILD,), 0.0),
        (make_iin(dt.date(2016, 9, 9), Sex.FEMALE, 404), "Жұмабаева", "Дана", Relation.CHILD,
         (MemberStatus.CHILD,), 0.0),
        (make_iin(dt.date(2021, 4, 30), Sex.MALE, 505), "Жұмабаев", "Әли", Relation.CHILD,
         (MemberStatus.CHILD,), 0.0),
    ]
    for iin, surname, given, relation, statuses, wage in family:
        run_modal(page.add_member, member_filler(qtbot, iin, surname, given, relation,
                                                 statuses, wage))
    assert page.household.model.rowCount() == 5
    assert page.household.total_income() == 3 * 60000 + 3 * 20000

    # the documents start unmarked; one key marks every one presented
    assert page.checklist.unmarked() and page.checklist.missing_required()
    mark_all(qtbot, page)
    assert not page.checklist.missing_required()
    page.checklist.pages_for("application").setValue(2)
    page.run_precheck()
    t = Translator("kk")  # the UI's language in these tests
    assert page.precheck_note.text() == t.gettext(
        "Pre-check — not a decision: the Department decides")
    assert t.gettext("Pre-check: likely eligible") in page.precheck_text.text()

    qtbot.keyClick(page.save_button, Qt.Key.Key_Return)
    confirm(qtbot, page)

    apps = list(ctx.db["applications"].rows)
    assert len(apps) == 1, page.message.text()
    app = apps[0]
    assert app["status"] == "registered"
    assert app["reg_no"] == f"{ctx.office.code}-2026-000001"
    assert re.fullmatch(r".+-2026-\d{6}", app["reg_no"])
    persons = list(ctx.db["persons"].rows)
    assert len(persons) == 5
    assert {p["household_id"] for p in persons} == {app["household_id"]}
    assert count(ctx, "households") == 1
    assert count(ctx, "person_incomes") == 6
    docs = list(ctx.db["application_documents"].rows_where("application_id = ?", [app["id"]]))
    assert len(docs) == 6 and {d["presented"] for d in docs} <= {p.value for p in Presented}
    assert count(ctx, "application_events", "application_id = ?", [app["id"]]) >= 1
    assert count(ctx, "audit_log", "action = 'application.take'") == 1
    assert count(ctx, "audit_log") >= 3

    assert len(page.pdfs) == 1 and page.changes_seen and page.changes_seen[0].applications
    data, title = page.pdfs[0]
    text = pdf_text(data)
    assert "Жұмабаев" in text
    assert app["reg_no"] in text.replace("\n", "")
    assert app["reg_no"] in title
    # ready for the next citizen
    assert page.applicant.iin_edit.text() == "" and page.household.model.rowCount() == 1
    assert page.spec.id == "tsa"


def test_invalid_iin_is_explained_and_nothing_is_saved(qtbot, page, ctx):
    pick_service(qtbot, page, "fuel", "fuel_assistance")
    bad = APPLICANT_IIN[:11] + str((int(APPLICANT_IIN[11]) + 1) % 10)
    messages: list[str] = []
    page.applicant.iin_edit.invalid.connect(messages.append)
    type_text(qtbot, page.applicant.iin_edit, bad)
    assert messages[-1] and all(m == "" for m in messages[:-1])  # quiet until 12 digits
    label = page.applicant.iin_edit.error_label
    from desktop_app.domain.errors import ValidationError
    from desktop_app.domain.iin import parse_iin

    with pytest.raises(ValidationError) as err:
        parse_iin(bad)
    assert err.value.code == "iin_checksum"
    assert label.isVisible() and label.text() == err.value.message(Translator("kk"))
    type_text(qtbot, page.applicant.surname, "Сәрсенова")
    type_text(qtbot, page.applicant.given_name, "Гүлнар")
    assert page.save() is None
    assert count(ctx, "applications") == 0 and count(ctx, "persons") == 0
    assert label.isVisible()
    assert page.applicant.iin_edit.toolTip() == label.text()
    assert page.pdfs == []


def test_letters_cannot_be_typed_into_the_iin(qtbot, page):
    pick_service(qtbot, page, "fuel", "fuel_assistance")
    type_text(qtbot, page.applicant.iin_edit, "84a03 12")
    assert page.applicant.iin_edit.text() == "840312"


def test_missing_document_needs_a_reason_then_saves_incomplete(qtbot, page, ctx):
    pick_service(qtbot, page, "fuel", "fuel_assistance")
    fill_applicant(qtbot, page, APPLICANT_IIN, "Оспанов", "Марат", "Көксу, Мектеп к-сі 3")
    assert not page.reason_row.isVisible()
    page.checklist.set_presented("identity_document", Presented.MISSING)
    assert page.reason_row.isVisible()
    assert page.save() is None
    assert count(ctx, "applications") == 0
    assert page.reason_error.isVisible() and page.reason.hasFocus()

    type_text(qtbot, page.reason, "Will bring the identity card tomorrow")
    app = save_confirmed(qtbot, page)
    assert app is not None
    row = next(ctx.db["applications"].rows)
    assert row["status"] == "incomplete"
    assert row["incomplete_reason"] == "Will bring the identity card tomorrow"
    assert len(page.pdfs) == 1


def test_checklist_starts_unmarked_and_the_receipt_lists_what_was_marked(qtbot, page, ctx):
    pick_service(qtbot, page, "fuel", "fuel_assistance")
    ids = page.checklist.document_ids()
    assert len(ids) >= 2 and page.checklist.unmarked() == ids   # nothing assumed brought
    assert set(page.checklist.missing_required()) <= set(ids)
    assert all(page.checklist.combo_for(i).currentIndex() == -1 for i in ids)
    fill_applicant(qtbot, page, APPLICANT_IIN, "Оспанов", "Марат", "Көксу, Мектеп к-сі 3")
    assert not page.checklist.unmarked()
    kept = ids[0]
    for doc_id in ids[1:]:
        page.checklist.set_presented(doc_id, Presented.MISSING)
    type_text(qtbot, page.reason, "Will bring the rest tomorrow")
    app = save_confirmed(qtbot, page)
    assert app is not None, page.message.text()
    docs = {d["document_id"]: d["presented"] for d in ctx.db.query(
        "SELECT document_id, presented FROM application_documents")}
    assert docs[kept] != Presented.MISSING.value
    assert all(docs[i] == Presented.MISSING.value for i in ids[1:])
    # the receipt lists exactly what was marked: one document brought, the others not
    receipt = pdf_text(page.pdfs[0][0])
    t = Translator("kk")
    assert receipt.count(t.gettext(PRESENTED_LABELS[Presented.MISSING])) == len(ids) - 1
    assert t.gettext(PRESENTED_LABELS[Presented(docs[kept])]) in receipt
    # the next citizen's form starts unmarked again
    assert page.checklist.unmarked() == page.checklist.document_ids()


def test_conditional_questions_change_the_checklist(qtbot, page):
    pick_service(qtbot, page, "child", "child_benefit")
    box = page.questions.checkbox_for("by_proxy")
    assert "power_of_attorney" not in page.checklist.document_ids()
    box.setChecked(True)
    assert {"power_of_attorney", "representative_identity"} <= set(
        page.checklist.document_ids())
    box.setChecked(False)
    assert "power_of_attorney" not in page.checklist.document_ids()

    # derived conditions follow the data: a foreigner brings the residence permit for TSA
    pick_service(qtbot, page, "атаулы", "tsa")
    assert "residence_permit" not in page.checklist.document_ids()
    combo = page.applicant.citizenship
    combo.setCurrentIndex(combo.findData("foreigner_permit"))
    assert "residence_permit" in page.checklist.document_ids()


def test_residence_certificate_is_issued_on_the_spot(qtbot, page, ctx):
    pick_service(qtbot, page, "тұрғылықты", "residence_certificate")
    assert not page.household_box.isVisible()
    fill_applicant(qtbot, page, APPLICANT_IIN, "Тоқтаров", "Бауыржан", "Көксу, Жібек жолы 12")
    app = save_confirmed(qtbot, page)
    assert app is not None, page.message.text()
    row = next(ctx.db["applications"].rows)
    assert row["status"] == "issued"
    assert count(ctx, "papers", "kind = 'residence_certificate'") == 1
    data, title = page.pdfs[0]
    assert "Тоқтаров" in pdf_text(data)
    assert row["reg_no"] in title


def test_esc_on_the_summary_goes_back_and_numbers_nothing(qtbot, page, ctx):
    pick_service(qtbot, page, "тұрғылықты", "residence_certificate")
    fill_applicant(qtbot, page, APPLICANT_IIN, "Тоқтаров", "Бауыржан", "Көксу, Жібек жолы 12")
    dialog = page.save()
    assert dialog is not None and "Тоқтаров" in dialog.text.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and count(ctx, "applications") == 0
    assert page.applicant.surname.text() == "Тоқтаров"      # the form is kept as typed
    assert save_confirmed(qtbot, page) is not None
    assert count(ctx, "applications") == 1


def test_member_dialog_refuses_a_member_without_a_name(qtbot, ctx):
    months = quarter_months(*previous_quarter(ctx.now().date()))
    dlg = MemberDialog(ctx, months)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.accept()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.isVisible()
    dlg.income_boxes[(IncomeKind.WAGE, months[0])].setValue(-5)
    assert dlg.income_boxes[(IncomeKind.WAGE, months[0])].value() == 0


def test_registered_applicant_brings_the_household(qtbot, page, ctx):
    test_tsa_family_of_five_end_to_end(qtbot, page, ctx)
    pick_service(qtbot, page, "тұрғылықты", "residence_certificate")
    pick_service(qtbot, page, "атаулы", "tsa")
    type_text(qtbot, page.applicant.iin_edit, APPLICANT_IIN)
    assert page.applicant.surname.text() == "Жұмабаев"
    assert page.household.model.rowCount() == 5
    assert page.household.model.member(0).person.iin == APPLICANT_IIN


def test_keyboard_shortcuts(qtbot, page, ctx):
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.picker.search.hasFocus()
    type_text(qtbot, page.picker.search, "тұрғылықты")
    qtbot.keyClick(page.picker.search, Qt.Key.Key_Return)
    assert page.spec.id == "residence_certificate" and page.applicant.iin_edit.hasFocus()
    qtbot.keyClick(page.picker.search, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert page.applicant.iin_edit.hasFocus()
    qtbot.keyClick(page.applicant.iin_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.applicant.errors.widget("surname").toolTip()  # Ctrl+S validated the empty form
    assert count(ctx, "applications") == 0


def test_f2_notes_the_visitors_arrival_and_1_2_counts_it(qtbot, page, ctx):
    from desktop_app.services import reports

    clock = [dt.datetime(2026, 11, 18, 9, 0)]
    ctx.clock = lambda: clock[0]
    pick_service(qtbot, page, "fuel", "fuel_assistance")
    assert page.arrived_label.text() == ""
    qtbot.keyClick(page.applicant.iin_edit, Qt.Key.Key_F2)      # the visitor comes in at 9:00
    assert page.arrived_at == clock[0] and "09:00" in page.arrived_label.text()
    fill_applicant(qtbot, page, APPLICANT_IIN, "Оспанов", "Марат", "Көксу, Мектеп к-сі 3")
    clock[0] = dt.datetime(2026, 11, 18, 9, 25)                  # taken 25 minutes later
    first = save_confirmed(qtbot, page)
    assert first is not None and first.arrived_at == dt.datetime(2026, 11, 18, 9, 0)
    assert page.arrived_at is None and page.arrived_label.text() == ""  # cleared for the next

    qtbot.keyClick(page.applicant.iin_edit, Qt.Key.Key_F2)      # the next one at 9:25 ...
    fill_applicant(qtbot, page, make_iin(dt.date(1990, 5, 5), Sex.FEMALE, 606), "Омарова",
                   "Сәуле", "Көксу, Мектеп к-сі 5")
    clock[0] = dt.datetime(2026, 11, 18, 10, 15)                 # ... waits 50 minutes
    assert save_confirmed(qtbot, page) is not None
    fill_applicant(qtbot, page, make_iin(dt.date(1991, 6, 6), Sex.MALE, 707), "Ахметов",
                   "Дәулет", "Көксу, Мектеп к-сі 9")               # no F2: not measured
    third = save_confirmed(qtbot, page)
    assert third is not None and third.arrived_at is None
    stored = [r["arrived_at"] for r in ctx.db.query(
        "SELECT arrived_at FROM applications ORDER BY id")]
    assert stored == ["2026-11-18T09:00:00", "2026-11-18T09:25:00", None]

    report = reports.summary_report(ctx, dt.date(2026, 11, 1), dt.date(2026, 11, 30),
                                    service_id="fuel_assistance")
    total = report.summary.rows[-1]
    assert total.received == 3
    assert (total.indicators["1.2"].value, total.indicators["1.2"].measured) == (50.0, 2)
