"""Issue 10: facts that are the office's rules rather than the act's. A receipt kind the act does
not name is marked `receipt_stated = false` (with its reason), the printed receipt then does not
claim the act's name for it, and `catalog check` lists every office rule without failing."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app import cli
from desktop_app.documents.receipt import render_receipt
from desktop_app.domain.catalogue_loader import load_catalogue
from desktop_app.domain.catalogue_office_rules import (
    APPEAL_NOT_STATED,
    DEADLINE_NOT_STATED,
    RECEIPT_NOT_STATED,
    UNIT_NOT_STATED,
    office_rules,
)
from desktop_app.domain.catalogue_schema import validate_file
from desktop_app.i18n import Translator
from desktop_app.paths import data_root
from tests.unit.test_documents import make_applicant, make_application, make_office

CATALOGUE = load_catalogue(data_root() / "services")
RULES = {(r.service, r.field, r.kind) for r in office_rules(CATALOGUE.all())}


# receipts the act names, and those it does not ------------------------------------------------
@pytest.mark.parametrize("service_id, stated, why", [
    ("home_social_services", False, "003 std 8 item 15 names no receipt"),
    ("employment_referral", False, "001 regulation 2 names no receipt"),
    ("public_works", False, "000 names no receipt"),
    ("enbek_short_term_training", False, "004 names no receipt"),
    ("enbek_microcredit", False, "004 names no receipt"),
    ("enbek_state_grant", False, "004 names no receipt"),
    ("enbek_social_jobs", False, "004 names no receipt"),
    ("enbek_youth_practice", False, "004 names no receipt"),
    ("enbek_resettlement", False, "004 names no receipt"),
    ("enbek_bastau_business", False, "004 names no receipt"),
    ("unemployed_registration", True, "003 std 1 item 15: талон"),
    ("semipalatinsk_registration", True, "003 std 2 item 15: растау"),
    ("prosthetic_help", True, "003 std 3 item 15: растау"),
    ("std4_surdo", True, "003 std 4 item 15: растау"),
    ("child_benefit", True, "003 std 5 item 15: растау хат"),
    ("housing_assistance", True, "003 std 6 item 15: талон"),
    ("medical_social_institution", True, "003 std 7 item 14: растау"),
    ("maslikhat_social_assistance", True, "003 std 9 item 15: құлақтандыру"),
    ("home_schooled_disabled_children", True, "003 std 10 item 15: растау"),
    ("fuel_assistance", True, "003 std 11 item 15: құлақтандыру"),
    ("tsa", True, "003 std 12 item 15: растау хат"),
    ("unemployed_certificate", True, "003 std 13 item 15: талон"),
])
def test_receipt_stated_as_the_act_says(service_id: str, stated: bool, why: str) -> None:
    spec = CATALOGUE.get(service_id)
    assert spec.receipt_stated is stated, why
    if not stated:  # the file says why, in both languages
        assert spec.receipt_note["kk"] and spec.receipt_note["ru"]
        assert (service_id, "receipt_kind", RECEIPT_NOT_STATED) in RULES
    else:
        assert (service_id, "receipt_kind", RECEIPT_NOT_STATED) not in RULES


def test_receipt_stated_false_needs_its_reason(tmp_path: Path) -> None:
    text = (data_root() / "services" / "home_social_services.toml").read_text(encoding="utf-8")
    broken = "\n".join(line for line in text.splitlines() if not line.startswith("receipt_note"))
    path = tmp_path / "home_social_services.toml"
    path.write_text(broken, encoding="utf-8")
    spec, errors = validate_file(path)
    assert spec is None and [e.field for e in errors] == ["receipt_note"]


# the paper ------------------------------------------------------------------------------------
def _receipt_text(service_id: str, locale: str) -> str:
    app, documents = make_application()
    spec = CATALOGUE.get(service_id)
    pdf = render_receipt(make_office(), app, make_applicant(), spec, Translator(locale),
                         documents=documents)
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("service_id, locale, title, not_there", [
    ("home_social_services", "kk", "Құжаттарды қабылдау туралы қолхат", "Растау"),
    ("home_social_services", "ru", "Расписка о приёме документов", "Подтверждение"),
    ("enbek_microcredit", "kk", "Құжаттарды қабылдау туралы қолхат", "Растау"),
    ("enbek_microcredit", "ru", "Расписка о приёме документов", "Подтверждение"),
])
def test_office_slip_does_not_claim_the_acts_name(service_id: str, locale: str, title: str,
                                                  not_there: str) -> None:
    text = " ".join(_receipt_text(service_id, locale).split())
    assert title in text
    assert not_there not in text
    own = {"kk": "әкім аппаратының", "ru": "собственная расписка аппарата"}[locale]
    assert own in text


@pytest.mark.parametrize("service_id, locale, title", [
    ("prosthetic_help", "kk", "Растау"),
    ("tsa", "ru", "Подтверждение (письмо) о приёме документов"),
])
def test_named_receipt_keeps_the_acts_name(service_id: str, locale: str, title: str) -> None:
    text = " ".join(_receipt_text(service_id, locale).split())
    assert title.lower() in text.lower()
    assert "Құжаттарды қабылдау туралы қолхат" not in text
    assert "Расписка о приёме документов" not in text


def test_stated_flag_alone_changes_the_title() -> None:
    app, documents = make_application()
    spec = CATALOGUE.get("prosthetic_help")
    t = Translator("ru")
    titles = {}
    for stated in (True, False):
        s = dataclasses.replace(spec, receipt_stated=stated)
        pdf = render_receipt(make_office(), app, make_applicant(), s, t, documents=documents)
        titles[stated] = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Расписка о приёме документов" in titles[False]
    assert "Расписка о приёме документов" not in titles[True]


# catalog check lists every office rule ---------------------------------------------------------
@pytest.mark.parametrize("service_id, field, kind", [
    ("home_social_services", "receipt_kind", RECEIPT_NOT_STATED),
    ("home_social_services", "deadlines[0].unit", UNIT_NOT_STATED),
    ("semipalatinsk_registration", "deadlines[0].unit", UNIT_NOT_STATED),
    ("medical_social_institution", "deadlines[0].unit", UNIT_NOT_STATED),
    ("unemployed_certificate", "deadlines[0].unit", UNIT_NOT_STATED),
    ("tsa", "deadlines[2]", DEADLINE_NOT_STATED),
    ("residence_certificate", "deadlines[0]", DEADLINE_NOT_STATED),
    ("enbek_microcredit", "deadlines[0]", DEADLINE_NOT_STATED),
    ("employment_referral", "appeal", APPEAL_NOT_STATED),
    ("tsa_certificate", "appeal", APPEAL_NOT_STATED),
    ("public_works", "appeal", APPEAL_NOT_STATED),
])
def test_office_rule_is_listed(service_id: str, field: str, kind: str) -> None:
    assert (service_id, field, kind) in RULES


def test_act_facts_are_not_listed() -> None:
    # a stated deadline in calendar days and the act's own appeal route are the act's
    assert not any(s == "tsa" and f in ("deadlines[0]", "deadlines[0].unit", "appeal")
                   for s, f, _k in RULES)
    assert not any(s == "semipalatinsk_registration" and f == "appeal" for s, f, _k in RULES)


def test_every_unstated_fact_of_the_files_is_listed() -> None:
    expected = set()
    for spec in CATALOGUE.all():
        if not spec.receipt_stated:
            expected.add((spec.id, "receipt_kind"))
        if spec.appeal is not None and not spec.appeal.stated:
            expected.add((spec.id, "appeal"))
        for i, d in enumerate(spec.deadlines):
            if not d.stated:
                expected.add((spec.id, f"deadlines[{i}]"))
            elif d.unit.value == "unspecified":
                expected.add((spec.id, f"deadlines[{i}].unit"))
    assert {(s, f) for s, f, _k in RULES} == expected


def test_catalog_check_lists_office_rules_and_passes(capsys) -> None:
    assert cli.main(["catalog", "check", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True and out["problems"] == 0
    listed = {(r["service"], r["field"], r["kind"]) for r in out["office_rules"]}
    assert listed == RULES
    slip = next(r for r in out["office_rules"] if r["service"] == "home_social_services"
                and r["kind"] == RECEIPT_NOT_STATED)
    assert slip["note"]["kk"] and slip["note"]["ru"] and slip["file"] == "home_social_services.toml"

    assert cli.main(["catalog", "check", "--lang", "ru"]) == 0
    text = capsys.readouterr().out
    assert "home_social_services.toml, receipt_kind" in text
    assert "акт не называет расписку" in text.lower()
