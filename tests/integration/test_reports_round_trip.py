"""Three villages and their district on real data folders: applications out, decisions back, results
handed over and reported again; the district's per-office figures equal each village's own report,
and the district's total is their sum."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.services import complaints, district, handover, lifecycle, reports, sync
from desktop_app.store import offices
from desktop_app.store.db import new_uuid
from desktop_app.sync import keys
from tests.integration.test_round_trip import (DISTRICT, DISTRICT_NAME, as_district_operator,
                                               open_folder, take)

VILLAGES = (("KRG-ABAY-KOKSU", {"kk": "Көксу ауылдық округі", "ru": "Коксуский сельский округ"},
             4, 100),
            ("KRG-ABAY-TOPAR", {"kk": "Топар кенті", "ru": "Поселок Топар"}, 3, 100),
            ("KRG-ABAY-KARAGAI", {"kk": "Қарағайлы ауылы", "ru": "Село Карагайлы"}, 5, 500))
PERIOD = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
LATER = dt.datetime(2027, 1, 12, 11, 0)     # every undecided application is past its due date
FIELDS = ("received", "incomplete", "on_time", "late", "pending", "assigned", "refused",
          "handed_over", "handover_days", "withdrawn", "voided")


def _village(template: Path, folder: Path, code: str, name: dict[str, str]):
    ctx = open_folder(template, folder)
    ctx.office.code, ctx.office.name, ctx.office.uuid = code, dict(name), new_uuid()
    offices.save(ctx.db, ctx.office)
    keys.generate(ctx.data_dir)     # a copied folder must not keep another office's key
    return ctx


def build_three_villages(template: Path, root: Path):
    """Three villages (the second's three applicants also applied in the first), one district,
    two trips each way."""
    dist = open_folder(template, root / "district")
    district.make_district(dist, DISTRICT, DISTRICT_NAME)
    as_district_operator(dist)
    stick = root / "stick"
    stick.mkdir()
    district_key, district_fp = sync.export_key(dist, stick)
    villages = []
    for code, name, n, serial0 in VILLAGES:
        v = _village(template, root / code, code, name)
        key, fp = sync.export_key(v, stick)
        sync.trust_key(dist, key, expected_fingerprint=fp)
        sync.trust_key(v, district_key, expected_fingerprint=district_fp)
        ids = take(v, n, serial0=serial0)
        handover.record_delivery(v, ids[:2], v.now().date(), "ЖҚӘБ, Ахметова")   # by hand
        if code == "KRG-ABAY-TOPAR":
            lifecycle.withdraw(v, ids[-1], reason="өтініші бойынша",
                               requested_on=v.now().date())
        _complaints(v, code, ids)
        batch = sync.export_batch(v, stick)
        [r] = sync.import_batches(dist, [batch.path])
        assert r.status == "applied", r.message()
        villages.append(v)
    # decisions: assigned, refused, and the rest left waiting
    for v in villages:
        apps = [a for a in district.applications(dist, v.office.code)
                if a.office_status != "withdrawn"]
        district.record_decision(dist, apps[0].uuid, assigned=True,
                                 decided_on=dt.date(2026, 11, 16), amount="12500",
                                 period_from=dt.date(2026, 10, 1), period_to=dt.date(2026, 12, 31))
        if len(apps) > 2:
            district.record_decision(dist, apps[1].uuid, assigned=False,
                                     decided_on=dt.date(2026, 11, 17),
                                     refusal_codes=("income_above_poverty_line",))
        back = district.export_return(dist, v.office.code, stick)
        [r] = sync.import_batches(v, [back.path])
        assert r.status == "applied", r.message()
        if v.office.code == "KRG-ABAY-TOPAR":     # reviewed after the journal first travelled
            complaints.review_complaint(v, f"{v.office.code}-2026-C00001", justified=True,
                                        reviewed_on=v.now().date(), outcome="түзетілді")
        ready = handover.ready_to_hand_over(v)
        handover.record_handover(v, ready[0].row.id, v.now().date(), "өзіне", True)
        again = sync.export_batch(v, stick)
        [r] = sync.import_batches(dist, [again.path])
        assert r.status == "applied", r.message()
    for ctx in (*villages, dist):
        ctx.clock = lambda: LATER
    return villages, dist


def _complaints(v, code: str, ids: list[int]) -> None:
    """Көксу: one received on 1 November about its first application, found justified and
    reviewed on the 18th (17 days: late), one not justified and one justified, both reviewed on
    the day, and one from October (outside the period); Топар: one, reviewed on the next trip;
    Қарағайлы: none."""
    today = v.now().date()
    if code == "KRG-ABAY-KOKSU":
        for received, app_id, justified in ((dt.datetime(2026, 11, 1, 9, 0), ids[0], True),
                                            (None, None, False), (None, None, True),
                                            (dt.datetime(2026, 10, 20, 9, 0), None, True)):
            clock = v.clock
            if received is not None:
                v.clock = lambda at=received: at
            try:
                number, _ = complaints.record_complaint(
                    v, complainant="Әбенова Сәуле", subject="Кезекте ұзақ күттім",
                    application_id=app_id)
            finally:
                v.clock = clock
            complaints.review_complaint(v, number, justified=justified, reviewed_on=today,
                                        outcome="түсіндірілді")
    elif code == "KRG-ABAY-TOPAR":
        complaints.record_complaint(v, complainant="Серікова Айым", subject="Анықтама кешікті",
                                    channel="written", phone="8 701 000 00 00")


@pytest.fixture
def world(_template_dirs, tmp_path):
    villages, dist = build_three_villages(_template_dirs["empty"], tmp_path)
    yield villages, dist
    for ctx in (*villages, dist):
        ctx.close()


def whole_months(report):
    return report.summary.months


def _figures(row) -> dict:
    out = {f: getattr(row, f) for f in FIELDS}
    out.update({code: (i.value, i.measured) for code, i in row.indicators.items()})
    return out


def test_the_district_per_office_equals_each_villages_own_report(world, tmp_path):
    villages, dist = world
    theirs = reports.summary_report(dist, *PERIOD)
    assert theirs.summary.by == "office"
    by_office = {r.office_code: r for r in theirs.summary.rows if r.office_code}
    assert set(by_office) == {v.office.code for v in villages}
    for v in villages:
        own = reports.summary_report(v, *PERIOD)
        [total] = [r for r in own.summary.rows if r.is_total]
        assert _figures(by_office[v.office.code]) == _figures(total), v.office.code
    # the whole district is the sum of the offices
    whole = theirs.summary.rows[-1]
    assert whole.is_total
    for name in ("received", "on_time", "late", "assigned", "handed_over", "withdrawn"):
        assert getattr(whole, name) == sum(getattr(r, name) for r in by_office.values()), name
    assert whole.refused == {"refusal": 2}
    # the known answers: 12 received, 1 withdrawn, 3 assigned, 2 refused; 6 forwarded by hand on
    # the day, 5 never forwarded (late); 5 decided within the 30 days, 6 waiting past them
    assert (whole.received, whole.withdrawn, whole.assigned, whole.on_time, whole.late) == (
        12, 1, 3, 6, 5)
    assert (whole.indicators["1.1"].value, whole.indicators["1.1"].measured) == (
        round(100 * 5 / 11, 1), 11)
    assert [(m.month, m.received, m.on_time, m.late) for m in whole_months(theirs)] == [
        ("2026-11", 12, 6, 5)]
    # 4.1 justified complaints per people served, 4.2 justified ones reviewed within 15 days:
    # the complaints journals travelled, the one reviewed later with the second batch
    assert [(by_office[v.office.code].indicators["4.1"].value,
             by_office[v.office.code].indicators["4.2"].value,
             by_office[v.office.code].indicators["4.2"].measured) for v in villages] == [
        (50.0, 50.0, 2), (round(100 / 3, 1), 100.0, 1), (0.0, None, 0)]
    assert (whole.indicators["4.1"].value, whole.indicators["4.1"].measured) == (25.0, 12)
    assert (whole.indicators["4.2"].value, whole.indicators["4.2"].measured) == (
        round(100 * 2 / 3, 1), 3)
    assert theirs.summary.complaints_known
    # per office and service: one service, so the standard's target stands beside the value
    split = reports.summary_report(dist, *PERIOD, by="office_service")
    tsa = [r for r in split.summary.rows if r.service_id == "tsa" and r.office_code]
    assert len(tsa) == 3 and all(r.indicators["1.1"].target == 95 for r in tsa)
    # a complaint counts against the service of the application it is about, as at the office
    koksu = villages[0]
    [koksu_tsa] = [r for r in tsa if r.office_code == koksu.office.code]
    own_tsa = reports.summary_report(koksu, *PERIOD, service_id="tsa").summary.rows[-1]
    assert koksu_tsa.indicators["4.1"].value == own_tsa.indicators["4.1"].value == 25.0


def test_the_district_lists(world):
    villages, dist = world
    report = reports.summary_report(dist, *PERIOD)
    # Топар's three applicants applied for TSA in Көксу too (one withdrew in Топар)
    assert len(report.duplicates) == 3
    assert {e[0] for d in report.duplicates for e in d.entries} == {"KRG-ABAY-KOKSU",
                                                                    "KRG-ABAY-TOPAR"}
    # every undecided application is past its due date (18 December) on 12 January
    assert len(report.past_due) == 6
    assert all(p.days_over == (LATER.date() - dt.date(2026, 12, 18)).days
               for p in report.past_due)
    # the batches came on 18 November: 55 days without one is more than the 10-day setting
    assert [s.office_code for s in report.silent] == sorted(v.office.code for v in villages)
    assert all(s.days == 55 for s in report.silent)

