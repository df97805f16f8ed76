"""The office's day on one page: what is overdue, due soon, waiting for papers, back from the
district to hand over, inspections this week, the next trip and what must go before it, batches
not yet acknowledged, parameters about to lapse, and the age of the last backup.

Reads only; calls the other services' read functions and checks the role first (personal data).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from desktop_app.context import AppContext
from desktop_app.domain.application import Status
from desktop_app.domain.errors import StorageError
from desktop_app.domain.roles import Action
from desktop_app.i18n import N_
from desktop_app.services import applications, handover, parameters, sync_plan
from desktop_app.services.applications import WorkRow
from desktop_app.services.guard import can, require
from desktop_app.services.handover import ReadyRow
from desktop_app.services.parameters import ParameterAlert
from desktop_app.store import applications as app_store
from desktop_app.store import backup as backup_store
from desktop_app.store import sync_log
from desktop_app.store.applications import ApplicationRow
from desktop_app.store.sync_log import BatchLogRow


@dataclass(frozen=True)
class Today:
    day: dt.date
    overdue: list[WorkRow] = field(default_factory=list)
    due_soon: list[WorkRow] = field(default_factory=list)
    incomplete: list[WorkRow] = field(default_factory=list)
    to_hand_over: list[ReadyRow] = field(default_factory=list)
    inspections: list[tuple[dt.date, ApplicationRow]] = field(default_factory=list)
    next_trip: dt.date | None = None
    before_trip: list[ApplicationRow] = field(default_factory=list)
    unacknowledged: list[BatchLogRow] = field(default_factory=list)
    parameter_alerts: list[ParameterAlert] = field(default_factory=list)
    last_backup: dt.date | None = None

    @property
    def backup_age_days(self) -> int | None:
        return (self.day - self.last_backup).days if self.last_backup else None


def _inspections(ctx: AppContext, day: dt.date) -> list[tuple[dt.date, ApplicationRow]]:
    monday = day - dt.timedelta(days=day.weekday())
    dates = app_store.inspections_between(ctx.db, monday, monday + dt.timedelta(days=6))
    rows = app_store.list_rows(ctx.db, ids=list(dates))
    return sorted(((dates[r.id], r) for r in rows), key=lambda p: (p[0], p[1].reg_no))


def today(ctx: AppContext) -> Today:
    """The Today lists; a file that cannot be read is a StorageError (the page says so while the
    file's check decides what to offer), never a crash."""
    try:
        return _today(ctx)
    except sqlite3.DatabaseError as exc:
        raise StorageError(N_("The data file cannot be read ({detail}). Akimat Desk is checking "
                              "it and will offer the latest good backup if it is damaged."),
                           code="unreadable", detail=str(exc)) from exc


def _today(ctx: AppContext) -> Today:
    """The lists of the Today page for the signed-in user's roles: the work of the office for
    specialists and the akim, parameters about to lapse for the akim and the administrator, the
    last backup for everyone."""
    if not ctx.user.login:
        require(ctx, Action.PRINT_PAPER)  # raises "sign in"
    day = ctx.now().date()
    backups = backup_store.daily_backups(ctx.data_dir)
    alerts = (parameters.alerts(ctx) if can(ctx, Action.PARAMETERS)
              or can(ctx, Action.ISSUE_CERTIFICATE) else [])
    last = backups[0][0] if backups else None
    if not can(ctx, Action.PRINT_PAPER):  # an administrator: no citizens' data
        return Today(day=day, parameter_alerts=alerts, last_backup=last)
    work = applications.work_list(ctx, statuses={Status.REGISTERED, Status.INCOMPLETE,
                                                 Status.FORWARDED})
    return Today(
        day=day,
        overdue=[w for w in work if w.due_state == "overdue"],
        due_soon=[w for w in work if w.due_state == "due_soon"],
        incomplete=[w for w in work if w.row.status == Status.INCOMPLETE],
        to_hand_over=handover.ready_to_hand_over(ctx),
        inspections=_inspections(ctx, day),
        next_trip=sync_plan.next_trip(ctx),
        before_trip=sync_plan.due_before_trip(ctx),
        unacknowledged=[b for b in sync_log.batches(ctx.db, direction="out")
                        if b.acked_at is None],
        parameter_alerts=alerts,
        last_backup=last,
    )
