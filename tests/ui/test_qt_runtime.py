"""Guard against a Qt binding that corrupts the interpreter: PySide6 6.12.0 on Python 3.11 drops a
reference to None on every void call and to True on every emit, and the app aborts within minutes
("deallocating None"). pyproject.toml excludes it; this test fails if such a build comes back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_calls_and_emits_keep_refcounts(qapp):
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        qapp.processEvents()
        emitter.fired.emit(True)
    assert abs(sys.getrefcount(None) - none_before) < 50
    assert abs(sys.getrefcount(True) - true_before) < 50
