"""The "Verify a paper" page: paste (or scan with a USB scanner that types) the QR code's text, or
open an image of it, and see offline whether the paper is genuine (with its facts), altered, or
from an unknown office. Calls services.issued only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.documents.seal import Check, Verdict
from desktop_app.i18n import N_, _, active
from desktop_app.services import Changes, issued
from desktop_app.ui.errors import show_error
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title

VERDICT_TEXT = issued.VERDICT_TEXT
VERDICT_COLOUR = {Verdict.GENUINE: "#1b5e20", Verdict.ALTERED: "#b71c1c",
                  Verdict.UNKNOWN_OFFICE: "#8a5a00", Verdict.NOT_A_PAPER: "#555555",
                  Verdict.VOIDED: "#b71c1c"}
FACT_LABELS = {
    "office": N_("Office code"), "no": N_("Registration number"), "kind": N_("Paper"),
    "name": N_("Full name"), "iin": N_("IIN"), "date": N_("Date"), "service": N_("Service"),
    "decision": N_("Decision"), "amount": N_("Amount"), "period": N_("Period"),
    "quarter": N_("Quarter"), "duplicate_of": N_("Duplicate of the paper of"),
}


class VerifyPage(Page):

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.setObjectName("verifyPage")
        self.payload = QPlainTextEdit(self)
        self.payload.setObjectName("payload")
        self.payload.setPlaceholderText(_("Paste or scan the text of the paper's QR code here"))
        self.payload.setMaximumHeight(110)
        self.check_button = QPushButton(_("Check"), self)
        self.check_button.setObjectName("checkPaper")
        self.image_button = QPushButton(_("Open an image of the code…"), self)
        self.image_button.setObjectName("openImage")
        self.verdict = QLabel("", self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.facts = QFormLayout()
        facts_box = QGroupBox(_("What the paper says"), self)
        facts_box.setLayout(self.facts)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.image_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Verify a paper"), self))
        layout.addWidget(QLabel(_("The check needs no network: it uses this office's key and "
                                  "the keys of the trusted offices."), self))
        layout.addWidget(self.payload)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(facts_box, 1)
        self.check_button.clicked.connect(self.check_text)
        self.image_button.clicked.connect(self.open_image)

    def on_changed(self, changes: Changes) -> None:
        """Nothing here depends on other pages' data."""

    def check_text(self) -> None:
        self.show_check(issued.verify_text(self.ctx, self.payload.toPlainText()))

    def open_image(self, path: str | None = None) -> None:
        if not path:
            path, _f = QFileDialog.getOpenFileName(self, _("Open an image of the code"), "",
                                                   _("Images (*.png *.jpg *.jpeg *.bmp *.tif)"))
        if not path:
            return

        def done(result: tuple[str, Check]) -> None:
            self.payload.setPlainText(result[0])
            self.show_check(result[1])

        def job() -> tuple[str, Check]:
            text = issued.decode_image(path)
            return text, issued.verify_text(self.ctx, text)

        self.tasks.run(job, done, lambda exc: show_error(self, exc), parent=self,
                       label=_("Reading the code…"))

    def show_check(self, check: Check) -> None:
        t = active()
        colour = VERDICT_COLOUR[check.verdict]
        text = _(VERDICT_TEXT[check.verdict])
        if check.office_name:
            text += "\n" + t.text(check.office_name)
        if check.fingerprint:
            text += "\n" + _("Office key: {fingerprint}").format(fingerprint=check.fingerprint)
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"font-weight: bold; color: {colour};")
        while self.facts.rowCount():
            self.facts.removeRow(0)
        for key, value in check.facts.items():
            label = _(FACT_LABELS[key]) if key in FACT_LABELS else key
            field = QLabel(str(value), self)
            field.setWordWrap(True)
            self.facts.addRow(label + ":", field)
