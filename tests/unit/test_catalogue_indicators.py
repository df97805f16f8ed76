"""The standards' quality-indicator targets live in the catalogue with their annex reference, and a
broken value is refused naming the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app.domain.catalogue_loader import load_catalogue, load_service
from desktop_app.domain.errors import CatalogueError

SERVICES = Path(__file__).resolve().parents[2] / "data" / "services"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(SERVICES)


# service: (annex, 1.1, 1.2, 2.2, 3.2, 4.1, 4.2), from the acts' annex tables
KNOWN = {
    "child_benefit": ("003 std 5 annex 3", 95, 100, 100, 90, 0.1, 100),
    "tsa": ("003 std 12 annex 3", 95, 100, 100, 90, 0.1, 100),
    "fuel_assistance": ("003 std 11 annex 3", 100, 100, 100, 96, 0.1, 100),
    "medical_social_institution": ("003 std 7 annex 2", 95, 100, 100, 80, 0.1, 100),
    "semipalatinsk_registration": ("003 std 2 annex 2", 100, 100, 100, 96, 0.1, 100),
    "std4_hygiene": ("003 std 4 annex 2", 100, 100, 100, 100, 0.2, 100),
}


@pytest.mark.parametrize("service_id", sorted(KNOWN))
def test_targets_as_the_annex_prints_them(catalogue, service_id):
    i = catalogue.get(service_id).indicators
    assert i is not None
    assert (i.source, i.served_on_time, i.waited_within_limit, i.drawn_up_correctly,
            i.complete_first_time, i.justified_complaints, i.complaints_on_time) == \
        KNOWN[service_id]
    assert i.wait_minutes == 40


def test_every_standard_of_003_has_its_indicators_and_nothing_else_does(catalogue):
    for spec in catalogue.all():
        has_annex = spec.act == "003" and spec.standard != ""
        assert (spec.indicators is not None) == has_annex, spec.id
        if has_annex:
            assert spec.indicators.source.startswith(f"003 std {spec.standard} annex ")


BROKEN = [
    ("over_100", "served_on_time = 95", "served_on_time = 195", "indicators.served_on_time"),
    ("text", "complete_first_time = 90", 'complete_first_time = "90 %"',
     "indicators.complete_first_time"),
    ("negative", "justified_complaints = 0.1", "justified_complaints = -0.1",
     "indicators.justified_complaints"),
    ("missing", "complaints_on_time = 100", "", "indicators.complaints_on_time"),
    ("unknown", "wait_minutes = 40", "wait_minutes = 40\ncourtesy = 95", "indicators.courtesy"),
    ("zero_wait", "wait_minutes = 40", "wait_minutes = 0", "indicators.wait_minutes"),
    ("no_source", 'source = "003 std 12 annex 3"', 'source = ""', "indicators.source"),
]


@pytest.mark.parametrize("old, new, field", [r[1:] for r in BROKEN], ids=[r[0] for r in BROKEN])
def test_a_broken_target_names_file_and_field(tmp_path, old, new, field):
    path = tmp_path / "tsa.toml"
    shutil.copy(SERVICES / "tsa.toml", path)
    text = path.read_text(encoding="utf-8")
    start = text.index("[indicators]")
    assert old in text[start:], old
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_service(path)
    assert (caught.value.file, caught.value.field) == ("tsa.toml", field)
    assert "tsa.toml" in str(caught.value)
