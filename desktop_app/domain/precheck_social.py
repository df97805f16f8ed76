"""Pre-checks of the social benefits the office accepts: TSA (003 std 12), child benefits (std 5)
and fuel assistance (std 11). One family of rules; the shared vocabulary is precheck_vocabulary.

Pure Python; imports domain.household, domain.parameters, domain.precheck_vocabulary and i18n.
Every age and disability group in the acts' exceptions is a dated parameter (data/parameters).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.household import Household, Member, MemberStatus, Person, Relation
from desktop_app.domain.parameters import Parameters
from desktop_app.domain.precheck_vocabulary import (
    Collector, PreCheckResult, Rule, able_bodied_age, household_income, is_disabled, name, reached,
)
from desktop_app.i18n import N_

_CENTS = Decimal("0.01")


# helpers ---------------------------------------------------------------------------------------
def _dependants(c: Collector, parameters: Parameters, household: Household, carer: Member,
                on: dt.date, region: str, child_under: str, disabled_child: bool) -> list[Member]:
    """Members `carer` may be caring for: a disabled person of the groups the act names, a person
    over the elderly age, a child under the age in parameter `child_under` (and, for child
    benefits, any disabled child). Every age and group is a dated parameter."""
    group_max = c.parameter(parameters, "carer_dependant_disability_group_max", on, region)
    elderly = c.parameter(parameters, "carer_dependant_elderly_age", on, region)
    young = c.parameter(parameters, child_under, on, region)
    adult = c.parameter(parameters, "adult_age", on, region)
    out = []
    for m in household.members:
        if m is carer:
            continue
        if group_max is not None and m.disability_group is not None \
                and m.disability_group <= group_max:
            out.append(m)
        elif elderly is not None and reached(m.person, elderly, on):
            out.append(m)
        elif young is not None and reached(m.person, young, on) is False:
            out.append(m)
        elif disabled_child and adult is not None and reached(m.person, adult, on) is False \
                and is_disabled(m):
            out.append(m)
    return out


def _check_carer(c: Collector, parameters: Parameters, household: Household, m: Member,
                 on: dt.date, region: str, *, child_under: str, disabled_child: bool,
                 blocking_code: str, blocking_msgid: str) -> None:
    """An adult without an accepted activity: exempt as a carer, unclear, or blocking."""
    deps = _dependants(c, parameters, household, m, on, region, child_under, disabled_child)
    if MemberStatus.CARER in m.statuses and deps:
        c.note("carer_exception",
               N_("{member} cares for {dependant}, which is an accepted exception."),
               member=name(m), dependant=name(deps[0]))
    elif MemberStatus.CARER in m.statuses:
        c.unknown("carer_dependant_unknown",
                  N_("{member} is marked as a carer, but nobody in the household is a person "
                     "they may care for; confirm whom they care for."), member=name(m))
    elif deps:
        c.unknown("carer_not_marked",
                  N_("{member} has no registered work or study, but the household has "
                     "{dependant}; if {member} cares for them, mark them as a carer."),
                  member=name(m), dependant=name(deps[0]))
    else:
        c.block(blocking_code, blocking_msgid, member=name(m))



# rules -----------------------------------------------------------------------------------------
def precheck_tsa(*, household: Household, applicant: Person, applied_on: dt.date, region: str,
                 parameters: Parameters, answers: Mapping[str, bool]) -> PreCheckResult:
    """Targeted social assistance (std 12 items 1, 6, 17)."""
    c = Collector("tsa")
    c.figures["region"] = region
    pci = household_income(c, household, applied_on, answers)
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
        if MemberStatus.UNEMPLOYED not in m.statuses \
                or not able_bodied_age(c, parameters, m, applied_on, region):
            continue
        if is_disabled(m):
            continue
        if m.statuses & {MemberStatus.INPATIENT, MemberStatus.STUDENT,
                         MemberStatus.REGISTERED_UNEMPLOYED}:
            continue
        _check_carer(c, parameters, household, m, applied_on, region,
                     child_under="tsa_carer_child_under_age", disabled_child=False,
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
    c = Collector("child_benefit")
    c.figures["region"] = region
    children = [m for m in household.members if m.relation in (Relation.CHILD, Relation.WARD)]
    under = c.parameter(parameters, "child_benefit_child_under_age", applied_on, region)
    minors = [m for m in children
              if under is not None and reached(m.person, under, applied_on) is False]
    c.figures["children_under_18"] = str(len(minors))
    if not minors and under is not None:
        if any(m.person.birth_date is None for m in children):
            c.unknown("child_age_unknown",
                      N_("A child's birth date is not recorded; enter it to check the age."))
        else:
            c.block("no_child_under_18", N_("The household has no child under 18."))
    pci = household_income(c, household, applied_on, answers)
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
        if not able_bodied_age(c, parameters, m, applied_on, region) or is_disabled(m):
            continue
        if m.statuses & _ACTIVE_PARENT:
            continue
        if not m.statuses:
            c.unknown("parent_status_unknown",
                      N_("The occupation of {member} is not recorded (work, study, service, "
                         "registered unemployed or carer)."), member=name(m))
            continue
        _check_carer(c, parameters, household, m, applied_on, region,
                     child_under="child_benefit_carer_child_under_age", disabled_child=True,
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
    c = Collector("fuel_assistance")
    for key, ask_msgid, no_msgid in _FUEL_QUESTIONS:
        if key not in answers:
            c.unknown(f"{key}_not_answered", ask_msgid)
        elif not answers[key]:
            c.block(f"not_{key}", no_msgid)
    return c.result()


_NO_INCOME_Q = ("no_income_confirmed",
                N_("The family had no income at all in the quarter before the application."))

# The yes/no questions each rule reads from `answers` (id, English question msgid), for the form.
SOCIAL_QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "tsa": (
        ("refused_work_last_6_months",
         N_("In the last six months, did a family member refuse offered work, or leave public "
            "works, study or retraining, without a valid reason?")),
        _NO_INCOME_Q,
    ),
    "child_benefit": (_NO_INCOME_Q,),
    "fuel_assistance": tuple((key, ask) for key, ask, _ in _FUEL_QUESTIONS),
}

SOCIAL_RULES: dict[str, Rule] = {
    "tsa": precheck_tsa,
    "child_benefit": precheck_child_benefit,
    "fuel_assistance": precheck_fuel_assistance,
}
