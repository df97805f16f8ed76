"""The audit chain anchored outside the file: what an office's batch carries of its chain, how the
district checks it extends the chain it holds, and the checkpoint the district sends back.

Imports store.audit. An office's batch carries its audit rows after the last checkpoint the
district sent back (from its newest restore row when its own chain no longer holds that
checkpoint) and the head; the batch is signed, so the head is. The district records a chain that
does not extend the one it holds as tampering, or as a restore when it forks exactly at a restore
row; it never refuses the batch for it. The rows the district holds then follow the office's.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.store.audit import GENESIS, _digest

if TYPE_CHECKING:
    import sqlite_utils

MAX_ROWS = 2_000         # audit rows one batch carries (the rest go with the next ones)
RESTORE = "backup.restore"
_FIELDS = ("id", "at", "user", "action", "table", "uuid", "before", "after", "prev_hash", "hash")


@dataclass(frozen=True)
class ChainReport:
    office_code: str
    kind: str            # "tampering" or "restore"
    batch_seq: int
    found_at: str
    first_row: int
    last_row: int


# the office ------------------------------------------------------------------------------------

def checkpoint(db: sqlite_utils.Database) -> tuple[int, str] | None:
    """The newest checkpoint a district sent back: (row id, hash)."""
    row = db.execute("SELECT row_id, hash FROM audit_checkpoint ORDER BY row_id DESC"
                     " LIMIT 1").fetchone()
    return (row[0], row[1]) if row else None


def store_checkpoint(db: sqlite_utils.Database, district_code: str, row_id: int, hash_: str,
                     at: str) -> None:
    db.execute("INSERT INTO audit_checkpoint (district_code, row_id, hash, received_at)"
               " VALUES (?, ?, ?, ?) ON CONFLICT (district_code) DO UPDATE SET"
               " row_id = excluded.row_id, hash = excluded.hash,"
               " received_at = excluded.received_at",
               [district_code, row_id, hash_, at])


def own_hash(db: sqlite_utils.Database, row_id: int) -> str | None:
    row = db.execute("SELECT hash FROM audit_log WHERE id = ?", [row_id]).fetchone()
    return row[0] if row else None


def last_id(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]


def latest_restore(db: sqlite_utils.Database) -> tuple[int, dict] | None:
    """The newest restore row: (id, its "after" facts)."""
    row = db.execute("SELECT id, after FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1",
                     [RESTORE]).fetchone()
    if row is None:
        return None
    try:
        after = json.loads(row[1]) if row[1] else {}
    except ValueError:
        after = {}
    return row[0], after if isinstance(after, dict) else {}


def _explained(db: sqlite_utils.Database, row_id: int) -> bool:
    """A restore row says the anchored row `row_id` went with the copy that was replaced."""
    restored = latest_restore(db)
    if restored is None:
        return False
    gone = restored[1].get("rows_gone")   # [first, last]; last None: the old file was unreadable
    if not (isinstance(gone, list) and len(gone) == 2 and type(gone[0]) is int):
        return False
    return gone[0] <= row_id and (gone[1] is None or row_id <= gone[1])


def problem(db: sqlite_utils.Database) -> tuple[int, int] | tuple[int] | None:
    """Compare the file with the newest checkpoint: (first, last) when rows first..last are gone,
    (row,) when the row the district anchored holds something else, None when all is well."""
    cp = checkpoint(db)
    if cp is None:
        return None
    mine = own_hash(db, cp[0])
    if mine == cp[1] or _explained(db, cp[0]):
        return None
    if mine is None:
        return (last_id(db) + 1, cp[0])
    return (cp[0],)


def receive_checkpoint(db: sqlite_utils.Database, district_code: str, checkpoint: dict,
                       at: str) -> None:
    """Hold the district's newest checkpoint and its reports about this office's chain."""
    store_checkpoint(db, district_code, checkpoint["id"], checkpoint["hash"], at)
    for f in checkpoint.get("reports") or []:
        db.execute("INSERT OR IGNORE INTO audit_findings (district_code, kind, batch_seq,"
                   " first_row, last_row, found_at) VALUES (?, ?, ?, ?, ?, ?)",
                   [district_code, f["kind"], f["seq"], f["first"], f["last"], f["found_at"]])


def findings(db: sqlite_utils.Database, kind: str = "tampering") -> list[tuple[int, int, int]]:
    """The district's reports of this office's chain: (batch seq, first row, last row)."""
    return [tuple(r) for r in db.execute(
        "SELECT batch_seq, first_row, last_row FROM audit_findings WHERE kind = ?"
        " ORDER BY batch_seq, first_row", [kind])]


def outgoing(db: sqlite_utils.Database) -> dict:
    """{"rows": [...], "head": {"id", "hash"} | None} for the next batch to the district."""
    start = 0
    cp = checkpoint(db)
    if cp is not None:
        start = cp[0]
        if own_hash(db, cp[0]) != cp[1]:   # not our chain any more: from the newest restore row,
            restored = latest_restore(db)  # else from well before, so the district finds the fork
            start = (min(cp[0], restored[0] - 1) if restored and _explained(db, cp[0])
                     else max(0, min(cp[0], last_id(db)) - MAX_ROWS // 2))
    rows = [dict(zip(_FIELDS, r)) for r in db.execute(
        "SELECT id, at, user, action, table_name, record_uuid, before, after, prev_hash, hash"
        " FROM audit_log WHERE id > ? ORDER BY id LIMIT ?", [start, MAX_ROWS])]
    head: dict | None = None
    if rows:
        head = {"id": rows[-1]["id"], "hash": rows[-1]["hash"]}
    else:
        row = db.execute("SELECT id, hash FROM audit_log WHERE id <= ? ORDER BY id DESC LIMIT 1",
                         [start]).fetchone()
        head = {"id": row[0], "hash": row[1]} if row else None
    return {"rows": rows, "head": head}


# the district ----------------------------------------------------------------------------------

def held_head(db: sqlite_utils.Database, office_code: str) -> tuple[int, str] | None:
    row = db.execute("SELECT row_id, hash FROM office_audit_chain WHERE office_code = ?"
                     " ORDER BY row_id DESC LIMIT 1", [office_code]).fetchone()
    return (row[0], row[1]) if row else None


def _held(db: sqlite_utils.Database, office_code: str, row_id: int) -> str | None:
    if row_id == 0:
        return GENESIS
    row = db.execute("SELECT hash FROM office_audit_chain WHERE office_code = ? AND row_id = ?",
                     [office_code, row_id]).fetchone()
    return row[0] if row else None


def _recomputes(rows: list[dict]) -> int | None:
    """The first row whose hash does not recompute or does not link to the row before it."""
    for i, r in enumerate(rows):
        if _digest(r["prev_hash"], r["at"], r["user"], r["action"], r["table"], r["uuid"],
                   r["before"], r["after"]) != r["hash"]:
            return r["id"]
        if i and (r["id"] != rows[i - 1]["id"] + 1 or r["prev_hash"] != rows[i - 1]["hash"]):
            return r["id"]
    return None


def receive(db: sqlite_utils.Database, office_code: str, audit: dict | None, *, batch_seq: int,
            now: str) -> ChainReport | None:
    """Check the office's chain extends the one held, record a report when it does not, and hold
    the office's chain as it now is; the caller holds the transaction."""
    if not audit:
        return None
    rows = sorted(audit.get("rows") or [], key=lambda r: r["id"])
    head = audit.get("head")
    held = held_head(db, office_code)
    report: tuple[str, int, int] | None = None
    broken = _recomputes(rows)
    fork: int | None = None
    if broken is not None:
        report = ("tampering", broken, held[0] if held else broken)
        fork = rows[0]["id"] if rows else None
    elif held is not None:
        for r in rows:
            mine = _held(db, office_code, r["id"])
            if mine is None:        # beyond the held head: must link to it
                if r["id"] != held[0] + 1 or r["prev_hash"] != held[1]:
                    fork = min(r["id"], held[0])
                break
            if mine != r["hash"]:
                fork = r["id"]
                break
        if fork is None and rows and _held(db, office_code, rows[0]["id"] - 1) not in (
                None, rows[0]["prev_hash"]):
            fork = rows[0]["id"]
        if fork is not None:
            first = next((r for r in rows if r["id"] == fork), rows[0])
            restore = (first["id"] == fork and first["action"] == RESTORE
                       and _held(db, office_code, fork - 1) == first["prev_hash"])
            report = ("restore" if restore else "tampering", fork, max(held[0], fork))
        elif head and head["id"] < held[0]:   # the file holds fewer rows than were anchored
            report = ("tampering", head["id"] + 1, held[0])
            fork = head["id"] + 1
        elif head and not rows and _held(db, office_code, head["id"]) != head["hash"]:
            report = ("tampering", head["id"], held[0])
    report_id = None
    if report is not None:
        report_id = db.execute(
            "INSERT INTO audit_chain_reports (office_code, kind, batch_seq, found_at, first_row,"
            " last_row) VALUES (?, ?, ?, ?, ?, ?)",
            [office_code, report[0], batch_seq, now, report[1], report[2]]).lastrowid
    if fork is not None:   # the rows the office no longer has are kept as the evidence
        db.execute("INSERT INTO office_audit_replaced SELECT ?, * FROM office_audit_chain"
                   " WHERE office_code = ? AND row_id >= ?", [report_id, office_code, fork])
        db.execute("DELETE FROM office_audit_chain WHERE office_code = ? AND row_id >= ?",
                   [office_code, fork])
    for r in rows:
        db.execute("INSERT OR REPLACE INTO office_audit_chain (office_code, row_id, at, user,"
                   " action, table_name, record_uuid, before, after, prev_hash, hash)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [office_code, r["id"], r["at"], r["user"], r["action"], r["table"], r["uuid"],
                    r["before"], r["after"], r["prev_hash"], r["hash"]])
    if report is None:
        return None
    kind, first_row, last_row = report
    return ChainReport(office_code, kind, batch_seq, now, first_row, last_row)


