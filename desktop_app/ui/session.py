"""Who is at the desk: the signed-in user in the status bar, "Lock" (Ctrl+L) and "Sign out", the
lock after a few idle minutes, and the lock screen that hides every window's data until the same
user's password is typed (or another user signs in: the main window is then rebuilt for them).

Imports Qt and services (auth, guard, preferences); the main window calls `install_session`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QFrame, QLabel, QMainWindow, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from desktop_app.context import User
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.i18n import _
from desktop_app.services import auth, preferences
from desktop_app.ui.dialogs.sign_in import SignInForm
from desktop_app.ui.shortcuts import BY_ID
from desktop_app.ui.widgets.elided_label import ElidedLabel

log = logging.getLogger(__name__)

# What counts as someone at the desk: these restart the idle timer.
ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                      QEvent.Type.Wheel, QEvent.Type.TouchBegin})
CURTAIN_STYLE = "QWidget#lockCurtain { background: #2b3440; }"
LOCK_MIN_SIZE = QSize(520, 420)
CARD_STYLE = "QFrame#lockCard { background: palette(window); border-radius: 6px; }"


def user_text(user: User) -> str:
    """"Серікбаева Г. А. (Specialist)" for the status bar; "" when nobody is signed in."""
    if not user.login:
        return ""
    roles = []
    for code in sorted(user.roles):
        try:
            roles.append(_(ROLE_LABELS[Role(code)]))
        except ValueError:
            roles.append(code)
    name = user.full_name or user.login
    return _("Signed in: {name} ({roles})").format(name=name, roles=", ".join(roles))


class Curtain(QWidget):
    """An opaque cover over one window's whole area (its data stays hidden until removed)."""

    def __init__(self, host: QWidget, *, disable: bool = True) -> None:
        super().__init__(host)
        self.setObjectName("lockCurtain")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(CURTAIN_STYLE)
        self.host = host
        self.size_before = None
        # Covered is not enough: Tab and shortcuts must not reach the widgets underneath.
        self.disabled = [w for w in host.findChildren(QWidget, options=Qt.FindChildOption
                                                      .FindDirectChildrenOnly)
                         if disable and w is not self and w.isEnabled() and not w.isWindow()
                         and not isinstance(w, Curtain)]
        for widget in self.disabled:
            widget.setEnabled(False)
        host.installEventFilter(self)
        self.setGeometry(host.rect())
        self.raise_()

    def remove(self) -> None:
        self.host.removeEventFilter(self)
        if self.size_before is not None:
            size, smallest, largest = self.size_before
            self.host.setMinimumSize(smallest)
            self.host.setMaximumSize(largest)
            self.host.resize(size)
        for widget in self.disabled:
            widget.setEnabled(True)
        self.hide()
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.host.rect())
            self.raise_()
        return False


class LockScreen(Curtain):
    """The curtain that asks for the password: same user, or anyone after "Sign out"."""

    def __init__(self, host: QWidget, session: Session, login: str) -> None:
        super().__init__(host)
        if host.width() < LOCK_MIN_SIZE.width() or host.height() < LOCK_MIN_SIZE.height():
            # a small dialog on top (a message box fixes its own size): room for the form
            self.size_before = (host.size(), host.minimumSize(), host.maximumSize())
            host.setMinimumSize(host.size().expandedTo(LOCK_MIN_SIZE))
            host.setMaximumSize(QSize(16_777_215, 16_777_215))
            host.resize(host.minimumSize())
        card = QFrame(self)
        card.setObjectName("lockCard")
        card.setStyleSheet(CARD_STYLE)
        card.setFixedWidth(420)
        if login:
            text = _("Akimat Desk is locked. Type your password to go on, or sign in as another "
                     "user.")
        else:
            text = _("Nobody is signed in. Sign in to go on.")
        heading = QLabel("<h3>{}</h3>".format(_("Locked") if login else _("Signed out")), card)
        note = QLabel(text, card)
        note.setWordWrap(True)
        self.form = SignInForm(session.ctx, card, login=login, fixed_login=bool(login),
                               demo_hint=not login)
        self.form.signed_in.connect(session.unlock)
        quit_button = QPushButton(_("Quit Akimat Desk"), card)
        quit_button.setObjectName("lockQuitButton")
        quit_button.setAutoDefault(False)
        quit_button.setFlat(True)
        quit_button.clicked.connect(session.quit)
        col = QVBoxLayout(card)
        col.addWidget(heading)
        col.addWidget(note)
        col.addWidget(self.form)
        col.addWidget(quit_button, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)


