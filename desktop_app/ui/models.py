"""Table models (STYLE 9): each holds ids and display rows from services; a proxy sorts and filters.

Rows come in as the services' dataclasses; nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt)
from PySide6.QtGui import QBrush, QColor

from desktop_app.context import AppContext
from desktop_app.domain.application import STATUS_LABELS, Status
from desktop_app.domain.catalogue_loader import Catalogue
from desktop_app.domain.household import Household, Member
from desktop_app.i18n import N_, _, active
from desktop_app.services.applications import WorkRow
from desktop_app.services.guard import shown_iin
from desktop_app.services.lifecycle import SyncState
from desktop_app.store.applications import ApplicationRow
from desktop_app.store.households import HouseholdRow
from desktop_app.ui.labels import relation_label, statuses_text

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

OVERDUE_BACKGROUND = QColor("#f6d5d5")
OVERDUE_FOREGROUND = QColor("#8b1a1a")
DUE_SOON_BACKGROUND = QColor("#fbe8c0")
DUE_SOON_FOREGROUND = QColor("#7a4b00")

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows; subclasses say how a cell looks and sorts."""

    headers: tuple[str, ...] = ()  # msgids

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._titles = [_(h) for h in self.headers]

    # data in ---------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_id(self, row: int) -> int | None:
        return self.id_of(self._rows[row])

    def row_of_id(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if self.id_of(r) == row_id), -1)

    # subclass hooks --------------------------------------------------------------------------
    def id_of(self, item: Any) -> int | None:
        return getattr(item, "id", None)

    def display(self, item: Any, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, item: Any, column: int) -> Any:
        return self.display(item, column).casefold()

    def background(self, item: Any, column: int) -> QColor | None:
        return None

    def foreground(self, item: Any, column: int) -> QColor | None:
        return None

    def tooltip(self, item: Any, column: int) -> str | None:
        return None

    # Qt --------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    # columns whose title the view may elide (a stretched column in a narrow table): their
    # header's tooltip holds the whole title
    elided_headers: frozenset[int] = frozenset()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and section in self.elided_headers:
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == SORT_ROLE:
            return self.sort_key(item, column)
        if role == ID_ROLE:
            return self.id_of(item)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = self.background(item, column)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.foreground(item, column)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        return None


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    day = value.date() if isinstance(value, dt.datetime) else value
    return active().date(day)


def _parse_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


class _MaskedIin:
    """IINs in lists as the signed-in user may see them (guard.shown_iin); without `ctx`, in
    full."""

    ctx: AppContext | None = None

    def iin_text(self, iin: str | None) -> str:
        return shown_iin(self.ctx, iin) if self.ctx is not None else iin or ""


