"""A TrueType face whose first subset is the same in every paper, laid out and compressed once.

ReportLab subsets a face afresh for each PDF: it numbers the characters in the order the paper
uses them, then cuts, writes and compresses a font program of those glyphs when the PDF is saved
(for a receipt's two faces, about a quarter of its time). Here the first subset of every paper holds
the same characters: ASCII, Russian and Kazakh Cyrillic and the punctuation of our papers. Its font
program, widths and ToUnicode map are made once per process and written into each PDF as they are.
A character outside it goes to further subsets, made per paper as ReportLab does.

Imports reportlab only. Relies on ReportLab's TTFont internals (per-document `State`, subsets of
256 codes, code 32 a space); tests render and extract the text of papers that use them.
"""

from __future__ import annotations

import threading
import zlib
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    makeToUnicodeCMap,
)

# Beyond ASCII (codes 32..126, where ReportLab's readable first subset keeps them): Russian and
# Kazakh letters, and the punctuation and signs our papers print.
_CYRILLIC = "".join(chr(c) for c in range(0x0410, 0x0450)) + "Ёё"
_KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
_SIGNS = "«»–—№‘’“”„…°§×·\u202f\u00a0"
FIXED = _CYRILLIC + _KAZAKH + _SIGNS

# the free codes of the first subset: 1..31 and 128..255 (0 is .notdef, 32..127 ASCII)
_FREE_CODES = [*range(1, 32), *range(128, 256)]


@dataclass(frozen=True)
class _Prepared:
    """The first subset of one face, ready to be written into any PDF."""

    subset: tuple[int, ...]                 # code -> character (0 for unused codes)
    assignments: dict[int, int]             # character -> code
    widths: tuple[int, ...]
    to_unicode: tuple[bytes, bytes]         # (plain, compressed)
    font_file: tuple[bytes, bytes, int]     # (plain, compressed, Length1)


class _States(WeakKeyDictionary):
    """ReportLab's per-document states of a face; a new document's state starts from the fixed
    first subset instead of an empty one."""

    def __init__(self, font: FixedSubsetFont) -> None:
        super().__init__()
        self._font = font

    def __getitem__(self, doc: Any) -> Any:
        try:
            return super().__getitem__(doc)
        except KeyError:
            state = self._font.fresh_state()
            self[doc] = state
            return state


class FixedSubsetFont(TTFont):
    """A TTFont whose subset 0 is the same in every PDF (see the module's docstring)."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename, asciiReadable=1)
        self.state = _States(self)
        self._lock = threading.Lock()
        self._prepared: _Prepared | None = None

    def fresh_state(self) -> Any:
        prepared = self.prepared()
        state = TTFont.State(1, self)
        state.subsets[0] = list(prepared.subset)
        state.assignments.update(prepared.assignments)
        state.nextCode = 256  # what a paper adds goes into subset 1 on
        return state

    def prepared(self) -> _Prepared:
        with self._lock:
            if self._prepared is None:
                self._prepared = self._prepare()
            return self._prepared

    def _prepare(self) -> _Prepared:
        face = self.face
        base = TTFont.State(1, self)  # code 0 .notdef, ASCII at its own codes
        subset = list(base.subsets[0]) + [0] * (256 - len(base.subsets[0]))
        assignments = dict(base.assignments)
        extra = [c for c in map(ord, dict.fromkeys(FIXED))
                 if c in face.charToGlyph and c not in assignments]
        if len(extra) > len(_FREE_CODES):
            raise ValueError(f"{self.fontName}: the fixed subset has more characters than codes")
        for code, char in zip(_FREE_CODES, extra):
            subset[code] = char
            assignments[char] = code
        program = face.makeSubset(subset)
        name = self._base_font_name(0)
        cmap = makeToUnicodeCMap(name, subset).encode("utf-8")
        return _Prepared(
            subset=tuple(subset), assignments=assignments,
            widths=tuple(face.getCharWidth(c) for c in subset),
            to_unicode=(cmap, zlib.compress(cmap)),
            font_file=(program, zlib.compress(program), len(program)),
        )

    def _base_font_name(self, n: int) -> str:
        return b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode(
            "pdfdoc")

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (ReportLab's name)
        """ReportLab's TTFont.addObjects, with subset 0 written from what was prepared."""
        state = self.state[doc]
        state.frozen = 1
        prepared = self.prepared()
        for n, subset in enumerate(state.subsets):
            if n == 0 and tuple(subset) == prepared.subset:
                self._add_subset(doc, n, subset, prepared)
            else:
                self._add_subset(doc, n, subset, None)
        del self.state[doc]

    def _add_subset(self, doc: Any, n: int, subset: list[int], prepared: _Prepared | None) -> None:
        internal_name = self.getSubsetInternalName(n, doc)[1:]
        base_name = self._base_font_name(n)
        font = pdfdoc.PDFTrueTypeFont()
        font.__Comment__ = f"Font {self.fontName} subset {n}"
        font.Name = internal_name
        font.BaseFont = base_name
        font.FirstChar = 0
        font.LastChar = len(subset) - 1
        widths = prepared.widths if prepared else [self.face.getCharWidth(c) for c in subset]
        font.Widths = pdfdoc.PDFArray(list(widths))
        if prepared:
            cmap = _stream(doc, *prepared.to_unicode)
            program, packed, length1 = prepared.font_file
            font_file = _stream(doc, program, packed)
            font_file.dictionary["Length1"] = length1
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            font.FontDescriptor = self._descriptor(doc, base_name, font_file)
        else:
            cmap = pdfdoc.PDFStream()
            cmap.content = makeToUnicodeCMap(base_name, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
        doc.Reference(font, internal_name)
        doc.idToObject["BasicFonts"].dict[internal_name] = font

    def _descriptor(self, doc: Any, base_name: str, font_file: Any) -> Any:
        """ReportLab's TTFontFace.addSubsetObjects, for a font program already made."""
        face = self.face
        ref = doc.Reference(font_file, f"fontFile:{face.filename}({base_name})")
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": flags,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(base_name),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": ref,
            "MissingWidth": face.defaultWidth,
        })
        return doc.Reference(descriptor, "fontDescriptor:" + base_name)


def _stream(doc: Any, plain: bytes, packed: bytes) -> Any:
    """A stream with its content already encoded (compressed when the document compresses)."""
    stream = pdfdoc.PDFStream()
    if doc.compression:
        stream.content = packed
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    else:
        stream.content = plain
    return stream
