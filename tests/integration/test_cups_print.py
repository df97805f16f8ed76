"""Printing to a real CUPS queue with a PDF printer (cups-pdf; `.ci/run` installs it, starts
cupsd and adds the queue AkimatDeskPDF): the PDF itself goes to the queue, the output is A4,
landscape pages stay landscape at 100 % (turned onto the paper, not shrunk) and `pdftotext`
finds the Kazakh text. Skipped, saying why, where no such queue is reachable."""

from __future__ import annotations

import datetime as dt
import io
import os
import pwd
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

QUEUE = os.environ.get("AKIMAT_TEST_PRINTER", "AkimatDeskPDF")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
WAIT_S = 120


def _queue_or_skip() -> None:
    for tool in ("lp", "lpstat", "pdfinfo", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            pytest.skip(f"no CUPS test printer here: `{tool}` is not installed")
    running = subprocess.run(["lpstat", "-r"], capture_output=True, text=True)
    if "is running" not in running.stdout or "not" in running.stdout:
        pytest.skip("no CUPS test printer here: the CUPS scheduler is not running")
    devices = subprocess.run(["lpstat", "-v", QUEUE], capture_output=True, text=True)
    if "cups-pdf:/" not in devices.stdout:
        pytest.skip(f"no CUPS test printer here: no cups-pdf queue {QUEUE} (.ci/run adds it)")


def _output_dir() -> Path:
    user = pwd.getpwuid(os.getuid())
    out = "/var/spool/cups-pdf/${USER}"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            if re.match(r"^Out\s", line):
                out = line.split(None, 1)[1].strip()
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


def _content_box(pdf: Path, page: int) -> tuple[int, int]:
    """Width and height of what is drawn on a page (rendered at 36 dpi), in pixels."""
    from PIL import Image, ImageOps

    stem = pdf.with_name(f"{pdf.stem}-box-{page}")
    subprocess.run(["pdftoppm", "-q", "-r", "36", "-f", str(page), "-l", str(page), "-singlefile",
                    "-png", str(pdf), str(stem)], check=True)
    image = Image.open(f"{stem}.png").convert("L")
    box = ImageOps.invert(image).point(lambda v: 255 if v > 40 else 0).getbbox()
    assert box, f"page {page} of {pdf.name} is blank"
    return box[2] - box[0], box[3] - box[1]


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]


def test_a_receipt_and_a_register_print_as_vectors_on_a4(qtbot, demo_ctx, tmp_path):
    _queue_or_skip()
    from pypdf import PdfReader, PdfWriter
    from PySide6.QtPrintSupport import QPrinter

    from desktop_app.services import applications, office_papers, papers
    from desktop_app.ui.pdf_preview import PdfPreviewDialog

    receipt = papers.receipt_pdf(demo_ctx, applications.work_list(demo_ctx)[0].row.reg_no)[0]
    today = demo_ctx.now().date()
    journal = office_papers.journal_pdf(demo_ctx, today - dt.timedelta(days=60), today)
    journal = journal[0] if isinstance(journal, tuple) else journal
    writer = PdfWriter()
    for data in (receipt, journal):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    source = tmp_path / "source.pdf"
    source.write_bytes(buffer.getvalue())

    title = f"akimat-test-{uuid.uuid4().hex[:8]}"
    dialog = PdfPreviewDialog(buffer.getvalue(), title, None)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(QUEUE)
    assert printer.printerName() == QUEUE, "Qt does not see the CUPS queue"
    out_dir = _output_dir()
    before = set(out_dir.glob("*.pdf")) if out_dir.is_dir() else set()
    text = dialog.print_with(printer)
    assert QUEUE in text and dialog.info.text() == text          # "Sent to the printer ..."

    deadline = time.monotonic() + WAIT_S  # cups-pdf writes the file when the job is done
    found: list[Path] = []
    while time.monotonic() < deadline and not found:
        time.sleep(1)
        found = [p for p in (set(out_dir.glob("*.pdf")) if out_dir.is_dir() else set()) - before
                 if title in p.name and p.stat().st_size > 0]
    assert found, f"cups-pdf wrote no file for {title} into {out_dir}"
    printed = found[0]
    time.sleep(1)  # the backend renames the finished file into place; give it the last write

    sizes, wanted = _page_sizes(printed), _page_sizes(source)
    assert len(sizes) == len(wanted)
    for w, h in sizes:  # A4 sheets (595 x 842 pt), whichever way up
        assert sorted((round(w), round(h))) == [595, 842], (w, h)
    for number, (w, h) in enumerate(wanted, start=1):
        got, want = _content_box(printed, number), _content_box(source, number)
        if (w > h) != (sizes[number - 1][0] > sizes[number - 1][1]):
            want = (want[1], want[0])  # a landscape page turned onto portrait paper
        assert abs(got[0] - want[0]) <= 0.04 * want[0] + 2, (number, got, want)  # 100 %
        assert abs(got[1] - want[1]) <= 0.04 * want[1] + 2, (number, got, want)
    words = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "Мемлекеттік" in words and "Өтініш беруші" in words
    assert any(w > h for w, h in wanted)  # the document really had landscape pages
