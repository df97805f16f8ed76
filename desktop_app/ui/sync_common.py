"""What the office's USB page and the district's pages share: folder and file pickers (one place
for tests to patch), the fingerprint shown large, batch counts in words, the batch log and the
per-file import report (models and the import panel).

Imports services (sync) and ui helpers; calls no SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_, _, active, ngettext
from desktop_app.services import Changes
from desktop_app.store.sync_log import BatchLogRow
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import allow
from desktop_app.ui.models import OVERDUE_BACKGROUND, OVERDUE_FOREGROUND, RowsModel
from desktop_app.ui.tables import make_table
from desktop_app.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the exchange's machinery (batch format, keys) loads when it is used
    from desktop_app.services.sync import ImportReport

OK_COLOUR = "#1b5e20"
ERROR_COLOUR = "#b71c1c"
BATCH_FILTER = N_("Akimat Desk batches (*.akb)")
KEY_FILTER = N_("Akimat Desk key files (*.akimat-key)")


# pickers (tests patch QFileDialog's static functions) ---------------------------------------

def choose_folder(parent: QWidget, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title)
    return Path(folder) if folder else None


def _filters(filter_msgid: str) -> str:
    return "{};;{}".format(_(filter_msgid), _("All files (*)"))


def choose_files(parent: QWidget, title: str, filter_msgid: str = BATCH_FILTER) -> list[Path]:
    files, _filter = QFileDialog.getOpenFileNames(parent, title, "", _filters(filter_msgid))
    return [Path(f) for f in files]


def choose_file(parent: QWidget, title: str, filter_msgid: str = KEY_FILTER) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, title, "", _filters(filter_msgid))
    return Path(name) if name else None


# words ----------------------------------------------------------------------------------------

_KIND_ORDER = ("application", "household", "person", "paper", "handover", "complaint", "result",
               "referral")


def _kind_count(kind: str, n: int) -> str:
    """One kind's count; literal ngettext calls, so each is extracted as a plural entry."""
    if kind == "application":
        return ngettext("{n} application", "{n} applications", n).format(n=n)
    if kind == "household":
        return ngettext("{n} household", "{n} households", n).format(n=n)
    if kind == "person":
        return ngettext("{n} person", "{n} persons", n).format(n=n)
    if kind == "paper":
        return ngettext("{n} paper", "{n} papers", n).format(n=n)
    if kind == "handover":
        return ngettext("{n} hand-over", "{n} hand-overs", n).format(n=n)
    if kind == "result":
        return ngettext("{n} decision or inspection", "{n} decisions or inspections",
                        n).format(n=n)
    if kind == "referral":
        return ngettext("{n} referral", "{n} referrals", n).format(n=n)
    if kind == "complaint":
        return ngettext("{n} complaint", "{n} complaints", n).format(n=n)
    return f"{n} {kind}"


def counts_text(counts: dict[str, int]) -> str:
    """{"application": 2, "person": 1} -> "2 applications, 1 person"; empty -> "no records"."""
    parts = [_kind_count(kind, counts[kind]) for kind in sorted(
        counts, key=lambda k: (_KIND_ORDER.index(k) if k in _KIND_ORDER else 99, k))]
    return ", ".join(parts) if parts else _("no new records (only the acknowledgement)")


def when(text: str | None) -> str:
    if not text:
        return ""
    try:
        return active().datetime(dt.datetime.fromisoformat(text))
    except ValueError:
        return text


def fingerprint_label(fingerprint: str, parent: QWidget, *, size: int = 20) -> QLabel:
    """The fingerprint in large monospace groups, to read aloud over the phone."""
    label = QLabel("  ".join(fingerprint.split("-")) if fingerprint else "—", parent)
    label.setObjectName("fingerprint")
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def set_message(label: QLabel, text: str, ok: bool) -> None:
    label.setStyleSheet(f"color: {OK_COLOUR if ok else ERROR_COLOUR}; font-weight: bold;")
    label.setText(text)
    label.setVisible(bool(text))


def export_own_key(parent: QWidget, ctx: AppContext, message: QLabel, done_msgid: str) -> None:
    """Write this folder's public key file to a chosen folder (the stick) and say where, with
    the fingerprint to read aloud; `done_msgid` has the {file} and {fingerprint} placeholders."""
    folder = choose_folder(parent, _("Choose the stick (a folder) for this office's key file"))
    if folder is None:
        return
    from desktop_app.services import sync

    try:
        path, fingerprint = sync.export_key(ctx, folder)
    except AppError as exc:
        set_message(message, exc.message(active()), False)
        return
    set_message(message, _(done_msgid).format(file=str(path), fingerprint=fingerprint), True)


def merged(changes: Sequence[Changes]) -> Changes:
    apps: frozenset[int] = frozenset().union(*(c.applications for c in changes))
    return Changes(applications=apps, sync=True)


