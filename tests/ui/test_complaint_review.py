"""Recording a complaint's review from the Applications page: the complaint chosen from the journal
(those not reviewed yet first), justified or not, the day and the outcome; refused without a
verdict or with a day before the complaint; the report's 4.1 and 4.2 count it; a role that may not
record it sees the button disabled with the reason."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.services import complaints, reports
from desktop_app.ui.dialogs.complaint import ReviewComplaintDialog
from desktop_app.ui.pages.applications import ApplicationsPage
from tests.ui.test_reception import type_text

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def _stored(ctx, reg_no: str):
    return tuple(ctx.db.execute("SELECT justified, reviewed_on, outcome FROM complaints"
                                " WHERE reg_no = ?", [reg_no]).fetchone())


def _indicators(ctx):
    total = reports.summary_report(ctx, *NOV).summary.rows[-1]
    return {code: (total.indicators[code].value, total.indicators[code].measured)
            for code in ("4.1", "4.2")}


def test_review_recorded_from_the_applications_page(qtbot, demo_ctx):
    old, _ = complaints.record_complaint(demo_ctx, complainant="Омарова Сәуле", subject="Кезек")
    complaints.review_complaint(demo_ctx, old, justified=False,
                                reviewed_on=dt.date(2026, 11, 18))
    number, _ = complaints.record_complaint(demo_ctx, complainant="Сәрсенова Айгүл",
                                            subject="Анықтама уақытында берілмеді")
    before = _indicators(demo_ctx)
    page = ApplicationsPage(demo_ctx)
    qtbot.addWidget(page)
    changed = []
    page.changed.connect(changed.append)
    button = page.findChild(QPushButton, "reviewComplaintButton")
    assert button.isEnabled() and not button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    d: ReviewComplaintDialog = page.review_dialog
    assert d.complaint.currentData() == number          # the one not reviewed yet comes first
    assert d.subject.text() == "Анықтама уақытында берілмеді"
    assert d.reviewed_on.date().toPython() == dt.date(2026, 11, 18)   # today by default

    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)     # no verdict: refused
    assert d.isVisible() and _stored(demo_ctx, number) == (None, None, "")
    d.justified.setFocus()
    qtbot.keyClick(d.justified, Qt.Key.Key_Space)                  # the keyboard chooses
    assert d.justified.isChecked()
    d.reviewed_on.setDate(QDate(2026, 11, 10))                      # before it was received
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert d.isVisible() and _stored(demo_ctx, number) == (None, None, "")
    assert d.focusWidget() is d.reviewed_on                        # the field to correct
    d.reviewed_on.setDate(QDate(2026, 11, 18))
    type_text(qtbot, d.outcome, "Анықтама берілді")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert not d.isVisible() and changed
    assert _stored(demo_ctx, number) == (1, "2026-11-18", "Анықтама берілді")
    after = _indicators(demo_ctx)
    assert after["4.2"][1] == before["4.2"][1] + 1                 # one more justified, in time
    assert after["4.1"][0] > (before["4.1"][0] or 0)

    # reopened on it: the review as recorded, to be corrected if need be
    again = ReviewComplaintDialog(demo_ctx, page, reg_no=number)
    qtbot.addWidget(again)
    assert again.justified.isChecked() and not again.not_justified.isChecked()
    assert again.outcome.toPlainText() == "Анықтама берілді"
    again.complaint.setCurrentIndex(again.complaint.findData(old))
    assert again.not_justified.isChecked() and again.outcome.toPlainText() == ""


def test_a_role_that_may_not_sees_why(qtbot, demo_ctx):
    complaints.record_complaint(demo_ctx, complainant="Сәрсенова Айгүл", subject="Кезек")
    demo_ctx.user = dataclasses.replace(demo_ctx.user, login="admin",
                                        roles=frozenset({"admin"}))
    page = ApplicationsPage(demo_ctx)
    qtbot.addWidget(page)
    button = page.findChild(QPushButton, "reviewComplaintButton")
    assert not button.isEnabled()
    reason = complaints.review_blocker(demo_ctx).message()
    assert button.toolTip() == reason and reason
    dialog = ReviewComplaintDialog(demo_ctx, page)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled() and dialog.save_button.toolTip() == reason
