"""Versioned legal parameters: lookup by date and region, broken and overlapping files."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain.errors import MissingParameter, ParameterError
from desktop_app.domain.parameters import load_parameters
from desktop_app.paths import data_root

D = dt.date

HEAD = """
name = "poverty_line"
unit = "KZT"
[title]
kk = "Кедейлік шегі"
ru = "Черта бедности"
"""


def value(v, frm, to=None, region=None, version=None, source="test"):
    lines = ["", "[[values]]", f"value = {v}", f"valid_from = {frm}"]
    if to:
        lines.append(f"valid_to = {to}")
    if region:
        lines.append(f'region = "{region}"')
    version = version or f"{region or 'kz'}-{frm}"
    lines += [f'version = "{version}"', f'source = "{source}"', 'source_kk = "сынақ"',
              'source_ru = "проверка"']
    return "\n".join(lines) + "\n"


def write(tmp: Path, text: str, name: str = "poverty_line.toml") -> Path:
    (tmp / name).write_text(text, encoding="utf-8")
    return tmp


def test_lookup_by_date_and_region(tmp_path):
    write(tmp_path, HEAD
          + value(30000, "2026-01-01", "2026-03-31")
          + value(31000, "2026-04-01")
          + value("\"32500.50\"", "2026-01-01", "2026-03-31", region="karaganda"))
    p = load_parameters(tmp_path)
    assert p.names() == ["poverty_line"]
    assert p.info("poverty_line").title["ru"] == "Черта бедности"
    v = p.value("poverty_line", D(2026, 2, 1), "karaganda")
    assert (v.value, v.region) == (Decimal("32500.50"), "karaganda")
    assert v.version == "karaganda-2026-01-01"
    assert p.value("poverty_line", D(2026, 2, 1), "Karaganda").region == "karaganda"
    # a region without its own figure falls back to the national one
    assert p.value("poverty_line", D(2026, 2, 1), "almaty").value == Decimal(30000)
    assert p.value("poverty_line", D(2026, 2, 1), None).value == Decimal(30000)
    assert p.value("poverty_line", D(2026, 3, 31), "*").value == Decimal(30000)
    # karaganda's quarter ended: the national open-ended value applies
    v = p.value("poverty_line", D(2030, 1, 1), "karaganda")
    assert (v.value, v.region, v.valid_to) == (Decimal(31000), None, None)
    assert [x.version for x in p.history("poverty_line")] == ["kz-2026-01-01", "kz-2026-04-01"]


def test_missing(tmp_path):
    write(tmp_path, HEAD + value(30000, "2026-01-01", "2026-03-31", region="karaganda"))
    p = load_parameters(tmp_path)
    with pytest.raises(MissingParameter) as e:
        p.value("poverty_line", D(2025, 12, 31), "karaganda")
    assert e.value.params == {"name": "poverty_line", "date": "2025-12-31", "region": "karaganda"}
    with pytest.raises(MissingParameter):
        p.value("poverty_line", D(2026, 2, 1), "almaty")
    with pytest.raises(MissingParameter):
        p.value("food_basket", D(2026, 2, 1), "karaganda")


def test_float_is_read_exactly(tmp_path):
    write(tmp_path, HEAD + value(0.7, "2026-01-01"))
    assert load_parameters(tmp_path).value("poverty_line", D(2026, 1, 1)).value == Decimal("0.7")


@pytest.mark.parametrize("body", [
    value(1, "2026-01-01", "2026-06-30") + value(2, "2026-06-30", "2026-12-31"),
    value(1, "2026-01-01") + value(2, "2027-01-01"),
    value(1, "2026-01-01", "2026-12-31", region="almaty")
    + value(2, "2026-03-01", "2026-03-31", region="almaty"),
])
def test_overlap_is_refused(tmp_path, body):
    write(tmp_path, HEAD + body)
    with pytest.raises(ParameterError) as e:
        load_parameters(tmp_path)
    assert "overlap" in e.value.reason


def test_same_period_in_different_regions_is_fine(tmp_path):
    write(tmp_path, HEAD + value(1, "2026-01-01", region="almaty")
          + value(2, "2026-01-01", region="karaganda") + value(3, "2026-01-01"))
    p = load_parameters(tmp_path)
    assert p.value("poverty_line", D(2026, 5, 5), "almaty").value == 1


@pytest.mark.parametrize("text", [
    "name = [",
    'unit = "KZT"\n[title]\nkk = "a"\nru = "b"\n' + value(1, "2026-01-01"),
    HEAD.replace('unit = "KZT"', ""),
    HEAD.replace('ru = "Черта бедности"', "") + value(1, "2026-01-01"),
    HEAD,
    HEAD + value("\"много\"", "2026-01-01"),
    HEAD + value(-1, "2026-01-01"),
    HEAD + value(1, "\"2026-02-30\""),
    HEAD + value(1, "2026-05-01", "2026-04-01"),
    HEAD + value(1, "2026-01-01", source=""),
    HEAD + value(1, "2026-01-01", "2026-01-31", version="v")
    + value(1, "2026-02-01", version="v"),
    HEAD + "\n[[values]]\nvalue = 1\nversion = \"x\"\nsource = \"y\"\n",
    HEAD + value(1, "2026-01-01").replace('source_kk = "сынақ"\n', ""),
    HEAD + value(1, "2026-01-01").replace('source_ru = "проверка"', 'source_ru = "  "'),
    HEAD + value(1, "2026-01-01").replace('source_ru = "проверка"', "source_ru = 5"),
])
def test_broken_file(tmp_path, text):
    write(tmp_path, text)
    with pytest.raises(ParameterError) as e:
        load_parameters(tmp_path)
    assert e.value.file.endswith("poverty_line.toml")


def test_same_name_in_two_files(tmp_path):
    write(tmp_path, HEAD + value(1, "2026-01-01"))
    write(tmp_path, HEAD + value(1, "2026-01-01"), "copy.toml")
    with pytest.raises(ParameterError):
        load_parameters(tmp_path)


def test_missing_folder(tmp_path):
    with pytest.raises(ParameterError):
        load_parameters(tmp_path / "nope")


# the shipped data ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped():
    return load_parameters(data_root() / "parameters")


@pytest.mark.parametrize(("name", "day", "expected"), [
    ("mci", D(2024, 6, 1), 3692), ("mci", D(2025, 6, 1), 3932), ("mci", D(2026, 6, 1), 4325),
    ("minimum_wage", D(2024, 6, 1), 85000), ("minimum_wage", D(2025, 6, 1), 85000),
    ("minimum_wage", D(2026, 6, 1), 85000),
    ("subsistence_minimum", D(2025, 6, 1), 46228), ("subsistence_minimum", D(2026, 6, 1), 50851),
])
def test_shipped_national_values(shipped, name, day, expected):
    assert shipped.value(name, day, "karaganda").value == Decimal(expected)


@pytest.mark.parametrize("region", ["karaganda", "almaty"])
def test_shipped_regional_values_cover_2025_2026(shipped, region):
    for year in (2025, 2026):
        sm = shipped.value("subsistence_minimum", D(year, 1, 1)).value
        for month in (1, 4, 7, 10, 12):
            pl = shipped.value("poverty_line", D(year, month, 15), region)
            fb = shipped.value("food_basket", D(year, month, 15), region)
            assert pl.region == fb.region == region
            assert pl.value == (sm * Decimal("0.70")).quantize(Decimal("0.01"))
            assert fb.value == (sm * Decimal("0.55")).quantize(Decimal("0.01"))
            assert pl.source.startswith("derived:") and fb.source.startswith("derived:")
    with pytest.raises(MissingParameter):
        shipped.value("poverty_line", D(2027, 1, 1), region)


@pytest.mark.parametrize("key, language", [("source_kk", "Kazakh"), ("source_ru", "Russian")])
def test_a_value_without_its_note_in_kazakh_or_russian_is_refused(tmp_path, key, language):
    line = {"source_kk": 'source_kk = "сынақ"\n', "source_ru": 'source_ru = "проверка"\n'}[key]
    write(tmp_path, HEAD + value(1, "2026-01-01", version="kz-2026").replace(line, ""))
    with pytest.raises(ParameterError) as e:
        load_parameters(tmp_path)
    assert e.value.reason == (f"values entry 1 (kz-2026): {key} is missing "
                              f"(the legal note in {language})")


def test_the_note_is_read_in_the_users_language(tmp_path):
    write(tmp_path, HEAD + value(1, "2026-01-01", source="test note"))
    v = load_parameters(tmp_path).value("poverty_line", D(2026, 5, 1))
    assert (v.source, v.note("kk"), v.note("ru")) == ("test note", "сынақ", "проверка")


def test_every_shipped_value_has_its_note_in_kazakh_and_russian():
    params = load_parameters(data_root() / "parameters")
    values = [v for n in params.names() for v in params.all_values(n)]
    assert len(values) >= 73
    cyrillic = re.compile("[а-яёәіңғүұқөһ]", re.IGNORECASE)
    for v in values:
        for note in (v.note("kk"), v.note("ru")):
            assert note != v.source and cyrillic.search(note), (v.version, note)
    adult = params.value("adult_age", D(2026, 1, 1))
    assert adult.note("kk").startswith("ҚР Азаматтық кодексінің 17-бабы")
    assert adult.note("ru").startswith("ст. 17 Гражданского кодекса РК")
