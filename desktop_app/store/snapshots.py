"""The office's records as they travel in a batch (uuids only, never local ids), and the district's
fields applied back onto them.

Imports store.db and store.applications. A snapshot is the record's whole current state; the other
side replaces what it holds.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desktop_app.domain.application import Status
from desktop_app.domain.errors import NotFound
from desktop_app.store import applications as app_store
from desktop_app.store.db import loads, one

if TYPE_CHECKING:
    import sqlite_utils

OFFICE_KINDS = ("household", "person", "application", "paper", "handover", "complaint")
DISTRICT_KINDS = ("result", "referral")


def household(db: sqlite_utils.Database, uuid: str) -> dict | None:
    return one(db, "SELECT uuid, address, book_ref, has_farm, farm_notes, created_at, updated_at"
                   " FROM households WHERE uuid = ?", [uuid])


def person(db: sqlite_utils.Database, uuid: str) -> dict | None:
    rec = one(db, "SELECT p.id, p.uuid, h.uuid AS household_uuid, p.iin, p.surname, p.given_name,"
                  " p.patronymic, p.birth_date, p.sex, p.address, p.phone, p.citizenship, p.rnn,"
                  " p.sik, p.relation, p.statuses, p.disability_group, p.created_at, p.updated_at,"
                  " l.uuid AS left_household_uuid, p.left_on, p.left_reason"
                  " FROM persons p LEFT JOIN households h ON h.id = p.household_id"
                  " LEFT JOIN households l ON l.id = p.left_household_id"
                  " WHERE p.uuid = ?", [uuid])
    if rec is None:
        return None
    rec["incomes"] = [{"kind": r[0], "month": r[1], "amount": r[2], "source": r[3]}
                      for r in db.execute("SELECT kind, month, amount, source FROM person_incomes"
                                          " WHERE person_id = ? ORDER BY month, kind, id",
                                          [rec.pop("id")])]
    return rec


def application(db: sqlite_utils.Database, uuid: str) -> dict | None:
    rec = one(db, "SELECT a.id, a.uuid, a.reg_no, a.year, a.seq, a.service_id, a.service_version,"
                  " p.uuid AS applicant_uuid, p.iin AS applicant_iin, h.uuid AS household_uuid,"
                  " a.status, a.route, a.accepted_at, a.decision_due, a.forward_by, a.result_by,"
                  " a.inspection_date, a.incomplete_reason, a.receiver_name,"
                  " a.receiver_position, a.answers, a.precheck, a.deadline_flags, a.complete_at,"
                  " a.closed_on, a.closed_reason, a.arrived_at, a.created_at, a.updated_at"
                  " FROM applications a JOIN persons p ON p.id = a.applicant_id"
                  " LEFT JOIN households h ON h.id = a.household_id WHERE a.uuid = ?", [uuid])
    if rec is None:
        return None
    app_id = rec.pop("id")
    rec["answers"] = loads(rec["answers"]) or {}
    rec["precheck"] = loads(rec["precheck"])
    rec["checklist"] = [{"document_id": r[0], "presented": r[1], "required": bool(r[2]),
                         "pages": r[3], "note": r[4], "presented_on": r[5]}
                        for r in db.execute("SELECT document_id, presented, required, pages, note,"
                                            " presented_on FROM application_documents"
                                            " WHERE application_id = ? ORDER BY id", [app_id])]
    rec["events"] = [{"at": r[0], "user": r[1], "status_from": r[2], "status_to": r[3],
                      "note": r[4], "kind": r[5], "details": loads(r[6])}
                     for r in db.execute("SELECT at, user, status_from, status_to, note, kind,"
                                         " details FROM application_events"
                                         " WHERE application_id = ? ORDER BY id", [app_id])]
    return rec


def paper(db: sqlite_utils.Database, uuid: str) -> dict | None:
    rec = one(db, "SELECT pa.uuid, pa.kind, pa.reg_no, a.uuid AS application_uuid,"
                  " p.uuid AS person_uuid, pa.language, pa.issued_at, pa.issued_by, pa.facts"
                  " FROM papers pa LEFT JOIN applications a ON a.id = pa.application_id"
                  " LEFT JOIN persons p ON p.id = pa.person_id WHERE pa.uuid = ?", [uuid])
    if rec is not None:
        rec["facts"] = loads(rec["facts"]) or {}
        rec["updated_at"] = rec["issued_at"]
    return rec


def handover(db: sqlite_utils.Database, uuid: str) -> dict | None:
    rec = one(db, "SELECT h.uuid, a.uuid AS application_uuid, h.kind, h.handed_on, h.to_whom,"
                  " h.signature_taken, h.note, h.recorded_by, h.recorded_at FROM handovers h"
                  " JOIN applications a ON a.id = h.application_id WHERE h.uuid = ?", [uuid])
    if rec is not None:
        rec["signature_taken"] = bool(rec["signature_taken"])
        rec["updated_at"] = rec["recorded_at"]
    return rec


def complaint(db: sqlite_utils.Database, uuid: str) -> dict | None:
    """A complaint of the journal with its review (schema v011: it travels to the district)."""
    rec = one(db, "SELECT c.uuid, c.reg_no, c.received_at, c.channel, c.complainant, c.address,"
                  " c.phone, p.uuid AS person_uuid, a.uuid AS application_uuid, c.subject,"
                  " c.accepted_by, c.accepted_name, c.accepted_position, c.outcome, c.justified,"
                  " c.reviewed_on, c.created_at FROM complaints c"
                  " LEFT JOIN persons p ON p.id = c.person_id"
                  " LEFT JOIN applications a ON a.id = c.application_id WHERE c.uuid = ?", [uuid])
    if rec is not None:
        rec["justified"] = None if rec["justified"] is None else bool(rec["justified"])
        rec["updated_at"] = rec["created_at"]
    return rec


READERS = {"household": household, "person": person, "application": application,
           "paper": paper, "handover": handover, "complaint": complaint}


def snapshot(db: sqlite_utils.Database, kind: str, uuid: str) -> dict | None:
    return READERS[kind](db, uuid)


# the district's fields, applied at the office ----------------------------------------------------

def application_id_by_uuid(db: sqlite_utils.Database, uuid: str) -> int | None:
    row = db.execute("SELECT id FROM applications WHERE uuid = ?", [uuid]).fetchone()
    return row[0] if row else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def apply_result(db: sqlite_utils.Database, rec: dict, *, now: str, user: str) -> int | None:
    """Decision and inspection date onto the application; returns its id when anything changed."""
    app_id = application_id_by_uuid(db, rec["application_uuid"])
    if app_id is None:
        raise NotFound(what="application", key=rec["application_uuid"])
    cur = db.execute("SELECT status, decision, decision_date, decision_amount, period_from,"
                     " period_to, refusal_codes, decision_no, inspection_date FROM applications"
                     " WHERE id = ?", [app_id]).fetchone()
    status, *held = cur
    codes = ",".join(rec.get("refusal_codes") or ())
    wanted = [rec.get("decision"), rec.get("decision_date"), rec.get("amount"),
              rec.get("period_from"), rec.get("period_to"), codes, rec.get("decision_no") or ""]
    changed = False
    if rec.get("decision") and held[:7] != wanted:
        app_store.record_decision(db, app_id, decision=rec["decision"],
                                  decided_on=dt.date.fromisoformat(rec["decision_date"]),
                                  amount=rec.get("amount"),
                                  period_from=_date(rec.get("period_from")),
                                  period_to=_date(rec.get("period_to")),
                                  refusal_codes=tuple(rec.get("refusal_codes") or ()), now=now,
                                  decision_no=rec.get("decision_no") or "")
        changed = True
    target = {"assigned": Status.ASSIGNED, "refused": Status.REFUSED}.get(rec.get("decision") or "")
    if target and Status(status) not in (target, Status.HANDED_OVER, Status.WITHDRAWN,
                                         Status.VOIDED):
        app_store.set_status(db, app_id, target, now=now, user=user, note="district decision")
        changed = True
    if rec.get("inspection_date") and rec["inspection_date"] != held[7]:
        db.execute("UPDATE applications SET inspection_date = ?, updated_at = ? WHERE id = ?",
                   [rec["inspection_date"], now, app_id])
        changed = True
    return app_id if changed else None


def apply_referral(db: sqlite_utils.Database, rec: dict, *, office_code: str) -> None:
    db.execute(
        "INSERT INTO referrals (uuid, application_uuid, office_code, kind, issued_on, place, note,"
        " valid_until, issued_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(uuid) DO UPDATE SET kind = excluded.kind, issued_on = excluded.issued_on,"
        " place = excluded.place, note = excluded.note, valid_until = excluded.valid_until,"
        " issued_by = excluded.issued_by, updated_at = excluded.updated_at",
        [rec["uuid"], rec["application_uuid"], office_code, rec["kind"], rec["issued_on"],
         rec.get("place", ""), rec.get("note", ""), rec.get("valid_until"),
         rec.get("issued_by", ""), rec["updated_at"]])
