"""The office's USB page (village mode): the district's key (trusted or not, its fingerprint to
read aloud), this office's key, the next trip and what cannot wait for it, batch export (regular
or urgent) with progress and Cancel, import of return batches with a per-file report, the batch log.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_, _, active, ngettext
from desktop_app.services import Changes, permissions, sync
from desktop_app.services.sync import ExportResult
from desktop_app.ui.dialogs.trust_key import start_trust
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import allow, gate
from desktop_app.ui.models import DueModel
from desktop_app.ui.sync_common import (BatchLogModel, ImportPanel, choose_folder, counts_text,
                                        export_own_key,
                                        fingerprint_label, set_message)
from desktop_app.ui.tables import make_table
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title


def export_message(result: ExportResult) -> str:
    text = _("Batch {seq} for {office} was written to the stick: {file} ({folder}).").format(
        seq=result.seq, office=result.to, file=result.path.name, folder=str(result.path.parent))
    return text + " " + _("It carries {what}.").format(what=counts_text(result.counts))


class SyncOfficePage(Page):
    """The weekly USB round trip, from the office's side."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.trust_dialog = None
        t = active()
        names = {s.id: t.text(s.short_name) or t.text(s.name) for s in ctx.catalogue.all()}

        # keys ------------------------------------------------------------------------------
        keys_box = QGroupBox(_("The district's key"), self)
        self.key_status = QLabel(keys_box)
        self.key_status.setObjectName("keyStatus")
        self.key_status.setWordWrap(True)
        self.district_fp = fingerprint_label("", keys_box, size=22)
        self.own_fp = fingerprint_label("", keys_box, size=12)
        self.trust_button = QPushButton(_("Trust the district's key file…"), keys_box)
        self.trust_button.setObjectName("trustButton")
        self.trust_button.clicked.connect(self.trust_district)
        self.export_key_button = QPushButton(_("Export my key to the stick…"), keys_box)
        self.export_key_button.setObjectName("exportKeyButton")
        self.export_key_button.clicked.connect(self.export_key)
        self.key_message = QLabel(keys_box)
        self.key_message.setWordWrap(True)
        self.key_message.hide()
        grid = QGridLayout(keys_box)
        grid.addWidget(self.key_status, 0, 0, 1, 2)
        grid.addWidget(self.district_fp, 1, 0, 1, 2)
        grid.addWidget(QLabel(_("This office's fingerprint:"), keys_box), 2, 0)
        grid.addWidget(self.own_fp, 2, 1)
        buttons = QVBoxLayout()  # one above the other: side by side they widened the page
        buttons.addWidget(self.trust_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(self.export_key_button, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addLayout(buttons, 3, 0, 1, 2)
        grid.addWidget(self.key_message, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        # the trip and the batches ----------------------------------------------------------
        trip_box = QGroupBox(_("Batches for the district"), self)
        self.trip = QLabel(trip_box)
        self.trip.setObjectName("nextTrip")
        self.trip.setWordWrap(True)
        self.export_button = QPushButton(_("Export batch to USB…"), trip_box)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(lambda: self.export(urgent=False))
        self.urgent_button = QPushButton(_("Urgent export…"), trip_box)
        self.urgent_button.setToolTip(_("Urgent export (only what is due before the trip)…"))
        self.urgent_button.setObjectName("urgentButton")
        self.urgent_button.clicked.connect(lambda: self.export(urgent=True))
        self.result = QLabel(trip_box)
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        self.importer = ImportPanel(ctx, self.tasks, _("Import return batch…"),
                                    _("Choose the district's return batches"), trip_box)
        self.importer.changed.connect(self._imported)
        self.importer.on_done = lambda _reports: self.tabs.setCurrentIndex(1)
        refused_export = permissions.export_batch(ctx)
        gate(self.trust_button, permissions.manage_keys(ctx))
        gate(self.export_key_button, permissions.manage_keys(ctx))
        gate(self.export_button, refused_export)
        gate(self.urgent_button, refused_export)
        gate(self.importer.button, permissions.import_batch(ctx))
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.urgent_button)
        row.addStretch(1)
        trip_layout = QVBoxLayout(trip_box)
        trip_layout.addWidget(self.trip)
        trip_layout.addLayout(row)
        trip_layout.addWidget(self.result)
        row = QHBoxLayout()
        row.addWidget(self.importer.button)
        row.addWidget(self.importer.summary, 1)
        trip_layout.addLayout(row)

        # tables: what cannot wait, the last import's report, the batch log ------------------
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("syncTabs")
        self.due_model = DueModel(names, ctx.now().date(), self)
        self.due_table, self.due_proxy = make_table(self.due_model, self.tabs, name="dueTable",
                                                    stretch=1)
        self.log_model = BatchLogModel(self)
        self.log_table, self.log_proxy = make_table(self.log_model, self.tabs, name="batchLog")
        self.log_table.horizontalHeader().setStretchLastSection(False)  # no title cut
        self.tabs.addTab(self.due_table, _("Due before the trip"))
        self.tabs.addTab(self.importer.table, _("Import report"))
        self.importer.table.show()
        self.importer.hide()           # its button, summary and table live in this page's layout
        self.tabs.addTab(self.log_table, _("Batch log"))

        top = QHBoxLayout()
        top.addWidget(keys_box, 1)
        top.addWidget(trip_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("USB stick"), self))
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # state -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        info = sync.key_info(self.ctx)
        district = next((p for p in info.peers if p.mode == "district"), None)
        if district is None:
            self.key_status.setText(_("No district key is trusted yet. Ask the district for its "
                                      "key file, then confirm its fingerprint by phone."))
            self.key_status.setStyleSheet("color: #b71c1c; font-weight: bold;")
            self.district_fp.setText("—")
        else:
            self.key_status.setText(_("Trusted: the key of {office} ({name}). Its fingerprint, "
                                      "to compare by phone:").format(
                office=district.code, name=active().text(district.name)))
            self.key_status.setStyleSheet("color: #1b5e20; font-weight: bold;")
            self.district_fp.setText("  ".join(district.fingerprint.split("-")))
        self.own_fp.setText("  ".join(info.fingerprint.split("-")))
        self.trust_button.setText(_("Trust the district's key file…") if district is None
                                  else _("Replace the district's key…"))
        for button in (self.export_button, self.urgent_button, self.importer.button):
            allow(button, district is not None)

        trip = sync.next_trip(self.ctx)
        due = sync.due_before_trip(self.ctx)
        self.due_model.today = self.ctx.now().date()
        self.due_model.set_rows(due)
        self.tabs.setTabText(0, _("Due before the trip ({n})").format(n=len(due)))
        allow(self.urgent_button, district is not None and bool(due))
        text = _("Next trip to the district: {date}.").format(date=active().long_date(trip))
        if due:
            text += " " + ngettext(
                "{n} application must be forwarded before it: export it urgently or deliver "
                "the documents by hand (page \"To hand over\").",
                "{n} applications must be forwarded before it: export them urgently or deliver "
                "the documents by hand (page \"To hand over\").", len(due)).format(n=len(due))
        else:
            text += " " + _("Nothing must be forwarded before it.")
        self.trip.setText(text)
        self.log_model.set_rows(sync.batch_log(self.ctx))
        self.log_table.resizeColumnsToContents()

    def on_changed(self, changes: Changes) -> None:
        if changes.sync or changes.applications or changes.settings:
            self.refresh()

    # keys --------------------------------------------------------------------------------------
    def trust_district(self) -> None:
        self.trust_dialog = start_trust(self.ctx, self, self._trusted)

    def _trusted(self, changes: Changes) -> None:
        self.refresh()
        set_message(self.key_message, _("The district's key is trusted."), True)
        self.changed.emit(changes)

    def export_key(self) -> None:
        export_own_key(self, self.ctx, self.key_message,
                       N_("This office's key was written to {file}. Its fingerprint is "
                          "{fingerprint}: read it to the district by phone."))

    # batches -----------------------------------------------------------------------------------
    def export(self, urgent: bool) -> None:
        folder = choose_folder(self, _("Choose the stick (a folder) to write the batch to"))
        if folder is None:
            return
        self.export_folder(folder, urgent)

    def export_folder(self, folder: Path, urgent: bool = False) -> None:
        self._written: ExportResult | None = None

        def work(progress, cancel) -> ExportResult:
            self._written = sync.export_batch(self.ctx, folder, urgent, progress, cancel)
            return self._written

        allow(self.export_button, False)
        allow(self.urgent_button, False)
        self.tasks.run(work, self._exported, self._export_failed, parent=self, long=True,
                       label=_("Writing the batch…"), on_cancelled=self._export_cancelled)

    def _exported(self, result: ExportResult) -> None:
        set_message(self.result, export_message(result), True)
        self.refresh()
        self.changed.emit(result.changes)

    def _export_failed(self, exc: BaseException) -> None:
        self.refresh()
        if isinstance(exc, AppError):
            set_message(self.result, exc.message(active()), False)
        else:
            show_error(self, exc)

    def _export_cancelled(self) -> None:
        if self._written is not None:   # Cancel came after the file was written and checked
            self._exported(self._written)
            return
        self.refresh()
        set_message(self.result, _("Export cancelled; nothing was written."), False)

    def _imported(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)
