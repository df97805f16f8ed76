"""The district's batch pages: "Import batches" (several offices' files at once, progress and
Cancel, a per-file report, the batch log) and "Return batches" (a return batch for one office or
for all, saying exactly which files were written).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.i18n import _, active
from desktop_app.services import Changes, district, permissions, sync
from desktop_app.services.sync import ExportResult
from desktop_app.ui.district_models import OfficesModel
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import allow, gate
from desktop_app.ui.sync_common import (BatchLogModel, ImportPanel, choose_folder, counts_text,
                                        set_message)
from desktop_app.ui.tables import make_table, selected_row
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title


class DistrictImportPage(Page):
    """Import the offices' batches from the stick."""


    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.importer = ImportPanel(ctx, self.tasks, _("Import batches…"),
                                    _("Choose the offices' batch files"), self)
        self.importer.changed.connect(self._imported)
        gate(self.importer.button, permissions.import_batch(ctx))
        note = QLabel(_("Choose every batch file on the stick at once, in any order: they are "
                        "applied in number order, each whole or not at all."), self)
        note.setWordWrap(True)
        log_box = QGroupBox(_("Batch log"), self)
        self.log_model = BatchLogModel(self)
        self.log_table, self.log_proxy = make_table(self.log_model, log_box, name="batchLog")
        self.log_table.horizontalHeader().setStretchLastSection(False)  # no title cut
        QVBoxLayout(log_box).addWidget(self.log_table)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Import batches"), self))
        layout.addWidget(note)
        layout.addWidget(self.importer, 1)
        layout.addWidget(log_box, 1)
        self.refresh()

    def refresh(self) -> None:
        self.log_model.set_rows(sync.batch_log(self.ctx))
        self.log_table.resizeColumnsToContents()

    def on_changed(self, changes: Changes) -> None:
        if changes.sync:
            self.refresh()

    def _imported(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)


def returns_message(results: list[ExportResult]) -> str:
    if not results:
        return _("No village office is trusted yet: nothing was written.")
    lines = [_("Return batch {seq} for {office}: {file} — {what}.").format(
        seq=r.seq, office=r.to, file=r.path.name, what=counts_text(r.counts)) for r in results]
    head = _("Written to {folder}:").format(folder=str(results[0].path.parent))
    return "\n".join([head, *lines])


class DistrictReturnsPage(Page):
    """Write the return batches (decisions, referrals, inspection dates, acknowledgements)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.model = OfficesModel(self)
        self.table, self.proxy = make_table(self.model, self, name="returnsTable")
        for column in (4, 5, 6, 8):      # what matters here: last batch in, what waits to go back
            self.table.setColumnHidden(column, True)
        self.one_button = QPushButton(_("Export return batch for the chosen office…"), self)
        self.one_button.setObjectName("exportOneButton")
        self.one_button.clicked.connect(lambda: self.export(all_offices=False))
        self.all_button = QPushButton(_("Export return batches for all offices…"), self)
        self.all_button.setObjectName("exportAllButton")
        self.all_button.clicked.connect(lambda: self.export(all_offices=True))
        for button in (self.one_button, self.all_button):
            gate(button, permissions.export_batch(ctx))
        self.result = QLabel(self)
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        row = QHBoxLayout()
        row.addWidget(self.one_button)
        row.addWidget(self.all_button)
        row.addStretch(1)
        note = QLabel(_("A return batch carries the decisions, referrals and inspection dates not "
                        "yet acknowledged by the office, and acknowledges the batches that "
                        "arrived here. Column \"To send back\" counts what waits."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Return batches"), self))
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(district.offices_overview(self.ctx))
        self.table.resizeColumnsToContents()
        allow(self.all_button, self.model.rowCount() > 0)
        allow(self.one_button, self.model.rowCount() > 0)

    def on_changed(self, changes: Changes) -> None:
        if changes.sync:
            self.refresh()

    def chosen_office(self) -> str | None:
        row = selected_row(self.table, or_only_row=True)
        return self.proxy.id_at(row) if row is not None else None

    def export(self, all_offices: bool) -> None:
        code = None if all_offices else self.chosen_office()
        if not all_offices and code is None:
            set_message(self.result, _("Choose the office in the table first."), False)
            return
        folder = choose_folder(self, _("Choose the stick (a folder) to write the return "
                                       "batches to"))
        if folder is not None:
            self.export_to(folder, code)

    def export_to(self, folder: Path, office_code: str | None) -> None:
        self._written: list[ExportResult] = []

        def work(progress, cancel) -> list[ExportResult]:
            if office_code:
                self._written = [district.export_return(self.ctx, office_code, folder, progress,
                                                        cancel)]
            else:
                self._written = district.export_returns(self.ctx, folder, progress, cancel)
            return self._written

        self.tasks.run(work, self._done, self._failed, parent=self, long=True,
                       label=_("Writing the return batches…"),
                       on_cancelled=lambda: self._done(self._written))

    def _done(self, results: list[ExportResult]) -> None:
        set_message(self.result, returns_message(results), bool(results))
        self.refresh()
        if results:
            self.changed.emit(Changes(sync=True))

    def _failed(self, exc: BaseException) -> None:
        self.refresh()
        if isinstance(exc, AppError):
            text = exc.message(active())
            if self._written:
                text = returns_message(self._written) + "\n" + text
            set_message(self.result, text, False)
        else:
            show_error(self, exc)
