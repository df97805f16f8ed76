"""The Settings page's "Backups and screen lock" group: back up to a USB stick, restore a backup
(the current file kept aside; the program then closes and is started again), and the minutes of
idleness before the screen locks. Administrators only; others see why the buttons are off.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.i18n import _
from desktop_app.services import backup, permissions, preferences
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import allow, gate
from desktop_app.ui.tasks import TaskRunner, default_runner


class BackupBox(QGroupBox):
    """Back up, restore, auto-lock. The file pickers and the confirmation are methods, so tests
    can answer them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(_("Backups and screen lock"), parent)
        self.setObjectName("backupBox")
        self.ctx = ctx
        self.tasks = tasks or default_runner()
        self.backup_button = QPushButton(_("Back up to USB…"), self)
        self.backup_button.setObjectName("backupToUsb")
        self.backup_button.clicked.connect(self.back_up)
        refused = permissions.back_up(ctx)
        gate(self.backup_button, refused)
        self.restore_button = QPushButton(_("Restore from a backup…"), self)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore)
        gate(self.restore_button, permissions.restore(ctx))
        self.status = QLabel(self)
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)

        self.lock_minutes = QSpinBox(self)
        self.lock_minutes.setObjectName("lockMinutes")
        self.lock_minutes.setRange(0, preferences.LOCK_MINUTES_MAX)
        self.lock_minutes.setSpecialValueText(_("never"))
        self.lock_minutes.setSuffix(_(" min"))
        self.lock_minutes.setValue(preferences.get_lock_minutes(ctx))
        gate(self.lock_minutes, permissions.office_setup(ctx))
        self.lock_minutes.editingFinished.connect(self._lock_minutes_changed)
        lock_row = QHBoxLayout()
        lock_row.addWidget(QLabel(_("Lock the screen after this long without use:"), self))
        lock_row.addWidget(self.lock_minutes)
        lock_row.addStretch(1)

        note = QLabel(_("Akimat Desk also backs up by itself once a day into the data folder. "
                        "A USB stick holds the whole village's personal data: use an encrypted "
                        "stick and keep it locked away."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(dark);")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addLayout(lock_row)
        layout.addWidget(note)
        if refused:
            self.say(refused)

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # questions (replaced in tests) ---------------------------------------------------------------
    def ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, _("Back up to a folder (the USB stick)"))

    def ask_file(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a backup"), "", _("Akimat Desk backups (*.sqlite3);;All files (*)"))
        return path

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, _("Restore a backup"), text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, text: str) -> None:
        QMessageBox.information(self, _("Restore a backup"), text)

    # actions -------------------------------------------------------------------------------------
    def back_up(self) -> None:
        folder = self.ask_folder()
        if not folder:
            return
        allow(self.backup_button, False)

        def done(path: Path) -> None:
            allow(self.backup_button, True)
            self.say(_("Backed up to {path}").format(path=str(path)))

        def failed(exc: BaseException) -> None:
            allow(self.backup_button, True)
            show_error(self, exc)

        self.tasks.run(lambda: backup.backup_now(self.ctx, folder), done, failed, parent=self,
                       label=_("Copying the data file…"))

    def restore(self) -> bool:
        """Restore a chosen backup; True when the data file was replaced (the window closes)."""
        path = self.ask_file()
        if not path:
            return False
        if not self.confirm(_("The data file will be replaced by {file}.\n\nThe current file is "
                              "kept aside in the data folder as akimat.before-restore-….sqlite3. "
                              "Akimat Desk then closes; start it again to work with the restored "
                              "data.").format(file=path)):
            return False
        self.tasks.wait()  # no write may be running while the file is replaced
        try:
            result = backup.restore(self.ctx, path)
        except AppError as exc:
            show_error(self, exc)
            return False
        self.inform(_("Restored from {file} ({applications} applications). The previous file is "
                      "kept as {aside}.\n\nAkimat Desk will now close: start it again.").format(
            file=str(result.restored_from), applications=result.applications,
            aside=str(result.kept_aside or "—")))
        self.window().close()
        return True

    def _lock_minutes_changed(self) -> None:
        minutes = self.lock_minutes.value()
        if minutes == preferences.get_lock_minutes(self.ctx):
            return
        try:
            preferences.set_lock_minutes(self.ctx, minutes)
        except AppError as exc:
            show_error(self, exc)
            return
        session = getattr(self.window(), "session", None)
        if session is not None:
            session.set_timeout_ms(minutes * 60_000)
