"""Public works (қоғамдық жұмыстар) at the office as an employer: the district resolution's
organisations and quotas (loaded by domain.public_works_loader), participants with their referral
and labour
contract, the monthly timesheet, the pay rule and the quota check.

Pure Python; imports domain.errors, domain.calendar, domain.parameters and i18n only.
Pay: factor (the resolution's, 1.5) × the minimum monthly wage in force on the month's first day
× days worked / working days of the month (WorkCalendar), computed exactly and rounded once,
half up, to whole tiyn (0.01 ₸).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.calendar import WorkCalendar
from desktop_app.domain.errors import MissingParameter, NotFound, ValidationError
from desktop_app.domain.parameters import ParamValue, Parameters
from desktop_app.i18n import N_

AKIM_OFFICE = "akim_office"
KINDS = frozenset({AKIM_OFFICE, "organisation"})
PAY_FACTOR = "public_works_pay_factor"   # the name a missing factor is reported under
TIYN = Decimal("0.01")


# reference data ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Work:
    """One type of work of an organisation row with its volume per participant ("up to N")."""

    type: str        # a key of Resolution.work_types
    volume: int
    unit: str        # a key of Resolution.units


@dataclass(frozen=True)
class Organisation:
    """A row of the resolution's annex: where public works are done and how many may take part."""

    row: int
    code: str
    kind: str
    name: dict[str, str]
    works: tuple[Work, ...]
    supply: int                  # ұсыныс: the headcount (quota)
    demand: int | None           # сұраныс, None when unreadable in the act
    demand_text: str = ""

    @property
    def headcount(self) -> int:
        return self.supply

    def work(self, type_code: str) -> Work | None:
        return next((w for w in self.works if w.type == type_code), None)


@dataclass(frozen=True)
class PayRule:
    factor: Decimal
    base: str                    # the parameter the factor multiplies ("minimum_wage")
    text: dict[str, str]
    financing: dict[str, str]


@dataclass(frozen=True)
class Resolution:
    """A district akimat resolution organising public works, in force valid_from..valid_to."""

    id: str
    version: str
    number: str
    adopted: dt.date
    valid_from: dt.date
    valid_to: dt.date | None     # inclusive
    title: dict[str, str]
    conditions: dict[str, str]
    pay: PayRule
    units: dict[str, dict[str, str]]
    work_types: dict[str, dict[str, str]]
    organisations: tuple[Organisation, ...]
    file: str = ""
    repealed_by: str = ""

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def organisation(self, row: int) -> Organisation:
        for org in self.organisations:
            if org.row == row:
                return org
        raise KeyError(row)

    def employers(self) -> list[Organisation]:
        """The rows an akim's office can be: the village/rural-district akim apparatuses."""
        return [o for o in self.organisations if o.kind == AKIM_OFFICE]


class PublicWorks:
    """Every resolution loaded; `in_force(day)` answers which one applied then."""

    def __init__(self, resolutions: list[Resolution]) -> None:
        self._all = sorted(resolutions, key=lambda r: r.valid_from)

    def all(self) -> list[Resolution]:
        return list(self._all)

    def get(self, resolution_id: str) -> Resolution:
        for r in self._all:
            if r.id == resolution_id:
                return r
        raise KeyError(resolution_id)

    def in_force(self, day: dt.date) -> Resolution | None:
        return next((r for r in self._all if r.in_force(day)), None)

    def latest(self) -> Resolution | None:
        return self._all[-1] if self._all else None

    def for_month(self, month: dt.date) -> Resolution | None:
        """The resolution in force on the month's first day, else on its last day."""
        first, last = month_bounds(month)
        return self.in_force(first) or self.in_force(last)


# participants ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Referral:
    """The district employment department's referral (жолдама) of an unemployed person."""

    number: str
    date: dt.date
    body: str = ""               # the referring body as written on the referral


@dataclass(frozen=True)
class Contract:
    """The individual labour contract (жеке еңбек шарты) between the office and the participant."""

    number: str
    date: dt.date
    start: dt.date
    end: dt.date | None = None   # inclusive; None: not fixed yet

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


@dataclass
class Participant:
    person_id: int
    full_name: str
    iin: str | None
    referral: Referral
    contract: Contract
    resolution_id: str
    org_row: int
    work_type: str
    volume: int
    unit: str
    id: int | None = None

    @property
    def saved_id(self) -> int:
        """The row id once saved; NotFound for a record that was never saved."""
        if self.id is None:
            raise NotFound(what="person", key=self.uuid or "")
        return self.id
    uuid: str | None = None

    def active_in(self, first: dt.date, last: dt.date) -> bool:
        return self.contract.overlaps(first, last)


def validate_participant(p: Participant, resolution: Resolution) -> list[ValidationError]:
    """Field errors of a participant against the resolution row it is recorded under."""
    errors: list[ValidationError] = []
    if not p.referral.number.strip():
        errors.append(ValidationError("referral_no", N_("Enter the referral number.")))
    if not p.contract.number.strip():
        errors.append(ValidationError("contract_no", N_("Enter the contract number.")))
    if p.contract.date < p.referral.date:
        errors.append(ValidationError("contract_date", N_("The contract is dated before the "
                                                          "referral.")))
    if p.contract.start < p.contract.date:
        errors.append(ValidationError("start", N_("The work starts before the contract date.")))
    if p.contract.end is not None and p.contract.end < p.contract.start:
        errors.append(ValidationError("end", N_("The contract ends before it starts.")))
    try:
        org = resolution.organisation(p.org_row)
    except KeyError:
        errors.append(ValidationError("organisation", N_("Choose the employer's row of the "
                                                         "resolution.")))
        return errors
    work = org.work(p.work_type)
    if work is None:
        errors.append(ValidationError("work_type", N_("Choose a type of work of the employer's "
                                                      "row.")))
    elif not 0 < p.volume <= work.volume:
        errors.append(ValidationError("volume", N_("The volume must be from 1 to {limit}."),
                                      code="volume_range", limit=work.volume))
    return errors


