"""The complaints journal travels office -> district (schema v011): a complaint when it is
recorded and again when its review is recorded, checked strictly against the declared schema,
and kept in the district's replica (indicators 4.1 and 4.2 per office)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.services import complaints, sync
from desktop_app.store import district as district_store
from desktop_app.store.schema import v014_complaints_travel
from tests.integration.test_hostile_batches import _put, _signed
from tests.integration.test_round_trip import dump, take, world  # noqa: F401


def _replica_complaint(dist, reg_no: str) -> dict:
    [uuid] = [r[0] for r in dist.db.execute(
        "SELECT uuid FROM replica WHERE kind = 'complaint'"
        " AND json_extract(data, '$.reg_no') = ?", [reg_no])]
    return district_store.record(dist.db, "complaint", uuid)


def test_a_complaint_and_then_its_review_reach_the_district(world):
    office, dist, stick = world
    [app_id] = take(office, 1)
    number, _ = complaints.record_complaint(office, complainant="Әбенова Сәуле",
                                            subject="Кезекте ұзақ күттім", channel="written",
                                            phone="8 701 000 00 00", application_id=app_id)
    first = sync.export_batch(office, stick)
    assert first.counts["complaint"] == 1
    [r] = sync.import_batches(dist, [first.path])
    assert r.status == "applied", r.message()
    rec = _replica_complaint(dist, number)
    assert rec["complainant"] == "Әбенова Сәуле" and rec["channel"] == "written"
    assert rec["justified"] is None and rec["reviewed_on"] is None
    assert rec["application_uuid"] == office.db.execute(
        "SELECT uuid FROM applications WHERE id = ?", [app_id]).fetchone()[0]

    complaints.review_complaint(office, number, justified=True,
                                reviewed_on=dt.date(2026, 11, 18), outcome="түзетілді")
    second = sync.export_batch(office, stick)
    assert second.counts["complaint"] == 1                   # the review travels
    [r] = sync.import_batches(dist, [second.path])
    assert r.status == "applied", r.message()
    rec = _replica_complaint(dist, number)
    assert (rec["justified"], rec["reviewed_on"], rec["outcome"]) == (
        True, "2026-11-18", "түзетілді")
    assert district_store.count(dist.db, office.office.code, "complaint") == 1


def _complaint(**fields):
    def mutate(records: list[dict]) -> list[dict]:
        return [dict(r, **fields) if r["record_kind"] == "complaint" else r for r in records]
    return mutate


@pytest.mark.parametrize("name, mutate", [
    ("justified_text", _complaint(justified="yes")),
    ("justified_int", _complaint(justified=1)),
    ("reviewed_bad", _complaint(reviewed_on="2026-13-40")),
    ("reviewed_stamp", _complaint(reviewed_on="2026-11-18T10:00:00")),
    ("channel_unknown", _complaint(channel="pigeon")),
    ("subject_empty", _complaint(subject="  ")),
    ("complainant_list", _complaint(complainant=["Әбенова"])),
    ("received_missing", lambda rs: [{k: v for k, v in r.items() if k != "received_at"}
                                     if r["record_kind"] == "complaint" else r for r in rs]),
    ("subject_huge", _complaint(subject="ш" * 20_001)),
])
def test_a_complaint_that_does_not_fit_is_refused_before_writing(world, name, mutate):
    office, dist, stick = world
    take(office, 1)
    number, _ = complaints.record_complaint(office, complainant="Әбенова Сәуле", subject="Кезек")
    complaints.review_complaint(office, number, justified=False,
                                reviewed_on=dt.date(2026, 11, 18))
    before = dump(dist)
    data = _signed(office, dist, mutate_records=mutate)
    [report] = sync.import_batches(dist, [_put(stick, f"{name}.akb", data)])
    assert report.status == "refused" and report.reason_code == "invalid_content", report.message()
    assert dump(dist) == before
    good = sync.export_batch(office, stick)                  # the real one applies
    [report] = sync.import_batches(dist, [good.path])
    assert report.status == "applied", report.message()
    assert _replica_complaint(dist, number)["justified"] is False


def test_complaints_recorded_before_the_step_are_logged_once_by_it(ctx):
    number, _ = complaints.record_complaint(ctx, complainant="Әбенова Сәуле", subject="Кезек")
    db = ctx.db
    # the office as it stood at schema v010: no triggers, nothing logged for complaints
    for event in ("insert", "update"):
        db.execute(f"DROP TRIGGER complaints_{event}_log")
    db.execute("DELETE FROM change_log WHERE kind = 'complaint'")
    v014_complaints_travel.upgrade(db)
    uuid = db.execute("SELECT uuid FROM complaints WHERE reg_no = ?", [number]).fetchone()[0]
    assert [tuple(r) for r in db.execute(
        "SELECT kind, uuid FROM change_log WHERE kind = 'complaint'")] == [("complaint", uuid)]
    complaints.review_complaint(ctx, number, justified=True, reviewed_on=dt.date(2026, 11, 18))
    assert db.execute("SELECT count(*) FROM change_log WHERE kind = 'complaint'").fetchone()[0] == 2
