"""Property: a genuine batch, mutated (bytes flipped, cut or inserted; a record's field replaced by
any JSON, dropped, or the record duplicated; the manifest altered and signed again with the real
key), is refused with the database unchanged or applied whole, and never raises. The genuine
batches are built once per module; each case restores the database from an in-memory copy.

Examples across the module: 800 byte mutations + 800 office-batch record mutations + 600
district-batch record mutations = 2,200."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nacl.public import SealedBox

from desktop_app.services import district, sync
from desktop_app.store import district as district_store
from desktop_app.store import settings as settings_store
from desktop_app.store import sync_log
from desktop_app.sync import export as exporter
from desktop_app.sync import format as fmt
from desktop_app.sync import keys
from tests.integration.test_round_trip import (
    DISTRICT, DISTRICT_NAME, as_district_operator, dump, open_folder, take,
)

def fast(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck),
                    derandomize=True, database=None)
UNEXPECTED = {"RecursionError", "MemoryError", "KeyError", "TypeError", "ValueError",
              "AttributeError", "IndexError", "IntegrityError", "ArithmeticError",
              "InvalidOperation", "OverflowError"}


class Side:
    """One receiving office with the genuine batch meant for it and a way back to before."""

    def __init__(self, ctx, sender, folder: Path) -> None:
        self.ctx, self.folder = ctx, folder
        self.key = keys.load_or_create(sender.data_dir)
        self.to = keys.verify_key(keys.public_b64(keys.load_or_create(ctx.data_dir)))
        peer = sync_log.peer(sender.db, ctx.office.code)
        self.manifest, self.records = exporter.build(
            sender.db, me=sync.me(sender), peer=peer, created_at="2026-11-18T10:30:00")
        self.genuine = fmt.write_batch(self.manifest, self.records, signing_key=self.key,
                                       recipient=self.to)
        self.pristine = sqlite3.connect(":memory:")
        ctx.db.conn.backup(self.pristine)
        self.parameters = ctx.parameters
        self.before = dump(ctx)
        self.n = 0

    def restore(self) -> None:
        self.pristine.backup(self.ctx.db.conn)
        self.ctx.parameters = self.parameters

    def sealed(self, manifest: dict, records: list) -> bytes:
        """write_batch without its fix-ups: the manifest is signed exactly as given."""
        payload = fmt.canonical({"manifest": manifest, "records": records})
        signed = self.key.sign(payload)
        body = SealedBox(self.to.to_curve25519_public_key()).encrypt(zlib.compress(signed, 1))
        header = fmt.canonical({
            "format": 1, "from": self.manifest["from"], "to": self.manifest["to"],
            "seq": self.manifest["seq"], "urgent": False, "created_at": self.manifest["created_at"],
            "body_length": len(body), "body_sha256": hashlib.sha256(body).hexdigest(),
            "plain_length": len(signed)})
        return struct.pack(">16sHI", fmt.MAGIC, 1, len(header)) + header + body

    def check(self, data: bytes) -> str:
        """Import `data`; assert refused-unchanged or applied-whole; restore; return the status."""
        self.n += 1
        path = self.folder / f"case{self.n}.akb"
        path.write_bytes(data)
        try:
            [report] = sync.import_batches(self.ctx, [path])     # never raises
            if report.status == "refused":
                assert report.message()
                assert report.error.params.get("detail") not in UNEXPECTED, report.message()
                assert dump(self.ctx) == self.before
            else:
                assert report.status == "applied", report.status
                self._applied_whole(data)
            return report.status
        finally:
            path.unlink()
            self.restore()

    def _applied_whole(self, data: bytes) -> None:
        batch = fmt.read_batch(data, my_code=self.ctx.office.code,
                               my_key=keys.load_or_create(self.ctx.data_dir),
                               sender_key_for=lambda code: keys.verify_key(
                                   sync_log.peer(self.ctx.db, code).public_key))
        peer = sync_log.peer(self.ctx.db, batch.sender)
        assert peer.last_seq_in == batch.seq
        if sync.mode(self.ctx) == "district":
            last = {(r["record_kind"], r["uuid"]): r for r in batch.records}
            for (kind, uuid), rec in last.items():
                assert district_store.record(self.ctx.db, kind, uuid) == rec


@pytest.fixture(scope="module")
def sides(_template_dirs, tmp_path_factory):
    root = tmp_path_factory.mktemp("mutations")
    office = open_folder(_template_dirs["empty"], root / "office")
    dist = open_folder(_template_dirs["empty"], root / "district")
    district.make_district(dist, DISTRICT, DISTRICT_NAME)
    as_district_operator(dist)
    stick = root / "stick"
    stick.mkdir()
    sync.trust_key(dist, sync.export_key(office, stick)[0])
    sync.trust_key(office, sync.export_key(dist, stick)[0])
    assert settings_store.get(office.db, "sync.district_code") == DISTRICT
    take(office, 2)
    [r] = sync.import_batches(dist, [sync.export_batch(office, stick).path])
    assert r.status == "applied"
    apps = district.applications(dist, office.office.code)
    district.record_decision(dist, apps[0].uuid, assigned=True, decided_on=dt.date(2026, 11, 25),
                             amount="12500", period_from=dt.date(2026, 10, 1),
                             period_to=dt.date(2026, 12, 31))
    district.record_decision(dist, apps[1].uuid, assigned=False, decided_on=dt.date(2026, 11, 25),
                             refusal_codes=("income_above_poverty_line",))
    district.record_referral(dist, apps[0].uuid, kind="training",
                             issued_on=dt.date(2026, 11, 26), place="Қарағанды")
    take(office, 1, serial0=500)                  # a second office batch, not yet imported
    to_district = Side(dist, office, stick)
    to_office = Side(office, dist, stick)
    yield to_district, to_office
    office.close()
    dist.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30)
    | st.sampled_from(["", "NaN", "Infinity", "1e400", "-1", "2026-13-40", "2026-11-18",
                       "\x00", "assigned", "refused", "a" * 5000]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=6)


def _mutate_records(records: list[dict], choice: int, key_pick: int, value, how: str) -> list:
    out = [dict(r) for r in records]
    rec = out[choice % len(out)]
    keys_ = sorted(rec)
    key = keys_[key_pick % len(keys_)]
    if how == "replace":
        rec[key] = value
    elif how == "drop":
        del rec[key]
    elif how == "add":
        rec[f"x{key_pick}"] = value
    elif how == "duplicate":
        out.append(dict(rec, **{key: value}))
    elif how == "remove":
        out.remove(rec)
    return out


record_mutation = st.tuples(st.integers(0, 10 ** 6), st.integers(0, 10 ** 6), json_values,
                            st.sampled_from(["replace", "replace", "replace", "drop", "add",
                                             "duplicate", "remove", "manifest"]))


def _apply(side: Side, mutation) -> bytes:
    choice, key_pick, value, how = mutation
    manifest = {**side.manifest, "format": 1,
                "hashes": {"records_sha256": fmt.records_hash(side.records)}}
    if how == "manifest":
        keys_ = sorted(manifest)
        manifest[keys_[key_pick % len(keys_)]] = value
        return side.sealed(manifest, side.records)
    records = _mutate_records(side.records, choice, key_pick, value, how)
    manifest["hashes"] = {"records_sha256": fmt.records_hash(records)}
    return side.sealed(manifest, records)


def test_the_genuine_batches_apply(sides):
    to_district, to_office = sides
    assert to_district.check(to_district.genuine) == "applied"
    assert to_office.check(to_office.genuine) == "applied"
    assert to_district.check(_apply(to_district, (0, 0, None, "same"))) == "applied"


@fast(800)
@given(st.data())
def test_byte_mutations_are_refused_or_applied_whole(sides, data):
    to_district, _ = sides
    raw = bytearray(to_district.genuine)
    how = data.draw(st.sampled_from(["flip", "cut", "insert", "overwrite"]))
    at = data.draw(st.integers(0, len(raw) - 1))
    if how == "flip":
        raw[at] ^= 1 << data.draw(st.integers(0, 7))
    elif how == "cut":
        raw = raw[:at]
    elif how == "insert":
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=64))
    else:
        chunk = data.draw(st.binary(min_size=1, max_size=64))
        raw[at:at + len(chunk)] = chunk
    assert to_district.check(bytes(raw)) in ("refused", "applied")


@fast(800)
@given(record_mutation)
def test_office_record_mutations_are_refused_or_applied_whole(sides, mutation):
    to_district, _ = sides
    to_district.check(_apply(to_district, mutation))


@fast(600)
@given(record_mutation)
def test_district_record_mutations_are_refused_or_applied_whole(sides, mutation):
    _, to_office = sides
    to_office.check(_apply(to_office, mutation))
