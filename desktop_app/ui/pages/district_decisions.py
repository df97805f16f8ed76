"""The district's "Decisions" page (the applications of every office: record a decision, issue a
referral, set the inspection date) and its "Duplicates" page (the same IIN applying for the same
service in two or more villages).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.i18n import _, active, ngettext
from desktop_app.services import Changes, district, permissions
from desktop_app.store.district import DistrictApplication
from desktop_app.ui.dialogs.district_decision import (DecisionDialog, InspectionDialog,
                                                      ReferralDialog)
from desktop_app.ui.district_models import DistrictAppsModel, DuplicatesModel
from desktop_app.ui.permits import allow, blocked, gate
from desktop_app.ui.tables import make_table, selected_row
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title

ALL = "__all__"


def _service_names(ctx: AppContext) -> dict[str, str]:
    t = active()
    return {s.id: t.text(s.short_name) or t.text(s.name) for s in ctx.catalogue.all()}


class DistrictDecisionsPage(Page):
    """Every office's applications with what the district recorded on them."""


    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.dialog = None
        self.office = QComboBox(self)
        self.office.setObjectName("officeFilter")
        self.undecided = QCheckBox(_("Only those without a decision"), self)
        self.undecided.setObjectName("undecidedOnly")
        self.office.currentIndexChanged.connect(self.refresh)
        self.undecided.toggled.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Office:"), self))
        filters.addWidget(self.office, 1)
        filters.addSpacing(12)
        filters.addWidget(self.undecided)
        filters.addStretch(1)

        self.model = DistrictAppsModel(_service_names(ctx), ctx.now().date(), set(), self)
        self.table, self.proxy = make_table(self.model, self, name="districtApplications",
                                            sort_column=-1)
        self.table.doubleClicked.connect(lambda _i: self.decide())
        self.decision_button = QPushButton(_("Record decision…"), self)
        self.decision_button.setObjectName("decisionButton")
        self.decision_button.clicked.connect(self.decide)
        self.referral_button = QPushButton(_("Referral…"), self)
        self.referral_button.setObjectName("referralButton")
        self.referral_button.clicked.connect(lambda: self._open(ReferralDialog))
        self.inspection_button = QPushButton(_("Inspection date…"), self)
        self.inspection_button.setObjectName("inspectionButton")
        self.inspection_button.clicked.connect(lambda: self._open(InspectionDialog))
        for b in (self.decision_button, self.referral_button, self.inspection_button):
            gate(b, permissions.district_decisions(ctx))
        self.count = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for b in (self.decision_button, self.referral_button, self.inspection_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Decisions"), self))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._fill_offices()
        self.refresh()

    def _fill_offices(self) -> None:
        keep = self.office.currentData()
        self.office.blockSignals(True)
        self.office.clear()
        self.office.addItem(_("All offices"), ALL)
        for o in district.offices_overview(self.ctx):
            self.office.addItem("{} — {}".format(o.code, active().text(o.name)), o.code)
        self.office.setCurrentIndex(max(self.office.findData(keep or ALL), 0))
        self.office.blockSignals(False)

    def refresh(self) -> None:
        code = self.office.currentData()
        rows = district.applications(self.ctx, None if code in (ALL, None) else code,
                                     self.undecided.isChecked())
        self.model.today = self.ctx.now().date()
        self.model.duplicates = {e.application_uuid for d in district.duplicates(self.ctx)
                                 for e in d.entries}
        corrections: dict[str, list] = {}
        for c in district.corrections(self.ctx):
            corrections.setdefault(c.application_uuid, []).append(c)
        self.model.corrections = corrections
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        waiting = sum(1 for r in rows if r.decision is None)
        self.count.setText(ngettext("{n} application", "{n} applications", len(rows)).format(
            n=len(rows)) + " · " + ngettext("{n} without a decision", "{n} without a decision",
                                            waiting).format(n=waiting))
        for b in (self.decision_button, self.referral_button, self.inspection_button):
            allow(b, bool(rows))

    def on_changed(self, changes: Changes) -> None:
        if changes.sync:
            self._fill_offices()
            self.refresh()

    def current(self) -> DistrictApplication | None:
        row = selected_row(self.table, or_only_row=True)
        return self.proxy.item_at(row) if row is not None else None

    def select(self, uuid: str) -> None:
        row = self.model.row_of_id(uuid)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def decide(self):
        return self._open(DecisionDialog)

    def _open(self, kind):
        if blocked(self.decision_button):  # a double-click on a row opens no dialog either
            self.count.setText(blocked(self.decision_button))
            return None
        app = self.current()
        if app is None:
            self.count.setText(_("Choose an application in the table first."))
            return None
        self.dialog = kind(self.ctx, app, self)
        self.dialog.saved.connect(self._saved)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog

    def _saved(self, changes: Changes) -> None:
        keep = self.current()
        self.refresh()
        if keep is not None:
            self.select(keep.uuid)
        self.changed.emit(changes)


class DistrictDuplicatesPage(Page):
    """The same IIN, the same service, two or more villages."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.model = DuplicatesModel(_service_names(ctx), self)
        self.table, self.proxy = make_table(self.model, self, name="duplicatesTable",
                                            sort_column=-1)
        self.count = QLabel(self)
        self.count.setObjectName("duplicatesCount")
        note = QLabel(_("Each group is one person applying for the same service in more than one "
                        "village. Check with the offices before deciding: one of the applications "
                        "is usually to be refused or withdrawn."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Duplicates"), self))
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.refresh()

    def refresh(self) -> None:
        groups = district.duplicates(self.ctx)
        self.model.set_rows([(d.iin, d.service_id, i, e) for i, d in enumerate(groups)
                             for e in d.entries])
        self.table.resizeColumnsToContents()
        self.count.setText(ngettext("{n} person applied in more than one village",
                                    "{n} persons applied in more than one village",
                                    len(groups)).format(n=len(groups)) if groups
                           else _("No duplicates: no IIN applied for the same service in two "
                                  "villages."))

    def on_changed(self, changes: Changes) -> None:
        if changes.sync:
            self.refresh()
