"""Record a complaint (who, what about, how it came, address, phone) with services.complaints, then
show the talon that confirms its acceptance so it can be printed for the citizen; and record how a
complaint was reviewed (justified or not, the day, what was done: indicators 4.1 and 4.2).
Calls services.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import N_, _, active
from desktop_app.services import complaints, permissions
from desktop_app.ui.widgets.date_field import date_field
from desktop_app.ui.dialogs.save_dialog import save_cancel
from desktop_app.ui.dialogs.paper_buttons import language_combo
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import gate


class ComplaintDialog(QDialog):
    """`changed(Changes)` once recorded, then `show_pdf(talon, title)`; `reg_no` holds its
    number."""

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
        buttons, self.record_button = save_cancel(
            self, save_text=_("Record and print the talon"), name="recordComplaint")
        buttons.accepted.connect(self.record)
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
        except AppError as exc:
            show_error(self, exc, fields=fields)
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
    gate(button, permissions.record_complaint(page.ctx))

    def open_dialog() -> None:
        dialog = ComplaintDialog(page.ctx, page)
        dialog.changed.connect(page.changed)
        dialog.show_pdf.connect(page.show_pdf)
        dialog.open()
        page.complaint_dialog = dialog

    button.clicked.connect(open_dialog)
    return button


class ReviewComplaintDialog(QDialog):
    """Choose a complaint of the journal (those not reviewed yet come first) and record its review;
    `changed(Changes)` once recorded. A role that may not record it sees why, on the Save button."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 reg_no: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reviewComplaintDialog")
        self.setWindowTitle(_("Review of a complaint"))
        self.resize(560, 420)
        self.entries = {e.reg_no: e for e in complaints.journal_entries(ctx)}
        self.complaint = QComboBox(self)
        self.complaint.setObjectName("complaint")
        t = active()
        for e in self.entries.values():
            mark = "" if e.reviewed_on is None else " ✓"
            self.complaint.addItem(f"{e.reg_no} · {t.date(e.received_at.date())} · "
                                   f"{e.complainant}{mark}", e.reg_no)
        self.subject = QLabel(self)
        self.subject.setWordWrap(True)
        self.justified = QRadioButton(_("&Justified"), self)
        self.not_justified = QRadioButton(_("&Not justified"), self)
        self.verdict = QButtonGroup(self)
        for button in (self.justified, self.not_justified):
            self.verdict.addButton(button)
        verdict = QHBoxLayout()
        verdict.addWidget(self.justified)
        verdict.addWidget(self.not_justified)
        verdict.addStretch(1)
        self.reviewed_on = date_field(self, name="reviewed_on", today=ctx.now().date())
        self.reviewed_on.setMaximumDate(QDate(ctx.now().date()))
        self.outcome = QPlainTextEdit(self)
        self.outcome.setObjectName("outcome")
        self.outcome.setTabChangesFocus(True)
        self.outcome.setPlaceholderText(_("What was done, e.g. the certificate issued again"))
        form = QFormLayout()
        form.addRow(_("&Complaint:"), self.complaint)
        form.addRow(_("What about:"), self.subject)
        form.addRow(_("Found:"), verdict)
        form.addRow(_("Reviewed &on:"), self.reviewed_on)
        form.addRow(_("O&utcome:"), self.outcome)
        buttons, self.save_button = save_cancel(self, save_text=_("Record the review"),
                                                name="saveReview")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not self.entries:
            layout.addWidget(QLabel(_("The complaints journal is empty."), self))
        layout.addLayout(form)
        layout.addWidget(buttons)
        blocker = complaints.review_blocker(ctx)
        self.save_button.setEnabled(blocker is None and bool(self.entries))
        self.save_button.setToolTip(blocker.message() if blocker else "")
        self.complaint.currentIndexChanged.connect(self._load)
        if reg_no and reg_no in self.entries:
            self.complaint.setCurrentIndex(self.complaint.findData(reg_no))
        self._load()

    def _load(self) -> None:
        """Show the chosen complaint's subject and its review so far (a review can be corrected)."""
        e = self.entries.get(self.complaint.currentData())
        self.subject.setText(e.subject if e else "")
        self.verdict.setExclusive(False)
        self.justified.setChecked(bool(e and e.justified is True))
        self.not_justified.setChecked(bool(e and e.justified is False))
        self.verdict.setExclusive(True)
        self.reviewed_on.setDate(QDate(e.reviewed_on if e and e.reviewed_on
                                       else self.ctx.now().date()))
        self.outcome.setPlainText(e.outcome if e else "")

    def save(self) -> None:
        reg_no = self.complaint.currentData()
        if not reg_no:
            return
        if self.verdict.checkedButton() is None:
            self.justified.setFocus()
            show_error(self, ValidationError("justified",
                                             N_("Choose whether the complaint was justified.")))
            return
        fields = {"reviewed_on": self.reviewed_on, "outcome": self.outcome}
        try:
            changes = complaints.review_complaint(
                self.ctx, reg_no, justified=self.justified.isChecked(),
                reviewed_on=self.reviewed_on.date().toPython(),
                outcome=self.outcome.toPlainText())
        except AppError as exc:
            show_error(self, exc, fields=fields)
            return
        self.changed.emit(changes)
        self.accept()


def review_complaint_button(page) -> QPushButton:
    """A "Review a complaint…" button for a page with ctx and changed; disabled, with the reason
    as its tooltip, for a role that may not record a review."""
    button = QPushButton(_("Review a complaint…"), page)
    button.setObjectName("reviewComplaintButton")
    blocker = complaints.review_blocker(page.ctx)
    button.setEnabled(blocker is None)
    button.setToolTip(blocker.message() if blocker else "")

    def open_dialog() -> None:
        dialog = ReviewComplaintDialog(page.ctx, page)
        dialog.changed.connect(page.changed)
        dialog.open()
        page.review_dialog = dialog

    button.clicked.connect(open_dialog)
    return button
