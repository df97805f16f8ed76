"""Eligibility pre-checks: TSA, child benefits, fuel assistance."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from decimal import Decimal

import pytest

from desktop_app.domain.household import (
    Household, Income, IncomeKind, Member, MemberStatus as S, Person, Relation,
)
from desktop_app.domain.parameters import Parameters, ParamValue, load_parameters
from desktop_app.domain.precheck import RULES, PreCheckResult, run_precheck

APPLIED = dt.date(2026, 5, 10)                    # quarter 2026Q2: incomes of 2026Q1 count
Q1 = [dt.date(2026, m, 1) for m in (1, 2, 3)]


def _pv(name: str, value: int) -> ParamValue:
    return ParamValue(name, Decimal(value), f"karaganda-2026Q2-{name}", dt.date(2026, 4, 1),
                      dt.date(2026, 6, 30), "karaganda", "test")


_SHIPPED = load_parameters(Path(__file__).resolve().parents[2] / "data" / "parameters")
_TEST = {"poverty_line": [_pv("poverty_line", 35000)], "food_basket": [_pv("food_basket", 27000)]}
# the shipped ages and groups of the acts' exceptions, with this test's income thresholds
PARAMS = Parameters(
    {n: _SHIPPED.info(n) for n in _SHIPPED.names()},
    {n: _TEST.get(n, _SHIPPED.all_values(n)) for n in _SHIPPED.names()},
)


def person(name: str, age: int) -> Person:
    return Person(surname=name, given_name="Test", birth_date=dt.date(2026 - age, 1, 15))


def member(name, age, relation, *statuses, wage=0, group=None) -> Member:
    incomes = [Income(IncomeKind.WAGE, m, Decimal(wage)) for m in Q1] if wage else []
    return Member(person(name, age), relation, frozenset(statuses), group, incomes)


def family(mother_statuses=(S.WORKING,), child_ages=(12, 9, 5), father_wage=90000,
           mother_wage=0, **kw) -> Household:
    members = [
        member("Father", 40, Relation.APPLICANT, S.WORKING, wage=father_wage),
        member("Mother", 38, Relation.SPOUSE, *mother_statuses, wage=mother_wage),
    ]
    members += [member(f"Child{i}", a, Relation.CHILD, S.CHILD) for i, a in enumerate(child_ages)]
    return Household("Village, 1", members, **kw)


def check(rule, household, region="karaganda", **answers) -> PreCheckResult:
    return run_precheck(rule, household=household, applicant=household.members[0].person,
                        applied_on=APPLIED, region=region, parameters=PARAMS, answers=answers)


def codes(result: PreCheckResult) -> set[str]:
    return {r.code for r in result.reasons}


# TSA -------------------------------------------------------------------------------------------
def test_tsa_eligible_with_estimate():
    r = check("tsa", family(), refused_work_last_6_months=False)
    assert r.outcome == "likely_eligible"
    assert r.figures["per_capita_income"] == "18000.00"     # 90 000 a month / 5 members
    assert r.figures["income_quarter"] == "2026Q1"
    assert r.figures["poverty_line"] == "35000"
    assert r.figures["estimated_monthly_amount"] == "85000.00"   # (35 000 - 18 000) x 5
    assert r.figures["estimated_monthly_amount_is"] == "estimate"
    assert "amount_estimate" in codes(r)
    assert ("poverty_line", "karaganda-2026Q2-poverty_line", "35000") in r.parameters


def test_tsa_income_above_poverty_line():
    r = check("tsa", family(father_wage=120000, mother_wage=60000))  # 36 000 per person
    assert r.outcome == "likely_ineligible"
    assert "income_above_poverty_line" in codes(r)
    assert "estimated_monthly_amount" not in r.figures


def test_tsa_income_equal_to_line_is_eligible():
    r = check("tsa", family(father_wage=175000))  # exactly 35 000 per person
    assert r.outcome == "likely_eligible"


def test_tsa_unregistered_unemployed_adult():
    r = check("tsa", family(mother_statuses=(S.UNEMPLOYED,), child_ages=(12, 9, 8)))
    assert r.outcome == "likely_ineligible"
    reason = next(x for x in r.reasons if x.code == "unregistered_unemployed")
    assert "Mother" in reason.params["member"]


def test_tsa_carer_of_child_under_7_is_exempt():
    r = check("tsa", family(mother_statuses=(S.UNEMPLOYED, S.CARER), child_ages=(12, 9, 5)))
    assert r.outcome == "likely_eligible"
    assert "carer_exception" in codes(r)


def test_tsa_unemployed_with_small_child_but_not_marked_carer():
    r = check("tsa", family(mother_statuses=(S.UNEMPLOYED,), child_ages=(12, 9, 5)))
    assert r.outcome == "cannot_tell"
    assert "carer_not_marked" in codes(r)


@pytest.mark.parametrize("statuses", [
    (S.REGISTERED_UNEMPLOYED,), (S.UNEMPLOYED, S.STUDENT), (S.UNEMPLOYED, S.INPATIENT),
    (S.UNEMPLOYED, S.DISABLED),
])
def test_tsa_other_exceptions(statuses):
    r = check("tsa", family(mother_statuses=statuses, child_ages=(12, 9, 8)))
    assert r.outcome == "likely_eligible"


def test_tsa_carer_of_grandparent_over_80():
    h = family(mother_statuses=(S.UNEMPLOYED, S.CARER), child_ages=(12, 9))
    h.members.append(member("Grandmother", 84, Relation.PARENT, S.PENSIONER))
    assert check("tsa", h).outcome == "likely_eligible"


def test_tsa_unemployed_pensioner_age_does_not_block():
    h = family(child_ages=(12, 9))
    h.members.append(member("Grandfather", 66, Relation.PARENT, S.UNEMPLOYED))
    assert check("tsa", h).outcome == "likely_eligible"


def test_tsa_refused_work():
    r = check("tsa", family(), refused_work_last_6_months=True)
    assert r.outcome == "likely_ineligible"
    assert "refused_work_6_months" in codes(r)


def test_tsa_no_incomes_cannot_tell_unless_confirmed():
    r = check("tsa", family(father_wage=0))
    assert r.outcome == "cannot_tell"
    assert "no_incomes" in codes(r)
    r = check("tsa", family(father_wage=0), no_income_confirmed=True)
    assert r.outcome == "likely_eligible"
    assert r.figures["estimated_monthly_amount"] == "175000.00"


def test_tsa_incomes_of_another_quarter_do_not_count():
    h = family(father_wage=0)
    h.members[0].incomes.append(Income(IncomeKind.WAGE, dt.date(2026, 4, 1), Decimal(500000)))
    assert "no_incomes" in codes(check("tsa", h))


def test_tsa_parameter_missing():
    r = check("tsa", family(), region="turkistan")
    assert r.outcome == "cannot_tell"
    reason = next(x for x in r.reasons if x.code == "parameter_missing")
    assert reason.params == {"parameter": "poverty_line", "date": "2026-05-10",
                             "region": "turkistan", "parameter_kk": "Кедейлік шегі",
                             "parameter_ru": "Черта бедности"}


def test_result_round_trips_through_json():
    r = check("tsa", family(mother_statuses=(S.UNEMPLOYED, S.CARER)))
    data = json.loads(json.dumps(r.to_dict()))
    assert PreCheckResult.from_dict(data) == r
    for reason in r.reasons:
        assert "{" not in reason.msgid or all(
            f"{{{k}}}" in reason.msgid for k in reason.params)
        reason.msgid.format(**reason.params)  # every placeholder has a value


# child benefit ---------------------------------------------------------------------------------
def test_child_benefit_eligible():
    r = check("child_benefit", family())
    assert r.outcome == "likely_eligible"
    assert r.figures["children_under_18"] == "3"
    assert r.figures["food_basket"] == "27000"


def test_child_benefit_income_not_below_food_basket():
    r = check("child_benefit", family(father_wage=135000))  # exactly 27 000 per person
    assert r.outcome == "likely_ineligible"
    assert "income_not_below_food_basket" in codes(r)


def test_child_benefit_idle_parent_blocks():
    r = check("child_benefit", family(mother_statuses=(S.UNEMPLOYED,), child_ages=(12, 9, 5)))
    assert r.outcome == "likely_ineligible"
    assert "parent_not_occupied" in codes(r)


def test_child_benefit_carer_of_child_under_3():
    r = check("child_benefit", family(mother_statuses=(S.UNEMPLOYED, S.CARER),
                                      child_ages=(12, 9, 2)))
    assert r.outcome == "likely_eligible"


def test_child_benefit_carer_without_listed_dependant():
    r = check("child_benefit", family(mother_statuses=(S.CARER,), child_ages=(12, 9, 5)))
    assert r.outcome == "cannot_tell"
    assert "carer_dependant_unknown" in codes(r)


def test_child_benefit_carer_of_disabled_child():
    h = family(mother_statuses=(S.CARER,), child_ages=(12, 9))
    h.members.append(member("Child9", 10, Relation.CHILD, S.CHILD, S.DISABLED, group=3))
    assert check("child_benefit", h).outcome == "likely_eligible"


@pytest.mark.parametrize("statuses", [(S.REGISTERED_UNEMPLOYED,), (S.STUDENT,), (S.SERVING,),
                                      (S.PARENTAL_LEAVE,)])
def test_child_benefit_occupied_parent(statuses):
    assert check("child_benefit", family(mother_statuses=statuses)).outcome == "likely_eligible"


def test_child_benefit_parent_status_unknown():
    r = check("child_benefit", family(mother_statuses=()))
    assert r.outcome == "cannot_tell"
    assert "parent_status_unknown" in codes(r)


def test_child_benefit_needs_child_under_18():
    r = check("child_benefit", family(child_ages=(19, 22)))
    assert r.outcome == "likely_ineligible"
    assert "no_child_under_18" in codes(r)


# fuel ------------------------------------------------------------------------------------------
YES = dict(lives_in_rural_settlement=True, works_in_rural_settlement=True, sector_eligible=True)


def test_fuel_all_three_needed():
    assert check("fuel_assistance", family(), **YES).outcome == "likely_eligible"
    for key in YES:
        r = check("fuel_assistance", family(), **{**YES, key: False})
        assert r.outcome == "likely_ineligible"
        assert codes(r) == {f"not_{key}"}


def test_fuel_unanswered():
    answers = dict(YES)
    del answers["sector_eligible"]
    r = check("fuel_assistance", family(), **answers)
    assert r.outcome == "cannot_tell"
    assert codes(r) == {"sector_eligible_not_answered"}


def test_rules_registry():
    from desktop_app.domain.precheck_employment import EMPLOYMENT_RULES
    assert set(RULES) == {"tsa", "child_benefit", "fuel_assistance", *EMPLOYMENT_RULES}
    with pytest.raises(KeyError):
        check("no_such_rule", family())


def test_rule_questions_cover_the_answers_read():
    from desktop_app.domain.precheck import RULE_QUESTIONS
    assert set(RULE_QUESTIONS) == set(RULES)
    assert {k for k, _ in RULE_QUESTIONS["fuel_assistance"]} == set(YES)
    assert "refused_work_last_6_months" in dict(RULE_QUESTIONS["tsa"])
