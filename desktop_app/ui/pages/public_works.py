"""The Public works page: the office as a public-works employer (act 000, rows 8-22). Participants
referred by the district, the month's timesheet (days worked, pay by the resolution's rule), quota
warnings, and the printed timesheet (табель).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain import public_works as pw
from desktop_app.i18n import N_, Translator, _, active, ngettext
from desktop_app.services import Changes, permissions
from desktop_app.services import public_works as svc
from desktop_app.services.guard import shown_iin
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import gate
from desktop_app.ui.models import Index, RowsModel
from desktop_app.ui.tables import make_table
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title

NOTICE_STYLE = ("background: #fbe8c0; color: #7a4b00; padding: 6px 10px; border-radius: 3px;")


def _work_label(p: pw.Participant) -> str:
    t = active()
    try:
        res = svc.works().get(p.resolution_id)
    except KeyError:
        return p.work_type
    kind = t.text(res.work_types.get(p.work_type, {})).split(" (")[0] or p.work_type
    return f"{kind}: {p.volume} {t.text(res.units.get(p.unit, {}))}"


class ParticipantsModel(RowsModel):
    headers = (N_("Participant"), N_("IIN"), N_("Referral"), N_("Contract"), N_("Period"),
               N_("Row"), N_("Work"))

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def display(self, item: pw.Participant, column: int) -> str:
        t = active()
        c = item.contract
        if column == 0:
            return item.full_name
        if column == 1:
            return shown_iin(self.ctx, item.iin)
        if column == 2:
            return f"{item.referral.number}, {t.date(item.referral.date)}"
        if column == 3:
            return f"{c.number}, {t.date(c.date)}"
        if column == 4:
            return f"{t.date(c.start)} – {t.date(c.end) if c.end else '…'}"
        if column == 5:
            return str(item.org_row)
        return _work_label(item)

    def sort_key(self, item: pw.Participant, column: int) -> Any:
        if column == 4:
            return item.contract.start.isoformat()
        if column == 5:
            return item.org_row
        return super().sort_key(item, column)


class MonthModel(RowsModel):
    """The month's timesheet: one line per participant; the days worked column is editable and
    the pay is recomputed as it is typed (saved only with "Save timesheet")."""

    headers = (N_("Participant"), N_("Work"), N_("Working days"), N_("Days worked"), N_("Pay"))
    DAYS = 3
    PAY = 4

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.month = dt.date.today().replace(day=1)
        self.edits: dict[int, int] = {}

    def load(self, month: dt.date, lines: list[pw.MonthLine]) -> None:
        self.month = month
        self.edits = {}
        self.set_rows(lines)

    def id_of(self, item: pw.MonthLine) -> int | None:
        return item.participant.id

    def days_of(self, item: pw.MonthLine) -> int | None:
        return self.edits.get(item.participant.id or 0, item.days_worked)

    def pay_of(self, item: pw.MonthLine) -> pw.Pay | None:
        days = self.days_of(item)
        if days is None or days > item.contract_days:
            return None
        if days == item.days_worked and item.pay is not None:
            return item.pay
        return svc.preview_pay(self.ctx, self.month, days)

    def display(self, item: pw.MonthLine, column: int) -> str:
        if column == 0:
            return item.participant.full_name
        if column == 1:
            return _work_label(item.participant)
        if column == 2:
            return str(item.contract_days)
        if column == self.DAYS:
            days = self.days_of(item)
            return "" if days is None else str(days)
        pay = self.pay_of(item)
        return active().money(pay.amount) if pay else "—"

    def sort_key(self, item: pw.MonthLine, column: int) -> Any:
        if column in (2, self.DAYS):
            return (self.days_of(item) if column == self.DAYS else item.contract_days) or 0
        if column == self.PAY:
            pay = self.pay_of(item)
            return pay.amount if pay else -1
        return super().sort_key(item, column)

    def tooltip(self, item: pw.MonthLine, column: int) -> str | None:
        if column == self.PAY:
            pay = self.pay_of(item)
            if pay is None:
                return _("No pay rule or minimum wage is in force for this month.")
            t = active()
            return _("{factor} × {wage} (minimum wage, {version}) × {days} / {total} working "
                     "days").format(factor=pay.factor, wage=t.money(pay.wage),
                                    version=pay.wage_version, days=pay.days_worked,
                                    total=pay.working_days)
        if column == self.DAYS:
            return _("Up to {n} working days within the contract.").format(n=item.contract_days)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.DAYS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.column() == self.DAYS:
            return self.days_of(self.row_at(index.row())) or 0
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)

    def setData(self, index: Index, value: Any,  # noqa: N802 (Qt API)
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.DAYS:
            return False
        item = self.row_at(index.row())
        try:
            days = int(value)
        except (TypeError, ValueError):
            return False
        if not 0 <= days <= item.contract_days:
            return False
        self.edits[item.participant.id or 0] = days
        self.dataChanged.emit(self.index(index.row(), self.DAYS), self.index(index.row(), self.PAY))
        return True

    def total(self) -> Any:
        amounts = [p.amount for p in (self.pay_of(i) for i in self.rows()) if p]
        return sum(amounts) if amounts else 0


class PublicWorksPage(Page):
    """Participants, the month's timesheet and its quota warnings."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        today = ctx.now().date()
        self.month = QDateEdit(QDate(today.year, today.month, 1), self)
        self.month.setObjectName("timesheetMonth")
        self.month.setDisplayFormat("MM.yyyy")
        self.month.dateChanged.connect(lambda _d: self.refresh_month())
        writer = permissions.record_public_works(ctx)
        self.add_button = QPushButton(_("Add participant…"), self)
        self.add_button.setObjectName("addParticipant")
        gate(self.add_button, writer)
        self.add_button.clicked.connect(self.add_participant)
        self.print_button = QPushButton(_("Print timesheet"), self)
        self.print_button.setObjectName("printTimesheet")
        gate(self.print_button, permissions.print_paper(ctx))
        self.print_button.clicked.connect(self.print_timesheet)
        self.save_button = QPushButton(_("Save timesheet"), self)
        self.save_button.setObjectName("saveTimesheet")
        gate(self.save_button, writer)
        self.save_button.clicked.connect(self.save_timesheet)

        self.notices = QLabel(self)
        self.notices.setObjectName("publicWorksNotices")
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet(NOTICE_STYLE)
        self.notices.hide()

        self.participants = ParticipantsModel(ctx, self)
        self.participants_view, _p = make_table(self.participants, self,
                                                name="participantsTable", sort_column=4,
                                                order=Qt.SortOrder.DescendingOrder)
        self.sheet = MonthModel(ctx, self)
        self.sheet_view, self.sheet_proxy = make_table(self.sheet, self, name="timesheetTable")
        if writer is None:  # who may record edits the days in place
            self.sheet_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                            | QAbstractItemView.EditTrigger.EditKeyPressed
                                            | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.sheet.dataChanged.connect(lambda *_a: self._update_total())
        self.total = QLabel(self)
        self.total.setObjectName("timesheetTotal")

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Month:"), self))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.print_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Public works"), self))
        layout.addLayout(top)
        layout.addWidget(self.notices)
        layout.addWidget(QLabel(_("Timesheet of the month (double-click the days to enter them)"),
                                self))
        layout.addWidget(self.sheet_view, 3)
        layout.addLayout(bottom)
        layout.addWidget(QLabel(_("Participants"), self))
        layout.addWidget(self.participants_view, 2)
        self.refresh()

    # data --------------------------------------------------------------------------------------
    def current_month(self) -> dt.date:
        d = self.month.date()
        return dt.date(d.year(), d.month(), 1)

    def set_month(self, month: dt.date) -> None:
        self.month.setDate(QDate(month.year, month.month, 1))

    def refresh(self) -> None:
        self.participants.set_rows(svc.participants(self.ctx))
        self.participants_view.resizeColumnsToContents()
        self.refresh_month()

    def refresh_month(self) -> None:
        month = self.current_month()
        self.sheet.load(month, svc.month_lines(self.ctx, month))
        self.sheet_view.resizeColumnsToContents()
        t = active()
        texts = [n.text(t) for n in svc.month_notices(self.ctx, month)]
        self.notices.setText("\n".join("⚠ " + x for x in texts))
        self.notices.setVisible(bool(texts))
        self._update_total()

    def _update_total(self) -> None:
        n = self.sheet.rowCount()
        self.total.setText(ngettext("{n} participant", "{n} participants", n).format(n=n)
                           + " · " + _("Pay in total: {amount}").format(
                               amount=active().money(self.sheet.total())))

    def on_changed(self, changes: Changes) -> None:
        if changes.public_works or changes.persons:
            self.refresh()

    # actions -----------------------------------------------------------------------------------
    def add_participant(self):
        from desktop_app.ui.dialogs.public_works_participant import AddParticipantDialog

        month = self.current_month()
        today = self.ctx.now().date()
        start = today if today.replace(day=1) == month else month
        dialog = AddParticipantDialog(self.ctx, start, self)
        dialog.saved.connect(self._participant_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _participant_saved(self, changes: Changes, notices: list) -> None:
        self.changed.emit(changes)
        self.refresh()
        # the dialog's warnings that the month's own list (shown by refresh) does not hold yet
        shown = self.notices.text().split("\n") if self.notices.text() else []
        extra = ["⚠ " + n.text(active()) for n in notices]
        lines = shown + [x for x in extra if x not in shown]
        self.notices.setText("\n".join(lines))
        self.notices.setVisible(bool(lines))

    def save_timesheet(self) -> None:
        month, edits = self.current_month(), dict(self.sheet.edits)
        if not edits:
            return
        try:
            _lines, changes = svc.record_timesheet(self.ctx, month, edits)
        except Exception as exc:  # noqa: BLE001 (shown to the person)
            show_error(self, exc)
            return
        self.changed.emit(changes)
        self.refresh_month()

    def print_timesheet(self) -> None:
        month = self.current_month()
        language = active().locale

        def done(pdf: bytes) -> None:
            self.show_pdf.emit(pdf, _("Public works timesheet {month}").format(
                month=month.strftime("%m.%Y")))

        self.tasks.run(lambda: svc.timesheet_pdf(self.ctx, month, Translator(language)), done,
                       parent=self, label=_("Preparing the timesheet…"))

    def index_of_days(self, row: int) -> QModelIndex:
        """The proxy index of a row's "days worked" cell (for tests and keyboard focus)."""
        return self.sheet_proxy.index(row, MonthModel.DAYS)
