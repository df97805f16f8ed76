"""Errors shown to people (STYLE 4): an `AppError` in a non-modal box with "Copy details"; anything
unexpected in one crash dialog that also writes a report into `<data_dir>/logs/`.
"""

from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import _, active

log = logging.getLogger(__name__)

_crash_dir: Path | None = None
_open_boxes: list[QMessageBox] = []  # parentless boxes must outlive the call that shows them


def set_crash_dir(data_dir: Path | str | None) -> None:
    """Where crash reports go (`<data_dir>/logs`); set by `install_excepthook`."""
    global _crash_dir
    _crash_dir = Path(data_dir) / "logs" if data_dir else None


def show_error(parent: QWidget | None, exc: BaseException, *,
               fields: Mapping[str, QWidget] | None = None) -> QMessageBox:
    """Show `exc` to the person: its own message for an AppError, the crash dialog otherwise.
    With `fields` (form field name -> widget) the widget a ValidationError names takes the focus."""
    if isinstance(exc, ValidationError) and fields and exc.field in fields:
        fields[exc.field].setFocus()
    if isinstance(exc, AppError):
        return _app_error_box(parent, exc)
    return show_crash(parent, exc)


def _app_error_box(parent: QWidget | None, exc: AppError) -> QMessageBox:
    text = exc.message(active())
    details = "\n".join((
        f"{exc.code}: {text}",
        f"{type(exc).__name__}: {exc}",
        f"Akimat Desk {__version__}, {dt.datetime.now().isoformat(timespec='seconds')}",
    ))
    box = QMessageBox(QMessageBox.Icon.Warning, _("Akimat Desk"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDetailedText(details)
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    box.setObjectName("errorBox")
    return _show(box)


def show_crash(parent: QWidget | None, exc: BaseException, tb=None) -> QMessageBox:
    """The one crash dialog: says what happened, where the report is, shows the details."""
    report = format_report(exc, tb)
    path = write_crash_report(report)
    if path is not None:
        text = _("Something went wrong in Akimat Desk. Your saved data is safe.\n\nA report was "
                 "written to:\n{path}\n\nPlease give this file to whoever supports the "
                 "program.").format(path=str(path))
    else:
        text = _("Something went wrong in Akimat Desk. Your saved data is safe.\n\nThe report "
                 "could not be written to a file: use \"Copy details\" and send the text.")
    box = QMessageBox(QMessageBox.Icon.Critical, _("Unexpected error"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDetailedText(report)
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
    box.setObjectName("crashBox")
    box.setProperty("reportPath", str(path) if path else "")
    return _show(box)


def _show(box: QMessageBox) -> QMessageBox:
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    _open_boxes.append(box)

    def forget(*_args, b=box) -> None:
        if b in _open_boxes:
            _open_boxes.remove(b)

    box.finished.connect(forget)
    box.destroyed.connect(forget)
    box.show()
    return box


def format_report(exc: BaseException, tb=None) -> str:
    trace = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
    return "\n".join((
        f"Akimat Desk {__version__}",
        f"time: {dt.datetime.now().isoformat(timespec='seconds')}",
        f"python: {sys.version.split()[0]}, {platform.platform()}",
        "",
        trace,
    ))


def write_crash_report(report: str, folder: Path | None = None) -> Path | None:
    """Write the report as `crash-<timestamp>.txt`; None when no folder is known or writable."""
    folder = folder or _crash_dir
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = folder / f"crash-{stamp}.txt"
        path.write_text(report, encoding="utf-8")
        return path
    except OSError:
        log.exception("cannot write the crash report")
        return None


def install_excepthook(data_dir: Path | str | None) -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to the crash dialog."""
    set_crash_dir(data_dir)

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("uncaught exception", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            if isinstance(exc, AppError):
                show_error(QApplication.activeWindow(), exc)
            else:
                show_crash(QApplication.activeWindow(), exc, tb)
        except Exception:  # noqa: BLE001 - never recurse from the hook
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
