"""What the reports count, one `AppFact` per application received in a period, read either from the
office's own tables or from the district's replica of its offices' records; and the complaints.

Imports store (db helpers) and domain only. Both readers produce the same facts from the same
recorded events, so a district's figures for an office equal the office's own once the batches are
through. Dates are compared as the office recorded them (local time, ISO text).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.domain.catalogue import AkimRole, DeadlineKind, RefusalKind, ServiceSpec
from desktop_app.domain.catalogue_loader import Catalogue
from desktop_app.store.db import loads

if TYPE_CHECKING:
    import sqlite_utils

DECIDED = ("assigned", "refused")
CLOSED = ("withdrawn", "voided")


@dataclass(frozen=True)
class AppFact:
    uuid: str
    office_code: str
    service_id: str
    applicant: str                    # a key for "people served" (person id or uuid)
    accepted_at: dt.datetime
    arrived_at: dt.datetime | None    # noted at reception (indicator 1.2)
    status: str
    incomplete_at_intake: bool        # accepted with documents missing (indicator 3.2)
    corrected: bool                   # a correction of what the office wrote (indicator 2.2)
    forward_by: dt.date | None        # the office hands the documents to the Department by
    forwarded_on: dt.date | None      # status "forwarded", or the documents carried by hand
    due_at: dt.datetime | None        # the service's term (1.1): decision due, forward-by for a
    done_at: dt.datetime | None       # forwarded service, minutes for a paper issued at once
    decision: str | None              # "assigned" / "refused"
    refusal_kind: str | None          # RefusalKind of a refusal: refusal / termination / ...
    decision_date: dt.date | None     # the district's decision (the office knows it from the
                                      # return batch; the office's own status events for it
                                      # never travel back, so the two sides compare this date)
    handed_on: dt.date | None         # the result handed to the citizen

    def forwarding(self, today: dt.date) -> str | None:
        """Against forward-by: "on_time", "late" (forwarded after it, or still not forwarded past
        it), "pending", or None (nothing to forward, or closed before anything was due)."""
        return _state(_end_of(self.forward_by),
                      dt.datetime.combine(self.forwarded_on, dt.time()) if self.forwarded_on
                      else None,
                      self.status, today)

    def term(self, today: dt.date) -> str | None:
        """The same against the service's own term (indicator 1.1)."""
        return _state(self.due_at, self.done_at, self.status, today)


def _state(due: dt.datetime | None, done: dt.datetime | None, status: str, today: dt.date
           ) -> str | None:
    if due is None:
        return None
    if done is not None:
        return "on_time" if done <= due else "late"
    if status in CLOSED:
        return None
    return "late" if today > due.date() else "pending"


