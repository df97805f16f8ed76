"""The office's own parameter values: added by an administrator over the shipped files, used by
later pre-checks (which name the version), never by applications already taken."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.iin import make_iin
from desktop_app.i18n import Translator
from desktop_app.services import applications, auth
from desktop_app.services import parameters as params
from desktop_app.services.intake import take_application
from desktop_app.services.parameters import ValueDraft
from desktop_app.services.setup import open_context
from tests.unit.test_services import count, tsa_draft

Q1_2027 = dict(name="poverty_line", value="35 000,50", valid_from="2027-01-01",
               valid_to="2027-03-31", region="karaganda",
               source="Karaganda region akimat resolution No. 1/01 of 20.12.2026")


def _used(app) -> dict[str, tuple[str, str]]:
    return {name: (version, value) for name, version, value in app.precheck["parameters"]}


def test_added_value_is_used_later_and_old_application_keeps_its_version(ctx):
    first, _ = take_application(ctx, tsa_draft(ctx))
    assert _used(first)["poverty_line"][0] == "karaganda-2026Q4-derived"

    value, changes = params.add_value(ctx, ValueDraft(**Q1_2027))
    assert changes.settings
    assert value.version == "office-karaganda-2027-01-01" and value.value == Decimal("35000.50")
    row = ctx.db.execute("SELECT created_by, created_at FROM parameter_values").fetchone()
    assert row == (ctx.user.login, "2026-11-18T10:30:00")
    assert ctx.db.execute("SELECT count(*) FROM audit_log WHERE action = 'parameter.add'"
                          ).fetchone()[0] == 1

    ctx.clock = lambda: dt.datetime(2027, 1, 15, 9, 0)
    draft = tsa_draft(ctx)
    for i, member in enumerate(draft.household.members):   # other people: no duplicate IINs
        member.person.iin = make_iin(member.person.birth_date, member.person.sex, 60 + i)
    later, _ = take_application(ctx, draft)
    assert _used(later)["poverty_line"] == ("office-karaganda-2027-01-01", "35000.50")
    assert _used(applications.get(ctx, first.id))["poverty_line"][0] == \
        "karaganda-2026Q4-derived"

    line = params.versions_used(ctx, later.precheck, Translator("ru"))
    assert "office-karaganda-2027-01-01" in line and "Черта бедности" in line


def test_value_survives_reopening_and_wins_for_the_same_period(ctx):
    same = dict(Q1_2027, valid_from="2026-10-01", valid_to="2026-12-31", value="40000")
    params.add_value(ctx, ValueDraft(**same))
    day = dt.date(2026, 11, 18)
    assert ctx.parameters.value("poverty_line", day, "karaganda").value == Decimal("40000")
    again = open_context(ctx.data_dir, clock=ctx.clock, demo=False, single_instance=False)
    try:
        pv = again.parameters.value("poverty_line", day, "karaganda")
        assert pv.version == "office-karaganda-2026-10-01"
        rows = params.history(again, "poverty_line")
        assert [r.origin for r in rows if r.value.version == pv.version] == ["office"]
        assert not any(r.value.version == "karaganda-2026Q4-derived" for r in rows)
    finally:
        again.close()


def test_open_ended_shipped_value_ends_the_day_before(ctx):
    params.add_value(ctx, ValueDraft(name="pension_age_men", value="64", valid_from="2030-01-01",
                                     source="amended Social Code"))
    assert ctx.parameters.value("pension_age_men", dt.date(2029, 12, 31)).value != Decimal("64")
    assert ctx.parameters.value("pension_age_men", dt.date(2031, 5, 1)).value == Decimal("64")


@pytest.mark.parametrize("changes, field", [
    ({"valid_from": "2027-02-01", "valid_to": "2027-06-30"}, "valid_from"),   # office overlap
    ({"valid_from": "2026-11-01", "valid_to": "2026-12-15"}, "valid_from"),   # shipped, partly
    ({"value": "-5"}, "value"),
    ({"value": "many"}, "value"),
    ({"valid_to": "2026-12-01"}, "valid_to"),
    ({"valid_from": "1.1.2027"}, "valid_from"),
    ({"source": "  "}, "source"),
    ({"region": "atlantis"}, "region"),
    ({"name": "no_such_parameter"}, "name"),
])
def test_bad_values_and_overlaps_are_refused(ctx, changes, field):
    params.add_value(ctx, ValueDraft(**Q1_2027))
    before = count(ctx, "parameter_values"), count(ctx, "audit_log")
    with pytest.raises(ValidationError) as err:
        params.add_value(ctx, ValueDraft(**dict(Q1_2027, **changes)))
    assert err.value.field == field
    if "valid_to" in changes and field == "valid_from":
        assert err.value.code == "overlap"
        assert err.value.params["version"] in ("office-karaganda-2027-01-01",
                                               "karaganda-2026Q4-derived")
    assert (count(ctx, "parameter_values"), count(ctx, "audit_log")) == before


def test_non_admin_is_refused_and_nothing_written(ctx):
    auth.act_as(ctx, "specialist")
    before = count(ctx, "parameter_values"), count(ctx, "audit_log")
    with pytest.raises(PermissionDenied):
        params.add_value(ctx, ValueDraft(**Q1_2027))
    assert (count(ctx, "parameter_values"), count(ctx, "audit_log")) == before
    with pytest.raises(Exception):
        ctx.parameters.value("poverty_line", dt.date(2027, 2, 1), "karaganda")


def test_a_note_the_administrator_types_is_kept_and_shown_as_typed(ctx):
    typed = "Қарағанды облысы әкімдігінің 20.12.2026 № 1/01 қаулысы"
    params.add_value(ctx, ValueDraft(**dict(Q1_2027, source=typed)))
    again = open_context(ctx.data_dir, clock=ctx.clock, demo=False, single_instance=False)
    try:
        pv = again.parameters.value("poverty_line", dt.date(2027, 2, 1), "karaganda")
        assert pv.version == "office-karaganda-2027-01-01"
        assert (pv.source, pv.note("kk"), pv.note("ru")) == (typed, typed, typed)
        shipped = again.parameters.value("poverty_line", dt.date(2026, 11, 1), "karaganda")
        assert shipped.note("ru").startswith("Расчётное значение")   # its own, in ru
    finally:
        again.close()
