"""One application's details: facts and dates, where it stands with the district, the document
checklist, the history, the stored pre-check, "Print receipt", and the actions after intake
(documents arrived, correct, withdraw, void), each disabled with its reason when it does not apply.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.application import (PRESENTED_LABELS, Application, ChecklistItem,
                                            Presented, Status)
from desktop_app.domain.errors import AppError
from desktop_app.domain.lifecycle import EVENT_LABELS, EventKind
from desktop_app.i18n import N_, _, active
from desktop_app.services import (applications, households, lifecycle, papers, parameters,
                                  permissions)
from desktop_app.services.lifecycle import SyncState
from desktop_app.ui.dialogs.paper_buttons import add_paper_buttons, print_withdrawal
from desktop_app.ui.labels import event_details
from desktop_app.ui.models import RowsModel, status_label
from desktop_app.ui.permits import allow, gate
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
    headers = (N_("When"), N_("Who"), N_("What"), N_("Status"), N_("Note"))

    def __init__(self, names: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._names = names

    def display(self, item: dict, column: int) -> str:
        if column == 0:
            try:
                return active().datetime(dt.datetime.fromisoformat(item["at"]))
            except (TypeError, ValueError):
                return str(item.get("at", ""))
        if column == 1:
            return item.get("user", "")
        if column == 2:
            return _(EVENT_LABELS.get(EventKind(item.get("kind") or "status"), ""))
        if column == 3:
            before, after = item.get("status_from"), item.get("status_to")
            if before and after and before != after:
                return "{} → {}".format(status_label(before), status_label(after))
            return status_label(after) if after and not before else ""
        note, more = item.get("note", ""), event_details(item, self._names)
        return " · ".join(p for p in (note, more) if p)

    def sort_key(self, item: dict, column: int) -> Any:
        return item.get("at", "") if column == 0 else super().sort_key(item, column)



ACTION_BUTTONS = (
    ("complete", N_("&Documents arrived…")),
    ("correct", N_("Co&rrect…")),
    ("withdraw", N_("&Withdraw…")),
    ("void", N_("&Void…")),
)


def sync_text(state: SyncState) -> str:
    """Where the application stands on the way to the district, in words."""
    t = active()

    def day(stamp: str | None) -> str:
        try:
            return t.date(dt.datetime.fromisoformat(stamp or "").date())
        except ValueError:
            return stamp or ""

    if state.sent_seq is None:
        return _("Not sent to the district yet.")
    if state.changed_since:
        return _("Changed after batch {n} of {date}: goes with the next batch.").format(
            n=state.sent_seq, date=day(state.sent_at))
    if state.acked_at:
        return _("Sent in batch {n} on {date}; the district confirmed it on {ack}.").format(
            n=state.sent_seq, date=day(state.sent_at), ack=day(state.acked_at))
    return _("Sent in batch {n} on {date}, awaiting the district.").format(
        n=state.sent_seq, date=day(state.sent_at))


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

        self.form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        self._fill_facts()
        names = {d.id: t.text(d.name) for d in spec.documents}
        self.checklist = ChecklistModel(names, self)
        self.checklist.set_rows(self.app.checklist)
        checklist_view, _p = make_table(self.checklist, self, name="checklistTable", stretch=0)
        checklist_view.setSortingEnabled(False)

        self.names = names
        self.events = EventsModel(names, self)
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
        tabs.addTab(events_view, _("History"))
        tabs.addTab(precheck, _("Pre-check"))

        facts = QGroupBox(_("Application"), self)
        facts.setLayout(self.form)
        actions = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for key, label in ACTION_BUTTONS:
            button = QPushButton(_(label), self)
            button.setObjectName(f"action_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.open_action(k))
            self.action_buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self._update_actions()
        buttons = QDialogButtonBox(self)
        self.receipt_button = QPushButton(_("Print r&eceipt"), self)
        self.receipt_button.setObjectName("printReceipt")
        buttons.addButton(self.receipt_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        buttons.rejected.connect(self.reject)
        self.receipt_button.clicked.connect(self.print_receipt)
        gate(self.receipt_button, permissions.print_paper(ctx))

        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addLayout(actions)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.paper_buttons = add_paper_buttons(self, buttons)  # notice, referral, reprint

    def _fill_facts(self) -> None:
        """The facts of the application as it stands (again after each action)."""
        t, app = active(), self.app
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields.clear()
        try:
            applicant = households.person(self.ctx, app.applicant_id)
            who = applicant.full_name + (f" ({applicant.iin})" if applicant.iin else "")
        except AppError:
            who = ""

        def add(key: str, label: str, value: str) -> None:
            if not value:
                return
            widget = QLabel(value, self)
            widget.setWordWrap(True)
            widget.setObjectName(f"fact_{key}")
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = widget
            self.form.addRow(label, widget)

        def day(value: dt.date | None) -> str:
            return t.date(value) if value else ""

        status = status_label(app.status)
        if app.closed_on:
            status += " · {} · {}".format(t.date(app.closed_on), app.closed_reason)
        add("reg_no", _("Reg. No:"), app.reg_no)
        add("service", _("Service:"), t.text(self.ctx.catalogue.get(app.service_id).name))
        add("applicant", _("Applicant:"), who)
        add("status", _("Status:"), status)
        add("accepted", _("Accepted:"), t.datetime(app.accepted_at))
        add("complete", _("Documents complete on:"),
            t.datetime(app.complete_at) if app.complete_at else "")
        add("forward_by", _("Forward to the Department by:"), day(app.forward_by))
        add("decision_due", _("Decision due:"), day(app.decision_due))
        add("inspection", _("Home inspection:"), day(app.inspection_date))
        add("incomplete", _("Documents missing because:"), app.incomplete_reason)
        add("receiver", _("Accepted by:"), app.receiver_name)
        add("district", _("District:"), sync_text(lifecycle.sync_state(self.ctx, app)))

    def _update_actions(self) -> None:
        blockers = lifecycle.action_blockers(self.ctx, self.app)
        for key, button in self.action_buttons.items():
            reason = blockers.get(key)
            button.setEnabled(reason is None)
            button.setToolTip(_(reason) if reason else "")

    def reload(self) -> None:
        """Read the application again after an action and show it as it now stands."""
        self.app = applications.get(self.ctx, self.app.id)
        self._fill_facts()
        self.checklist.set_rows(self.app.checklist)
        self.events.set_rows(applications.events(self.ctx, self.app.id))
        self._update_actions()

    def open_action(self, key: str):
        """Open the action's dialog (only when it applies: the button says why otherwise)."""
        reason = lifecycle.action_blockers(self.ctx, self.app).get(key)
        if reason is not None:
            from desktop_app.ui.errors import show_error

            show_error(self, AppError(reason, code="not_available"))
            return None
        from desktop_app.ui.dialogs.lifecycle import DIALOGS

        dialog = DIALOGS[key](self.ctx, self.app, self)
        dialog.saved.connect(lambda changes, d=dialog, k=key: self._after_action(k, d, changes))
        dialog.setModal(True)
        dialog.show()
        return dialog

    def _after_action(self, key: str, dialog, changes) -> None:
        self.reload()
        self.changed.emit(changes)
        if key == "complete" and dialog.result is not None and dialog.result.complete:
            self.print_receipt()  # the new receipt lists every document
        elif key == "withdraw":
            print_withdrawal(self)  # the documents go back with the confirmation
        elif key == "correct" and self.app.status in (Status.REGISTERED, Status.INCOMPLETE,
                                                      Status.FORWARDED):
            self.print_receipt()  # the corrected receipt replaces the one handed out

    def print_receipt(self) -> None:
        """Render the receipt (or the issued paper again) in the UI language and preview it."""
        language = active().locale
        reg_no = self.app.reg_no
        allow(self.receipt_button, False)

        def done(result) -> None:
            pdf, number = result
            allow(self.receipt_button, True)
            self.show_pdf.emit(pdf, _("Receipt No. {reg_no}").format(reg_no=number))

        def failed(exc: BaseException) -> None:
            allow(self.receipt_button, True)
            from desktop_app.ui.errors import show_error

            show_error(self, exc)

        self.tasks.run(lambda: papers.receipt_pdf(self.ctx, reg_no, language=language), done,
                       failed, parent=self, label=_("Preparing the receipt…"))
