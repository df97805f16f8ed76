"""The batch container: what is on the stick, byte by byte, and every check a reader makes.

Imports PyNaCl, domain.errors. Layout (all integers big-endian):

    MAGIC (16 bytes) | format version (u16) | header length (u32) | header | body

The header is canonical JSON in clear (format, from, to, seq, urgent, created_at, body length and
SHA-256) so a reader can name the sender and the addressee before opening anything. The body is
SealedBox(recipient's Curve25519 key)(zlib(Ed25519 signature (64 bytes) + payload)); the payload is
canonical JSON {"manifest": ..., "records": [...]}. The manifest repeats the header's fields, so a
changed header is caught after decryption. Every failure is a BatchRejected with a reason code.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import SealedBox
from nacl.signing import SigningKey, VerifyKey

from desktop_app.domain.errors import BatchRejected

MAGIC = b"AKIMAT-DESK-BAT\x1a"
FORMAT_VERSION = 1
BATCH_SUFFIX = ".akb"
RECORD_KIND = "record_kind"   # each record says what it is: household, person, ..., referral
_PREFIX = struct.Struct(">16sHI")
MAX_HEADER = 16 * 1024
MAX_PLAIN = 512 * 1024 * 1024
_HEADER_FIELDS = {"format": int, "from": str, "to": str, "seq": int, "urgent": bool,
                  "created_at": str, "body_length": int, "body_sha256": str}


def canonical(value: Any) -> bytes:
    """The one serialisation that is signed and hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def records_hash(records: list[dict]) -> str:
    return hashlib.sha256(canonical(records)).hexdigest()


@dataclass(frozen=True)
class Batch:
    """An opened, verified batch."""

    manifest: dict
    records: list[dict]
    sha256: str           # of the whole file: the batch log's identity of this exact file
    payload: str = ""     # the signed document's JSON text ({"manifest":…,"records":[…]})

    @property
    def sender(self) -> str:
        return self.manifest["from"]

    @property
    def seq(self) -> int:
        return self.manifest["seq"]


@dataclass(frozen=True)
class Envelope:
    """The clear part of a batch: enough to sort files and pick the sender's key."""

    header: dict
    body: bytes
    sha256: str


def write_batch(manifest: dict, records: list[dict], *, signing_key: SigningKey,
                recipient: VerifyKey) -> bytes:
    manifest = {**manifest, "format": FORMAT_VERSION,
                "hashes": {**manifest.get("hashes", {}), "records_sha256": records_hash(records)}}
    payload = canonical({"manifest": manifest, "records": records})
    signed = signing_key.sign(payload)                  # signature (64) + payload
    body = SealedBox(recipient.to_curve25519_public_key()).encrypt(zlib.compress(signed, 6))
    header = canonical({"format": FORMAT_VERSION, "from": manifest["from"], "to": manifest["to"],
                        "seq": manifest["seq"], "urgent": bool(manifest.get("urgent")),
                        "created_at": manifest["created_at"], "body_length": len(body),
                        "body_sha256": hashlib.sha256(body).hexdigest()})
    return _PREFIX.pack(MAGIC, FORMAT_VERSION, len(header)) + header + body


def read_envelope(data: bytes, file: str = "") -> Envelope:
    """Check the clear part: magic, version, header, length and hash of the sealed body."""
    if len(data) < _PREFIX.size:
        if data and MAGIC.startswith(data[:len(MAGIC)]):
            raise BatchRejected("truncated", file=file)
        raise BatchRejected("not_a_batch", file=file)
    magic, version, header_len = _PREFIX.unpack_from(data)
    if magic != MAGIC:
        raise BatchRejected("not_a_batch", file=file)
    if version > FORMAT_VERSION:
        raise BatchRejected("format_too_new", file=file, found=version, known=FORMAT_VERSION)
    if version < 1 or header_len > MAX_HEADER:
        raise BatchRejected("tampered", file=file)
    end = _PREFIX.size + header_len
    if len(data) < end:
        raise BatchRejected("truncated", file=file)
    try:
        header = json.loads(data[_PREFIX.size:end].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BatchRejected("tampered", file=file) from None
    if (not isinstance(header, dict) or header.get("format") != version
            or any(not isinstance(header.get(k), t) for k, t in _HEADER_FIELDS.items())):
        raise BatchRejected("tampered", file=file)
    body = data[end:]
    if len(body) < header["body_length"]:
        raise BatchRejected("truncated", file=file)
    if len(body) > header["body_length"] or (
            hashlib.sha256(body).hexdigest() != header["body_sha256"]):
        raise BatchRejected("tampered", file=file)
    return Envelope(header, body, hashlib.sha256(data).hexdigest())


def open_envelope(env: Envelope, *, my_key: SigningKey, sender_key: VerifyKey,
                  file: str = "") -> Batch:
    """Decrypt, check the signature and that the signed manifest matches the clear header."""
    try:
        packed = SealedBox(my_key.to_curve25519_private_key()).decrypt(env.body)
        inflater = zlib.decompressobj()
        signed = inflater.decompress(packed, MAX_PLAIN)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ValueError("too large or cut")
    except (CryptoError, zlib.error, ValueError):
        raise BatchRejected("tampered", file=file) from None
    signature, payload = signed[:64], signed[64:]
    try:
        sender_key.verify(payload, signature)
    except (BadSignatureError, ValueError):
        raise BatchRejected("bad_signature", file=file, office=env.header["from"]) from None
    try:
        text = payload.decode("utf-8")
        doc = json.loads(text)
        manifest, records = doc["manifest"], doc["records"]
        if not isinstance(manifest, dict) or not isinstance(records, list):
            raise TypeError("shape")
        same = all(manifest.get(k) == env.header[k]
                   for k in ("format", "from", "to", "seq", "urgent", "created_at"))
        hashes = manifest.get("hashes") or {}
        if not same or hashes.get("records_sha256") != records_hash(records):
            raise ValueError("manifest")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise BatchRejected("tampered", file=file) from None
    return Batch(manifest, records, env.sha256, text)


def read_batch(data: bytes, *, my_code: str, my_key: SigningKey,
               sender_key_for: Callable[[str], VerifyKey | None], file: str = "") -> Batch:
    """Every check of a file meant for this office, in order; returns the verified batch."""
    try:
        env = read_envelope(data, file)
        to, sender = env.header["to"], env.header["from"]
        if sender == my_code:
            raise BatchRejected("own_batch", file=file, to=to)
        if to != my_code:
            raise BatchRejected("wrong_recipient", file=file, to=to, me=my_code)
        key = sender_key_for(sender)
        if key is None:
            raise BatchRejected("unknown_office", file=file, office=sender)
        return open_envelope(env, my_key=my_key, sender_key=key, file=file)
    except BatchRejected:
        raise
    except Exception:  # anything else a damaged file provokes is still a damaged file
        raise BatchRejected("tampered", file=file) from None
