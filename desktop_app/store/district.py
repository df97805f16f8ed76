"""The district's side of the store: the replica of every office's records (keyed by uuid, with the
office's code), the district's results and referrals, duplicates across offices, the overview.

Imports store.db only. Offices' records stay in `replica` (JSON snapshots), not the office tables:
the same citizen may be registered in two villages, and the office tables hold one IIN once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.store.db import dumps, loads, one

if TYPE_CHECKING:
    import sqlite_utils

# the office closed these itself: nothing for the district to decide
CLOSED_AT_OFFICE = ("handed_over", "withdrawn", "voided", "issued")


def owner_of(db: sqlite_utils.Database, uuid: str) -> str | None:
    row = db.execute("SELECT office_code FROM replica INDEXED BY replica_uuid WHERE uuid = ?"
                     " LIMIT 1", [uuid]).fetchone()
    return row[0] if row else None


def owners_of(db: sqlite_utils.Database, uuids: list[str]) -> dict[str, str]:
    """The office holding each of `uuids` that is already here (one query, by the uuid index)."""
    return dict(db.execute("SELECT uuid, office_code FROM replica INDEXED BY replica_uuid"
                           " WHERE uuid IN (SELECT value FROM json_each(?))",
                           [dumps(list(uuids))]).fetchall())


_UPSERT = ("INSERT INTO replica (kind, uuid, office_code, data, updated_at, batch_seq,"
           " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
           " ON CONFLICT(kind, uuid) DO UPDATE SET data = excluded.data,"
           " updated_at = excluded.updated_at, batch_seq = excluded.batch_seq,"
           " received_at = excluded.received_at")


def upsert_batch(db: sqlite_utils.Database, payload: str, *, kind_key: str, office_code: str,
                 batch_seq: int, now: str) -> None:
    """`upsert` for every record of a batch in one statement: SQLite walks the signed document's
    records (json_each) and keeps each one's JSON text as it came, with no Python per record."""
    db.execute(
        "INSERT INTO replica (kind, uuid, office_code, data, updated_at, batch_seq, received_at)"
        " SELECT json_extract(value, '$.' || :kind), json_extract(value, '$.uuid'), :office,"
        " value, coalesce(nullif(json_extract(value, '$.updated_at'), ''), :now), :seq, :now"
        " FROM json_each(:payload, '$.records') WHERE true"
        " ON CONFLICT(kind, uuid) DO UPDATE SET data = excluded.data,"
        " updated_at = excluded.updated_at, batch_seq = excluded.batch_seq,"
        " received_at = excluded.received_at",
        {"kind": kind_key, "office": office_code, "now": now, "seq": batch_seq,
         "payload": payload})


def upsert(db: sqlite_utils.Database, *, kind: str, rec: dict, office_code: str, batch_seq: int,
           now: str) -> None:
    db.execute(
        _UPSERT,
        [kind, rec["uuid"], office_code, dumps(rec), rec.get("updated_at") or now, batch_seq, now])


def record(db: sqlite_utils.Database, kind: str, uuid: str) -> dict | None:
    row = db.execute("SELECT data FROM replica WHERE kind = ? AND uuid = ?",
                     [kind, uuid]).fetchone()
    return loads(row[0]) if row else None


def count(db: sqlite_utils.Database, office_code: str, kind: str) -> int:
    return db.execute("SELECT count(*) FROM replica WHERE office_code = ? AND kind = ?",
                      [office_code, kind]).fetchone()[0]


# results and referrals ------------------------------------------------------------

_RESULT_COLS = ("decision", "decision_no", "decision_date", "amount", "period_from",
                "period_to", "refusal_codes", "inspection_date")


def save_result(db: sqlite_utils.Database, application_uuid: str, office_code: str, *,
                fields: dict, user: str, now: str) -> None:
    """Set the given result fields (a decision, an inspection date) keeping the others."""
    cols = [c for c in _RESULT_COLS if c in fields]
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols)
    db.execute(
        f"INSERT INTO district_results (application_uuid, office_code, {', '.join(cols)},"
        f" decided_by, updated_at) VALUES (?, ?, {', '.join('?' * len(cols))}, ?, ?)"
        f" ON CONFLICT(application_uuid) DO UPDATE SET {sets}, decided_by = excluded.decided_by,"
        " updated_at = excluded.updated_at",
        [application_uuid, office_code, *(fields[c] for c in cols), user, now])


