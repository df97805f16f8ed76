"""Signing in: a login/password form (Enter signs in, refusals shown inline in the UI language),
the demo office's accounts offered on it, and the dialog shown at start. The lock screen reuses
the form (ui/session.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from desktop_app.context import AppContext, User
from desktop_app.domain.errors import AppError
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.i18n import _, active
from desktop_app.services import auth
from desktop_app.ui.widgets.field_error import ErrorLabel

DEMO_STYLE = ("QFrame#demoAccounts { background: #fff7dc; border: 1px solid #e5c866;"
              " border-radius: 4px; }")


def demo_accounts(ctx: AppContext) -> list[dict]:
    """The demo office's documented accounts (login, password, roles), [] in a real office."""
    if not ctx.is_demo:
        return []
    from desktop_app.services.setup import demo_office_spec

    try:
        return list(demo_office_spec().get("users", []))
    except (OSError, ValueError):
        return []


def _roles_label(roles: str) -> str:
    names = []
    for code in str(roles).split(","):
        try:
            names.append(_(ROLE_LABELS[Role(code.strip())]))
        except ValueError:
            names.append(code.strip())
    return ", ".join(names)


class SignInForm(QWidget):
    """Login and password; emits `signed_in(User)` once `auth.sign_in` accepted them.

    `login` pre-fills the login; `fixed_login` makes it read-only until "Another user…" is pressed
    (the lock screen).
    """

    signed_in = Signal(object)  # context.User

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, login: str = "",
                 fixed_login: bool = False, demo_hint: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.login = QLineEdit(login, self)
        self.login.setObjectName("signInLogin")
        self.login.setMaxLength(32)
        self.login.setReadOnly(fixed_login)
        self.password = QLineEdit(self)
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel(self)
        self.error.setObjectName("signInError")
        self.button = QPushButton(_("Sign in"), self)
        self.button.setObjectName("signInButton")
        # Enter in the fields signs in (returnPressed); no default button, so a dialog around
        # the form does not press it a second time with the password already cleared.
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.submit)
        self.login.returnPressed.connect(self._login_entered)
        self.password.returnPressed.connect(self.submit)

        form = QFormLayout()
        form.addRow(_("Login:"), self.login)
        form.addRow(_("Password:"), self.password)
        buttons = QHBoxLayout()
        self.other_button: QPushButton | None = None
        if fixed_login:
            self.other_button = QPushButton(_("Another user…"), self)
            self.other_button.setObjectName("otherUserButton")
            self.other_button.setFlat(True)
            self.other_button.setAutoDefault(False)
            self.other_button.clicked.connect(self.another_user)
            buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.demo_box: QFrame | None = None
        accounts = demo_accounts(ctx) if demo_hint else []
        if accounts:
            self.demo_box = self._demo_box(accounts)
            layout.addWidget(self.demo_box)
        self.setFocusProxy(self.password if login else self.login)

    def _demo_box(self, accounts: list[dict]) -> QFrame:
        box = QFrame(self)
        box.setObjectName("demoAccounts")
        box.setStyleSheet(DEMO_STYLE)
        col = QVBoxLayout(box)
        note = QLabel(_("This is the demo office: its village and people are invented. Sign in "
                        "with one of the demo accounts (click one to fill it in):"), box)
        note.setWordWrap(True)
        note.setStyleSheet("border: none;")
        col.addWidget(note)
        for account in accounts:
            text = _("{role}: {login} / {password}").format(
                role=_roles_label(account.get("roles", "")), login=account["login"],
                password=account.get("password", ""))
            button = QPushButton(text, box)
            button.setObjectName(f"demo_{account['login']}")
            button.setFlat(True)
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet("text-align: left; border: none; color: #0b57a4;")
            button.clicked.connect(lambda _c=False, a=account: self.fill(a["login"],
                                                                         a.get("password", "")))
            col.addWidget(button)
        return box

    def fill(self, login: str, password: str) -> None:
        self.login.setReadOnly(False)
        self.login.setText(login)
        self.password.setText(password)
        self.password.setFocus()

    def another_user(self) -> None:
        self.login.setReadOnly(False)
        self.login.clear()
        self.password.clear()
        self.error.show_message("")
        self.login.setFocus()

    def _login_entered(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def submit(self) -> User | None:
        """Try the login and password; the refusal (wrong, locked until …, switched off) is shown
        under the fields."""
        login = self.login.text().strip().lower()
        if not login:
            self.error.show_message(_("Enter your login."))
            self.login.setFocus()
            return None
        try:
            user = auth.sign_in(self.ctx, login, self.password.text())
        except AppError as exc:
            self.error.show_message(exc.message(active()))
            self.password.clear()
            self.password.setFocus()
            return None
        self.error.show_message("")
        self.password.clear()
        self.signed_in.emit(user)
        return user


class SignInDialog(QDialog):
    """The sign-in at start: the office's name, the form, and Quit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, login: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user: User | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(_("Sign in — Akimat Desk"))
        self.setMinimumWidth(440)
        title = QLabel("<h2>{}</h2>".format(_("Akimat Desk")), self)
        office = QLabel(active().text(ctx.office.name) if ctx.office.name else "", self)
        office.setWordWrap(True)
        self.form = SignInForm(ctx, self, login=login)
        self.form.signed_in.connect(self._done)
        quit_button = QPushButton(_("Quit"), self)
        quit_button.setObjectName("quitButton")
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(office)
        layout.addSpacing(8)
        layout.addWidget(self.form)
        layout.addLayout(bottom)
        self.form.setFocus()

    def _done(self, user: User) -> None:
        self.user = user
        self.accept()
