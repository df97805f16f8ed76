"""The office's working calendar: Kazakh public holidays, weekends, decreed transfers, office hours.

Pure Python; imports the `holidays` package, domain.errors and i18n. Public holidays (with the
observed days the law moves off weekends) come from `holidays.KZ`; day-off transfers by government
decree and office hours come from data/calendar/kz.toml and an optional office-<code>.toml; the
transfers entered in the program (store.calendar_days) go on top with `with_days`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from desktop_app.domain import toml_cache
from desktop_app.domain.errors import ParameterError

NATIONAL_FILE = "kz.toml"
DAY_OFF, WORKING_DAY = "day_off", "working_day"  # the two kinds of a decreed transfer


@dataclass(frozen=True)
class OfficeHours:
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(18, 0)
    lunch_start: dt.time | None = dt.time(13, 0)
    lunch_end: dt.time | None = dt.time(14, 0)

    def is_open_at(self, moment: dt.time) -> bool:
        if not self.start <= moment < self.end:
            return False
        if self.lunch_start and self.lunch_end and self.lunch_start <= moment < self.lunch_end:
            return False
        return True


@dataclass(frozen=True)
class CalendarDay:
    """An entry of a calendar file: a day off or a (transferred) working day, with its decree."""

    date: dt.date
    reason: str = ""
    source: str = ""


class KazakhHolidays(Mapping[dt.date, str]):
    """The public holidays of `holidays.KZ` (observed days included), worked out a year at a time.

    The package loads every country's rules when imported (a tenth of a second or more), so the
    years already worked out may be remembered in a JSON file (`remembered`), kept while the
    holidays package is the same: a start then looks up this year's holidays without importing
    it. A year not remembered is worked out then (and added to the file)."""

    def __init__(self, years: dict[int, dict[dt.date, str]] | None = None,
                 path: Path | None = None, key: str = "") -> None:
        self.years: dict[int, dict[dt.date, str]] = dict(years or {})
        self.path, self.key = path, key
        self._lock = threading.Lock()

    @classmethod
    def remembered(cls, path: Path) -> KazakhHolidays:
        """The years remembered in `path` (none when it is missing, damaged or was written for
        another version of the holidays package)."""
        key = _holidays_package_key()
        years: dict[int, dict[dt.date, str]] = {}
        try:
            stored = json.loads(Path(path).read_text(encoding="utf-8"))
            if key and stored["key"] == key:
                years = {int(y): {dt.date.fromisoformat(d): str(n) for d, n in days.items()}
                         for y, days in stored["years"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            years = {}
        return cls(years, path if key else None, key)

    def _year(self, year: int) -> dict[dt.date, str]:
        days = self.years.get(year)
        if days is None:
            with self._lock:
                days = self.years.get(year)
                if days is None:
                    days = self.years[year] = _work_out(year)
                    self._save()
        return days

    def _save(self) -> None:
        if self.path is None:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"key": self.key, "years": {
                str(y): {d.isoformat(): n for d, n in sorted(days.items())}
                for y, days in sorted(self.years.items())}}, ensure_ascii=False),
                encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:  # not remembered: worked out again next time
            try:
                tmp.unlink()
            except OSError:
                pass

    def __getitem__(self, day: object) -> str:
        if not isinstance(day, dt.date):
            raise KeyError(day)
        return self._year(day.year)[day]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and day in self._year(day.year)

    def __iter__(self):
        for year in sorted(self.years):
            yield from sorted(self.years[year])

    def __len__(self) -> int:
        return sum(len(days) for days in self.years.values())


def _work_out(year: int) -> dict[dt.date, str]:
    import holidays  # loads every country's rules: only when a year is not remembered

    # the years either side too: a holiday of one year may be observed in the next
    kz = holidays.KZ(years=[year - 1, year, year + 1])
    return {day: name for day, name in kz.items() if day.year == year}


def _holidays_package_key() -> str:
    """What the remembered holidays depend on: the holidays package's version (its rules change
    only with it), from the name of its metadata folder beside it (also in the bundle), found
    without importing the package or importlib.metadata; "" when not found."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
        if spec is None or not spec.origin:
            return ""
        site = Path(spec.origin).parent.parent
        found = [n for n in os.listdir(site)
                 if n.startswith("holidays-") and n.endswith(".dist-info")]
        return found[0] if len(found) == 1 else ""
    except (OSError, ImportError, ValueError):
        return ""


