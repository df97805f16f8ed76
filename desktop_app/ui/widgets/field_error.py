"""Inline field errors: a red border and tooltip on the field, the reason in a small red label
under it.

Imports PySide6 only. STYLE 4: field errors are shown on the form, next to the field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

ERROR_COLOUR = "#c62828"


class ErrorLabel(QLabel):
    """A small red label, hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR}; font-size: 9pt;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def mark_error(widget: QWidget, message: str) -> None:
    """Red border and tooltip on `widget` (the selector keeps the style off its children)."""
    widget.setProperty("fieldError", True)
    cls = widget.metaObject().className()
    widget.setStyleSheet(f"{cls} {{ border: 1px solid {ERROR_COLOUR}; }}")
    widget.setToolTip(message)


def clear_error(widget: QWidget) -> None:
    if widget.property("fieldError"):
        widget.setProperty("fieldError", False)
        widget.setStyleSheet("")
        widget.setToolTip("")


def with_error_label(field: QWidget, label: ErrorLabel | None = None) -> QWidget:
    """`field` with its error label under it, as one widget for a form layout row."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(1)
    lay.addWidget(field)
    lay.addWidget(label or ErrorLabel())
    return box


def add_form_row(form: QFormLayout, owner: QWidget, errors: FieldErrors, text: str,
                 field: QWidget, name: str = "", label: ErrorLabel | None = None) -> None:
    """A captioned row whose caption is the field's buddy; a named field also gets the red
    error label under it, registered in `errors` under `name`."""
    caption = QLabel(text, owner)
    caption.setBuddy(field)
    # a caption is never cut: QFormLayout gave "Аза&маттығы:" 3 px less than it needs
    caption.setMinimumWidth(caption.sizeHint().width())
    if name:
        label = label or ErrorLabel(owner)
        errors.add(name, field, label)
        form.addRow(caption, with_error_label(field, label))
    else:
        form.addRow(caption, field)


class FieldErrors:
    """Named fields of one form: show a `ValidationError`'s message on a field; clear them."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, ErrorLabel | None]] = {}

    def add(self, name: str, widget: QWidget, label: ErrorLabel | None = None) -> None:
        self._fields[name] = (widget, label)

    def __contains__(self, name: str) -> bool:
        return name in self._fields

    def widget(self, name: str) -> QWidget | None:
        entry = self._fields.get(name)
        return entry[0] if entry else None

    def show(self, name: str, message: str) -> bool:
        entry = self._fields.get(name)
        if entry is None:
            return False
        widget, label = entry
        mark_error(widget, message)
        if label is not None:
            label.show_message(message)
        return True

    def clear(self, name: str | None = None) -> None:
        for key, (widget, label) in self._fields.items():
            if name is None or key == name:
                clear_error(widget)
                if label is not None:
                    label.show_message("")
