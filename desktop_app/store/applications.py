"""Applications, their checklist rows, status events and gap-free registration numbers.

Imports domain.application and store.db. A registration number is taken inside the saving
transaction,
so a rolled-back save leaves no gap: `<office code>-<year>-<000123>`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast
from dataclasses import dataclass

from desktop_app.domain.application import Application, ChecklistItem, Presented, Status
from desktop_app.domain.errors import NotFound
from desktop_app.store.db import dumps, loads, new_uuid

if TYPE_CHECKING:
    import sqlite_utils


def next_reg_no(db: sqlite_utils.Database, office_id: int, office_code: str, year: int
                ) -> tuple[str, int]:
    """Take the next number of the office's year; must run inside the saving transaction."""
    db.execute("INSERT INTO reg_counters (office_id, year, last) VALUES (?, ?, 1) "
               "ON CONFLICT(office_id, year) DO UPDATE SET last = last + 1", [office_id, year])
    seq = db.execute("SELECT last FROM reg_counters WHERE office_id = ? AND year = ?",
                     [office_id, year]).fetchone()[0]
    return f"{office_code}-{year}-{seq:06d}", seq


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def insert(db: sqlite_utils.Database, app: Application, *, office_id: int, office_code: str,
           route: str, answers: dict, now: str, user: str) -> Application:
    year = app.accepted_at.year
    app.reg_no, seq = next_reg_no(db, office_id, office_code, year)
    app.uuid = app.uuid or new_uuid()
    row = {
        "uuid": app.uuid, "reg_no": app.reg_no, "office_id": office_id, "year": year, "seq": seq,
        "service_id": app.service_id, "service_version": app.service_version,
        "applicant_id": app.applicant_id, "household_id": app.household_id,
        "status": app.status.value, "route": route,
        "accepted_at": app.accepted_at.isoformat(timespec="seconds"),
        "decision_due": _iso(app.decision_due), "forward_by": _iso(app.forward_by),
        "result_by": None, "inspection_date": _iso(app.inspection_date),
        "incomplete_reason": app.incomplete_reason, "receiver_name": app.receiver_name,
        "receiver_position": app.receiver_position, "answers": dumps(answers),
        "precheck": dumps(app.precheck) if app.precheck is not None else None,
        "deadline_flags": ",".join(app.deadline_flags), "created_at": now, "updated_at": now,
        "arrived_at": app.arrived_at.isoformat(timespec="seconds") if app.arrived_at else None,
    }
    # an insert into a rowid table always has a last_pk: the new row's id
    app.id = app_id = cast(int, db.table("applications").insert(row).last_pk)
    db.table("application_documents").insert_all(
        {"application_id": app.id, "document_id": c.document_id, "presented": c.presented.value,
         "required": int(c.required), "pages": c.pages, "note": c.note} for c in app.checklist)
    add_event(db, app_id, at=now, user=user, status_from=None, status_to=app.status,
              note=app.incomplete_reason)
    return app


def add_event(db: sqlite_utils.Database, application_id: int, *, at: str, user: str,
              status_from: Status | None, status_to: Status, note: str = "",
              kind: str = "status", details: dict | None = None) -> None:
    """One entry of the application's history; `details` holds e.g. a correction's before/after."""
    db.table("application_events").insert({
        "application_id": application_id, "at": at, "user": user,
        "status_from": status_from.value if status_from else None, "status_to": status_to.value,
        "note": note, "kind": kind, "details": dumps(details) if details is not None else None})


def set_status(db: sqlite_utils.Database, application_id: int, status: Status, *, now: str,
               user: str, note: str = "") -> tuple[Status, Status]:
    before = Status(db.execute("SELECT status FROM applications WHERE id = ?",
                               [application_id]).fetchone()[0])
    db.execute("UPDATE applications SET status = ?, updated_at = ? WHERE id = ?",
               [status.value, now, application_id])
    add_event(db, application_id, at=now, user=user, status_from=before, status_to=status,
              note=note)
    return before, status


def mark_presented(db: sqlite_utils.Database, application_id: int, document_ids: list[str], *,
                   presented: dict[str, Presented], on: dt.date) -> None:
    """Checklist rows of papers that arrived later: how they were presented and the day."""
    for doc in document_ids:
        db.execute("UPDATE application_documents SET presented = ?, presented_on = ?"
                   " WHERE application_id = ? AND document_id = ?",
                   [presented[doc].value, on.isoformat(), application_id, doc])


def set_checklist_item(db: sqlite_utils.Database, application_id: int, item: ChecklistItem
                       ) -> None:
    db.execute("UPDATE application_documents SET presented = ?, pages = ?, note = ?"
               " WHERE application_id = ? AND document_id = ?",
               [item.presented.value, item.pages, item.note, application_id, item.document_id])


