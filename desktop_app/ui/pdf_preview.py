"""Preview a paper (receipt, certificate) before it is printed or saved: QtPdf view, Print…, Save as PDF….

Takes the PDF bytes the services rendered; writes files only through `services.papers.write_pdf`.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.errors import show_error

MAX_PRINT_DPI = 300  # enough for text on an office laser; keeps page images small


class PdfPreviewDialog(QDialog):
    """A non-blocking preview of one PDF with Print…, Save as PDF… and Close."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = bytes(pdf)
        self.setWindowTitle(title)
        self.setObjectName("pdfPreview")
        self.resize(820, 900)
        # QPdfDocument reads from the device lazily: the buffer and its bytes must stay alive.
        self._data = QByteArray(self.pdf)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        pages = self.document.pageCount()
        self.info = QLabel(ngettext("{n} page", "{n} pages", pages).format(n=pages), self)

        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.setToolTip(_("Print (Ctrl+P)"))
        self.save_button = QPushButton(_("Save as PDF…"), self)
        self.save_button.setToolTip(_("Save as a PDF file (Ctrl+S)"))
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        buttons.rejected.connect(self.reject)
        self.print_button.setDefault(True)

        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        # Esc closes: QDialog's own reject() on Escape.

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        if self.document.status() == QPdfDocument.Status.Error:
            self.info.setText(_("The document could not be shown."))
            self.print_button.setEnabled(False)

    # saving ----------------------------------------------------------------------------------
    def suggested_file_name(self) -> str:
        stem = re.sub(r"[^\w.\-]+", "_", self.windowTitle(), flags=re.UNICODE).strip("_.")
        return (stem or "document") + ".pdf"

    def save_as(self) -> Path | None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path(folder) / self.suggested_file_name()),
            _("PDF files (*.pdf)"))
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        from desktop_app.services import papers  # ReportLab stays unloaded until a paper is

        try:
            papers.write_pdf(self.pdf, target)
        except OSError as exc:
            show_error(self, AppError(N_("The file {path} could not be saved: {detail}"),
                                      code="save_failed", path=str(target),
                                      detail=exc.strerror or str(exc)))
            return None
        self.info.setText(_("Saved to {path}").format(path=str(target)))
        return target

    # printing --------------------------------------------------------------------------------
    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        pages = self.document.pageCount()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        dialog.setMinMax(1, max(pages, 1))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except Exception as exc:  # noqa: BLE001 - a printer failure is shown, not a crash
            show_error(self, AppError(N_("Printing failed: {detail}"), code="print_failed",
                                      detail=str(exc)))

    def print_to(self, printer: QPrinter) -> int:
        """Render every chosen page onto the printer's page; returns the number of sheets drawn."""
        count = self.document.pageCount()
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage():
            first, last = printer.fromPage(), min(printer.toPage() or count, count)
        # A driver that makes copies itself gets one pass; otherwise we repeat the pages.
        copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(_("the printer could not be opened"))
        drawn = 0
        try:
            for _copy in range(copies):
                for page in range(first - 1, last):
                    if drawn:
                        printer.newPage()
                    self._draw_page(painter, printer, page, dpi)
                    drawn += 1
        finally:
            painter.end()
        return drawn

    def _draw_page(self, painter: QPainter, printer: QPrinter, page: int, dpi: int) -> None:
        points = self.document.pagePointSize(page)
        size = QSize(max(1, round(points.width() / 72 * dpi)),
                     max(1, round(points.height() / 72 * dpi)))
        image = self.document.render(page, size)
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        area = QRect(0, 0, target.width(), target.height())
        fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (area.width() - fitted.width()) // 2
        y = (area.height() - fitted.height()) // 2
        painter.drawImage(QRect(x, y, fitted.width(), fitted.height()), image)


def open_preview(pdf: bytes, title: str, parent: QWidget | None = None) -> PdfPreviewDialog:
    """Show a preview without blocking; the dialog deletes itself when closed."""
    dialog = PdfPreviewDialog(pdf, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
