"""The USB round trip across two real data folders (a village office and its district): keys by
file, 50 applications out, decisions back, hand-overs, and every bad batch refused with nothing
changed (a full dump of every table compared before and after)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain.application import ChecklistItem, Presented, Status
from desktop_app.domain.errors import AppError
from desktop_app.domain.household import (
    Household, Income, IncomeKind, Member, MemberStatus, Person, Relation, Sex,
)
from desktop_app.domain.iin import make_iin
from desktop_app.services import district, handover, sync
from desktop_app.services.intake import ApplicationDraft, documents_for, take_application
from desktop_app.store import settings
from desktop_app.store.db import transaction
from desktop_app.sync import export as exporter
from desktop_app.sync import format as fmt
from desktop_app.sync import keys
from tests.conftest import FIXED_NOW, fixed_clock

DISTRICT = "KRG-ABAY-OZSP"
DISTRICT_NAME = {"kk": "Абай ауданының ЖҚӘБ бөлімі", "ru": "Отдел ЗСП Абайского района"}


def dump(ctx) -> dict[str, list]:
    """Every row of every table, in a stable order."""
    names = [r[0] for r in ctx.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {n: sorted(map(repr, ctx.db.execute(f'SELECT * FROM "{n}"').fetchall())) for n in names}


def open_folder(template: Path, folder: Path):
    from desktop_app.services.setup import open_context

    shutil.copytree(template, folder)
    return open_context(folder, clock=fixed_clock, demo=False)


def as_district_operator(ctx) -> None:
    ctx.user = dataclasses.replace(ctx.user, roles=frozenset({"district", "admin"}))


def take(ctx, n: int, serial0: int = 100) -> list[int]:
    """n TSA applications, each with its own one-person household and last quarter's wages."""
    ids = []
    months = [dt.date(2026, m, 1) for m in (7, 8, 9)]
    for i in range(n):
        born = dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 27)
        sex = Sex.MALE if i % 2 else Sex.FEMALE
        person = Person(surname=f"Сейітов{i}", given_name="Асан", birth_date=born, sex=sex,
                        iin=make_iin(born, sex, serial0 + i))
        hh = Household(address=f"Көксу, Абай көшесі, {i + 1}", members=[
            Member(person, Relation.APPLICANT, frozenset({MemberStatus.WORKING}),
                   incomes=[Income(IncomeKind.WAGE, m, Decimal(30000 + 100 * i), "мектеп")
                            for m in months])])
        draft = ApplicationDraft(service_id="tsa", applicant=person, household=hh)
        draft.checklist = [ChecklistItem(d.id, Presented.BOTH, required=d.required)
                           for d in documents_for(ctx, draft)]
        app, _ = take_application(ctx, draft)
        ids.append(app.id)
    return ids