def set_fields(db: sqlite_utils.Database, application_id: int, fields: dict, *, now: str) -> None:
    """Update the named columns (dates as date objects or ISO text) and `updated_at`."""
    allowed = {"decision_due", "forward_by", "complete_at", "deadline_flags", "closed_on",
               "closed_reason", "incomplete_reason", "inspection_date"}
    if not fields or set(fields) - allowed:
        raise ValueError(f"not an application field: {sorted(set(fields) - allowed)}")
    values = [v.isoformat(timespec="seconds") if isinstance(v, dt.datetime)
              else v.isoformat() if isinstance(v, dt.date)
              else ",".join(v) if isinstance(v, tuple) else v for v in fields.values()]
    sets = ", ".join(f"{k} = ?" for k in fields)
    db.execute(f"UPDATE applications SET {sets}, updated_at = ? WHERE id = ?",
               [*values, now, application_id])


def db_status(db: sqlite_utils.Database, application_id: int, status: Status) -> None:
    """Set the status alone; the caller writes the event that explains it."""
    db.execute("UPDATE applications SET status = ? WHERE id = ?", [status.value, application_id])


def touch(db: sqlite_utils.Database, application_id: int, now: str) -> None:
    """Mark the application changed (so the change log carries it in the next batch)."""
    db.execute("UPDATE applications SET updated_at = ? WHERE id = ?", [now, application_id])


def author_of(db: sqlite_utils.Database, application_id: int) -> str:
    """The login that took the application (its first event)."""
    row = db.execute("SELECT user FROM application_events WHERE application_id = ?"
                     " ORDER BY id LIMIT 1", [application_id]).fetchone()
    return row[0] if row else ""


def open_for(db: sqlite_utils.Database, *, person_id: int, service_id: str,
             statuses: tuple[str, ...]) -> list[str]:
    """Registration numbers of the person's applications for the service in `statuses`."""
    marks = ",".join("?" * len(statuses))
    return [r[0] for r in db.execute(
        f"SELECT reg_no FROM applications WHERE applicant_id = ? AND service_id = ?"
        f" AND status IN ({marks}) ORDER BY accepted_at", [person_id, service_id, *statuses])]


def record_decision(db: sqlite_utils.Database, application_id: int, *, decision: str,
                    decided_on: dt.date, amount: str | None, period_from: dt.date | None,
                    period_to: dt.date | None, refusal_codes: tuple[str, ...], now: str,
                    decision_no: str = "") -> None:
    db.execute("UPDATE applications SET decision = ?, decision_no = ?, decision_date = ?,"
               " decision_amount = ?, period_from = ?, period_to = ?, refusal_codes = ?,"
               " updated_at = ? WHERE id = ?",
               [decision, decision_no, decided_on.isoformat(), amount, _iso(period_from),
                _iso(period_to), ",".join(refusal_codes), now, application_id])


def tsa_assigned_covering(db: sqlite_utils.Database, household_id: int | None, person_id: int,
                          first_day: dt.date, last_day: dt.date,
                          service_id: str = "tsa") -> dict | None:
    """The TSA assignment of the person (or the household) whose period overlaps the days given."""
    row = db.execute(
        "SELECT reg_no, decision_date, decision_amount, period_from, period_to, decision_no"
        " FROM applications"
        " WHERE service_id = ? AND decision = 'assigned' AND (applicant_id = ? OR"
        " (household_id IS NOT NULL AND household_id = ?))"
        " AND period_from <= ? AND period_to >= ? ORDER BY period_from DESC LIMIT 1",
        [service_id, person_id, household_id, last_day.isoformat(), first_day.isoformat()]
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("reg_no", "decision_date", "amount", "period_from", "period_to",
                     "decision_no"), row))


def _from_row(db: sqlite_utils.Database, r: dict) -> Application:
    date = dt.date.fromisoformat
    checklist = [ChecklistItem(document_id=c["document_id"], presented=Presented(c["presented"]),
                               required=bool(c["required"]), pages=c["pages"], note=c["note"],
                               presented_on=date(c["presented_on"]) if c["presented_on"]
                               else None)
                 for c in db["application_documents"].rows_where(
                     "application_id = ?", [r["id"]], order_by="id")]
    return Application(
        service_id=r["service_id"], service_version=r["service_version"],
        applicant_id=r["applicant_id"], accepted_at=dt.datetime.fromisoformat(r["accepted_at"]),
        status=Status(r["status"]), checklist=checklist, household_id=r["household_id"],
        reg_no=r["reg_no"], decision_due=date(r["decision_due"]) if r["decision_due"] else None,
        forward_by=date(r["forward_by"]) if r["forward_by"] else None,
        inspection_date=date(r["inspection_date"]) if r["inspection_date"] else None,
        incomplete_reason=r["incomplete_reason"], receiver_name=r["receiver_name"],
        receiver_position=r["receiver_position"], precheck=loads(r["precheck"]),
        deadline_flags=tuple(f for f in r["deadline_flags"].split(",") if f),
        complete_at=dt.datetime.fromisoformat(r["complete_at"]) if r["complete_at"] else None,
        closed_on=date(r["closed_on"]) if r["closed_on"] else None,
        closed_reason=r["closed_reason"], decision=r["decision"], id=r["id"], uuid=r["uuid"],
        arrived_at=dt.datetime.fromisoformat(r["arrived_at"]) if r.get("arrived_at") else None)


