"""Applications (өтініш), their document checklist and lifecycle statuses.

Pure Python. The database stores codes; text comes from the catalogue and gettext.
"""

from __future__ import annotations

from desktop_app.domain.errors import NotFound

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.i18n import N_


class Status(StrEnum):
    REGISTERED = "registered"    # accepted complete, clock running
    INCOMPLETE = "incomplete"    # accepted with documents missing; reason recorded
    FORWARDED = "forwarded"      # documents handed to the Department
    ASSIGNED = "assigned"        # district decision: assigned
    REFUSED = "refused"          # district decision: refused / certificate refused
    HANDED_OVER = "handed_over"  # result handed to the citizen
    ISSUED = "issued"            # the office's own paper issued on the spot
    WITHDRAWN = "withdrawn"      # at the citizen's written request
    VOIDED = "voided"            # registered in error; the number stays in the journal


STATUS_LABELS: dict[Status, str] = {
    Status.REGISTERED: N_("Registered"),
    Status.INCOMPLETE: N_("Incomplete"),
    Status.FORWARDED: N_("Forwarded"),
    Status.ASSIGNED: N_("Assigned"),
    Status.REFUSED: N_("Refused"),
    Status.HANDED_OVER: N_("Handed over"),
    Status.ISSUED: N_("Issued"),
    Status.WITHDRAWN: N_("Withdrawn"),
    Status.VOIDED: N_("Voided"),
}

OPEN_STATUSES = frozenset({Status.REGISTERED, Status.INCOMPLETE, Status.FORWARDED})


class Presented(StrEnum):
    """How a document on the checklist was presented."""

    ORIGINAL_SEEN = "original_seen"  # original checked and returned
    COPY_KEPT = "copy_kept"
    BOTH = "both"                    # original seen and returned, copy kept
    MISSING = "missing"


PRESENTED_LABELS: dict[Presented, str] = {
    Presented.ORIGINAL_SEEN: N_("Original seen, returned"),
    Presented.COPY_KEPT: N_("Copy kept"),
    Presented.BOTH: N_("Original seen, copy kept"),
    Presented.MISSING: N_("Missing"),
}


@dataclass
class ChecklistItem:
    document_id: str
    presented: Presented
    required: bool = True
    pages: int | None = None
    note: str = ""
    presented_on: dt.date | None = None  # set when the paper arrived after the day of intake


@dataclass
class Application:
    service_id: str
    service_version: str
    applicant_id: int
    accepted_at: dt.datetime
    status: Status
    checklist: list[ChecklistItem] = field(default_factory=list)
    household_id: int | None = None
    reg_no: str = ""
    decision_due: dt.date | None = None
    forward_by: dt.date | None = None
    inspection_date: dt.date | None = None
    incomplete_reason: str = ""
    receiver_name: str = ""
    receiver_position: str = ""
    precheck: dict | None = None    # the PreCheckResult as stored (outcome, reasons, figures,
                                    # params)
    deadline_flags: tuple[str, ...] = ()  # e.g. ("unit_not_stated",)
    complete_at: dt.datetime | None = None  # the set became complete after intake (clock restart)
    closed_on: dt.date | None = None        # withdrawn (the request's date) or voided
    closed_reason: str = ""
    decision: str | None = None             # "assigned" / "refused" as recorded
    arrived_at: dt.datetime | None = None   # the visitor came to reception (indicator 1.2)
    id: int | None = None

    @property
    def saved_id(self) -> int:
        """The row id once saved; NotFound for a record that was never saved."""
        if self.id is None:
            raise NotFound(what="application", key=self.reg_no or self.uuid or "")
        return self.id
    uuid: str | None = None

    @property
    def missing_required(self) -> list[str]:
        return [c.document_id for c in self.checklist
                if c.required and c.presented == Presented.MISSING]
