"""Application use cases: the work list with due states, one application's file, decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.context import AppContext
from desktop_app.domain.application import OPEN_STATUSES, Application, Status
from desktop_app.domain.deadlines import due_state
from desktop_app.services import Changes
from desktop_app.services.guard import require
from desktop_app.services.lifecycle import SyncState, sync_state
from desktop_app.store import applications as app_store
from desktop_app.store import audit
from desktop_app.store.applications import ApplicationRow
from desktop_app.store.db import transaction


@dataclass(frozen=True)
class WorkRow:
    row: ApplicationRow
    due: dt.date | None       # the date that matters now: forward by, else decision due
    due_state: str            # "overdue", "due_soon", "ok" or "" for closed applications


def work_list(ctx: AppContext, *, service_id: str | None = None,
              statuses: set[Status] | None = None, household_id: int | None = None
              ) -> list[WorkRow]:
    today = ctx.now().date()
    out = []
    for r in app_store.list_rows(ctx.db, service_id=service_id, statuses=statuses,
                                 household_id=household_id):
        due = r.decision_due
        if r.status in (Status.REGISTERED, Status.INCOMPLETE) and r.forward_by:
            due = min(r.forward_by, due) if due else r.forward_by
        state = due_state(due, today, ctx.calendar) if due and r.status in OPEN_STATUSES else ""
        out.append(WorkRow(r, due, state))
    return out


def get(ctx: AppContext, application_id: int) -> Application:
    return app_store.get(ctx.db, application_id)


def by_reg_no(ctx: AppContext, reg_no: str) -> Application:
    return app_store.by_reg_no(ctx.db, reg_no)


def record_decision(ctx: AppContext, application_id: int, *, assigned: bool, decided_on: dt.date,
                    amount: str | None = None, period_from: dt.date | None = None,
                    period_to: dt.date | None = None, refusal_codes: tuple[str, ...] = (),
                    decision_no: str = "") -> Changes:
    """Record the district's decision as it came back on paper (assigned or refused)."""
    require(ctx, "record_decision")
    now = ctx.now_iso()
    status = Status.ASSIGNED if assigned else Status.REFUSED
    with transaction(ctx.db):
        app = app_store.get(ctx.db, application_id)
        app_store.record_decision(ctx.db, application_id,
                                  decision="assigned" if assigned else "refused",
                                  decided_on=decided_on, amount=amount, period_from=period_from,
                                  period_to=period_to, refusal_codes=refusal_codes, now=now,
                                  decision_no=" ".join(decision_no.split())[:50])
        app_store.set_status(ctx.db, application_id, status, now=now, user=ctx.user.login)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="application.decision",
                     table="applications", uuid=app.uuid, before={"status": app.status},
                     after={"status": status, "amount": amount, "refusal_codes": refusal_codes})
    return Changes(applications=frozenset({application_id}))


def events(ctx: AppContext, application_id: int) -> list[dict]:
    """The status history of one application, oldest first (at, user, status_from, status_to,
    note)."""
    return app_store.events(ctx.db, application_id)


@dataclass(frozen=True)
class ApplicationFile:
    """Everything about one application: the record, who applied, its history, its papers and
    where it stands on the way to the district."""

    application: Application
    applicant_name: str
    applicant_iin: str           # as the signed-in user may see it
    events: list[dict]
    papers: list[dict]
    sync: SyncState
    due_state: str


def show(ctx: AppContext, reg_no: str) -> ApplicationFile:
    """`application show`: read-only, but personal data, so the role is checked first."""
    require(ctx, "print_paper")
    from desktop_app.services.guard import shown_iin
    from desktop_app.store import households as hh_store

    app = app_store.by_reg_no(ctx.db, reg_no)
    person = hh_store.get_person(ctx.db, app.applicant_id)
    due = app.forward_by if app.status in (Status.REGISTERED, Status.INCOMPLETE) else None
    due = min(d for d in (due, app.decision_due) if d) if (due or app.decision_due) else None
    state = due_state(due, ctx.now().date(), ctx.calendar) if due and \
        app.status in OPEN_STATUSES else ""
    return ApplicationFile(app, person.full_name, shown_iin(ctx, person.iin),
                           app_store.events(ctx.db, app.saved_id),
                           app_store.papers_of(ctx.db, app.saved_id),
                           sync_state(ctx, app), state)
