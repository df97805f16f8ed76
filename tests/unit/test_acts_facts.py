"""Issue 10: the nine disagreements with the acts. Each fact is read from data/ (the catalogue or
the parameters) and checked against what the act says; every row fails on the old value."""

from __future__ import annotations

import dataclasses
import io
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.documents import notices
from desktop_app.domain.calendar import load_calendar
from desktop_app.domain.catalogue import DeadlineKind, DeadlineUnit, DocumentForm, RefusalKind
from desktop_app.domain.catalogue_conditions import applicable_documents
from desktop_app.domain.catalogue_loader import load_catalogue
from desktop_app.domain.catalogue_schema import CLOCK_STARTS
from desktop_app.domain.deadlines import compute_deadlines
from desktop_app.domain.household import Household, Member, MemberStatus, Person, Relation, Sex
from desktop_app.domain.office import Office
from desktop_app.domain.parameters import load_parameters
from desktop_app.domain.precheck import run_precheck
from desktop_app.i18n import Translator
from desktop_app.paths import data_root

CATALOGUE = load_catalogue(data_root() / "services")
PARAMS = load_parameters(data_root() / "parameters")
CAL = load_calendar(data_root() / "calendar")
MONDAY_10 = dt.datetime(2026, 3, 2, 10, 0)


# 1. every clock start changes the dates, or the deadline says the office cannot compute it ----
def _with_start(service_id: str, kind: DeadlineKind, route: str, starts: str):
    spec = CATALOGUE.get(service_id)
    deadlines = tuple(dataclasses.replace(d, starts=starts)
                      if d.kind == kind and d.route == route else d for d in spec.deadlines)
    return dataclasses.replace(spec, deadlines=deadlines)


def test_every_clock_start_changes_the_decision_date_or_says_why_not() -> None:
    outcomes = {}
    for starts in CLOCK_STARTS:
        spec = _with_start("tsa", DeadlineKind.DECISION, "akim", starts)
        d = compute_deadlines(spec, MONDAY_10, CAL)
        outcomes[starts] = (d.decision_due, d.flags)
    assert len({o[0] for o in outcomes.values()}) == len(CLOCK_STARTS)
    assert outcomes["file_transfer"][0] is None
    assert "decision_start_not_seen" in outcomes["file_transfer"][1]
    assert outcomes["registration"][0] > outcomes["submission"][0]


def test_semipalatinsk_commission_clock_is_not_computed_by_the_office() -> None:
    spec = CATALOGUE.get("semipalatinsk_registration")
    fact = spec.deadline(DeadlineKind.DECISION, "department")
    assert (fact.starts, fact.amount, fact.source) == ("file_transfer", 20, "003 std 2 item 7.1")
    d = compute_deadlines(spec, MONDAY_10, CAL, route="department")
    assert d.decision_due is None and "decision_start_not_seen" in d.flags


# 2, 7, 8: documents ----------------------------------------------------------------------------
def _person(**kw) -> Person:
    return Person("Test", "Applicant", birth_date=dt.date(1970, 5, 1), **kw)


def test_hearing_aids_ask_the_pension_certificate_for_a_work_injury() -> None:
    spec = CATALOGUE.get("std4_surdo")
    docs = {d.id for d in applicable_documents(spec, {"work_injury": True}, _person(), None,
                                               MONDAY_10.date())}
    assert "pension_certificate" in docs  # 003 std 4 item 12 (surdo 6)


@pytest.mark.parametrize("service_id, document_id", [
    ("medical_social_institution", "court_incapacity_decision"),  # 003 std 7 item 12
    ("medical_social_institution", "status_certificate"),         # 003 std 7 item 12.8
    ("home_social_services", "status_certificate"),               # 003 std 8 item 12.6
    ("tsa", "income_certificate"),                                 # 003 std 12 item 12.3
])
def test_documents_the_act_requires_are_required(service_id: str, document_id: str) -> None:
    doc = next(d for d in CATALOGUE.get(service_id).documents if d.id == document_id)
    assert doc.required


@pytest.mark.parametrize("service_id", ["unemployed_registration", "unemployed_certificate"])
def test_documents_shown_are_not_copied(service_id: str) -> None:
    # 003 std 1 item 14 and std 13 item 14: the documents are shown (көрсетіледі)
    forms = {d.form for d in CATALOGUE.get(service_id).documents
             if d.form != DocumentForm.FILLED_FORM}
    assert forms == {DocumentForm.ORIGINAL}


