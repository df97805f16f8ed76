"""The life of an application after intake: documents arriving later, corrections, withdrawal,
voiding, and what the district has of it. Each action is one transaction, role-checked first,
audited, and logged as a change so the next batch carries it.

Imports domain (lifecycle, deadlines, catalogue), store and services.intake (person checks).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from desktop_app.context import AppContext
from desktop_app.domain import lifecycle as rules
from desktop_app.domain.application import Application, ChecklistItem, Presented, Status
from desktop_app.domain.deadlines import compute_deadlines
from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.household import Person, Sex
from desktop_app.domain.iin import normalise_iin
from desktop_app.domain.lifecycle import EventKind
from desktop_app.domain.roles import ACTION_LABELS, Action
from desktop_app.i18n import N_
from desktop_app.services import Changes
from desktop_app.services.guard import can, require
from desktop_app.store import applications as app_store
from desktop_app.store import audit
from desktop_app.store import households as hh_store
from desktop_app.store import sync_log
from desktop_app.store.db import transaction

# the applicant's fields a correction may change, in the order a form shows them
PERSON_FIELDS = ("surname", "given_name", "patronymic", "iin", "birth_date", "sex", "address",
                 "phone")


def _load(ctx: AppContext, application_id: int) -> Application:
    return app_store.get(ctx.db, application_id)


def _how_presented(ctx: AppContext, app: Application, doc: str) -> Presented:
    """A later paper is taken as the catalogue asks: an original is seen, a copy is kept."""
    spec = ctx.catalogue.get(app.service_id)
    form = next((d.form for d in spec.documents if d.id == doc), "copy")
    return Presented.ORIGINAL_SEEN if form == "original" else Presented.BOTH


def _route(ctx: AppContext, application_id: int) -> str:
    row = ctx.db.execute("SELECT route FROM applications WHERE id = ?",
                         [application_id]).fetchone()
    return row[0] if row else "akim"


# documents arriving later ---------------------------------------------------------------------

@dataclass(frozen=True)
class Completion:
    application: Application
    complete: bool               # nothing required is missing any more
    still_missing: tuple[str, ...]
    changes: Changes


def complete_documents(ctx: AppContext, application_id: int, document_ids: list[str], *,
                       on: dt.date | None = None,
                       how: dict[str, Presented] | None = None) -> Completion:
    """Mark papers that arrived after intake. When nothing required is missing any more the
    application is registered and its deadlines are counted again from the day the set became
    complete (the acts count from the acceptance of a complete set)."""
    require(ctx, Action.TAKE_APPLICATION)
    now = ctx.now()
    day = on or now.date()
    app = _load(ctx, application_id)
    ids = list(dict.fromkeys(document_ids))
    rules.check_complete(app, ids, day, now.date())
    presented = {d: (how or {}).get(d) or _how_presented(ctx, app, d) for d in ids}
    still = rules.missing_after(app, set(ids))
    stamp = now.isoformat(timespec="seconds")
    details: dict[str, Any] = {"documents": ids, "on": day.isoformat()}
    with transaction(ctx.db):
        app_store.mark_presented(ctx.db, app.saved_id, ids, presented=presented, on=day)
        if still:
            app_store.touch(ctx.db, app.saved_id, stamp)
            app_store.add_event(ctx.db, app.saved_id, at=stamp, user=ctx.user.login,
                                status_from=app.status, status_to=app.status,
                                kind=EventKind.DOCUMENTS, details=details)
        else:
            spec = ctx.catalogue.get(app.service_id)
            moment = now if day == now.date() else dt.datetime.combine(
                day, ctx.calendar.office_hours.start, now.tzinfo)
            deadlines = compute_deadlines(spec, moment, ctx.calendar,
                                          route=_route(ctx, app.saved_id))
            app_store.set_fields(ctx.db, app.saved_id, {
                "decision_due": deadlines.decision_due, "forward_by": deadlines.forward_by,
                "complete_at": moment, "deadline_flags": deadlines.flags,
                "incomplete_reason": ""}, now=stamp)
            details.update(decision_due=deadlines.decision_due.isoformat()
                           if deadlines.decision_due else None,
                           forward_by=deadlines.forward_by.isoformat()
                           if deadlines.forward_by else None)
            app_store.db_status(ctx.db, app.saved_id, Status.REGISTERED)
            app_store.add_event(ctx.db, app.saved_id, at=stamp, user=ctx.user.login,
                                status_from=app.status, status_to=Status.REGISTERED,
                                kind=EventKind.DOCUMENTS, details=details)
        audit.record(ctx.db, at=stamp, user=ctx.user.login, action="application.complete",
                     table="applications", uuid=app.uuid, before={"status": app.status},
                     after={**details, "missing": still})
    return Completion(_load(ctx, app.saved_id), not still, tuple(still),
                      Changes(applications=frozenset({app.saved_id})))


# corrections ----------------------------------------------------------------------------------

@dataclass
class Correction:
    """What a correction changes: some of the applicant's fields, some checklist rows."""

    reason: str
    person: dict[str, Any] = field(default_factory=dict)       # PERSON_FIELDS -> new value
    documents: dict[str, Presented] = field(default_factory=dict)
    incomplete_reason: str = ""   # needed when a correction leaves a required paper missing


