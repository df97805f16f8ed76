"""Preview a paper (receipt, certificate) before it is printed or saved: QtPdf view that zooms
(Ctrl+Plus, Ctrl+Minus, Ctrl+0 fits the width), Print…, Save as PDF…. Printing sends the PDF
itself to a CUPS queue; elsewhere (Windows) it draws each page at 100 % in the page's own size and
orientation.

Takes the PDF bytes the services rendered; writes files only through `services.papers.write_pdf`.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import (QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF,
                            QStandardPaths, Qt)
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel,
                               QPushButton, QToolButton, QVBoxLayout, QWidget)

from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_, _, ngettext
from desktop_app.services import printing
from desktop_app.ui.app_wide import fit_within
from desktop_app.ui.errors import show_error
from desktop_app.ui.shortcuts import bind, with_keys

MAX_PRINT_DPI = 300  # enough for text on an office laser; keeps page images small
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


class PdfPreviewDialog(QDialog):
    """A non-blocking preview of one PDF with Print…, Save as PDF… and Close."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = bytes(pdf)
        self.setWindowTitle(title)
        self.setObjectName("pdfPreview")
        fit_within(self, 820, 900)  # at most the available height (a 1366×768 laptop)
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
        zoom_row = self._zoom_controls()

        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(_("Print…"), self)
        with_keys(self.print_button, "preview.print")
        self.save_button = QPushButton(_("Save as PDF…"), self)
        with_keys(self.save_button, "preview.save")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        buttons.rejected.connect(self.reject)
        self.print_button.setDefault(True)

        bind("preview.print", self, self.print_document)
        bind("preview.save", self, self.save_as)
        for spec_id, slot in (("preview.zoom_in", self.zoom_in),
                              ("preview.zoom_out", self.zoom_out),
                              ("preview.fit", self.fit_width)):
            bind(spec_id, self, slot)
        # Esc closes: QDialog's own reject() on Escape.

        layout = QVBoxLayout(self)
        layout.addLayout(zoom_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        if self.document.status() == QPdfDocument.Status.Error:
            self.info.setText(_("The document could not be shown."))
            self.print_button.setEnabled(False)

    # zoom ------------------------------------------------------------------------------------
    def _zoom_controls(self) -> QHBoxLayout:
        def tool(text: str, spec_id: str, name: str, slot: object) -> QToolButton:
            button = QToolButton(self)
            button.setText(text)
            with_keys(button, spec_id)  # the keys in the tooltip, from the one registry
            button.setObjectName(name)
            button.clicked.connect(slot)
            return button

        self.zoom_out_button = tool("−", "preview.zoom_out", "zoomOut", self.zoom_out)
        self.zoom_in_button = tool("+", "preview.zoom_in", "zoomIn", self.zoom_in)
        self.fit_button = tool(_("Fit width"), "preview.fit", "fitWidth", self.fit_width)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomLevel")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance(
            "0000 %") + 8)
        row = QHBoxLayout()
        for w in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            row.addWidget(w)
        row.addStretch(1)
        self._show_zoom()
        return row

    def fits_width(self) -> bool:
        return self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth

    def zoom_factor(self) -> float:
        """The zoom in effect (1.0 = the page at its printed size); fitted: what the fit gives."""
        if not self.fits_width():
            return self.view.zoomFactor()
        points = self.document.pagePointSize(0)
        if points.width() <= 0:
            return 1.0
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        return max(ZOOM_STEPS[0], room / (points.width() / 72 * self.view.logicalDpiX()))

    def zoom_in(self) -> None:
        now = self.zoom_factor()
        self._set_zoom(next((z for z in ZOOM_STEPS if z > now + 0.005), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self.zoom_factor()
        self._set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now - 0.005), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._show_zoom()

    def _show_zoom(self) -> None:
        percent = round(self.zoom_factor() * 100)
        self.zoom_label.setText(_("{percent} %").format(percent=percent))
        self.zoom_label.setToolTip(_("Fitted to the width") if self.fits_width() else "")
        self.fit_button.setEnabled(not self.fits_width())
        self.zoom_in_button.setEnabled(self.fits_width() or percent < ZOOM_STEPS[-1] * 100)
        self.zoom_out_button.setEnabled(self.fits_width() or percent > ZOOM_STEPS[0] * 100)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fits_width():
            self._show_zoom()

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
            self.print_with(printer)
        except AppError as exc:
            show_error(self, exc)
        except Exception as exc:  # noqa: BLE001 - a printer failure is shown, not a crash
            show_error(self, AppError(N_("Printing failed: {detail}"), code="print_failed",
                                      detail=str(exc)))

    def landscape_pages(self) -> list[bool]:
        sizes = [self.document.pagePointSize(i) for i in range(self.document.pageCount())]
        return [s.width() > s.height() for s in sizes]

    def _page_range(self, printer: QPrinter) -> tuple[int, int] | None:
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage():
            count = self.document.pageCount()
            return printer.fromPage(), min(printer.toPage() or count, count)
        return None

    def print_with(self, printer: QPrinter) -> str:
        """Print as the system can: the PDF itself to a CUPS queue (vectors, 100 %), else each
        page drawn in its own size and orientation. Says in the dialog that the job was sent."""
        name = printer.printerName()
        if (name and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
                and not printer.outputFileName() and printing.cups_available()):
            job = printing.PrintJob(printer=name, title=self.windowTitle(),
                                    copies=max(printer.copyCount(), 1),
                                    pages=self._page_range(printer),
                                    landscape=self.landscape_pages())
            request = printing.send_pdf(self.pdf, job)
            text = _("Sent to the printer {printer} (job {job}).").format(
                printer=name, job=request) if request else \
                _("Sent to the printer {printer}.").format(printer=name)
        else:
            self.print_to(printer)
            text = _("Sent to the printer {printer}.").format(
                printer=name or printer.outputFileName())
        self.info.setText(text)
        return text

    def print_to(self, printer: QPrinter) -> int:
        """Draw every chosen page onto the printer at 100 %: before each page the printer takes
        that page's size and orientation (a landscape register stays landscape, not shrunk to
        68 % on portrait paper). Returns the number of sheets drawn."""
        count = self.document.pageCount()
        first, last = self._page_range(printer) or (1, count)
        # A driver that makes copies itself gets one pass; otherwise we repeat the pages.
        copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        printer.setFullPage(True)  # the page's own margins are in the PDF
        self._set_layout(printer, first - 1)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(_("the printer could not be opened"))
        drawn = 0
        try:
            for _copy in range(copies):
                for page in range(first - 1, last):
                    if drawn:
                        self._set_layout(printer, page)
                        printer.newPage()
                    self._draw_page(painter, printer, page, dpi)
                    drawn += 1
        finally:
            painter.end()
        return drawn

    def _set_layout(self, printer: QPrinter, page: int) -> None:
        points = self.document.pagePointSize(page)
        landscape = points.width() > points.height()
        portrait = QSizeF(min(points.width(), points.height()),
                          max(points.width(), points.height()))
        layout = QPageLayout(QPageSize(portrait, QPageSize.Unit.Point),
                             QPageLayout.Orientation.Landscape if landscape
                             else QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        printer.setPageLayout(layout)

    def _draw_page(self, painter: QPainter, printer: QPrinter, page: int, dpi: int) -> None:
        points = self.document.pagePointSize(page)
        size = QSize(max(1, round(points.width() / 72 * dpi)),
                     max(1, round(points.height() / 72 * dpi)))
        image = self.document.render(page, size)
        res = printer.resolution()
        target = QRect(0, 0, round(points.width() / 72 * res), round(points.height() / 72 * res))
        painter.drawImage(target, image)


def open_preview(pdf: bytes, title: str, parent: QWidget | None = None) -> PdfPreviewDialog:
    """Show a preview without blocking; the dialog deletes itself when closed."""
    dialog = PdfPreviewDialog(pdf, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
