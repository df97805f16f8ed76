"""Households (отбасы), their members and incomes; the per-capita income rule of TSA and child
benefits.

Pure Python. Amounts are Decimal tenge; months are the first day of the month.
"""

from __future__ import annotations

from desktop_app.domain.errors import NotFound

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


DISABILITY_GROUPS = (1, 2, 3)  # the groups of disability (I, II, III) a member may have


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class Relation(StrEnum):
    APPLICANT = "applicant"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    GRANDPARENT = "grandparent"
    SIBLING = "sibling"
    WARD = "ward"              # under guardianship / custody
    OTHER = "other"


class MemberStatus(StrEnum):
    WORKING = "working"
    STUDENT = "student"                      # full-time study
    SERVING = "serving"                      # military service
    REGISTERED_UNEMPLOYED = "registered_unemployed"
    UNEMPLOYED = "unemployed"                # able-bodied, not registered
    PENSIONER = "pensioner"
    DISABLED = "disabled"                    # with `disability_group`
    CARER = "carer"                          # caring for a listed dependant
    INPATIENT = "inpatient"                  # in-patient treatment for over a month
    CHILD = "child"                          # pre-school / school child
    PARENTAL_LEAVE = "parental_leave"
    SELF_EMPLOYED = "self_employed"


class IncomeKind(StrEnum):
    WAGE = "wage"
    PENSION = "pension"
    BENEFIT = "benefit"
    SCHOLARSHIP = "scholarship"
    ALIMONY = "alimony"
    FARM = "farm"                # personal subsidiary farm
    BUSINESS = "business"
    OTHER = "other"


@dataclass
class Person:
    surname: str
    given_name: str
    patronymic: str = ""
    iin: str | None = None
    birth_date: dt.date | None = None
    sex: Sex | None = None
    address: str = ""
    phone: str = ""
    citizenship: str = "citizen"   # citizen, oralman, refugee, foreigner_permit, stateless_permit
    rnn: str = ""                   # legacy РНН/СТТН, optional
    sik: str = ""                   # legacy СИК/ӘЖК, optional
    id: int | None = None

    @property
    def saved_id(self) -> int:
        """The row id once saved; NotFound for a record that was never saved."""
        if self.id is None:
            raise NotFound(what="person", key=self.iin or self.surname or "")
        return self.id
    uuid: str | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)

    @property
    def short_name(self) -> str:
        initials = "".join(f"{p[0]}." for p in (self.given_name, self.patronymic) if p)
        return f"{self.surname} {initials}".strip()

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


@dataclass
class Income:
    kind: IncomeKind
    month: dt.date        # first day of the month
    amount: Decimal
    source: str = ""      # employer or paying body
    id: int | None = None


@dataclass
class Member:
    person: Person
    relation: Relation
    statuses: frozenset[MemberStatus] = frozenset()
    disability_group: int | None = None   # 1, 2 or 3
    incomes: list[Income] = field(default_factory=list)
    id: int | None = None

    def income_in(self, months: list[dt.date]) -> Decimal:
        wanted = set(months)
        return sum((i.amount for i in self.incomes if i.month in wanted), Decimal(0))


@dataclass
class Household:
    address: str
    members: list[Member] = field(default_factory=list)
    book_ref: str = ""         # household book entry (похозяйственная книга / шаруашылық кітабы)
    has_farm: bool = False     # personal subsidiary farm (жеке қосалқы шаруашылық)
    farm_notes: str = ""
    id: int | None = None

    @property
    def saved_id(self) -> int:
        """The row id once saved; NotFound for a record that was never saved."""
        if self.id is None:
            raise NotFound(what="household", key=self.uuid or self.address or "")
        return self.id
    uuid: str | None = None

    @property
    def head(self) -> Member | None:
        return next((m for m in self.members if m.relation == Relation.APPLICANT), None) or (
            self.members[0] if self.members else None)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def previous_quarter(day: dt.date) -> tuple[int, int]:
    year, q = quarter_of(day)
    return (year - 1, 4) if q == 1 else (year, q - 1)


def quarter_months(year: int, quarter: int) -> list[dt.date]:
    first = 3 * (quarter - 1) + 1
    return [dt.date(year, first + i, 1) for i in range(3)]


@dataclass(frozen=True)
class PerCapitaIncome:
    """Average monthly per-capita income over the quarter before the application's quarter."""

    year: int
    quarter: int
    total: Decimal
    members: int
    per_capita_monthly: Decimal


def per_capita_income(household: Household, applied_on: dt.date) -> PerCapitaIncome:
    year, q = previous_quarter(applied_on)
    months = quarter_months(year, q)
    total = sum((m.income_in(months) for m in household.members), Decimal(0))
    n = len(household.members)
    avg = (total / 3 / n).quantize(Decimal("0.01"), ROUND_HALF_UP) if n else Decimal(0)
    return PerCapitaIncome(year, q, total, n, avg)
