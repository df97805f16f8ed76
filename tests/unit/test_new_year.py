"""Issue 10, the new year: every dated value in data/parameters ends on 31 December 2026 and the
2027 figures are never invented. `params status` lists what is missing or ending; from 1 December
the start-up warns the akim and the administrator; a pre-check (and public-works pay) on a day with
no value names what is missing, in the user's language, and intake still takes the application."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from desktop_app import cli
from desktop_app.domain.errors import ParametersEnding
from desktop_app.domain.parameters import Parameters
from desktop_app.i18n import Translator
from desktop_app.services import parameters, startup
from desktop_app.services import public_works as pw_svc
from desktop_app.services.papers import precheck_lines
from desktop_app.services.setup import open_context
from desktop_app.store.db import loads
from tests.integration.test_round_trip import take
from tests.unit.test_public_works import draft as pw_draft

D = dt.date
ENDING_2026 = {"poverty_line", "food_basket", "mci", "minimum_wage", "subsistence_minimum"}


def _at(moment: dt.datetime):
    return lambda: moment


@pytest.fixture
def folder(_template_dirs, tmp_path):
    return shutil.copytree(_template_dirs["empty"], tmp_path / "office")


# params status ---------------------------------------------------------------------------------
@pytest.mark.parametrize("on, missing, ending", [
    ("2026-11-15", set(), set()),               # nothing ends within 31 days
    ("2026-12-05", set(), ENDING_2026),         # 31 December is within 31 days
    ("2027-01-05", ENDING_2026, set()),         # the 2027 figures are not in the data
])
def test_params_status_lists_missing_and_ending(folder, capsys, on, missing, ending) -> None:
    assert cli.main(["params", "status", "--on", on, "--json", "--data-dir", str(folder)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["on"] == on and out["within_days"] == 31
    assert {p["name"] for p in out["parameters"] if p["missing"]} >= missing
    got_ending = {p["name"] for p in out["parameters"] if not p["missing"]}
    assert got_ending == ending
    assert all(p["ends_on"] == "2026-12-31" for p in out["parameters"] if not p["missing"])
    if missing:
        assert all(p["title"]["kk"] and p["title"]["ru"] for p in out["parameters"])


def test_params_status_words_the_list_in_the_users_language(folder, capsys) -> None:
    assert cli.main(["params", "status", "--on", "2027-01-05", "--lang", "ru",
                     "--data-dir", str(folder)]) == 0
    text = capsys.readouterr().out
    assert "Черта бедности (poverty_line)" in text and "05.01.2027" in text


def test_params_status_is_the_same_list_as_today(folder) -> None:
    ctx = open_context(folder, clock=_at(dt.datetime(2026, 12, 5, 9)), demo=False)
    try:
        names = {a.name for a in parameters.alerts(ctx)}
    finally:
        ctx.close()
    assert names == ENDING_2026


# start-up from 1 December ----------------------------------------------------------------------
@pytest.mark.parametrize("moment, warned", [
    (dt.datetime(2026, 11, 30, 17, 0), False),
    (dt.datetime(2026, 12, 1, 9, 0), True),
    (dt.datetime(2026, 12, 30, 9, 0), True),
])
def test_start_up_warns_of_values_ending_on_31_december(folder, moment, warned) -> None:
    ctx = open_context(folder, clock=_at(moment), demo=False)
    try:
        found = [w for w in ctx.startup_warnings if isinstance(w, ParametersEnding)]
        assert bool(found) is warned
        if warned:
            (w,) = found
            assert w.end == D(2026, 12, 31)
            kk, ru = w.message(Translator("kk")), w.message(Translator("ru"))
            assert "Кедейлік шегі" in kk and "31.12.2026" in kk
            assert "Черта бедности" in ru and "Минимальная заработная плата" in ru
    finally:
        ctx.close()


def test_no_start_up_warning_once_the_new_values_are_in(folder) -> None:
    ctx = open_context(folder, clock=_at(dt.datetime(2026, 12, 2, 9)), demo=False)
    try:
        ctx.user = type(ctx.user)("admin", "Әкімші", roles=frozenset({"admin"}))
        for name in sorted(ENDING_2026):
            for region in {v.region for v in ctx.parameters.all_values(name)
                           if v.valid_to == D(2026, 12, 31)}:
                parameters.add_value(ctx, parameters.ValueDraft(
                    name=name, value="1", valid_from="2027-01-01", valid_to="2027-12-31",
                    region=region, source="Law on the republican budget 2027–2029 (test)"))
        assert parameters.year_end_warning(ctx) is None
        ctx.startup_warnings.clear()
        startup.run_checks(ctx)
        assert not any(isinstance(w, ParametersEnding) for w in ctx.startup_warnings)
    finally:
        ctx.close()


# a pre-check on a day with no value ------------------------------------------------------------
def test_january_2027_precheck_names_what_is_missing_and_intake_goes_on(folder) -> None:
    ctx = open_context(folder, clock=_at(dt.datetime(2027, 1, 15, 10, 0)), demo=False)
    try:
        [app_id] = take(ctx, 1)
        status, raw = ctx.db.execute("SELECT status, precheck FROM applications WHERE id = ?",
                                     [app_id]).fetchone()
        assert status == "registered"   # intake never blocks
        result = loads(raw)
        assert result["outcome"] == "cannot_tell"
        kk = " ".join(precheck_lines(result, Translator("kk")))
        ru = " ".join(precheck_lines(result, Translator("ru")))
        assert "Кедейлік шегі" in kk and "15.01.2027" in kk and "poverty_line" not in kk
        assert "Черта бедности" in ru and "15.01.2027" in ru and "poverty_line" not in ru
    finally:
        ctx.close()


# public-works pay says the same ----------------------------------------------------------------
def test_public_works_pay_names_the_missing_value(ctx) -> None:
    shipped = ctx.parameters
    values = {n: [v for v in shipped.all_values(n)
                  if not (n == "minimum_wage" and v.valid_from.year == 2023)]
              for n in shipped.names()}
    ctx.parameters = Parameters({n: shipped.info(n) for n in shipped.names()}, values)
    p, _, _ = pw_svc.record_participant(ctx, pw_draft())
    lines, _ = pw_svc.record_timesheet(ctx, D(2023, 3, 1), {p.id: 19})
    assert lines[0].days_worked == 19 and lines[0].pay is None   # the days are kept
    kk = " ".join(n.text(Translator("kk")) for n in pw_svc.month_notices(ctx, D(2023, 3, 1)))
    ru = " ".join(n.text(Translator("ru")) for n in pw_svc.month_notices(ctx, D(2023, 3, 1)))
    assert "Ең төменгі жалақы" in kk and "01.03.2023" in kk
    assert "Минимальная заработная плата" in ru and "01.03.2023" in ru
