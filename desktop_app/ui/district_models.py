"""Table models of the district's pages: the offices overview, every office's applications, the
duplicates across villages. Rows come from services.district; nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from desktop_app.i18n import N_, _, active
from desktop_app.store.district import (CorrectionSeen, DistrictApplication, DuplicateEntry,
                                        OfficeOverview)
from desktop_app.ui.labels import event_details
from desktop_app.ui.models import (DUE_SOON_BACKGROUND, DUE_SOON_FOREGROUND, OVERDUE_BACKGROUND,
                                   OVERDUE_FOREGROUND, RowsModel, status_label)
from desktop_app.ui.sync_common import when

if TYPE_CHECKING:
    from PySide6.QtGui import QColor


# closed at the office (as the overview counts them): no decision is awaited from the district
CLOSED_AT_OFFICE = ("handed_over", "withdrawn", "issued")


def _day(text: str | None) -> str:
    if not text:
        return ""
    try:
        return active().date(dt.date.fromisoformat(text[:10]))
    except ValueError:
        return text


def decision_label(decision: str | None) -> str:
    if decision == "assigned":
        return _("Assigned")
    if decision == "refused":
        return _("Refused")
    return ""


class OfficesModel(RowsModel):
    """One row per village office; overdue batches and decisions in red."""

    headers = (N_("Village office"), N_("Office name"), N_("Last batch"), N_("Received"),
               N_("Applications"),
               N_("Awaiting decision"), N_("Decisions overdue"), N_("To send back"),
               N_("Fingerprint"))

    def id_of(self, item: OfficeOverview) -> Any:
        return item.code

    def display(self, item: OfficeOverview, column: int) -> str:
        if column == 0:
            return item.code
        if column == 1:
            return active().text(item.name)
        if column == 2:
            return str(item.last_seq_in) if item.last_seq_in else _("none yet")
        if column == 3:
            text = when(item.last_in_at)
            return text + (" ⚠ " + _("overdue") if item.batch_overdue else "")
        return (str(item.applications), str(item.awaiting_decision), str(item.decisions_overdue),
                str(item.results_to_return), item.fingerprint)[column - 4]

    def sort_key(self, item: OfficeOverview, column: int) -> Any:
        numeric = {2: item.last_seq_in, 3: item.last_in_at or "", 4: item.applications,
                   5: item.awaiting_decision, 6: item.decisions_overdue,
                   7: item.results_to_return}
        return numeric[column] if column in numeric else super().sort_key(item, column)

    def background(self, item: OfficeOverview, column: int) -> QColor | None:
        if (column == 3 and item.batch_overdue) or (column == 6 and item.decisions_overdue):
            return OVERDUE_BACKGROUND
        return None

    def foreground(self, item: OfficeOverview, column: int) -> QColor | None:
        if (column == 3 and item.batch_overdue) or (column == 6 and item.decisions_overdue):
            return OVERDUE_FOREGROUND
        return None


class DistrictAppsModel(RowsModel):
    """The applications of every office, by uuid; undecided past their due date in red."""

    headers = (N_("Village office"), N_("Reg. No"), N_("Service"), N_("Applicant"), N_("IIN"),
               N_("At the office"), N_("Decision due"), N_("Decision"), N_("Inspection"),
               N_("Handed over"))

    def __init__(self, names: dict[str, str], today: dt.date, duplicate_uuids: set[str],
                 parent=None) -> None:
        super().__init__(parent)
        self._names, self.today, self.duplicates = names, today, duplicate_uuids
        self.corrections: dict[str, list[CorrectionSeen]] = {}  # uuid -> newest first

    def id_of(self, item: DistrictApplication) -> Any:
        return item.uuid

    def display(self, item: DistrictApplication, column: int) -> str:
        if column == 0:
            return item.office_code
        if column == 1:
            return item.reg_no or ""
        if column == 2:
            return self._names.get(item.service_id, item.service_id or "")
        if column == 3:
            return item.applicant + (" ⚠" if item.uuid in self.duplicates else "") + (
                " ✎" if item.uuid in self.corrections else "")
        if column == 4:
            return item.applicant_iin or ""
        if column == 5:
            return status_label(item.office_status) if item.office_status else ""
        if column == 6:
            return _day(item.decision_due)
        if column == 7:
            return decision_label(item.decision)
        if column == 8:
            return _day(item.inspection_date)
        return _("Yes") if item.handed_over else ""

    def sort_key(self, item: DistrictApplication, column: int) -> Any:
        if column in (6, 8):
            return (item.decision_due if column == 6 else item.inspection_date) or "9999"
        return super().sort_key(item, column)

    def overdue(self, item: DistrictApplication) -> bool:
        return (item.decision is None and bool(item.decision_due)
                and item.office_status not in CLOSED_AT_OFFICE
                and item.decision_due < self.today.isoformat())

    def background(self, item: DistrictApplication, column: int) -> QColor | None:
        if self.overdue(item):
            return OVERDUE_BACKGROUND
        return DUE_SOON_BACKGROUND if item.uuid in self.duplicates else None

    def foreground(self, item: DistrictApplication, column: int) -> QColor | None:
        if self.overdue(item):
            return OVERDUE_FOREGROUND
        return DUE_SOON_FOREGROUND if item.uuid in self.duplicates else None

    def tooltip(self, item: DistrictApplication, column: int) -> str | None:
        if column == 3 and item.uuid in self.corrections:
            return "\n".join(_("Corrected at the office on {date} ({reason}): {what}").format(
                date=_day(c.at[:10]), reason=c.reason,
                what=event_details({"details": {"person": c.person, "documents": c.documents}},
                                   {}))
                for c in self.corrections[item.uuid])
        if item.uuid in self.duplicates:
            return _("The same IIN applied for the same service in another village: see "
                     "\"Duplicates\".")
        if self.overdue(item):
            return _("The decision was due by {date}.").format(date=_day(item.decision_due))
        return None


class DuplicatesModel(RowsModel):
    """One row per application in a duplicate group: (IIN, service) first, then each office."""

    headers = (N_("IIN"), N_("Service"), N_("Village office"), N_("Reg. No"), N_("At the office"),
               N_("Accepted"))

    def __init__(self, names: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._names = names

    def id_of(self, item: tuple[str, str, int, DuplicateEntry]) -> Any:
        return item[3].application_uuid

    def display(self, item: tuple[str, str, int, DuplicateEntry], column: int) -> str:
        iin, service, _group, e = item
        return (iin, self._names.get(service, service), e.office_code, e.reg_no or "",
                status_label(e.status) if e.status else "", _day(e.accepted_at))[column]

    def background(self, item, column: int) -> QColor | None:
        return DUE_SOON_BACKGROUND if item[2] % 2 == 0 else None
