"""The administrator's account dialogs: add a user (login, name, position, roles, an initial
password with the rules shown), edit the name and position, set a new password, choose roles.
Each calls the service itself and shows a refusal next to the field it concerns.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.domain.passwords import MIN_LENGTH
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.i18n import N_, _, active
from desktop_app.services import auth
from desktop_app.store.users import UserRecord
from desktop_app.ui.dialogs.save_dialog import save_cancel
from desktop_app.ui.widgets.field_error import ErrorLabel, clear_error, mark_error


def password_rules_text() -> str:
    return _("A password has at least {n} characters, and is not the login, one letter repeated "
             "or a common word such as 12345678.").format(n=MIN_LENGTH)


class RolesBox(QWidget):
    """One checkbox per role."""

    def __init__(self, roles: frozenset[str] = frozenset(), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for role in Role:
            box = QCheckBox(_(ROLE_LABELS[role]), self)
            box.setObjectName(f"role_{role.value}")
            box.setChecked(role.value in roles)
            self.boxes[role.value] = box
            row.addWidget(box)
        row.addStretch(1)

    def roles(self) -> set[str]:
        return {code for code, box in self.boxes.items() if box.isChecked()}


class _FormDialog(QDialog):
    """OK / Cancel, inline errors per field, a general error line; subclasses implement `save`."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(540)
        self.form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.general = ErrorLabel(self)
        self.general.setObjectName("dialogError")
        self.buttons, _save = save_cancel(self)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

    def add_field(self, key: str, label: str, widget: QWidget, note: str = "") -> QWidget:
        widget.setObjectName(key)
        error = ErrorLabel(self)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        if note:
            hint = QLabel(note, self)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: palette(dark); font-size: 9pt;")
            box.addWidget(hint)
        box.addWidget(error)
        self.form.addRow(label, box)
        self.fields[key], self.errors[key] = widget, error
        return widget

    def _clear(self) -> None:
        self.general.show_message("")
        for key, widget in self.fields.items():
            clear_error(widget)
            self.errors[key].show_message("")

    def show_problem(self, exc: AppError) -> None:
        text = exc.message(active())
        key = getattr(exc, "field", None)
        if isinstance(exc, ValidationError) and key in self.fields:
            mark_error(self.fields[key], text)
            self.errors[key].show_message(text)
            self.fields[key].setFocus()
        else:
            self.general.show_message(text)

    def _ok(self) -> None:
        self._clear()
        try:
            self.save()
        except AppError as exc:
            self.show_problem(exc)
            return
        self.accept()

    def save(self) -> None:
        raise NotImplementedError


def _password_pair(dialog: _FormDialog, label: str) -> tuple[QLineEdit, QLineEdit]:
    first = QLineEdit(dialog)
    first.setEchoMode(QLineEdit.EchoMode.Password)
    again = QLineEdit(dialog)
    again.setEchoMode(QLineEdit.EchoMode.Password)
    rules = QLabel(password_rules_text(), dialog)
    rules.setObjectName("passwordRules")
    rules.setWordWrap(True)
    rules.setStyleSheet("color: palette(dark); font-size: 9pt;")
    dialog.form.addRow(rules)
    dialog.add_field("password", label, first)
    dialog.add_field("password_again", _("Again:"), again)
    return first, again


def _check_same(first: QLineEdit, again: QLineEdit) -> None:
    if first.text() != again.text():
        raise ValidationError("password_again", N_("The two passwords differ."),
                              code="password_mismatch")


class AddUserDialog(_FormDialog):
    """A new account; the person changes the initial password later with "Change password"."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Add a user"), parent)
        self.setObjectName("addUserDialog")
        self.login = self.add_field("login", _("Login:"), QLineEdit(self),
                                    _("Latin letters, digits, dots, dashes; e.g. g.serikbayeva"))
        self.full_name = self.add_field("full_name", _("Full name:"), QLineEdit(self))
        self.position_kk = self.add_field("position_kk", _("Position (Kazakh):"), QLineEdit(self))
        self.position_ru = self.add_field("position_ru", _("Position (Russian):"), QLineEdit(self))
        self.roles = self.add_field("roles", _("Roles:"), RolesBox(parent=self))
        self.password, self.password_again = _password_pair(self, _("Initial password:"))
        self.login.setFocus()

    def save(self) -> None:
        _check_same(self.password, self.password_again)
        auth.create_user(self.ctx, self.login.text(), self.full_name.text(), self.roles.roles(),
                         self.password.text(),
                         position={"kk": self.position_kk.text().strip(),
                                   "ru": self.position_ru.text().strip()})


class PasswordDialog(_FormDialog):
    """A new password for `login`: your own (the current one is asked) or anyone's (admin)."""

    def __init__(self, ctx: AppContext, login: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("New password for {login}").format(login=login), parent)
        self.setObjectName("passwordDialog")
        self.target = login
        self.old: QLineEdit | None = None
        if login == ctx.user.login:
            self.old = self.add_field("old_password", _("Current password:"), QLineEdit(self))
            self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.password, self.password_again = _password_pair(self, _("New password:"))

    def save(self) -> None:
        _check_same(self.password, self.password_again)
        try:
            auth.change_password(self.ctx, self.target, self.password.text(),
                                 old_password=self.old.text() if self.old else None)
        except AppError as exc:
            if exc.code == "wrong_password" and self.old is not None:
                raise ValidationError("old_password", exc.msgid, code=exc.code) from exc
            raise


class RolesDialog(_FormDialog):
    """Choose the roles of `login`."""

    def __init__(self, ctx: AppContext, login: str, roles: frozenset[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Roles of {login}").format(login=login), parent)
        self.setObjectName("rolesDialog")
        self.target = login
        self.roles = self.add_field("roles", _("Roles:"), RolesBox(roles, self))

    def save(self) -> None:
        auth.set_roles(self.ctx, self.target, self.roles.roles())


class EditUserDialog(_FormDialog):
    """Change the full name and position (kk/ru) of `user`, e.g. after a typo or a promotion."""

    def __init__(self, ctx: AppContext, user: UserRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Name and position of {login}").format(login=user.login), parent)
        self.setObjectName("editUserDialog")
        self.target = user.login
        self.full_name = self.add_field("full_name", _("Full name:"), QLineEdit(user.full_name,
                                                                              self))
        self.position_kk = self.add_field("position_kk", _("Position (Kazakh):"),
                                          QLineEdit(user.position.get("kk") or "", self))
        self.position_ru = self.add_field("position_ru", _("Position (Russian):"),
                                          QLineEdit(user.position.get("ru") or "", self))
        self.changes = None
        self.full_name.setFocus()

    def save(self) -> None:
        self.changes = auth.update_user(self.ctx, self.target, self.full_name.text(),
                                        {"kk": self.position_kk.text(),
                                         "ru": self.position_ru.text()})