def result(db: sqlite_utils.Database, application_uuid: str) -> dict | None:
    rec = one(db, "SELECT application_uuid, office_code, decision, decision_no, decision_date,"
              " amount, period_from, period_to, refusal_codes, inspection_date, decided_by,"
              " updated_at FROM district_results WHERE application_uuid = ?", [application_uuid])
    if rec is None:
        return None
    rec["refusal_codes"] = [c for c in rec["refusal_codes"].split(",") if c]
    return rec


def save_referral(db: sqlite_utils.Database, rec: dict, office_code: str) -> None:
    db.table("referrals").insert({**rec, "office_code": office_code})


def referral(db: sqlite_utils.Database, uuid: str) -> dict | None:
    rows = list(db["referrals"].rows_where("uuid = ?", [uuid]))
    if not rows:
        return None
    rec = rows[0]
    rec.pop("id")
    rec.pop("office_code")
    return rec


# views ----------------------------------------------------------------------------

@dataclass(frozen=True)
class DistrictApplication:
    uuid: str
    office_code: str
    reg_no: str
    service_id: str
    applicant: str
    applicant_iin: str | None
    office_status: str
    accepted_at: str
    decision_due: str | None
    decision: str | None
    inspection_date: str | None
    handed_over: bool


_APP_SQL = """
SELECT a.uuid, a.office_code, json_extract(a.data, '$.reg_no'),
  json_extract(a.data, '$.service_id'),
  coalesce(json_extract(p.data, '$.surname') || ' ' || json_extract(p.data, '$.given_name'), ''),
  json_extract(a.data, '$.applicant_iin'), json_extract(a.data, '$.status'),
  json_extract(a.data, '$.accepted_at'), json_extract(a.data, '$.decision_due'), r.decision,
  r.inspection_date,
  EXISTS (SELECT 1 FROM replica h WHERE h.kind = 'handover' AND h.office_code = a.office_code
          AND json_extract(h.data, '$.application_uuid') = a.uuid
          AND json_extract(h.data, '$.kind') = 'result')
FROM replica a
LEFT JOIN replica p ON p.kind = 'person' AND p.uuid = json_extract(a.data, '$.applicant_uuid')
LEFT JOIN district_results r ON r.application_uuid = a.uuid
WHERE a.kind = 'application' {where} ORDER BY a.office_code, json_extract(a.data, '$.reg_no')"""


def applications(db: sqlite_utils.Database, office_code: str | None = None,
                 undecided_only: bool = False) -> list[DistrictApplication]:
    clauses, params = [], []
    if office_code:
        clauses.append("AND a.office_code = ?")
        params.append(office_code)
    if undecided_only:
        clauses.append("AND r.decision IS NULL AND coalesce(json_extract(a.data, '$.status'), '')"
                       f" NOT IN ({', '.join(repr(s) for s in CLOSED_AT_OFFICE)})")
    return [DistrictApplication(r[0], r[1], r[2], r[3], r[4].strip(), r[5], r[6], r[7], r[8],
                                r[9], r[10], bool(r[11]))
            for r in db.execute(_APP_SQL.format(where=" ".join(clauses)), params)]


@dataclass(frozen=True)
class CorrectionSeen:
    """A correction the office made after the application reached the district."""

    office_code: str
    application_uuid: str
    reg_no: str
    at: str
    user: str
    reason: str
    person: dict          # field -> [before, after]
    documents: dict       # document id -> [before, after]


