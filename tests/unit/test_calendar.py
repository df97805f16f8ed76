"""The working calendar: holidays, weekends, decreed transfers, office files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.calendar import WorkCalendar, load_calendar
from desktop_app.domain.errors import ParameterError
from desktop_app.paths import data_root

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return load_calendar(data_root() / "calendar")


def test_shipped_file_office_hours(cal):
    h = cal.office_hours
    assert (h.start, h.end) == (dt.time(9), dt.time(18))
    assert (h.lunch_start, h.lunch_end) == (dt.time(13), dt.time(14))
    assert h.is_open_at(dt.time(10)) and not h.is_open_at(dt.time(13, 30))
    assert not h.is_open_at(dt.time(18))


@pytest.mark.parametrize("day", [
    D(2026, 3, 23),   # Nauryz (Monday)
    D(2026, 3, 24), D(2026, 3, 25),   # Nauryz observed (21 and 22 fell on a weekend)
    D(2026, 12, 16),  # Independence Day
    D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 7), D(2026, 5, 1), D(2026, 5, 7),
    D(2025, 3, 10),   # Women's Day observed (8 March 2025 was a Saturday)
    D(2025, 1, 3),    # day off transferred by decree
])
def test_holidays_are_days_off(cal, day):
    assert not cal.is_working_day(day)
    assert cal.holiday_name(day)


def test_weekends_and_plain_days(cal):
    assert not cal.is_working_day(D(2026, 2, 7))   # Saturday
    assert not cal.is_working_day(D(2026, 2, 8))   # Sunday
    assert cal.is_working_day(D(2026, 2, 9))       # Monday
    assert cal.holiday_name(D(2026, 2, 9)) is None


def test_transferred_working_day_counts(cal):
    assert D(2025, 1, 5).weekday() == 6
    assert cal.is_working_day(D(2025, 1, 5))
    # after Thursday 2 January (holiday) ... the Sunday is the first working day of 2025
    assert cal.next_working_day(D(2025, 1, 1)) == D(2025, 1, 5)
    assert cal.add_working_days(D(2024, 12, 31), 1) == D(2025, 1, 5)
    assert cal.add_working_days(D(2024, 12, 31), 2) == D(2025, 1, 6)


def test_next_working_day(cal):
    assert cal.next_working_day(D(2026, 2, 9)) == D(2026, 2, 9)
    assert cal.next_working_day(D(2026, 2, 7)) == D(2026, 2, 9)
    assert cal.next_working_day(D(2026, 3, 21)) == D(2026, 3, 26)


def test_calendar_deadline_on_sunday_moves_to_monday(cal):
    start = D(2026, 2, 6)                       # Friday
    assert start + dt.timedelta(days=30) == D(2026, 3, 8)  # Sunday (and Women's Day)
    # Monday 9 March is Women's Day observed, so the first working day is Tuesday 10 March
    assert cal.add_calendar_days(start, 30) == D(2026, 3, 10)
    start = D(2026, 9, 1)
    assert (start + dt.timedelta(days=33)).weekday() == 6     # Sunday 4 October
    assert cal.add_calendar_days(start, 33) == D(2026, 10, 5)  # Monday


def test_calendar_deadline_on_working_day_stays(cal):
    assert cal.add_calendar_days(D(2026, 2, 2), 30) == D(2026, 3, 4)
    assert cal.add_calendar_days(D(2026, 2, 2), 0) == D(2026, 2, 2)


def test_add_working_days_skips_holidays(cal):
    # Friday 20 March 2026 + 3 working days: 21-25 are weekend and Nauryz
    assert cal.add_working_days(D(2026, 3, 20), 1) == D(2026, 3, 26)
    assert cal.add_working_days(D(2026, 3, 20), 3) == D(2026, 3, 30)
    # counting starts the next day
    assert cal.add_working_days(D(2026, 2, 9), 1) == D(2026, 2, 10)
    assert cal.add_working_days(D(2026, 2, 9), 0) == D(2026, 2, 9)
    with pytest.raises(ValueError):
        cal.add_working_days(D(2026, 2, 9), -1)


def test_working_days_between(cal):
    assert cal.working_days_between(D(2026, 3, 20), D(2026, 3, 30)) == 3
    assert cal.working_days_between(D(2026, 3, 30), D(2026, 3, 20)) == -3
    assert cal.working_days_between(D(2026, 2, 9), D(2026, 2, 9)) == 0


# files -----------------------------------------------------------------------------------------
NATIONAL = """
[office_hours]
start = "09:00"
end = "18:00"
lunch = "13:00-14:00"

[[working_days]]
date = 2026-02-07
reason = "test transfer"
source = "test decree"
"""


def _write(tmp: Path, text: str, name: str = "kz.toml") -> Path:
    (tmp / name).write_text(text, encoding="utf-8")
    return tmp


def test_office_file_adds_days_and_hours(tmp_path):
    _write(tmp_path, NATIONAL)
    _write(tmp_path, """
[office_hours]
start = "08:30"
end = "17:30"

[[days_off]]
date = 2026-02-10
reason = "Village day"
source = "akim's order No. 5"

