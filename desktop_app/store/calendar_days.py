"""Transferred days off and working days entered in the program (table calendar_days, schema
v010): read them, add one, mark one removed, and keep the ones a district sends.

Imports store.db and domain.calendar only; the caller holds the transaction and audits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.domain.calendar import DAY_OFF, WORKING_DAY, CalendarDay
from desktop_app.store.db import has_table, new_uuid, rows

if TYPE_CHECKING:
    import sqlite_utils

KINDS = (DAY_OFF, WORKING_DAY)
_COLUMNS = ("uuid, day, kind, reason, source, removed, created_at, created_by, updated_at, "
            "origin, origin_code")


@dataclass(frozen=True)
class StoredDay:
    """One row: the day, who entered it and where it came from."""

    uuid: str
    day: CalendarDay
    kind: str                 # DAY_OFF or WORKING_DAY
    removed: bool
    created_at: str
    created_by: str
    updated_at: str
    origin: str = "office"    # "office" (entered here) or "district" (arrived in a batch)
    origin_code: str = ""


def _rows(db: sqlite_utils.Database, where: str = "", params: list | None = None) -> list[dict]:
    if not has_table(db, "calendar_days"):
        return []
    return rows(db, f"SELECT {_COLUMNS} FROM calendar_days {where} ORDER BY day, id", params or [])


def _from_row(r: dict) -> StoredDay:
    day = CalendarDay(dt.date.fromisoformat(r["day"]), r["reason"], r["source"])
    return StoredDay(r["uuid"], day, r["kind"], bool(r["removed"]), r["created_at"],
                     r["created_by"], r["updated_at"], r["origin"], r["origin_code"])


def active(db: sqlite_utils.Database) -> list[StoredDay]:
    """The entries in force (not removed), by day."""
    return [_from_row(r) for r in _rows(db, "WHERE removed = 0")]


def by_uuid(db: sqlite_utils.Database, uuid: str) -> StoredDay | None:
    rows = _rows(db, "WHERE uuid = ?", [uuid])
    return _from_row(rows[0]) if rows else None


def on_day(db: sqlite_utils.Database, day: dt.date) -> StoredDay | None:
    rows = _rows(db, "WHERE removed = 0 AND day = ?", [day.isoformat()])
    return _from_row(rows[0]) if rows else None


def insert(db: sqlite_utils.Database, day: CalendarDay, kind: str, *, now: str,
           user: str) -> StoredDay:
    row = {"uuid": new_uuid(), "day": day.date.isoformat(), "kind": kind, "reason": day.reason,
           "source": day.source, "removed": 0, "created_at": now, "created_by": user,
           "updated_at": now, "origin": "office", "origin_code": ""}
    db.table("calendar_days").insert(row)
    return _from_row(row)


def mark_removed(db: sqlite_utils.Database, uuid: str, *, now: str) -> None:
    db.execute("UPDATE calendar_days SET removed = 1, updated_at = ? WHERE uuid = ?", [now, uuid])


def record(db: sqlite_utils.Database, uuid: str) -> dict | None:
    """A batch record of one of this side's own entries (a district's, sent to its offices)."""
    rows = _rows(db, "WHERE uuid = ? AND origin = 'office'", [uuid])
    if not rows:
        return None
    rec = rows[0]
    rec.pop("origin")
    rec.pop("origin_code")
    rec["removed"] = bool(rec["removed"])
    return rec


def keep_district_day(db: sqlite_utils.Database, rec: dict, *, district_code: str) -> None:
    """The district's entry, new or changed (removed), kept with its uuid; an entry of the
    office's own on the same day gives way to it (the district enters the decree once)."""
    removed = 1 if rec.get("removed") else 0
    if not removed:
        db.execute("UPDATE calendar_days SET removed = 1, updated_at = ? WHERE day = ? AND"
                   " removed = 0 AND uuid != ?", [rec["updated_at"], rec["day"], rec["uuid"]])
    values = {"day": rec["day"], "kind": rec["kind"], "reason": rec.get("reason") or "",
              "source": rec["source"], "removed": removed, "updated_at": rec["updated_at"]}
    if db.execute("SELECT 1 FROM calendar_days WHERE uuid = ?", [rec["uuid"]]).fetchone():
        db["calendar_days"].update(  # type: ignore[union-attr]
            db.execute("SELECT id FROM calendar_days WHERE uuid = ?", [rec["uuid"]]).fetchone()[0],
            values)
        return
    db.table("calendar_days").insert({"uuid": rec["uuid"], **values,
                                "created_at": str(rec.get("created_at") or rec["updated_at"]),
                                "created_by": str(rec.get("created_by") or ""),
                                "origin": "district", "origin_code": district_code})