# the month ---------------------------------------------------------------------------------------
def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


def working_days(calendar: WorkCalendar, first: dt.date, last: dt.date) -> int:
    """Working days from `first` to `last`, both included."""
    if last < first:
        return 0
    return calendar.working_days_between(first - dt.timedelta(days=1), last)


def working_days_in_month(calendar: WorkCalendar, month: dt.date) -> int:
    return working_days(calendar, *month_bounds(month))


def contract_working_days(calendar: WorkCalendar, contract: Contract, month: dt.date) -> int:
    """Working days of the month that the contract covers: the most days a timesheet may show."""
    first, last = month_bounds(month)
    lo = max(first, contract.start)
    hi = last if contract.end is None else min(last, contract.end)
    return working_days(calendar, lo, hi)


@dataclass(frozen=True)
class Pay:
    """A month's pay and every figure it used, so the timesheet can say where it came from."""

    month: dt.date
    days_worked: int
    working_days: int
    factor: Decimal
    factor_version: str          # the resolution's version
    wage: Decimal
    wage_version: str            # the minimum wage parameter's version
    amount: Decimal


def pay_for(month: dt.date, days_worked: int, *, factor: Decimal, factor_version: str,
            wage: ParamValue, calendar: WorkCalendar) -> Pay:
    """factor × wage × days worked / working days of the month, rounded half up to tiyn.

    Zero days give 0.00; a month without working days cannot be paid (ValidationError).
    """
    if days_worked < 0:
        raise ValidationError("days_worked", N_("Days worked cannot be negative."))
    month = month_start(month)
    total = working_days_in_month(calendar, month)
    if days_worked > total:
        raise ValidationError("days_worked", N_("{days} days worked, but the month has only "
                                                "{total} working days."), code="too_many_days",
                              days=days_worked, total=total)
    if total == 0:
        amount = Decimal("0.00")
    else:
        amount = (factor * wage.value * days_worked / Decimal(total)).quantize(
            TIYN, rounding=ROUND_HALF_UP)
    return Pay(month, days_worked, total, factor, factor_version, wage.value, wage.version, amount)


def compute_pay(works: PublicWorks, parameters: Parameters, calendar: WorkCalendar,
                month: dt.date, days_worked: int, region: str | None = None) -> Pay:
    """Pay for `days_worked` in `month` under the resolution and minimum wage then in force.

    No resolution in force for the month: MissingParameter (name public_works_pay_factor).
    """
    month = month_start(month)
    resolution = works.for_month(month)
    if resolution is None:
        raise MissingParameter(name=PAY_FACTOR, date=month.isoformat(), region=region or "*")
    wage = parameters.value(resolution.pay.base, month, region)
    return pay_for(month, days_worked, factor=resolution.pay.factor,
                   factor_version=resolution.version, wage=wage, calendar=calendar)


def check_days(calendar: WorkCalendar, participant: Participant, month: dt.date,
               days_worked: int) -> None:
    """ValidationError when the days worked exceed the working days the contract covers."""
    if days_worked < 0:
        raise ValidationError("days_worked", N_("Days worked cannot be negative."))
    limit = contract_working_days(calendar, participant.contract, month)
    if days_worked > limit:
        raise ValidationError("days_worked", N_("{name}: {days} days worked, but the contract "
                                                "covers {limit} working days of the month."),
                              code="beyond_contract", name=participant.full_name,
                              days=days_worked, limit=limit)


@dataclass(frozen=True)
class MonthLine:
    """One participant's line of a month's timesheet (табель)."""

    participant: Participant
    days_worked: int | None      # None: not entered yet
    working_days: int            # of the whole month
    contract_days: int           # of the month within the contract
    pay: Pay | None
    saved: bool = False


# quotas ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuotaWarning:
    """More participants active in a period than the resolution's headcount for the row."""

    resolution_id: str
    row: int
    name: dict[str, str]
    headcount: int
    active: int
    first: dt.date
    last: dt.date
    msgid: str = field(default=N_("{organisation}: {active} participants in {period}, the "
                                  "resolution allows {headcount}."))


def quota_warnings(resolution: Resolution, participants: list[Participant], first: dt.date,
                   last: dt.date) -> list[QuotaWarning]:
    """Participants active between `first` and `last` per row vs. the row's headcount. A warning
    never blocks: the district may have agreed more places than the act shows."""
    counts: dict[int, int] = {}
    for p in participants:
        if p.resolution_id == resolution.id and p.active_in(first, last):
            counts[p.org_row] = counts.get(p.org_row, 0) + 1
    out = []
    for row, n in sorted(counts.items()):
        try:
            org = resolution.organisation(row)
        except KeyError:
            continue
        if n > org.headcount:
            out.append(QuotaWarning(resolution.id, row, org.name, org.headcount, n, first, last))
    return out
