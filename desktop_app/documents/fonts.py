"""The fonts every paper uses: Liberation Serif as family "Serif", embedded, with a fallback face.

Imports reportlab and paths only. Liberation Serif 2.1.5 lacks the tenge sign (U+20B8), so
`markup()` routes any glyph it lacks to DejaVu Serif ("SerifFallback") inside Paragraph text.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from desktop_app.documents.font_subset import FixedSubsetFont
from desktop_app.paths import resource

FAMILY = "Serif"
FALLBACK = "SerifFallback"

# name registered with ReportLab -> file in resources/fonts/
_FILES: dict[str, str] = {
    "Serif": "LiberationSerif-Regular.ttf",
    "Serif-Bold": "LiberationSerif-Bold.ttf",
    "Serif-Italic": "LiberationSerif-Italic.ttf",
    "Serif-BoldItalic": "LiberationSerif-BoldItalic.ttf",
    "SerifFallback": "DejaVuSerif.ttf",
    "SerifFallback-Bold": "DejaVuSerif-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


@cache
def font_path(name: str = FAMILY) -> Path:
    """The shipped file of a registered face, e.g. font_path("Serif-Bold"); resolved once."""
    return resource("fonts", _FILES[name])


def register() -> None:
    """Register the faces once (idempotent, thread-safe); every PDF embeds subsets of them."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, file in _FILES.items():
            path = str(resource("fonts", file))
            # the main faces' first subset is made once per process, not once per paper
            face = TTFont(name, path) if name.startswith(FALLBACK) else FixedSubsetFont(name, path)
            pdfmetrics.registerFont(face)
        # <b> and <i> inside Paragraph text pick the right face of each family.
        for family, bold, italic, bold_italic in (
            (FAMILY, "Serif-Bold", "Serif-Italic", "Serif-BoldItalic"),
            (FALLBACK, "SerifFallback-Bold", FALLBACK, "SerifFallback-Bold"),
        ):
            addMapping(family, 0, 0, family)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, italic)
            addMapping(family, 1, 1, bold_italic)
        _registered = True


@cache
def _cmap(font_file: str) -> frozenset[int]:
    return frozenset(TTFontFile(font_file).charToGlyph)


def covers(font_file: str | Path, text: str) -> set[str]:
    """The characters of `text` the font's cmap lacks (whitespace and controls ignored)."""
    cmap = _cmap(str(font_file))
    return {c for c in text if not c.isspace() and c.isprintable() and ord(c) not in cmap}


@cache
def _tables() -> tuple[frozenset[int], frozenset[int]]:
    """The cmaps of the main and the fallback face, looked up once per process."""
    return _cmap(str(font_path(FAMILY))), _cmap(str(font_path(FALLBACK)))


def lacking(text: str) -> bool:
    """Whether some glyph of `text` is missing from Liberation Serif (and needs the fallback)."""
    main = _tables()[0]
    return any(ord(c) not in main for c in set(text))


def markup(text: str) -> str:
    """Escape `text` for a Paragraph and send glyphs Liberation Serif lacks to the fallback face."""
    if not lacking(text):
        return escape(text)
    main, spare = _tables()
    out: list[str] = []
    for ch in text:
        piece = escape(ch)
        if ord(ch) not in main and ord(ch) in spare and not ch.isspace():
            piece = f'<font face="{FALLBACK}">{piece}</font>'
        out.append(piece)
    return "".join(out)
