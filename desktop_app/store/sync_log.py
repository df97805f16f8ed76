"""Sync bookkeeping: trusted peer offices, the log of batches sent and received, the change log.

Imports store.db only. The change log is filled by triggers (schema v003); `untracked` marks writes
that apply the other side's fields, so they are not sent back.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.store.db import dumps, loads, rows

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class Peer:
    code: str
    uuid: str
    mode: str                 # "village" or "district"
    name: dict[str, str]
    public_key: str           # base64 Ed25519 verify key
    fingerprint: str
    trusted_at: str
    last_seq_in: int = 0
    covered_in: int = 0
    last_in_at: str | None = None
    last_seq_out: int = 0
    acked_seq: int = 0
    acked_upto: int = 0


def _peer(row: dict) -> Peer:
    return Peer(code=row["code"], uuid=row["uuid"], mode=row["mode"],
                name={"kk": row["name_kk"], "ru": row["name_ru"]}, public_key=row["public_key"],
                fingerprint=row["fingerprint"], trusted_at=row["trusted_at"],
                last_seq_in=row["last_seq_in"], covered_in=row["covered_in"],
                last_in_at=row["last_in_at"], last_seq_out=row["last_seq_out"],
                acked_seq=row["acked_seq"], acked_upto=row["acked_upto"])


def peer(db: sqlite_utils.Database, code: str) -> Peer | None:
    rows = list(db["sync_peers"].rows_where("code = ?", [code]))
    return _peer(rows[0]) if rows else None


def peers(db: sqlite_utils.Database, mode: str | None = None) -> list[Peer]:
    where, params = ("mode = ?", [mode]) if mode else (None, [])
    return [_peer(r) for r in db["sync_peers"].rows_where(where, params, order_by="code")]


def trust(db: sqlite_utils.Database, *, code: str, uuid: str, mode: str, name: dict[str, str],
          public_key: str, fingerprint: str, now: str, user: str) -> None:
    """Add the peer, or replace its key (a new laptop); the sequence state is kept."""
    db.execute(
        "INSERT INTO sync_peers (code, uuid, mode, name_kk, name_ru, public_key, fingerprint,"
        " trusted_at, trusted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE"
        " SET uuid = excluded.uuid, mode = excluded.mode, name_kk = excluded.name_kk,"
        " name_ru = excluded.name_ru, public_key = excluded.public_key,"
        " fingerprint = excluded.fingerprint, trusted_at = excluded.trusted_at,"
        " trusted_by = excluded.trusted_by",
        [code, uuid, mode, name.get("kk", ""), name.get("ru", ""), public_key, fingerprint, now,
         user])


def mark_received(db: sqlite_utils.Database, code: str, *, seq: int, covers: int, at: str) -> None:
    db.execute("UPDATE sync_peers SET last_seq_in = ?, covered_in = max(covered_in, ?),"
               " last_in_at = ? WHERE code = ?", [seq, covers, at, code])


def mark_sent(db: sqlite_utils.Database, code: str, seq: int) -> None:
    db.execute("UPDATE sync_peers SET last_seq_out = ? WHERE code = ?", [seq, code])


def acknowledge(db: sqlite_utils.Database, code: str, *, seq: int, upto: int, at: str) -> None:
    """The peer holds our batches up to `seq` and our changes up to `upto`; never goes back."""
    db.execute("UPDATE sync_peers SET acked_seq = max(acked_seq, ?),"
               " acked_upto = max(acked_upto, ?) WHERE code = ?", [seq, upto, code])
    db.execute("UPDATE sync_batches SET acked_at = ? WHERE direction = 'out' AND peer_code = ?"
               " AND seq <= ? AND acked_at IS NULL", [at, code, seq])


@dataclass(frozen=True)
class BatchLogRow:
    direction: str
    peer_code: str
    seq: int
    base_seq: int
    covers: int
    urgent: bool
    file_name: str
    sha256: str
    created_at: str
    processed_at: str
    counts: dict[str, int]
    gap: str
    acked_at: str | None


def log_batch(db: sqlite_utils.Database, *, direction: str, peer_code: str, seq: int,
              base_seq: int, covers: int, urgent: bool, file_name: str, sha256: str,
              created_at: str, processed_at: str, processed_by: str, counts: dict[str, int],
              gap: str = "") -> None:
    db.table("sync_batches").insert({
        "direction": direction, "peer_code": peer_code, "seq": seq, "base_seq": base_seq,
        "covers": covers, "urgent": int(urgent), "file_name": file_name, "sha256": sha256,
        "created_at": created_at, "processed_at": processed_at, "processed_by": processed_by,
        "counts": dumps(counts), "gap": gap})


def batches(db: sqlite_utils.Database, *, direction: str | None = None,
            peer_code: str | None = None) -> list[BatchLogRow]:
    clauses, params = [], []
    if direction:
        clauses.append("direction = ?")
        params.append(direction)
    if peer_code:
        clauses.append("peer_code = ?")
        params.append(peer_code)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    found = rows(db, f"SELECT * FROM sync_batches {where} ORDER BY peer_code, direction, seq",
                 params)
    return [BatchLogRow(r["direction"], r["peer_code"], r["seq"], r["base_seq"], r["covers"],
                        bool(r["urgent"]), r["file_name"], r["sha256"], r["created_at"],
                        r["processed_at"], loads(r["counts"]) or {}, r["gap"], r["acked_at"])
            for r in found]


def received_hash(db: sqlite_utils.Database, peer_code: str, seq: int) -> str | None:
    row = db.execute("SELECT sha256 FROM sync_batches WHERE direction = 'in' AND peer_code = ?"
                     " AND seq = ?", [peer_code, seq]).fetchone()
    return row[0] if row else None


# change log ---------------------------------------------------------------------------------------

def last_change(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0])


def changed_since(db: sqlite_utils.Database, after: int, office_code: str | None = None
                  ) -> list[tuple[str, str]]:
    """Distinct (kind, uuid) changed after the change id given; `office_code` for the district
    (with what goes to every office, logged under "*")."""
    params: list[int | str]
    if office_code is None:
        sql, params = ("SELECT DISTINCT kind, uuid FROM change_log WHERE id > ?"
                       " AND office_code IS NULL ORDER BY kind, uuid"), [after]
    else:
        sql, params = ("SELECT DISTINCT kind, uuid FROM change_log WHERE id > ?"
                       " AND office_code IN (?, '*') ORDER BY kind, uuid"), [after, office_code]
    return [(r[0], r[1]) for r in db.execute(sql, params)]


def application_change_spans(db: sqlite_utils.Database) -> dict[int, tuple[int, int]]:
    """Per application id, the first and the last change-log id of this office's own changes to
    it (one pass over the log, for the work list's "District" column)."""
    rows = db.execute("SELECT a.id, min(c.id), max(c.id) FROM change_log c JOIN applications a"
                      " ON a.uuid = c.uuid WHERE c.kind = 'application' AND c.office_code IS NULL"
                      " GROUP BY a.id")
    return {r[0]: (r[1], r[2]) for r in rows}


@contextlib.contextmanager
def untracked(db: sqlite_utils.Database) -> Iterator[None]:
    """Writes inside are not logged as changes; use only inside the caller's transaction."""
    db.execute("INSERT OR IGNORE INTO sync_applying (flag) VALUES (1)")
    try:
        yield
    finally:
        db.execute("DELETE FROM sync_applying")


def keep_numbers_of(db: sqlite_utils.Database, other_file: Path | str) -> None:
    """After a restore: keep the batch numbers the replaced file had reached (the district already
    holds those batches), so the next batch is not taken for a replay; and number the change log on
    from where the replaced file's stopped, logging the restored copy's unacknowledged changes
    again above it (the peer acknowledges change numbers of the replaced file). The acknowledged
    change point is not carried: the restored copy's own changes must travel again."""
    try:
        conn = sqlite3.connect(Path(other_file).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT code, last_seq_out, last_seq_in, covered_in"
                                " FROM sync_peers").fetchall()
            top = conn.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return
    for code, out, seq_in, covered in rows:
        db.execute("UPDATE sync_peers SET last_seq_out = max(last_seq_out, ?),"
                   " last_seq_in = max(last_seq_in, ?), covered_in = max(covered_in, ?)"
                   " WHERE code = ?", [out, seq_in, covered, code])
    if top > last_change(db):
        since = db.execute("SELECT coalesce(min(acked_upto), 0) FROM sync_peers").fetchone()[0]
        db.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'change_log'",
                   [top])
        db.execute("INSERT INTO change_log (kind, uuid, office_code) SELECT kind, uuid,"
                   " office_code FROM change_log WHERE id > ? ORDER BY id", [since])
        if last_change(db) <= top:   # nothing to log again: one mark above the old numbers
            db.execute("INSERT INTO change_log (id, kind, uuid, office_code)"
                       " VALUES (?, 'restore', '', '-')", [top + 1])
