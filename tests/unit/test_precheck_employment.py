"""Pre-checks of employment measures (001, 000, «Еңбек» 004) and disability aids (003 std 4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain.household import (
    Household, Member, MemberStatus as S, Person, Relation, Sex,
)
from desktop_app.domain.parameters import Parameters, ParamValue, load_parameters
from desktop_app.domain.precheck import RULE_QUESTIONS, RULES, PreCheckResult, run_precheck
from desktop_app.domain.precheck_employment import EMPLOYMENT_RULES
from desktop_app.i18n import N_

APPLIED = dt.date(2026, 5, 10)


def _pv(name: str, value: int) -> ParamValue:
    return ParamValue(name, Decimal(value), f"kz-2026-{name}", dt.date(2026, 1, 1),
                      dt.date(2026, 12, 31), None, "test")


# the shipped legal figures: MCI 4325 and minimum wage 85000 in 2026, the «Еңбек» caps in MCI
PARAMS = load_parameters(Path(__file__).resolve().parents[2] / "data" / "parameters")
NO_PARAMS = Parameters({}, {})


def person(age: int | None, citizenship: str = "citizen", sex: Sex | None = Sex.MALE) -> Person:
    born = None if age is None else dt.date(2026 - age, 1, 15)
    return Person("Test", "Applicant", birth_date=born, citizenship=citizenship, sex=sex)


def check(rule: str, age: int | None = 30, *statuses: S, group: int | None = None,
          members: int = 1, citizenship: str = "citizen", params: Parameters = PARAMS,
          **answers: bool) -> PreCheckResult:
    applicant = person(age, citizenship)
    household = Household("Village, 1", [Member(applicant, Relation.APPLICANT, frozenset(statuses),
                                                group)])
    household.members += [Member(person(10), Relation.CHILD) for _ in range(members - 1)]
    return run_precheck(rule, household=household, applicant=applicant, applied_on=APPLIED,
                        region="karaganda", parameters=params, answers=answers)


def codes(result: PreCheckResult) -> set[str]:
    return {r.code for r in result.reasons}


def test_rules_and_questions_are_registered() -> None:
    for rule_id in EMPLOYMENT_RULES:
        assert rule_id in RULES and rule_id in RULE_QUESTIONS
        for key, msgid in RULE_QUESTIONS[rule_id]:
            assert key and msgid == N_(msgid)


# --- 001 service 2: employment referral ---------------------------------------------------------

@pytest.mark.parametrize("measure", ["youth_practice", "public_works", "social_job",
                                     "vocational_training"])
def test_referral_refused_to_unregistered(measure: str) -> None:
    result = check("employment_referral", 30, S.UNEMPLOYED, **{f"measure_{measure}": True,
                                                               "registered_unemployed": False})
    assert result.outcome == "likely_ineligible" and "not_registered_unemployed" in codes(result)
    assert check("employment_referral", 30, S.REGISTERED_UNEMPLOYED,
                 **{f"measure_{measure}": True}).outcome == "likely_eligible"


@pytest.mark.parametrize("measure", ["job_placement", "vocational_guidance"])
def test_job_placement_and_guidance_need_no_registration(measure: str) -> None:
    result = check("employment_referral", 30, **{f"measure_{measure}": True,
                                                 "registered_unemployed": False})
    assert result.outcome == "likely_eligible" and "no_registration_needed" in codes(result)


def test_referral_asks_measure_and_registration() -> None:
    assert "measure_not_chosen" in codes(check("employment_referral"))
    result = check("employment_referral", measure_public_works=True)
    assert result.outcome == "cannot_tell" and "registration_unknown" in codes(result)


def test_public_works_only_for_registered_unemployed_with_consent() -> None:
    assert check("public_works", 30, S.REGISTERED_UNEMPLOYED, consents=True).outcome == \
        "likely_eligible"
    assert check("public_works", 30, S.WORKING, registered_unemployed=False).outcome == \
        "likely_ineligible"
    assert "no_consent" in codes(check("public_works", 30, S.REGISTERED_UNEMPLOYED,
                                       consents=False))


# --- «Еңбек» ------------------------------------------------------------------------------------

def test_short_term_training_youth_unemployed_self_employed_laid_off() -> None:
    assert "youth_under_29" in codes(check("enbek_short_term_training", 28))
    assert check("enbek_short_term_training", 29, unemployed=False, self_employed=False,
                 being_laid_off=False).outcome == "likely_ineligible"
    assert check("enbek_short_term_training", 45, S.UNEMPLOYED).outcome == "likely_eligible"
    assert check("enbek_short_term_training", 45, S.SELF_EMPLOYED).outcome == "likely_eligible"
    laid_off = check("enbek_short_term_training", 45, being_laid_off=True)
    assert "laid_off_apply_at_centre" in codes(laid_off)
    assert check("enbek_short_term_training", 45).outcome == "cannot_tell"
    assert "age_unknown" in codes(check("enbek_short_term_training", None))


def test_youth_practice_age_graduation_and_pay() -> None:
    ok = check("enbek_youth_practice", 29, S.UNEMPLOYED, graduated_within_3_years=True)
    assert ok.outcome == "likely_eligible"
    assert ok.figures["monthly_pay"] == str(25 * 4325)
    assert ("mci", "kz-2026", "4325") in ok.parameters  # the pre-check names the versions it used
    assert (("enbek_youth_practice_pay_mci", "enbek-youth-practice-pay-mci-2017", "25")
            in ok.parameters)
    assert "over_29" in codes(check("enbek_youth_practice", 30, S.UNEMPLOYED,
                                    graduated_within_3_years=True))
    assert check("enbek_youth_practice", 24, S.UNEMPLOYED,
                 graduated_within_3_years=False).outcome == "likely_ineligible"
    assert check("enbek_youth_practice", 24, S.WORKING, unemployed=False,
                 graduated_within_3_years=True).outcome == "likely_ineligible"
    assert "graduation_unknown" in codes(check("enbek_youth_practice", 24, S.UNEMPLOYED))


def test_state_grant_once_only_and_cap_in_tenge() -> None:
    ok = check("enbek_state_grant", tax_registered=True, training_completed=True)
    assert ok.outcome == "likely_eligible" and ok.figures["grant_cap"] == str(100 * 4325)
    again = check("enbek_state_grant", tax_registered=True, training_completed=True,
                  grant_received_before=True)
    assert again.outcome == "likely_ineligible" and "grant_received_before" in codes(again)
    assert check("enbek_state_grant", citizenship="oralman",
                 tax_registered=True, training_completed=False).outcome == "likely_ineligible"
    assert check("enbek_state_grant").outcome == "cannot_tell"


def test_microcredit_pension_age_and_cap() -> None:
    ok = check("enbek_microcredit", 40)
    assert ok.outcome == "likely_eligible" and ok.figures["microcredit_cap"] == str(2500 * 4325)
    assert "above_retirement_age" in codes(check("enbek_microcredit", 63))


def test_missing_mci_makes_it_cannot_tell() -> None:
    result = check("enbek_microcredit", 40, params=NO_PARAMS)
    assert result.outcome == "cannot_tell" and "parameter_missing" in codes(result)


def test_social_jobs_and_resettlement() -> None:
    social = check("enbek_social_jobs", 40, S.REGISTERED_UNEMPLOYED)
    assert social.outcome == "likely_eligible" and social.figures["subsidy_cap"] == "85000"
    assert check("enbek_social_jobs", 40, S.WORKING, unemployed=False).outcome == \
        "likely_ineligible"
    moving = check("enbek_resettlement", 35, S.UNEMPLOYED, members=4,
                   resettlement_within_region=True)
    assert moving.outcome == "likely_eligible"
    assert moving.figures["relocation_aid_interregional"] == str(35 * 4 * 4325)
    assert moving.figures["relocation_aid_within_oblast"] == str(25 * 4 * 4325)
    assert "excluded_occupation" in codes(check("enbek_resettlement", 35, S.UNEMPLOYED,
                                                excluded_occupation=True))
    assert check("enbek_bastau_business", 35, S.SELF_EMPLOYED).outcome == "likely_eligible"


# --- 003 std 4: disability groups ---------------------------------------------------------------

@pytest.mark.parametrize("rule, group, outcome", [
    ("std4_surdo", 3, "likely_eligible"),
    ("std4_tiflo", 2, "likely_eligible"),
    ("std4_tiflo", 3, "likely_ineligible"),
    ("std4_hygiene", 3, "likely_eligible"),
    ("std4_surdo", None, "cannot_tell"),
])
def test_std4_group_rules(rule: str, group: int | None, outcome: str) -> None:
    statuses = (S.DISABLED,) if group else ()
    assert check(rule, 50, *statuses, group=group).outcome == outcome


def test_std4_categories_and_answered_group() -> None:
    assert check("std4_tiflo", 8, disabled_child=True).outcome == "likely_eligible"
    assert check("std4_surdo", 85, gpw_participant=True).outcome == "likely_eligible"
    assert check("std4_tiflo", 50, disability_group_3=True).outcome == "likely_ineligible"
    assert check("std4_tiflo", 50, disability_group_1=True).outcome == "likely_eligible"


def test_results_round_trip() -> None:
    result = check("employment_referral", measure_social_job=True, registered_unemployed=False)
    assert PreCheckResult.from_dict(result.to_dict()) == result


def test_listed_codes_are_worded_in_the_papers_language() -> None:
    from desktop_app.i18n import Translator
    from desktop_app.services.papers import precheck_lines

    result = check("employment_referral", 30, measure_youth_practice=True,
                   measure_public_works=True, registered_unemployed=False)
    for lang in ("kk", "ru"):
        text = " ".join(precheck_lines(result.to_dict(), Translator(lang)))
        assert "youth_practice" not in text and "public_works" not in text
        assert Translator(lang).gettext("youth practice") in text
