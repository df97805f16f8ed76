"""Changes made at the office after the first export reach the district with the next batch: a
withdrawal, a correction (seen as a correction with before / after, never as a new application)
and a household change; the journal shows a voided number; a voided paper verifies as voided."""

from __future__ import annotations

import datetime as dt
import io
import json

from pypdf import PdfReader

from desktop_app.domain.household import Member, Person, Relation, Sex
from desktop_app.domain.iin import make_iin
from desktop_app.documents.seal import Verdict
from desktop_app.services import (applications, district, household_book, issued, lifecycle,
                                  office_papers, papers, sync)
from desktop_app.store import district as district_store
from tests.integration.test_round_trip import take, world  # noqa: F401


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_withdrawal_correction_and_household_change_travel_in_the_next_batch(world):
    office, dist, stick = world
    ids = take(office, 3)
    first = sync.export_batch(office, stick)
    [report] = sync.import_batches(dist, [first.path])
    assert report.status == "applied"
    a0, a1, a2 = (applications.get(office, i) for i in ids)
    assert applications.show(office, a0.reg_no).sync.awaiting

    lifecycle.withdraw(office, a0.id, reason="Азаматтың жазбаша өтініші",
                       requested_on=dt.date(2026, 11, 18))
    lifecycle.correct_application(office, a1.id, lifecycle.Correction(
        reason="Тегі қате жазылған", person={"surname": "Сейітова"}))
    baby = Person(surname="Сейітов", given_name="Нұрлан", birth_date=dt.date(2026, 10, 1),
                  sex=Sex.MALE, iin=make_iin(dt.date(2026, 10, 1), Sex.MALE, 901))
    household_book.add_member(office, a2.household_id, Member(baby, Relation.CHILD))
    assert applications.show(office, a1.reg_no).sync.changed_since

    second = sync.export_batch(office, stick)
    assert second.counts["person"] == 4  # 3 applicants (batch 1 is not acknowledged), the baby
    [report] = sync.import_batches(dist, [second.path])
    assert report.status == "applied", report.message()

    seen = {a.reg_no: a for a in district.applications(dist, office.office.code)}
    assert len(seen) == 3                                       # no new application appeared
    assert seen[a0.reg_no].office_status == "withdrawn"
    assert a0.reg_no not in {a.reg_no for a in district.applications(
        dist, office.office.code, undecided_only=True)}
    [corr] = district.corrections(dist)
    assert (corr.reg_no, corr.reason) == (a1.reg_no, "Тегі қате жазылған")
    assert corr.person["surname"][1] == "Сейітова"
    members = [r for r in dist.db.execute(
        "SELECT data FROM replica WHERE kind = 'person' AND json_extract(data, '$.iin') = ?",
        [baby.iin])]
    assert len(members) == 1
    [baby_rec] = members
    held = district_store.record(dist.db, "person", json.loads(baby_rec[0])["uuid"])
    assert held["household_uuid"] == office.db.execute(
        "SELECT uuid FROM households WHERE id = ?", [a2.household_id]).fetchone()[0]

    # the district acknowledges: the office sees it
    back = district.export_return(dist, office.office.code, stick)
    sync.import_batches(office, [back.path])
    state = applications.show(office, a1.reg_no).sync
    assert state.acked_at is not None and not state.awaiting


def test_journal_shows_a_voided_number_and_its_paper_verifies_as_voided(world):
    office, _dist, _stick = world
    ids = take(office, 2)
    app = applications.get(office, ids[0])
    pdf, _ = papers.receipt_pdf(office, app.reg_no, language="kk")
    lifecycle.void(office, app.id, reason="Басқа азаматқа қате тіркелді")
    text = _text(office_papers.journal_pdf(office, dt.date(2026, 11, 1), dt.date(2026, 11, 30),
                                           languages=("kk",))[0])
    assert app.reg_no in text.replace("\n", "") and "Жойылған" in text
    payload = office.db.execute("SELECT count(*) FROM papers WHERE reg_no = ?",
                                [app.reg_no]).fetchone()[0]
    assert payload >= 1
    from desktop_app.services.issued import extras_for

    seal = extras_for(office, {"kind": "receipt", "no": app.reg_no}, ("kk",)).seal
    assert issued.verify_text(office, seal).verdict == Verdict.VOIDED
    other = applications.get(office, ids[1])
    seal = extras_for(office, {"kind": "receipt", "no": other.reg_no}, ("kk",)).seal
    assert issued.verify_text(office, seal).verdict == Verdict.GENUINE
    assert pdf.startswith(b"%PDF")


def test_the_decision_number_reaches_the_office_and_the_tsa_certificate(world):
    office, dist, stick = world
    [app_id] = take(office, 1)
    sync.import_batches(dist, [sync.export_batch(office, stick).path])
    [app] = district.applications(dist, office.office.code)
    district.record_decision(dist, app.uuid, assigned=True, decided_on=dt.date(2026, 11, 20),
                             amount="12500", period_from=dt.date(2026, 10, 1),
                             period_to=dt.date(2026, 12, 31), decision_no="  417-ӘК ")
    [report] = sync.import_batches(office, [district.export_return(dist, office.office.code,
                                                                   stick).path])
    assert report.status == "applied", report.message()
    row = office.db.execute("SELECT decision_no FROM applications WHERE id = ?",
                            [app_id]).fetchone()
    assert row == ("417-ӘК",)
    person = applications.get(office, app_id).applicant_id
    pdf, _reg, _ = papers.issue_certificate(office, "tsa_recipient", person, languages=("ru",))
    text = _text(pdf).replace("\n", " ")
    assert "417-ӘК" in text
