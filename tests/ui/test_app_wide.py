"""Application-wide behaviour: the wheel guard and Qt's own translations."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox

from desktop_app.ui import app_wide
from desktop_app.ui.app_wide import install_qt_translations
from desktop_app.ui.pages.reception import ReceptionPage


def wheel_over(widget, steps: int = -1) -> None:
    """One notch of the mouse wheel over the middle of `widget` (down when negative)."""
    centre = widget.rect().center()
    event = QWheelEvent(QPointF(centre), QPointF(widget.mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_an_unfocused_checklist_combo_changes_nothing(qtbot, ctx):
    page = ReceptionPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    page.select_service("tsa")
    combos = [c for c in page.findChildren(QComboBox) if c.isVisible() and c.count() > 1]
    assert combos
    for combo in combos:
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus
        before = combo.currentIndex()
        wheel_over(combo, -1 if before + 1 < combo.count() else 1)  # towards another item
        assert combo.currentIndex() == before
        assert not combo.hasFocus()
    combo = combos[0]
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    before = combo.currentIndex()
    wheel_over(combo, -1 if before + 1 < combo.count() else 1)
    assert combo.currentIndex() != before  # a focused combo still takes the wheel


def test_qt_speaks_the_interface_language(qapp):
    try:
        assert install_qt_translations(qapp, "ru")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"
        assert install_qt_translations(qapp, "kk")  # PySide6 ships qtbase_kk.qm too
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
        assert text != "Отмена" and re.search("[а-яәіңғүұқөһ]", text.lower()), text
    finally:
        for translator in list(app_wide._qt_translators):
            qapp.removeTranslator(translator)
        app_wide._qt_translators.clear()