class WorkCalendar:
    """Working days of the office. Precedence: a decreed working day, then a decreed day off,
    then a public holiday, then Saturday/Sunday."""

    def __init__(
        self,
        days_off: Mapping[dt.date, CalendarDay] | None = None,
        working_days: Mapping[dt.date, CalendarDay] | None = None,
        office_hours: OfficeHours | None = None,
        public_holidays: Mapping[dt.date, str] | None = None,
    ) -> None:
        self.days_off: dict[dt.date, CalendarDay] = dict(days_off or {})
        self.working_days: dict[dt.date, CalendarDay] = dict(working_days or {})
        self.office_hours = office_hours or OfficeHours()
        # holidays.KZ expands to any year on lookup; a mapping may be injected for tests. Made
        # on first use: the holidays package loads every country's rules (a fifth of a second)
        self._given_public = public_holidays
        self._kz: Mapping[dt.date, str] | None = None
        self.base: WorkCalendar | None = None  # the files' calendar, when days were added on top

    @property
    def _public(self) -> Mapping[dt.date, str]:
        if self._given_public is not None:
            return self._given_public
        if self._kz is None:
            self._kz = KazakhHolidays()  # holidays.KZ, loaded on the first lookup
        return self._kz

    def with_days(self, entries: Iterable[tuple[str, CalendarDay]]) -> WorkCalendar:
        """This calendar with `entries` ((DAY_OFF or WORKING_DAY, day)) on top: the transfers
        entered in the program win over the files'. The result remembers this one as `base`."""
        days_off, working = dict(self.days_off), dict(self.working_days)
        for kind, entry in entries:
            if kind == DAY_OFF:
                working.pop(entry.date, None)
                days_off[entry.date] = entry
            elif kind == WORKING_DAY:
                days_off.pop(entry.date, None)
                working[entry.date] = entry
        merged = WorkCalendar(days_off, working, self.office_hours, self._given_public)
        merged._kz = self._kz
        merged.base = self.base or self
        return merged

    # single days -------------------------------------------------------------------------------
    def holiday_name(self, day: dt.date) -> str | None:
        """The public holiday or decreed day off on `day`, if any (not weekends)."""
        if day in self.working_days:
            return None
        if day in self.days_off:
            return self.days_off[day].reason or "day off"
        return self._public.get(day)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off or day in self._public:
            return False
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, otherwise the first working day after it."""
        for _ in range(366):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ParameterError(NATIONAL_FILE, "no working day within a year")  # pragma: no cover

    # deadlines ---------------------------------------------------------------------------------
    def add_calendar_days(self, day: dt.date, n: int) -> dt.date:
        """`day` + n calendar days; a deadline ending on a day off moves to the next working day."""
        if n < 0:
            raise ValueError("n must not be negative")
        return self.next_working_day(day + dt.timedelta(days=n))

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (counting starts the next day); n = 0 gives `day`."""
        if n < 0:
            raise ValueError("n must not be negative")
        current, left = day, n
        while left:
            current += dt.timedelta(days=1)
            if self.is_working_day(current):
                left -= 1
        return current

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b]: after a, up to and including b; negative when b < a.

        So `working_days_between(d, add_working_days(d, n)) == n`.
        """
        if b < a:
            return -self.working_days_between(b, a)
        count, current = 0, a
        while current < b:
            current += dt.timedelta(days=1)
            count += self.is_working_day(current)
        return count


# loading ---------------------------------------------------------------------------------------
def load_calendar(data_dir: Path, office_code: str | None = None, *,
                  public_holidays: Mapping[dt.date, str] | None = None) -> WorkCalendar:
    """Read `data_dir`/kz.toml (required) and `data_dir`/office-<code>.toml (optional).

    `data_dir` is the calendar folder (data/calendar). The office file's entries and office hours
    win over the national file's. A broken file raises ParameterError(file, reason).
    """
    data_dir = Path(data_dir)
    national = data_dir / NATIONAL_FILE
    if not national.is_file():
        raise ParameterError(str(national), "the national calendar file is missing")
    days_off, working, hours = _read_calendar_file(national, None)
    if office_code:
        office = data_dir / f"office-{office_code}.toml"
        if office.is_file():
            o_off, o_work, hours = _read_calendar_file(office, hours)
            for day, entry in o_off.items():
                working.pop(day, None)
                days_off[day] = entry
            for day, entry in o_work.items():
                days_off.pop(day, None)
                working[day] = entry
    return WorkCalendar(days_off, working, hours, public_holidays)


def _read_calendar_file(
    path: Path, inherited_hours: OfficeHours | None
) -> tuple[dict[dt.date, CalendarDay], dict[dt.date, CalendarDay], OfficeHours]:
    try:
        with path.open("rb") as fh:
            doc = toml_cache.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ParameterError(str(path), f"cannot be read: {exc}") from exc
    days_off = _read_days(path, doc, "days_off")
    working = _read_days(path, doc, "working_days")
    both = sorted(set(days_off) & set(working))
    if both:
        raise ParameterError(str(path), f"{both[0]} is listed both as a day off and a working day")
    if "office_hours" in doc:
        hours = _read_hours(path, doc["office_hours"])
    elif inherited_hours is not None:
        hours = inherited_hours
    else:
        raise ParameterError(str(path), "[office_hours] with start and end is missing")
    return days_off, working, hours


def _read_days(path: Path, doc: dict[str, Any], key: str) -> dict[dt.date, CalendarDay]:
    rows = doc.get(key, [])
    if not isinstance(rows, list):
        raise ParameterError(str(path), f"{key} must be an array of tables ([[{key}]])")
    out: dict[dt.date, CalendarDay] = {}
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or "date" not in row:
            raise ParameterError(str(path), f"{key} entry {i} has no date")
        day = _as_date(path, row["date"], f"{key} entry {i}")
        if day in out:
            raise ParameterError(str(path), f"{key}: {day} is listed twice")
        if not str(row.get("source", "")).strip():
            raise ParameterError(str(path), f"{key} {day}: source (the decree) is required")
        out[day] = CalendarDay(day, str(row.get("reason", "")), str(row["source"]))
    return out


def _read_hours(path: Path, table: Any) -> OfficeHours:
    if not isinstance(table, dict) or "start" not in table or "end" not in table:
        raise ParameterError(str(path), "[office_hours] needs start and end")
    start = _as_time(path, table["start"], "office_hours.start")
    end = _as_time(path, table["end"], "office_hours.end")
    if end <= start:
        raise ParameterError(str(path), "office_hours: end must be after start")
    lunch_start = lunch_end = None
    lunch = table.get("lunch")
    if lunch:
        parts = str(lunch).split("-")
        if len(parts) != 2:
            raise ParameterError(str(path), 'office_hours.lunch must look like "13:00-14:00"')
        lunch_start = _as_time(path, parts[0].strip(), "office_hours.lunch")
        lunch_end = _as_time(path, parts[1].strip(), "office_hours.lunch")
        if not start <= lunch_start < lunch_end <= end:
            raise ParameterError(str(path), "office_hours.lunch must lie within the office hours")
    return OfficeHours(start, end, lunch_start, lunch_end)


def _as_date(path: Path, value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ParameterError(str(path), f"{where}: a date without a time is expected")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ParameterError(str(path), f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _as_time(path: Path, value: Any, where: str) -> dt.time:
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise ParameterError(str(path), f"{where}: {value!r} is not a time (HH:MM)") from None