# models ---------------------------------------------------------------------------------------

class BatchLogModel(RowsModel):
    """Batches sent and received, newest last per office."""

    headers = (N_("Direction"), N_("Village office"), N_("No."), N_("Urgent"), N_("File"),
               N_("Processed"), N_("Records"), N_("Acknowledged"))

    def id_of(self, item: BatchLogRow) -> Any:
        return None

    def display(self, item: BatchLogRow, column: int) -> str:
        if column == 0:
            return _("Sent") if item.direction == "out" else _("Received")
        if column == 1:
            return item.peer_code
        if column == 2:
            return str(item.seq)
        if column == 3:
            return _("Urgent") if item.urgent else ""
        if column == 4:
            return item.file_name
        if column == 5:
            return when(item.processed_at)
        if column == 6:
            return counts_text(item.counts)
        if item.direction != "out":
            return ""
        return when(item.acked_at) if item.acked_at else _("not yet")

    def sort_key(self, item: BatchLogRow, column: int) -> Any:
        if column == 2:
            return item.seq
        if column == 5:
            return item.processed_at or ""
        return super().sort_key(item, column)


STATUS_WORDS = {"applied": N_("Applied"), "already_imported": N_("Already imported"),
                "refused": N_("Refused"), "cancelled": N_("Cancelled")}


class ImportReportModel(RowsModel):
    """One row per file given: applied or refused, and why, in the interface language."""

    headers = (N_("File"), N_("Result"), N_("Details"))

    def id_of(self, item: ImportReport) -> Any:
        return None

    def display(self, item: ImportReport, column: int) -> str:
        if column == 0:
            return item.path.name
        if column == 1:
            return _(STATUS_WORDS.get(item.status, item.status))
        text = item.message(active())
        if item.status == "applied" and item.counts:
            text += " " + counts_text(item.counts) + "."
        return text

    def background(self, item: ImportReport, column: int) -> QColor | None:
        return OVERDUE_BACKGROUND if item.status in ("refused", "cancelled") else None

    def foreground(self, item: ImportReport, column: int) -> QColor | None:
        return OVERDUE_FOREGROUND if item.status in ("refused", "cancelled") else None


def import_summary(reports: Sequence[ImportReport]) -> str:
    applied = sum(1 for r in reports if r.status == "applied")
    refused = sum(1 for r in reports if r.status == "refused")
    text = ngettext("{n} file read", "{n} files read", len(reports)).format(n=len(reports))
    text += ": " + ngettext("{n} applied", "{n} applied", applied).format(n=applied)
    if refused:
        text += ", " + ngettext("{n} refused", "{n} refused", refused).format(n=refused)
    return text + "."


class ImportPanel(QWidget):
    """A button that imports several batch files in the background, then the per-file report."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, tasks: TaskRunner, button_text: str, dialog_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self.dialog_title = ctx, tasks, dialog_title
        self.button = QPushButton(button_text, self)
        self.button.setObjectName("importButton")
        self.button.clicked.connect(self.choose_and_import)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.hide()
        self.model = ImportReportModel(self)
        self.table, self.proxy = make_table(self.model, self, name="importReport", stretch=2)
        self.table.hide()
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.on_done: Callable[[list[ImportReport]], None] | None = None

    def choose_and_import(self) -> None:
        files = choose_files(self, self.dialog_title)
        if files:
            self.import_files(files)

    def import_files(self, files: Sequence[Path]) -> None:
        self.button.setEnabled(False)
        self._pending: list[ImportReport] | None = None

        def work(progress, cancel) -> list[ImportReport]:
            from desktop_app.services import sync

            self._pending = sync.import_batches(self.ctx, files, progress, cancel)
            return self._pending

        self.tasks.run(work, self._done, self._failed, parent=self, long=True,
                       label=_("Importing batches…"), on_cancelled=self._cancelled)

    def _done(self, reports: list[ImportReport]) -> None:
        allow(self.button, True)
        self.model.set_rows(reports)
        if self.table.parentWidget() is self:   # a page may show the table elsewhere (a tab)
            self.table.setVisible(bool(reports))
        set_message(self.summary, import_summary(reports),
                    all(r.status in ("applied", "already_imported") for r in reports))
        changes = [r.changes for r in reports if r.status == "applied"]
        if changes:
            self.changed.emit(merged(changes))
        if self.on_done:
            self.on_done(reports)

    def _failed(self, exc: BaseException) -> None:
        allow(self.button, True)
        if isinstance(exc, AppError):
            set_message(self.summary, exc.message(active()), False)
        else:
            show_error(self, exc)

    def _cancelled(self) -> None:
        # files imported before Cancel stay imported: report them too
        if self._pending is not None:
            self._done(self._pending)
        else:
            allow(self.button, True)
            set_message(self.summary, _("Import cancelled."), False)
