"""IinEdit: the 12-digit ИИН/ЖСН field; checks the number as it is typed and finds who has it.

UI layer: imports PySide6 and services.households. The reason a number is wrong is shown inline in
`error_label` (the caller places it under the field, e.g. with `field_widget()`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.context import AppContext
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.iin import IIN_LENGTH, IinInfo, normalise_iin
from desktop_app.domain.household import Person
from desktop_app.i18n import _
from desktop_app.services.households import lookup_iin
from desktop_app.ui.widgets.field_error import ErrorLabel, clear_error, mark_error, with_error_label


class IinValidator(QValidator):
    """Digits only, at most 12; spaces in a pasted number are dropped rather than refused."""

    def validate(self, text: str, pos: int):  # noqa: N802 (Qt API)
        cleaned = normalise_iin(text)
        pos -= len(text[:pos]) - len(normalise_iin(text[:pos]))
        if not cleaned.isdigit() and cleaned:
            return QValidator.State.Invalid, text, pos
        if len(cleaned) > IIN_LENGTH:
            return QValidator.State.Invalid, text, pos
        state = (QValidator.State.Acceptable if len(cleaned) in (0, IIN_LENGTH)
                 else QValidator.State.Intermediate)
        return state, cleaned, max(0, pos)


class IinEdit(QLineEdit):
    """Emits `parsed(IinInfo, Person | None)` for a valid IIN, `invalid(message)` otherwise.

    While fewer than 12 digits are typed `invalid("")` is emitted and no reason is shown yet; when
    the field is left half-typed, the length reason appears.
    """

    parsed = Signal(object, object)
    invalid = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._info: IinInfo | None = None
        self._person: Person | None = None
        self.error_label = ErrorLabel()
        self.setValidator(IinValidator(self))
        self.setMaxLength(IIN_LENGTH + 4)  # room for pasted spaces; the validator strips them
        self.setPlaceholderText(_("12 digits"))
        self.setToolTip(_("IIN: 12 digits; the birth date and sex are read from it"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0" * 16))
        self.textEdited.connect(self._check)
        self.editingFinished.connect(self._finished)

    # state ---------------------------------------------------------------------------------
    @property
    def info(self) -> IinInfo | None:
        return self._info

    @property
    def person(self) -> Person | None:
        """The person already registered with this IIN, if any."""
        return self._person

    def is_valid(self) -> bool:
        return self._info is not None

    def iin(self) -> str:
        return normalise_iin(self.text())

    def field_widget(self) -> QWidget:
        """The field with its error label under it, for a form row."""
        return with_error_label(self, self.error_label)

    def set_iin(self, text: str) -> None:
        """Set the number programmatically and check it as if typed."""
        self.setText(text or "")
        self._check(self.text())

    def show_error(self, message: str) -> None:
        self.error_label.show_message(message)
        if message:
            mark_error(self, message)
        else:
            clear_error(self)

    # checking --------------------------------------------------------------------------------
    def _check(self, text: str) -> None:
        iin = normalise_iin(text)
        self._info, self._person = None, None
        if len(iin) < IIN_LENGTH:
            self.show_error("")
            self.invalid.emit("")
            return
        try:
            info, person = lookup_iin(self._ctx, iin)
        except ValidationError as exc:
            message = exc.message()
            self.show_error(message)
            self.invalid.emit(message)
            return
        self._info, self._person = info, person
        self.show_error("")
        self.parsed.emit(info, person)

    def _finished(self) -> None:
        iin = self.iin()
        if 0 < len(iin) < IIN_LENGTH:
            try:
                lookup_iin(self._ctx, iin)
            except ValidationError as exc:
                self.show_error(exc.message())
