"""The Users page (administrators): the office's accounts, and add, edit name and position, new
password, roles, switch off or on, unlock. Every change goes through services.auth, which checks
the role and audits it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.i18n import N_, _, active
from desktop_app.services import Changes, auth
from desktop_app.store.users import UserRecord
from desktop_app.ui.dialogs.user_edit import (AddUserDialog, EditUserDialog, PasswordDialog,
                                              RolesDialog)
from desktop_app.ui.errors import show_error
from desktop_app.ui.models import RowsModel
from desktop_app.ui.tables import make_table, selected_row
from desktop_app.ui.pages.base import Page, page_title


def _when(text: str | None) -> str:
    try:
        return active().datetime(dt.datetime.fromisoformat(text)) if text else ""
    except ValueError:
        return text or ""


def roles_label(roles: frozenset[str]) -> str:
    out = []
    for code in sorted(roles):
        try:
            out.append(_(ROLE_LABELS[Role(code)]))
        except ValueError:
            out.append(code)
    return ", ".join(out)


class UsersModel(RowsModel):
    headers = (N_("Login"), N_("Full name"), N_("Roles"), N_("State"), N_("Last sign-in"))

    def __init__(self, now: dt.datetime, parent=None) -> None:
        super().__init__(parent)
        self.now = now

    def locked(self, item: UserRecord) -> bool:
        try:
            return bool(item.locked_until) \
                and dt.datetime.fromisoformat(item.locked_until) > self.now
        except ValueError:
            return False

    def display(self, item: UserRecord, column: int) -> str:
        if column == 0:
            return item.login
        if column == 1:
            return item.full_name
        if column == 2:
            return roles_label(item.roles)
        if column == 3:
            if not item.active:
                return _("Switched off")
            if self.locked(item):
                return _("Locked until {time}").format(time=_when(item.locked_until))
            return _("Active")
        return _when(item.last_login)

    def sort_key(self, item: UserRecord, column: int) -> Any:
        return item.last_login or "" if column == 4 else super().sort_key(item, column)

    def foreground(self, item: UserRecord, column: int):
        from desktop_app.ui.models import OVERDUE_FOREGROUND

        return OVERDUE_FOREGROUND if column == 3 and (self.locked(item) or not item.active) \
            else None


class UsersPage(Page):
    """The accounts table and the administrator's buttons."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: object = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.model = UsersModel(ctx.now(), self)
        self.table, self.proxy = make_table(self.model, self, name="usersTable", sort_column=0)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda *_a: self.edit_roles())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label, slot in (
            ("add", _("Add a user…"), self.add_user),
            ("edit", _("Name and position…"), self.edit_user),
            ("password", _("New password…"), self.change_password),
            ("roles", _("Roles…"), self.edit_roles),
            ("active", _("Switch off"), self.toggle_active),
            ("unlock", _("Unlock"), self.unlock),
        ):
            button = QPushButton(label, self)
            button.setObjectName(f"users_{key}")
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        note = QLabel(_("Five wrong passwords lock an account for a minute, then longer; "
                        "\"Unlock\" lets the person try again at once. A switched-off account "
                        "cannot sign in; its name stays on the papers it signed."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(dark);")
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Users"), self))
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.refresh()

    def refresh(self) -> None:
        keep = self.selected()
        self.model.now = self.ctx.now()
        self.model.set_rows(auth.list_users(self.ctx))
        self.table.resizeColumnsToContents()
        if keep is not None:
            self.select(keep.login)
        self._update_buttons()

    def select(self, login: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.item_at(row).login == login:
                self.table.selectRow(row)
                return

    def selected(self) -> UserRecord | None:
        row = selected_row(self.table)
        return self.proxy.item_at(row) if row is not None else None

    def _update_buttons(self, *_args) -> None:
        user = self.selected()
        for key in ("edit", "password", "roles", "active", "unlock"):
            self.buttons[key].setEnabled(user is not None)
        if user is not None:
            self.buttons["active"].setText(_("Switch off") if user.active else _("Switch on"))
            self.buttons["unlock"].setEnabled(user.failed_attempts > 0 or self.model.locked(user))

    # actions ---------------------------------------------------------------------------------
    def _after(self, login: str | None) -> None:
        self.refresh()
        if login:
            self.select(login)
        self.changed.emit(Changes(settings=True))

    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self._after(dialog.login.text().strip().lower()))
        dialog.open()
        return dialog

    def edit_user(self) -> EditUserDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = EditUserDialog(self.ctx, user, self)
        dialog.accepted.connect(lambda: self._after(user.login))
        dialog.open()
        return dialog

    def change_password(self) -> PasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = PasswordDialog(self.ctx, user.login, self)
        dialog.accepted.connect(lambda: self._after(user.login))
        dialog.open()
        return dialog

    def edit_roles(self) -> RolesDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = RolesDialog(self.ctx, user.login, user.roles, self)
        dialog.accepted.connect(lambda: self._after(user.login))
        dialog.open()
        return dialog

    def _do(self, fn, login: str) -> None:
        try:
            fn()
        except AppError as exc:
            show_error(self, exc)
        self._after(login)

    def toggle_active(self) -> None:
        user = self.selected()
        if user is not None:
            self._do(lambda: auth.set_active(self.ctx, user.login, not user.active), user.login)

    def unlock(self) -> None:
        user = self.selected()
        if user is not None:
            self._do(lambda: auth.unlock(self.ctx, user.login), user.login)

    def on_changed(self, changes: Changes) -> None:
        pass  # only this page changes accounts
