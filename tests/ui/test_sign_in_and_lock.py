"""Signing in (success, wrong password, lock-out, switched off, the demo accounts), the status bar,
the lock after idleness that hides the data, Ctrl+L, another user at the lock screen, sign-out,
and the start-up pieces: a damaged file offers the latest good backup, warnings for the admin."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.i18n import active
from desktop_app.services import auth, startup
from desktop_app.services import backup as backups
from desktop_app.ui import main_window as mw
from desktop_app.ui.dialogs.sign_in import SignInDialog
from desktop_app.ui.dialogs.startup import DamagedFileDialog, show_startup_warnings


def _dialog(qtbot, ctx) -> SignInDialog:
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type(qtbot, form, login: str, password: str) -> None:
    form.login.setText(login)
    form.password.setText(password)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)


def test_sign_in_with_enter(qtbot, demo_ctx):
    dialog = _dialog(qtbot, demo_ctx)
    _type(qtbot, dialog.form, "akim", "demo-akim")
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert demo_ctx.user.login == "akim" and demo_ctx.user.roles == {"akim"}


def test_wrong_password_is_said_inline_and_counted(qtbot, demo_ctx):
    dialog = _dialog(qtbot, demo_ctx)
    _type(qtbot, dialog.form, "akim", "not-it")
    assert dialog.isVisible() and dialog.result() != SignInDialog.DialogCode.Accepted
    assert dialog.form.error.isVisible()
    assert dialog.form.error.text() == active().gettext("Wrong login or password.")
    assert dialog.form.password.text() == ""  # cleared for the next try
    failures = demo_ctx.db.execute("SELECT failed_attempts FROM users WHERE login='akim'"
                                   ).fetchone()[0]
    assert failures == 1


def test_lockout_names_the_time(qtbot, demo_ctx):
    dialog = _dialog(qtbot, demo_ctx)
    for _n in range(5):
        _type(qtbot, dialog.form, "akim", "not-it")
    # the fixed clock says 10:30; five failures lock for a minute
    text = dialog.form.error.text()
    assert "10:31" in text and "akim" in text
    _type(qtbot, dialog.form, "akim", "demo-akim")  # even the right password waits
    assert "10:31" in dialog.form.error.text()
    assert dialog.result() != SignInDialog.DialogCode.Accepted


def test_switched_off_account_is_refused(qtbot, demo_ctx):
    auth.sign_in(demo_ctx, "admin", "demo-admin")
    auth.set_active(demo_ctx, "akim", False)
    dialog = _dialog(qtbot, demo_ctx)
    _type(qtbot, dialog.form, "akim", "demo-akim")
    assert "akim" in dialog.form.error.text()
    assert dialog.result() != SignInDialog.DialogCode.Accepted


def test_demo_accounts_are_offered_only_in_the_demo(qtbot, demo_ctx):
    dialog = _dialog(qtbot, demo_ctx)
    assert dialog.form.demo_box is not None and dialog.form.demo_box.isVisible()
    button = dialog.form.demo_box.findChild(type(dialog.form.button), "demo_admin")
    assert "demo-admin" in button.text()
    button.click()
    assert (dialog.form.login.text(), dialog.form.password.text()) == ("admin", "demo-admin")
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    assert demo_ctx.user.login == "admin"
    demo_ctx.is_demo = False
    real = _dialog(qtbot, demo_ctx)
    assert real.form.demo_box is None


@pytest.fixture
def windows():
    """Windows a test builds; a rebuilt one deletes its predecessor, so close only the living."""
    import shiboken6

    made: list = []
    yield made
    for window in made:
        if shiboken6.isValid(window):
            window.close()
            window.deleteLater()


def _window(qtbot, ctx, login: str, windows: list | None = None):
    auth.sign_in(ctx, login, f"demo-{login}")
    window = mw.create_main_window(ctx)
    if windows is None:
        qtbot.addWidget(window)
    else:
        windows.append(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_status_bar_names_the_user(qtbot, demo_ctx):
    window = _window(qtbot, demo_ctx, "specialist")
    assert demo_ctx.user.full_name in window.user_label.text()


def test_idle_lock_hides_the_data_and_unlocks_with_the_password(qtbot, demo_ctx):
    window = _window(qtbot, demo_ctx, "specialist")
    window.session.set_timeout_ms(100)
    qtbot.waitUntil(lambda: window.session.locked, timeout=3000)
    screen = window.session.screen
    assert screen.isVisible() and screen.geometry() == window.rect()
    assert not window.centralWidget().isEnabled()  # Tab cannot reach the fields underneath
    assert screen.form.login.text() == "specialist" and screen.form.login.isReadOnly()
    _type(qtbot, screen.form, "specialist", "wrong-one")
    assert window.session.locked and screen.form.error.isVisible()
    _type(qtbot, screen.form, "specialist", "demo-specialist")
    assert not window.session.locked
    assert window.centralWidget().isEnabled()
    assert mw.current_window() is window  # the same user: nothing rebuilt, work kept


def test_lock_over_an_open_dialog_asks_in_the_dialog(qtbot, demo_ctx):
    window = _window(qtbot, demo_ctx, "admin")
    window.show_page("users")
    dialog = window.pages["users"].add_user()
    dialog.full_name.setText("half typed")
    window.session.lock()
    screen = window.session.screen
    assert screen.host is dialog and screen.form.isEnabled()
    assert not dialog.full_name.isEnabled()
    _type(qtbot, screen.form, "admin", "demo-admin")
    assert not window.session.locked
    assert dialog.isVisible() and dialog.full_name.text() == "half typed"
    dialog.reject()


def test_ctrl_l_locks_and_another_user_gets_their_own_window(qtbot, demo_ctx, windows):
    window = _window(qtbot, demo_ctx, "specialist", windows)
    assert "users" not in window.pages and "audit" not in window.pages
    window.lock_action.trigger()
    assert window.session.locked
    form = window.session.screen.form
    form.other_button.click()
    assert not form.login.isReadOnly()
    _type(qtbot, form, "admin", "demo-admin")
    new = mw.current_window()
    assert new is not window
    windows.append(new)
    assert {"users", "audit"} <= set(new.pages)
    assert "Омаров" in new.user_label.text()


def test_sign_out_covers_the_window_until_someone_signs_in(qtbot, demo_ctx, windows):
    window = _window(qtbot, demo_ctx, "akim", windows)
    window.sign_out_action.trigger()
    assert demo_ctx.user.login == ""
    assert window.session.locked and window.session.screen.form.login.text() == ""
    _type(qtbot, window.session.screen.form, "akim", "demo-akim")
    # the same user signs back in: the window stays
    assert not window.session.locked and mw.current_window() is window


def _damage(path, tmp_path):
    bad = tmp_path / "damaged.sqlite3"
    shutil.copy(path, bad)
    raw = bytearray(bad.read_bytes())
    third = len(raw) // 3
    raw[third:2 * third] = bytes((i * 7 + 13) % 256 for i in range(third))
    bad.write_bytes(bytes(raw))
    return bad


def test_damaged_file_offers_the_latest_good_backup(qtbot, ctx, tmp_path):
    from desktop_app.domain.errors import StorageError
    from desktop_app.services.setup import open_context
    from tests.conftest import fixed_clock

    folder = ctx.data_dir
    backups.daily_backup(ctx)
    ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    shutil.copy(_damage(ctx.db_path, tmp_path), ctx.db_path)
    before = ctx.db_path.read_bytes()
    with pytest.raises(StorageError) as err:
        open_context(folder, clock=fixed_clock, demo=False)
    dialog = DamagedFileDialog(err.value, folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.restore_button.isVisible()
    assert str(folder) in dialog.findChild(type(dialog.error), "damagedText").text()
    assert ctx.db_path.read_bytes() == before  # nothing written before the person chose
    dialog.restore_button.click()
    assert dialog.result() == DamagedFileDialog.DialogCode.Accepted
    assert dialog.result_info.kept_aside.read_bytes() == before
    again = open_context(folder, clock=fixed_clock, demo=False)
    again.close()


def test_start_up_warnings_for_the_admin_with_clock_confirmation(qtbot, demo_ctx):
    import datetime as dt

    auth.sign_in(demo_ctx, "admin", "demo-admin")
    demo_ctx.clock = lambda: dt.datetime(2028, 6, 1, 9, 0)
    demo_ctx.startup_warnings.clear()
    startup.run_checks(demo_ctx)
    box = show_startup_warnings(demo_ctx)
    qtbot.addWidget(box)
    assert "2028" in box.text()
    assert demo_ctx.clock_problem is not None
    box.confirm_button.click()
    assert demo_ctx.clock_problem is None


def test_start_up_warnings_skip_the_audit_chain_for_a_specialist(qtbot, demo_ctx):
    from desktop_app.domain.errors import AppError

    auth.sign_in(demo_ctx, "specialist", "demo-specialist")
    demo_ctx.startup_warnings[:] = [AppError("chain broken", code="audit_broken")]
    assert show_startup_warnings(demo_ctx) is None
    auth.sign_in(demo_ctx, "admin", "demo-admin")
    box = show_startup_warnings(demo_ctx)
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox) and "chain broken" in box.text()
