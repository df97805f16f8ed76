"""A one-line label that gives up width on a narrow window: it shows as much of its text as fits,
with "…" where it is cut, and the whole text in its tooltip (a data path, who is signed in).

Imports PySide6 only.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    """`text()` stays whole (tests and copying read it); only the painting is cut."""

    def __init__(self, text: str, parent: QWidget | None = None, *,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight, min_chars: int = 12) -> None:
        super().__init__(text, parent)
        self.mode = mode
        self.min_chars = min_chars
        self.setProperty("elides", True)  # tests: the whole text is in the tooltip
        self.setToolTip(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        width = self.fontMetrics().horizontalAdvance("M" * self.min_chars)
        return QSize(min(width, hint.width()), hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), self.mode, rect.width())
        painter.drawText(rect, int(self.alignment()) | int(Qt.AlignmentFlag.AlignVCenter), shown)
