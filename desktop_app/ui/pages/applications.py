"""The Applications page: the office's work list filtered by service and status, coloured by how
close each due date is; double-click or Enter opens the application's details.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QVBoxLayout,
                               QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.application import OPEN_STATUSES, STATUS_LABELS, Status
from desktop_app.domain.catalogue import AkimRole
from desktop_app.i18n import _, active, ngettext
from desktop_app.services import Changes, applications, lifecycle, sync
from desktop_app.ui.models import (DUE_SOON_BACKGROUND, DUE_SOON_FOREGROUND, OVERDUE_BACKGROUND,
                                   OVERDUE_FOREGROUND, ApplicationsModel, WorkListModel)
from desktop_app.ui.shortcuts import bind
from desktop_app.ui.tables import make_table, selected_row
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title

ALL = "__all__"
OPEN = "__open__"
OVERDUE = "overdue"     # open applications by due state (WorkRow.due_state)
DUE_SOON = "due_soon"


def _swatch(text: str, background, foreground, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(f"background: {background.name()}; color: {foreground.name()};"
                        " padding: 2px 8px; border-radius: 3px;")
    return label


class ApplicationsPage(Page):
    """The work list of applications."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)

        self.service = QComboBox(self)
        self.service.setObjectName("serviceFilter")
        self.service.addItem(_("All services"), ALL)
        t = active()
        for spec in sorted(ctx.catalogue.all(), key=lambda s: (s.order, s.id)):
            self.service.addItem(t.text(spec.short_name) or t.text(spec.name), spec.id)
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.status.addItem(_("All"), ALL)
        self.status.addItem(_("Open"), OPEN)
        self.status.addItem(_("Overdue"), OVERDUE)
        self.status.addItem(_("Due within 2 working days"), DUE_SOON)
        for status in Status:
            self.status.addItem(_(STATUS_LABELS[status]), status.value)
        for combo, chars in ((self.service, 22), (self.status, 14)):  # long names: the list
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)  # opens wide, the closed box stays narrow
        self.service.currentIndexChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Service:"), self))
        filters.addWidget(self.service, 2)
        filters.addSpacing(12)
        filters.addWidget(QLabel(_("Status:"), self))
        filters.addWidget(self.status, 1)
        filters.addStretch(1)
        from desktop_app.ui.dialogs.registers_dialog import open_registers_button
        filters.addWidget(open_registers_button(self))  # journal, hand-over register, complaints
        from desktop_app.ui.dialogs.complaint import (record_complaint_button,
                                                      review_complaint_button)
        filters.addWidget(record_complaint_button(self))  # the talon is printed at once
        filters.addWidget(review_complaint_button(self))  # justified or not, when (4.1, 4.2)

        self.model = WorkListModel(ctx.catalogue, self)
        self._papers = {s.id for s in ctx.catalogue.all() if s.akim_role == AkimRole.ISSUES}
        self.table, self.proxy = make_table(self.model, self, name="applicationsTable",
                                            sort_column=ApplicationsModel.DUE_COLUMN)
        self.table.doubleClicked.connect(lambda index: self.open_details(index.row()))
        bind("list.open", self.table, self._open_current,
             context=Qt.ShortcutContext.WidgetShortcut)

        legend = QHBoxLayout()
        legend.addWidget(_swatch(_("Overdue"), OVERDUE_BACKGROUND, OVERDUE_FOREGROUND, self))
        legend.addWidget(_swatch(_("Due within 2 working days"), DUE_SOON_BACKGROUND,
                                 DUE_SOON_FOREGROUND, self))
        legend.addWidget(QLabel(_("⚑ forward before the next trip"), self))
        hint = QLabel(_("Double-click or press Enter to open an application."), self)
        hint.setStyleSheet("color: palette(mid);")
        hint.setWordWrap(True)
        legend.addSpacing(12)
        legend.addWidget(hint)
        legend.addStretch(1)
        self.count = QLabel(self)
        legend.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Applications"), self))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(legend)
        self.refresh()

    # filters -------------------------------------------------------------------------------------
    def set_service(self, service_id: str | None) -> None:
        self.service.setCurrentIndex(max(self.service.findData(service_id or ALL), 0))

    def set_status(self, status: Status | str | None) -> None:
        value = status.value if isinstance(status, Status) else (status or ALL)
        self.status.setCurrentIndex(max(self.status.findData(value), 0))

    def _filters(self) -> tuple[str | None, set[Status] | None, str | None]:
        """The service, the statuses and the due state ("overdue", "due_soon") to list."""
        service = self.service.currentData()
        status = self.status.currentData()
        due = status if status in (OVERDUE, DUE_SOON) else None
        statuses = (None if status in (ALL, None) else set(OPEN_STATUSES)
                    if status == OPEN or due else {Status(status)})
        return (None if service in (ALL, None) else service), statuses, due

    def refresh(self) -> None:
        service, statuses, due = self._filters()
        keep = self.current_id()
        rows = applications.work_list(self.ctx, service_id=service, statuses=statuses)
        if due:
            rows = [r for r in rows if r.due_state == due]
        self.model.before_trip = frozenset(r.id for r in sync.due_before_trip(self.ctx))
        self.model.states = lifecycle.sync_states(self.ctx, [r.row.id for r in rows])
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        overdue = sum(1 for r in rows if r.due_state == "overdue")
        papers = sum(1 for r in rows if r.row.service_id in self._papers)
        count = len(rows) - papers
        text = ngettext("{n} application", "{n} applications", count).format(n=count)
        if papers:
            text += " · " + ngettext("{n} paper issued", "{n} papers issued", papers).format(
                n=papers)
        if overdue:
            text += " · " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
        self.count.setText(text)
        if keep is not None and self.model.row_of_id(keep) >= 0:
            self.table.selectRow(self.proxy.mapFromSource(
                self.model.index(self.model.row_of_id(keep), 0)).row())

    def current_id(self) -> int | None:
        row = selected_row(self.table)
        return self.proxy.id_at(row) if row is not None else None

    def on_changed(self, changes: Changes) -> None:
        if changes.applications or changes.persons or changes.sync or changes.settings:
            self.refresh()

    # details -------------------------------------------------------------------------------------
    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_details(index.row())

    def open_details(self, proxy_row: int):
        application_id = self.proxy.id_at(proxy_row)
        if application_id is None:
            return None
        from desktop_app.ui.dialogs.application_details import ApplicationDetailsDialog

        dialog = ApplicationDetailsDialog(self.ctx, application_id, self)
        dialog.show_pdf.connect(self.show_pdf)
        dialog.changed.connect(self.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog
