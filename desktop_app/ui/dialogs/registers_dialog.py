"""Print a register: the application journal for a period (in the background, with progress and
Cancel, so 500 rows keep the window responsive), the hand-over register (акт приёма-передачи) of a
day, or the complaints journal; in Kazakh, Russian or both. Calls services only.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QPushButton, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.i18n import N_, _
from desktop_app.services import complaints, office_papers, permissions
from desktop_app.ui.widgets.date_field import date_field
from desktop_app.ui.dialogs.paper_buttons import language_combo
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import gate
from desktop_app.ui.tasks import TaskRunner, default_runner

REGISTERS: tuple[tuple[str, str], ...] = (
    ("journal", N_("Journal of registration of applications")),
    ("handover", N_("Hand-over register of a day")),
    ("complaints", N_("Complaints journal")),
)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class RegistersDialog(QDialog):
    """Choose the register, the period (or day) and the languages; Print shows the preview."""

    show_pdf = Signal(bytes, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks or default_runner()
        self.setWindowTitle(_("Print a register"))
        self.setObjectName("registersDialog")
        today = ctx.now().date()
        self.kind = QComboBox(self)
        for key, label in REGISTERS:
            self.kind.addItem(_(label), key)
        self.start = date_field(self, today=today, value=today.replace(day=1))
        self.end = date_field(self, today=today)
        self.languages = language_combo(self)
        form = QFormLayout()
        form.addRow(_("Register:"), self.kind)
        form.addRow(_("From (or the day):"), self.start)
        form.addRow(_("To:"), self.end)
        form.addRow(_("Language:"), self.languages)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.setObjectName("printRegister")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_register)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _kind_changed(self) -> None:
        self.end.setEnabled(self.kind.currentData() != "handover")

    def print_register(self) -> None:
        kind, langs = self.kind.currentData(), self.languages.currentData()
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        ctx = self.ctx
        self.print_button.setEnabled(False)

        def job(progress, cancel):
            if kind == "journal":
                return office_papers.journal_pdf(ctx, start, end, languages=langs,
                                                 progress=progress, cancel=cancel)
            if kind == "handover":
                return office_papers.handover_register_pdf(ctx, start, languages=langs)
            return complaints.journal_pdf(ctx, start, end, languages=langs)

        def done(result) -> None:
            pdf, number = result
            self.print_button.setEnabled(True)
            self.show_pdf.emit(pdf, _("Register No. {reg_no}").format(reg_no=number))

        def failed(exc: BaseException) -> None:
            self.print_button.setEnabled(True)
            show_error(self, exc)

        def cancelled() -> None:
            self.print_button.setEnabled(True)

        self.tasks.run(job, done, failed, on_cancelled=cancelled, parent=self,
                       label=_("Preparing the register…"), long=True)


def open_registers_button(page) -> QPushButton:
    """A "Registers…" button for a page with ctx, tasks and show_pdf: opens the dialog."""
    button = QPushButton(_("Registers…"), page)
    button.setObjectName("openRegisters")
    gate(button, permissions.print_paper(page.ctx))

    def open_dialog() -> None:
        dialog = RegistersDialog(page.ctx, page, tasks=page.tasks)
        dialog.show_pdf.connect(page.show_pdf)
        dialog.show()
        page.registers_dialog = dialog

    button.clicked.connect(open_dialog)
    return button
