"""More of the USB round trip (schema v007): public-works participants and timesheets reach the
district's replica; a parameter value the district adds reaches the office, is used by its next
pre-check, and the same batch twice (or again in a later batch) changes nothing; a value that would
break the parameter rules refuses the whole batch."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from desktop_app.domain.household import Sex
from desktop_app.domain.iin import make_iin
from desktop_app.services import district, sync
from desktop_app.services import parameters as params
from desktop_app.services import public_works as pw
from desktop_app.services.parameters import ValueDraft
from desktop_app.store import district as district_store
from tests.integration.test_round_trip import DISTRICT, dump, take, world  # noqa: F401

D = dt.date
Q1_2027 = dict(name="poverty_line", value="35 000,50", valid_from="2027-01-01",
               valid_to="2027-03-31", region="karaganda",
               source="Karaganda region akimat resolution No. 1/01 of 20.12.2026")
VERSION = "district-karaganda-2027-01-01"


def _participant(ctx):
    draft = pw.ParticipantDraft(
        iin=make_iin(D(1990, 5, 17), Sex.MALE, 41), surname="Сейітов", given_name="Нұрлан",
        referral_no="ЖҚ-17", referral_date=D(2023, 2, 24), referred_by="Балқаш ауданының ЖҚӘББ",
        contract_no="ҚЖ-3", contract_date=D(2023, 2, 27), start=D(2023, 3, 1),
        end=D(2023, 5, 31), resolution_id="balkhash-194-2014", org_row=9,
        work_type="landscaping", volume=1000)
    p, _, _ = pw.record_participant(ctx, draft)
    pw.record_timesheet(ctx, D(2023, 3, 1), {p.id: 19})
    return p


def test_public_works_reach_the_district(world):
    office, dist, stick = world
    p = _participant(office)
    out = sync.export_batch(office, stick)
    assert out.counts == {"person": 1, "public_works_participant": 1,
                          "public_works_timesheet": 1}
    [report] = sync.import_batches(dist, [out.path])
    assert report.status == "applied", report.message()
    assert report.counts["public_works_timesheet"] == 1
    rec = district_store.record(dist.db, "public_works_participant", p.uuid)
    assert rec["contract_no"] == "ҚЖ-3" and rec["start_date"] == "2023-03-01"
    person = district_store.record(dist.db, "person", rec["person_uuid"])
    assert person["surname"] == "Сейітов"
    month = district_store.record(dist.db, "public_works_timesheet", f"{p.uuid}/2023-03-01")
    assert (month["participant_uuid"], month["days_worked"]) == (p.uuid, 19)
    assert month["pay"] is not None or month["wage_version"] is None
    assert district_store.count(dist.db, office.office.code, "public_works_timesheet") == 1

    # a corrected month travels again and replaces the district's copy; nothing else does
    pw.record_timesheet(office, D(2023, 3, 1), {p.id: 10})
    back = district.export_return(dist, office.office.code, stick)
    sync.import_batches(office, [back.path])
    again = sync.export_batch(office, stick)
    assert again.counts == {"public_works_timesheet": 1}
    sync.import_batches(dist, [again.path])
    month = district_store.record(dist.db, "public_works_timesheet", f"{p.uuid}/2023-03-01")
    assert month["days_worked"] == 10

    before = dump(dist)
    [twice] = sync.import_batches(dist, [again.path])
    assert twice.status == "already_imported" and dump(dist) == before


def _used(ctx, app_id: int) -> dict[str, str]:
    raw = ctx.db.execute("SELECT precheck FROM applications WHERE id = ?", [app_id]).fetchone()[0]
    from desktop_app.store.db import loads

    return {name: version for name, version, _ in loads(raw)["parameters"]}


def test_district_parameter_value_reaches_the_office(world):
    office, dist, stick = world
    value, _ = params.add_value(dist, ValueDraft(**Q1_2027))
    assert value.version == VERSION
    back = district.export_return(dist, office.office.code, stick)
    assert back.counts == {"parameter_value": 1}

    [report] = sync.import_batches(office, [back.path])
    assert report.status == "applied", report.message()
    assert report.counts == {"parameter_value": 1} and report.changes.settings
    row = office.db.execute("SELECT value, version, origin, origin_code, created_by FROM"
                            " parameter_values").fetchall()
    assert row == [("35000.50", VERSION, "district", DISTRICT, dist.user.login)]
    assert office.parameters.value("poverty_line", D(2027, 2, 1), "karaganda").version == VERSION

    # the same batch twice changes nothing
    before = dump(office)
    [twice] = sync.import_batches(office, [back.path])
    assert twice.status == "already_imported" and dump(office) == before

    # not yet acknowledged: the next return batch carries it again; it is not duplicated
    again = district.export_return(dist, office.office.code, stick)
    assert again.counts == {"parameter_value": 1}
    [report] = sync.import_batches(office, [again.path])
    assert report.status == "applied", report.message()
    assert office.db.execute("SELECT count(*) FROM parameter_values").fetchone()[0] == 1
    # the office's own values and the district's are not sent back to the district
    ack = sync.export_batch(office, stick)
    assert "parameter_value" not in ack.counts
    sync.import_batches(dist, [ack.path])
    assert district.export_return(dist, office.office.code, stick).counts == {}

    # a pre-check run after the import names the district's version
    office.clock = lambda: dt.datetime(2027, 1, 15, 9, 0)
    [app_id] = take(office, 1)
    assert _used(office, app_id)["poverty_line"] == VERSION


def test_value_breaking_the_rules_refuses_the_whole_batch(world):
    office, dist, stick = world
    office.user = dataclasses.replace(office.user, roles=office.user.roles | {"admin"})
    params.add_value(office, ValueDraft(**dict(Q1_2027, valid_from="2027-02-01",
                                               valid_to="2027-06-30", value="36000")))
    params.add_value(dist, ValueDraft(**Q1_2027))
    apps = take(office, 1)
    sync.import_batches(dist, [sync.export_batch(office, stick).path])
    [a] = district.applications(dist)
    district.record_inspection(dist, a.uuid, D(2026, 11, 30))
    back = district.export_return(dist, office.office.code, stick)
    assert back.counts == {"parameter_value": 1, "result": 1}

    before = dump(office)
    [report] = sync.import_batches(office, [back.path])
    assert report.status == "refused" and report.reason_code == "invalid_content"
    assert "overlaps office-karaganda-2027-02-01" in report.message()
    assert dump(office) == before
    assert office.db.execute("SELECT inspection_date FROM applications WHERE id = ?",
                             apps).fetchone()[0] is None
    assert office.parameters.value("poverty_line", D(2027, 2, 15), "karaganda").value == \
        Decimal("36000")
