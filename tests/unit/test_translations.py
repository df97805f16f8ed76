"""Every interface msgid in the code has a Kazakh and a Russian translation with the same
placeholders, and the committed messages.pot is not stale (STYLE 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _code_msgids() -> set[str]:
    keywords = dict(DEFAULT_KEYWORDS)
    out = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "desktop_app"), method_map=[("**.py", "python")], keywords=keywords):
        out.add(message[0] if isinstance(message, tuple) else message)
    return out


def _catalogue(locale: str):
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=locale)


def test_pot_is_not_stale():
    with (ROOT / "translations" / "messages.pot").open("rb") as fh:
        pot = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    missing = sorted(_code_msgids() - pot)
    assert not missing, (f"run `make translations`: {len(missing)} msgids not in messages.pot: "
                         f"{missing[:5]}")


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_every_msgid_is_translated(locale):
    catalogue = _catalogue(locale)
    untranslated, bad = [], []
    for msgid in sorted(_code_msgids()):
        message = catalogue.get(msgid)
        text = message.string if message else None
        if isinstance(text, tuple | list):
            text = text[0]
        if not text or (message and message.fuzzy):
            untranslated.append(msgid)
        elif set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(text)):
            bad.append(msgid)
    assert not untranslated, f"{locale}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not bad, f"{locale}: placeholders differ in {bad[:5]}"


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_catalogue_compiles_cleanly(locale):
    """`pybabel compile` refuses a catalogue with format errors (e.g. a stray "%" that reads as a
    python-format directive): `make` would then fail on a clean clone."""
    problems = [(m.id, [str(e) for e in errs]) for m, errs in _catalogue(locale).check()]
    assert not problems, problems[:3]
