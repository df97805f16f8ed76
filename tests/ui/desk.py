"""Desk time: a person at the desk driven by real key events, counted, with no mouse.

One action is one key press (a chord such as Ctrl+K or Alt+letter is one press), and the text
typed into one field in one go (a name, an IIN, an amount) is one action — a typing burst, as a
paste would be; the typed characters are counted too (`chars`) and reported beside the actions.
Every key goes to the widget that has the keyboard focus, as a real key would: the scenario can
only do what the keyboard reaches."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.keys import press_key, type_text

MOUSE_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                QEvent.Type.MouseButtonDblClick, QEvent.Type.NonClientAreaMouseButtonPress,
                QEvent.Type.NonClientAreaMouseButtonRelease}


class MouseTrap(QObject):
    """An application-wide event filter that records every mouse button event (the test fails
    on any)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in MOUSE_EVENTS:
            self.seen.append(f"{event.type().name} on {type(watched).__name__}")
        return False


class Desk:
    """Counts what the person does: `key()` one press, `type()` one burst of characters."""

    def __init__(self, qtbot, home: QWidget | None = None) -> None:
        self.qtbot = qtbot
        self.home = home      # the main window
        self.actions = 0      # key presses + typing bursts
        self.presses = 0      # every key press, each typed character included
        self.chars = 0
        self.log: list[str] = []
        self.unexpected: list[str] = []   # dialogs that came up instead of the expected one

    def focus(self) -> QWidget:
        """The widget the next key goes to (after a dialog closes, once its window is active
        again, as a person waits for it)."""
        if QApplication.focusWidget() is None and self.home is not None:
            # the offscreen platform has no window manager to give the focus back to the window
            # a closed dialog leaves: do what the system does on a desktop (not a key press)
            active = QApplication.activeModalWidget() or self.home
            active.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def key(self, key, modifiers=Qt.KeyboardModifier.NoModifier, note: str = "") -> None:
        widget = self.focus()
        self.actions += 1
        self.presses += 1
        self.log.append(note or f"{Qt.Key(key).name} {modifiers}")
        press_key(widget, key, modifiers)

    def type(self, text: str, note: str = "") -> None:
        widget = self.focus()
        self.actions += 1
        self.presses += len(text)
        self.chars += len(text)
        self.log.append(note or f"type {text!r}")
        type_text(self.qtbot, widget, text)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.key(Qt.Key.Key_Tab, note="Tab")

    def in_modal(self, act: Callable[[QWidget], None], expect: type | None = None) -> QTimer:
        """Run `act(dialog)` once a modal dialog (one opened with exec(), which blocks the test)
        is up and holds the focus; the keys it presses are counted like any other."""
        before = QApplication.activeModalWidget()
        timer = QTimer()
        timer.setInterval(20)

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            focus = QApplication.focusWidget()
            if dialog is not None and dialog is not before and focus is not None \
                    and dialog.isAncestorOf(focus):
                timer.stop()
                if expect is not None and not isinstance(dialog, expect):
                    self.unexpected.append(f"{type(dialog).__name__}: "
                                           f"{getattr(dialog, 'text', lambda: '')()}")
                    dialog.reject()
                    return
                act(dialog)

        timer.timeout.connect(poll)
        timer.start()
        return timer

    def report(self, name: str) -> str:
        return (f"{name}: {self.actions} actions ({self.presses} key presses, of which "
                f"{self.chars} typed characters)")


def mnemonic_of(widget: QWidget):
    """The Alt+letter that reaches `widget`: its own text (a button, a group box) or the text of
    the label whose buddy it is."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    if isinstance(widget, QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    else:
        label = next((lab for lab in widget.window().findChildren(QLabel)
                      if lab.buddy() is widget), None)
        assert label is not None, f"no label leads to {widget}"
        text = label.text()
    key = QKeySequence.mnemonic(text)
    assert not key.isEmpty(), f"no mnemonic in {text!r}"
    return key[0], text


def alt_to(desk: Desk, widget: QWidget, note: str = "") -> None:
    combo, text = mnemonic_of(widget)
    desk.key(combo.key(), combo.keyboardModifiers(), note or f"Alt+letter: {text}")
