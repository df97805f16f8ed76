"""The append-only, hash-chained audit log: who, when, what, which record, before and after.

Imports store.db. Triggers in the schema refuse UPDATE and DELETE; `verify` finds the first broken
link.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_app.store.db import dumps

if TYPE_CHECKING:
    import sqlite_utils

GENESIS = "0" * 64


def _digest(prev_hash: str, at: str, user: str, action: str, table: str, uuid: str | None,
            before: str | None, after: str | None) -> str:
    payload = dumps([prev_hash, at, user, action, table, uuid, before, after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(db: sqlite_utils.Database, *, at: str, user: str, action: str, table: str,
           uuid: str | None, before: Any = None, after: Any = None) -> None:
    """Append one row; call inside the action's transaction so it commits or rolls back with it."""
    row = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    b = None if before is None else dumps(before)
    a = None if after is None else dumps(after)
    h = _digest(prev, at, user, action, table, uuid, b, a)
    db.execute(
        "INSERT INTO audit_log (at, user, action, table_name, record_uuid, before, after,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [at, user, action, table, uuid, b, a, prev, h])


@dataclass(frozen=True)
class ChainReport:
    rows: int                       # every row of the log
    first_broken_id: int | None

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def verify(db: sqlite_utils.Database) -> ChainReport:
    prev = GENESIS
    count = 0
    for row in db.execute("SELECT id, at, user, action, table_name, record_uuid, before, after,"
                          " prev_hash, hash FROM audit_log ORDER BY id"):
        count += 1
        (rid, at, user, action, table, uuid, before, after, prev_hash, h) = row
        if prev_hash != prev or _digest(prev, at, user, action, table, uuid, before, after) != h:
            total = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
            return ChainReport(total, rid)   # "row N of TOTAL": every row, not those read
        prev = h
    return ChainReport(count, None)