class Session(QObject):
    """The lock and the idle timer of one main window (a child of it: gone with it)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = window.ctx
        self.screen: LockScreen | None = None
        self.curtains: list[Curtain] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_timeout_ms(preferences.get_lock_minutes(self.ctx) * 60_000)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.installEventFilter(self)

    @property
    def window(self) -> QMainWindow:
        """The main window (the parent: no Python reference that would outlive its C++ side)."""
        return self.parent()

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def set_timeout_ms(self, ms: int) -> None:
        """0 switches the automatic lock off."""
        self.timer.stop()
        self.timer.setInterval(max(0, int(ms)))
        if ms > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Close:
            may_discard = getattr(self.window, "may_discard_unsaved", None)
            if may_discard is not None and not may_discard():  # the person keeps the form
                event.ignore()
                return True
            self.timer.stop()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        elif kind in ACTIVITY and not self.locked and self.timer.interval() > 0:
            self.timer.start()
        return False

    # lock and unlock -----------------------------------------------------------------------------
    def lock(self) -> None:
        """Cover every window of the app; the sign-in form goes where input can reach it (the
        modal dialog on top, if one is open, else the main window)."""
        if self.locked:
            return
        self.timer.stop()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                widget.reject()  # a message holds no work, and fixes its own (small) size
        modal = QApplication.activeModalWidget()
        host = modal if modal is not None and modal is not self.window else self.window
        for widget in QApplication.topLevelWidgets():
            if widget is not host and widget.isVisible() and not isinstance(widget, Curtain):
                # under a modal dialog nothing is disabled: that would disable the dialog too
                self.curtains.append(Curtain(widget, disable=host is self.window))
                self.curtains[-1].show()
        self.screen = LockScreen(host, self, self.ctx.user.login)
        self.screen.show()
        self.screen.form.setFocus()
        log.info("screen locked (%s)", self.ctx.user.login or "-")

    def unlock(self, user: User) -> None:
        """Called once the lock screen's form signed `user` in."""
        same = self._shown_for == (user.login, frozenset(user.roles))
        self._remove_curtains()
        if same:
            if self.timer.interval() > 0:
                self.timer.start()
            return
        self.rebuild()

    @property
    def _shown_for(self) -> tuple[str, frozenset[str]]:
        return getattr(self.window, "built_for", ("", frozenset()))

    def _remove_curtains(self) -> None:
        for curtain in [*self.curtains, *([self.screen] if self.screen else [])]:
            curtain.remove()
        self.curtains.clear()
        self.screen = None

    def sign_out(self) -> None:
        """Sign out and cover the window; anyone may sign in (the window is rebuilt for them).
        A half-filled form is not thrown away without asking."""
        may_discard = getattr(self.window, "may_discard_unsaved", None)
        if may_discard is not None and not may_discard():
            return
        try:
            auth.sign_out(self.ctx)
        except Exception:  # noqa: BLE001 - leaving the desk must always work
            log.exception("sign-out audit row failed")
            from desktop_app.context import ANONYMOUS

            self.ctx.user = ANONYMOUS
        self._remove_curtains()
        self.lock()

    def rebuild(self) -> QMainWindow:
        """Replace the main window by one built for whoever is signed in now."""
        from desktop_app.ui.main_window import create_main_window

        from PySide6.QtWidgets import QDialog

        old = self.window
        old._discard_agreed = True  # the new user is not asked about the previous one's form
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            modal.reject()  # the previous user's half-filled dialog is not the new user's
        for dialog in list(getattr(old, "previews", [])):
            dialog.close()
        window = create_main_window(self.ctx, tasks=old.tasks)
        window.restoreGeometry(old.saveGeometry())
        if old.isVisible():
            window.show()
        old.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        old.close()
        return window

    def quit(self) -> None:
        from PySide6.QtWidgets import QDialog

        if self.screen is not None and isinstance(self.screen.host, QDialog):
            self.screen.host.reject()
        self._remove_curtains()
        self.window.close()


def install_session(window: QMainWindow) -> Session:
    """The Account menu (Lock Ctrl+L, Sign out), the signed-in user in the status bar, the idle
    lock."""
    session = Session(window)
    ctx = window.ctx
    window.built_for = (ctx.user.login, frozenset(ctx.user.roles))
    window.user_label = ElidedLabel(user_text(ctx.user), window, min_chars=14)
    window.user_label.setObjectName("signedInUser")
    window.statusBar().addWidget(window.user_label)
    menu = window.menuBar().addMenu(_("&Account"))
    lock = QAction(_("&Lock"), window)
    lock.setObjectName("lockAction")
    lock.setShortcut(QKeySequence(BY_ID["lock"].keys[0]))
    lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    lock.triggered.connect(session.lock)
    sign_out = QAction(_("Sign &out"), window)
    sign_out.setObjectName("signOutAction")
    sign_out.triggered.connect(session.sign_out)
    menu.addAction(lock)
    menu.addAction(sign_out)
    window.addAction(lock)
    window.lock_action, window.sign_out_action = lock, sign_out
    return session