def _text(value: Any) -> Any:
    if isinstance(value, (dt.date, Sex)):
        return value.isoformat() if isinstance(value, dt.date) else value.value
    return value


def person_after(person: Person, changes: dict[str, Any]) -> tuple[Person, dict]:
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], N_("This field cannot be corrected here."),
                              code="unknown_field")
    after = Person(**{**person.__dict__})
    diff: dict[str, list] = {}
    for name, value in changes.items():
        if name == "iin":
            value = normalise_iin(value or "") or None
        elif name == "sex":
            value = Sex(value) if value else None
        elif name == "birth_date" and isinstance(value, str):
            value = dt.date.fromisoformat(value) if value else None
        elif isinstance(value, str):
            value = value.strip()
        if getattr(person, name) != value:
            diff[name] = [_text(getattr(person, name)), _text(value)]
            setattr(after, name, value)
    return after, diff


def correct_application(ctx: AppContext, application_id: int, correction: Correction
                        ) -> Changes:
    """Fix typing errors in the applicant's details or the checklist, with a reason. Once the
    application went to the district the correction travels as one (before / after)."""
    require(ctx, Action.TAKE_APPLICATION)
    from desktop_app.services.intake import validate_person

    app = _load(ctx, application_id)
    reason = rules.check_correct(app, correction.reason)
    applicant = hh_store.get_person(ctx.db, app.applicant_id)
    person, person_diff = person_after(applicant, correction.person)
    if person_diff:
        errors = validate_person(person, ctx.now().date())
        if errors:
            raise errors[0]
    listed = {c.document_id: c for c in app.checklist}
    doc_diff: dict[str, list] = {}
    for doc, presented in correction.documents.items():
        if doc not in listed:
            raise ValidationError("documents", N_("{document} is not on this application's "
                                                  "checklist."), code="unknown_document",
                                  document=doc)
        if listed[doc].presented != presented:
            doc_diff[doc] = [listed[doc].presented.value, Presented(presented).value]
    if not person_diff and not doc_diff:
        raise ValidationError("reason", N_("Nothing was changed: there is nothing to correct."),
                              code="no_change")
    if doc_diff and app.status not in (Status.REGISTERED, Status.INCOMPLETE):
        raise ValidationError("documents", N_("The checklist can be corrected only before the "
                                              "documents go to the Department."),
                              code="checklist_closed")
    items = [ChecklistItem(c.document_id, Presented(correction.documents.get(
        c.document_id, c.presented)), c.required, c.pages, c.note) for c in app.checklist]
    missing = [c.document_id for c in items if c.required and c.presented == Presented.MISSING]
    status = app.status
    if doc_diff:
        status = Status.INCOMPLETE if missing else Status.REGISTERED
        if missing and not (correction.incomplete_reason.strip() or app.incomplete_reason):
            raise ValidationError("incomplete_reason", N_("Required documents are missing. "
                                                          "Record the reason."),
                                  code="missing_documents")
    sent = sync_state(ctx, app)
    now = ctx.now_iso()
    details = {"person": person_diff, "documents": doc_diff,
               "after_export": sent.sent_seq is not None}
    with transaction(ctx.db):
        if person_diff:
            hh_store.update_person_details(ctx.db, person, now=now)
            audit.record(ctx.db, at=now, user=ctx.user.login, action="person.correct",
                         table="persons", uuid=person.uuid,
                         before={k: v[0] for k, v in person_diff.items()},
                         after={k: v[1] for k, v in person_diff.items()})
        for item in items:
            if item.document_id in doc_diff:
                app_store.set_checklist_item(ctx.db, app.saved_id, item)
        if status != app.status:
            app_store.db_status(ctx.db, app.saved_id, status)
        fields: dict[str, Any] = {}
        if status == Status.INCOMPLETE and correction.incomplete_reason.strip():
            fields["incomplete_reason"] = correction.incomplete_reason.strip()
        if status == Status.REGISTERED and app.status == Status.INCOMPLETE:
            fields["incomplete_reason"] = ""  # the set was complete at intake after all
        if fields:
            app_store.set_fields(ctx.db, app.saved_id, fields, now=now)
        else:
            app_store.touch(ctx.db, app.saved_id, now)
        app_store.add_event(ctx.db, app.saved_id, at=now, user=ctx.user.login,
                            status_from=app.status, status_to=status, note=reason,
                            kind=EventKind.CORRECTION, details=details)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="application.correct",
                     table="applications", uuid=app.uuid, before={"status": app.status},
                     after={"status": status, "reason": reason, **details})
    return Changes(applications=frozenset({app.saved_id}),
                   persons=frozenset({app.applicant_id}) if person_diff else frozenset())


