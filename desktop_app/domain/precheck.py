"""Pre-checks of eligibility the office runs before forwarding (the district decides, not us): the
registry of every rule and its questions, and `run_precheck`.

Pure Python; imports the families of rules (precheck_social, precheck_employment) and their shared
vocabulary (precheck_vocabulary). A result holds codes, English msgids with named placeholders
(translated when shown), the figures and the parameter versions used, so a stored result can be
re-rendered in either language later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from desktop_app.domain.household import Household, Person
from desktop_app.domain.parameters import Parameters
from desktop_app.domain.precheck_employment import EMPLOYMENT_QUESTIONS, EMPLOYMENT_RULES
from desktop_app.domain.precheck_social import SOCIAL_QUESTIONS, SOCIAL_RULES
from desktop_app.domain.precheck_vocabulary import Outcome, PreCheckResult, Reason, Rule

__all__ = ["RULES", "RULE_QUESTIONS", "Outcome", "PreCheckResult", "Reason", "run_precheck"]

RULES: dict[str, Rule] = {**SOCIAL_RULES, **EMPLOYMENT_RULES}
# The yes/no questions each rule reads from `answers` (id, English question msgid), for the form.
RULE_QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {**SOCIAL_QUESTIONS,
                                                          **EMPLOYMENT_QUESTIONS}


def run_precheck(rule_id: str, *, household: Household, applicant: Person, applied_on: dt.date,
                 region: str, parameters: Parameters,
                 answers: Mapping[str, bool] | None = None) -> PreCheckResult:
    """Run the pre-check `rule_id` (a key of RULES; unknown ids raise KeyError)."""
    rule = RULES[rule_id]
    return rule(household=household, applicant=applicant, applied_on=applied_on, region=region,
                parameters=parameters, answers=dict(answers or {}))
