"""What the person sees while the office opens: "another copy is running", a damaged data file
(restore the latest good backup or quit; the damaged file is never written to), the sign-in, and
the start-up warnings (audit chain broken, clock wrong, backup failed) with "The date is right".
The whole-file check and the daily backup run in the background (`FileCheckInBackground`).

Used by ui/app.run_gui; each piece also works alone for tests.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (QApplication, QDialog, QFileDialog, QHBoxLayout, QLabel,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from desktop_app.context import ANONYMOUS, AppContext
from desktop_app.domain.errors import AppError, ClockError, StorageError
from desktop_app.domain.roles import Action, Role
from desktop_app.i18n import _, active
from desktop_app.services import backup, startup
from desktop_app.services.backup import RestoreResult
from desktop_app.services.guard import can
from desktop_app.ui.tasks import CancelToken, TaskRunner

log = logging.getLogger(__name__)

EXIT_CANNOT_OPEN = 2
EXIT_ALREADY_RUNNING = 3


def already_running(exc: StorageError) -> int:
    """Say that another copy holds the data folder; the caller exits."""
    box = QMessageBox(QMessageBox.Icon.Information, _("Akimat Desk is already open"),
                      _("Akimat Desk is already open on this computer."))
    box.setObjectName("alreadyRunningBox")
    box.setInformativeText(_("Switch to the open window (look in the taskbar), or close it and "
                             "start again. Nothing was changed.") + "\n\n" + exc.message(active()))
    box.exec()
    return EXIT_ALREADY_RUNNING


class DamagedFileDialog(QDialog):
    """The data file failed its check: restore the latest good backup, pick another, or quit."""

    def __init__(self, exc: StorageError, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damagedFileDialog")
        self.setWindowTitle(_("The data file is damaged"))
        self.data_dir = Path(data_dir)
        self.latest = str(exc.params.get("backup") or "")
        self.result_info: RestoreResult | None = None
        heading = QLabel("<h3>{}</h3>".format(_("The office's data file is damaged")), self)
        text = QLabel(exc.message(active()), self)
        text.setObjectName("damagedText")
        text.setWordWrap(True)
        if self.latest:
            advice = _("Akimat Desk can put back the latest good backup. The damaged file is "
                       "kept aside, untouched, for whoever repairs computers. Work entered since "
                       "that backup has to be entered again.")
        else:
            advice = _("No good backup was found in the data folder. If you have a backup on a "
                       "USB stick, choose it; otherwise quit and call for help. The damaged file "
                       "is not changed.")
        note = QLabel(advice, self)
        note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("restoreError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.restore_button = QPushButton(_("Restore the latest good backup"), self)
        self.restore_button.setObjectName("restoreLatest")
        self.restore_button.setVisible(bool(self.latest))
        self.restore_button.clicked.connect(lambda: self.restore(self.latest))
        self.choose_button = QPushButton(_("Choose a backup…"), self)
        self.choose_button.setObjectName("chooseBackup")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        quit_button = QPushButton(_("Quit"), self)
        quit_button.setObjectName("quitButton")
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        row.addWidget(quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addLayout(row)
        # wide enough to read the wrapped text, and never narrower than its buttons (an explicit
        # minimum overrides the layout's: the Russian "Restore…" button was cut)
        self.setMinimumWidth(max(560, layout.minimumSize().width()))

    def ask_file(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a backup"), str(self.data_dir),
            _("Akimat Desk backups (*.sqlite3);;All files (*)"))
        return path

    def choose(self) -> None:
        path = self.ask_file()
        if path:
            self.restore(path)

    def restore(self, path: str) -> RestoreResult | None:
        try:
            self.result_info = backup.restore_damaged(self.data_dir, path or None)
        except AppError as exc:
            self.error.setText(exc.message(active()))
            return None
        log.warning("damaged data file replaced by %s", self.result_info.restored_from)
        self.accept()
        return self.result_info


def open_office(data_dir: str | Path | None, folder: Path,
                opener: Callable[[], AppContext]) -> AppContext | int:
    """Open the office with `opener`; explain "in use" and offer a restore for a damaged file.
    Returns the context, or the exit code when the person quits. Other errors propagate."""
    while True:
        try:
            return opener()
        except StorageError as exc:
            if exc.code == "in_use":
                return already_running(exc)
            if exc.code != "damaged":
                raise
            log.error("damaged data file: %s", exc)
            code = offer_restore(exc, folder)
            if code:
                return code


def sign_in_at_start(ctx: AppContext) -> bool:
    """Ask who is at the desk (skipped when someone already signed in, e.g. the first
    administrator just created in the set-up). False: the person chose Quit."""
    from desktop_app.ui.dialogs.sign_in import SignInDialog

    if ctx.user.login and not ctx.is_demo:
        return True
    if ctx.is_demo:
        ctx.user = ANONYMOUS  # the demo desk's every-role user is for the CLI and tests
    dialog = SignInDialog(ctx)
    return dialog.exec() == QDialog.DialogCode.Accepted


def warnings_for(ctx: AppContext, found: list[Exception] | None = None) -> list[AppError]:
    """The start-up warnings this user should see: the clock to everyone (saving waits for it),
    the audit chain and a failed backup to those who keep the office's records."""
    out = []
    for warning in ctx.startup_warnings if found is None else found:
        if not isinstance(warning, AppError):
            continue
        if isinstance(warning, ClockError) or can(ctx, Action.AUDIT_VIEW) \
                or Role.ADMIN in ctx.user.roles:
            out.append(warning)
    return out


