"""Pre-checks of the employment measures (001, 000, «Еңбек» 004) and of disability aids (003 std 4).

Pure Python; imports domain.household, domain.parameters, domain.precheck_vocabulary and i18n.
`precheck` registers EMPLOYMENT_RULES and EMPLOYMENT_QUESTIONS. A pre-check decides nothing and
never blocks saving: the employment centre, the commissions and the Department decide. Ages, groups
and amounts are dated parameters (data/parameters), never numbers here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.household import (
    DISABILITY_GROUPS, Household, Member, MemberStatus, Person, Relation,
)
from desktop_app.domain.parameters import Parameters
from desktop_app.domain.precheck_vocabulary import (
    Collector, PreCheckResult, Rule, reached_pension_age,
)
from desktop_app.i18n import N_

_TENGE = Decimal("1")
_PERCENT = Decimal("100")  # a share as per cent (not a legal figure)

# The «Еңбек» figures (caps and pay in MCI, the youth age limit, the subsidy share) and the pension
# age are legal data: data/parameters/enbek_*.toml and pension_age.toml, with validity dates.

# 001 service 2 para 2: the six referral types; para 11: only 4 and 6 need no registration.
MEASURES = ("youth_practice", "public_works", "social_job", "job_placement", "vocational_training",
            "vocational_guidance")
_NO_REGISTRATION_NEEDED = frozenset({"job_placement", "vocational_guidance"})
_UNEMPLOYED = frozenset({MemberStatus.UNEMPLOYED, MemberStatus.REGISTERED_UNEMPLOYED})


# helpers ---------------------------------------------------------------------------------------
def _own_member(household: Household, applicant: Person) -> Member | None:
    """The applicant's own row in the household, if the household is recorded."""
    for m in household.members:
        if m.person is applicant or (applicant.iin and m.person.iin == applicant.iin):
            return m
    return next((m for m in household.members if m.relation == Relation.APPLICANT), None)


def _statuses(household: Household, applicant: Person) -> frozenset[MemberStatus]:
    m = _own_member(household, applicant)
    return m.statuses if m is not None else frozenset()


def _is(statuses: frozenset[MemberStatus], answers: Mapping[str, bool], key: str,
        *wanted: MemberStatus) -> bool | None:
    """A fact from the household statuses, else from the specialist's answer, else unknown."""
    if statuses & set(wanted):
        return True
    return answers.get(key)


def _mci_amount(c: Collector, parameters: Parameters, on: dt.date, region: str,
                count_param: str, figure: str, times: int = 1) -> tuple[Decimal, Decimal] | None:
    """(the count of MCI × times, its amount in tenge) from the parameters in force, or None."""
    count = c.parameter(parameters, count_param, on, region)
    rate = c.parameter(parameters, "mci", on, region)
    if rate is None or count is None:
        return None
    mci = count * times
    amount = (rate * mci).quantize(_TENGE, ROUND_HALF_UP)
    c.figures[figure] = str(amount)
    c.figures[f"{figure}_mci"] = str(mci)
    return mci, amount


def _limit(c: Collector, parameters: Parameters, name: str, on: dt.date, region: str
           ) -> int | None:
    value = c.parameter(parameters, name, on, region)
    return int(value) if value is not None else None


def _age(c: Collector, applicant: Person, on: dt.date) -> int | None:
    age = applicant.age_on(on)
    if age is None:
        c.unknown("age_unknown", N_("The applicant's birth date is not recorded; enter it to "
                                    "check the age."))
    else:
        c.figures["age"] = str(age)
    return age


