"""Issue 10, the working calendar: a transferred day off or working day entered in the program
(administrators only, audited) counts in the deadlines at once; the district enters a decree's
transfers once and its return batch brings them to every office, where the next deadline moves."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop_app.domain.calendar import DAY_OFF, WORKING_DAY
from desktop_app.domain.deadlines import compute_deadlines
from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.services import calendar_days, district, sync
from desktop_app.services.calendar_days import DayDraft
from tests.conftest import FIXED_NOW
from tests.integration.test_round_trip import DISTRICT, dump, take, world  # noqa: F401

D = dt.date
DECREE = "Government decree No. 1 of 5 January 2026 on the transfer of days off (test)"


def _forward_by(ctx) -> dt.date:
    d = compute_deadlines(ctx.catalogue.get("tsa"), FIXED_NOW, ctx.calendar)
    return d.forward_by


def _admin(ctx):
    ctx.user = dataclasses.replace(ctx.user, roles=ctx.user.roles | {"admin"})


def test_the_district_sends_a_transferred_day_off_and_the_office_deadline_moves(world):
    office, dist, stick = world
    before = _forward_by(office)           # 3 working days after Wed 18 Nov 2026: Mon 23 Nov
    assert before == D(2026, 11, 23)
    day, _ = calendar_days.add_day(dist, DayDraft(D(2026, 11, 19), DAY_OFF,
                                                  "Day off moved from Saturday", DECREE))
    assert not dist.calendar.is_working_day(D(2026, 11, 19))
    back = district.export_return(dist, office.office.code, stick)
    assert back.counts == {"calendar_day": 1}

    [report] = sync.import_batches(office, [back.path])
    assert report.status == "applied", report.message()
    assert report.counts == {"calendar_day": 1} and report.changes.settings
    [kept] = calendar_days.entries(office)
    assert (kept.uuid, kept.origin, kept.origin_code, kept.day.source) == (
        day.uuid, "district", DISTRICT, DECREE)
    assert _forward_by(office) == D(2026, 11, 24)   # moved by the day off
    [app_id] = take(office, 1)
    due = office.db.execute("SELECT forward_by FROM applications WHERE id = ?",
                            [app_id]).fetchone()[0]
    assert due == "2026-11-24"

    # the same batch again changes nothing; a second return batch does not duplicate it
    snapshot = dump(office)
    [twice] = sync.import_batches(office, [back.path])
    assert twice.status == "already_imported" and dump(office) == snapshot
    again = district.export_return(dist, office.office.code, stick)
    [report] = sync.import_batches(office, [again.path])
    assert report.status == "applied", report.message()
    assert len(calendar_days.entries(office)) == 1
    # the office does not send the district's entry back
    assert "calendar_day" not in sync.export_batch(office, stick).counts

    # the district removes it: the removal travels too and the deadline comes back
    calendar_days.remove_day(dist, day.uuid)
    [report] = sync.import_batches(office, [district.export_return(dist, office.office.code,
                                                                    stick).path])
    assert report.status == "applied", report.message()
    assert calendar_days.entries(office) == [] and _forward_by(office) == before


def test_the_office_adds_a_working_day_and_removes_it(world):
    office, _dist, _stick = world
    _admin(office)
    stored, changes = calendar_days.add_day(office, DayDraft("21.11.2026", WORKING_DAY,
                                                             "Saturday made a working day",
                                                             DECREE))
    assert changes.settings and office.calendar.is_working_day(D(2026, 11, 21))
    assert _forward_by(office) == D(2026, 11, 21)
    audit = office.db.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert audit[0] == "calendar_day.add"
    with pytest.raises(ValidationError) as err:   # one entry per day
        calendar_days.add_day(office, DayDraft(D(2026, 11, 21), DAY_OFF, "", DECREE))
    assert err.value.field == "day"
    calendar_days.remove_day(office, stored.uuid)
    assert _forward_by(office) == D(2026, 11, 23)
    assert office.db.execute("SELECT removed FROM calendar_days").fetchone()[0] == 1


@pytest.mark.parametrize("draft, field", [
    (DayDraft("", DAY_OFF, "", DECREE), "day"),
    (DayDraft("32.13.2026", DAY_OFF, "", DECREE), "day"),
    (DayDraft("2026-11-19", "holiday", "", DECREE), "kind"),
    (DayDraft("2026-11-19", DAY_OFF, "", "  "), "source"),
])
def test_a_bad_entry_is_refused_and_nothing_written(world, draft, field):
    office, _dist, _stick = world
    _admin(office)
    with pytest.raises(ValidationError) as err:
        calendar_days.add_day(office, draft)
    assert err.value.field == field
    assert office.db.execute("SELECT count(*) FROM calendar_days").fetchone()[0] == 0


def test_only_an_administrator_changes_the_calendar(world):
    office, _dist, _stick = world
    office.user = dataclasses.replace(office.user, roles=frozenset({"specialist"}))
    with pytest.raises(PermissionDenied):
        calendar_days.add_day(office, DayDraft(D(2026, 11, 19), DAY_OFF, "", DECREE))
    assert office.db.execute("SELECT count(*) FROM calendar_days").fetchone()[0] == 0


def test_the_entries_survive_a_restart(_template_dirs, tmp_path):
    import shutil

    from desktop_app.services.setup import open_context

    folder = shutil.copytree(_template_dirs["empty"], tmp_path / "office")
    ctx = open_context(folder, clock=lambda: FIXED_NOW, demo=False)
    try:
        _admin(ctx)
        calendar_days.add_day(ctx, DayDraft(D(2026, 11, 19), DAY_OFF, "", DECREE))
    finally:
        ctx.close()
    again = open_context(folder, clock=lambda: FIXED_NOW, demo=False)
    try:
        assert not again.calendar.is_working_day(D(2026, 11, 19))
        assert _forward_by(again) == D(2026, 11, 24)
    finally:
        again.close()
