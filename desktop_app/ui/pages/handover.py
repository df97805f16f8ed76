"""The office's "To hand over" page: decisions that came back and wait for the citizen (hand-over
dialog), and open applications with their "forward by" date, those due before the next trip
flagged, whose documents may be delivered to the district by hand.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.application import Status
from desktop_app.i18n import N_, _, active, ngettext
from desktop_app.services import (Changes, applications, handover, office_papers, permissions,
                                  sync)
from desktop_app.services.applications import WorkRow
from desktop_app.services.handover import ReadyRow
from desktop_app.ui.dialogs.handover import DeliveryDialog, HandoverDialog
from desktop_app.ui.dialogs.paper_buttons import language_combo
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import allow, blocked, gate
from desktop_app.ui.models import (DUE_SOON_BACKGROUND, DUE_SOON_FOREGROUND, OVERDUE_BACKGROUND,
                                   OVERDUE_FOREGROUND, RowsModel, status_label)
from desktop_app.ui.tables import make_table
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title

BEFORE_TRIP = "⚑"


def _d(value) -> str:
    return active().date(value) if value else ""


class ReadyModel(RowsModel):
    headers = (N_("Reg. No"), N_("Applicant"), N_("Service"), N_("Decision"), N_("Decided on"),
               N_("Referrals"), N_("Inspection"))

    def __init__(self, names: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._names = names

    def id_of(self, item: ReadyRow) -> int | None:
        return item.row.id

    def display(self, item: ReadyRow, column: int) -> str:
        r = item.row
        decision = _("Assigned") if item.decision == "assigned" else _("Refused")
        return (r.reg_no, r.applicant, self._names.get(r.service_id, r.service_id), decision,
                _d(item.decision_date), str(item.referrals) if item.referrals else "",
                _d(item.inspection_date))[column]


class ForwardModel(RowsModel):
    """Open applications with their "forward by" date; those due before the next trip flagged."""

    headers = (N_("Reg. No"), N_("Applicant"), N_("Service"), N_("Status"), N_("Forward by"),
               N_("Before the trip"))

    def __init__(self, names: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._names = names
        self.before_trip: set[int] = set()

    def id_of(self, item: WorkRow) -> int | None:
        return item.row.id

    def display(self, item: WorkRow, column: int) -> str:
        r = item.row
        flag = BEFORE_TRIP + " " + _("must go before the trip") if r.id in self.before_trip else ""
        return (r.reg_no, r.applicant, self._names.get(r.service_id, r.service_id),
                status_label(r.status), _d(r.forward_by), flag)[column]

    def sort_key(self, item: WorkRow, column: int) -> Any:
        if column == 4:
            return item.row.forward_by.isoformat() if item.row.forward_by else "9999"
        return super().sort_key(item, column)

    def background(self, item: WorkRow, column: int):
        if item.due_state == "overdue":
            return OVERDUE_BACKGROUND
        return DUE_SOON_BACKGROUND if item.row.id in self.before_trip else None

    def foreground(self, item: WorkRow, column: int):
        if item.due_state == "overdue":
            return OVERDUE_FOREGROUND
        return DUE_SOON_FOREGROUND if item.row.id in self.before_trip else None


class HandoverPage(Page):
    """What waits at the office: notices for citizens, documents for the district."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.dialog = None
        t = active()
        names = {s.id: t.text(s.short_name) or t.text(s.name) for s in ctx.catalogue.all()}

        ready_box = QGroupBox(_("Decisions to hand over to citizens"), self)
        self.ready_model = ReadyModel(names, self)
        self.ready_table, self.ready_proxy = make_table(self.ready_model, ready_box,
                                                        name="readyTable")
        self.ready_table.doubleClicked.connect(lambda _i: self.hand_over())
        self.ready_count = QLabel(ready_box)
        self.handover_button = QPushButton(_("Record hand-over…"), ready_box)
        self.handover_button.setObjectName("handoverButton")
        self.handover_button.clicked.connect(self.hand_over)
        self.paper_languages = language_combo(ready_box)
        self.notice_button = QPushButton(_("Decision notice…"), ready_box)
        self.notice_button.setObjectName("noticeButton")
        self.notice_button.clicked.connect(lambda: self.print_paper("notice"))
        self.referral_button = QPushButton(_("Referral…"), ready_box)
        self.referral_button.setObjectName("referralButton")
        self.referral_button.clicked.connect(lambda: self.print_paper("referral"))
        row = QHBoxLayout()
        row.addWidget(self.ready_count, 1)
        for widget in (self.paper_languages, self.notice_button, self.referral_button,
                       self.handover_button):
            row.addWidget(widget)
        lay = QVBoxLayout(ready_box)
        lay.addWidget(self.ready_table, 1)
        lay.addLayout(row)

        forward_box = QGroupBox(_("Documents waiting to be forwarded to the district"), self)
        self.forward_model = ForwardModel(names, self)
        self.forward_table, self.forward_proxy = make_table(self.forward_model, forward_box,
                                                            name="forwardTable", sort_column=4)
        self.forward_table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection)
        self.trip = QLabel(forward_box)
        self.trip.setObjectName("tripNote")
        self.trip.setWordWrap(True)
        self.delivery_button = QPushButton(_("Documents delivered by hand…"), forward_box)
        self.delivery_button.setObjectName("deliveryButton")
        self.delivery_button.clicked.connect(self.deliver)
        row = QHBoxLayout()
        row.addWidget(self.trip, 1)
        row.addWidget(self.delivery_button)
        lay = QVBoxLayout(forward_box)
        lay.addWidget(self.forward_table, 1)
        lay.addLayout(row)

        gate(self.handover_button, permissions.record_handover(ctx))
        gate(self.delivery_button, permissions.record_handover(ctx))
        gate(self.notice_button, permissions.print_paper(ctx))
        gate(self.referral_button, permissions.print_paper(ctx))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(ready_box)
        split.addWidget(forward_box)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("To hand over"), self))
        layout.addWidget(split, 1)
        self.refresh()

    def refresh(self) -> None:
        ready = handover.ready_to_hand_over(self.ctx)
        self.ready_model.set_rows(ready)
        self.ready_table.resizeColumnsToContents()
        self.ready_count.setText(ngettext("{n} decision waits to be handed over",
                                          "{n} decisions wait to be handed over",
                                          len(ready)).format(n=len(ready)))
        for button in (self.handover_button, self.notice_button, self.referral_button):
            allow(button, bool(ready))
        due = {r.id for r in sync.due_before_trip(self.ctx)}
        self.forward_model.before_trip = due
        rows = applications.work_list(self.ctx, statuses={Status.REGISTERED, Status.INCOMPLETE})
        self.forward_model.set_rows(rows)
        self.forward_table.resizeColumnsToContents()
        allow(self.delivery_button, bool(rows))
        trip = active().long_date(sync.next_trip(self.ctx))
        self.trip.setText(ngettext(
            "{flag} Next trip: {date}. {n} application must be forwarded before it.",
            "{flag} Next trip: {date}. {n} applications must be forwarded before it.",
            len(due)).format(flag=BEFORE_TRIP, date=trip, n=len(due)))

    def on_changed(self, changes: Changes) -> None:
        if changes.applications or changes.sync or changes.settings:
            self.refresh()

    def _selected(self, table, proxy) -> list:
        return [proxy.item_at(i.row()) for i in table.selectionModel().selectedRows()]

    def hand_over(self) -> HandoverDialog | None:
        if blocked(self.handover_button):  # a double-click on a row opens no dialog either
            self.ready_count.setText(blocked(self.handover_button))
            return None
        items = self._selected(self.ready_table, self.ready_proxy)
        if not items and self.ready_proxy.rowCount() == 1:
            items = [self.ready_proxy.item_at(0)]
        if not items:
            self.ready_count.setText(_("Choose the application to hand over."))
            return None
        self.dialog = HandoverDialog(self.ctx, items[0], self)
        return self._open(self.dialog)

    def print_paper(self, kind: str) -> None:
        """The decision notice or the referral of the selected decision, in the chosen language,
        shown for printing (the same papers as in the application's details)."""
        items = self._selected(self.ready_table, self.ready_proxy)
        if not items and self.ready_proxy.rowCount() == 1:
            items = [self.ready_proxy.item_at(0)]
        if not items:
            self.ready_count.setText(_("Choose the application to print its paper."))
            return
        app_id, langs, ctx = items[0].row.id, self.paper_languages.currentData(), self.ctx
        title, render = ((N_("Decision notice No. {reg_no}"), office_papers.notice_pdf)
                         if kind == "notice" else
                         (N_("Referral No. {reg_no}"), office_papers.referral_pdf))

        def done(result) -> None:
            pdf, number = result
            self.show_pdf.emit(pdf, _(title).format(reg_no=number))

        self.tasks.run(lambda: render(ctx, app_id, languages=langs), done,
                       lambda exc: show_error(self, exc), parent=self,
                       label=_("Preparing the paper…"))

    def deliver(self) -> DeliveryDialog | None:
        items = self._selected(self.forward_table, self.forward_proxy)
        if not items:
            self.trip.setText(_("Choose the applications whose documents were delivered (Ctrl "
                                "or Shift and click for several)."))
            return None
        self.dialog = DeliveryDialog(self.ctx, [w.row for w in items], self)
        return self._open(self.dialog)

    def _open(self, dialog):
        dialog.saved.connect(self._saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _saved(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)