def get(db: sqlite_utils.Database, application_id: int) -> Application:
    rows = list(db["applications"].rows_where("id = ?", [application_id]))
    if not rows:
        raise NotFound(what="application", key=application_id)
    return _from_row(db, rows[0])


def by_reg_no(db: sqlite_utils.Database, reg_no: str) -> Application:
    rows = list(db["applications"].rows_where("reg_no = ?", [reg_no.strip()]))
    if not rows:
        raise NotFound(what="application", key=reg_no)
    return _from_row(db, rows[0])


def answers_of(db: sqlite_utils.Database, application_id: int) -> dict:
    row = db.execute("SELECT answers FROM applications WHERE id = ?", [application_id]).fetchone()
    return loads(row[0]) if row else {}


def events(db: sqlite_utils.Database, application_id: int) -> list[dict]:
    """The history, oldest first; `details` parsed (a correction's before / after)."""
    out = list(db["application_events"].rows_where("application_id = ?", [application_id],
                                                   order_by="id"))
    for e in out:
        e["details"] = loads(e["details"]) if e.get("details") else None
    return out


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    reg_no: str
    service_id: str
    status: Status
    applicant: str
    applicant_iin: str | None
    accepted_at: dt.datetime
    decision_due: dt.date | None
    forward_by: dt.date | None
    household_id: int | None


def list_rows(db: sqlite_utils.Database, *, service_id: str | None = None,
              statuses: set[Status] | None = None, person_id: int | None = None,
              household_id: int | None = None, ids: list[int] | None = None,
              limit: int = 5000) -> list[ApplicationRow]:
    clauses: list[str] = []
    params: list[int | str] = []
    if ids is not None:
        clauses.append(f"a.id IN ({','.join('?' * len(ids)) or 'NULL'})")
        params += ids
    if service_id:
        clauses.append("a.service_id = ?")
        params.append(service_id)
    if statuses:
        clauses.append(f"a.status IN ({','.join('?' * len(statuses))})")
        params += [s.value for s in statuses]
    if person_id is not None:
        clauses.append("a.applicant_id = ?")
        params.append(person_id)
    if household_id is not None:
        clauses.append("a.household_id = ?")
        params.append(household_id)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = f"""SELECT a.id, a.reg_no, a.service_id, a.status,
                 p.surname || ' ' || p.given_name || ' ' || p.patronymic, p.iin, a.accepted_at,
                 a.decision_due, a.forward_by, a.household_id
              FROM applications a JOIN persons p ON p.id = a.applicant_id {where}
              ORDER BY a.accepted_at DESC, a.id DESC LIMIT ?"""
    date = dt.date.fromisoformat
    return [ApplicationRow(r[0], r[1], r[2], Status(r[3]), r[4].strip(), r[5],
                           dt.datetime.fromisoformat(r[6]), date(r[7]) if r[7] else None,
                           date(r[8]) if r[8] else None, r[9])
            for r in db.execute(sql, [*params, limit])]


def by_number_part(db: sqlite_utils.Database, text: str, limit: int = 20) -> list[ApplicationRow]:
    """Applications whose registration number contains `text` ("123", "2026-000123"), newest
    first; a bare number also matches its zero-padded sequence."""
    like = text.replace("\\", "").replace("%", "").replace("_", "")
    clauses = ["a.reg_no LIKE ?"]
    params: list = [f"%{like}%"]
    if like.isdigit():
        clauses.append("a.seq = ?")
        params.append(int(like))
    ids = [r[0] for r in db.execute(
        f"SELECT a.id FROM applications a WHERE {' OR '.join(clauses)}"
        " ORDER BY a.seq = ? DESC, a.accepted_at DESC LIMIT ?",
        [*params, int(like) if like.isdigit() else -1, limit])]
    rows = {r.id: r for r in list_rows(db, ids=ids)}
    return [rows[i] for i in ids if i in rows]


def inspections_between(db: sqlite_utils.Database, first: dt.date, last: dt.date
                        ) -> dict[int, dt.date]:
    """Open applications with a home inspection scheduled from `first` to `last`: id -> date."""
    return {r[0]: dt.date.fromisoformat(r[1]) for r in db.execute(
        "SELECT id, inspection_date FROM applications WHERE inspection_date BETWEEN ? AND ?"
        " AND status IN ('registered', 'incomplete', 'forwarded')",
        [first.isoformat(), last.isoformat()])}


def record_paper(db: sqlite_utils.Database, *, kind: str, reg_no: str, application_id: int | None,
                 person_id: int | None, language: str, issued_at: str, issued_by: str,
                 facts: dict) -> str:
    uuid = new_uuid()
    db.table("papers").insert({"uuid": uuid, "kind": kind, "reg_no": reg_no,
                         "application_id": application_id, "person_id": person_id,
                         "language": language, "issued_at": issued_at, "issued_by": issued_by,
                         "facts": dumps(facts)})
    return uuid


def papers_of(db: sqlite_utils.Database, application_id: int) -> list[dict]:
    return list(db["papers"].rows_where("application_id = ?", [application_id], order_by="id"))
