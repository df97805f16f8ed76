"""The Today page, the first after sign-in: the office's day in compact lists (overdue, due soon,
waiting for papers, decisions to hand over, inspections this week, what must go before the next
trip, batches not acknowledged, parameters about to lapse) and the age of the last backup. Each
line opens its item with Enter or a double-click; Tab moves from list to list.

Reads `services.today`; opens the application details dialog or another page of the main window.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.domain.roles import Action
from desktop_app.i18n import N_, _, active, ngettext
from desktop_app.services import Changes, permissions, today
from desktop_app.services.applications import WorkRow
from desktop_app.services.guard import can
from desktop_app.store.applications import ApplicationRow
from desktop_app.ui.models import (DUE_SOON_BACKGROUND, DUE_SOON_FOREGROUND, OVERDUE_BACKGROUND,
                                   OVERDUE_FOREGROUND, DueModel, RowsModel, due_explanation,
                                   status_label)
from desktop_app.ui.pages.base import Page, page_title
from desktop_app.ui.permits import allow, gate
from desktop_app.ui.sync_common import counts_text
from desktop_app.ui.shortcuts import bind
from desktop_app.ui.tables import make_table
from desktop_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent, QShowEvent

MAX_ROWS = 6          # a longer list scrolls inside its table
SIZE_SAMPLE = 3 * MAX_ROWS  # lines measured to fit a column to its contents
OLD_BACKUP_DAYS = 7   # an older last backup is shown as a warning

QUIET = "color: palette(mid);"
WARN = "color: #8b1a1a; font-weight: bold;"


def _date(value: dt.date | None) -> str:
    return active().date(value) if value else ""


def _sent(text: str | None) -> str:
    try:
        return active().date(dt.datetime.fromisoformat(text).date()) if text else ""
    except ValueError:
        return text or ""


class LinesModel(RowsModel):
    """A compact list: the cells of each row come from `cells(item)`, its id from `ident`."""

    def __init__(self, headers: Sequence[str], cells: Callable[[Any], tuple[str, ...]],
                 ident: Callable[[Any], int | None], parent=None) -> None:
        super().__init__(parent)
        self.headers = tuple(headers)
        self._titles = [_(h) for h in self.headers]
        self._cells, self._ident = cells, ident

    def id_of(self, item: Any) -> int | None:
        return self._ident(item)

    def display(self, item: Any, column: int) -> str:
        return self._cells(item)[column]

    def tooltip(self, item: Any, column: int) -> str | None:
        return self.display(item, column) or None   # the whole text of an elided cell


class WorkLinesModel(LinesModel):
    """Applications of the work list, coloured by how close the due date is."""

    def sort_key(self, item: WorkRow, column: int) -> Any:
        if column == 3:
            return item.due.isoformat() if item.due else "9999"
        return super().sort_key(item, column)

    def background(self, item: WorkRow, column: int):
        return {"overdue": OVERDUE_BACKGROUND, "due_soon": DUE_SOON_BACKGROUND}.get(
            item.due_state)

    def foreground(self, item: WorkRow, column: int):
        return {"overdue": OVERDUE_FOREGROUND, "due_soon": DUE_SOON_FOREGROUND}.get(
            item.due_state)

    def tooltip(self, item: WorkRow, column: int) -> str | None:
        return due_explanation(item)


class TripModel(DueModel):
    """What must be forwarded before the next trip, in the columns that fit half a page."""

    headers = (N_("Reg. No"), N_("Applicant"), N_("Service"), N_("Forward by"))

    def display(self, item: ApplicationRow, column: int) -> str:
        return super().display(item, (0, 1, 2, 4)[column])

    def sort_key(self, item: ApplicationRow, column: int) -> Any:
        return super().sort_key(item, (0, 1, 2, 4)[column])


class Section(QFrame):
    """A heading with the count, then either a compact table or one quiet line saying it is
    empty. Enter or a double-click on a line calls `on_open(item)`."""

    def __init__(self, key: str, title: str, empty: str, model: RowsModel,
                 on_open: Callable[[Any], None], parent: QWidget, *,
                 stretch: tuple[int, ...] = (1, 2)) -> None:
        super().__init__(parent)
        self.setObjectName(f"{key}Section")
        self.title, self.empty_text, self.model, self.on_open = title, empty, model, on_open
        self.heading = QLabel(self)
        self.heading.setObjectName(f"{key}Heading")
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.heading.setWordWrap(True)
        self.header_row = QHBoxLayout()
        self.header_row.setContentsMargins(0, 0, 0, 0)
        self.header_row.addWidget(self.heading, 1)
        self.quiet = QLabel(_(empty), self)
        self.quiet.setObjectName(f"{key}Empty")
        self.quiet.setStyleSheet(QUIET)
        self.quiet.setWordWrap(True)
        self.table, self.proxy = make_table(model, self, name=f"{key}Table")
        self.table.setTabKeyNavigation(False)   # Tab leaves the list for the next one
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)   # a long title in a narrow column
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the fitted columns (numbers, dates) are measured on the lines in view and a few more,
        # not on a whole list of 150 that scrolls in a table six lines high
        header.setResizeContentsPrecision(SIZE_SAMPLE)
        for column in stretch:   # names and services share the spare width, elided
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        model.elided_headers = frozenset(stretch)   # an elided title whole in its tooltip
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        bind("list.open", self.table, self.open_current,
             context=Qt.ShortcutContext.WidgetShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(4)
        layout.addLayout(self.header_row)
        layout.addWidget(self.quiet)
        layout.addWidget(self.table)

    def set_rows(self, rows: Sequence[Any], title: str | None = None) -> None:
        self.model.set_rows(rows)
        self.heading.setText(title if title is not None
                             else _(self.title).format(n=len(rows)))
        self.quiet.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            # (when Tab arrives here the table chooses its first line: tables.keyboard_table)
            self._fit(len(rows))

    def _fit(self, count: int) -> None:
        view = self.table
        rows = min(count, MAX_ROWS)
        height = (view.horizontalHeader().sizeHint().height()
                  + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth())
        view.setFixedHeight(height)

    def item_at(self, proxy_row: int) -> Any:
        return self.proxy.item_at(proxy_row)

    def open_row(self, proxy_row: int) -> Any:
        if 0 <= proxy_row < self.proxy.rowCount():
            return self.on_open(self.proxy.item_at(proxy_row))
        return None

    def open_current(self) -> Any:
        index = self.table.currentIndex()
        return self.open_row(index.row() if index.isValid() else 0)


FRESH_SECONDS = 2.0  # read this recently and not hidden since: not read again when shown


class TodayPage(Page):
    """What must be done today, per role."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        t = active()
        self._names = {s.id: t.text(s.short_name) or t.text(s.name) for s in ctx.catalogue.all()}
        self.opened: Any = None   # what the last Enter opened (a dialog), for tests and focus
        body = QWidget(self)
        self.sections: dict[str, Section] = {}
        work_cells = self._work_cells
        app_id = self._work_id

        def work(key: str, title: str, empty: str) -> Section:
            model = WorkLinesModel((N_("Reg. No"), N_("Applicant"), N_("Service"), N_("Due")),
                                   work_cells, app_id, self)
            return self._add(Section(key, title, empty, model, self._open_work, body))

        self.shows_work = can(ctx, Action.PRINT_PAPER)
        self.shows_parameters = can(ctx, Action.PARAMETERS) or can(ctx, Action.ISSUE_CERTIFICATE)
        if self.shows_work:
            work("overdue", N_("Overdue ({n})"), N_("Nothing is overdue."))
            work("dueSoon", N_("Due within 2 working days ({n})"),
                 N_("Nothing is due within 2 working days."))
            work("incomplete", N_("Incomplete, waiting for papers ({n})"),
                 N_("No application is waiting for papers."))
            self._add(Section("inspections", N_("Inspections this week ({n})"),
                              N_("No inspection is scheduled this week."), LinesModel(
                                  (N_("Date"), N_("Applicant"), N_("Reg. No")),
                                  lambda p: (_date(p[0]), p[1].applicant, p[1].reg_no),
                                  lambda p: p[1].id, self),
                              lambda p: self.open_application(p[1].id), body, stretch=(1,)))
            self._add(Section("handover", N_("Decisions to hand over ({n})"),
                              N_("No decision is waiting to be handed over."), LinesModel(
                                  (N_("Reg. No"), N_("Applicant"), N_("Decision"),
                                   N_("Decided")),
                                  lambda r: (r.row.reg_no, r.row.applicant,
                                             status_label(r.row.status), _date(r.decision_date)),
                                  lambda r: r.row.id, self),
                              lambda _r: self.go_to("handover"), body, stretch=(1,)))
            trip = self._add(Section("trip", N_("Before the trip on {date} ({n})"),
                                     N_("Nothing must be forwarded before it."),
                                     TripModel(self._names, ctx.now().date(), self),
                                     lambda r: self.open_application(r.id), body))
            self.urgent_button = QPushButton(_("Urgent export…"), trip)
            self.urgent_button.setObjectName("todayUrgentButton")
            self.urgent_button.setToolTip(_("Urgent export (only what is due before the trip)…"))
            self.urgent_button.clicked.connect(self.urgent_export)
            gate(self.urgent_button, permissions.export_batch(ctx))
            trip.header_row.addWidget(self.urgent_button)
            self._add(Section("batches", N_("Batches not yet acknowledged ({n})"),
                              N_("Every batch sent was acknowledged by the district."),
                              LinesModel((N_("Batch"), N_("Sent"), N_("Records")),
                                         lambda b: (str(b.seq), _sent(b.created_at),
                                                    counts_text(b.counts)),
                                         lambda b: b.seq, self),
                              lambda _b: self.go_to("sync", tab=2), body, stretch=(2,)))
        if self.shows_parameters:
            self._add(Section("parameters", N_("Parameters to renew ({n})"),
                              N_("Every parameter has a value for the next 31 days."), LinesModel(
                                  (N_("Parameter"), N_("What is wrong")),
                                  lambda a: (active().text(a.title) or a.name, self._alert(a)),
                                  lambda _a: None, self),
                              lambda a: self.go_to("parameters", select=a.name), body,
                              stretch=(0,)))

        backup_box = QFrame(body)
        backup_box.setObjectName("backupSection")
        self.backup_heading = QLabel(_("Backup"), backup_box)
        self.backup_heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.backup = QLabel(backup_box)
        self.backup.setObjectName("backupAge")
        self.backup.setWordWrap(True)
        self.backup_button = QPushButton(_("Backups…"), backup_box)
        self.backup_button.setObjectName("backupButton")
        self.backup_button.clicked.connect(lambda: self.go_to("settings"))
        column = QVBoxLayout(backup_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.backup_heading)
        row = QHBoxLayout()
        row.addWidget(self.backup, 1)
        row.addWidget(self.backup_button)
        column.addLayout(row)
        self.message = QLabel(body)
        self.message.setObjectName("todayMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        # two columns: the applications' clocks on the left, the rest on the right
        left_keys = ("overdue", "dueSoon", "incomplete", "inspections")
        left, right = QVBoxLayout(), QVBoxLayout()
        for key, section in self.sections.items():
            (left if key in left_keys else right).addWidget(section)
        right.addWidget(backup_box)
        left.addStretch(1)
        right.addStretch(1)
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(18)
        grid.addWidget(self.message, 0, 0, 1, 2)
        if self.shows_work:
            grid.addLayout(left, 1, 0)
            grid.addLayout(right, 1, 1)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
        else:   # an administrator: parameters and the backup only
            grid.addLayout(right, 1, 0)
        scroll = QScrollArea(self)
        scroll.setObjectName("todayScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.day_label = QLabel(self)
        self.day_label.setStyleSheet(QUIET)
        top = QHBoxLayout()
        top.addWidget(page_title(_("Today"), self))
        top.addStretch(1)
        top.addWidget(self.day_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.refresh()

    def _add(self, section: Section) -> Section:
        self.sections[section.objectName().removesuffix("Section")] = section
        return section

    # cells -------------------------------------------------------------------------------------
    def _work_cells(self, w: WorkRow) -> tuple[str, ...]:
        return (w.row.reg_no, w.row.applicant, self._names.get(w.row.service_id, w.row.service_id),
                _date(w.due))

    @staticmethod
    def _work_id(w: WorkRow) -> int | None:
        return w.row.id

    @staticmethod
    def _alert(alert) -> str:
        if alert.missing:
            return _("No value for today")
        return _("Ends on {date}, nothing follows").format(date=_date(alert.ends_on))

    # data --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._read_at: float | None = time.monotonic()  # until hidden: see showEvent
        try:
            day = today.today(self.ctx)
        except AppError as exc:
            self.message.setText(exc.message(active()))
            self.message.setStyleSheet(WARN)
            self.message.show()
            for section in self.sections.values():
                section.hide()
            return
        self.message.hide()
        for section in self.sections.values():
            section.show()
        self.day_label.setText(active().long_date(day.day))
        s = self.sections
        if self.shows_work:
            s["overdue"].set_rows(day.overdue)
            s["dueSoon"].set_rows(day.due_soon)
            s["incomplete"].set_rows(day.incomplete)
            s["inspections"].set_rows(day.inspections)
            s["handover"].set_rows(day.to_hand_over)
            trip = s["trip"]
            trip.model.today = day.day
            trip.set_rows(day.before_trip, title=_(trip.title).format(
                date=active().long_date(day.next_trip), n=len(day.before_trip))
                if day.next_trip else _("No trip to the district is planned."))
            allow(self.urgent_button, bool(day.before_trip))
            s["batches"].set_rows(day.unacknowledged)
        if self.shows_parameters:
            s["parameters"].set_rows(day.parameter_alerts)
        self._show_backup(day.last_backup, day.backup_age_days)

    def _show_backup(self, last: dt.date | None, age: int | None) -> None:
        if last is None or age is None:
            text, warn = _("No backup has been made yet."), True
        elif age <= 0:
            text, warn = _("The last backup was made today."), False
        else:
            text = ngettext("The last backup was made {n} day ago ({date}).",
                            "The last backup was made {n} days ago ({date}).", age).format(
                n=age, date=_date(last))
            warn = age > OLD_BACKUP_DAYS
        self.backup.setText(text)
        self.backup.setStyleSheet(WARN if warn else "")

    def on_changed(self, changes: Changes) -> None:
        self.refresh()   # every list here may move after any write; reading them is cheap

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # a backup or the clock may have moved since the page was last seen; a page built a
        # moment ago and not hidden since (the main window opening on it) was read just now
        read_at = getattr(self, "_read_at", None)
        if read_at is None or time.monotonic() - read_at > FRESH_SECONDS:
            self.refresh()
        self._seen = True
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        if getattr(self, "_seen", False):  # not the stack hiding the page as it is added
            self._read_at = None
        super().hideEvent(event)

    # opening items -------------------------------------------------------------------------------
    def _open_work(self, item: WorkRow):
        return self.open_application(item.row.id)

    def open_application(self, application_id: int):
        from desktop_app.ui.dialogs.application_details import ApplicationDetailsDialog

        dialog = ApplicationDetailsDialog(self.ctx, application_id, self)
        dialog.show_pdf.connect(self.show_pdf)
        dialog.changed.connect(self.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.opened = dialog
        return dialog

    def go_to(self, key: str, *, tab: int | None = None,
              select: str | None = None) -> QWidget | None:
        """Show another page of the main window (and its batch log tab, or one parameter)."""
        window = self.window()
        if not hasattr(window, "show_page"):
            return None
        window.show_page(key)
        page = window.page(key)
        if page is not None and tab is not None and hasattr(page, "tabs"):
            page.tabs.setCurrentIndex(tab)
        if page is not None and select and hasattr(page, "select"):
            page.select(select)
        self.opened = page
        return page

    def urgent_export(self) -> None:
        """The USB page's urgent export: its folder choice, progress, Cancel and result."""
        page = self.go_to("sync")
        if page is not None and page.urgent_button.isEnabled():
            page.export(urgent=True)
