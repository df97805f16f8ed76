"""The shared vocabulary of the pre-checks: results, reasons, the collector, and the helpers every
family of rules uses (ages read from dated parameters, the able-bodied test, per-capita income).

Pure Python; imports domain.household, domain.parameters, domain.errors and i18n. Holds no legal
number: ages, groups and amounts are read from data/parameters for the application's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from desktop_app.domain.errors import MissingParameter
from desktop_app.domain.household import (
    Household, Member, MemberStatus, Person, Sex, per_capita_income, previous_quarter,
    quarter_months,
)
from desktop_app.domain.parameters import Parameters
from desktop_app.i18n import N_

Outcome = Literal["likely_eligible", "likely_ineligible", "cannot_tell"]


@dataclass(frozen=True)
class Reason:
    code: str
    msgid: str
    params: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "msgid": self.msgid, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        return cls(str(data["code"]), str(data["msgid"]),
                   {str(k): str(v) for k, v in dict(data.get("params", {})).items()})


@dataclass(frozen=True)
class PreCheckResult:
    rule: str
    outcome: Outcome
    reasons: tuple[Reason, ...]
    figures: dict[str, str]
    parameters: tuple[tuple[str, str, str], ...]  # (name, version, value)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "outcome": self.outcome,
            "reasons": [r.to_dict() for r in self.reasons],
            "figures": dict(self.figures),
            "parameters": [list(p) for p in self.parameters],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PreCheckResult:
        outcome = data["outcome"]
        if outcome not in ("likely_eligible", "likely_ineligible", "cannot_tell"):
            raise ValueError(f"unknown pre-check outcome {outcome!r}")
        return cls(
            rule=str(data["rule"]),
            outcome=outcome,
            reasons=tuple(Reason.from_dict(r) for r in data.get("reasons", [])),
            figures={str(k): str(v) for k, v in dict(data.get("figures", {})).items()},
            parameters=tuple((str(n), str(v), str(x)) for n, v, x in data.get("parameters", [])),
        )


class Collector:
    """Reasons sorted by weight: any `block` wins, then any `unknown`, else eligible."""

    def __init__(self, rule: str) -> None:
        self.rule = rule
        self.blocks: list[Reason] = []
        self.unknowns: list[Reason] = []
        self.notes: list[Reason] = []
        self.figures: dict[str, str] = {}
        self.params: list[tuple[str, str, str]] = []

    def block(self, code: str, msgid: str, **params: Any) -> None:
        self.blocks.append(Reason(code, msgid, {k: str(v) for k, v in params.items()}))

    def unknown(self, code: str, msgid: str, **params: Any) -> None:
        self.unknowns.append(Reason(code, msgid, {k: str(v) for k, v in params.items()}))

    def note(self, code: str, msgid: str, **params: Any) -> None:
        self.notes.append(Reason(code, msgid, {k: str(v) for k, v in params.items()}))

    def parameter(
        self, parameters: Parameters, name: str, on: dt.date, region: str
    ) -> Decimal | None:
        try:
            pv = parameters.value(name, on, region)
        except MissingParameter:
            # the title in each language travels with the reason, so a stored result names the
            # parameter as the office reads it ("parameter_kk", "parameter_ru"), not by its code
            try:
                titles = {f"parameter_{k}": v for k, v in parameters.info(name).title.items()}
            except KeyError:
                titles = {}
            self.unknown("parameter_missing",
                         N_("No value of {parameter} is in force on {date} for region {region}; "
                            "ask the district for the current figure."),
                         parameter=name, date=on.isoformat(), region=region, **titles)
            return None
        self.params.append((pv.name, pv.version, str(pv.value)))
        self.figures[name] = str(pv.value)
        return pv.value

    def result(self) -> PreCheckResult:
        outcome: Outcome = ("likely_ineligible" if self.blocks
                            else "cannot_tell" if self.unknowns else "likely_eligible")
        return PreCheckResult(self.rule, outcome,
                              tuple(self.blocks + self.unknowns + self.notes),
                              dict(self.figures), tuple(self.params))



Rule = Callable[..., PreCheckResult]


# helpers ---------------------------------------------------------------------------------------
def name(m: Member) -> str:
    return m.person.full_name


def is_disabled(m: Member) -> bool:
    return MemberStatus.DISABLED in m.statuses or m.disability_group is not None


def reached(person: Person, years: Decimal, on: dt.date) -> bool | None:
    """Whether `person` has reached `years` of age (half years allowed) on `on`; None: no birth
    date recorded."""
    b = person.birth_date
    if b is None:
        return None
    months = b.month - 1 + int(years * 12)
    year, month = b.year + months // 12, months % 12 + 1
    day = min(b.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) <= on


def age_limit(c: Collector, parameters: Parameters, parameter: str, on: dt.date,
              region: str) -> Decimal | None:
    """An age (or group) limit from the parameters in force, recorded in the result."""
    return c.parameter(parameters, parameter, on, region)


def pension_age_name(person: Person) -> str | None:
    """The parameter holding the pension age of `person`'s sex; None when the sex is unknown."""
    if person.sex == Sex.MALE:
        return "pension_age_men"
    if person.sex == Sex.FEMALE:
        return "pension_age_women"
    return None


def reached_pension_age(c: Collector, parameters: Parameters, person: Person, on: dt.date,
                        region: str) -> bool | None:
    """The pension age of the person's sex on `on` (Social Code art. 207, dated by sex)."""
    wanted = pension_age_name(person)
    if wanted is None:
        c.unknown("sex_unknown",
                  N_("The sex of {member} is not recorded; the pension age differs for men and "
                     "women."), member=person.full_name)
        return None
    limit = c.parameter(parameters, wanted, on, region)
    return None if limit is None else reached(person, limit, on)


def able_bodied_age(c: Collector, parameters: Parameters, m: Member, on: dt.date,
                    region: str) -> bool:
    """Of working age (adult, below the pension age of their sex), or of unknown age (the status
    says able-bodied; the district checks)."""
    adult = c.parameter(parameters, "adult_age", on, region)
    if adult is None or m.person.birth_date is None:
        return True
    if not reached(m.person, adult, on):
        return False
    wanted = pension_age_name(m.person)
    if wanted is None:
        # sex not recorded: the lower of the two pension ages, so nobody is blocked for want of it
        ages = [v for n in ("pension_age_men", "pension_age_women")
                if (v := c.parameter(parameters, n, on, region)) is not None]
        return not ages or not reached(m.person, min(ages), on)
    limit = c.parameter(parameters, wanted, on, region)
    return limit is None or not reached(m.person, limit, on)


def household_income(c: Collector, household: Household, applied_on: dt.date,
                     answers: Mapping[str, bool]) -> Decimal | None:
    """Per-capita monthly income over the quarter before the application's; None if not recorded."""
    if not household.members:
        c.unknown("no_members", N_("The household has no members recorded."))
        return None
    year, q = previous_quarter(applied_on)
    months = set(quarter_months(year, q))
    recorded = any(i.month in months for m in household.members for i in m.incomes)
    c.figures["income_quarter"] = f"{year}Q{q}"
    if not recorded and not answers.get("no_income_confirmed"):
        c.unknown("no_incomes",
                  N_("No incomes are recorded for {quarter}. Enter them, or confirm that the "
                     "family had no income in that quarter."), quarter=f"{year}Q{q}")
        return None
    pci = per_capita_income(household, applied_on)
    c.figures.update(income_total=str(pci.total), members=str(pci.members),
                     per_capita_income=str(pci.per_capita_monthly))
    return pci.per_capita_monthly


