"""The actions on an application after intake, one dialog each: documents that arrived later,
a correction (applicant and checklist, with a reason), a withdrawal at the citizen's written
request, voiding a number taken in error. Each saves through its one service call.

Imports services.lifecycle and ui helpers only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QFrame, QGroupBox, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QScrollArea, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.application import PRESENTED_LABELS, Application, Presented, Status
from desktop_app.i18n import _, active
from desktop_app.services import households, lifecycle
from desktop_app.ui.dialogs.save_dialog import SaveDialog, date_edit
from desktop_app.ui.forms.member_dialog import date_of, fill_sex_combo, make_date_edit, set_date


def _names(ctx: AppContext, app: Application) -> dict[str, str]:
    t = active()
    return {d.id: t.text(d.name) for d in ctx.catalogue.get(app.service_id).documents}


def _heading(app: Application, text: str, parent: QWidget) -> QLabel:
    label = QLabel("<b>{}</b><br>{}".format(app.reg_no, text), parent)
    label.setWordWrap(True)
    return label


def _reason_edit(parent: QWidget, name: str = "reason") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setMaxLength(500)
    return edit


class DocumentsArrivedDialog(SaveDialog):
    """Tick the papers the citizen brought; when none required is missing any more the
    application is registered and its deadlines run from the day given."""

    def __init__(self, ctx: AppContext, app: Application, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("documentsArrivedDialog")
        self.setWindowTitle(_("Documents arrived"))
        self.app = app
        self.result: lifecycle.Completion | None = None
        names = _names(ctx, app)
        self.layout_.addWidget(_heading(app, _("Mark the documents the citizen brought. When "
                                               "nothing required is missing, the deadlines are "
                                               "counted again from the day they arrived and a "
                                               "new receipt is printed."), self))
        # a list, not check boxes: document names are long and must wrap; Space ticks one
        self.documents = QListWidget(self)
        self.documents.setObjectName("arrivedDocuments")
        self.documents.setWordWrap(True)
        self.documents.setMinimumHeight(120)
        missing = [c for c in app.checklist if c.presented == Presented.MISSING]
        for item in sorted(missing, key=lambda c: not c.required):
            text = names.get(item.document_id, item.document_id)
            if not item.required:
                text += " " + _("(if applicable)")
            row = QListWidgetItem(text, self.documents)
            row.setData(Qt.ItemDataRole.UserRole, item.document_id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
        caption = QLabel(_("&Missing documents (Space ticks one):"), self)
        caption.setBuddy(self.documents)
        self.layout_.addWidget(caption)
        self.layout_.addWidget(self.documents)
        self.errors.add("documents", self.documents)
        self.on = date_edit(ctx, self, "arrivedOn")
        self.add_field("on", _("Arrived on:"), self.on)
        self.finish_layout()
        self.setMinimumWidth(620)
        self.documents.setCurrentRow(0)
        self.documents.setFocus()

    def set_arrived(self, document_id: str, arrived: bool = True) -> None:
        for i in range(self.documents.count()):
            row = self.documents.item(i)
            if row.data(Qt.ItemDataRole.UserRole) == document_id:
                row.setCheckState(Qt.CheckState.Checked if arrived else Qt.CheckState.Unchecked)

    def arrived(self) -> list[str]:
        return [self.documents.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.documents.count())
                if self.documents.item(i).checkState() == Qt.CheckState.Checked]

    def save(self):
        chosen = self.arrived()
        self.result = lifecycle.complete_documents(self.ctx, self.app.id, chosen,
                                                   on=self.on.date().toPython())
        return self.result.changes


class CorrectionDialog(SaveDialog):
    """Correct typing errors of the applicant's details or of the checklist, with the reason.
    After the application went to the district the correction travels to it as one."""

    def __init__(self, ctx: AppContext, app: Application, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("correctionDialog")
        self.setWindowTitle(_("Correct the application"))
        self.app = app
        self.person = households.person(ctx, app.applicant_id)
        sent = lifecycle.sync_state(ctx, app).sent_seq
        note = (_("This application already went to the district: the correction goes with the "
                  "next batch and the district sees what was changed.") if sent
                else _("The application has not gone to the district yet: the record is simply "
                       "corrected."))
        self.layout_.addWidget(_heading(app, note, self))
        p = self.person
        self.fields: dict[str, QWidget] = {}
        for key, label, value in (("surname", _("&Surname:"), p.surname),
                                  ("given_name", _("&Given name:"), p.given_name),
                                  ("patronymic", _("&Patronymic:"), p.patronymic),
                                  ("iin", _("&IIN:"), p.iin or "")):
            edit = QLineEdit(value, self)
            edit.setObjectName(key)
            edit.setMaxLength(12 if key == "iin" else 100)
            self.fields[key] = edit
            self.add_field(key, label, edit)
        self.birth_date = make_date_edit(self, today=ctx.now().date())
        self.birth_date.setObjectName("birth_date")
        set_date(self.birth_date, p.birth_date)
        self.add_field("birth_date", _("&Birth date:"), self.birth_date)
        self.sex = QComboBox(self)
        self.sex.setObjectName("sex")
        fill_sex_combo(self.sex)
        self.sex.setCurrentIndex(max(self.sex.findData(p.sex.value if p.sex else None), 0))
        self.add_field("sex", _("Se&x:"), self.sex)
        for key, label, value in (("address", _("&Address:"), p.address),
                                  ("phone", _("P&hone:"), p.phone)):
            edit = QLineEdit(value, self)
            edit.setObjectName(key)
            edit.setMaxLength(200)
            self.fields[key] = edit
            self.add_field(key, label, edit)
        self.reason = _reason_edit(self)
        self.documents: dict[str, QComboBox] = {}
        group = None
        if app.status in (Status.REGISTERED, Status.INCOMPLETE):
            names = _names(ctx, app)
            group = QGroupBox(_("Documents"), self)
            rows = QFormLayout(group)
            rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for item in app.checklist:
                label = QLabel(names.get(item.document_id, item.document_id), group)
                label.setWordWrap(True)
                combo = QComboBox(group)
                combo.setObjectName(f"doc_{item.document_id}")
                for state, msgid in PRESENTED_LABELS.items():
                    combo.addItem(_(msgid), state.value)
                combo.setCurrentIndex(combo.findData(item.presented.value))
                label.setBuddy(combo)
                self.documents[item.document_id] = combo
                rows.addRow(label, combo)
            self.errors.add("documents", group)
            self.incomplete_reason = _reason_edit(self, "incompleteReason")
            self.incomplete_reason.setText(app.incomplete_reason)
            self.add_field("incomplete_reason", _("Documents missing because:"),
                           self.incomplete_reason)
        self.add_field("reason", _("&Reason for the correction:"), self.reason)
        self.finish_layout()
        if group is not None:  # under the applicant's fields, above the message and buttons;
            # scrolled, so long document names wrap instead of squeezing each other
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(group)
            scroll.setMinimumHeight(220)
            self.layout_.insertWidget(self.layout_.indexOf(self.message), scroll, 1)
        self.setMinimumWidth(680)

    def save(self):
        person = {key: edit.text() for key, edit in self.fields.items()}
        person["birth_date"] = date_of(self.birth_date)
        person["sex"] = self.sex.currentData()
        documents = {doc: Presented(combo.currentData())
                     for doc, combo in self.documents.items()}
        reason = getattr(self, "incomplete_reason", None)
        return lifecycle.correct_application(self.ctx, self.app.id, lifecycle.Correction(
            reason=self.reason.text(), person=person, documents=documents,
            incomplete_reason=reason.text() if reason is not None else ""))


class WithdrawDialog(SaveDialog):
    """The citizen's written request to withdraw: its date and what it says."""

    def __init__(self, ctx: AppContext, app: Application, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("withdrawDialog")
        self.setWindowTitle(_("Withdraw the application"))
        self.app = app
        self.layout_.addWidget(_heading(app, _("The application is withdrawn at the citizen's "
                                               "written request. It leaves every work list and "
                                               "the district sees it with the next batch."),
                                        self))
        self.requested_on = date_edit(ctx, self, "requestedOn")
        self.add_field("requested_on", _("Request dated:"), self.requested_on)
        self.reason = _reason_edit(self)
        self.reason.setPlaceholderText(_("e.g. the citizen's request of today, no. in the "
                                         "incoming journal"))
        self.add_field("reason", _("&Reason:"), self.reason)
        self.finish_layout()
        self.reason.setFocus()

    def save(self):
        return lifecycle.withdraw(self.ctx, self.app.id, reason=self.reason.text(),
                                  requested_on=self.requested_on.date().toPython())


class VoidDialog(SaveDialog):
    """Void a registration made in error: the number stays in the journal, marked voided."""

    def __init__(self, ctx: AppContext, app: Application, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("voidDialog")
        self.setWindowTitle(_("Void the registration"))
        self.app = app
        self.layout_.addWidget(_heading(app, _("The registration number stays in the journal, "
                                               "marked voided, and papers issued under it "
                                               "verify as voided. This cannot be undone."),
                                        self))
        self.reason = _reason_edit(self)
        self.add_field("reason", _("&Reason:"), self.reason)
        self.finish_layout()
        self.buttons.button(self.buttons.StandardButton.Save).setText(_("Void"))
        self.reason.setFocus()

    def save(self):
        return lifecycle.void(self.ctx, self.app.id, reason=self.reason.text())


DIALOGS = {"complete": DocumentsArrivedDialog, "correct": CorrectionDialog,
           "withdraw": WithdrawDialog, "void": VoidDialog}
