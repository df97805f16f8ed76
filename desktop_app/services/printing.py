"""Printing a paper's PDF as vectors where the system can: on CUPS (Linux, macOS) the file itself
goes to the queue with `lp` at 100 %, each page on the paper in its own orientation (CUPS turns a
landscape page onto portrait paper, it does not shrink it). Windows has no such path: the preview
draws each page there, sized and turned page by page (ui/pdf_preview.py).

No Qt; imports domain.errors, i18n and oscompat.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_
from desktop_app.oscompat import IS_WINDOWS

Runner = Callable[..., Any]
LP_TIMEOUT_S = 60


@dataclass(frozen=True)
class PrintJob:
    printer: str                         # the CUPS queue (QPrinter.printerName())
    title: str
    copies: int = 1
    pages: tuple[int, int] | None = None  # first and last, 1-based; None: all
    landscape: Sequence[bool] = ()       # per page of the document


def cups_available(*, windows: bool = IS_WINDOWS) -> bool:
    """Whether `lp` can take the PDF itself (not on Windows, whose spooler wants drawing)."""
    return not windows and shutil.which("lp") is not None


def chosen_pages(job: PrintJob) -> list[int]:
    """0-based indexes of the pages the job prints."""
    count = len(job.landscape)
    first, last = job.pages or (1, count)
    return list(range(max(first, 1) - 1, min(last, count)))


def lp_command(path: str, job: PrintJob) -> list[str]:
    """`lp` at 100 % on A4 (no fitting); every page keeps its orientation: a document whose
    pages are all landscape asks for landscape, a mixed one leaves CUPS to turn each page."""
    cmd = ["lp", "-d", job.printer, "-t", job.title[:100] or "Akimat Desk",
           "-n", str(max(job.copies, 1)), "-o", "media=A4", "-o", "print-scaling=none",
           "-o", "collate=true"]
    if job.pages:
        cmd += ["-P", f"{job.pages[0]}-{job.pages[1]}"]
    chosen = [job.landscape[i] for i in chosen_pages(job)]
    if chosen and all(chosen):
        cmd += ["-o", "orientation-requested=4"]
    return [*cmd, "--", path]


def _refused(job: PrintJob, detail: str) -> AppError:
    return AppError(N_("The printer {printer} did not take the job: {detail}"),
                    code="print_failed", printer=job.printer, detail=detail)


def send_pdf(pdf: bytes, job: PrintJob, *, run: Runner = subprocess.run) -> str:
    """Give the PDF to the CUPS queue; returns CUPS's request id (e.g. "Office-12")."""
    fd, path = tempfile.mkstemp(prefix="akimat-print-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pdf)
        try:
            done = run(lp_command(path, job), capture_output=True, text=True,
                       timeout=LP_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise _refused(job, str(exc)) from exc
        if done.returncode != 0:
            lines = (done.stderr or done.stdout or "").strip().splitlines()
            raise _refused(job, lines[-1] if lines else "lp")
        found = re.search(r"request id is (\S+)", done.stdout or "")
        return found.group(1) if found else ""
    finally:
        try:
            os.unlink(path)  # lp copied the file into the spool before it returned
        except OSError:
            pass
