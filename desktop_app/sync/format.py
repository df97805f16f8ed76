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
import os
import stat
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import SealedBox

from desktop_app.domain.errors import BatchRejected

if TYPE_CHECKING:
    from nacl.signing import SigningKey, VerifyKey

MAGIC = b"AKIMAT-DESK-BAT\x1a"
FORMAT_VERSION = 1
BATCH_SUFFIX = ".akb"
RECORD_KIND = "record_kind"   # each record says what it is: household, person, ..., referral
_PREFIX = struct.Struct(">16sHI")
MAX_HEADER = 16 * 1024
MAX_FILE = 32 * 1024 * 1024       # a batch file larger than this is refused unread (README)
MAX_PLAIN = 64 * 1024 * 1024      # inflated size: never more than the header declares, nor this
_CHUNK = 1024 * 1024
_HEADER_FIELDS = {"format": int, "from": str, "to": str, "seq": int, "urgent": bool,
                  "created_at": str, "body_length": int, "body_sha256": str}
_HEADER_KEYS = {*_HEADER_FIELDS, "plain_length"}   # plain_length: older writers did not write it


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
                        "body_sha256": hashlib.sha256(body).hexdigest(),
                        "plain_length": len(signed)})
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
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BatchRejected("tampered", file=file) from None
    if (not isinstance(header, dict) or not set(header) <= _HEADER_KEYS
            or not _same(header.get("format"), version)
            or any(type(header.get(k)) is not t for k, t in _HEADER_FIELDS.items())
            or not 0 <= header["body_length"] <= MAX_FILE
            or not _plain_length_ok(header.get("plain_length", MAX_PLAIN))):
        raise BatchRejected("tampered", file=file)
    body = data[end:]
    if len(body) < header["body_length"]:
        raise BatchRejected("truncated", file=file)
    if len(body) > header["body_length"] or (
            hashlib.sha256(body).hexdigest() != header["body_sha256"]):
        raise BatchRejected("tampered", file=file)
    return Envelope(header, body, hashlib.sha256(data).hexdigest())


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same JSON type: `true` is not the number 1."""
    return type(a) is type(b) and a == b


def _plain_length_ok(value: Any) -> bool:
    return type(value) is int and 64 < value <= MAX_PLAIN


def read_file(path: Path | str, file: str = "") -> bytes:
    """The bytes of a batch file: a regular file only (not a link to a device, not a pipe), of at
    most MAX_FILE bytes, read in bounded pieces; anything else is refused unread."""
    path = Path(path)
    file = file or path.name
    try:
        before = os.stat(path)
    except OSError as exc:
        raise BatchRejected("unreadable", file=file, detail=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(before.st_mode):
        raise BatchRejected("not_a_file", file=file)
    if before.st_size > MAX_FILE:
        raise BatchRejected("too_large", file=file, limit=MAX_FILE // (1024 * 1024))
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise BatchRejected("unreadable", file=file, detail=exc.strerror or str(exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):   # swapped for something else since the stat
            raise BatchRejected("not_a_file", file=file)
        parts, size = [], 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_FILE:
                raise BatchRejected("too_large", file=file, limit=MAX_FILE // (1024 * 1024))
            parts.append(chunk)
    except OSError as exc:
        raise BatchRejected("unreadable", file=file, detail=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    return b"".join(parts)


def _inflate(packed: bytes, limit: int) -> bytes:
    """zlib in bounded pieces, stopping as soon as the output would pass `limit`."""
    inflater = zlib.decompressobj()
    parts, size, pending = [], 0, packed
    while pending and not inflater.eof:
        chunk = inflater.decompress(pending, _CHUNK)
        pending = inflater.unconsumed_tail
        size += len(chunk)
        if size > limit:
            raise ValueError("larger than declared")
        parts.append(chunk)
        if not chunk and pending:
            raise ValueError("stuck")
    if not inflater.eof or inflater.unused_data:
        raise ValueError("cut or trailing data")
    return b"".join(parts)


def open_envelope(env: Envelope, *, my_key: SigningKey, sender_key: VerifyKey,
                  file: str = "") -> Batch:
    """Decrypt, check the signature and that the signed manifest matches the clear header."""
    declared = env.header.get("plain_length", MAX_PLAIN)   # older writers did not declare it
    try:
        packed = SealedBox(my_key.to_curve25519_private_key()).decrypt(env.body)
        signed = _inflate(packed, declared)
        if "plain_length" in env.header and len(signed) != declared:
            raise ValueError("not the declared size")
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
        same = all(_same(manifest.get(k), env.header[k])
                   for k in ("format", "from", "to", "seq", "urgent", "created_at"))
        hashes = manifest.get("hashes") or {}
        if not same or hashes.get("records_sha256") != records_hash(records):
            raise ValueError("manifest")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
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
