"""The Public works page end to end: add a participant through the dialog, fill a month's days,
see the pay, the quota warning, and the printed timesheet (real widgets, SQLite and PDF)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractItemDelegate, QSpinBox
from pypdf import PdfReader

from desktop_app.domain.household import Sex
from desktop_app.domain.iin import make_iin
from desktop_app.i18n import active
from desktop_app.services import public_works as svc
from desktop_app.ui.pages.public_works import MonthModel, PublicWorksPage
from desktop_app.ui.pages.registry import pages_for
from tests.ui.keys import type_text

IIN = make_iin(dt.date(1993, 7, 4), Sex.FEMALE, serial=77)
MARCH = dt.date(2023, 3, 1)
OUT = Path("/tmp/v005")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _page(qtbot, ctx) -> PublicWorksPage:
    page = PublicWorksPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.set_month(MARCH)
    return page


def _add(qtbot, page, iin=IIN, surname="Әбілова", given="Гүлнұр", contract="ҚЖ-1"):
    dialog = page.add_participant()
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.iin, iin)
    type_text(qtbot, dialog.surname, surname)
    type_text(qtbot, dialog.given_name, given)
    type_text(qtbot, dialog.referral_no, "ЖҚ-5")
    type_text(qtbot, dialog.contract_no, contract)
    dialog.referral_date.setDate(QDate(2023, 2, 27))
    dialog.contract_date.setDate(QDate(2023, 2, 28))
    dialog.start.setDate(QDate(2023, 3, 1))
    dialog.employer.setCurrentIndex(dialog.employer.findData(9))
    assert dialog.work.count() == 2          # landscaping and household books (row 9)
    dialog.work.setCurrentIndex(dialog.work.findData("household_books"))
    assert dialog.volume.maximum() == 150
    return dialog


def test_the_page_is_listed_for_a_village_specialist(ctx):
    assert "public_works" in [p.key for p in pages_for(ctx)]


def test_add_participant_fill_the_month_and_print(qtbot, ctx):
    page = _page(qtbot, ctx)
    assert page.sheet.rowCount() == 0
    dialog = _add(qtbot, page)
    assert dialog.rule_note.text() == ""      # the resolution was in force in March 2023
    emitted = []
    page.changed.connect(emitted.append)
    dialog.save_button.click()
    assert emitted and emitted[0].public_works
    assert page.participants.rowCount() == 1
    assert page.sheet.rowCount() == 1
    line = page.sheet.row_at(0)
    assert line.participant.full_name == "Әбілова Гүлнұр" and line.contract_days == 19

    # type the days worked into the grid, as a person would
    index = page.index_of_days(0)
    page.sheet_view.setCurrentIndex(index)
    page.sheet_view.edit(index)
    (editor,) = page.sheet_view.viewport().findChildren(QSpinBox)   # the default int editor
    assert editor.maximum() >= 19
    editor.selectAll()
    qtbot.keyClicks(editor, "19")
    page.sheet_view.commitData(editor)
    page.sheet_view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    pay_text = page.sheet.index(0, MonthModel.PAY).data()
    assert pay_text == active().money(Decimal("105000"))
    assert "105" in page.total.text()
    page.save_button.click()
    (saved,) = svc.month_lines(ctx, MARCH)
    assert saved.days_worked == 19 and saved.pay.amount == Decimal("105000.00")
    OUT.mkdir(exist_ok=True)
    page.grab().save(str(OUT / "page.png"))

    shown = []
    page.show_pdf.connect(lambda pdf, title: shown.append((pdf, title)))
    page.print_button.click()
    (pdf, title), = shown
    text = pdf_text(pdf)
    assert "Әбілова Гүлнұр" in text
    assert "105" in text and "000,00" in text.replace("\xa0", "").replace(" ", "")
    (OUT / "page_timesheet.pdf").write_bytes(pdf)


def test_quota_warning_is_shown_and_never_blocks(qtbot, ctx):
    page = _page(qtbot, ctx)
    for i in range(10):
        svc.record_participant(ctx, svc.ParticipantDraft(
            iin=make_iin(dt.date(1980, 1, 1 + i), Sex.MALE, 30 + i), surname="Сатов",
            given_name=f"N{i}", referral_no=f"R{i}", referral_date=dt.date(2023, 2, 1),
            contract_no=f"C{i}", contract_date=dt.date(2023, 2, 1), start=dt.date(2023, 2, 1),
            resolution_id="balkhash-194-2014", org_row=9, work_type="landscaping", volume=900))
    page.refresh()
    assert page.notices.isHidden()
    dialog = _add(qtbot, page, contract="ҚЖ-11")
    dialog.save_button.click()
    assert page.participants.rowCount() == 11
    assert not page.notices.isHidden()
    assert "11" in page.notices.text() and "10" in page.notices.text()
    page.grab().save(str(OUT / "page_quota.png"))


def test_a_month_without_a_resolution_says_so(qtbot, ctx):
    page = _page(qtbot, ctx)
    page.set_month(dt.date(2026, 11, 1))
    assert not page.notices.isHidden()
    assert "194" in page.notices.text()


def test_a_bad_volume_or_missing_name_stays_in_the_dialog(qtbot, ctx):
    page = _page(qtbot, ctx)
    dialog = _add(qtbot, page, surname="")
    dialog.given_name.clear()
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.error.text()
    assert page.participants.rowCount() == 0
