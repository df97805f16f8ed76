"""The service catalogue: shipped files held against the acts, broken files, conditions, search."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from desktop_app.domain.catalogue import AkimRole, DeadlineKind, DeadlineUnit, ReceiptKind
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

SERVICES = Path(__file__).resolve().parents[2] / "data" / "services"
TODAY = dt.date(2009, 3, 2)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(SERVICES)


# --- the six shipped files against the acts -------------------------------------------------------

# (id, akim_role, receipt_kind, inspection, needs_household, precheck,
#  {(kind, route): (amount, unit, stated)}, refusal codes that must be present, waiting)
ACTS = [
    ("tsa", "accepts", "confirmation_letter", True, True, "tsa",
     {("decision", "akim"): (30, "calendar", True),
      ("decision", "department"): (10, "calendar", True),
      ("forward", "akim"): (3, "working", False)},
     {"income_above_poverty_line", "district_commission", "unregistered_unemployed",
      "six_month_loss", "incomplete_documents"}, (40, 40)),
    ("child_benefit", "accepts", "confirmation_letter", True, True, "child_benefit",
     {("decision", "akim"): (30, "calendar", True),
      ("decision", "department"): (10, "calendar", True),
      ("forward", "akim"): (3, "working", False)},
     {"income_above_food_basket", "district_commission", "parent_not_occupied", "child_died",
      "child_full_state_care", "false_information"}, (40, 40)),
    ("fuel_assistance", "accepts", "notice", False, False, "fuel_assistance",
     {("decision", "akim"): (15, "calendar", True)},
     {"incomplete_documents", "applicant_died", "moved_out", "left_sector_job"}, (30, 10)),
    ("tsa_certificate", "issues", "none", False, False, None,
     {("result", "akim"): (15, "minutes", True)}, {"no_tsa_in_quarter"}, (None, None)),
    ("residence_certificate", "issues", "none", False, False, None,
     {("result", "akim"): (15, "minutes", False)}, set(), (None, None)),
    ("family_composition_certificate", "issues", "none", False, False, None,
     {("result", "akim"): (15, "minutes", False)}, set(), (None, None)),
]


@pytest.mark.parametrize(
    "service_id, role, receipt, inspection, household, precheck, deadlines, refusals, waiting",
    ACTS, ids=[row[0] for row in ACTS])
def test_service_file_matches_the_act(catalogue: Catalogue, service_id, role, receipt, inspection,
                                      household, precheck, deadlines, refusals, waiting) -> None:
    spec = catalogue.get(service_id)
    assert spec.akim_role == AkimRole(role)
    assert spec.receipt_kind == ReceiptKind(receipt)
    assert spec.inspection is inspection
    assert spec.needs_household is household
    assert spec.precheck == precheck
    for (kind, route), (amount, unit, stated) in deadlines.items():
        d = spec.deadline(DeadlineKind(kind), route)
        assert d is not None, (kind, route)
        assert (d.amount, d.unit, d.stated) == (amount, DeadlineUnit(unit), stated)
        assert d.source
        if not stated:
            assert d.note["kk"] and d.note["ru"]
    assert refusals <= {r.code for r in spec.refusal_codes}
    assert (spec.waiting.submit_minutes, spec.waiting.receive_minutes) == waiting
    assert all(doc.source for doc in spec.documents)
    assert all(r.source for r in spec.refusal_codes)


def test_catalogue_has_the_six_services_in_order(catalogue: Catalogue) -> None:
    assert [s.id for s in catalogue.all()] == [
        "tsa", "child_benefit", "fuel_assistance", "tsa_certificate", "residence_certificate",
        "family_composition_certificate"]
    assert check_catalogue(SERVICES) == []


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
    assert {d.condition for d in spec.documents} == {"kz_citizen", "foreigner"}


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
    assert [c.id for c in questions_for(spec, None, None, TODAY)] == ["kz_citizen", "foreigner"]
    assert applicable_documents(spec, {}, None, None, TODAY) == []
    docs = applicable_documents(spec, {"foreigner": True}, None, None, TODAY)
    assert [d.id for d in docs] == ["residence_permit"]


def test_condition_registry() -> None:
    for needed in ("by_proxy", "adopter_or_guardian", "foreigner", "oralman", "under_16",
                   "first_job_seeker", "has_farm"):
        cond = CONDITIONS[needed]
        assert cond.id == needed and cond.question["kk"] and cond.question["ru"]
    assert CONDITIONS["under_16"].decide(_person(born=dt.date(2000, 1, 1)), None, TODAY) is True
    assert CONDITIONS["under_16"].decide(_person(born=None), None, TODAY) is None
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
    ("child", "ru", ["child_benefit"]),
])
def test_search(catalogue: Catalogue, text: str, locale: str, expected: list[str]) -> None:
    assert [s.id for s in catalogue.search(text, locale)] == expected


def test_search_prefers_own_language_and_empty_lists_all(catalogue: Catalogue) -> None:
    assert len(catalogue.search("  ", "kk")) == 6
    # "справк" appears only in Russian names: found from the Kazakh UI too
    assert [s.id for s in catalogue.search("справк", "kk")][:1] == ["tsa_certificate"]
