"""The PDF preview (load, save, print to a PDF printer), error boxes and crash reports, tasks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.domain.errors import AppError
from desktop_app.i18n import _
from desktop_app.services import applications, papers
from desktop_app.ui import errors, pdf_preview
from desktop_app.ui.pdf_preview import PdfPreviewDialog
from desktop_app.ui.tasks import Cancelled, TaskRunner


@pytest.fixture
def receipt(demo_ctx) -> bytes:
    row = applications.work_list(demo_ctx)[0].row
    return papers.receipt_pdf(demo_ctx, row.reg_no)[0]


def _page_count(path: Path) -> int:
    doc = QPdfDocument()
    doc.load(str(path))
    return doc.pageCount()


def test_preview_loads_and_saves(qtbot, receipt, tmp_path, monkeypatch):
    dialog = PdfPreviewDialog(receipt, "Receipt No. 1", None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() >= 1
    target = tmp_path / "receipt"  # no suffix: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF files (*.pdf)")))
    saved = dialog.save_as()
    assert saved == tmp_path / "receipt.pdf"
    assert saved.read_bytes() == receipt
    assert _page_count(saved) >= 1
    assert not list(tmp_path.glob("*.part"))


def test_save_cancelled_and_failing(qtbot, receipt, tmp_path, monkeypatch):
    dialog = PdfPreviewDialog(receipt, "Receipt", None)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert dialog.save_as() is None
    missing = tmp_path / "no-such-folder" / "x.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(missing), "")))
    assert dialog.save_as() is None
    assert errors._open_boxes and str(missing) in errors._open_boxes[-1].text()


def test_print_to_a_pdf_printer_honours_copies(qtbot, receipt, tmp_path):
    dialog = PdfPreviewDialog(receipt, "Receipt", None)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    printer.setCopyCount(2)
    sheets = dialog.print_to(printer)
    pages = dialog.document.pageCount()
    expected = pages if printer.supportsMultipleCopies() else 2 * pages
    assert sheets == expected
    assert _page_count(tmp_path / "printed.pdf") == expected


def test_open_preview_is_non_blocking(qtbot, receipt):
    dialog = pdf_preview.open_preview(receipt, "Receipt")
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.suggested_file_name() == "Receipt.pdf"


def test_app_error_box(qtbot):
    box = errors.show_error(None, AppError("The disk is full: {detail}", code="disk_full",
                                           detail="E:"))
    assert box.text() == "The disk is full: E:"
    assert not box.isModal()
    assert "disk_full" in box.detailedText()
    copy = next(b for b in box.buttons() if b.text() == _("Copy details"))
    copy.click()
    from PySide6.QtGui import QGuiApplication

    assert "disk_full" in QGuiApplication.clipboard().text()


def test_crash_dialog_writes_a_report(qtbot, tmp_path):
    errors.set_crash_dir(tmp_path)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            box = errors.show_error(None, exc)
    finally:
        errors.set_crash_dir(None)
    reports = list((tmp_path / "logs").glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError: boom" in text and "Akimat Desk" in text
    assert str(reports[0]) in box.text()
    assert box.icon() == QMessageBox.Icon.Critical


def test_sync_runner_delivers_result_error_and_cancel(qapp):
    runner = TaskRunner(sync=True)
    got = []
    runner.run(lambda: 42, got.append)
    runner.run(lambda: 1 / 0, got.append, got.append)
    runner.run(lambda progress, cancel: (_ for _ in ()).throw(Cancelled()), got.append,
               long=True, on_cancelled=lambda: got.append("cancelled"))
    assert got[0] == 42 and isinstance(got[1], ZeroDivisionError) and got[2] == "cancelled"


def test_background_runner_calls_back_on_the_main_thread(qtbot):
    import threading

    runner = TaskRunner(delay_ms=50)
    main = threading.get_ident()
    seen = {}

    def job(progress, cancel):
        seen["worker"] = threading.get_ident()
        for i in range(3):
            progress(i + 1, 3)
        return "done"

    def done(result):
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    runner.run(job, done, long=True)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == "done"
    assert seen["worker"] != main and seen["callback"] == main
    qtbot.waitUntil(lambda: not runner.busy, timeout=2000)
    assert runner.wait(5000)


def test_background_error_and_slow_task_dialog(qtbot):
    import threading

    runner = TaskRunner(delay_ms=0)
    release = threading.Event()
    errors_seen = []

    def slow(progress, cancel):
        progress(1, 4)
        release.wait(5)
        raise ValueError("bad")

    runner.run(slow, errors_seen.append, errors_seen.append, long=True, label="Slow")
    qtbot.waitUntil(lambda: any(t.dialog is not None for t in runner._tasks.values()),
                    timeout=3000)
    dialog = next(iter(runner._tasks.values())).dialog
    assert dialog.labelText() == "Slow"
    release.set()
    qtbot.waitUntil(lambda: bool(errors_seen), timeout=5000)
    assert isinstance(errors_seen[0], ValueError)
    assert not runner.busy
    assert runner.wait(5000)


def test_raster_printing_keeps_each_pages_size_and_orientation(qtbot, demo_ctx, receipt,
                                                               tmp_path):
    """Windows' path: a receipt (portrait) and a register (landscape) in one document come out
    page by page in their own orientation, at 100 % (not shrunk onto portrait paper)."""
    import datetime as dt
    import io

    from pypdf import PdfReader, PdfWriter

    from desktop_app.services import office_papers

    today = demo_ctx.now().date()
    journal = office_papers.journal_pdf(demo_ctx, today - dt.timedelta(days=60), today)
    journal = journal[0] if isinstance(journal, tuple) else journal
    writer = PdfWriter()
    for data in (receipt, journal):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    mixed = io.BytesIO()
    writer.write(mixed)
    dialog = PdfPreviewDialog(mixed.getvalue(), "Mixed", None)
    qtbot.addWidget(dialog)
    landscape = dialog.landscape_pages()
    assert True in landscape and False in landscape
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)
    text = dialog.print_with(printer)
    assert "printed.pdf" in text and dialog.info.text() == text
    out = PdfReader(str(tmp_path / "printed.pdf"))
    source = PdfReader(io.BytesIO(mixed.getvalue()))
    assert len(out.pages) == len(source.pages)
    for got, want in zip(out.pages, source.pages):
        w, h = float(got.mediabox.width), float(got.mediabox.height)
        assert (w > h) == (float(want.mediabox.width) > float(want.mediabox.height))
        assert abs(w - float(want.mediabox.width)) < 2 and abs(h - float(want.mediabox.height)) < 2


def test_preview_zooms_with_the_keyboard_and_buttons(qtbot, receipt):
    from PySide6.QtCore import Qt
    from PySide6.QtPdfWidgets import QPdfView

    dialog = PdfPreviewDialog(receipt, "Receipt", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    assert dialog.fits_width()
    ctrl = Qt.KeyboardModifier.ControlModifier
    fitted = dialog.zoom_factor()
    window = dialog.windowHandle()
    qtbot.keyClick(window, Qt.Key.Key_Plus, ctrl)
    bigger = dialog.zoom_factor()
    assert not dialog.fits_width() and bigger > fitted
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert dialog.zoom_label.text() == _("{percent} %").format(percent=round(bigger * 100))
    qtbot.keyClick(window, Qt.Key.Key_Equal, ctrl)  # Ctrl+= is Ctrl++ without Shift
    assert dialog.zoom_factor() > bigger
    qtbot.keyClick(window, Qt.Key.Key_Minus, ctrl)
    qtbot.keyClick(window, Qt.Key.Key_Minus, ctrl)
    assert dialog.zoom_factor() < bigger
    qtbot.keyClick(window, Qt.Key.Key_0, ctrl)
    assert dialog.fits_width() and abs(dialog.zoom_factor() - fitted) < 0.01
    # the buttons say their shortcuts
    for button in (dialog.zoom_in_button, dialog.zoom_out_button, dialog.fit_button):
        assert "Ctrl+" in button.toolTip()
    dialog.zoom_in_button.click()
    assert dialog.zoom_factor() > fitted and dialog.fit_button.isEnabled()
    dialog.fit_button.click()
    assert dialog.fits_width()


def test_printing_says_the_job_was_sent(qtbot, receipt, tmp_path):
    """The preview says in the user's words that the job went to the printer (print_with)."""
    dialog = PdfPreviewDialog(receipt, "Receipt", None)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)
    text = dialog.print_with(printer)
    assert text == _("Sent to the printer {printer}.").format(
        printer=str(tmp_path / "printed.pdf"))
    assert dialog.info.text() == text and (tmp_path / "printed.pdf").exists()
