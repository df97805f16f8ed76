"""One application's details: facts and dates, the document checklist, the status history, the
stored pre-check, and "Print receipt".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
                               QPushButton, QTabWidget, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.application import PRESENTED_LABELS, Application, ChecklistItem, Presented
from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_, _, active
from desktop_app.services import applications, households, papers, parameters
from desktop_app.ui.dialogs.paper_buttons import add_paper_buttons
from desktop_app.ui.models import RowsModel, status_label
from desktop_app.ui.tables import make_table
from desktop_app.ui.tasks import TaskRunner, default_runner


class ChecklistModel(RowsModel):
    headers = (N_("Document"), N_("Required"), N_("How presented"), N_("Note"))

    def __init__(self, names: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._names = names

    def id_of(self, item: ChecklistItem) -> Any:
        return None

    def display(self, item: ChecklistItem, column: int) -> str:
        if column == 0:
            return self._names.get(item.document_id, item.document_id)
        if column == 1:
            return _("Yes") if item.required else _("No")
        if column == 2:
            return _(PRESENTED_LABELS[Presented(item.presented)])
        return item.note

    def foreground(self, item: ChecklistItem, column: int):
        from desktop_app.ui.models import OVERDUE_FOREGROUND

        return OVERDUE_FOREGROUND if item.required and item.presented == Presented.MISSING \
            else None


class EventsModel(RowsModel):
    headers = (N_("When"), N_("Who"), N_("From"), N_("To"), N_("Note"))

    def display(self, item: dict, column: int) -> str:
        if column == 0:
            try:
                return active().datetime(dt.datetime.fromisoformat(item["at"]))
            except (TypeError, ValueError):
                return str(item.get("at", ""))
        if column == 1:
            return item.get("user", "")
        if column in (2, 3):
            value = item.get("status_from" if column == 2 else "status_to")
            return status_label(value) if value else ""
        return item.get("note", "")

    def sort_key(self, item: dict, column: int) -> Any:
        return item.get("at", "") if column == 0 else super().sort_key(item, column)


class ApplicationDetailsDialog(QDialog):
    """Read-only details of one application, with its receipt a click away."""

    changed = Signal(object)
    show_pdf = Signal(bytes, str)

    def __init__(self, ctx: AppContext, application_id: int, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks or default_runner()
        self.app: Application = applications.get(ctx, application_id)
        t = active()
        spec = ctx.catalogue.get(self.app.service_id)
        self.setWindowTitle(_("Application {reg_no}").format(reg_no=self.app.reg_no))
        self.setObjectName("applicationDetails")
        self.resize(760, 640)

        try:
            applicant = households.person(ctx, self.app.applicant_id)
            who = applicant.full_name + (f" ({applicant.iin})" if applicant.iin else "")
        except AppError:
            who = ""
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}

        def add(key: str, label: str, value: str) -> None:
            if not value:
                return
            widget = QLabel(value, self)
            widget.setWordWrap(True)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = widget
            form.addRow(label, widget)

        def day(value: dt.date | None) -> str:
            return t.date(value) if value else ""

        add("reg_no", _("Reg. No:"), self.app.reg_no)
        add("service", _("Service:"), t.text(spec.name))
        add("applicant", _("Applicant:"), who)
        add("status", _("Status:"), status_label(self.app.status))
        add("accepted", _("Accepted:"), t.datetime(self.app.accepted_at))
        add("forward_by", _("Forward to the Department by:"), day(self.app.forward_by))
        add("decision_due", _("Decision due:"), day(self.app.decision_due))
        add("inspection", _("Home inspection:"), day(self.app.inspection_date))
        add("incomplete", _("Documents missing because:"), self.app.incomplete_reason)
        add("receiver", _("Accepted by:"), self.app.receiver_name)

        names = {d.id: t.text(d.name) for d in spec.documents}
        self.checklist = ChecklistModel(names, self)
        self.checklist.set_rows(self.app.checklist)
        checklist_view, _p = make_table(self.checklist, self, name="checklistTable", stretch=0)
        checklist_view.setSortingEnabled(False)

        self.events = EventsModel(self)
        self.events.set_rows(applications.events(ctx, application_id))
        events_view, _p = make_table(self.events, self, name="eventsTable", stretch=4)

        self.precheck_lines = papers.precheck_lines(self.app.precheck, t)
        versions = parameters.versions_used(ctx, self.app.precheck, t)
        if versions:  # the figures the pre-check used when taken, not today's
            self.precheck_lines.append(versions)
        precheck = QLabel("\n".join(self.precheck_lines) or _("No pre-check for this service."),
                          self)
        precheck.setObjectName("precheck")
        precheck.setWordWrap(True)
        precheck.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        precheck.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        tabs = QTabWidget(self)
        tabs.addTab(checklist_view, _("Documents"))
        tabs.addTab(events_view, _("Status history"))
        tabs.addTab(precheck, _("Pre-check"))

        facts = QGroupBox(_("Application"), self)
        facts.setLayout(form)
        buttons = QDialogButtonBox(self)
        self.receipt_button = QPushButton(_("Print receipt"), self)
        self.receipt_button.setObjectName("printReceipt")
        buttons.addButton(self.receipt_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        buttons.rejected.connect(self.reject)
        self.receipt_button.clicked.connect(self.print_receipt)

        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.paper_buttons = add_paper_buttons(self, buttons)  # notice, referral, reprint

    def print_receipt(self) -> None:
        """Render the receipt (or the issued paper again) in the UI language and preview it."""
        language = active().locale
        reg_no = self.app.reg_no
        self.receipt_button.setEnabled(False)

        def done(result) -> None:
            pdf, number = result
            self.receipt_button.setEnabled(True)
            self.show_pdf.emit(pdf, _("Receipt No. {reg_no}").format(reg_no=number))

        def failed(exc: BaseException) -> None:
            self.receipt_button.setEnabled(True)
            from desktop_app.ui.errors import show_error

            show_error(self, exc)

        self.tasks.run(lambda: papers.receipt_pdf(self.ctx, reg_no, language=language), done,
                       failed, parent=self, label=_("Preparing the receipt…"))
