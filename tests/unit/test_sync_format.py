"""The batch container with real bytes: a round trip, every refusal the format itself can name,
key files and fingerprints; random bytes, truncations and bit flips never raise anything but
BatchRejected."""

from __future__ import annotations

import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nacl.signing import SigningKey

from desktop_app.domain.errors import AppError, BatchRejected
from desktop_app.sync import format as fmt
from desktop_app.sync import keys

OFFICE, DISTRICT = "KRG-ABAY-KOKSU", "KRG-ABAY-OZSP"
OFFICE_KEY, DISTRICT_KEY, STRANGER_KEY = (SigningKey(bytes([n]) * 32) for n in (1, 2, 3))


def manifest(**over) -> dict:
    m = {"from": OFFICE, "to": DISTRICT, "seq": 3, "base_seq": 2, "covers": 40,
         "ack": {"seq": 0, "covers": 0}, "created_at": "2026-11-18T10:30:00", "urgent": False,
         "counts": {"person": 1}}
    return {**m, **over}


RECORDS = [{"record_kind": "person", "uuid": "p-1", "surname": "Әбенов", "given_name": "Ерлан"}]


def batch_bytes(m: dict | None = None, signer: SigningKey = OFFICE_KEY,
                recipient: SigningKey = DISTRICT_KEY) -> bytes:
    return fmt.write_batch(m or manifest(), RECORDS, signing_key=signer,
                           recipient=recipient.verify_key)


def read(data: bytes, me: str = DISTRICT, key: SigningKey = DISTRICT_KEY,
         known: dict | None = None) -> fmt.Batch:
    trusted = {OFFICE: OFFICE_KEY.verify_key} if known is None else known
    return fmt.read_batch(data, my_code=me, my_key=key, sender_key_for=trusted.get,
                          file="b.akb")


GOOD = batch_bytes()


def reason(data: bytes, **kw) -> str:
    with pytest.raises(BatchRejected) as err:
        read(data, **kw)
    assert err.value.message()            # every reason has a message naming the file
    return err.value.reason_code


def test_round_trip():
    batch = read(GOOD)
    assert batch.records == RECORDS and batch.seq == 3 and batch.sender == OFFICE
    assert batch.manifest["hashes"]["records_sha256"] == fmt.records_hash(RECORDS)
    assert GOOD.startswith(fmt.MAGIC)
    assert "Әбенов".encode() not in GOOD         # personal data never in clear


def test_every_format_reason():
    assert reason(b"%PDF-1.7 not a batch at all") == "not_a_batch"
    assert reason(b"") == "not_a_batch"
    assert reason(GOOD[:10]) == "truncated"
    assert reason(GOOD[:40]) == "truncated"
    assert reason(GOOD[:-1]) == "truncated"
    flipped = bytearray(GOOD)
    flipped[-20] ^= 0x01
    assert reason(bytes(flipped)) == "tampered"
    assert reason(GOOD + b"\0") == "tampered"
    newer = bytearray(GOOD)
    struct.pack_into(">H", newer, 16, fmt.FORMAT_VERSION + 1)
    assert reason(bytes(newer)) == "format_too_new"
    assert reason(GOOD, known={}) == "unknown_office"
    assert reason(batch_bytes(signer=STRANGER_KEY)) == "bad_signature"
    assert reason(GOOD, me="KRG-OTHER-OZSP") == "wrong_recipient"
    assert reason(GOOD, me=OFFICE, key=OFFICE_KEY) == "own_batch"
    sealed_to_other = batch_bytes(recipient=STRANGER_KEY)    # header says us, sealed to another
    assert reason(sealed_to_other) == "tampered"


def test_a_changed_header_is_caught_after_decryption():
    head_len = struct.unpack_from(">I", GOOD, 18)[0]
    header = GOOD[22:22 + head_len]
    forged = header.replace(b'"seq":3', b'"seq":9')
    assert forged != header
    data = GOOD[:18] + struct.pack(">I", len(forged)) + forged + GOOD[22 + head_len:]
    assert reason(data) == "tampered"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_only_ever_batch_rejected(data):
    with pytest.raises(BatchRejected):
        read(data)
    with pytest.raises(BatchRejected):
        read(fmt.MAGIC + data)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=len(GOOD) - 1))
def test_every_truncation_is_refused(cut):
    with pytest.raises(BatchRejected) as err:
        read(GOOD[:cut])
    assert err.value.reason_code in ("truncated", "not_a_batch", "tampered")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=len(GOOD) * 8 - 1))
def test_every_bit_flip_is_refused(bit):
    data = bytearray(GOOD)
    data[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(BatchRejected):
        read(bytes(data))


def test_key_file_and_fingerprint(tmp_path):
    key = keys.load_or_create(tmp_path)
    assert keys.load_or_create(tmp_path).encode() == key.encode()
    assert keys.private_path(tmp_path).stat().st_mode & 0o777 == 0o600
    fp = keys.fingerprint(key.verify_key.encode())
    assert len(fp) == 19 and fp.count("-") == 3
    data = keys.key_file_bytes(key, office_code=OFFICE, office_uuid="u-1", mode="village",
                               name={"kk": "Көксу", "ru": "Коксу"})
    assert key.encode().hex() not in data.decode()
    peer = keys.parse_key_file(data, "k")
    assert (peer.office_code, peer.fingerprint, peer.mode) == (OFFICE, fp, "village")
    with pytest.raises(AppError) as err:
        keys.parse_key_file(b"hello", "k")
    assert err.value.code == "not_a_key_file"
    other = keys.public_b64(STRANGER_KEY)
    with pytest.raises(AppError) as err:
        keys.parse_key_file(data.replace(peer.public_key.encode(), other.encode()), "k")
    assert err.value.code == "key_file_damaged"
