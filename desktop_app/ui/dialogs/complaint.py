"""Record a complaint (who, what about, how it came, address, phone) with services.complaints, then
show the talon that confirms its acceptance so it can be printed for the citizen. Calls services.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import _
from desktop_app.services import complaints
from desktop_app.ui.dialogs.paper_buttons import language_combo
from desktop_app.ui.errors import show_error


class ComplaintDialog(QDialog):
    """`changed(Changes)` once recorded, then `show_pdf(talon, title)`; `reg_no` holds its number."""

    changed = Signal(object)
    show_pdf = Signal(bytes, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reg_no = ""
        self.setObjectName("complaintDialog")
        self.setWindowTitle(_("Record a complaint"))
        self.resize(520, 380)
        self.complainant = QLineEdit(self)
        self.subject = QPlainTextEdit(self)
        self.channel = QComboBox(self)
        for key, label in complaints.CHANNELS.items():
            self.channel.addItem(_(label), key)
        self.address = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.languages = language_combo(self)
        for name, w in (("complainant", self.complainant), ("subject", self.subject),
                        ("channel", self.channel), ("address", self.address),
                        ("phone", self.phone)):
            w.setObjectName(name)
        form = QFormLayout()
        form.addRow(_("Who complains:"), self.complainant)
        form.addRow(_("What about:"), self.subject)
        form.addRow(_("Received:"), self.channel)
        form.addRow(_("Address:"), self.address)
        form.addRow(_("Phone:"), self.phone)
        form.addRow(_("Language of the talon:"), self.languages)
        buttons = QDialogButtonBox(self)
        self.record_button = QPushButton(_("Record and print the talon"), self)
        self.record_button.setObjectName("recordComplaint")
        self.record_button.setDefault(True)
        buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        self.record_button.clicked.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def record(self) -> None:
        fields = {"complainant": self.complainant, "subject": self.subject}
        try:
            number, changes = complaints.record_complaint(
                self.ctx, complainant=self.complainant.text(),
                subject=self.subject.toPlainText(), channel=self.channel.currentData(),
                address=self.address.text(), phone=self.phone.text())
        except ValidationError as exc:
            if exc.field in fields:
                fields[exc.field].setFocus()
            show_error(self, exc)
            return
        except AppError as exc:
            show_error(self, exc)
            return
        self.reg_no = number
        self.changed.emit(changes)
        try:
            pdf = complaints.talon_pdf(self.ctx, number, languages=self.languages.currentData())
        except AppError as exc:  # recorded; the talon can be reprinted from the journal later
            show_error(self, exc)
        else:
            self.show_pdf.emit(pdf, _("Complaint No. {reg_no}").format(reg_no=number))
        self.accept()


def record_complaint_button(page) -> QPushButton:
    """A "Record a complaint…" button for a page with ctx, changed and show_pdf."""
    button = QPushButton(_("Record a complaint…"), page)
    button.setObjectName("recordComplaintButton")

    def open_dialog() -> None:
        dialog = ComplaintDialog(page.ctx, page)
        dialog.changed.connect(page.changed)
        dialog.show_pdf.connect(page.show_pdf)
        dialog.open()
        page.complaint_dialog = dialog

    button.clicked.connect(open_dialog)
    return button
