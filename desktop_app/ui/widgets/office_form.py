"""Forms shared by the first-run dialog and the Settings office dialog: the office's identity
(code, names, address, phone, akim, Department) and one account (login, name, position, roles,
password), each showing a service's ValidationError inline on its field.

Imports PySide6, domain (roles) and services.office_setup (the drafts).
"""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget)

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.i18n import _
from desktop_app.services.office_setup import LANG_MARKS as LANG_NAMES
from desktop_app.services.office_setup import LANGS, OfficeDraft, StaffDraft
from desktop_app.ui.widgets.field_error import ErrorLabel, FieldErrors, with_error_label



class _Form(QWidget):
    """A QFormLayout whose rows carry an error label; `errors` knows every field by name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors = FieldErrors()
        self.edits: dict[str, QLineEdit] = {}

    def _line(self, key: str, label: str, *, password: bool = False) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(key.replace(".", "_"))
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        error = ErrorLabel(self)
        self.errors.add(key, edit, error)
        self.edits[key] = edit
        edit.textEdited.connect(lambda _t, k=key: self.errors.clear(k))
        self.form.addRow(label, with_error_label(edit, error))
        return edit

    def _pair(self, key: str, label: str) -> None:
        for lang in LANGS:
            self._line(f"{key}.{lang}", f"{label} ({LANG_NAMES[lang]}):")

    def _get_pair(self, key: str) -> dict[str, str]:
        return {lang: self.edits[f"{key}.{lang}"].text() for lang in LANGS}

    def _set_pair(self, key: str, value: dict[str, str]) -> None:
        for lang in LANGS:
            self.edits[f"{key}.{lang}"].setText(value.get(lang, ""))

    def show_error(self, exc: ValidationError, prefix: str = "", *, focus: bool = True) -> bool:
        """Show `exc` on its field (its name without `prefix`); False when no field matches."""
        name = exc.field[len(prefix):] if prefix and exc.field.startswith(prefix) else exc.field
        if name not in self.errors:
            return False
        self.errors.show(name, exc.message())
        widget = self.errors.widget(name)
        if widget is not None and focus:
            widget.setFocus()
        return True

    def clear_errors(self) -> None:
        self.errors.clear()


class OfficeForm(_Form):
    """The office's identity; `code_editable=False` shows the code read-only."""

    def __init__(self, parent: QWidget | None = None, *, akim: bool = True) -> None:
        super().__init__(parent)
        self._line("code", _("Office code:")).setPlaceholderText("KRG-ABAY-KOKSU")
        self._pair("name", _("Office name"))
        self._pair("district", _("District"))
        self._pair("address", _("Address"))
        self._line("phone", _("Phone:"))
        self._pair("department", _("Reports to (Department)"))
        if akim:
            self._line("akim_name", _("Akim's full name:"))
            self._pair("akim_position", _("Akim's position"))
        self._draft = OfficeDraft()

    def set_draft(self, draft: OfficeDraft) -> None:
        self._draft = draft
        self.edits["code"].setText(draft.code)
        for key in ("name", "district", "address", "department"):
            self._set_pair(key, getattr(draft, key))
        self.edits["phone"].setText(draft.phone)
        if "akim_name" in self.edits:
            self.edits["akim_name"].setText(draft.akim_name)
            self._set_pair("akim_position", draft.akim_position)
        self.clear_errors()

    def draft(self) -> OfficeDraft:
        """The draft given to `set_draft` with what the person typed over it."""
        d = self._draft
        d.code = self.edits["code"].text()
        for key in ("name", "district", "address", "department"):
            setattr(d, key, self._get_pair(key))
        d.phone = self.edits["phone"].text()
        if "akim_name" in self.edits:
            d.akim_name = self.edits["akim_name"].text()
            d.akim_position = self._get_pair("akim_position")
        return d


class AccountForm(_Form):
    """One account: login, full name, position (kk/ru), roles (unless fixed) and the password
    typed twice."""

    def __init__(self, parent: QWidget | None = None, *, fixed_roles: frozenset[str] = frozenset()
                 ) -> None:
        super().__init__(parent)
        self.fixed_roles = fixed_roles
        self._line("login", _("Login:")).setPlaceholderText("gulnar")
        self._line("full_name", _("Full name:"))
        self._pair("position", _("Position"))
        self.role_boxes: dict[str, QCheckBox] = {}
        if not fixed_roles:
            row = QWidget(self)
            lay = QHBoxLayout(row)
            lay.setContentsMargins(0, 0, 0, 0)
            for role in (Role.SPECIALIST, Role.AKIM, Role.ADMIN):
                box = QCheckBox(_(ROLE_LABELS[role]), row)
                box.setObjectName(f"role_{role}")
                box.setChecked(role == Role.SPECIALIST)
                self.role_boxes[str(role)] = box
                lay.addWidget(box)
            lay.addStretch(1)
            error = ErrorLabel(self)
            self.errors.add("roles", row, error)
            self.form.addRow(_("Roles:"), with_error_label(row, error))
        self._line("password", _("Initial password:"), password=True)
        self._line("password2", _("Password again:"), password=True)

    def account(self) -> StaffDraft:
        roles = self.fixed_roles or frozenset(r for r, b in self.role_boxes.items()
                                              if b.isChecked())
        return StaffDraft(login=self.edits["login"].text(),
                          full_name=self.edits["full_name"].text(),
                          position=self._get_pair("position"), roles=frozenset(roles),
                          password=self.edits["password"].text())

    def mismatch(self) -> bool:
        """True (and shown on the field) when the two passwords differ."""
        if self.edits["password"].text() != self.edits["password2"].text():
            self.errors.show("password2", _("The two passwords differ."))
            return True
        return False

    def reset(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        for role, box in self.role_boxes.items():
            box.setChecked(role == Role.SPECIALIST)
        self.clear_errors()
