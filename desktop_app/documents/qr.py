"""The paper's QR code drawn for ReportLab: laid out once, the best mask chosen on row integers,
and drawn as one filled path of PDF operators in module units.

Imports reportlab only (its QR encoder for the data coding and the code's geometry).
"""

from __future__ import annotations

import functools
import itertools
import re

from reportlab.graphics.barcode import qrencoder
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code's modules (level M, UTF-8 bytes), True for dark, without the quiet zone.

    ReportLab lays the code out and scores it again for each of the 8 masks with slow generic
    routines; here it is laid out once, each mask is applied to whole rows as integers and scored
    by the four penalty rules of the standard, and the best mask is kept.
    """
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.version = qr.calculate_version()
    n = qr.version * 4 + 17
    template, positions, flips, type_bits = _geometry(qr.version)
    # rows as integers (column 0 the highest bit): function patterns, then the data unmasked
    plain = list(template)
    for i, byte in enumerate(_codewords(qr)):
        for k in range(8):
            if byte & (0x80 >> k):
                col, row = positions[8 * i + k]
                plain[row] |= 1 << (n - 1 - col)
    best: tuple[int, list[int]] | None = None
    for mask in range(8):
        rows = [(r ^ f) | t for r, f, t in zip(plain, flips[mask], type_bits[mask])]
        score = _penalty(rows, n)
        if best is None or score < best[0]:
            best = (score, rows)
    assert best is not None
    return [[c == "1" for c in format(r, f"0{n}b")] for r in best[1]]


@functools.lru_cache(maxsize=16)
def _geometry(version: int) -> tuple[list[int], list[tuple[int, int]], list[list[int]],
                                     list[list[int]]]:
    """For a code of this version, as row integers: the function patterns (finders, timing,
    alignment, version information), where each data bit goes, the data modules each mask flips,
    and the type information each mask writes."""
    qr = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
    n = version * 4 + 17
    blocks = qrencoder.QRRSBlock.getRSBlocks(version, qr.errorCorrectLevel)
    qr.dataCache = [0] * sum(b.totalCount for b in blocks)
    qr.makeImpl(False, 0)  # all-zero data: what remains are the patterns and mask 0's flips
    positions = list(qr.dataPosIterator())

    def as_ints(matrix: list[list]) -> list[int]:
        return [int("".join("1" if m else "0" for m in row), 2) for row in matrix]

    laid_out = as_ints(qr.modules)
    flips = []
    for mask in range(8):
        flip = qrencoder.QRUtil.getMask(mask)
        rows = [0] * n
        for col, row in positions:
            if flip(row, col):
                rows[row] |= 1 << (n - 1 - col)
        flips.append(rows)
    qr.modules = [[None] * n for _ in range(n)]
    qr.setupTypeInfo(False, 0)
    type_cells = as_ints([[m is not None for m in row] for row in qr.modules])
    template = [(r ^ f) & ~t for r, f, t in zip(laid_out, flips[0], type_cells)]
    type_bits = []
    for mask in range(8):
        qr.modules = [[False] * n for _ in range(n)]
        qr.setupTypeInfo(False, mask)
        type_bits.append(as_ints(qr.modules))
    return template, positions, flips, type_bits


def _codewords(qr: qrencoder.QRCode) -> list[int]:
    """The data and error-correction codewords, interleaved: ReportLab's createData with the
    Reed-Solomon division done on log/antilog tables instead of polynomial objects."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(qr.version, qr.errorCorrectLevel)
    buffer = qrencoder.QRBitBuffer()
    for data in qr.dataList:
        data.write(buffer, qr.version)
    capacity = sum(b.dataCount for b in blocks) * 8
    if buffer.getLengthInBits() > capacity:
        raise ValueError("too many facts for one QR code")
    if buffer.getLengthInBits() + 4 <= capacity:
        buffer.put(0, 4)
    while buffer.getLengthInBits() % 8:
        buffer.putBit(False)
    pads = itertools.cycle((qrencoder.QRCode.PAD0, qrencoder.QRCode.PAD1))
    while buffer.getLengthInBits() < capacity:
        buffer.put(next(pads), 8)
    data_blocks, ec_blocks, offset = [], [], 0
    for b in blocks:
        chunk = buffer.buffer[offset:offset + b.dataCount]
        offset += b.dataCount
        data_blocks.append(chunk)
        ec_blocks.append(_rs_remainder(chunk, b.totalCount - b.dataCount))
    return [d for group in (data_blocks, ec_blocks)
            for column in itertools.zip_longest(*group) for d in column if d is not None]


_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i], _LOG[_x] = _x, _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


@functools.cache
def _generator_logs(ec_count: int) -> tuple[int, ...]:
    """log of each coefficient (after the leading 1) of the code's generator polynomial."""
    poly = [1]
    for i in range(ec_count):
        nxt = [0] * (len(poly) + 1)
        for j, c in enumerate(poly):
            nxt[j] ^= c
            if c:
                nxt[j + 1] ^= _EXP[_LOG[c] + i]
        poly = nxt
    return tuple(_LOG[c] for c in poly[1:])


def _rs_remainder(data: list[int], ec_count: int) -> list[int]:
    gen = _generator_logs(ec_count)
    rem = [0] * ec_count
    for byte in data:
        factor = byte ^ rem.pop(0)
        rem.append(0)
        if factor:
            lf = _LOG[factor]
            rem = [r ^ _EXP[g + lf] for r, g in zip(rem, gen)]
    return rem


_RUN = re.compile(r"0{5,}|1{5,}")


def _penalty(ints: list[int], n: int) -> int:
    """ISO/IEC 18004 mask penalty: long runs, 2x2 blocks, finder look-alikes, dark balance."""
    rows = [format(r, f"0{n}b") for r in ints]
    cols = ["".join(col) for col in zip(*rows)]
    text = "|".join(rows) + "|" + "|".join(cols)  # "|" ends a run and a pattern at each edge
    # neither finder look-alike overlaps itself, so plain counting finds every one
    score = sum(len(m) - 2 for m in _RUN.findall(text))
    score += 40 * (text.count("10111010000") + text.count("00001011101"))
    full = (1 << n) - 1
    for a, b in itertools.pairwise(ints):
        same_v = ~(a ^ b) & full  # the two rows agree in this column
        same_h = ~(a ^ (a >> 1)) & (full >> 1)  # neighbouring columns agree in the upper row
        score += 3 * (same_v & (same_v >> 1) & same_h).bit_count()
    dark = sum(i.bit_count() for i in ints)
    score += 10 * (abs(dark * 100 // (n * n) - 50) // 5)
    return score


_BITS = bytes.maketrans(b"\x00\x01", b"01")


class QrSeal(Flowable):
    """The QR code `size` points square (quiet zone included), drawn as one filled path in module
    units: one rectangle per run of dark modules in a row, written as PDF operators with small
    integer coordinates, instead of a validated shape per module."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.matrix = qr_matrix(payload)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.size, self.size

    def path_operators(self) -> str:
        n = len(self.matrix)
        ops = []
        for r, row in enumerate(self.matrix):
            y = n - 1 - r + QUIET_ZONE
            c = QUIET_ZONE
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    ops.append(f"{c} {y} {count} 1 re")
                c += count
        return "\n".join(ops) + "\nf"

    def draw(self) -> None:
        box = self.size / (len(self.matrix) + 2 * QUIET_ZONE)
        canvas = self.canv
        canvas.saveState()
        canvas.transform(box, 0, 0, box, 0, 0)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.addLiteral(self.path_operators())
        canvas.restoreState()