def checkpoint_for(db: sqlite_utils.Database, office_code: str) -> dict | None:
    """What the return batch carries back: the held head and the reports about this office."""
    head = held_head(db, office_code)
    if head is None:
        return None
    return {"id": head[0], "hash": head[1], "reports": [
        {"kind": r.kind, "seq": r.batch_seq, "first": r.first_row, "last": r.last_row,
         "found_at": r.found_at} for r in reports(db, office_code)[:100]]}


def replaced_rows(db: sqlite_utils.Database, office_code: str) -> list[tuple[int, str, str, str]]:
    """The anchored rows an office's later chain no longer holds: (row id, at, user, action)."""
    return [tuple(r) for r in db.execute(
        "SELECT row_id, at, user, action FROM office_audit_replaced WHERE office_code = ?"
        " ORDER BY report_id, row_id", [office_code])]


def reports(db: sqlite_utils.Database, office_code: str | None = None) -> list[ChainReport]:
    """Newest first."""
    sql = ("SELECT office_code, kind, batch_seq, found_at, first_row, last_row"
           " FROM audit_chain_reports")
    params: list = []
    if office_code:
        sql += " WHERE office_code = ?"
        params.append(office_code)
    return [ChainReport(*r) for r in db.execute(sql + " ORDER BY id DESC", params)]


def last_id_of_file(path: Path | str) -> int | None:
    """The newest audit row id of another data file (the one a restore set aside), read only;
    None when it cannot be read."""
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def newest_at(db: sqlite_utils.Database) -> str | None:
    return db.execute("SELECT MAX(at) FROM audit_log").fetchone()[0]