def linked(template: Path, tmp_path: Path):
    """A village office and its district, keys exchanged by files on the stick: (office, district,
    stick, the office's key file, the district's record of the office's key)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    office = open_folder(template, tmp_path / "office")
    dist = open_folder(template, tmp_path / "district")
    district.make_district(dist, DISTRICT, DISTRICT_NAME)
    as_district_operator(dist)
    stick = tmp_path / "stick"
    stick.mkdir()
    office_key, office_fp = sync.export_key(office, stick)
    district_key, district_fp = sync.export_key(dist, stick)
    peer, _ = sync.trust_key(dist, office_key, expected_fingerprint=office_fp)
    sync.trust_key(office, district_key, expected_fingerprint=district_fp)
    return office, dist, stick, office_key, peer


@pytest.fixture
def world(_template_dirs, tmp_path):
    """A village office and its district, keys exchanged by files on the stick."""
    office, dist, stick, _key, peer = linked(_template_dirs["empty"], tmp_path)
    assert peer.fingerprint == sync.key_info(office).fingerprint      # read aloud, both sides
    assert settings.get(office.db, "sync.district_code") == DISTRICT
    yield office, dist, stick
    office.close()
    dist.close()


def test_key_exchange_refuses_mismatch_and_keeps_private_key_out_of_the_database(world):
    office, dist, stick = world
    key_file = stick / keys.key_file_name(office.office.code)
    with pytest.raises(AppError) as err:
        sync.trust_key(dist, key_file, expected_fingerprint="0000-0000-0000-0000")
    assert err.value.code == "fingerprint_mismatch"
    private = keys.private_path(office.data_dir)
    assert private.stat().st_mode & 0o777 == 0o600
    secret = private.read_text().strip()
    assert secret not in str(dump(office)) and secret.encode() not in office.db_path.read_bytes()


def test_full_round_trip(world):
    office, dist, stick = world
    ids = take(office, 50)
    first = sync.export_batch(office, stick)
    assert first.seq == 1 and first.counts == {"application": 50, "household": 50, "person": 50}
    assert first.path.name == f"{office.office.code}_to_{DISTRICT}_2026-11-18_0001.akb"

    steps: list[tuple[int, int]] = []
    [report] = sync.import_batches(dist, [first.path], progress=lambda d, t: steps.append((d, t)))
    assert report.status == "applied", report.message()
    assert steps == [(1, 1)]
    [row] = district.offices_overview(dist)
    assert (row.code, row.last_seq_in, row.applications, row.awaiting_decision) == (
        office.office.code, 1, 50, 50)

    apps = district.applications(dist, office.office.code)
    for i, a in enumerate(apps):
        if i < 30:
            district.record_decision(dist, a.uuid, assigned=True, decided_on=dt.date(2026, 11, 25),
                                     amount="12500", period_from=dt.date(2026, 10, 1),
                                     period_to=dt.date(2026, 12, 31))
        else:
            district.record_decision(dist, a.uuid, assigned=False,
                                     decided_on=dt.date(2026, 11, 25),
                                     refusal_codes=("income_above_poverty_line",))
    ref_uuid, _ = district.record_referral(dist, apps[0].uuid, kind="training",
                                           issued_on=dt.date(2026, 11, 26), place="Қарағанды")
    district.record_inspection(dist, apps[1].uuid, dt.date(2026, 11, 30))
    back = district.export_return(dist, office.office.code, stick)
    assert back.counts == {"result": 50, "referral": 1}

    [report] = sync.import_batches(office, [back.path])
    assert report.status == "applied", report.message()
    assert report.changes.applications == frozenset(ids)
    statuses = [office.db.execute("SELECT status FROM applications WHERE id = ?", [i]).fetchone()[0]
                for i in ids]
    assert statuses.count(Status.ASSIGNED) == 30 and statuses.count(Status.REFUSED) == 20
    ready = handover.ready_to_hand_over(office)
    assert len(ready) == 50 and sum(r.referrals for r in ready) == 1
    notice = handover.notice_data(office, ready[0].row.id)
    assert notice.decision in ("assigned", "refused")
    first_app = office.db.execute("SELECT id, inspection_date FROM applications WHERE uuid = ?",
                                  [apps[1].uuid]).fetchone()
    assert first_app[1] == "2026-11-30"
    [ref] = handover.notice_data(office, office.db.execute(
        "SELECT id FROM applications WHERE uuid = ?", [apps[0].uuid]).fetchone()[0]).referrals
    assert (ref["uuid"], ref["kind"], ref["place"]) == (ref_uuid, "training", "Қарағанды")
    refused = next(r for r in ready if r.decision == "refused")
    assert handover.notice_data(office, refused.row.id).refusal_texts[0]["ru"].startswith(
        "Среднедушевой")

    for r in ready:
        handover.record_handover(office, r.row.id, FIXED_NOW.date(), "өзіне", True)
    assert handover.ready_to_hand_over(office) == []
    second = sync.export_batch(office, stick)
    assert second.seq == 2 and second.counts == {"handover": 50}

    [report] = sync.import_batches(dist, [second.path])
    assert report.status == "applied"
    assert all(a.handed_over for a in district.applications(dist))
    # the office acknowledged the return batch: the next one has nothing left to carry
    assert district.export_return(dist, office.office.code, stick).counts == {}

    before = dump(dist)
    again = sync.import_batches(dist, [second.path, first.path])
    assert [r.status for r in again] == ["refused", "already_imported"]
    assert again[0].reason_code == "replayed"
    assert dump(dist) == before


def test_a_lost_stick_loses_nothing_and_the_gap_is_reported(world):
    office, dist, stick = world
    take(office, 3)
    lost = sync.export_batch(office, stick)
    take(office, 2, serial0=300)
    later = sync.export_batch(office, stick)
    assert later.counts["application"] == 5            # carries the lost batch's records too
    [report] = sync.import_batches(dist, [later.path])
    assert report.status == "applied" and report.gap == (1,)
    assert "1" in report.message()
    assert len(district.applications(dist)) == 5
    before = dump(dist)
    [late] = sync.import_batches(dist, [lost.path])
    assert late.reason_code == "replayed" and dump(dist) == before


def test_files_given_out_of_order_are_applied_in_order(world):
    office, dist, stick = world
    take(office, 1)
    one = sync.export_batch(office, stick)
    take(office, 1, serial0=400)
    two = sync.export_batch(office, stick)
    reports = sync.import_batches(dist, [two.path, one.path])
    assert [(r.seq, r.status) for r in reports] == [(1, "applied"), (2, "applied")]


def test_stick_pulled_out_half_way(world, monkeypatch):
    office, dist, stick = world
    take(office, 2)
    good = sync.export_batch(office, stick)
    kept = good.path.read_bytes()
    take(office, 1, serial0=500)
    before = dump(office)

    def pulled(src, dst):
        raise OSError(errno.EIO, "Input/output error")
    monkeypatch.setattr(exporter.os, "replace", pulled)
    with pytest.raises(AppError) as err:
        sync.export_batch(office, stick)
    assert err.value.code == "export_failed" and "intact" in err.value.msgid  # any UI language
    monkeypatch.undo()
    assert dump(office) == before                      # not counted as sent
    assert good.path.read_bytes() == kept
    assert sorted(p.name for p in stick.glob("*.akb")) == [good.path.name]

    # a half-written file left behind (the stick went before the cleanup) is refused, not applied
    redo = sync.export_batch(office, stick)
    assert redo.seq == 2
    part = stick / (redo.path.name + ".part")
    part.write_bytes(redo.path.read_bytes()[:500])
    dist_before = dump(dist)
    [report] = sync.import_batches(dist, [part])
    assert report.reason_code == "truncated" and dump(dist) == dist_before


def test_urgent_export_carries_only_what_cannot_wait(world):
    office, dist, stick = world
    ids = take(office, 3)
    with transaction(office.db):
        settings.put(office.db, "sync.trip_weekday", 1)         # Tuesday 24 Nov
        office.db.execute("UPDATE applications SET forward_by = '2026-12-31' WHERE id = ?",
                          [ids[2]])
    assert sync.next_trip(office) == dt.date(2026, 11, 24)
    assert [r.id for r in sync.due_before_trip(office)] == sorted(ids[:2], reverse=True)
    urgent = sync.export_batch(office, stick, urgent=True)
    assert urgent.urgent and urgent.counts["application"] == 2
    assert urgent.path.name.endswith("_urgent.akb")
    handover.record_delivery(office, ids[:2], FIXED_NOW.date(), "Абай ауданы ЖҚӘБ, Ахметова")
    assert sync.due_before_trip(office) == []
    assert len(handover.register(office, FIXED_NOW.date())) == 2
    [report] = sync.import_batches(dist, [urgent.path])
    assert report.status == "applied"
    regular = sync.export_batch(office, stick)             # the urgent batch moved nothing on
    assert regular.counts["application"] == 3
    [report] = sync.import_batches(dist, [regular.path])
    assert report.status == "applied" and len(district.applications(dist)) == 3


def test_every_bad_batch_is_refused_with_nothing_changed(world, _template_dirs, tmp_path):
    from desktop_app.store import offices

    office, dist, stick = world
    take(office, 2)
    good = sync.export_batch(office, stick)
    data = good.path.read_bytes()
    bad: dict[str, Path] = {}

    def put(name: str, content: bytes) -> None:
        bad[name] = stick / f"{name}.akb"
        bad[name].write_bytes(content)

    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x10
    put("tampered", bytes(flipped))
    put("truncated", data[: len(data) * 2 // 3])
    put("not_a_batch", b"%PDF-1.4\n% a receipt, not a batch\n")
    newer = bytearray(data)
    newer[16:18] = (fmt.FORMAT_VERSION + 1).to_bytes(2, "big")
    put("format_too_new", bytes(newer))

    # an office the district never trusted, and an impostor using the office's code
    for name, code in (("unknown_office", "KRG-ABAY-ZHANA"), ("bad_signature", office.office.code)):
        other = open_folder(_template_dirs["empty"], tmp_path / name)
        other.office.code = code
        with transaction(other.db):
            offices.save(other.db, other.office)
        sync.trust_key(other, stick / keys.key_file_name(DISTRICT))
        take(other, 1, serial0=700)
        put(name, sync.export_batch(other, tmp_path / name).path.read_bytes())
        other.close()

    # signed correctly but not acceptable: builds on a batch never imported, or a broken record
    key, to = keys.load_or_create(office.data_dir), keys.verify_key(
        keys.public_b64(keys.load_or_create(dist.data_dir)))
    peer = dataclasses.replace(sync_log_peer(office), last_seq_out=5)
    m, records = exporter.build(office.db, me=sync.me(office), peer=peer,
                                created_at="2026-11-18T10:30:00")
    put("gap", fmt.write_batch({**m, "base_seq": 4}, records, signing_key=key, recipient=to))
    broken = [dict(records[0], address="")] + records[1:]
    assert broken[0]["record_kind"] == "household"
    put("invalid_content", fmt.write_batch(m, broken, signing_key=key, recipient=to))

    before = dump(dist)
    reports = sync.import_batches(dist, list(bad.values()))
    assert {r.path.stem: r.reason_code for r in reports} == {n: n for n in bad}
    assert all(r.status == "refused" and r.message() for r in reports)
    assert dump(dist) == before

    other_district = open_folder(_template_dirs["empty"], tmp_path / "other-district")
    district.make_district(other_district, "KRG-BUKHAR-OZSP", DISTRICT_NAME)
    before = dump(other_district)
    [report] = sync.import_batches(other_district, [good.path])
    assert report.reason_code == "wrong_recipient" and dump(other_district) == before
    other_district.close()

    before = dump(office)
    [report] = sync.import_batches(office, [good.path])
    assert report.reason_code == "own_batch" and dump(office) == before

    sync.import_batches(dist, [good.path])
    before = dump(dist)
    replay = sync.export_batch(office, stick)        # a second, then the first again
    sync.import_batches(dist, [replay.path])
    before = dump(dist)
    [report] = sync.import_batches(dist, [good.path])
    assert report.reason_code == "replayed" and dump(dist) == before


def sync_log_peer(ctx):
    from desktop_app.store import sync_log

    return sync_log.peer(ctx.db, DISTRICT)

def test_cli_round_trip(_template_dirs, tmp_path):
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "desktop_app", *args, "--json"], cwd=root,
                              capture_output=True, text=True, timeout=120)
        assert (proc.returncode == 0) == ok, proc.stdout + proc.stderr
        return proc

    office = open_folder(_template_dirs["empty"], tmp_path / "office")
    take(office, 2)
    office.close()
    dist = open_folder(_template_dirs["empty"], tmp_path / "district")
    district.make_district(dist, DISTRICT, DISTRICT_NAME)
    dist.close()
    o, d, stick = str(tmp_path / "office"), str(tmp_path / "district"), str(tmp_path / "stick")
    Path(stick).mkdir()
    shown = json.loads(run("keys", "show", "--data-dir", o).stdout)
    okey = json.loads(run("keys", "export", "--to", stick, "--data-dir", o).stdout)
    assert okey["fingerprint"] == shown["fingerprint"]
    dkey = json.loads(run("keys", "export", "--to", stick, "--data-dir", d).stdout)
    run("keys", "trust", okey["file"], "--fingerprint", okey["fingerprint"], "--data-dir", d)
    run("keys", "trust", dkey["file"], "--data-dir", o)
    out = json.loads(run("export", "--to", stick, "--data-dir", o).stdout)
    assert out["seq"] == 1 and out["counts"]["application"] == 2
    got = json.loads(run("import", out["file"], "--data-dir", d).stdout)
    assert got["files"][0]["status"] == "applied"
    again = run("import", out["file"], stick + "/nothing.akb", "--data-dir", d, ok=False)
    assert json.loads(again.stdout)["error"] == "unreadable"
    plain = subprocess.run([sys.executable, "-m", "desktop_app", "import", out["file"],
                            "--data-dir", o], cwd=root, capture_output=True, text=True)
    assert plain.returncode == 1 and len(plain.stderr.strip().splitlines()) == 1
    back = json.loads(run("export", "--to", stick, "--data-dir", d).stdout)
    assert [b["to"] for b in back["batches"]] == [json.loads(run(
        "keys", "show", "--data-dir", o).stdout)["office"]]