# 3. kinds of grounds, and the notice they print ------------------------------------------------
@pytest.mark.parametrize("service_id, code, kind", [
    ("child_benefit", "child_died", RefusalKind.TERMINATION),             # std 5 item 17
    ("child_benefit", "false_information", RefusalKind.TERMINATION),      # std 5 item 17
    ("tsa", "six_month_loss", RefusalKind.DEPRIVATION),                   # std 12 item 17 para 3
    ("fuel_assistance", "moved_out", RefusalKind.TERMINATION),            # std 11 item 17.3
    ("fuel_assistance", "left_sector_job", RefusalKind.TERMINATION),      # std 11 item 17.4
    ("tsa", "income_above_poverty_line", RefusalKind.REFUSAL),            # std 12 item 17 para 1
])
def test_ground_kinds(service_id: str, code: str, kind: RefusalKind) -> None:
    spec = CATALOGUE.get(service_id)
    assert spec.refusal(code).kind == kind
    assert spec.refusal_kind((code,)) == kind


@pytest.mark.parametrize("kind, title", [
    ("refusal", "Отказ"), ("termination", "прекращении"), ("deprivation", "лишении"),
])
def test_the_kind_changes_the_notice_title(kind: str, title: str, tmp_path: Path) -> None:
    office = Office(code="t", name={"kk": "Ауыл", "ru": "Аул"}, region="karaganda")
    spec = CATALOGUE.get("tsa")
    d = notices.Decision(reg_no="1", accepted_on=dt.date(2026, 3, 2), service=dict(spec.name),
                         department={"kk": "Бөлім", "ru": "Отдел"}, decision="refused",
                         reasons=(dict(spec.refusal_codes[0].text),), kind=kind,
                         appeal=dict(spec.appeal.text))
    pdf = notices.render_refusal_notice(office, _person(), d, Translator("ru"), "1",
                                        dt.date(2026, 3, 5))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                    .split())
    assert title.lower() in text.lower()
    assert " ".join(spec.appeal.text["ru"].split())[:40] in text


# 4. resettlement: only within the oblast needs the status ---------------------------------------
def _applicant_household(*statuses: MemberStatus, sex: Sex = Sex.MALE, age: int = 35):
    p = Person("Test", "Applicant", birth_date=dt.date(2026 - age, 1, 15), sex=sex)
    return p, Household("Village, 1", [Member(p, Relation.APPLICANT, frozenset(statuses))])


@pytest.mark.parametrize("within, outcome", [(True, "likely_ineligible"),
                                             (False, "likely_eligible")])
def test_resettlement_status_only_within_the_oblast(within: bool, outcome: str) -> None:
    p, h = _applicant_household(MemberStatus.WORKING)
    r = run_precheck("enbek_resettlement", household=h, applicant=p,
                     applied_on=dt.date(2026, 5, 10), region="karaganda", parameters=PARAMS,
                     answers={"resettlement_within_region": within, "unemployed": False})
    assert r.outcome == outcome


# 5. pension age: dated, by sex --------------------------------------------------------------------
@pytest.mark.parametrize("name, day, value", [
    ("pension_age_men", dt.date(2026, 6, 1), Decimal("63")),
    ("pension_age_women", dt.date(2026, 6, 1), Decimal("61")),
    ("pension_age_women", dt.date(2028, 6, 1), Decimal("61.5")),
    ("pension_age_women", dt.date(2031, 6, 1), Decimal("63")),
])
def test_pension_age_is_dated_by_sex(name: str, day: dt.date, value: Decimal) -> None:
    assert PARAMS.value(name, day).value == value


@pytest.mark.parametrize("sex, outcome", [(Sex.FEMALE, "likely_ineligible"),
                                          (Sex.MALE, "likely_eligible")])
def test_microcredit_reads_the_pension_age_of_the_persons_sex(sex: Sex, outcome: str) -> None:
    p, h = _applicant_household(sex=sex, age=62)
    r = run_precheck("enbek_microcredit", household=h, applicant=p,
                     applied_on=dt.date(2026, 5, 10), region="karaganda", parameters=PARAMS,
                     answers={})
    assert r.outcome == outcome


# 6. the appeal route is catalogue data per service ---
@pytest.mark.parametrize("service_id, words", [
    ("semipalatinsk_registration", "журнале жалоб"),   # 003 std 2 items 21-23
    ("prosthetic_help", "журнале жалоб"),              # 003 std 3
    ("std4_surdo", "журнале жалоб"),                   # 003 std 4
    ("maslikhat_social_assistance", "уведомлением"),   # 003 std 9 item 23
    ("fuel_assistance", "уведомлением"),               # 003 std 11 item 23
    ("tsa", "талоном"),                                # 003 std 12 item 23
])
def test_appeal_route_per_service(service_id: str, words: str) -> None:
    appeal = CATALOGUE.get(service_id).appeal
    assert appeal.stated and words in appeal.text["ru"] and appeal.text["kk"]


