"""Property tests: random and malformed input thrown at every parser the app has (IIN, dates,
money, service files, parameter files, calendar files). None may fail with anything but the app's
typed errors, and looking things up changes nothing in the database."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop_app.domain.calendar import load_calendar
from desktop_app.domain.catalogue_loader import load_service
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.domain.iin import make_iin, parse_iin
from desktop_app.domain.household import Sex
from desktop_app.domain.parameters import load_parameters
from desktop_app.domain.values import parse_date, parse_money
from desktop_app.paths import data_root

FAST = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
DATA = data_root()
SERVICE_FILES = sorted((DATA / "services").glob("*.toml"))
PARAMETER_FILES = sorted((DATA / "parameters").glob("*.toml"))
CALENDAR_FILES = sorted((DATA / "calendar").glob("*.toml"))

digits = st.text(alphabet="0123456789", min_size=0, max_size=14)
noisy = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
iin_like = st.one_of(digits, noisy, st.builds(lambda d, s: d[:6] + s + d[7:], digits, noisy))


@FAST
@given(iin_like)
def test_parse_iin_raises_only_validation_errors(text):
    try:
        info = parse_iin(text, dt.date(2026, 11, 18))
    except ValidationError:
        return
    assert len(info.iin) == 12 and info.birth_date <= dt.date(2026, 11, 18)


@FAST
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 1, 1)),
       st.sampled_from(list(Sex)), st.integers(0, 9999))
def test_made_iins_parse_back(birth, sex, serial):
    try:
        iin = make_iin(birth, sex, serial)
    except AppError:
        return
    except ValueError:  # a serial whose check digit cannot exist
        return
    info = parse_iin(iin, dt.date(2026, 11, 18))
    assert info.birth_date == birth and info.sex == sex


@FAST
@given(st.one_of(noisy, st.from_regex(r"\d{1,4}[./-]\d{1,4}[./-]\d{1,5}", fullmatch=True)))
def test_parse_date_raises_only_validation_errors(text):
    try:
        value = parse_date(text)
    except ValidationError as exc:
        assert exc.field == "date"
        return
    assert isinstance(value, dt.date)


@FAST
@given(st.one_of(noisy, st.from_regex(r"-?[\d  ]{0,16}([.,]\d{0,4})? ?(₸|тг)?", fullmatch=True)))
def test_parse_money_raises_only_validation_errors(text):
    try:
        value = parse_money(text)
    except ValidationError as exc:
        assert exc.field == "amount"
        return
    assert isinstance(value, Decimal) and value >= 0


def test_parse_date_and_money_examples():
    assert parse_date("18.11.2026") == parse_date("2026-11-18") == dt.date(2026, 11, 18)
    assert parse_money("12 345,50 ₸") == Decimal("12345.50")
    for bad in ("31.02.2026", "2026-13-01", "", "завтра"):
        with pytest.raises(ValidationError):
            parse_date(bad)
    for bad in ("-5", "1,234,567", "12.345", "NaN", "1e9", "", "١٢"):
        with pytest.raises(ValidationError):
            parse_money(bad)


def _mutate(text: str, data) -> str:
    """Change a real file the way hands and broken USB sticks do."""
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        kind = data.draw(st.sampled_from(["drop", "value", "insert", "truncate", "dup"]))
        if kind == "drop":
            del lines[i]
        elif kind == "value" and "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            value = data.draw(st.sampled_from(['""', "-1", "1e400", "[]", "{}", "true", '"x"',
                                               "2026-02-30", "99999999999999999999", "[1, 'a']",
                                               "{ kk = 1 }", '"1.5"', "0.1"]))
            lines[i] = f"{key}= {value}"
        elif kind == "insert":
            lines.insert(i, data.draw(noisy))
        elif kind == "truncate":
            lines = lines[:i] + [lines[i][: len(lines[i]) // 2]]
        else:
            lines.insert(i, lines[i])
    return "\n".join(lines)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


@FAST
@given(st.data())
def test_service_files_refuse_with_catalogue_errors_only(data):
    source = data.draw(st.sampled_from(SERVICE_FILES))
    text = _mutate(source.read_text(encoding="utf-8"), data) if data.draw(st.booleans()) \
        else data.draw(noisy)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            load_service(_write(Path(tmp), source.name, text))
        except AppError:
            pass


@FAST
@given(st.data())
def test_parameter_files_refuse_with_parameter_errors_only(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in PARAMETER_FILES:
            shutil.copy(path, folder / path.name)
        victim = data.draw(st.sampled_from(PARAMETER_FILES))
        text = _mutate(victim.read_text(encoding="utf-8"), data) if data.draw(st.booleans()) \
            else data.draw(noisy)
        _write(folder, victim.name, text)
        try:
            params = load_parameters(folder)
        except AppError:
            return
        assert params is not None


@FAST
@given(st.data())
def test_calendar_files_refuse_with_typed_errors_only(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        victim = data.draw(st.sampled_from(CALENDAR_FILES))
        _write(folder, victim.name, _mutate(victim.read_text(encoding="utf-8"), data))
        try:
            load_calendar(folder)
        except AppError:
            pass


fts_syntax = st.text(alphabet='"*()-^:+.NEARORANDNOTabcКөксу \x00\t', max_size=24)


@FAST
@given(st.one_of(iin_like, fts_syntax))
@example("00\x00")  # a NUL once ended the full-text query early and crashed the search
@example('"Көксу')
def test_looking_up_an_iin_changes_nothing(demo_ctx, text):
    from desktop_app.services import households

    before = demo_ctx.db.conn.total_changes
    try:
        households.lookup_iin(demo_ctx, text)
    except ValidationError:
        pass
    households.find_persons(demo_ctx, text)
    assert demo_ctx.db.conn.total_changes == before
