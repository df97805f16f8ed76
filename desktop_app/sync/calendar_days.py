"""Transferred days from the district, at the office: check the calendar entries a return batch
carries, then keep them (marked as the district's). The district enters a decree's transfers once
and every office receives them, like its parameter values (sync/reference.py).

Imports store.calendar_days and sync.format. An entry the office already holds with the same
content is skipped; two entries for one day in a batch refuse the whole batch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.domain.errors import BatchRejected
from desktop_app.store import calendar_days
from desktop_app.sync.format import RECORD_KIND

if TYPE_CHECKING:
    import sqlite_utils

KIND = "calendar_day"


def _invalid(file: str, detail: str) -> BatchRejected:
    return BatchRejected("invalid_content", file=file, detail=detail)


def new_days(db: sqlite_utils.Database, records: list[dict], file: str) -> list[dict]:
    """The calendar records to keep, in order; raise BatchRejected("invalid_content") naming the
    first that cannot be (the fields' types are checked by sync.schema before)."""
    out: list[dict] = []
    days: set[str] = set()
    for i, rec in enumerate(records):
        if rec.get(RECORD_KIND) != KIND:
            continue
        if not rec.get("removed"):
            if rec["day"] in days:
                raise _invalid(file, f"record {i}: calendar day {rec['day']} twice")
            days.add(rec["day"])
        held = calendar_days.by_uuid(db, rec["uuid"])
        if held is not None and held.origin != "district":
            raise _invalid(file, f"record {i}: calendar day uuid already used")
        same = (rec["day"], rec["kind"], rec.get("reason") or "", rec["source"],
                bool(rec["removed"]))
        if held is not None and (held.day.date.isoformat(), held.kind, held.day.reason,
                                 held.day.source, held.removed) == same:
            continue
        out.append(rec)
    return out


def apply(db: sqlite_utils.Database, records: list[dict], *, district_code: str,
          file: str) -> int:
    """Keep the district's new or changed entries; returns how many. The caller holds the
    transaction (and marks the writes untracked)."""
    todo = new_days(db, records, file)
    for rec in todo:
        calendar_days.keep_district_day(db, rec, district_code=district_code)
    return len(todo)
