"""The district's report beyond the summary: offices that sent no batch for too long, applications
waiting for a decision past their due date, and the same person applying in two villages.

Imports store (district) only; rows are plain data for the page, the files and the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.store import district as district_store

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class SilentOffice:
    office_code: str
    name: dict[str, str]
    last_in_at: str | None         # None: never sent a batch
    days: int | None               # days since the last batch


@dataclass(frozen=True)
class PastDue:
    office_code: str
    reg_no: str
    service_id: str
    accepted_on: str
    decision_due: str
    days_over: int


@dataclass(frozen=True)
class DuplicateRow:
    iin: str
    service_id: str
    entries: tuple[tuple[str, str, str], ...]   # (office code, reg. no, status)


def silent_offices(db: sqlite_utils.Database, today: dt.date, days: int) -> list[SilentOffice]:
    """Village offices whose last batch arrived more than `days` days ago, or never."""
    out = []
    for code, kk, ru, last in db.execute(
            "SELECT code, name_kk, name_ru, last_in_at FROM sync_peers WHERE mode = 'village'"
            " ORDER BY code"):
        since = (today - dt.datetime.fromisoformat(last).date()).days if last else None
        if since is None or since > days:
            out.append(SilentOffice(code, {"kk": kk, "ru": ru}, last, since))
    return out


def past_due(db: sqlite_utils.Database, today: dt.date, service_id: str | None = None
             ) -> list[PastDue]:
    """Applications still waiting for a decision after their due date, longest overdue first."""
    out = [PastDue(a.office_code, a.reg_no, a.service_id, (a.accepted_at or "")[:10],
                   a.decision_due, (today - dt.date.fromisoformat(a.decision_due)).days)
           for a in district_store.applications(db, undecided_only=True)
           if a.decision_due and a.decision_due < today.isoformat()
           and (not service_id or a.service_id == service_id)]
    return sorted(out, key=lambda r: (-r.days_over, r.office_code, r.reg_no))


def duplicates(db: sqlite_utils.Database, service_id: str | None = None) -> list[DuplicateRow]:
    return [DuplicateRow(d.iin, d.service_id,
                         tuple((e.office_code, e.reg_no, e.status) for e in d.entries))
            for d in district_store.duplicates(db)
            if not service_id or d.service_id == service_id]
