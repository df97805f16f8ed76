"""Report periods: a month, a quarter, a year or any two dates, as an inclusive date range.

Pure Python; imports nothing of the app but i18n.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import N_


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date      # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("end", N_("The period ends before it starts."), code="period")

    def months(self) -> list[str]:
        """Every month the period touches, as "YYYY-MM"."""
        out, y, m = [], self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def month(year: int, number: int) -> Period:
    return Period(dt.date(year, number, 1),
                  dt.date(year, number, calendar.monthrange(year, number)[1]))


def quarter(year: int, number: int) -> Period:
    if not 1 <= number <= 4:
        raise ValidationError("quarter", N_("A quarter is 1 to 4."), code="quarter")
    first = 3 * (number - 1) + 1
    return Period(month(year, first).start, month(year, first + 2).end)


def year(number: int) -> Period:
    return Period(dt.date(number, 1, 1), dt.date(number, 12, 31))


def quarter_of(day: dt.date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)
