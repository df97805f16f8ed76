"""The working calendar's transferred days off and working days entered in the program: the list,
adding one and removing one (administrators only, audited), and the calendar in force (the
data/calendar files with these on top). A district's entries arrive in its return batch
(sync/calendar_days.py) and go to every office, like its parameter values.

Imports context, domain (calendar, errors, roles), store (calendar_days, audit), services.guard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.context import AppContext
from desktop_app.domain.calendar import DAY_OFF, WORKING_DAY, CalendarDay, WorkCalendar
from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.roles import Action
from desktop_app.domain.values import parse_date
from desktop_app.i18n import N_
from desktop_app.services import Changes
from desktop_app.services.guard import require
from desktop_app.store import audit
from desktop_app.store import calendar_days as store
from desktop_app.store.calendar_days import StoredDay
from desktop_app.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

KIND_LABELS = {DAY_OFF: N_("day off"), WORKING_DAY: N_("working day")}


@dataclass
class DayDraft:
    """What the "Add a transferred day" dialog gathers."""

    day: dt.date | str | None = None
    kind: str = DAY_OFF
    reason: str = ""
    source: str = ""


def merged(db: sqlite_utils.Database, calendar: WorkCalendar) -> WorkCalendar:
    """`calendar` (the files') with the entries in force in the database on top."""
    return calendar.with_days((d.kind, d.day) for d in store.active(db))


def refresh(ctx: AppContext) -> None:
    """Rebuild ctx.calendar after the entries changed (an addition, a removal, a batch)."""
    ctx.calendar = merged(ctx.db, ctx.calendar.base or ctx.calendar)


def entries(ctx: AppContext) -> list[StoredDay]:
    """The entries in force, by day."""
    return store.active(ctx.db)


def check(ctx: AppContext, draft: DayDraft) -> tuple[CalendarDay | None, list[ValidationError]]:
    """The entry the draft describes, or every problem with it."""
    errors: list[ValidationError] = []
    day = None
    if isinstance(draft.day, dt.date):
        day = draft.day
    elif not (draft.day or "").strip():
        errors.append(ValidationError("day", N_("Enter the date."), code="required"))
    else:
        try:
            day = parse_date(str(draft.day), "day")
        except ValidationError as exc:
            errors.append(exc)
    if draft.kind not in (DAY_OFF, WORKING_DAY):
        errors.append(ValidationError("kind", N_("Choose a day off or a working day."),
                                      code="required"))
    if not draft.source.strip():
        errors.append(ValidationError("source", N_("Name the decree that moves the day."),
                                      code="required"))
    if day is not None and store.on_day(ctx.db, day) is not None:
        errors.append(ValidationError("day", N_("{date} is already in the list; remove it "
                                                "first."), code="duplicate",
                                      date=day.isoformat()))
    if errors or day is None:
        return None, errors
    return CalendarDay(day, " ".join(draft.reason.split()), " ".join(draft.source.split())), []


def add_day(ctx: AppContext, draft: DayDraft) -> tuple[StoredDay, Changes]:
    """Add a transferred day off or working day (administrators only); deadlines computed from
    now on count with it. In district mode the entry goes to every office in the return batch."""
    require(ctx, Action.PARAMETERS)
    day, errors = check(ctx, draft)
    if errors:
        raise errors[0]
    assert day is not None
    now = ctx.now_iso()
    with transaction(ctx.db):
        stored = store.insert(ctx.db, day, draft.kind, now=now, user=ctx.user.login)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="calendar_day.add",
                     table="calendar_days", uuid=stored.uuid,
                     after={"day": day.date.isoformat(), "kind": draft.kind,
                            "reason": day.reason, "source": day.source})
    refresh(ctx)
    return stored, Changes(settings=True)


def remove_day(ctx: AppContext, uuid: str) -> Changes:
    """Take an entry out of the calendar (administrators only); the row stays, marked removed."""
    require(ctx, Action.PARAMETERS)
    found = store.by_uuid(ctx.db, uuid)
    if found is None or found.removed:
        raise NotFound(what="calendar_day", key=uuid)
    now = ctx.now_iso()
    with transaction(ctx.db):
        store.mark_removed(ctx.db, uuid, now=now)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="calendar_day.remove",
                     table="calendar_days", uuid=uuid,
                     before={"day": found.day.date.isoformat(), "kind": found.kind,
                             "source": found.day.source})
    refresh(ctx)
    return Changes(settings=True)
