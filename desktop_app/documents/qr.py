"""The paper's QR code drawn for ReportLab: laid out once, the best mask chosen on row integers,
and drawn as one filled path of PDF operators in module units.

Imports reportlab only (its QR encoder for the data coding and the code's geometry).
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_rows(payload: str) -> list[str]:
    """The QR code's rows of modules, "1" for dark, without the quiet zone.

    ReportLab lays the code out and scores it again for each of the 8 masks with slow generic
    routines; here the data bits are put in place by one precomputed permutation, the whole code
    is one integer (and its transpose another, for the columns), each mask is an XOR and each of
    the standard's four penalty rules a few shifts and bit counts. The best mask is kept.
    """
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.version = qr.calculate_version()
    n = qr.version * 4 + 17
    code = _geometry(qr.version)
    bits = "".join(f"{byte:08b}" for byte in _codewords(qr)) + "0"
    rows = code.template | int("".join(code.rows_from(bits)), 2)
    cols = code.template_t | int("".join(code.cols_from(bits)), 2)
    masked = [((rows ^ code.flips[m]) | code.types[m], (cols ^ code.flips_t[m]) | code.types_t[m])
              for m in range(8)]
    best = min(range(8), key=lambda m: (code.penalty(*masked[m]), m))
    grid = format(masked[best][0], f"0{n * (n + 1)}b")
    return [grid[r * (n + 1):r * (n + 1) + n] for r in range(n)]


class _Code:
    """A code of one version as integers: the n rows one after another, each followed by a light
    guard module that ends runs and patterns at the edge, column 0 the highest bit of its row.
    The same for the transpose, whose rows are the code's columns."""

    def __init__(self, version: int) -> None:
        qr = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
        n = self.n = version * 4 + 17
        blocks = qrencoder.QRRSBlock.getRSBlocks(version, qr.errorCorrectLevel)
        data_bits = 8 * sum(b.totalCount for b in blocks)
        qr.dataCache = [0] * (data_bits // 8)
        qr.makeImpl(False, 0)  # all-zero data: what remains are the patterns and mask 0's flips
        positions = list(qr.dataPosIterator())
        laid_out = [list(row) for row in qr.modules]
        # where each module of the grid takes its data bit from (the last bit: light, unused)
        source = [[data_bits] * n for _ in range(n)]
        for i, (col, row) in enumerate(positions[:data_bits]):
            source[row][col] = i
        self.rows_from = operator.itemgetter(*_grid(source, data_bits))
        self.cols_from = operator.itemgetter(*_grid(_transposed(source), data_bits))
        flips = []
        for mask in range(8):
            flip = qrencoder.QRUtil.getMask(mask)
            cells = [[False] * n for _ in range(n)]
            for col, row in positions:
                cells[row][col] = bool(flip(row, col))
            flips.append(cells)
        qr.modules = [[None] * n for _ in range(n)]
        qr.setupTypeInfo(False, 0)
        type_cells = [[m is not None for m in row] for row in qr.modules]
        template = [[bool(a) != b and not t for a, b, t in zip(r1, r2, r3)]
                    for r1, r2, r3 in zip(laid_out, flips[0], type_cells)]
        types = []
        for mask in range(8):
            qr.modules = [[False] * n for _ in range(n)]
            qr.setupTypeInfo(False, mask)
            types.append([[bool(m) for m in row] for row in qr.modules])
        self.template, self.template_t = self._ints(template)
        self.flips, self.flips_t = zip(*(self._ints(f) for f in flips))
        self.types, self.types_t = zip(*(self._ints(t) for t in types))
        s = n + 1

        def at(offsets: range, rows: range = range(n)) -> int:
            return sum(1 << (r * s + k) for r in rows for k in offsets)

        self.pairs = at(range(1, n))  # a module and the one to its right, both in the row
        self.elevens = at(range(1, n - 9))  # the last module of 11 in a row
        self.under = at(range(1, n + 1), range(n - 1))  # every row but the top one

    def _ints(self, cells: list[list[bool]]) -> tuple[int, int]:
        as_text = [["1" if c else "0" for c in row] for row in cells]
        return (int("".join(_grid(as_text, "0")), 2),
                int("".join(_grid(_transposed(as_text), "0")), 2))

    def penalty(self, rows: int, cols: int) -> int:
        """ISO/IEC 18004 mask penalty: long runs, 2x2 blocks, finder look-alikes, dark balance."""
        score = 0
        for code in (rows, cols):
            same = ~(code ^ (code >> 1)) & self.pairs  # a module as its right-hand neighbour
            fives = same & (same >> 1) & (same >> 2) & (same >> 3)  # five alike from here
            # a run of k >= 5 scores k - 2: its k - 4 windows of five, plus 2 at its end
            score += fives.bit_count() + 2 * (fives & ~(fives << 1)).bit_count()
            inverse = ~code
            for pattern in _FINDER_LOOKALIKES:
                found = self.elevens
                for shift, dark in enumerate(pattern):
                    found &= (code if dark else inverse) >> shift
                score += 40 * found.bit_count()
        n, s = self.n, self.n + 1
        same = ~(rows ^ (rows >> 1)) & self.pairs
        above = ~(rows ^ (rows >> s)) & self.under  # a module as the one above it
        score += 3 * (above & (above >> 1) & same).bit_count()
        dark_share = rows.bit_count() * 100 // (n * n)
        score += 10 * (abs(dark_share - 50) // 5)
        return score


# 1:1:3:1:1 with four light modules on either side, lowest bit (the rightmost module) first
_FINDER_LOOKALIKES = tuple(tuple(c == "1" for c in reversed(p))
                           for p in ("10111010000", "00001011101"))


def _grid(cells: list[list[Any]], guard: Any) -> list[Any]:
    """The cells row by row, each row followed by the guard."""
    return [x for row in cells for x in (*row, guard)]


def _transposed(cells: list[list[Any]]) -> list[list[Any]]:
    return [list(col) for col in zip(*cells)]


_geometry = functools.lru_cache(maxsize=16)(_Code)


class _Bits:
    """ReportLab's QRBitBuffer, one integer instead of a bit at a time."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = (self.value << length) | (num & ((1 << length) - 1))
        self.length += length

    def putBit(self, bit: bool) -> None:  # noqa: N802 (ReportLab's name)
        self.put(int(bit), 1)

    def getLengthInBits(self) -> int:  # noqa: N802 (ReportLab's name)
        return self.length

    @property
    def buffer(self) -> list[int]:
        pad = -self.length % 8
        return list((self.value << pad).to_bytes((self.length + pad) // 8, "big"))


def _codewords(qr: qrencoder.QRCode) -> list[int]:
    """The data and error-correction codewords, interleaved: ReportLab's createData with the
    Reed-Solomon division done on log/antilog tables instead of polynomial objects."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(qr.version, qr.errorCorrectLevel)
    buffer = _Bits()
    for data in qr.dataList:
        data.write(buffer, qr.version)
    capacity = sum(b.dataCount for b in blocks) * 8
    if buffer.getLengthInBits() > capacity:
        raise ValueError("too many facts for one QR code")
    if buffer.getLengthInBits() + 4 <= capacity:
        buffer.put(0, 4)
    buffer.put(0, -buffer.getLengthInBits() % 8)
    pads = itertools.cycle((qrencoder.QRCode.PAD0, qrencoder.QRCode.PAD1))
    while buffer.getLengthInBits() < capacity:
        buffer.put(next(pads), 8)
    codewords = buffer.buffer
    data_blocks, ec_blocks, offset = [], [], 0
    for b in blocks:
        chunk = codewords[offset:offset + b.dataCount]
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


_DARK_RUN = re.compile("1+")


class QrSeal(Flowable):
    """The QR code `size` points square (quiet zone included), drawn as one filled path in module
    units: one rectangle per run of dark modules in a row, written as PDF operators with small
    integer coordinates, instead of a validated shape per module."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.rows = qr_rows(payload)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.size, self.size

    def path_operators(self) -> str:
        n = len(self.rows)
        ops = [f"{QUIET_ZONE + run.start()} {n - 1 - r + QUIET_ZONE} {len(run.group())} 1 re"
               for r, row in enumerate(self.rows) for run in _DARK_RUN.finditer(row)]
        return "\n".join(ops) + "\nf"

    def draw(self) -> None:
        box = self.size / (len(self.rows) + 2 * QUIET_ZONE)
        canvas = self.canv
        canvas.saveState()
        canvas.transform(box, 0, 0, box, 0, 0)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.addLiteral(self.path_operators())
        canvas.restoreState()
