"""The Audit page (administrator, akim): who did what, when, to which record; filter by user,
record and dates; "Verify chain" names the first row changed outside the app; "Export to PDF"
prints the filtered rows in the background.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_, _, active
from desktop_app.services import Changes, audit
from desktop_app.services.audit import AuditRow
from desktop_app.ui.widgets.date_field import date_field
from desktop_app.ui.errors import show_error
from desktop_app.ui.models import RowsModel
from desktop_app.ui.tables import make_table
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title

ROW_LIMIT = 5000
OK_STYLE = "color: #1b5e20; font-weight: bold;"
BROKEN_STYLE = "color: #c62828; font-weight: bold;"


# the audit log's action codes in words (the code itself is shown in the tooltip)
ACTION_WORDS: dict[str, str] = {
    "application.complete": N_("Application completed"),
    "application.correct": N_("Application corrected"),
    "application.decision": N_("Decision recorded"),
    "application.delivery": N_("Result handed to the applicant"),
    "application.handover": N_("Documents handed over"),
    "application.take": N_("Application taken"),
    "application.void": N_("Application voided"),
    "application.withdraw": N_("Application withdrawn"),
    "audit.export": N_("Audit log exported"),
    "backup.create": N_("Backup made"),
    "backup.restore": N_("Backup restored"),
    "calendar_day.add": N_("Calendar day added"),
    "calendar_day.remove": N_("Calendar day removed"),
    "clock.confirm": N_("Computer clock confirmed"),
    "complaint.record": N_("Complaint recorded"),
    "complaint.review": N_("Complaint reviewed"),
    "district.decision": N_("District decision received"),
    "district.inspection": N_("District inspection recorded"),
    "district.referral": N_("District referral recorded"),
    "household.add_member": N_("Member added to a household"),
    "household.create": N_("Household created"),
    "household.head": N_("Head of household changed"),
    "household.member_left": N_("Member left the household"),
    "household.update": N_("Household changed"),
    "office.create": N_("Office created"),
    "office.make_district": N_("District copy set up"),
    "office.set_up": N_("Office set up"),
    "office.update": N_("Office details changed"),
    "paper.issue": N_("Paper issued"),
    "paper.reprint": N_("Paper reprinted"),
    "parameter.add": N_("Parameter value added"),
    "person.correct": N_("Person's details corrected"),
    "person.create": N_("Person registered"),
    "person.update": N_("Person's details changed"),
    "public_works.participant": N_("Public works participant recorded"),
    "public_works.timesheet": N_("Timesheet saved"),
    "public_works.timesheet_print": N_("Timesheet printed"),
    "settings.lock_minutes": N_("Lock time changed"),
    "settings.signers": N_("Signers changed"),
    "sync.export": N_("Batch exported"),
    "sync.import": N_("Batch imported"),
    "sync.trust_key": N_("Key trusted"),
    "user.activate": N_("Account activated"),
    "user.create": N_("Account created"),
    "user.deactivate": N_("Account deactivated"),
    "user.password": N_("Password changed"),
    "user.roles": N_("Roles changed"),
    "user.sign_in": N_("Signed in"),
    "user.sign_in_failed": N_("Sign-in failed"),
    "user.sign_out": N_("Signed out"),
    "user.take_over": N_("Desk taken over"),
    "user.unlock": N_("Unlocked"),
    "user.update": N_("Account changed"),
}


def who_words(login: str) -> str:
    """Who acted: a login, or the program itself ("system") in the interface language."""
    return _("the program") if login == "system" else login


def action_words(code: str) -> str:
    """An action code in the interface language; an unknown code is shown as it is."""
    msgid = ACTION_WORDS.get(code)
    return _(msgid) if msgid else code


class AuditModel(RowsModel):
    headers = (N_("Row"), N_("When"), N_("Who"), N_("Action"), N_("Record"), N_("Details"))

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def display(self, item: AuditRow, column: int) -> str:
        if column == 0:
            return str(item.id)
        if column == 1:
            try:
                return active().datetime(dt.datetime.fromisoformat(item.at), "dd.MM.yyyy HH:mm:ss")
            except ValueError:
                return item.at
        if column == 2:
            return who_words(item.user)
        if column == 3:
            return action_words(item.action)
        if column == 4:
            return (item.record_uuid or "")[:8]
        return audit.details_text(self.ctx, item)

    def sort_key(self, item: AuditRow, column: int) -> Any:
        if column == 0:
            return item.id
        if column == 1:
            return item.at
        return super().sort_key(item, column)

    def tooltip(self, item: AuditRow, column: int) -> str | None:
        if column == 3:
            return _("Code in the log: {code}").format(code=item.action)
        if column == 5:
            stored = audit.details_stored(self.ctx, item)
            return _("As stored in the log: {details}").format(details=stored) if stored else None
        return item.record_uuid if column == 4 else None


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    return date_field(parent, name=name)


class AuditPage(Page):

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        today = ctx.now().date()

        self.user = QComboBox(self)
        self.user.setObjectName("auditUser")
        self.record = QLineEdit(self)
        self.record.setObjectName("auditRecord")
        self.record.setPlaceholderText(_("record id (double-click a row)"))
        self.record.setClearButtonEnabled(True)
        self.use_dates = QCheckBox(_("Dates from"), self)
        self.use_dates.setObjectName("auditUseDates")
        self.date_from = _date_edit(self, "auditFrom")
        self.date_from.setDate(QDate(today.year, today.month, 1))
        self.date_to = _date_edit(self, "auditTo")
        self.date_to.setDate(QDate(today.year, today.month, today.day))
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        show = QPushButton(_("Show"), self)
        show.setObjectName("auditShow")
        show.clicked.connect(self.refresh)
        self.record.returnPressed.connect(self.refresh)
        self.user.activated.connect(lambda *_a: self.refresh())

        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("User:"), self))
        filters.addWidget(self.user)
        filters.addWidget(QLabel(_("Record:"), self))
        filters.addWidget(self.record, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(_("to"), self))
        filters.addWidget(self.date_to)
        filters.addWidget(show)

        self.model = AuditModel(ctx, self)
        self.table, self.proxy = make_table(self.model, self, name="auditTable", stretch=5)
        self.table.doubleClicked.connect(self._filter_by_record)
        self.count = QLabel(self)
        self.chain = QLabel(self)
        self.chain.setObjectName("chainResult")
        self.chain.setWordWrap(True)
        self.verify_button = QPushButton(_("Verify chain"), self)
        self.verify_button.setObjectName("verifyChain")
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(_("Export to PDF"), self)
        self.export_button.setObjectName("exportAudit")
        self.export_button.clicked.connect(self.export_pdf)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.chain, 1)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Audit log"), self))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._fill_users()
        self.refresh()

    def _fill_users(self) -> None:
        keep = self.user.currentData()
        self.user.clear()
        self.user.addItem(_("Everyone"), "")
        for login in audit.users(self.ctx):
            self.user.addItem(who_words(login), login)
        index = self.user.findData(keep) if keep else 0
        self.user.setCurrentIndex(max(index, 0))

    # filters -----------------------------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        out: dict[str, Any] = {"user": self.user.currentData() or None,
                               "record": self.record.text().strip() or None}
        if self.use_dates.isChecked():
            out["date_from"] = self.date_from.date().toPython()
            out["date_to"] = self.date_to.date().toPython()
        return out

    def filters_text(self) -> str:
        f = self.filters()
        parts = []
        if f.get("user"):
            parts.append(_("user {login}").format(login=f["user"]))
        if f.get("record"):
            parts.append(_("record {record}").format(record=f["record"]))
        if "date_from" in f:
            parts.append(_("{start} – {end}").format(start=active().date(f["date_from"]),
                                                     end=active().date(f["date_to"])))
        return ", ".join(parts)

    def refresh(self) -> None:
        try:
            rows = audit.query(self.ctx, limit=ROW_LIMIT, **self.filters())
        except AppError as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        self.table.resizeColumnToContents(1)
        if len(rows) >= ROW_LIMIT:
            self.count.setText(_("The newest {n} rows; narrow the filter to see older ones.")
                               .format(n=len(rows)))
        else:
            self.count.setText(_("Rows: {n}").format(n=len(rows)))

    def _filter_by_record(self, index) -> None:
        item = self.proxy.item_at(index.row())
        if item is not None and item.record_uuid:
            self.record.setText(item.record_uuid)
            self.refresh()

    # actions -----------------------------------------------------------------------------------
    def verify(self) -> audit.ChainReport | None:
        try:
            report = audit.verify(self.ctx)
        except AppError as exc:
            show_error(self, exc)
            return None
        if report.ok:
            self.chain.setStyleSheet(OK_STYLE)
            self.chain.setText(_("The chain is whole: {rows} rows, none changed.")
                               .format(rows=report.rows))
        else:
            self.chain.setStyleSheet(BROKEN_STYLE)
            self.chain.setText(_("The chain is broken at row {row} of {rows}: that row was "
                                 "changed outside Akimat Desk.")
                               .format(row=report.first_broken_id, rows=report.rows))
        return report

    def export_pdf(self) -> None:
        rows = [self.proxy.item_at(r) for r in range(self.proxy.rowCount())]
        filters = self.filters_text()
        language = active().locale
        self.export_button.setEnabled(False)

        def done(pdf: bytes) -> None:
            self.export_button.setEnabled(True)
            self.changed.emit(Changes(settings=True))
            self.show_pdf.emit(pdf, _("Audit log"))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            show_error(self, exc)

        self.tasks.run(lambda progress, cancel: audit.export_pdf(
            self.ctx, rows, filters=filters, language=language, progress=progress, cancel=cancel),
            done, failed, parent=self, label=_("Preparing the audit log…"), long=True,
            on_cancelled=lambda: self.export_button.setEnabled(True))

    def on_changed(self, changes: Changes) -> None:
        if changes:
            self.refresh()
