"""The office's Ed25519 key; public keys exchanged by file, with a fingerprint to read aloud.

Imports PyNaCl, domain.errors and i18n. The private key lives in `<data folder>/keys/` with 0600
permissions, never in the SQLite file; the same key signs (Ed25519) and, converted to Curve25519,
opens the batches sealed to this office.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from nacl.signing import SigningKey, VerifyKey

from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_
from desktop_app.oscompat import make_private_dir

KEY_DIR = "keys"
PRIVATE_FILE = "office.ed25519"
KEY_FILE_SUFFIX = ".akimat-key"
KEY_FILE_KIND = "akimat-desk-public-key"
KEY_FILE_VERSION = 1
MAX_KEY_FILE = 64 * 1024


def fingerprint(public_key: bytes) -> str:
    """First 16 hex digits of SHA-256 of the public key, in groups of 4: read aloud by phone."""
    digest = hashlib.sha256(public_key).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def private_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_DIR / PRIVATE_FILE


def _write_private(path: Path, key: SigningKey) -> None:
    make_private_dir(path.parent)  # 0700 on POSIX, the user's ACL on Windows
    tmp = path.with_name(path.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.encode().hex().encode("ascii") + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def generate(data_dir: Path) -> SigningKey:
    """Make a new key pair (set-up, or a district replacing a copied folder's key)."""
    key = SigningKey.generate()
    _write_private(private_path(data_dir), key)
    return key


def load_or_create(data_dir: Path) -> SigningKey:
    path = private_path(data_dir)
    if not path.exists():
        return generate(data_dir)
    try:
        return SigningKey(bytes.fromhex(path.read_text(encoding="ascii").strip()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise AppError(N_("The office key file {path} is damaged. Restore it from the backup "
                          "or make a new key and send it to the district again."),
                       code="key_damaged", path=str(path)) from exc


def public_b64(key: SigningKey | VerifyKey) -> str:
    verify = key.verify_key if isinstance(key, SigningKey) else key
    return base64.b64encode(verify.encode()).decode("ascii")


def verify_key(public_key_b64: str) -> VerifyKey:
    return VerifyKey(base64.b64decode(public_key_b64, validate=True))


@dataclass(frozen=True)
class PeerKey:
    """What a key file says: whose key it is and the key itself."""

    office_code: str
    office_uuid: str
    mode: str
    name: dict[str, str]
    public_key: str
    fingerprint: str


def key_file_bytes(key: SigningKey, *, office_code: str, office_uuid: str, mode: str,
                   name: dict[str, str]) -> bytes:
    doc = {"kind": KEY_FILE_KIND, "version": KEY_FILE_VERSION, "office_code": office_code,
           "office_uuid": office_uuid, "mode": mode, "name": name,
           "public_key": public_b64(key), "fingerprint": fingerprint(key.verify_key.encode())}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def key_file_name(office_code: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in office_code)
    return safe + KEY_FILE_SUFFIX


def _bad_key_file(path: str) -> AppError:
    return AppError(N_("{file} is not an Akimat Desk key file."), code="not_a_key_file", file=path)


def parse_key_file(data: bytes, file: str = "") -> PeerKey:
    """Read a key file; a damaged one (the key does not match its fingerprint) is refused."""
    if len(data) > MAX_KEY_FILE:
        raise _bad_key_file(file)
    try:
        doc = json.loads(data.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("kind") != KEY_FILE_KIND:
            raise ValueError("kind")
        raw = base64.b64decode(doc["public_key"], validate=True)
        VerifyKey(raw)
        peer = PeerKey(office_code=str(doc["office_code"]), office_uuid=str(doc["office_uuid"]),
                       mode=str(doc["mode"]),
                       name={k: str(v) for k, v in dict(doc["name"]).items()},
                       public_key=doc["public_key"], fingerprint=fingerprint(raw))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError) as exc:
        raise _bad_key_file(file) from exc
    if int(doc.get("version", 0)) > KEY_FILE_VERSION:
        raise AppError(N_("The key file {file} was written by a newer version of Akimat Desk; "
                          "update the application."), code="key_file_too_new", file=file)
    if peer.mode not in ("village", "district") or not peer.office_code:
        raise _bad_key_file(file)
    if doc.get("fingerprint") != peer.fingerprint:
        raise AppError(N_("The key file {file} is damaged: its key does not match its "
                          "fingerprint."), code="key_file_damaged", file=file)
    return peer
