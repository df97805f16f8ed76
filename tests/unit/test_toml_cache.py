"""The legal data files' parses remembered between starts: the same answers as parsing, a changed
file parsed again, a damaged or unwritable cache ignored."""

from __future__ import annotations

import datetime as dt
import json
import tomllib

import pytest

from desktop_app.domain import toml_cache
from desktop_app.domain.catalogue_loader import load_catalogue
from desktop_app.domain.parameters import load_parameters
from desktop_app.paths import data_root

SOURCE = """
id = "x"
n = 3
ratio = 0.25
on = true
valid_from = 2026-01-01
stamp = 2026-03-01T09:30:00+05:00
local = 2026-03-01T09:30:00.125
opens = 09:00:00
list = [1, "два", 2026-02-02]
[nested.deeper]
text = "Қазақша"
"""


def test_answers_as_tomllib_does_from_the_cache_too(tmp_path):
    path = tmp_path / "cache" / "legal-data.json"
    with toml_cache.using(path):
        first = toml_cache.loads(SOURCE)
    assert first == tomllib.loads(SOURCE)
    assert path.exists()
    with toml_cache.using(path) as cache:
        again = toml_cache.loads(SOURCE)
        assert not cache.changed            # answered from the file, not parsed
    assert again == tomllib.loads(SOURCE)
    assert isinstance(again["valid_from"], dt.date) and isinstance(again["opens"], dt.time)
    assert again["stamp"].utcoffset() == dt.timedelta(hours=5)


def test_a_changed_file_is_parsed_again_and_only_used_entries_are_kept(tmp_path):
    path = tmp_path / "legal-data.json"
    with toml_cache.using(path):
        toml_cache.loads(SOURCE)
    changed = SOURCE.replace("n = 3", "n = 4")
    with toml_cache.using(path) as cache:
        assert toml_cache.loads(changed)["n"] == 4
        assert cache.changed
    assert len(json.loads(path.read_text(encoding="utf-8"))["files"]) == 1


@pytest.mark.parametrize("damage", ["", "{not json", '{"format": 1, "files": []}',
                                    '{"format": 1, "files": {"k": "v"}}', "[1, 2]"])
def test_a_damaged_cache_is_ignored_and_written_anew(tmp_path, damage):
    path = tmp_path / "legal-data.json"
    path.write_text(damage, encoding="utf-8")
    with toml_cache.using(path):
        assert toml_cache.loads(SOURCE) == tomllib.loads(SOURCE)
    with toml_cache.using(path) as cache:
        assert toml_cache.loads(SOURCE) == tomllib.loads(SOURCE)
        assert not cache.changed


def test_a_damaged_entry_is_parsed_again(tmp_path):
    path = tmp_path / "legal-data.json"
    with toml_cache.using(path):
        toml_cache.loads(SOURCE)
    stored = json.loads(path.read_text(encoding="utf-8"))
    key = next(iter(stored["files"]))
    stored["files"][key] = '{"\\u0000toml": "date"}'
    path.write_text(json.dumps(stored), encoding="utf-8")
    with toml_cache.using(path):
        assert toml_cache.loads(SOURCE) == tomllib.loads(SOURCE)


def test_syntax_errors_are_raised_as_without_the_cache(tmp_path):
    with toml_cache.using(tmp_path / "c.json"), pytest.raises(tomllib.TOMLDecodeError):
        toml_cache.loads("id = ")


def test_an_unwritable_place_only_means_no_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with toml_cache.using(blocker / "sub" / "c.json"):
        assert toml_cache.loads(SOURCE)["n"] == 3


def test_the_shipped_catalogue_and_parameters_load_the_same_from_the_cache(tmp_path):
    path = tmp_path / "c.json"
    plain_catalogue = load_catalogue(data_root() / "services")
    plain_parameters = load_parameters(data_root() / "parameters")
    for _ in range(2):  # filling the cache, then answering from it
        with toml_cache.using(path):
            catalogue = load_catalogue(data_root() / "services")
            parameters = load_parameters(data_root() / "parameters")
        assert catalogue.all() == plain_catalogue.all()
        assert [parameters.info(n) for n in parameters.names()] == \
            [plain_parameters.info(n) for n in plain_parameters.names()]
        assert [parameters.all_values(n) for n in parameters.names()] == \
            [plain_parameters.all_values(n) for n in plain_parameters.names()]
