"""The paper's QR seal: its key facts signed with the office's Ed25519 key, checked offline.

Imports PyNaCl only: the code is drawn by documents.qr, and the key comes from the caller
(services load it via sync/keys). The payload is text a phone scanner shows readably:

    AKD1|{"date":"2026-11-18","kind":"residence_certificate","no":"...","office":"KRG-..."}|<sig>

The signature (base64) covers the bytes "AKD1|" + the JSON exactly as printed, so any change to
a fact, even one byte, makes the paper "altered"; an office whose key is unknown here is "unknown".
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from nacl.exceptions import BadSignatureError

if TYPE_CHECKING:
    from nacl.signing import SigningKey, VerifyKey

PREFIX = "AKD1"
SEP = "|"
MAX_PAYLOAD = 2000  # a QR of level M holds ~2300 bytes; papers carry a few hundred


class Verdict(StrEnum):
    GENUINE = "genuine"
    ALTERED = "altered"
    UNKNOWN_OFFICE = "unknown_office"
    NOT_A_PAPER = "not_a_paper"
    VOIDED = "voided"  # the seal is genuine, but the office voided the registration


@dataclass(frozen=True)
class Check:
    """What verifying a payload found: the verdict, the facts as printed, whose key matched."""

    verdict: Verdict
    facts: dict = field(default_factory=dict)
    office_code: str = ""
    office_name: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""


@dataclass(frozen=True)
class KnownKey:
    key: VerifyKey
    name: dict[str, str]
    fingerprint: str


KeyLookup = Callable[[str], KnownKey | None]


def facts_json(facts: dict) -> str:
    """Canonical, compact, readable JSON (sorted keys, UTF-8 letters kept)."""
    return json.dumps(facts, ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                      default=str)


MAX_FACT = 60       # characters of one text fact in the QR; a longer one is cut and hashed


def bounded(value: Any) -> Any:
    """The facts as the QR carries them: a text longer than MAX_FACT keeps its first characters
    and the start of its SHA-256, so a long name or address can never overfill the code and the
    paper's full text can still be checked against the hash."""
    if isinstance(value, dict):
        return {k: bounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [bounded(v) for v in value]
    if isinstance(value, str) and len(value) > MAX_FACT:
        digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]
        return value[:MAX_FACT - 24] + "…#" + digest
    return value


def sign(facts: dict, key: SigningKey) -> str:
    """The payload text for the QR code. `facts` must name the office under "office"; long texts
    are carried bounded (see `bounded`)."""
    if not facts.get("office"):
        raise ValueError("the facts must name the office")
    facts = bounded(facts)
    body = PREFIX + SEP + facts_json(facts)
    sig = key.sign(body.encode("utf-8")).signature
    payload = body + SEP + base64.b64encode(sig).decode("ascii")
    if len(payload.encode("utf-8")) > MAX_PAYLOAD:
        raise ValueError("too many facts for one QR code")
    return payload


def verify(payload: str, lookup: KeyLookup) -> Check:
    """Genuine, altered, from an unknown office, or not a paper's payload at all. Offline."""
    text = (payload or "").strip().lstrip("\ufeff")
    if not text.startswith(PREFIX + SEP) or text.count(SEP) < 2:
        return Check(Verdict.NOT_A_PAPER)
    body, _, sig_text = text.rpartition(SEP)
    try:
        facts = json.loads(body[len(PREFIX) + 1:])
        if not isinstance(facts, dict):
            raise ValueError("facts")
    except (ValueError, RecursionError):   # a nested payload ("[" x 1,100) is not a paper either
        return Check(Verdict.NOT_A_PAPER)
    code = str(facts.get("office", ""))
    known = lookup(code) if code else None
    if known is None:
        return Check(Verdict.UNKNOWN_OFFICE, facts, code)
    try:
        sig = base64.b64decode(sig_text, validate=True)
        known.key.verify(body.encode("utf-8"), sig)
    except (BadSignatureError, binascii.Error, ValueError):
        return Check(Verdict.ALTERED, facts, code, known.name, known.fingerprint)
    return Check(Verdict.GENUINE, facts, code, known.name, known.fingerprint)