# 001 service 2: referral to active employment measures -----------------------------------------
def precheck_employment_referral(*, household: Household, applicant: Person, applied_on: dt.date,
                                 region: str, parameters: Parameters,
                                 answers: Mapping[str, bool]) -> PreCheckResult:
    """Referral to active forms of employment assistance (001 service 2 paras 2, 11)."""
    c = Collector("employment_referral")
    chosen = [m for m in MEASURES if answers.get(f"measure_{m}")]
    c.figures["measures"] = ",".join(chosen)
    if not chosen:
        c.unknown("measure_not_chosen",
                  N_("Ask which measure the applicant asks a referral for (youth practice, public "
                     "works, social job, job placement, vocational training or vocational "
                     "guidance)."))
        return c.result()
    registered = _is(_statuses(household, applicant), answers, "registered_unemployed",
                     MemberStatus.REGISTERED_UNEMPLOYED)
    needs = [m for m in chosen if m not in _NO_REGISTRATION_NEEDED]
    if not needs:
        c.note("no_registration_needed",
               N_("Job placement and vocational guidance are given without registration as "
                  "unemployed."))
    elif registered:
        c.note("registered_unemployed",
               N_("The applicant is registered as unemployed, as the referral requires."))
    elif registered is None:
        c.unknown("registration_unknown",
                  N_("Ask whether the applicant is registered as unemployed with the employment "
                     "department; without it the referral is refused except for job placement "
                     "and vocational guidance."))
    else:
        c.block("not_registered_unemployed",
                N_("The applicant is not registered as unemployed: a referral to {measures} is "
                   "refused (only job placement and vocational guidance are given without "
                   "registration)."), measures=", ".join(needs))
    return c.result()


# 000: public works -----------------------------------------------------------------------------
def precheck_public_works(*, household: Household, applicant: Person, applied_on: dt.date,
                          region: str, parameters: Parameters,
                          answers: Mapping[str, bool]) -> PreCheckResult:
    """Public works: only for the unemployed, with their consent (000 annex, conditions)."""
    c = Collector("public_works")
    registered = _is(_statuses(household, applicant), answers, "registered_unemployed",
                     MemberStatus.REGISTERED_UNEMPLOYED)
    if registered is None:
        c.unknown("registration_unknown",
                  N_("Ask whether the applicant is registered as unemployed; the district "
                     "department refers only the unemployed, in order of registration."))
    elif not registered:
        c.block("not_registered_unemployed",
                N_("Public works are only for the unemployed registered with the district "
                   "employment department; register first."))
    if answers.get("consents") is False:
        c.block("no_consent", N_("The applicant does not consent to public works."))
    return c.result()


# «Еңбек» 004 -----------------------------------------------------------------------------------
def precheck_enbek_short_term_training(*, household: Household, applicant: Person,
                                       applied_on: dt.date, region: str, parameters: Parameters,
                                       answers: Mapping[str, bool]) -> PreCheckResult:
    """Short-term vocational training (004 section 5.1.2, participants; step 1)."""
    c = Collector("enbek_short_term_training")
    age = _age(c, applicant, applied_on)
    statuses = _statuses(household, applicant)
    unemployed = _is(statuses, answers, "unemployed", *_UNEMPLOYED)
    self_employed = _is(statuses, answers, "self_employed", MemberStatus.SELF_EMPLOYED)
    laid_off = answers.get("being_laid_off")
    youth = _limit(c, parameters, "enbek_youth_age_limit", applied_on, region)
    if age is not None and youth is not None and age < youth:
        c.note("youth_under_29", N_("The applicant is under {limit}: eligible as youth."),
               limit=youth)
    elif unemployed or self_employed:
        c.note("unemployed_or_self_employed",
               N_("The applicant is unemployed or self-employed: eligible regardless of "
                  "registration with the employment centre."))
    elif laid_off:
        c.note("laid_off_apply_at_centre",
               N_("Workers being laid off are eligible but apply only to the employment centre, "
                  "not through the akim."))
    elif age is not None and unemployed is False and self_employed is False and laid_off is False:
        c.block("not_in_target_group",
                N_("The applicant is {age}, and neither unemployed, self-employed nor being laid "
                   "off: short-term training is not for them."), age=age)
    elif age is not None:
        c.unknown("occupation_unknown",
                  N_("Ask whether the applicant is unemployed, self-employed or being laid off."))
    return c.result()