def test_no_appeal_wording_in_the_notice_code() -> None:
    source = Path(notices.__file__).read_text(encoding="utf-8")
    assert "appeal_text" not in source and "by a talon" not in source


# 9. the TSA-recipient certificate serves all individuals ---
def test_tsa_certificate_serves_oralmans_and_refugees() -> None:
    applicants = CATALOGUE.get("tsa_certificate").applicants
    assert {"oralman", "refugee"} <= set(applicants)


def test_deadline_units_unchanged_sanity() -> None:
    # the decision unit of the semipalatinsk commission stays "unspecified" (flagged)
    spec = CATALOGUE.get("semipalatinsk_registration")
    assert spec.deadline(DeadlineKind.DECISION, "department").unit == DeadlineUnit.UNSPECIFIED


# legal numbers out of code ----------------------------------------------------------------------
_RULE_MODULES = ("precheck", "precheck_social", "precheck_employment")


@pytest.mark.parametrize("module", _RULE_MODULES)
def test_precheck_modules_hold_no_legal_numbers(module: str) -> None:
    import ast
    path = data_root().parent / "desktop_app" / "domain" / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    numbers = [(n.lineno, n.value) for n in ast.walk(tree)
               if isinstance(n, ast.Constant) and type(n.value) in (int, float)
               and n.value not in (0, 1)]
    assert numbers == [], f"{module}.py holds numbers; move them to data/parameters: {numbers}"


def test_the_rule_families_do_not_import_each_other() -> None:
    import ast
    for module in ("precheck_social", "precheck_employment"):
        path = data_root().parent / "desktop_app" / "domain" / f"{module}.py"
        imported = {n.module for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(n, ast.ImportFrom)}
        assert not imported & {f"desktop_app.domain.{m}" for m in _RULE_MODULES}


# "under 16" (003 std 4 item 12, std 7 item 12, std 8 item 12.2) is a dated parameter ------------
def test_under_16_reads_the_dated_age_with_its_source() -> None:
    from desktop_app.domain.catalogue_conditions import CONDITIONS

    value = PARAMS.value("birth_certificate_under_age", dt.date(2026, 3, 2))
    assert value.value == 16
    assert "std 8 item 12.2" in value.source and "std 4 item 12" in value.source
    cond = CONDITIONS["under_16"]
    assert cond.younger_than == "birth_certificate_under_age"
    assert cond.wording(PARAMS, dt.date(2026, 3, 2))["kk"] == "Өтініш беруші 16 жасқа толмаған ба?"


@pytest.mark.parametrize("service_id", ["std4_surdo", "medical_social_institution",
                                        "home_social_services"])
@pytest.mark.parametrize("born, birth_certificate", [
    (dt.date(2010, 3, 3), True),    # 15 on 2 March 2026: under 16
    (dt.date(2010, 3, 2), False),   # 16 that day
])
def test_under_16_follows_the_parameter(service_id: str, born: dt.date,
                                        birth_certificate: bool) -> None:
    from desktop_app.domain.parameter_overrides import MergedParameters
    from desktop_app.domain.parameters import ParamValue

    spec = CATALOGUE.get(service_id)
    person = Person("Ахметова", "Дана", birth_date=born, sex=Sex.FEMALE)
    docs = {d.id for d in applicable_documents(spec, {}, person, None, MONDAY_10.date(), PARAMS)}
    assert ("birth_certificate" in docs) is birth_certificate
    assert ("identity_document" in docs) is not birth_certificate
    # another figure for the day changes the outcome: the number is data, not code
    other = MergedParameters(PARAMS, [ParamValue(
        "birth_certificate_under_age", Decimal(14), "office-kz-2026-01-01", dt.date(2026, 1, 1),
        None, None, "test")])
    docs = {d.id for d in applicable_documents(spec, {}, person, None, MONDAY_10.date(), other)}
    assert "birth_certificate" not in docs and "identity_document" in docs


def test_conditions_module_holds_no_legal_numbers() -> None:
    import ast
    path = data_root().parent / "desktop_app" / "domain" / "catalogue_conditions.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    numbers = [(n.lineno, n.value) for n in ast.walk(tree)
               if isinstance(n, ast.Constant) and type(n.value) in (int, float)
               and n.value not in (0, 1)]
    assert numbers == [], numbers
