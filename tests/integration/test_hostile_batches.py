"""Hostile batch files (issue 12, items 1-3): each bad file refused alone with its reason while the
genuine one given with it is applied; only regular files are read, within a size limit, and a
body inflates only up to what its header declares; records from a trusted signer that do not fit
the declared schema are refused before anything is written."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import struct
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest
from nacl.public import SealedBox

from desktop_app.services import district, sync
from desktop_app.store import sync_log
from desktop_app.sync import export as exporter
from desktop_app.sync import format as fmt
from desktop_app.sync import keys
from tests.integration.test_round_trip import DISTRICT, dump, take, world  # noqa: F401


def _signed(sender, receiver, mutate_manifest=None, mutate_records=None) -> bytes:
    """A batch signed with the sender's real key, built from its real records, then altered."""
    key = keys.load_or_create(sender.data_dir)
    to = keys.verify_key(keys.public_b64(keys.load_or_create(receiver.data_dir)))
    peer = sync_log.peer(sender.db, receiver.office.code)
    m, records = exporter.build(sender.db, me=sync.me(sender), peer=peer,
                                created_at="2026-11-18T10:30:00")
    if mutate_records:
        records = mutate_records(records)
    if mutate_manifest:
        m = mutate_manifest(m)
    return fmt.write_batch(m, records, signing_key=key, recipient=to)


