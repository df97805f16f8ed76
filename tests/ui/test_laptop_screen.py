"""Windows fit a 1366×768 laptop: the whole window above the taskbar, status bar and buttons
reachable."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from desktop_app.services import applications, papers
from desktop_app.ui import main_window as mw
from desktop_app.ui.app_wide import FRAME_ALLOWANCE, fit_within
from desktop_app.ui.pdf_preview import PdfPreviewDialog

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar


def fits(widget, available: QRect) -> bool:
    """The window with its frame lies inside the available area."""
    outer = QRect(widget.x(), widget.y(), widget.width() + FRAME_ALLOWANCE[0],
                  widget.height() + FRAME_ALLOWANCE[1])
    return available.contains(outer)


def test_main_window_and_preview_fit_a_1366x768_laptop(qtbot, demo_ctx):
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    fit_within(window, 1280, 780, LAPTOP)  # what the app does on a first start
    assert fits(window, LAPTOP), window.geometry()
    assert window.minimumSizeHint().height() + FRAME_ALLOWANCE[1] <= LAPTOP.height()
    window.show()
    assert window.statusBar().isVisible()
    assert window.statusBar().geometry().bottom() < window.height()

    row = applications.work_list(demo_ctx)[0].row
    preview = PdfPreviewDialog(papers.receipt_pdf(demo_ctx, row.reg_no)[0], "Receipt", None)
    qtbot.addWidget(preview)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert fits(preview, screen), (preview.geometry(), screen)  # no longer 900 px tall
    fit_within(preview, 820, 900, LAPTOP)
    assert fits(preview, LAPTOP) and preview.height() == LAPTOP.height() - FRAME_ALLOWANCE[1]