def corrections(db: sqlite_utils.Database, office_code: str | None = None
                ) -> list[CorrectionSeen]:
    """Corrections made after export, as the offices' batches carried them, newest first."""
    where, params = "", []
    if office_code:
        where, params = "AND a.office_code = ?", [office_code]
    out = []
    for code, uuid, reg_no, at, user, note, details in db.execute(
            "SELECT a.office_code, a.uuid, json_extract(a.data, '$.reg_no'),"
            " json_extract(e.value, '$.at'), json_extract(e.value, '$.user'),"
            " json_extract(e.value, '$.note'), json_extract(e.value, '$.details')"
            " FROM replica a, json_each(a.data, '$.events') e WHERE a.kind = 'application'"
            f" AND json_extract(e.value, '$.kind') = 'correction' {where}"
            " ORDER BY 4 DESC", params):
        d = loads(details) or {}
        if d.get("after_export"):
            out.append(CorrectionSeen(code, uuid, reg_no, at, user, note or "",
                                      d.get("person") or {}, d.get("documents") or {}))
    return out


@dataclass(frozen=True)
class DuplicateEntry:
    office_code: str
    reg_no: str
    application_uuid: str
    status: str
    accepted_at: str


@dataclass(frozen=True)
class Duplicate:
    iin: str
    service_id: str
    entries: tuple[DuplicateEntry, ...]


def duplicates(db: sqlite_utils.Database) -> list[Duplicate]:
    """The same IIN applying for the same service in two or more offices."""
    sql = """
    WITH apps AS (SELECT office_code, uuid, json_extract(data, '$.applicant_iin') AS iin,
                    json_extract(data, '$.service_id') AS service_id,
                    json_extract(data, '$.reg_no') AS reg_no,
                    json_extract(data, '$.status') AS status,
                    json_extract(data, '$.accepted_at') AS accepted_at
                  FROM replica WHERE kind = 'application')
    SELECT a.iin, a.service_id, a.office_code, a.reg_no, a.uuid, a.status, a.accepted_at FROM apps a
    WHERE a.iin IS NOT NULL AND a.iin != '' AND EXISTS (SELECT 1 FROM apps b WHERE b.iin = a.iin
          AND b.service_id = a.service_id AND b.office_code != a.office_code)
    ORDER BY a.iin, a.service_id, a.office_code, a.reg_no"""
    groups: dict[tuple[str, str], list[DuplicateEntry]] = {}
    for r in db.execute(sql):
        groups.setdefault((r[0], r[1]), []).append(DuplicateEntry(r[2], r[3], r[4], r[5], r[6]))
    return [Duplicate(iin, svc, tuple(e)) for (iin, svc), e in groups.items()]


@dataclass(frozen=True)
class OfficeOverview:
    code: str
    name: dict[str, str]
    fingerprint: str
    last_seq_in: int
    last_in_at: str | None
    batch_overdue: bool          # no batch within `weekly_days` (one trip plus slack)
    applications: int
    awaiting_decision: int
    decisions_overdue: int       # decision due date passed with no decision recorded
    results_to_return: int       # decisions and referrals not yet acknowledged by the office
    last_seq_out: int
    acked_seq: int


def overview(db: sqlite_utils.Database, today: dt.date, weekly_days: int = 8
             ) -> list[OfficeOverview]:
    out = []
    for p in db.execute("SELECT code, name_kk, name_ru, fingerprint, last_seq_in, last_in_at,"
                        " last_seq_out, acked_seq, acked_upto FROM sync_peers"
                        " WHERE mode = 'village'"
                        " ORDER BY code").fetchall():
        code = p[0]
        apps = applications(db, code)
        undecided = [a for a in apps if a.decision is None
                     and a.office_status not in CLOSED_AT_OFFICE]
        overdue = [a for a in undecided if a.decision_due and a.decision_due < today.isoformat()]
        pending = db.execute("SELECT count(DISTINCT kind || uuid) FROM change_log WHERE"
                             " office_code IN (?, '*') AND id > ?", [code, p[8]]).fetchone()[0]
        last = dt.datetime.fromisoformat(p[5]).date() if p[5] else None
        out.append(OfficeOverview(
            code=code, name={"kk": p[1], "ru": p[2]}, fingerprint=p[3], last_seq_in=p[4],
            last_in_at=p[5], batch_overdue=last is None or (today - last).days > weekly_days,
            applications=len(apps), awaiting_decision=len(undecided),
            decisions_overdue=len(overdue), results_to_return=pending, last_seq_out=p[6],
            acked_seq=p[7]))
    return out
