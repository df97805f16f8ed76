"""Navigation labels are never cut: in Russian (the longest) every label wraps within the
column and its row is tall enough for all its lines."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from desktop_app.i18n import Translator, install
from desktop_app.ui import main_window as mw

PADDING = (2 * 14 + 3, 2 * 10)  # the stylesheet's item padding and the selection border


def test_russian_navigation_labels_are_not_cut(qtbot, demo_ctx):
    install(Translator("ru"))
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    nav = window.nav
    nav.ensurePolished()
    metrics = QFontMetrics(nav.font())
    cut = []
    for row in range(nav.count()):
        item = nav.item(row)
        rect = nav.visualItemRect(item)
        room = nav.viewport().width() - PADDING[0]
        needed = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap,
                                      item.text())
        longest_word = max(metrics.horizontalAdvance(w) for w in item.text().split())
        if longest_word > room or needed.height() > rect.height() - PADDING[1] + 2:
            cut.append((item.text(), needed.height(), rect.height()))
    assert not cut, cut
