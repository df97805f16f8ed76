"""Deadlines of an application and their traffic light."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.calendar import OfficeHours, WorkCalendar, load_calendar
from desktop_app.domain.catalogue import (
    AkimRole, DeadlineKind, DeadlineSpec, DeadlineUnit, ReceiptKind, ServiceSpec, Waiting,
)
from desktop_app.domain.deadlines import clock_start, compute_deadlines, due_state
from desktop_app.paths import data_root

D, T = dt.date, dt.datetime


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return load_calendar(data_root() / "calendar")


def spec(*deadlines: DeadlineSpec, role: AkimRole = AkimRole.ACCEPTS) -> ServiceSpec:
    return ServiceSpec(
        id="test", version="t1", valid_from=D(2020, 1, 1), valid_to=None,
        name={"kk": "Сынақ", "ru": "Тест"}, short_name={"kk": "С", "ru": "Т"}, act="003",
        standard="12", legal_basis={}, provider={}, akim_role=role, applicants=("citizen",),
        needs_household=False, precheck=None, receipt_kind=ReceiptKind.CONFIRMATION_LETTER,
        receipt_content=(), inspection=False, result_kinds=(), refusal_codes=(), documents=(),
        deadlines=tuple(deadlines), waiting=Waiting(40, 40), blank_forms=(), result_validity={},
    )


TSA = spec(
    DeadlineSpec(DeadlineKind.DECISION, 30, DeadlineUnit.CALENDAR, "submission", route="akim"),
    DeadlineSpec(DeadlineKind.DECISION, 10, DeadlineUnit.CALENDAR, "submission",
                 route="department"),
)
ENBEK = spec(
    DeadlineSpec(DeadlineKind.FORWARD, 3, DeadlineUnit.WORKING, "submission"),
    role=AkimRole.FORWARDS,
)


def test_tsa_thirty_calendar_days_via_akim(cal):
    d = compute_deadlines(TSA, T(2026, 2, 2, 10, 0), cal)
    assert d.decision_due == D(2026, 3, 4)
    assert d.forward_by is None and d.result_by is None
    assert d.flags == ()
    assert d.counted_from == D(2026, 2, 2)


def test_route_department(cal):
    d = compute_deadlines(TSA, T(2026, 2, 2, 10, 0), cal, route="department")
    assert d.decision_due == D(2026, 2, 12)


def test_calendar_deadline_on_day_off_moves(cal):
    # 6 Feb + 30 = Sunday 8 March (Women's Day), Monday 9 March observed -> Tuesday 10 March
    d = compute_deadlines(TSA, T(2026, 2, 6, 11, 0), cal)
    assert d.decision_due == D(2026, 3, 10)


def test_after_office_hours_counts_from_next_working_day(cal):
    d = compute_deadlines(TSA, T(2026, 2, 2, 18, 5), cal)
    assert d.counted_from == D(2026, 2, 3)
    assert d.decision_due == D(2026, 3, 5)
    assert "counted_from_next_working_day" in d.flags
    # 17:59 is still the same day
    assert compute_deadlines(TSA, T(2026, 2, 2, 17, 59), cal).counted_from == D(2026, 2, 2)


def test_on_day_off_counts_from_next_working_day(cal):
    assert clock_start(T(2026, 3, 21, 10, 0), cal) == D(2026, 3, 26)  # Saturday in Nauryz
    assert clock_start(T(2026, 2, 7, 10, 0), cal) == D(2026, 2, 9)    # Saturday


def test_office_hours_come_from_calendar():
    late = WorkCalendar(office_hours=OfficeHours(dt.time(8), dt.time(20)), public_holidays={})
    assert clock_start(T(2026, 2, 2, 19, 0), late) == D(2026, 2, 2)


def test_forward_three_working_days(cal):
    d = compute_deadlines(ENBEK, T(2026, 3, 19, 12, 0), cal)  # Thursday before Nauryz
    # 20 Fri, then 21-25 off, 26 Thu, 27 Fri
    assert d.forward_by == D(2026, 3, 27)
    assert d.decision_due is None


def test_unit_not_stated_and_rule_not_in_act(cal):
    s = spec(
        DeadlineSpec(DeadlineKind.DECISION, 10, DeadlineUnit.UNSPECIFIED, "submission"),
        DeadlineSpec(DeadlineKind.FORWARD, 2, DeadlineUnit.WORKING, "submission", stated=False),
    )
    d = compute_deadlines(s, T(2026, 2, 2, 9, 0), cal)
    assert d.decision_due == D(2026, 2, 12)  # computed as calendar days
    assert d.forward_by == D(2026, 2, 4)
    assert "unit_not_stated" in d.flags
    assert "forward_rule_not_in_act" in d.flags


def test_minutes_for_issued_papers(cal):
    s = spec(DeadlineSpec(DeadlineKind.RESULT, 15, DeadlineUnit.MINUTES, "submission"),
             role=AkimRole.ISSUES)
    assert compute_deadlines(s, T(2026, 2, 2, 10, 0), cal).result_by == T(2026, 2, 2, 10, 15)
    # lunch does not run the clock
    assert compute_deadlines(s, T(2026, 2, 2, 12, 55), cal).result_by == T(2026, 2, 2, 14, 10)
    # accepted at closing time: the next morning
    d = compute_deadlines(s, T(2026, 2, 6, 17, 50), cal)
    assert d.result_by == T(2026, 2, 9, 9, 5)
    assert d.decision_due is None


def test_due_state(cal):
    due = D(2026, 3, 26)  # Thursday after Nauryz
    assert due_state(due, D(2026, 3, 27), cal) == "overdue"
    assert due_state(due, due, cal) == "due_soon"
    assert due_state(due, D(2026, 3, 19), cal) == "due_soon"  # 20 Mar and 26 Mar: 2 working days
    assert due_state(due, D(2026, 3, 18), cal) == "ok"


def test_due_state_counts_working_days_as_the_definition_does(cal):
    """Looking only a few days ahead gives what counting every working day up to the due day
    gives, over holidays, weekends and decreed transfers (spring 2026 and the new year)."""
    for start in (D(2026, 3, 1), D(2025, 12, 20)):
        for t in range(40):
            today = start + dt.timedelta(days=t)
            for ahead in range(0, 30):
                due = today + dt.timedelta(days=ahead)
                soon = cal.working_days_between(today, due) <= 2
                assert due_state(due, today, cal) == ("due_soon" if soon else "ok"), (today, due)
