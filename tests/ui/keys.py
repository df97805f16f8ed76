"""Typing as a person types: QTest.keyClicks knows ASCII only, so other letters (Kazakh,
Russian) go as key events carrying their text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text: str) -> None:
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         ch))


def press_key(widget, key, modifiers=Qt.KeyboardModifier.NoModifier, text: str = "") -> None:
    """One key press and release, also of a Cyrillic letter with Alt or Ctrl (QTest's keyClick
    knows ASCII keys only), going through Qt's shortcut map as a real key does."""
    from PySide6.QtTest import QTest

    key = Qt.Key(key)
    if not text and 0x20 <= int(key) < 0x110000 and not modifiers & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        text = chr(int(key)).lower()
    QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, text, modifiers)