def precheck_enbek_youth_practice(*, household: Household, applicant: Person, applied_on: dt.date,
                                  region: str, parameters: Parameters,
                                  answers: Mapping[str, bool]) -> PreCheckResult:
    """Youth practice: unemployed graduates aged up to 29 within 3 years of graduating (5.3.1)."""
    c = Collector("enbek_youth_practice")
    age = _age(c, applicant, applied_on)
    youth = _limit(c, parameters, "enbek_youth_age_limit", applied_on, region)
    if age is not None and youth is not None and age > youth:
        c.block("over_29", N_("The applicant is {age}, older than {limit}."), age=age,
                limit=youth)
    unemployed = _is(_statuses(household, applicant), answers, "unemployed", *_UNEMPLOYED)
    if unemployed is None:
        c.unknown("unemployed_unknown", N_("Ask whether the applicant is unemployed."))
    elif not unemployed:
        c.block("not_unemployed", N_("Youth practice is only for the unemployed."))
    graduated = answers.get("graduated_within_3_years")
    if graduated is None:
        c.unknown("graduation_unknown",
                  N_("Ask whether the applicant graduated (vocational, higher or postgraduate "
                     "education) within the last three years."))
    elif not graduated:
        c.block("graduated_over_3_years",
                N_("More than three years have passed since graduation."))
    pay = _mci_amount(c, parameters, applied_on, region, "enbek_youth_practice_pay_mci",
                      "monthly_pay")
    if pay is not None:
        c.note("youth_practice_pay",
               N_("Pay: {mci} MCI = {amount} tenge a month, for up to 6 months."),
               mci=pay[0], amount=pay[1])
    return c.result()


def precheck_enbek_state_grant(*, household: Household, applicant: Person, applied_on: dt.date,
                               region: str, parameters: Parameters,
                               answers: Mapping[str, bool]) -> PreCheckResult:
    """State grant for new business ideas: once only, up to 100 MCI (section 5.2.5)."""
    c = Collector("enbek_state_grant")
    if answers.get("grant_received_before"):
        c.block("grant_received_before",
                N_("The applicant already received a state grant; it is given only once."))
    if answers.get("other_state_support"):
        c.block("other_state_support",
                N_("The applicant received financial support under another state programme."))
    category = (applicant.citizenship == "oralman" or answers.get("resettler")
                or answers.get("training_completed"))
    if not category:
        c.unknown("category_unknown",
                  N_("Ask whether the applicant is a resettler or an oralman, or completed "
                     "Bastau Business or direction-1 training."))
    for key, ask, no in (
        ("tax_registered", N_("Ask whether the applicant is registered with the tax authorities."),
         N_("The applicant is not registered with the tax authorities, a mandatory condition.")),
        ("training_completed",
         N_("Ask for the document on completing Bastau Business or direction-1 training."),
         N_("There is no document on completing Bastau Business or direction-1 training, a "
            "mandatory condition.")),
    ):
        if key not in answers:
            c.unknown(f"{key}_not_answered", ask)
        elif not answers[key]:
            c.block(f"not_{key}", no)
    cap = _mci_amount(c, parameters, applied_on, region, "enbek_grant_cap_mci", "grant_cap")
    if cap is not None:
        c.note("grant_cap", N_("A grant is at most {mci} MCI = {amount} tenge."),
               mci=cap[0], amount=cap[1])
    return c.result()


def precheck_enbek_microcredit(*, household: Household, applicant: Person, applied_on: dt.date,
                               region: str, parameters: Parameters,
                               answers: Mapping[str, bool]) -> PreCheckResult:
    """Microcredit in rural settlements: below pension age, up to 2,500 MCI (section 5.2.2)."""
    c = Collector("enbek_microcredit")
    age = _age(c, applicant, applied_on)
    retired = reached_pension_age(c, parameters, applicant, applied_on, region)
    if retired:
        c.block("above_retirement_age",
                N_("The applicant is {age}: microcredit is for persons below the pension age "
                   "({pension_age})."), age=age,
                pension_age=c.figures.get("pension_age_women") or c.figures.get("pension_age_men"))
    if answers.get("tax_registered") is False:
        c.note("tax_registration_needed",
               N_("Registration with the tax authorities is a mandatory condition (except when "
                  "expanding a beginning entrepreneur's business)."))
    if answers.get("has_certificate") is False:
        c.note("certificate_needed",
               N_("To open a microbusiness a certificate of entrepreneurship training is needed; "
                  "the employment centre sends the applicant to Bastau Business first."))
    cap = _mci_amount(c, parameters, applied_on, region, "enbek_microcredit_rural_cap_mci",
                      "microcredit_cap")
    if cap is not None:
        c.note("microcredit_cap",
               N_("In rural settlements a microcredit is at most {mci} MCI = {amount} tenge; the "
                  "rate and term are set by the programme (see the parameter's source)."),
               mci=cap[0], amount=cap[1])
    return c.result()