# withdrawal and voiding -------------------------------------------------------------------------

def withdraw(ctx: AppContext, application_id: int, *, reason: str,
             requested_on: dt.date) -> Changes:
    """The citizen withdrew the application in writing: it leaves every work list."""
    require(ctx, Action.TAKE_APPLICATION)
    app = _load(ctx, application_id)
    text = rules.check_withdraw(app, reason, requested_on, ctx.now().date())
    return _close(ctx, app, Status.WITHDRAWN, EventKind.WITHDRAWN, text, requested_on,
                  "application.withdraw")


def may_void(ctx: AppContext, app: Application) -> bool:
    """The akim or an administrator; or the specialist who took it, on the same day."""
    if can(ctx, Action.VOID_APPLICATION):
        return True
    return (can(ctx, Action.TAKE_APPLICATION) and app.accepted_at.date() == ctx.now().date()
            and app_store.author_of(ctx.db, app.saved_id) == ctx.user.login)


def void(ctx: AppContext, application_id: int, *, reason: str) -> Changes:
    """A registration made in error: the number stays in the journal, marked voided."""
    app = _load(ctx, application_id)
    if not may_void(ctx, app):
        require(ctx, Action.VOID_APPLICATION)  # raises: not signed in / not allowed
        raise PermissionDenied(Action.VOID_APPLICATION.value,
                               ACTION_LABELS[Action.VOID_APPLICATION])
    text = rules.check_void(app, reason)
    return _close(ctx, app, Status.VOIDED, EventKind.VOIDED, text, ctx.now().date(),
                  "application.void")


def _close(ctx: AppContext, app: Application, status: Status, kind: EventKind, reason: str,
           on: dt.date, action: str) -> Changes:
    now = ctx.now_iso()
    with transaction(ctx.db):
        app_store.set_fields(ctx.db, app.saved_id, {"closed_on": on, "closed_reason": reason},
                             now=now)
        app_store.db_status(ctx.db, app.saved_id, status)
        app_store.add_event(ctx.db, app.saved_id, at=now, user=ctx.user.login,
                            status_from=app.status,
                            status_to=status, note=reason, kind=kind,
                            details={"on": on.isoformat()})
        audit.record(ctx.db, at=now, user=ctx.user.login, action=action, table="applications",
                     uuid=app.uuid, before={"status": app.status},
                     after={"status": status, "reason": reason, "on": on.isoformat()})
    return Changes(applications=frozenset({app.saved_id}))


# what the district has --------------------------------------------------------------------------

