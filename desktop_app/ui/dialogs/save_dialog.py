"""A small form dialog with inline field errors and one Save (subclasses implement `save()`),
and the date field every such form uses (day.month.year, today by default).

Imports PySide6 and ui helpers only; `save()` calls one service and returns its `Changes`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import _, active
from desktop_app.ui.sync_common import set_message
from desktop_app.ui.widgets.date_field import DateField, date_field
from desktop_app.ui.widgets.field_error import ErrorLabel, FieldErrors, with_error_label


def date_edit(ctx: AppContext, parent: QWidget, name: str) -> DateField:
    """The shared date field (typed in one stop, dd.mm.yyyy), today by default."""
    return date_field(parent, name=name, today=ctx.now().date())


def save_cancel(parent: QWidget, *, save_text: str = "", name: str = ""
                ) -> tuple[QDialogButtonBox, QPushButton]:
    """The dialog's Save (Enter, default) and Cancel (Esc) in the user's language; `save_text`
    words Save for what it does. Connect the box's `accepted` and `rejected`."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Cancel, parent)
    save = box.button(QDialogButtonBox.StandardButton.Save)
    save.setText(save_text or _("Save"))
    save.setDefault(True)
    if name:
        save.setObjectName(name)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    return box, save


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
        self.buttons, _save = save_cancel(self)
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
