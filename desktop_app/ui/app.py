"""Start the GUI: the QApplication, the first-run dialog while the folder holds no office, the
office's context, the interface language, the main window.

A data file that cannot be opened is explained in a message box and the app exits non-zero
without touching the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME, __version__
from desktop_app.domain.errors import CatalogueError, ParameterError, StorageError
from desktop_app.i18n import DEFAULT_LOCALE, LOCALES, Translator, _, active, install
from desktop_app.paths import app_icon
from desktop_app.ui.app_wide import fit_within, install_qt_translations, install_wheel_guard

log = logging.getLogger(__name__)

ORGANIZATION = "AkimatDesk"
EXIT_CANNOT_OPEN = 2


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Akimat Desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain("akimat-desk.kz")
    app.setWindowIcon(QIcon(str(app_icon())))  # window and taskbar
    app.setDesktopFileName(APP_NAME)  # Wayland matches the window to akimat-desk.desktop
    install_wheel_guard(app)  # no value changes under a passing wheel
    return app


def _use_language(locale: str) -> None:
    """Our catalogue and Qt's own (OK / Cancel, file dialogs, the calendar) for `locale`."""
    install(Translator(locale))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_qt_translations(app, locale)


def _setup_logging(data_dir: Path) -> None:
    """A rotating log in `<data_dir>/logs` (STYLE 14); no console is needed."""
    try:
        folder = data_dir / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / "akimat-desk.log",
                                                       maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
        root.setLevel(logging.INFO)


def _cannot_open(exc: Exception) -> int:
    """Say why the data could not be opened, in the interface language (kk until a file says)."""
    message = exc.message() if hasattr(exc, "message") else str(exc)
    box = QMessageBox(QMessageBox.Icon.Critical, _("Akimat Desk cannot start"),
                      _("The office's data could not be opened."))
    box.setInformativeText(message)
    box.setDetailedText(f"{type(exc).__name__}: {exc}")
    box.exec()
    return EXIT_CANNOT_OPEN


def _first_run(folder: Path) -> tuple[str, object]:
    """The first-run dialog: ("office", its context), ("demo", None) or ("", None) on Cancel."""
    from PySide6.QtWidgets import QDialog

    from desktop_app.ui.dialogs.first_run import FirstRunDialog

    try:
        dialog = FirstRunDialog(folder)
    except (CatalogueError, ParameterError) as exc:  # the office lists are broken
        _cannot_open(exc)
        return "", None
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return "", None
    return dialog.choice, dialog.ctx


def run_gui(data_dir: str | None, *, demo_on_first_start: bool = False) -> int:
    """Run the desktop application until its window closes; returns the exit code.

    On a first start the office chooses itself (or the demo village) in the first-run dialog;
    `demo_on_first_start` (used by `make run`) opens the demo village at once instead."""
    from desktop_app import start_gc

    start_gc.pause()  # until the main window shows (or start ends without one)
    try:
        return _run_gui(data_dir, demo_on_first_start)
    finally:
        start_gc.resume()


def _run_gui(data_dir: str | None, demo_on_first_start: bool) -> int:
    from desktop_app.paths import user_data_dir
    from desktop_app.services.setup import needs_setup, open_context
    from desktop_app.ui.errors import install_excepthook

    app = _application()
    folder = user_data_dir(data_dir)
    _use_language(DEFAULT_LOCALE)
    ctx, chosen_language = None, ""
    if needs_setup(folder) and not demo_on_first_start:
        # before anything is written: Cancel must leave the folder as it was
        choice, ctx = _first_run(folder)
        if not choice:
            return 0
        chosen_language = active().locale  # its Қазақша / Русский switch, kept for the demo too
    _setup_logging(folder)
    install_excepthook(folder)
    from desktop_app.ui.dialogs import startup as start  # in use, damaged, sign-in, warnings

    while True:
        try:
            ctx = ctx or start.open_office(data_dir, folder,
                                           lambda: open_context(data_dir, check_later=True))
        except (StorageError, CatalogueError, ParameterError) as exc:
            log.error("cannot open %s: %s", folder, exc)
            return _cannot_open(exc)
        if isinstance(ctx, int):  # another copy is running, or a damaged file and Quit
            return ctx
        code, damaged = _run_office(app, ctx, chosen_language)
        if damaged is None:
            return code
        # found damaged while open (nothing was written to it since): offer the latest good
        # backup, as at start, and open the office again
        code = start.offer_restore(damaged, folder)
        if code:
            return code
        ctx, chosen_language = None, ""


def _run_office(app: QApplication, ctx, chosen_language: str) -> tuple[int, StorageError | None]:
    """Sign in, show the main window and run until it closes; the whole-file check and the daily
    backup run meanwhile in the background. Returns the exit code, and the check's error when the
    file turned out damaged (the context is closed either way)."""
    from desktop_app.services import preferences
    from desktop_app.ui.dialogs import startup as start
    from desktop_app.ui.tasks import default_runner

    check = start.FileCheckInBackground(ctx, default_runner())
    code = 0
    try:
        if chosen_language and chosen_language != preferences.get_language(ctx):
            preferences.set_language(ctx, chosen_language)
        lang = preferences.get_language(ctx)
        _use_language(lang if lang in LOCALES else DEFAULT_LOCALE)
        if start.sign_in_at_start(ctx) and check.damaged is None:
            from desktop_app.ui.main_window import create_main_window

            window = create_main_window(ctx, tasks=default_runner())
            if not window.restore_saved_geometry():
                fit_within(window, 1280, 780)  # a 1366×768 laptop keeps the status bar
            window.show()
            from desktop_app import start_gc

            start_gc.resume()
            start.show_startup_warnings(ctx, window)
            code = app.exec()
        default_runner().wait(10_000)  # let a write in progress finish before closing the file
    finally:
        check.stop()
        QThreadPool.globalInstance().waitForDone(10_000)  # a check still reading the file
        ctx.close()
    return code, check.damaged