def precheck_enbek_social_jobs(*, household: Household, applicant: Person, applied_on: dt.date,
                               region: str, parameters: Parameters,
                               answers: Mapping[str, bool]) -> PreCheckResult:
    """Social jobs: for the unemployed, up to 12 months; 35 % subsidy capped (section 5.3.1)."""
    c = Collector("enbek_social_jobs")
    unemployed = _is(_statuses(household, applicant), answers, "unemployed", *_UNEMPLOYED)
    if unemployed is None:
        c.unknown("unemployed_unknown", N_("Ask whether the applicant is unemployed."))
    elif not unemployed:
        c.block("not_unemployed", N_("Social jobs are only for the unemployed."))
    wage = c.parameter(parameters, "minimum_wage", applied_on, region)
    if wage is not None:
        c.figures["subsidy_cap"] = str(wage)
        share = c.parameter(parameters, "enbek_social_job_subsidy_share", applied_on, region)
        if share is not None:
            c.note("social_job_subsidy",
                   N_("The employer's subsidy is {share} per cent of the wage, at most the "
                      "minimum wage {amount} tenge, for up to 12 months."),
                   share=(share * _PERCENT).normalize(), amount=wage)
    return c.result()


def precheck_enbek_resettlement(*, household: Household, applicant: Person, applied_on: dt.date,
                                region: str, parameters: Parameters,
                                answers: Mapping[str, bool]) -> PreCheckResult:
    """Voluntary resettlement: exclusions and relocation aid per member (section 5.3.2)."""
    c = Collector("enbek_resettlement")
    if answers.get("excluded_occupation"):
        c.block("excluded_occupation",
                N_("Civil servants, low-skilled workers and managers do not take part in "
                   "resettlement."))
    # 004 5.3.2: only resettlement within the oblast requires the unemployed or unproductively
    # self-employed status; interregional participants under the quotas need no such status.
    within_region = answers.get("resettlement_within_region")
    if within_region is None:
        c.unknown("resettlement_kind_unknown",
                  N_("Ask whether the resettlement is within the oblast or between regions under "
                     "the quotas."))
    elif within_region:
        statuses = _statuses(household, applicant)
        eligible = _is(statuses, answers, "unemployed", *_UNEMPLOYED, MemberStatus.SELF_EMPLOYED)
        if eligible is None:
            c.unknown("unemployed_unknown",
                      N_("Ask whether the applicant is unemployed or unproductively self-employed "
                         "(within the oblast)."))
        elif not eligible:
            c.block("not_unemployed",
                    N_("Resettlement within the oblast is for the unemployed and the "
                       "unproductively self-employed."))
    else:
        c.note("interregional_no_status_needed",
               N_("Interregional resettlement under the quotas does not require the unemployed "
                  "status."))
    members = max(len(household.members), 1)
    c.figures["members"] = str(members)
    between = _mci_amount(c, parameters, applied_on, region,
                          "enbek_resettlement_interregional_mci", "relocation_aid_interregional",
                          times=members)
    within = _mci_amount(c, parameters, applied_on, region,
                         "enbek_resettlement_within_region_mci", "relocation_aid_within_oblast",
                         times=members)
    if between is not None and within is not None:
        c.note("relocation_aid",
               N_("Relocation aid for {members} family members: {interregional} tenge between "
                  "regions, {within} tenge within the oblast ({mci_between} and {mci_within} MCI "
                  "each)."),
               members=members, interregional=between[1], within=within[1],
               mci_between=between[0] // members, mci_within=within[0] // members)
    return c.result()


def precheck_enbek_bastau_business(*, household: Household, applicant: Person,
                                   applied_on: dt.date, region: str, parameters: Parameters,
                                   answers: Mapping[str, bool]) -> PreCheckResult:
    """Bastau Business: the unemployed and the self-employed (section 5.2.1)."""
    c = Collector("enbek_bastau_business")
    statuses = _statuses(household, applicant)
    eligible = _is(statuses, answers, "unemployed", *_UNEMPLOYED, MemberStatus.SELF_EMPLOYED)
    if eligible is None:
        c.unknown("unemployed_unknown",
                  N_("Ask whether the applicant is unemployed or self-employed."))
    elif not eligible:
        c.block("not_in_target_group",
                N_("Bastau Business is for the unemployed and the self-employed."))
    return c.result()


# Codes a reason lists in its {measures} / {category} placeholders, worded when it is shown.
CODE_LABELS: dict[str, str] = {
    "youth_practice": N_("youth practice"),
    "public_works": N_("public works"),
    "social_job": N_("a social job"),
    "job_placement": N_("job placement"),
    "vocational_training": N_("vocational training"),
    "vocational_guidance": N_("vocational guidance"),
    "gpw_participant": N_("participant of the Great Patriotic War"),
    "gpw_disabled": N_("disabled veteran of the Great Patriotic War"),
    "equated_to_gpw_disabled": N_("equated to disabled veterans of the Great Patriotic War"),
    "disabled_child": N_("disabled child"),
    "work_injury": N_("disabled by a work injury or occupational disease"),
}
LISTED_CODE_PARAMS = frozenset({"measures", "category"})


# 003 std 4: disability aids by sub-type --------------------------------------------------------
# The highest eligible disability group of each sub-type is a dated parameter (003 std 4 item 6).
_STD4_SUBTYPES = ("surdo", "tiflo", "hygiene")
_STD4_CATEGORIES = {  # answers that make the applicant eligible whatever the group (item 6)
    "surdo": ("gpw_participant", "gpw_disabled", "equated_to_gpw_disabled", "disabled_child",
              "work_injury"),
    "tiflo": ("disabled_child", "work_injury"),
    "hygiene": ("disabled_child", "work_injury"),
}


def _std4(sub: str) -> Rule:
    def rule(*, household: Household, applicant: Person, applied_on: dt.date, region: str,
             parameters: Parameters, answers: Mapping[str, bool]) -> PreCheckResult:
        c = Collector(f"std4_{sub}")
        member = _own_member(household, applicant)
        group = member.disability_group if member is not None else None
        if group is None:
            group = next((g for g in DISABILITY_GROUPS if answers.get(f"disability_group_{g}")),
                         None)
        categories = [k for k in _STD4_CATEGORIES[sub] if answers.get(k)]
        if group is not None:
            c.figures["disability_group"] = str(group)
        if categories:
            c.note("eligible_category",
                   N_("The applicant belongs to an eligible category ({category})."),
                   category=", ".join(categories))
        elif group is not None and (top := c.parameter(
                parameters, f"std4_{sub}_disability_group_max", applied_on, region)) is None:
            pass  # the missing parameter is named by the collector
        elif group is not None and top is not None and group <= top:
            c.note("eligible_group", N_("Disability group {group} is eligible."), group=group)
        elif group is not None and top is not None:
            c.block("group_not_eligible",
                    N_("Disability group {group} is not eligible for this aid (groups {groups} "
                       "only)."), group=group,
                    groups=", ".join(str(g) for g in DISABILITY_GROUPS if g <= top))
        else:
            c.unknown("group_unknown",
                      N_("Record the applicant's disability group, or the category that makes "
                         "them eligible."))
        return c.result()
    rule.__doc__ = f"Disability aids, sub-type {sub} (003 std 4 item 6)."
    return rule


_UNEMPLOYED_Q = ("unemployed", N_("Is the applicant unemployed (whether or not registered)?"))
_REGISTERED_Q = ("registered_unemployed",
                 N_("Is the applicant registered as unemployed with the employment department?"))
_STD4_Q = {
    "disability_group_1": N_("Does the applicant have disability group I?"),
    "disability_group_2": N_("Does the applicant have disability group II?"),
    "disability_group_3": N_("Does the applicant have disability group III?"),
    "gpw_participant": N_("Is the applicant a participant of the Great Patriotic War?"),
    "gpw_disabled": N_("Is the applicant a disabled veteran of the Great Patriotic War?"),
    "equated_to_gpw_disabled": N_("Is the applicant equated to disabled veterans of the Great "
                                  "Patriotic War?"),
    "disabled_child": N_("Is the aid for a disabled child?"),
    "work_injury": N_("Is the disability due to a work injury or occupational disease, with the "
                      "employer liquidated or closed?"),
}

EMPLOYMENT_QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "employment_referral": (
        ("measure_youth_practice", N_("Referral to youth practice?")),
        ("measure_public_works", N_("Referral to public works?")),
        ("measure_social_job", N_("Referral to a social job?")),
        ("measure_job_placement", N_("Referral for job placement?")),
        ("measure_vocational_training",
         N_("Referral to vocational training, retraining or upgrading?")),
        ("measure_vocational_guidance", N_("Free vocational guidance?")),
        _REGISTERED_Q,
    ),
    "public_works": (_REGISTERED_Q,
                     ("consents", N_("Does the applicant consent to take part in public works?"))),
    "enbek_short_term_training": (
        _UNEMPLOYED_Q,
        ("self_employed", N_("Is the applicant self-employed?")),
        ("being_laid_off", N_("Is the applicant a worker being laid off?")),
    ),
    "enbek_youth_practice": (
        _UNEMPLOYED_Q,
        ("graduated_within_3_years",
         N_("Did the applicant graduate (vocational, higher or postgraduate education) within "
            "the last three years?")),
    ),
    "enbek_state_grant": (
        ("grant_received_before", N_("Has the applicant received a state grant before?")),
        ("other_state_support",
         N_("Has the applicant received financial support under another state programme?")),
        ("resettler", N_("Is the applicant a resettler?")),
        ("tax_registered", N_("Is the applicant registered with the tax authorities?")),
        ("training_completed",
         N_("Did the applicant complete Bastau Business or direction-1 training?")),
    ),
    "enbek_microcredit": (
        ("tax_registered", N_("Is the applicant registered with the tax authorities?")),
        ("has_certificate", N_("Does the applicant have a certificate of entrepreneurship "
                               "training?")),
    ),
    "enbek_social_jobs": (_UNEMPLOYED_Q,),
    "enbek_resettlement": (
        ("resettlement_within_region",
         N_("Is the resettlement within the oblast (not between regions under the quotas)?")),
        _UNEMPLOYED_Q,
        ("excluded_occupation",
         N_("Is the applicant a civil servant, a low-skilled worker or a manager?")),
    ),
    "enbek_bastau_business": (_UNEMPLOYED_Q,),
    **{f"std4_{sub}": tuple((k, _STD4_Q[k]) for k in
                            (*(f"disability_group_{g}" for g in DISABILITY_GROUPS),
                             *_STD4_CATEGORIES[sub]))
       for sub in _STD4_SUBTYPES},
}

EMPLOYMENT_RULES: dict[str, Rule] = {
    "employment_referral": precheck_employment_referral,
    "public_works": precheck_public_works,
    "enbek_short_term_training": precheck_enbek_short_term_training,
    "enbek_youth_practice": precheck_enbek_youth_practice,
    "enbek_state_grant": precheck_enbek_state_grant,
    "enbek_microcredit": precheck_enbek_microcredit,
    "enbek_social_jobs": precheck_enbek_social_jobs,
    "enbek_resettlement": precheck_enbek_resettlement,
    "enbek_bastau_business": precheck_enbek_bastau_business,
    **{f"std4_{sub}": _std4(sub) for sub in _STD4_SUBTYPES},
}