class HouseholdsModel(_MaskedIin, RowsModel):
    """Households of the household book: address, book entry, head, sizes."""

    headers = (N_("Address"), N_("Book entry"), N_("Head of household"), N_("IIN"),
               N_("Members"), N_("Applications"))

    def __init__(self, parent=None, *, ctx: AppContext | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def display(self, item: HouseholdRow, column: int) -> str:
        return (item.address, item.book_ref, item.head, self.iin_text(item.head_iin),
                str(item.members), str(item.applications))[column]

    def sort_key(self, item: HouseholdRow, column: int) -> Any:
        if column == 4:
            return item.members
        if column == 5:
            return item.applications
        return super().sort_key(item, column)


class MembersModel(_MaskedIin, RowsModel):
    """The members of one household; ids are person ids."""

    headers = (N_("Name"), N_("Relation"), N_("Birth date"), N_("IIN"), N_("Status"))

    def __init__(self, parent=None, *, ctx: AppContext | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def set_household(self, household: Household | None) -> None:
        self.set_rows(household.members if household else [])

    def id_of(self, item: Member) -> int | None:
        return item.person.id

    def display(self, item: Member, column: int) -> str:
        p = item.person
        if column == 0:
            return p.full_name
        if column == 1:
            return relation_label(item.relation)
        if column == 2:
            return _date(p.birth_date)
        if column == 3:
            return self.iin_text(p.iin)
        return statuses_text(item.statuses, item.disability_group)

    def sort_key(self, item: Member, column: int) -> Any:
        if column == 2:
            return item.person.birth_date.isoformat() if item.person.birth_date else ""
        return super().sort_key(item, column)


class ApplicationsModel(RowsModel):
    """The work list: one row per application, coloured by how close its due date is."""

    headers = (N_("Reg. No"), N_("Service"), N_("Applicant"), N_("Status"), N_("Accepted"),
               N_("Due"), N_("Forward by"))
    DUE_COLUMN = 5
    FORWARD_COLUMN = 6
    before_trip: frozenset[int] = frozenset()   # ids to forward before the next trip (flagged)

    def __init__(self, catalogue: Catalogue, parent=None) -> None:
        super().__init__(parent)
        self._service_names: dict[str, str] = {
            s.id: active().text(s.short_name) or active().text(s.name) for s in catalogue.all()}

    def id_of(self, item: WorkRow) -> int | None:
        return item.row.id

    def display(self, item: WorkRow, column: int) -> str:
        r = item.row
        if column == 0:
            return r.reg_no
        if column == 1:
            return self._service_names.get(r.service_id, r.service_id)
        if column == 2:
            return r.applicant
        if column == 3:
            return status_label(r.status)
        if column == 4:
            return _date(r.accepted_at)
        if column == 6:
            flag = " ⚑" if r.id in self.before_trip else ""
            return _date(r.forward_by) + flag
        return _date(item.due)

    def sort_key(self, item: WorkRow, column: int) -> Any:
        if column == 4:
            return item.row.accepted_at.isoformat()
        if column == 5:
            return item.due.isoformat() if item.due else "9999"
        if column == 6:
            return item.row.forward_by.isoformat() if item.row.forward_by else "9999"
        return super().sort_key(item, column)

    def background(self, item: WorkRow, column: int) -> QColor | None:
        return {"overdue": OVERDUE_BACKGROUND, "due_soon": DUE_SOON_BACKGROUND}.get(
            item.due_state)

    def foreground(self, item: WorkRow, column: int) -> QColor | None:
        return {"overdue": OVERDUE_FOREGROUND, "due_soon": DUE_SOON_FOREGROUND}.get(
            item.due_state)

    def tooltip(self, item: WorkRow, column: int) -> str | None:
        if column == self.FORWARD_COLUMN and item.row.id in self.before_trip:
            return _("⚑ Must be forwarded before the next trip to the district: export it "
                     "urgently or deliver the documents by hand.")
        return due_explanation(item)


class WorkListModel(ApplicationsModel):
    """The Applications page's list: the work list and, after an export, where each application
    stands with the district."""

    headers = ApplicationsModel.headers + (N_("District"),)
    DISTRICT_COLUMN = 7

    def __init__(self, catalogue: Catalogue, parent=None) -> None:
        super().__init__(catalogue, parent)
        self.states: dict[int, SyncState] = {}

    def display(self, item: WorkRow, column: int) -> str:
        if column == self.DISTRICT_COLUMN:
            return district_text(self.states.get(item.row.id))
        return super().display(item, column)

    def sort_key(self, item: WorkRow, column: int) -> Any:
        if column == self.DISTRICT_COLUMN:
            state = self.states.get(item.row.id)
            return (state.sent_seq or 0, state.changed_since, bool(state.acked_at)) if state \
                else (0, False, False)
        return super().sort_key(item, column)


def district_text(state: SyncState | None) -> str:
    """"sent in batch 3 on 12.11.2026, awaiting the district", "acknowledged 19.11.2026",
    "changed since batch 3", or nothing before the first export."""
    if state is None or state.sent_seq is None:
        return ""
    if state.changed_since:
        return _("changed since batch {seq}").format(seq=state.sent_seq)
    if state.acked_at:
        return _("acknowledged {date}").format(date=_date(_parse_day(state.acked_at)))
    return _("sent in batch {seq} on {date}, awaiting the district").format(
        seq=state.sent_seq, date=_date(_parse_day(state.sent_at)))


def _parse_day(text: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(text).date() if text else None
    except ValueError:
        return None


def status_label(status: Status | str) -> str:
    try:
        return _(STATUS_LABELS[Status(status)])
    except ValueError:
        return str(status)


def due_explanation(item: WorkRow) -> str | None:
    """Why a row is coloured: what is due, by when."""
    if not item.due or not item.due_state:
        return None
    r = item.row
    forwarding = (r.status in (Status.REGISTERED, Status.INCOMPLETE) and r.forward_by is not None
                  and r.forward_by == item.due)
    if item.due_state == "overdue":
        text = (_("Overdue: the documents were to be forwarded to the Department by {date}.")
                if forwarding else _("Overdue: the decision was due by {date}."))
    elif item.due_state == "due_soon":
        text = (_("Due within 2 working days: forward the documents to the Department by {date}.")
                if forwarding else _("Due within 2 working days: the decision is due by {date}."))
    else:
        text = (_("Forward the documents to the Department by {date}.") if forwarding
                else _("The decision is due by {date}."))
    return text.format(date=_date(item.due))


class DueModel(RowsModel):
    """Applications whose "forward by" date comes before the next trip."""

    headers = (N_("Reg. No"), N_("Applicant"), N_("Service"), N_("Status"), N_("Forward by"))

    def __init__(self, names: dict[str, str], today: dt.date, parent=None) -> None:
        super().__init__(parent)
        self._names, self.today = names, today

    def display(self, item: ApplicationRow, column: int) -> str:
        return (item.reg_no, item.applicant, self._names.get(item.service_id, item.service_id),
                status_label(item.status),
                active().date(item.forward_by) if item.forward_by else "")[column]

    def sort_key(self, item: ApplicationRow, column: int) -> Any:
        if column == 4:
            return item.forward_by.isoformat() if item.forward_by else ""
        return super().sort_key(item, column)

    def _late(self, item: ApplicationRow) -> bool:
        return item.forward_by is not None and item.forward_by < self.today

    def background(self, item, column):
        return OVERDUE_BACKGROUND if self._late(item) else DUE_SOON_BACKGROUND

    def foreground(self, item, column):
        return OVERDUE_FOREGROUND if self._late(item) else DUE_SOON_FOREGROUND

    def tooltip(self, item, column):
        return _("Overdue: the documents were to be forwarded to the Department by {date}.").format(
            date=active().date(item.forward_by)) if self._late(item) else None


class TableProxy(QSortFilterProxyModel):
    """Sorts by each model's sort key; filters rows with an optional predicate on the row item."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._predicate: Callable[[Any], bool] | None = None

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self._predicate = predicate
            self.endFilterChange()
        else:
            self._predicate = predicate
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._predicate is not None:
            model = self.sourceModel()
            if isinstance(model, RowsModel) and not self._predicate(model.row_at(source_row)):
                return False
        return super().filterAcceptsRow(source_row, source_parent)

    def id_at(self, row: int) -> int | None:
        return self.index(row, 0).data(ID_ROLE)

    def item_at(self, row: int) -> Any:
        source = self.mapToSource(self.index(row, 0))
        model = self.sourceModel()
        return model.row_at(source.row()) if isinstance(model, RowsModel) else None
