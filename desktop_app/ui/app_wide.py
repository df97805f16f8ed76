"""What every window of the application shares: a wheel guard (a combo box, spin box or date
field changes by the wheel only when it has the focus; otherwise the wheel scrolls the page
under it) and Qt's own translations (OK / Cancel, file dialogs, the calendar) in the interface
language."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QLibraryInfo, QObject, QRect, Qt, QTranslator
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

log = logging.getLogger(__name__)

_GUARDED = (QComboBox, QAbstractSpinBox)


def _guarded_widget(obj: QObject) -> QWidget | None:
    """The combo box or spin box that `obj` is or belongs to (its line edit), else None."""
    widget = obj if isinstance(obj, QWidget) else None
    for _step in range(2):
        if widget is None:
            return None
        if isinstance(widget, _GUARDED):
            return widget
        widget = widget.parentWidget()
    return None


class WheelGuard(QObject):
    """Application-wide event filter: an unfocused value widget never takes a wheel event; the
    wheel goes on to its parent (the scroll area scrolls), and no widget takes focus by wheel."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(obj, _GUARDED):
            if obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind != QEvent.Type.Wheel:
            return False
        widget = _guarded_widget(obj)
        if widget is None or widget.hasFocus():
            return False
        parent = widget.parentWidget()
        if parent is not None and isinstance(event, QWheelEvent):
            position = widget.mapTo(parent, event.position().toPoint())
            forwarded = QWheelEvent(position.toPointF(), event.globalPosition(),
                                    event.pixelDelta(), event.angleDelta(), event.buttons(),
                                    event.modifiers(), event.phase(), event.inverted(),
                                    event.source())
            QApplication.sendEvent(parent, forwarded)
        return True


_guard: WheelGuard | None = None
_qt_translators: list[QTranslator] = []


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the wheel guard on `app` once (idempotent)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
    return _guard


def install_qt_translations(app: QApplication, locale: str) -> bool:
    """Replace Qt's own catalogues (qtbase) by those of `locale` ("kk" or "ru"); True when Qt
    ships one for it. PySide6 ships both qtbase_kk.qm and qtbase_ru.qm."""
    for old in _qt_translators:
        app.removeTranslator(old)
    _qt_translators.clear()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{locale}", folder):
        log.info("no Qt translation for %s in %s", locale, folder)
        return False
    app.installTranslator(translator)
    _qt_translators.append(translator)
    return True


# what a window's frame adds around its contents (title bar, borders), so that the whole window,
# its status bar and its buttons stay on a 1366×768 laptop screen above the taskbar
FRAME_ALLOWANCE = (16, 40)


def fit_within(widget: QWidget, width: int, height: int, available: QRect | None = None) -> None:
    """Resize a top-level window to `width`×`height`, or less where the screen's available area
    (without the taskbar) is smaller, and centre it there."""
    if available is None:
        screen = widget.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, width,
                                                                                height)
    w = max(min(width, available.width() - FRAME_ALLOWANCE[0]), widget.minimumWidth())
    h = max(min(height, available.height() - FRAME_ALLOWANCE[1]), widget.minimumHeight())
    widget.resize(w, h)
    widget.move(available.x() + max(0, (available.width() - w - FRAME_ALLOWANCE[0]) // 2),
                available.y() + max(0, (available.height() - h - FRAME_ALLOWANCE[1]) // 2))