@dataclass(frozen=True)
class SyncState:
    """Where the application's newest version stands on the way to the district."""

    sent_seq: int | None = None      # the first batch that carried its newest version
    sent_at: str | None = None
    acked_at: str | None = None      # the district acknowledged that batch
    changed_since: bool = False      # changed after the last batch that carried it
    peer: str = ""

    @property
    def awaiting(self) -> bool:
        return self.sent_seq is not None and self.acked_at is None and not self.changed_since


def sync_state(ctx: AppContext, app: Application) -> SyncState:
    """Sent in which regular batch, acknowledged or not (an urgent batch does not move the
    acknowledged point: the next regular batch carries the application again)."""
    db = ctx.db
    last = db.execute("SELECT max(id) FROM change_log WHERE kind = 'application' AND uuid = ?"
                      " AND office_code IS NULL", [app.uuid]).fetchone()[0]
    if last is None:
        return SyncState()
    row = db.execute("SELECT seq, created_at, acked_at, peer_code FROM sync_batches"
                     " WHERE direction = 'out' AND urgent = 0 AND covers >= ?"
                     " ORDER BY seq LIMIT 1", [last]).fetchone()
    if row is not None:
        return SyncState(row[0], row[1], row[2], False, row[3])
    earlier = db.execute("SELECT seq, created_at, acked_at, peer_code FROM sync_batches"
                         " WHERE direction = 'out' AND urgent = 0 AND covers >= (SELECT min(id)"
                         " FROM change_log WHERE kind = 'application' AND uuid = ?)"
                         " ORDER BY seq DESC LIMIT 1", [app.uuid]).fetchone()
    if earlier is not None:
        return SyncState(earlier[0], earlier[1], earlier[2], True, earlier[3])
    return SyncState()

def sync_states(ctx: AppContext, app_ids: list[int] | None = None) -> dict[int, SyncState]:
    """`sync_state` for many applications at once (all when `app_ids` is None): one pass over the
    change log and one over the batch log; applications never changed here are left out."""
    spans = sync_log.application_change_spans(ctx.db)
    regular = sorted((b for b in sync_log.batches(ctx.db, direction="out") if not b.urgent),
                     key=lambda b: b.seq)
    wanted = spans.keys() if app_ids is None else [i for i in app_ids if i in spans]
    out: dict[int, SyncState] = {}
    for app_id in wanted:
        first, last = spans[app_id]
        carried = next((b for b in regular if b.covers >= last), None)
        if carried is not None:
            out[app_id] = SyncState(carried.seq, carried.created_at, carried.acked_at, False,
                                    carried.peer_code)
            continue
        earlier = next((b for b in reversed(regular) if b.covers >= first), None)
        if earlier is not None:
            out[app_id] = SyncState(earlier.seq, earlier.created_at, earlier.acked_at, True,
                                    earlier.peer_code)
    return out



def open_duplicates(ctx: AppContext, person_id: int | None, service_id: str) -> list[str]:
    """Registration numbers of the person's still open applications for the same service."""
    if person_id is None:
        return []
    from desktop_app.domain.application import OPEN_STATUSES

    return app_store.open_for(ctx.db, person_id=person_id, service_id=service_id,
                              statuses=tuple(s.value for s in OPEN_STATUSES))


ACTIONS = ("complete", "correct", "withdraw", "void")


def action_blockers(ctx: AppContext, app: Application) -> dict[str, str | None]:
    """For each action: None when the signed-in user may do it to `app` as it stands, else the
    reason (a msgid), so the GUI disables the button with its reason before any dialog opens."""
    closed = (N_("The application is closed (withdrawn or voided).")
              if app.status in rules.CLOSED else None)
    role = None if can(ctx, Action.TAKE_APPLICATION) else N_("Only a specialist may do this.")
    out: dict[str, str | None] = {
        "complete": closed or role or (None if app.status == Status.INCOMPLETE
                                       else N_("No document is missing.")),
        "correct": closed or role,
        "withdraw": closed or role or (N_("A decision already exists.")
                                       if app.status in rules.DECIDED else None),
        "void": closed or (N_("A decision already exists.")
                           if app.status in (Status.ASSIGNED, Status.HANDED_OVER)
                           or app.decision else None),
    }
    if out["void"] is None and not may_void(ctx, app):
        out["void"] = N_("Only the akim or an administrator may void it; the specialist who "
                         "took it may on the same day.")
    return out