@dataclass(frozen=True)
class ComplaintFact:
    service_id: str | None            # the application it is about, if any
    received_on: dt.date
    justified: bool | None            # None: not reviewed yet
    reviewed_on: dt.date | None
    office_code: str = ""             # at the district: the office whose journal it is in


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _end_of(day: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(day, dt.time(23, 59, 59)) if day else None


def _spec(catalogue: Catalogue, service_id: str) -> ServiceSpec | None:
    return catalogue.get(service_id) if service_id in catalogue else None


def _refusal_kind(catalogue: Catalogue, service_id: str, codes: list[str]) -> str:
    spec = _spec(catalogue, service_id)
    for code in codes:
        found = spec.refusal(code) if spec else None
        if found is not None:
            return found.kind.value
    return RefusalKind.REFUSAL.value


def _fact(catalogue: Catalogue, *, uuid: str, office_code: str, service_id: str, applicant: str,
          accepted_at: str, arrived_at: str | None, status: str, forward_by: str | None,
          decision_due: str | None, decision: str | None, decision_date: str | None,
          refusal_codes: list[str], events: list[dict], handovers: list[dict]) -> AppFact:
    events = sorted(events, key=lambda e: e.get("at") or "")
    first = next((e for e in events if (e.get("kind") or "status") == "status"), None)
    # forwarded: the status change, or the documents carried by hand (a day, not a moment)
    forwarded = [_day(e["at"]) for e in events if e.get("status_to") == "forwarded"]
    forwarded += [_day(h["handed_on"]) for h in handovers if h["kind"] == "documents"]
    handed = sorted(handed_day for h in handovers  # handed_on is NOT NULL in the schema
                    if h["kind"] == "result" and (handed_day := _day(h["handed_on"])))
    accepted = dt.datetime.fromisoformat(accepted_at)
    spec = _spec(catalogue, service_id)
    forwarded_on = min((d for d in forwarded if d), default=None)
    due_at = done_at = None
    if decision_due:
        due_at, done_at = _end_of(_day(decision_due)), _end_of(_day(decision_date))
    elif forward_by:
        due_at = _end_of(_day(forward_by))
        done_at = dt.datetime.combine(forwarded_on, dt.time()) if forwarded_on else None
    elif spec is not None and spec.akim_role == AkimRole.ISSUES:
        result = spec.deadline(DeadlineKind.RESULT)
        if result is not None:
            due_at = accepted + dt.timedelta(minutes=result.amount)
            done_at = next((_dt(e["at"]) for e in events if e.get("status_to") == "issued"),
                           None)
    return AppFact(
        uuid=uuid, office_code=office_code, service_id=service_id, applicant=applicant,
        accepted_at=accepted, arrived_at=_dt(arrived_at), status=status,
        incomplete_at_intake=bool(first and first.get("status_to") == "incomplete"),
        corrected=any(e.get("kind") == "correction" for e in events),
        forward_by=_day(forward_by), forwarded_on=forwarded_on, due_at=due_at, done_at=done_at,
        decision=decision if decision in DECIDED else None,
        refusal_kind=(_refusal_kind(catalogue, service_id, refusal_codes)
                      if decision == "refused" else None),
        decision_date=_day(decision_date) if decision in DECIDED else None,
        handed_on=handed[0] if handed else None)


def _codes(text: str | None) -> list[str]:
    return [c for c in (text or "").split(",") if c]


def office_facts(db: sqlite_utils.Database, catalogue: Catalogue, start: dt.date, end: dt.date,
                 office_code: str, service_id: str | None = None) -> list[AppFact]:
    """The office's applications accepted in [start, end], from its own tables."""
    where, params = "substr(a.accepted_at, 1, 10) BETWEEN ? AND ?", [start.isoformat(),
                                                                      end.isoformat()]
    if service_id:
        where += " AND a.service_id = ?"
        params.append(service_id)
    rows = db.execute(
        "SELECT a.id, a.uuid, a.service_id, a.applicant_id, a.accepted_at, a.arrived_at, a.status,"
        " a.forward_by, a.decision_due, a.decision, a.decision_date, a.refusal_codes"
        f" FROM applications a WHERE {where} ORDER BY a.accepted_at, a.id", params).fetchall()
    ids = [r[0] for r in rows]
    events: dict[int, list[dict]] = {i: [] for i in ids}
    handovers: dict[int, list[dict]] = {i: [] for i in ids}
    sub = f"SELECT a.id FROM applications a WHERE {where}"
    for app_id, at, status_from, status_to, kind in db.execute(
            "SELECT application_id, at, status_from, status_to, kind FROM application_events"
            f" WHERE application_id IN ({sub}) ORDER BY id", params):
        events[app_id].append({"at": at, "status_from": status_from, "status_to": status_to,
                               "kind": kind})
    for app_id, kind, handed_on in db.execute(
            "SELECT application_id, kind, handed_on FROM handovers"
            f" WHERE application_id IN ({sub}) ORDER BY id", params):
        handovers[app_id].append({"kind": kind, "handed_on": handed_on})
    return [_fact(catalogue, uuid=r[1], office_code=office_code, service_id=r[2],
                  applicant=str(r[3]), accepted_at=r[4], arrived_at=r[5], status=r[6],
                  forward_by=r[7], decision_due=r[8], decision=r[9], decision_date=r[10],
                  refusal_codes=_codes(r[11]), events=events[r[0]], handovers=handovers[r[0]])
            for r in rows]


def district_facts(db: sqlite_utils.Database, catalogue: Catalogue, start: dt.date, end: dt.date,
                   service_id: str | None = None) -> list[AppFact]:
    """Every office's applications accepted in [start, end], from the district's replica and the
    district's own decisions."""
    where = ("a.kind = 'application'"
             " AND substr(json_extract(a.data, '$.accepted_at'), 1, 10) BETWEEN ? AND ?")
    params: list = [start.isoformat(), end.isoformat()]
    if service_id:
        where += " AND json_extract(a.data, '$.service_id') = ?"
        params.append(service_id)
    handovers: dict[str, list[dict]] = {}
    for app_uuid, kind, handed_on in db.execute(
            "SELECT json_extract(data, '$.application_uuid'), json_extract(data, '$.kind'),"
            " json_extract(data, '$.handed_on') FROM replica WHERE kind = 'handover'"):
        handovers.setdefault(app_uuid, []).append({"kind": kind, "handed_on": handed_on})
    out = []
    for uuid, office_code, data, decision, decision_date, codes in db.execute(
            "SELECT a.uuid, a.office_code, a.data, r.decision, r.decision_date, r.refusal_codes"
            " FROM replica a LEFT JOIN district_results r ON r.application_uuid = a.uuid"
            f" WHERE {where} ORDER BY json_extract(a.data, '$.accepted_at'), a.uuid", params):
        rec = loads(data) or {}
        events = [e for e in rec.get("events") or [] if isinstance(e, dict) and e.get("at")]
        out.append(_fact(
            catalogue, uuid=uuid, office_code=office_code, service_id=rec["service_id"],
            applicant=str(rec.get("applicant_uuid") or uuid), accepted_at=rec["accepted_at"],
            arrived_at=rec.get("arrived_at"), status=rec.get("status") or "",
            forward_by=rec.get("forward_by"), decision_due=rec.get("decision_due"),
            decision=decision, decision_date=decision_date, refusal_codes=_codes(codes),
            events=events, handovers=handovers.get(uuid, [])))
    return out


def office_complaints(db: sqlite_utils.Database, start: dt.date, end: dt.date
                      ) -> list[ComplaintFact]:
    """Complaints received in [start, end] (the office's own journal)."""
    return [ComplaintFact(service_id=r[0], received_on=_day(r[1]) or start,
                          justified=None if r[2] is None else bool(r[2]),
                          reviewed_on=_day(r[3]))
            for r in db.execute(
                "SELECT a.service_id, c.received_at, c.justified, c.reviewed_on FROM complaints c"
                " LEFT JOIN applications a ON a.id = c.application_id"
                " WHERE substr(c.received_at, 1, 10) BETWEEN ? AND ? ORDER BY c.id",
                [start.isoformat(), end.isoformat()])]


def district_complaints(db: sqlite_utils.Database, start: dt.date, end: dt.date
                        ) -> list[ComplaintFact]:
    """Every office's complaints received in [start, end], from the district's replica (they
    travel since schema v011); the service is that of the application complained about."""
    out = []
    for office_code, received, justified, reviewed, service_id in db.execute(
            "SELECT c.office_code, json_extract(c.data, '$.received_at'),"
            " json_extract(c.data, '$.justified'), json_extract(c.data, '$.reviewed_on'),"
            " json_extract(a.data, '$.service_id') FROM replica c"
            " LEFT JOIN replica a ON a.kind = 'application'"
            " AND a.uuid = json_extract(c.data, '$.application_uuid')"
            " WHERE c.kind = 'complaint'"
            " AND substr(json_extract(c.data, '$.received_at'), 1, 10) BETWEEN ? AND ?"
            " ORDER BY c.office_code, json_extract(c.data, '$.received_at'), c.uuid",
            [start.isoformat(), end.isoformat()]):
        out.append(ComplaintFact(service_id=service_id, received_on=_day(received) or start,
                                 justified=None if justified is None else bool(justified),
                                 reviewed_on=_day(reviewed), office_code=office_code))
    return out
