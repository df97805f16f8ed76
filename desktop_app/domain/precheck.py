"""Pre-checks of eligibility the office runs before forwarding (the district decides, not us).

Pure Python; imports domain.household, domain.parameters, domain.errors and i18n. A result holds
codes, English msgids with named placeholders (translated when shown), the figures and the
parameter versions used, so a stored result can be re-rendered in either language later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from desktop_app.domain.errors import MissingParameter
from desktop_app.domain.household import (
    Household, Member, MemberStatus, Person, Relation, per_capita_income, previous_quarter,
    quarter_months,
)
from desktop_app.domain.parameters import Parameters
from desktop_app.i18n import N_

Outcome = Literal["likely_eligible", "likely_ineligible", "cannot_tell"]
_CENTS = Decimal("0.01")

# Working age for the "able-bodied" tests: 18 up to the pension age. The pension age is 63 for men
# and was 61-63 for women in 2024-2028; the rules use 63 for both (an assumption).
ADULT_AGE = 18
PENSION_AGE = 63


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


class _Collector:
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
            self.unknown("parameter_missing",
                         N_("No value of {parameter} is in force on {date} for region {region}; "
                            "ask the district for the current figure."),
                         parameter=name, date=on.isoformat(), region=region)
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


# helpers ---------------------------------------------------------------------------------------
def _name(m: Member) -> str:
    return m.person.full_name


def _age(m: Member, on: dt.date) -> int | None:
    return m.person.age_on(on)


def _is_disabled(m: Member) -> bool:
    return MemberStatus.DISABLED in m.statuses or m.disability_group is not None


def _able_bodied_age(m: Member, on: dt.date) -> bool:
    """Of working age, or of unknown age (the status says able-bodied; the district checks)."""
    age = _age(m, on)
    return age is None or ADULT_AGE <= age < PENSION_AGE


def _dependants(household: Household, carer: Member, on: dt.date,
                child_under: int, disabled_child: bool) -> list[Member]:
    """Members `carer` may be caring for: group 1-2 disabled, aged 80+, a child under `child_under`
    (and, for child benefits, any disabled child)."""
    out = []
    for m in household.members:
        if m is carer:
            continue
        age = _age(m, on)
        if m.disability_group in (1, 2):
            out.append(m)
        elif age is not None and (age >= 80 or age < child_under):
            out.append(m)
        elif disabled_child and age is not None and age < 18 and _is_disabled(m):
            out.append(m)
    return out


def _check_carer(c: _Collector, household: Household, m: Member, on: dt.date, *,
                 child_under: int, disabled_child: bool, blocking_code: str,
                 blocking_msgid: str) -> None:
    """An adult without an accepted activity: exempt as a carer, unclear, or blocking."""
    deps = _dependants(household, m, on, child_under, disabled_child)
    if MemberStatus.CARER in m.statuses and deps:
        c.note("carer_exception",
               N_("{member} cares for {dependant}, which is an accepted exception."),
               member=_name(m), dependant=_name(deps[0]))
    elif MemberStatus.CARER in m.statuses:
        c.unknown("carer_dependant_unknown",
                  N_("{member} is marked as a carer, but nobody in the household is a person "
                     "they may care for; confirm whom they care for."), member=_name(m))
    elif deps:
        c.unknown("carer_not_marked",
                  N_("{member} has no registered work or study, but the household has "
                     "{dependant}; if {member} cares for them, mark them as a carer."),
                  member=_name(m), dependant=_name(deps[0]))
    else:
        c.block(blocking_code, blocking_msgid, member=_name(m))


def _income(c: _Collector, household: Household, applied_on: dt.date,
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


# rules -----------------------------------------------------------------------------------------
def precheck_tsa(*, household: Household, applicant: Person, applied_on: dt.date, region: str,
                 parameters: Parameters, answers: Mapping[str, bool]) -> PreCheckResult:
    """Targeted social assistance (std 12 items 1, 6, 17)."""
    c = _Collector("tsa")
    c.figures["region"] = region
    pci = _income(c, household, applied_on, answers)
    line = c.parameter(parameters, "poverty_line", applied_on, region)
    if pci is not None and line is not None:
        if pci > line:
            c.block("income_above_poverty_line",
                    N_("The per-capita income {income} is above the poverty line {line}."),
                    income=pci, line=line)
        else:
            c.note("income_within_poverty_line",
                   N_("The per-capita income {income} is at or below the poverty line {line}."),
                   income=pci, line=line)
    for m in household.members:
        if MemberStatus.UNEMPLOYED not in m.statuses or not _able_bodied_age(m, applied_on):
            continue
        if _is_disabled(m):
            continue
        if m.statuses & {MemberStatus.INPATIENT, MemberStatus.STUDENT,
                         MemberStatus.REGISTERED_UNEMPLOYED}:
            continue
        _check_carer(c, household, m, applied_on, child_under=7, disabled_child=False,
                     blocking_code="unregistered_unemployed",
                     blocking_msgid=N_("{member} is able-bodied, unemployed and not registered "
                                       "with the employment centre; TSA is not assigned unless "
                                       "they register."))
    if answers.get("refused_work_last_6_months"):
        c.block("refused_work_6_months",
                N_("A member refused offered work, public works or training without a valid "
                   "reason in the last six months; the right to TSA is lost for six months."))
    elif "refused_work_last_6_months" not in answers:
        c.note("refused_work_not_asked",
               N_("Ask whether anyone refused offered work, public works or training in the "
                  "last six months."))
    if not c.blocks and pci is not None and line is not None:
        estimate = ((line - pci) * len(household.members)).quantize(_CENTS, ROUND_HALF_UP)
        c.figures["estimated_monthly_amount"] = str(estimate)
        c.figures["estimated_monthly_amount_is"] = "estimate"
        c.note("amount_estimate",
               N_("Estimate only (the act gives no formula): (poverty line - per-capita "
                  "income) x {members} members = {amount} a month. The district calculates "
                  "the amount."), members=len(household.members), amount=estimate)
    return c.result()


_ACTIVE_PARENT = frozenset({
    MemberStatus.WORKING, MemberStatus.SELF_EMPLOYED, MemberStatus.STUDENT, MemberStatus.SERVING,
    MemberStatus.REGISTERED_UNEMPLOYED, MemberStatus.PARENTAL_LEAVE, MemberStatus.PENSIONER,
    MemberStatus.INPATIENT,
})


def precheck_child_benefit(*, household: Household, applicant: Person, applied_on: dt.date,
                           region: str, parameters: Parameters,
                           answers: Mapping[str, bool]) -> PreCheckResult:
    """State benefit to families with children under 18 (std 5 items 1, 6, 17)."""
    c = _Collector("child_benefit")
    c.figures["region"] = region
    children = [m for m in household.members if m.relation in (Relation.CHILD, Relation.WARD)]
    minors = [m for m in children if (a := _age(m, applied_on)) is not None and a < 18]
    c.figures["children_under_18"] = str(len(minors))
    if not minors:
        if any(_age(m, applied_on) is None for m in children):
            c.unknown("child_age_unknown",
                      N_("A child's birth date is not recorded; enter it to check the age."))
        else:
            c.block("no_child_under_18", N_("The household has no child under 18."))
    pci = _income(c, household, applied_on, answers)
    basket = c.parameter(parameters, "food_basket", applied_on, region)
    if pci is not None and basket is not None:
        if pci >= basket:
            c.block("income_not_below_food_basket",
                    N_("The per-capita income {income} is not below the food-basket cost "
                       "{basket}."), income=pci, basket=basket)
        else:
            c.note("income_below_food_basket",
                   N_("The per-capita income {income} is below the food-basket cost {basket}."),
                   income=pci, basket=basket)
    for m in household.members:
        if m.relation not in (Relation.APPLICANT, Relation.SPOUSE):
            continue
        if not _able_bodied_age(m, applied_on) or _is_disabled(m):
            continue
        if m.statuses & _ACTIVE_PARENT:
            continue
        if not m.statuses:
            c.unknown("parent_status_unknown",
                      N_("The occupation of {member} is not recorded (work, study, service, "
                         "registered unemployed or carer)."), member=_name(m))
            continue
        _check_carer(c, household, m, applied_on, child_under=3, disabled_child=True,
                     blocking_code="parent_not_occupied",
                     blocking_msgid=N_("{member} is able-bodied and neither works, studies "
                                       "full-time, serves nor is registered as unemployed; the "
                                       "benefit is not assigned for such periods."))
    return c.result()


_FUEL_QUESTIONS = (
    ("lives_in_rural_settlement",
     N_("Ask whether the applicant lives in a rural settlement."),
     N_("The applicant does not live in a rural settlement.")),
    ("works_in_rural_settlement",
     N_("Ask whether the applicant works in a rural settlement."),
     N_("The applicant does not work in a rural settlement.")),
    ("sector_eligible",
     N_("Ask whether the applicant is a specialist of a state health, social security, "
        "education, culture or sport institution."),
     N_("The applicant is not a specialist of a state health, social security, education, "
        "culture or sport institution.")),
)


def precheck_fuel_assistance(*, household: Household, applicant: Person, applied_on: dt.date,
                             region: str, parameters: Parameters,
                             answers: Mapping[str, bool]) -> PreCheckResult:
    """Fuel assistance to rural social-sphere specialists (std 11 items 1, 6, 17)."""
    c = _Collector("fuel_assistance")
    for key, ask_msgid, no_msgid in _FUEL_QUESTIONS:
        if key not in answers:
            c.unknown(f"{key}_not_answered", ask_msgid)
        elif not answers[key]:
            c.block(f"not_{key}", no_msgid)
    return c.result()


_NO_INCOME_Q = ("no_income_confirmed",
                N_("The family had no income at all in the quarter before the application."))

# The yes/no questions each rule reads from `answers` (id, English question msgid), for the form.
RULE_QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "tsa": (
        ("refused_work_last_6_months",
         N_("In the last six months, did a family member refuse offered work, or leave public "
            "works, study or retraining, without a valid reason?")),
        _NO_INCOME_Q,
    ),
    "child_benefit": (_NO_INCOME_Q,),
    "fuel_assistance": tuple((key, ask) for key, ask, _ in _FUEL_QUESTIONS),
}

Rule = Callable[..., PreCheckResult]
RULES: dict[str, Rule] = {
    "tsa": precheck_tsa,
    "child_benefit": precheck_child_benefit,
    "fuel_assistance": precheck_fuel_assistance,
}


def run_precheck(rule_id: str, *, household: Household, applicant: Person, applied_on: dt.date,
                 region: str, parameters: Parameters,
                 answers: Mapping[str, bool] | None = None) -> PreCheckResult:
    """Run the pre-check `rule_id` (a key of RULES; unknown ids raise KeyError)."""
    rule = RULES[rule_id]
    return rule(household=household, applicant=applicant, applied_on=applied_on, region=region,
                parameters=parameters, answers=dict(answers or {}))


# The employment-measure and disability-aid rules live in their own module and register there.
import desktop_app.domain.precheck_employment  # noqa: E402, F401
