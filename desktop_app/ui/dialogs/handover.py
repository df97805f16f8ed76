"""Hand-over dialogs: a decision handed to the citizen (date, to whom, signature taken) and
documents delivered to the district by hand (date, to whom) for several applications at once.

Imports services.handover and ui helpers; each dialog saves through its one service call.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QLabel, QLineEdit, QWidget)

from desktop_app.context import AppContext
from desktop_app.i18n import _
from desktop_app.services import handover
from desktop_app.services.handover import ReadyRow
from desktop_app.store.applications import ApplicationRow
from desktop_app.ui.dialogs.save_dialog import SaveDialog, date_edit


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