def show_startup_warnings(ctx: AppContext, parent: QWidget | None = None,
                          found: list[Exception] | None = None) -> QMessageBox | None:
    """One box listing the warnings; for a clock far ahead, an administrator may confirm that
    the date is right (startup.confirm_clock), which lets saving go on."""
    warnings = warnings_for(ctx, found)
    if not warnings:
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, _("Akimat Desk: check before you work"),
                      "\n\n".join(w.message(active()) for w in warnings), parent=parent)
    box.setObjectName("startupWarnings")
    ahead = isinstance(ctx.clock_problem, ClockError) and ctx.clock_problem.code == "clock_ahead"
    box.confirm_button = None
    if ahead and can(ctx, Action.OFFICE_SETUP):
        confirm = box.addButton(_("The date is right"), QMessageBox.ButtonRole.AcceptRole)
        confirm.setObjectName("confirmClock")
        confirm.clicked.connect(lambda: startup.confirm_clock(ctx))
        box.confirm_button = confirm
    elif ahead:
        box.setInformativeText(_("Only an administrator can confirm that the date is right."))
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return box


class FileCheckInBackground:
    """The whole-file check (PRAGMA quick_check), the audit chain and the daily backup, run on
    the task runner after the office opened with `check_later`: writes wait for the file check
    (store.db.WriteGate). When done: a broken chain or a failed backup is shown as a warning; a
    damaged file refuses every write and closes the windows, and `damaged` tells run_gui to offer
    the latest good backup."""

    def __init__(self, ctx: AppContext, runner: TaskRunner) -> None:
        self.ctx = ctx
        self.gate = ctx.file_gate
        self.damaged: StorageError | None = None
        self.token = CancelToken()
        if self.gate is None:
            return
        gate = self.gate
        runner.run(lambda: startup.check_and_release(ctx, gate, cancel=self.token),
                   on_result=self._finished, on_error=self._failed, db=False, quiet=True)

    @property
    def pending(self) -> bool:
        return self.gate is not None and self.gate.pending

    def _failed(self, exc: BaseException) -> None:
        if not self.token.cancelled:
            log.error("the data file could not be checked: %s", exc)
            self._finished(None)

    def _finished(self, found: startup.FileCheck | None) -> None:
        if self.token.cancelled:
            return
        problem = self.gate.problem
        if isinstance(problem, StorageError):
            log.error("the data file failed its check: %s", problem)
            self.damaged = problem
            QApplication.closeAllWindows()  # run_gui offers the latest good backup
            return
        later = [w for w in (found.audit_warning, found.backup_error) if w is not None] \
            if found is not None else []
        if later:
            from desktop_app.ui.main_window import current_window

            self.ctx.startup_warnings.extend(later)
            show_startup_warnings(self.ctx, current_window(), later)

    def stop(self) -> None:
        """The app is closing: stop a check still reading the file."""
        self.token.cancel()


def offer_restore(exc: StorageError, folder: Path) -> int:
    """A file found damaged after it was opened (nothing was written to it since): the same
    choice as at start. 0 when a backup was put back (open again), else the exit code."""
    dialog = DamagedFileDialog(exc, folder)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return EXIT_CANNOT_OPEN
    info = dialog.result_info
    QMessageBox.information(None, _("Backup restored"), _(
        "The backup {file} was put back ({applications} applications). The damaged file "
        "is kept as {aside}.").format(file=str(info.restored_from) if info else "",
                                     applications=info.applications if info else 0,
                                     aside=str(info.kept_aside or "—") if info else "—"))
    return 0
