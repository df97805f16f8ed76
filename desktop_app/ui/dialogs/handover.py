"""Hand-over dialogs: a decision handed to the citizen (date, to whom, signature taken) and
documents delivered to the district by hand (date, to whom) for several applications at once.

Imports services.handover and ui helpers; each dialog saves through its one service call.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import _, active
from desktop_app.services import handover
from desktop_app.services.handover import ReadyRow
from desktop_app.store.applications import ApplicationRow
from desktop_app.ui.sync_common import set_message
from desktop_app.ui.widgets.field_error import ErrorLabel, FieldErrors, with_error_label


def date_edit(ctx: AppContext, parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    today = ctx.now().date()
    edit.setDate(QDate(today.year, today.month, today.day))
    return edit


class SaveDialog(QDialog):
    """A form with inline field errors and one Save; subclasses implement `save()`."""

    saved = Signal(object)   # Changes

    def __init__(self, ctx: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)

    def finish_layout(self) -> None:
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def add_field(self, name: str, label: str, widget: QWidget) -> None:
        error = ErrorLabel(self)
        self.errors.add(name, widget, error)
        self.form.addRow(label, with_error_label(widget, error))

    def save(self):
        raise NotImplementedError

    def confirm(self) -> None:
        self.errors.clear()
        self.message.hide()
        try:
            changes = self.save()
        except ValidationError as exc:
            if not self.errors.show(exc.field, exc.message(active())):
                set_message(self.message, exc.message(active()), False)
            return
        except AppError as exc:
            set_message(self.message, exc.message(active()), False)
            return
        self.saved.emit(changes)
        self.accept()


class HandoverDialog(SaveDialog):
    """The decision notice (and any referral) handed to the citizen."""

    def __init__(self, ctx: AppContext, ready: ReadyRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("handoverDialog")
        self.setWindowTitle(_("Record the hand-over"))
        self.ready = ready
        decision = _("Assigned") if ready.decision == "assigned" else _("Refused")
        head = QLabel("<b>{}</b><br>{} · {}".format(ready.row.reg_no, ready.row.applicant,
                                                    decision), self)
        self.layout_.addWidget(head)
        if ready.referrals:
            note = QLabel(_("Hand over the referral papers too ({n}).").format(n=ready.referrals),
                          self)
            self.layout_.addWidget(note)
        self.handed_on = date_edit(ctx, self, "handedOn")
        self.to_whom = QLineEdit(ready.row.applicant, self)
        self.to_whom.setObjectName("toWhom")
        self.signature = QCheckBox(_("The citizen signed for the notice"), self)
        self.signature.setObjectName("signatureTaken")
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.add_field("handed_on", _("Handed over on:"), self.handed_on)
        self.add_field("to_whom", _("To whom:"), self.to_whom)
        self.form.addRow("", self.signature)
        self.add_field("note", _("Note:"), self.note)
        self.finish_layout()

    def save(self):
        return handover.record_handover(self.ctx, self.ready.row.id,
                                        self.handed_on.date().toPython(), self.to_whom.text(),
                                        self.signature.isChecked(), self.note.text().strip())


class DeliveryDialog(SaveDialog):
    """Documents carried to the Department by hand before the weekly trip."""

    def __init__(self, ctx: AppContext, rows: list[ApplicationRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("deliveryDialog")
        self.setWindowTitle(_("Documents delivered by hand"))
        self.rows = rows
        listing = QLabel("<br>".join("<b>{}</b> · {}".format(r.reg_no, r.applicant)
                                     for r in rows), self)
        self.layout_.addWidget(QLabel(_("The documents of these applications were carried to the "
                                        "Department by hand:"), self))
        self.layout_.addWidget(listing)
        self.handed_on = date_edit(ctx, self, "handedOn")
        self.to_whom = QLineEdit(self)
        self.to_whom.setObjectName("toWhom")
        self.to_whom.setPlaceholderText(_("Department and the name of who received them"))
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.add_field("handed_on", _("Delivered on:"), self.handed_on)
        self.add_field("to_whom", _("Received by:"), self.to_whom)
        self.add_field("note", _("Note:"), self.note)
        self.finish_layout()

    def save(self):
        return handover.record_delivery(self.ctx, [r.id for r in self.rows],
                                        self.handed_on.date().toPython(), self.to_whom.text(),
                                        self.note.text().strip())