[[days_off]]
date = 2026-02-07
reason = "office keeps the Saturday off"
source = "akim's order No. 6"
""", "office-KRG-01.toml")
    national = load_calendar(tmp_path)
    assert national.is_working_day(D(2026, 2, 7))
    assert national.is_working_day(D(2026, 2, 10))
    office = load_calendar(tmp_path, "KRG-01")
    assert not office.is_working_day(D(2026, 2, 10))
    assert not office.is_working_day(D(2026, 2, 7))
    assert office.office_hours.start == dt.time(8, 30)
    assert office.office_hours.lunch_start is None
    # an office without its own file gets the national calendar
    assert load_calendar(tmp_path, "OTHER").is_working_day(D(2026, 2, 7))


@pytest.mark.parametrize("text", [
    "this is not toml [",
    '[office_hours]\nstart = "09:00"\n',
    '[office_hours]\nstart = "18:00"\nend = "09:00"\n',
    '[office_hours]\nstart = "09:00"\nend = "18:00"\nlunch = "noon"\n',
    NATIONAL + '\n[[days_off]]\ndate = "2026-13-01"\nsource = "x"\n',
    NATIONAL + '\n[[days_off]]\ndate = 2026-02-07\nsource = "x"\n',
    NATIONAL + '\n[[days_off]]\ndate = 2026-02-11\n',
    NATIONAL + '\n[[days_off]]\nreason = "no date"\nsource = "x"\n',
    'days_off = 3\n[office_hours]\nstart = "09:00"\nend = "18:00"\n',
])
def test_broken_files(tmp_path, text):
    _write(tmp_path, text)
    with pytest.raises(ParameterError) as e:
        load_calendar(tmp_path)
    assert "kz.toml" in e.value.file


def test_missing_national_file(tmp_path):
    with pytest.raises(ParameterError):
        load_calendar(tmp_path)


# properties ------------------------------------------------------------------------------------
days = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 12, 31))


@given(days, st.integers(min_value=0, max_value=120))
def test_add_calendar_days_lands_on_working_day(day, n):
    cal = _shared()
    due = cal.add_calendar_days(day, n)
    assert cal.is_working_day(due)
    assert due >= day + dt.timedelta(days=n)
    # and it is the first working day from day + n
    probe = day + dt.timedelta(days=n)
    while probe < due:
        assert not cal.is_working_day(probe)
        probe += dt.timedelta(days=1)


@given(days, st.integers(min_value=1, max_value=60))
def test_add_working_days_lands_on_working_day(day, n):
    cal = _shared()
    due = cal.add_working_days(day, n)
    assert cal.is_working_day(due)
    assert due > day
    assert cal.working_days_between(day, due) == n


_CAL: list[WorkCalendar] = []


def _shared() -> WorkCalendar:
    if not _CAL:
        _CAL.append(load_calendar(data_root() / "calendar"))
    return _CAL[0]


def test_the_office_clock_is_kazakhstan_time_whatever_the_computer_says():
    from desktop_app.context import office_zone, system_clock

    for moment in (dt.datetime(2026, 1, 15, 7, 0), dt.datetime(2026, 7, 15, 7, 0)):
        aware = moment.replace(tzinfo=dt.timezone.utc).astimezone(office_zone())
        assert aware.utcoffset() == dt.timedelta(hours=5) and aware.hour == 12
    utc_now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    drift = system_clock() - utc_now
    assert abs(drift - dt.timedelta(hours=5)) < dt.timedelta(minutes=1)


def test_kazakh_holidays_year_by_year_as_the_holidays_package_says(tmp_path):
    import holidays

    from desktop_app.domain.calendar import KazakhHolidays

    kz = holidays.KZ()
    ours = KazakhHolidays.remembered(tmp_path / "cache" / "holidays.json")
    day = D(2018, 1, 1)
    while day < D(2029, 1, 1):
        assert (day in ours) == (day in kz), day
        assert ours.get(day) == kz.get(day), day
        day += dt.timedelta(days=1)
    # remembered: a new start answers from the file without working anything out
    again = KazakhHolidays.remembered(tmp_path / "cache" / "holidays.json")
    assert set(again.years) == set(range(2018, 2029))
    assert again.get(D(2026, 3, 22)) == kz.get(D(2026, 3, 22)) and D(2026, 3, 22) in again


def test_remembered_holidays_of_another_package_version_or_damaged_are_worked_out_again(
        tmp_path):
    import json

    from desktop_app.domain.calendar import KazakhHolidays

    path = tmp_path / "holidays.json"
    path.write_text(json.dumps({"key": "another version", "years": {
        "2026": {"2026-03-22": "Not a holiday name"}}}), encoding="utf-8")
    assert KazakhHolidays.remembered(path).get(D(2026, 3, 22)) != "Not a holiday name"
    for damage in ("", "{", "[]", '{"key": 1}'):
        path.write_text(damage, encoding="utf-8")
        assert D(2026, 3, 22) in KazakhHolidays.remembered(path)
    assert D(2026, 4, 15) not in KazakhHolidays.remembered(path)
