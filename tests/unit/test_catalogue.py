"""The service catalogue: shipped files held against the acts, broken files, conditions, search."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from desktop_app.domain.catalogue import (
    AkimRole, DeadlineKind, DeadlineUnit, ReceiptKind, RefusalKind,
)
from desktop_app.domain.catalogue_loader import (
    CONDITIONS,
    Catalogue,
    applicable_documents,
    check_catalogue,
    load_catalogue,
    load_service,
    questions_for,
)
from desktop_app.domain.errors import CatalogueError, NotFound
from desktop_app.domain.household import Household, Member, Person, Relation
from desktop_app.domain.parameters import load_parameters
from desktop_app.domain.precheck import RULES
from desktop_app.paths import data_root

SERVICES = Path(__file__).resolve().parents[2] / "data" / "services"
TODAY = dt.date(2009, 3, 2)
PARAMS = load_parameters(data_root() / "parameters")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(SERVICES)


# --- the whole catalogue against the acts --------------------------------------------------------

FWD = ("forward", "akim")
OFFICE_RULE_FORWARD = {FWD: (3, "working", False)}

# (id, act, standard, akim_role, receipt_kind, inspection, needs_household, precheck,
#  {(kind, route): (amount, unit, stated)}, refusal codes that must be present, waiting)
ACTS = [
    # 003 standards 1-13 ------------------------------------------------------------------------
    ("unemployed_registration", "003", "1", "forwards", "talon", False, False, None,
     {("decision", "department"): (10, "calendar", True), **OFFICE_RULE_FORWARD},
     {"incomplete_documents", "provision_stopped"}, (40, 20)),
    ("semipalatinsk_registration", "003", "2", "forwards", "confirmation", False, False, None,
     {("decision", "department"): (20, "unspecified", True), **OFFICE_RULE_FORWARD},
     {"compensation_already_paid", "incomplete_documents"}, (40, 40)),
    ("prosthetic_help", "003", "3", "forwards", "confirmation", False, False, None,
     {("decision", "department"): (15, "calendar", True), **OFFICE_RULE_FORWARD},
     {"employer_not_terminated", "incomplete_documents", "invalid_documents"}, (40, 40)),
    ("std4_surdo", "003", "4", "forwards", "confirmation", False, False, "std4_surdo",
     {("decision", "department"): (15, "calendar", True), **OFFICE_RULE_FORWARD},
     {"employer_not_terminated", "incomplete_documents", "invalid_documents"}, (40, 40)),
    ("std4_tiflo", "003", "4", "forwards", "confirmation", False, False, "std4_tiflo",
     {("decision", "department"): (15, "calendar", True), **OFFICE_RULE_FORWARD},
     {"employer_not_terminated", "incomplete_documents", "invalid_documents"}, (40, 40)),
    ("std4_hygiene", "003", "4", "forwards", "confirmation", False, False, "std4_hygiene",
     {("decision", "department"): (10, "calendar", True), **OFFICE_RULE_FORWARD},
     {"employer_not_terminated", "incomplete_documents", "invalid_documents"}, (40, 40)),
    ("child_benefit", "003", "5", "accepts", "confirmation_letter", True, True, "child_benefit",
     {("decision", "akim"): (30, "calendar", True),
      ("decision", "department"): (10, "calendar", True), **OFFICE_RULE_FORWARD},
     {"income_above_food_basket", "district_commission", "parent_not_occupied", "child_died",
      "child_full_state_care", "false_information"}, (40, 40)),
    ("housing_assistance", "003", "6", "forwards", "talon", False, True, None,
     OFFICE_RULE_FORWARD,
     {"maslikhat_rules_refusal", "maslikhat_rules_deprivation", "maslikhat_rules_termination"},
     (40, 40)),
    ("medical_social_institution", "003", "7", "forwards", "confirmation", False, False, None,
     {("decision", "department"): (15, "unspecified", True), **OFFICE_RULE_FORWARD},
     {"medical_contraindications", "missing_document"}, (30, 10)),
    ("home_social_services", "003", "8", "forwards", "confirmation", False, False, None,
     {("decision", "department"): (15, "unspecified", True), **OFFICE_RULE_FORWARD},
     {"medical_contraindications", "missing_document"}, (30, 10)),
    ("maslikhat_social_assistance", "003", "9", "forwards", "notice", False, False, None,
     {("decision", "department"): (30, "calendar", True), **OFFICE_RULE_FORWARD},
     {"incomplete_documents", "applicant_died", "moved_out"}, (30, 10)),
    ("home_schooled_disabled_children", "003", "10", "forwards", "confirmation", False, False,
     None, {("decision", "department"): (15, "calendar", True), **OFFICE_RULE_FORWARD},
     {"child_turned_18", "child_died", "disability_removed", "missing_document",
      "child_full_state_care"}, (40, 40)),
    ("fuel_assistance", "003", "11", "accepts", "notice", False, False, "fuel_assistance",
     {("decision", "akim"): (15, "calendar", True),
      ("decision", "department"): (15, "calendar", True), **OFFICE_RULE_FORWARD},
     {"incomplete_documents", "applicant_died", "moved_out", "left_sector_job"}, (30, 10)),
    ("tsa", "003", "12", "accepts", "confirmation_letter", True, True, "tsa",
     {("decision", "akim"): (30, "calendar", True),
      ("decision", "department"): (10, "calendar", True), **OFFICE_RULE_FORWARD},
     {"income_above_poverty_line", "district_commission", "unregistered_unemployed",
      "six_month_loss", "incomplete_documents"}, (40, 40)),
    ("unemployed_certificate", "003", "13", "forwards", "talon", False, False, None,
     {("decision", "department"): (1, "unspecified", True), **OFFICE_RULE_FORWARD},
     {"not_unemployed", "no_documents"}, (40, 20)),
    # the akim's own papers ----------------------------------------------------------------------
    ("residence_certificate", "003", "", "issues", "none", False, False, None,
     {("result", "akim"): (15, "minutes", False)}, set(), (None, None)),
    ("family_composition_certificate", "003", "", "issues", "none", False, False, None,
     {("result", "akim"): (15, "minutes", False)}, set(), (None, None)),
    ("farm_information", "003", "", "issues", "none", False, False, None,
     {("result", "akim"): (15, "minutes", False)}, {"not_in_household_book"}, (None, None)),
    ("tsa_certificate", "001", "1", "issues", "none", False, False, None,
     {("result", "akim"): (15, "minutes", True)}, {"no_tsa_in_quarter"}, (None, None)),
    # 001 service 2 and 000 ----------------------------------------------------------------------
    ("employment_referral", "001", "2", "forwards", "confirmation", False, False,
     "employment_referral",
     {("result", "department"): (30, "minutes", True), **OFFICE_RULE_FORWARD},
     {"not_registered_unemployed"}, (30, None)),
    ("public_works", "000", "", "forwards", "confirmation", False, False, "public_works",
     OFFICE_RULE_FORWARD, {"not_unemployed", "no_consent"}, (None, None)),
    # 004 «Еңбек» --------------------------------------------------------------------------------
    ("enbek_short_term_training", "004", "5.1.2", "accepts", "confirmation", False, False,
     "enbek_short_term_training",
     {FWD: (3, "working", True), ("decision", "akim"): (11, "working", False),
      ("decision", "department"): (8, "working", False)},
     {"not_in_target_group", "commission_refused"}, (None, None)),
    ("enbek_microcredit", "004", "5.2.2", "accepts", "confirmation", False, False,
     "enbek_microcredit",
     {FWD: (3, "working", False), ("decision", "department"): (2, "working", True),
      ("decision", "akim"): (5, "working", False)},
     {"above_retirement_age", "no_tax_registration", "excluded_activity"}, (None, None)),
    ("enbek_state_grant", "004", "5.2.5", "forwards", "confirmation", False, False,
     "enbek_state_grant", OFFICE_RULE_FORWARD,
     {"grant_received_before", "other_state_support", "no_tax_registration",
      "no_positive_rce_conclusion", "no_training_document"}, (None, None)),
    ("enbek_social_jobs", "004", "5.3.1", "forwards", "confirmation", False, False,
     "enbek_social_jobs", OFFICE_RULE_FORWARD, {"not_unemployed"}, (None, None)),
    ("enbek_youth_practice", "004", "5.3.1", "forwards", "confirmation", False, False,
     "enbek_youth_practice", OFFICE_RULE_FORWARD,
     {"not_unemployed", "over_29", "graduated_over_3_years"}, (None, None)),
    ("enbek_resettlement", "004", "5.3.2", "forwards", "confirmation", False, True,
     "enbek_resettlement", OFFICE_RULE_FORWARD,
     {"excluded_occupation", "not_unemployed", "commission_refused"}, (None, None)),
    ("enbek_bastau_business", "004", "5.2.1", "forwards", "confirmation", False, False,
     "enbek_bastau_business", OFFICE_RULE_FORWARD, {"not_in_target_group", "test_failed"},
     (None, None)),
]


@pytest.mark.parametrize(
    "service_id, act, standard, role, receipt, inspection, household, precheck, deadlines, "
    "refusals, waiting", ACTS, ids=[row[0] for row in ACTS])
def test_service_file_matches_the_act(catalogue: Catalogue, service_id, act, standard, role,
                                      receipt, inspection, household, precheck, deadlines,
                                      refusals, waiting) -> None:
    spec = catalogue.get(service_id)
    assert (spec.act, spec.standard) == (act, standard)
    assert spec.akim_role == AkimRole(role)
    assert spec.receipt_kind == ReceiptKind(receipt)
    assert spec.inspection is inspection
    assert spec.needs_household is household
    assert spec.precheck == precheck
    assert precheck is None or precheck in RULES
    for (kind, route), (amount, unit, stated) in deadlines.items():
        d = spec.deadline(DeadlineKind(kind), route)
        assert d is not None, (kind, route)
        assert (d.amount, d.unit, d.stated) == (amount, DeadlineUnit(unit), stated)
        assert d.source
        if not stated or d.unit == DeadlineUnit.UNSPECIFIED:
            assert d.note["kk"] and d.note["ru"]
    assert {(d.kind.value, d.route) for d in spec.deadlines} == set(deadlines)
    assert refusals <= {r.code for r in spec.refusal_codes}
    assert (spec.waiting.submit_minutes, spec.waiting.receive_minutes) == waiting
    assert all(doc.source for doc in spec.documents)
    assert all(r.source for r in spec.refusal_codes)
    if spec.akim_role == AkimRole.FORWARDS:
        assert {"deciding_body", "forward_by"} <= set(spec.receipt_content)
        assert spec.deadline(DeadlineKind.DECISION) is None  # no legal clock at the akim


def test_every_service_file_is_in_the_table(catalogue: Catalogue) -> None:
    assert sorted(s.id for s in catalogue.all()) == sorted(row[0] for row in ACTS)
    assert len({row[0] for row in ACTS}) == len(ACTS)
    assert check_catalogue(SERVICES) == []


def test_service_ids_unique_and_documents_named_in_both_languages(catalogue: Catalogue) -> None:
    ids = [s.id for s in catalogue.all()]
    assert len(ids) == len(set(ids)) == len(list(SERVICES.glob("*.toml")))
    for spec in catalogue:
        assert spec.documents, spec.id
        for d in spec.documents:
            assert d.name.get("kk") and d.name.get("ru"), (spec.id, d.id)
        for r in spec.refusal_codes:
            assert r.text.get("kk") and r.text.get("ru"), (spec.id, r.code)


def test_the_akim_is_an_intake_point_only_where_the_act_says(catalogue: Catalogue) -> None:
    accepts = {s.id for s in catalogue if s.akim_role == AkimRole.ACCEPTS}
    assert accepts == {"tsa", "child_benefit", "fuel_assistance", "enbek_short_term_training",
                       "enbek_microcredit"}
    for_003 = {s.standard for s in catalogue if s.act == "003" and s.akim_role == AkimRole.ACCEPTS}
    assert for_003 == {"5", "11", "12"}
    standards = {s.standard for s in catalogue if s.act == "003" and s.standard}
    assert standards == {str(n) for n in range(1, 14)}


def test_refusal_kinds(catalogue: Catalogue) -> None:
    kinds = {r.code: r.kind for r in catalogue.get("housing_assistance").refusal_codes}
    assert kinds == {"maslikhat_rules_refusal": RefusalKind.REFUSAL,
                     "maslikhat_rules_deprivation": RefusalKind.DEPRIVATION,
                     "maslikhat_rules_termination": RefusalKind.TERMINATION}
    assert catalogue.get("unemployed_registration").refusal(
        "provision_stopped").kind == RefusalKind.TERMINATION
    assert catalogue.get("tsa").refusal("incomplete_documents").kind == RefusalKind.REFUSAL


def test_std4_subtypes_documents_by_age_and_category(catalogue: Catalogue) -> None:
    surdo = catalogue.get("std4_surdo")
    child = _person(born=dt.date(2000, 1, 1))  # 9 on TODAY
    docs = {d.id for d in applicable_documents(surdo, {}, child, None, TODAY, PARAMS)}
    assert {"birth_certificate", "parent_identity", "rehabilitation_programme"} <= docs
    assert "identity_document" not in docs and "medical_commission_conclusion" not in docs
    veteran = _person(born=dt.date(1925, 1, 1))
    docs = {d.id for d in applicable_documents(surdo, {"gpw_participant": True}, veteran, None,
                                               TODAY, PARAMS)}
    assert {"identity_document", "medical_commission_conclusion"} <= docs
    assert "rehabilitation_programme" not in docs and "birth_certificate" not in docs
    asked = [c.id for c in questions_for(surdo, veteran, None, TODAY, PARAMS)]
    assert "under_16" not in asked and "gpw_participant" in asked
    hygiene = catalogue.get("std4_hygiene")
    assert hygiene.deadline(DeadlineKind.DECISION, "department").amount == 10
    assert {d.id for d in hygiene.documents if d.condition == "by_proxy"} == {"power_of_attorney"}


def test_employment_referral_documents_for_a_first_job_seeker(catalogue: Catalogue) -> None:
    spec = catalogue.get("employment_referral")
    docs = {d.id for d in applicable_documents(spec, {"first_job_seeker": True}, _person(), None,
                                               TODAY)}
    assert "education_document" in docs and "qualification_document" not in docs


def test_farm_information_blank_form(catalogue: Catalogue) -> None:
    assert catalogue.get("farm_information").blank_forms == ("farm_information",)


def test_tsa_documents_and_forms(catalogue: Catalogue) -> None:
    spec = catalogue.get("tsa")
    ids = {d.id for d in spec.documents}
    assert {"application", "identity_document", "family_composition", "income_information",
            "farm_information"} <= ids
    assert spec.blank_forms == ("application", "family_composition", "income_information")
    assert "inspection" in spec.receipt_content


def test_child_benefit_conditional_documents(catalogue: Catalogue) -> None:
    docs = {d.id: d for d in catalogue.get("child_benefit").documents}
    assert docs["birth_certificate"].per_person
    assert docs["power_of_attorney"].condition == "by_proxy"
    assert docs["adoption_guardianship_decision"].condition == "adopter_or_guardian"


def test_tsa_certificate_result_and_steps(catalogue: Catalogue) -> None:
    spec = catalogue.get("tsa_certificate")
    result = spec.deadline(DeadlineKind.RESULT)
    assert result is not None and "7" in result.note["ru"] and "5" in result.note["ru"]
    assert spec.receipt_content == ()
    assert {d.condition for d in spec.documents} == {"kz_citizen", "foreigner", "oralman",
                                                     "refugee"}


def test_unknown_service_is_not_found(catalogue: Catalogue) -> None:
    with pytest.raises(NotFound):
        catalogue.get("no_such_service")


# --- broken files --------------------------------------------------------------------------------

def _copy(tmp_path: Path, name: str = "fuel_assistance") -> Path:
    target = tmp_path / f"{name}.toml"
    shutil.copy(SERVICES / f"{name}.toml", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = [
    ("syntax", 'id = "fuel_assistance"', 'id = "fuel_assistance', "line 10"),
    ("missing_field", 'act = "003"\n', "", "act"),
    ("wrong_enum", 'akim_role = "accepts"', 'akim_role = "approves"', "akim_role"),
    ("wrong_doc_enum", 'form = "original"\n', 'form = "photocopy"\n', "documents[3].form"),
    ("missing_ru", 'ru = "Социальная помощь на приобретение топлива"\n', "", "short_name.ru"),
    ("unknown_condition", 'id = "bank_account"\n',
     'id = "bank_account"\ncondition = "is_martian"\n', "documents[4].condition"),
    ("duplicate_doc_id", 'id = "bank_account"', 'id = "identity_document"', "documents[4].id"),
    ("duplicate_refusal", 'code = "moved_out"', 'code = "applicant_died"', "refusal_codes[2].code"),
    ("id_not_stem", 'id = "fuel_assistance"', 'id = "fuel"', "id"),
    ("bad_date", "valid_from = 2008-12-30", 'valid_from = "30.12.2008"', "valid_from"),
    ("zero_amount", "amount = 15\n", "amount = 0\n", "deadlines[0].amount"),
    ("unknown_key", "inspection = false", "inspection = false\ninspektion = true", "inspektion"),
]


@pytest.mark.parametrize("old, new, field", [row[1:] for row in BROKEN], ids=[r[0] for r in BROKEN])
def test_broken_file_names_file_and_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    path = _copy(tmp_path)
    _edit(path, old, new)
    with pytest.raises(CatalogueError) as caught:
        load_service(path)
    assert caught.value.file == "fuel_assistance.toml"
    assert caught.value.field == field
    assert caught.value.reason
    assert "fuel_assistance.toml" in str(caught.value)


def test_text_may_be_empty_only_for_result_validity(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    _edit(path, 'kk = "Ауданның жұмыспен қамту және әлеуметтік бағдарламалар бөлімі"', 'kk = ""')
    with pytest.raises(CatalogueError) as caught:
        load_service(path)
    assert caught.value.field == "provider.kk"
    assert load_service(_copy(tmp_path, "tsa")).result_validity == {"kk": "", "ru": ""}


def test_unstated_deadline_needs_a_note(tmp_path: Path) -> None:
    path = _copy(tmp_path, "residence_certificate")
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines()
                              if not line.startswith("note.")), encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_service(path)
    assert caught.value.field == "deadlines[0].note"


def test_load_catalogue_refuses_on_first_broken_file(tmp_path: Path) -> None:
    for name in ("tsa", "fuel_assistance"):
        _copy(tmp_path, name)
    _edit(tmp_path / "tsa.toml", 'unit = "calendar"', 'unit = "lunar"')
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path)
    assert (caught.value.file, caught.value.field) == ("tsa.toml", "deadlines[0].unit")


def test_check_catalogue_collects_every_problem(tmp_path: Path) -> None:
    for name in ("tsa", "fuel_assistance", "child_benefit", "residence_certificate"):
        _copy(tmp_path, name)
    _edit(tmp_path / "tsa.toml", 'starts = "submission"', 'starts = "sunrise"')
    _edit(tmp_path / "tsa.toml", 'form = "filled_form"', 'form = "napkin"')
    _edit(tmp_path / "fuel_assistance.toml", "order = 30", 'order = "thirty"')
    # between files: two services with the same Kazakh name
    _edit(tmp_path / "residence_certificate.toml",
          'kk = "Тұрғылықты жерін растайтын анықтама беру"',
          'kk = "18 жасқа дейінгі балалары бар отбасыларға мемлекеттік жәрдемақылар тағайындау"')
    found = {(e.file, e.field) for e in check_catalogue(tmp_path)}
    assert found == {("tsa.toml", "deadlines[0].starts"), ("tsa.toml", "documents[0].form"),
                     ("fuel_assistance.toml", "order"), ("residence_certificate.toml", "name.kk")}


def test_check_catalogue_on_missing_directory(tmp_path: Path) -> None:
    errors = check_catalogue(tmp_path / "nowhere")
    assert len(errors) == 1 and errors[0].reason == "directory not found"


# --- conditions ----------------------------------------------------------------------------------

def _person(citizenship: str = "citizen", born: dt.date | None = dt.date(1980, 5, 1)) -> Person:
    return Person("Сейітова", "Айгүл", citizenship=citizenship, birth_date=born)


def test_proxy_documents_only_when_answered_yes(catalogue: Catalogue) -> None:
    spec = catalogue.get("child_benefit")
    person = _person()
    household = Household("Ақтоғай ауылы", [Member(person, Relation.APPLICANT)])
    plain = {d.id for d in applicable_documents(spec, {}, person, household, TODAY)}
    assert "power_of_attorney" not in plain and "representative_identity" not in plain
    assert "application" in plain and "birth_certificate" in plain
    proxy = {d.id for d in applicable_documents(spec, {"by_proxy": True}, person, household, TODAY)}
    assert {"power_of_attorney", "representative_identity"} <= proxy
    asked = [c.id for c in questions_for(spec, person, household, TODAY)]
    assert asked == ["by_proxy", "adopter_or_guardian"]


def test_guardian_decision_derived_from_a_ward(catalogue: Catalogue) -> None:
    spec = catalogue.get("child_benefit")
    person = _person()
    ward = Member(Person("Сейітов", "Нұрлан", birth_date=dt.date(2005, 1, 1)), Relation.WARD)
    household = Household("Ақтоғай ауылы", [Member(person, Relation.APPLICANT), ward])
    docs = {d.id for d in applicable_documents(spec, {}, person, household, TODAY)}
    assert "adoption_guardianship_decision" in docs
    assert [c.id for c in questions_for(spec, person, household, TODAY)] == ["by_proxy"]


@pytest.mark.parametrize("citizenship, expected", [
    ("citizen", {"identity_card"}),
    ("foreigner_permit", {"residence_permit"}),
    ("stateless_permit", {"residence_permit"}),
])
def test_foreigner_documents_derived_from_citizenship(catalogue: Catalogue, citizenship: str,
                                                      expected: set[str]) -> None:
    spec = catalogue.get("tsa_certificate")
    person = _person(citizenship)
    # the derived value wins over a contrary answer
    answers = {"foreigner": citizenship == "citizen", "kz_citizen": citizenship != "citizen"}
    assert {d.id for d in applicable_documents(spec, answers, person, None, TODAY)} == expected
    assert questions_for(spec, person, None, TODAY) == []


def test_without_an_applicant_the_conditions_are_asked(catalogue: Catalogue) -> None:
    spec = catalogue.get("tsa_certificate")
    assert [c.id for c in questions_for(spec, None, None, TODAY)] == [
        "kz_citizen", "foreigner", "oralman", "refugee"]
    assert applicable_documents(spec, {}, None, None, TODAY) == []
    docs = applicable_documents(spec, {"foreigner": True}, None, None, TODAY)
    assert [d.id for d in docs] == ["residence_permit"]


def test_condition_registry() -> None:
    for needed in ("by_proxy", "adopter_or_guardian", "foreigner", "oralman", "under_16",
                   "first_job_seeker", "has_farm"):
        cond = CONDITIONS[needed]
        assert cond.id == needed and cond.question["kk"] and cond.question["ru"]
    under = CONDITIONS["under_16"]
    assert under.decide(_person(born=dt.date(2000, 1, 1)), None, TODAY, PARAMS) is True
    assert under.decide(_person(born=None), None, TODAY, PARAMS) is None
    # the age is the dated parameter: without it the specialist is asked
    assert under.decide(_person(born=dt.date(2000, 1, 1)), None, TODAY) is None
    assert CONDITIONS["oralman"].decide(_person("oralman"), None, TODAY) is True
    assert CONDITIONS["has_farm"].decide(None, Household("x", has_farm=True), TODAY) is True
    assert CONDITIONS["first_job_seeker"].decide(_person(), None, TODAY) is None


# --- search --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, locale, expected", [
    ("атаулы", "kk", ["tsa", "tsa_certificate"]),
    ("АТАУЛЫ", "kk", ["tsa", "tsa_certificate"]),
    ("отын", "kk", ["fuel_assistance"]),
    ("ОТБАСЫ ҚҰРАМЫ", "kk", ["family_composition_certificate"]),
    ("адресн", "ru", ["tsa", "tsa_certificate"]),
    ("топлив", "kk", ["fuel_assistance"]),
    ("child", "ru", ["child_benefit", "home_schooled_disabled_children"]),
])
def test_search(catalogue: Catalogue, text: str, locale: str, expected: list[str]) -> None:
    assert [s.id for s in catalogue.search(text, locale)] == expected


def test_search_prefers_own_language_and_empty_lists_all(catalogue: Catalogue) -> None:
    assert len(catalogue.search("  ", "kk")) == len(ACTS)
    # "справк" appears only in Russian names: found from the Kazakh UI too
    assert [s.id for s in catalogue.search("справк", "kk")][:1] == ["tsa_certificate"]


# --- schema additions: refusal kinds, negated conditions, forwards consistency -------------------

def test_refusal_kind_must_be_known(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    _edit(path, 'code = "incomplete_documents"\n',
          'code = "incomplete_documents"\nkind = "pause"\n')
    with pytest.raises(CatalogueError) as caught:
        load_service(path)
    assert caught.value.field == "refusal_codes[0].kind"
    path = _copy(tmp_path)  # the shipped file marks 003 std 11 item 17.3 as a termination
    assert load_service(path).refusal("moved_out").kind == RefusalKind.TERMINATION


def test_negated_condition_must_name_a_known_condition(tmp_path: Path) -> None:
    path = _copy(tmp_path, "std4_surdo")
    _edit(path, 'condition = "!under_16"', 'condition = "!under_61"')
    with pytest.raises(CatalogueError) as caught:
        load_service(path)
    assert caught.value.field.endswith(".condition") and "under_61" in caught.value.reason


def test_forwards_service_needs_forward_deadline_and_receipt_sentence(tmp_path: Path) -> None:
    path = _copy(tmp_path, "unemployed_certificate")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"deciding_body", "forward_by"', '"deciding_body"'),
                    encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_service(path)
    assert caught.value.field == "receipt_content" and "forward_by" in caught.value.reason
    path.write_text(text.replace('kind = "forward"', 'kind = "result"\n# was forward')
                    .replace('unit = "working"', 'unit = "minutes"'), encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_service(path)
    assert caught.value.field == "deadlines" and "forward" in caught.value.reason
