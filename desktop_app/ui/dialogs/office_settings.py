"""The office's details in Settings (administrators only): name, code, address, phone, akim and
the Department, saved by services.office_setup.update_office with errors shown on their fields.
The untouched demo office is set up instead with the first-run steps (`open_office_settings`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import _
from desktop_app.services import notice_signers, office_setup
from desktop_app.ui.errors import show_error
from desktop_app.ui.widgets.office_form import OfficeForm


class OfficeSettingsDialog(QDialog):
    """Edit the office's identity; `changed(Changes)` once saved."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("officeSettings")
        self.setWindowTitle(_("The office's details"))
        self.resize(720, 640)
        self.form = OfficeForm(self)
        self.form.set_draft(office_setup.draft_from_office(ctx.office))
        note = QLabel(_("Printed papers take their header from these details. The code cannot "
                        "change once applications are registered under it."), self)
        note.setWordWrap(True)
        self.signers = self._signers_box(notice_signers.get_signers(ctx))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("saveOffice")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.signers)
        layout.addWidget(buttons)

    def _signers_box(self, signers: notice_signers.Signers) -> QGroupBox:
        box = QGroupBox(_("Decision notices"), self)
        form = QFormLayout(box)
        self.head_edit = QLineEdit(signers.head, box)
        self.executor_edit = QLineEdit(signers.executor_name, box)
        self.executor_phone_edit = QLineEdit(signers.executor_phone, box)
        self.executor_edit.setPlaceholderText(_("the specialist who prints it"))
        self.executor_phone_edit.setPlaceholderText(_("the office's phone"))
        for name, edit, label in (("departmentHead", self.head_edit, _("Head of the Department:")),
                                  ("executorName", self.executor_edit, _("Executor:")),
                                  ("executorPhone", self.executor_phone_edit,
                                   _("Executor's phone:"))):
            edit.setObjectName(name)
            form.addRow(label, edit)
        return box

    def save(self) -> None:
        self.form.clear_errors()
        draft = self.form.draft()
        errors = office_setup.check_identity(self.ctx, draft)
        for i, exc in enumerate(errors):
            self.form.show_error(exc, focus=i == 0)
        if errors:
            return
        try:
            changes = office_setup.update_office(self.ctx, draft)
        except ValidationError as exc:
            if not self.form.show_error(exc):
                show_error(self, exc)
            return
        except AppError as exc:
            show_error(self, exc)
            return
        try:
            signed = notice_signers.set_signers(self.ctx, notice_signers.Signers(
                self.head_edit.text(), self.executor_edit.text(), self.executor_phone_edit.text()))
        except AppError as exc:
            show_error(self, exc)
            return
        changes = replace(changes, settings=changes.settings or signed.settings)
        if changes:
            self.changed.emit(changes)
        self.accept()


def open_office_settings(ctx: AppContext, parent: QWidget | None,
                         on_changed) -> QDialog:
    """The right dialog for this office: the set-up steps for the demo office, else its details.
    `on_changed(Changes)` is called after a save. Returns the dialog (already shown, modal)."""
    if ctx.is_demo:
        from desktop_app.ui.dialogs.first_run import FirstRunDialog

        dialog: QDialog = FirstRunDialog(parent=parent, ctx=ctx)
        dialog.office_set_up.connect(on_changed)
    else:
        dialog = OfficeSettingsDialog(ctx, parent)
        dialog.changed.connect(on_changed)
    dialog.setModal(True)
    dialog.open()
    return dialog
