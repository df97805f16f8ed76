"""The district's "Offices" page: this district's key (fingerprint to read aloud, export to the
stick), trusting a village office's key file, and the overview of every village office: last batch
received, what is overdue, what waits to go back.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from desktop_app.context import AppContext
from desktop_app.i18n import N_, _, ngettext
from desktop_app.services import Changes, district, permissions, sync
from desktop_app.ui.dialogs.trust_key import start_trust
from desktop_app.ui.district_models import OfficesModel
from desktop_app.ui.permits import gate
from desktop_app.ui.sync_common import (export_own_key, fingerprint_label,
                                        set_message)
from desktop_app.ui.tables import make_table
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title


class DistrictOfficesPage(Page):
    """Keys and the offices overview."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.trust_dialog = None

        key_box = QGroupBox(_("This district's key"), self)
        self.own_fp = fingerprint_label("", key_box, size=22)
        self.export_key_button = QPushButton(_("Export my key to the stick…"), key_box)
        self.export_key_button.setObjectName("exportKeyButton")
        self.export_key_button.clicked.connect(self.export_key)
        self.trust_button = QPushButton(_("Trust a village office's key file…"), key_box)
        self.trust_button.setObjectName("trustButton")
        self.trust_button.clicked.connect(self.trust_office)
        for button in (self.export_key_button, self.trust_button):
            gate(button, permissions.manage_keys(ctx))
        self.key_message = QLabel(key_box)
        self.key_message.setWordWrap(True)
        self.key_message.hide()
        hint = QLabel(_("Read this fingerprint to each village office by phone when they trust "
                        "the district's key file."), key_box)
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.export_key_button)
        row.addWidget(self.trust_button)
        row.addStretch(1)
        lay = QVBoxLayout(key_box)
        lay.addWidget(self.own_fp)
        lay.addWidget(hint)
        lay.addLayout(row)
        lay.addWidget(self.key_message)

        self.model = OfficesModel(self)
        self.table, self.proxy = make_table(self.model, self, name="officesTable")
        self.count = QLabel(self)
        # offices whose audit log did not extend what their earlier batches carried
        self.audit_reports = QLabel(self)
        self.audit_reports.setObjectName("auditChainReports")
        self.audit_reports.setWordWrap(True)
        self.audit_reports.setStyleSheet("color: #c62828; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Offices"), self))
        layout.addWidget(key_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.audit_reports)
        self.refresh()

    def refresh(self) -> None:
        info = sync.key_info(self.ctx)
        self.own_fp.setText("  ".join(info.fingerprint.split("-")))
        rows = district.offices_overview(self.ctx)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        late = sum(1 for r in rows if r.batch_overdue)
        text = ngettext("{n} village office", "{n} village offices", len(rows)).format(n=len(rows))
        if late:
            text += " · " + ngettext("{n} has sent no batch for over a week",
                                     "{n} have sent no batch for over a week",
                                     late).format(n=late)
        if not rows:
            text = _("No village office is trusted yet: trust each office's key file after "
                     "reading its fingerprint by phone.")
        self.count.setText(text)
        lines = [district.audit_chain_line(r).message()
                 for r in district.audit_chain_reports(self.ctx)[:20]]
        self.audit_reports.setText("\n".join(lines))
        self.audit_reports.setVisible(bool(lines))

    def on_changed(self, changes: Changes) -> None:
        if changes.sync or changes.office:
            self.refresh()

    def trust_office(self) -> None:
        self.trust_dialog = start_trust(self.ctx, self, self._trusted)

    def _trusted(self, changes: Changes) -> None:
        self.refresh()
        set_message(self.key_message, _("The office's key is trusted."), True)
        self.changed.emit(changes)

    def export_key(self) -> None:
        export_own_key(self, self.ctx, self.key_message,
                       N_("The district's key was written to {file}. Read its fingerprint "
                          "{fingerprint} to each village office by phone."))