def _put(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _header(fields: dict, body: bytes) -> bytes:
    head = json.dumps(fields).encode()
    return struct.pack(">16sHI", fmt.MAGIC, 1, len(head)) + head + body


def test_a_deeply_nested_header_is_refused_alone_and_the_genuine_batch_applies(world, tmp_path):
    office, dist, stick = world
    take(office, 2)
    good = sync.export_batch(office, stick)
    head = b"[" * 2000
    crafted = _put(stick, "nested.akb",
                   struct.pack(">16sHI", fmt.MAGIC, 1, len(head)) + head + b"x" * 2000)
    reports = sync.import_batches(dist, [crafted, good.path])
    by_name = {r.path.name: r for r in reports}
    assert by_name["nested.akb"].status == "refused"
    assert by_name["nested.akb"].reason_code == "tampered"
    assert by_name[good.path.name].status == "applied"


def test_nested_json_inside_a_signed_payload_is_refused_not_raised(world):
    office, dist, stick = world
    take(office, 1)
    key = keys.load_or_create(office.data_dir)
    to = keys.verify_key(keys.public_b64(keys.load_or_create(dist.data_dir)))
    payload = b'{"manifest": ' + b"[" * 5000 + b"]" * 5000 + b', "records": []}'
    signed = key.sign(payload)
    body = SealedBox(to.to_curve25519_public_key()).encrypt(zlib.compress(signed))
    data = _header({"format": 1, "from": office.office.code, "to": DISTRICT, "seq": 1,
                    "urgent": False, "created_at": "2026-11-18T10:30:00",
                    "body_length": len(body), "body_sha256": hashlib.sha256(body).hexdigest()},
                   body)
    [report] = sync.import_batches(dist, [_put(stick, "deep.akb", data)])
    assert report.status == "refused" and report.reason_code == "tampered"


def test_a_huge_sparse_file_is_refused_unread(world, tmp_path):
    office, dist, stick = world
    take(office, 1)
    good = sync.export_batch(office, stick)
    sparse = stick / "huge.akb"
    with open(sparse, "wb") as fh:
        fh.write(good.path.read_bytes()[:200])
        fh.truncate(2 * 1024 ** 3)                     # 2 GB, nearly all holes
    tracemalloc.start()
    try:
        reports = sync.import_batches(dist, [sparse, good.path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    by_name = {r.path.name: r for r in reports}
    assert by_name["huge.akb"].reason_code == "too_large"
    assert "32" in by_name["huge.akb"].message()       # the limit is named
    assert by_name[good.path.name].status == "applied"
    assert peak < 64 * 1024 ** 2


@pytest.mark.skipif(sys.platform == "win32", reason="device files and FIFOs are POSIX")
def test_a_link_to_a_device_and_a_fifo_are_refused_without_reading(world, tmp_path):
    office, dist, stick = world
    take(office, 1)
    good = sync.export_batch(office, stick)
    zero = stick / "zero.akb"
    zero.symlink_to("/dev/zero")
    fifo = stick / "pipe.akb"
    os.mkfifo(fifo)
    folder = stick / "folder.akb"
    folder.mkdir()
    reports = sync.import_batches(dist, [zero, fifo, folder, good.path])
    by_name = {r.path.name: r for r in reports}
    for name in ("zero.akb", "pipe.akb", "folder.akb"):
        assert by_name[name].reason_code == "not_a_file", name
    assert by_name[good.path.name].status == "applied"


def test_an_inflation_bomb_inflates_only_to_its_declared_size(world):
    """Sealed to the district's public key (no signature needed to get this far)."""
    office, dist, stick = world
    to = keys.verify_key(keys.public_b64(keys.load_or_create(dist.data_dir)))
    bomb = zlib.compress(b"\0" * (200 * 1024 ** 2), 9)         # 200 MB of zeros, ~200 KB
    body = SealedBox(to.to_curve25519_public_key()).encrypt(bomb)
    fields = {"format": 1, "from": office.office.code, "to": DISTRICT, "seq": 1, "urgent": False,
              "created_at": "2026-11-18T10:30:00", "body_length": len(body),
              "body_sha256": hashlib.sha256(body).hexdigest()}
    declared = _put(stick, "declared.akb", _header({**fields, "plain_length": 4096}, body))
    undeclared = _put(stick, "undeclared.akb", _header(fields, body))   # an older writer's header
    lying = _put(stick, "lying.akb", _header({**fields, "plain_length": 10 ** 12}, body))
    tracemalloc.start()
    try:
        reports = sync.import_batches(dist, [declared, undeclared, lying])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [r.reason_code for r in reports] == ["tampered"] * 3
    assert peak < fmt.MAX_PLAIN + 16 * 1024 ** 2     # never the 200 MB the body inflates to


def test_format_true_is_not_format_one(world):
    office, dist, stick = world
    take(office, 1)
    data = bytearray(sync.export_batch(office, stick).path.read_bytes())
    size = struct.unpack_from(">I", data, 18)[0]
    header = json.loads(bytes(data[22:22 + size]))
    header["format"] = True
    head = json.dumps(header, separators=(",", ":")).encode()
    crafted = struct.pack(">16sHI", fmt.MAGIC, 1, len(head)) + head + bytes(data[22 + size:])
    [report] = sync.import_batches(dist, [_put(stick, "true.akb", crafted)])
    assert report.status == "refused"


@pytest.mark.parametrize("name, change", [
    ("ack_list", lambda m: {**m, "ack": [1]}),
    ("counts_list", lambda m: {**m, "counts": ["person"]}),
    ("counts_bad", lambda m: {**m, "counts": {"person": "many"}}),
    ("seq_float", lambda m: {**m, "covers": 1.5}),
])
def test_a_trusted_office_batch_with_a_malformed_manifest_is_refused(world, name, change):
    office, dist, stick = world
    take(office, 1)
    before = dump(dist)
    data = _signed(office, dist, mutate_manifest=change)
    [report] = sync.import_batches(dist, [_put(stick, f"{name}.akb", data)])
    assert report.status == "refused" and report.reason_code in ("invalid_content", "tampered")
    assert dump(dist) == before


def _decided_world(world):
    office, dist, stick = world
    take(office, 2)
    [r] = sync.import_batches(dist, [sync.export_batch(office, stick).path])
    assert r.status == "applied"
    apps = district.applications(dist, office.office.code)
    district.record_decision(dist, apps[0].uuid, assigned=True, decided_on=dt.date(2026, 11, 25),
                             amount="12500", period_from=dt.date(2026, 10, 1),
                             period_to=dt.date(2026, 12, 31))
    district.record_referral(dist, apps[0].uuid, kind="training",
                             issued_on=dt.date(2026, 11, 26), place="Қарағанды")
    return office, dist, stick


def _change(kind: str, **fields):
    def mutate(records: list[dict]) -> list[dict]:
        return [dict(r, **fields) if r["record_kind"] == kind else r for r in records]
    return mutate


@pytest.mark.parametrize("name, mutate", [
    ("amount_list", _change("result", amount=[1])),
    ("amount_nan", _change("result", amount="NaN")),
    ("amount_inf", _change("result", amount="Infinity")),
    ("amount_huge", _change("result", amount="1e400")),
    ("date_int", _change("result", decision_date=20261201)),
    ("codes_str", _change("result", refusal_codes="abc")),
    ("place_list", _change("referral", place=["Қарағанды"])),
    ("place_nul", _change("referral", place="Қара\x00ғанды")),
    ("issued_bad", _change("referral", issued_on="2026-13-40")),
    ("unknown_kind", lambda rs: rs + [{"record_kind": "person", "uuid": "x"}]),
])
def test_a_trusted_district_record_that_does_not_fit_is_refused_before_writing(world, name,
                                                                               mutate):
    office, dist, stick = _decided_world(world)
    before = dump(office)
    data = _signed(dist, office, mutate_records=mutate)
    [report] = sync.import_batches(office, [_put(stick, f"{name}.akb", data)])
    assert report.status == "refused" and report.reason_code == "invalid_content", report.message()
    assert dump(office) == before
    good = sync.export_batch(dist, stick, office_code=office.office.code)   # the real one applies
    [report] = sync.import_batches(office, [good.path])
    assert report.status == "applied", report.message()


def test_the_genuine_return_batch_still_fits_the_schema(world):
    office, dist, stick = _decided_world(world)
    data = _signed(dist, office, mutate_records=lambda rs: rs)
    [report] = sync.import_batches(office, [_put(stick, "genuine.akb", data)])
    assert report.status == "applied", report.message()
    amount = office.db.execute("SELECT decision_amount FROM applications"
                               " WHERE decision IS NOT NULL").fetchone()[0]
    assert amount == "12500.00"


def test_a_decision_amount_must_be_finite(world):
    office, dist, stick = world
    take(office, 1)
    sync.import_batches(dist, [sync.export_batch(office, stick).path])
    [app] = district.applications(dist, office.office.code)
    from desktop_app.domain.errors import ValidationError
    for bad in ("NaN", "inf", "1e400", "-5", "12.345", "abc"):
        with pytest.raises(ValidationError) as err:
            district.record_decision(dist, app.uuid, assigned=True,
                                     decided_on=dt.date(2026, 11, 25), amount=bad)
        assert err.value.field == "amount" and err.value.message()


def test_the_schema_declares_every_kind_either_side_sends():
    from desktop_app.sync import importer, schema
    assert set(importer.kinds_for("district")) | set(importer.kinds_for("village")) == set(
        schema.KINDS)


def test_every_record_of_the_demo_village_fits_the_schema(demo_ctx):
    from desktop_app.sync import importer, schema

    records = exporter.collect(demo_ctx.db, sync_log.changed_since(demo_ctx.db, 0, None))
    kinds = {r["record_kind"] for r in records}
    assert {"household", "person", "application"} <= kinds
    m = {"format": 1, "from": "A", "to": "B", "seq": 1, "base_seq": 0, "covers": 1,
         "ack": {"seq": 0, "covers": 0}, "created_at": "2026-11-18T10:30:00", "urgent": False,
         "counts": {k: 1 for k in kinds}, "hashes": {"records_sha256": fmt.records_hash(records)}}
    schema.check_batch(m, records, importer.kinds_for("district"), "demo.akb")
