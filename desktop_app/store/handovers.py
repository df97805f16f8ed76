"""Hand-overs: a decided result given to the citizen, or documents carried to the district by hand
(the data of the акт приёма-передачи). Imports store.db only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.store.db import new_uuid

if TYPE_CHECKING:
    import sqlite_utils

RESULT, DOCUMENTS = "result", "documents"


@dataclass(frozen=True)
class Handover:
    uuid: str
    application_id: int
    reg_no: str
    kind: str
    handed_on: dt.date
    to_whom: str
    signature_taken: bool
    note: str
    recorded_by: str


def insert(db: sqlite_utils.Database, *, application_id: int, kind: str, handed_on: dt.date,
           to_whom: str, signature_taken: bool, note: str, user: str, now: str) -> str:
    uuid = new_uuid()
    db.table("handovers").insert({
        "uuid": uuid, "application_id": application_id, "kind": kind,
        "handed_on": handed_on.isoformat(), "to_whom": to_whom,
        "signature_taken": int(signature_taken), "note": note, "recorded_by": user,
        "recorded_at": now})
    return uuid


def of_application(db: sqlite_utils.Database, application_id: int,
                   kind: str | None = None) -> list[Handover]:
    return _select(db, "h.application_id = ?" + (" AND h.kind = ?" if kind else ""),
                   [application_id, kind] if kind else [application_id])


def on_day(db: sqlite_utils.Database, day: dt.date, kind: str) -> list[Handover]:
    return _select(db, "h.handed_on = ? AND h.kind = ?", [day.isoformat(), kind])


def _select(db: sqlite_utils.Database, where: str, params: list) -> list[Handover]:
    sql = ("SELECT h.uuid, h.application_id, a.reg_no, h.kind, h.handed_on, h.to_whom,"
           " h.signature_taken, h.note, h.recorded_by FROM handovers h"
           f" JOIN applications a ON a.id = h.application_id WHERE {where} ORDER BY a.reg_no, h.id")
    return [Handover(r[0], r[1], r[2], r[3], dt.date.fromisoformat(r[4]), r[5], bool(r[6]), r[7],
                     r[8]) for r in db.execute(sql, params)]
