"""Legal deadlines of an application: decision due, forward by, result by; and their traffic light.

Pure Python; imports domain.catalogue and domain.calendar. What starts the clock is each
deadline's `starts` (catalogue_schema.CLOCK_STARTS): "submission" is the acceptance day (documents
accepted after office hours or on a day off count from the next working day); "registration" is the
deciding body's registration of the documents, which for a forwarded application is the day the
office hands them over (its forward-by date); "file_transfer" is an event inside the deciding body
the office never sees, so that deadline is not computed and carries a flag saying why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.calendar import WorkCalendar
from desktop_app.domain.catalogue import DeadlineKind, DeadlineSpec, DeadlineUnit, ServiceSpec

DueState = Literal["overdue", "due_soon", "ok"]
DUE_SOON_WORKING_DAYS = 2

# flags (stored on the application as codes; the UI translates them)
FLAG_UNIT_NOT_STATED = "unit_not_stated"              # the act gives no unit: computed as calendar
FLAG_COUNTED_FROM_NEXT_WORKING_DAY = "counted_from_next_working_day"  # accepted off hours / day off
FLAG_NOT_IN_ACT = "{kind}_rule_not_in_act"            # stated=False: an office rule, not the act's
FLAG_START_NOT_SEEN = "{kind}_start_not_seen"          # the clock starts at an event the office
                                                       # does not see: no date is computed
FLAG_COUNTED_FROM_FORWARD = "counted_from_forward_by"  # "registration": from the hand-over day


@dataclass(frozen=True)
class Deadlines:
    decision_due: dt.date | None
    forward_by: dt.date | None
    result_by: dt.datetime | None
    flags: tuple[str, ...] = ()
    counted_from: dt.date | None = None  # the day the clock started (acceptance or next working)


def clock_start(accepted_at: dt.datetime, calendar: WorkCalendar) -> dt.date:
    """The day the legal clock starts: the acceptance day, or the next working day when the
    documents were accepted on a day off or at/after the end of office hours."""
    day = accepted_at.date()
    if not calendar.is_working_day(day) or accepted_at.time() >= calendar.office_hours.end:
        return calendar.next_working_day(day + dt.timedelta(days=1))
    return day


def _next_open_moment(moment: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """`moment` if the office is open then, otherwise when it next opens (after lunch, next day)."""
    hours = calendar.office_hours
    day, at = moment.date(), moment.time()
    if calendar.is_working_day(day):
        if at < hours.start:
            return dt.datetime.combine(day, hours.start, moment.tzinfo)
        if hours.is_open_at(at):
            return moment
        if hours.lunch_start and hours.lunch_end and hours.lunch_start <= at < hours.lunch_end:
            return dt.datetime.combine(day, hours.lunch_end, moment.tzinfo)
    nxt = calendar.next_working_day(day + dt.timedelta(days=1))
    return dt.datetime.combine(nxt, hours.start, moment.tzinfo)


def _due_date(spec: DeadlineSpec, start: dt.date, calendar: WorkCalendar) -> dt.date:
    if spec.unit == DeadlineUnit.WORKING:
        return calendar.add_working_days(start, spec.amount)
    # CALENDAR and UNSPECIFIED (flagged); a day-count deadline in MINUTES makes no sense here
    return calendar.add_calendar_days(start, spec.amount)


def compute_deadlines(
    spec: ServiceSpec, accepted_at: dt.datetime, calendar: WorkCalendar, route: str = "akim"
) -> Deadlines:
    """The deadlines of an application of `spec` accepted at `accepted_at` via `route`.

    A deadline missing from the spec for this route gives None (no fallback to another route).
    """
    start = clock_start(accepted_at, calendar)
    flags: list[str] = []
    if start != accepted_at.date():
        flags.append(FLAG_COUNTED_FROM_NEXT_WORKING_DAY)

    def flag(name: str) -> None:
        if name not in flags:
            flags.append(name)

    due: dict[DeadlineKind, dt.date | None] = {}
    result_by: dt.datetime | None = None
    forward = spec.deadline(DeadlineKind.FORWARD, route)
    handed_over = (_due_date(forward, start, calendar)
                   if forward is not None and forward.unit != DeadlineUnit.MINUTES else None)
    for kind in DeadlineKind:
        d = spec.deadline(kind, route)
        if d is None:
            continue
        if not d.stated:
            flag(FLAG_NOT_IN_ACT.format(kind=kind.value))
        if d.unit == DeadlineUnit.UNSPECIFIED:
            flag(FLAG_UNIT_NOT_STATED)
        if d.unit == DeadlineUnit.MINUTES:
            # an issued paper: minutes of open office time from acceptance (lunch not counted)
            opened = _next_open_moment(accepted_at, calendar)
            result_by = _add_open_minutes(opened, d.amount, calendar)
            continue
        if d.starts == "file_transfer":
            flag(FLAG_START_NOT_SEEN.format(kind=kind.value))
            continue
        begins = start
        if d.starts == "registration" and kind != DeadlineKind.FORWARD and handed_over:
            begins = handed_over
            flag(FLAG_COUNTED_FROM_FORWARD)
        due[kind] = _due_date(d, begins, calendar)
    return Deadlines(
        decision_due=due.get(DeadlineKind.DECISION) or due.get(DeadlineKind.RESULT),
        forward_by=due.get(DeadlineKind.FORWARD),
        result_by=result_by,
        flags=tuple(flags),
        counted_from=start,
    )


def _add_open_minutes(moment: dt.datetime, minutes: int, calendar: WorkCalendar) -> dt.datetime:
    """Add minutes of open office time: lunch and closed hours do not run the clock."""
    hours = calendar.office_hours
    left = minutes
    current = _next_open_moment(moment, calendar)
    while left > 0:
        stops = [hours.end]
        if hours.lunch_start and current.time() < hours.lunch_start:
            stops.append(hours.lunch_start)
        stop = dt.datetime.combine(current.date(), min(stops), current.tzinfo)
        available = int((stop - current).total_seconds() // 60)
        if left <= available:
            return current + dt.timedelta(minutes=left)
        left -= available
        current = _next_open_moment(stop, calendar)
    return current


def due_state(due: dt.date, today: dt.date, calendar: WorkCalendar) -> DueState:
    """"overdue" after the due day; "due_soon" when at most 2 working days remain; else "ok"."""
    if today > due:
        return "overdue"
    # at most N working days remain exactly when the (N+1)-th working day after today is past
    # the due day: a few days looked at, not every day up to a due day months away
    if calendar.add_working_days(today, DUE_SOON_WORKING_DAYS + 1) > due:
        return "due_soon"
    return "ok"
