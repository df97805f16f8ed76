"""The paper's QR seal: its key facts signed with the office's Ed25519 key, checked offline.

Imports PyNaCl and reportlab only (the key itself comes from the caller: services load it via
sync/keys). The payload is text a phone scanner shows readably:

    AKD1|{"date":"2026-11-18","kind":"residence_certificate","no":"...","office":"KRG-..."}|<sig>

The signature (base64) covers the bytes "AKD1|" + the JSON exactly as printed, so any change to
a fact, even one byte, makes the paper "altered"; an office whose key is unknown here is "unknown".
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import functools
import itertools
import operator
import re

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey
from reportlab.graphics.barcode import qrencoder
from reportlab.platypus import Flowable

PREFIX = "AKD1"
SEP = "|"
MAX_PAYLOAD = 2000  # a QR of level M holds ~2300 bytes; papers carry a few hundred


class Verdict(StrEnum):
    GENUINE = "genuine"
    ALTERED = "altered"
    UNKNOWN_OFFICE = "unknown_office"
    NOT_A_PAPER = "not_a_paper"


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


def sign(facts: dict, key: SigningKey) -> str:
    """The payload text for the QR code. `facts` must name the office under "office"."""
    if not facts.get("office"):
        raise ValueError("the facts must name the office")
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
    except ValueError:
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


QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code's modules (level M, UTF-8 bytes), True for dark, without the quiet zone.

    ReportLab's encoder scores each of the 8 masks with a slow generic routine; the same four
    penalty rules are computed here on bit strings, ~10 times faster, and the best mask is kept.
    """
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.version = qr.calculate_version()
    qr.makeImpl(False, 0)  # function patterns, version bits and the coded data, laid out once
    template = [list(row) for row in qr.modules]
    positions = tuple(qr.dataPosIterator())
    bits = [bool(b) for b in qr.dataBitIterator(qr.dataCache)]
    bits += [False] * (len(positions) - len(bits))
    best: tuple[int, list[list[bool]]] | None = None
    for mask in range(8):
        qr.modules = [row[:] for row in template]
        qr.setupTypeInfo(False, mask)
        modules = qr.modules
        for (col, row), dark in zip(positions, map(operator.xor, bits,
                                                    _mask_bits(qr.version, mask, positions))):
            modules[row][col] = dark
        score = _penalty(modules)
        if best is None or score < best[0]:
            best = (score, modules)
    assert best is not None
    return [[bool(m) for m in row] for row in best[1]]


@functools.lru_cache(maxsize=64)
def _mask_bits(version: int, mask: int, positions: tuple) -> list[bool]:
    """Whether `mask` flips each data module of a code of this version, in placement order."""
    flip = qrencoder.QRUtil.getMask(mask)
    return [bool(flip(row, col)) for col, row in positions]


_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = re.compile(r"(?=10111010000|00001011101)")


def _penalty(modules: list[list[bool | None]]) -> int:
    """ISO/IEC 18004 mask penalty: long runs, 2x2 blocks, finder look-alikes, dark balance."""
    rows = ["".join("1" if m else "0" for m in row) for row in modules]
    cols = ["".join(col) for col in zip(*rows)]
    score = 0
    for line in itertools.chain(rows, cols):
        score += sum(len(m) - 2 for m in _RUN.findall(line))
        score += 40 * len(_FINDER.findall(line))
    n = len(rows)
    full = (1 << n) - 1
    ints = [int(r, 2) for r in rows]
    for a, b in itertools.pairwise(ints):
        same_v = ~(a ^ b) & full  # the two rows agree in this column
        same_h = ~(a ^ (a >> 1)) & (full >> 1)  # neighbouring columns agree in the upper row
        score += 3 * (same_v & (same_v >> 1) & same_h).bit_count()
    dark = sum(i.bit_count() for i in ints)
    score += 10 * (abs(dark * 100 // (n * n) - 50) // 5)
    return score


class QrSeal(Flowable):
    """The QR code `size` points square (quiet zone included), drawn as one filled path: one
    rectangle per run of dark modules in a row, instead of a validated shape per module."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.matrix = qr_matrix(payload)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        n = len(self.matrix)
        box = self.size / (n + 2 * QUIET_ZONE)
        canvas = self.canv
        path = canvas.beginPath()
        for r, row in enumerate(self.matrix):
            y = self.size - (r + QUIET_ZONE + 1) * box
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    path.rect((c + QUIET_ZONE) * box, y, count * box, box)
                c += count
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
