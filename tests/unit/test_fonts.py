"""The shipped fonts cover Kazakh and Russian letters; the fallback face covers the tenge sign."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desktop_app.documents import fonts

KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
CYRILLIC = "".join(chr(c) for c in range(ord("А"), ord("я") + 1)) + "Ёё"


@pytest.mark.parametrize("face", ["Serif", "Serif-Bold", "Serif-Italic", "Serif-BoldItalic"])
def test_liberation_serif_covers_kazakh_and_russian(face: str) -> None:
    path = fonts.font_path(face)
    assert path.is_file() and path.name.startswith("LiberationSerif")
    assert fonts.covers(path, KAZAKH) == set()
    assert fonts.covers(path, CYRILLIC + "№«»—") == set()


def test_tenge_sign_is_covered_by_the_shipped_fonts() -> None:
    # Liberation Serif 2.1.5 has no U+20B8; the shipped fallback face does, and markup() uses it.
    missing = fonts.covers(fonts.font_path("Serif"), "₸")
    for face in ("SerifFallback", "SerifFallback-Bold"):
        assert fonts.covers(fonts.font_path(face), "".join(missing)) == set()
    assert 'face="SerifFallback"' in fonts.markup("1 000 ₸") or not missing


def test_covers_reports_missing_characters() -> None:
    assert fonts.covers(fonts.font_path("Serif"), "a\u4e2d b") == {"\u4e2d"}


def test_markup_escapes_and_keeps_covered_text() -> None:
    assert fonts.markup("Қ & <б>") == "Қ &amp; &lt;б&gt;"


def test_licences_are_shipped() -> None:
    root = fonts.font_path("Serif").parent
    ofl = (root / "LICENSE-LiberationSerif.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl and "Red Hat" in ofl
    assert "Bitstream" in (root / "LICENSE-DejaVuSerif.txt").read_text(encoding="utf-8")


def test_register_is_idempotent() -> None:
    fonts.register()
    fonts.register()
    from reportlab.pdfbase import pdfmetrics

    assert pdfmetrics.getFont("Serif").face.name.startswith(b"LiberationSerif")


def _fonts_of(pdf: bytes) -> dict[str, tuple[bytes, str]]:
    """Each embedded font of a PDF: its program's bytes and what its ToUnicode map says."""
    out = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            program = font["/FontDescriptor"]["/FontFile2"].get_data()
            out[font["/BaseFont"]] = (program, font["/ToUnicode"].get_data().decode())
    return out


def _pdf(text: str, *, compress: int = 1) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    fonts.register()
    buf = io.BytesIO()
    canvas = Canvas(buf, pageCompression=compress, invariant=True, initialFontName="Serif")
    canvas.setFont("Serif", 12)
    canvas.drawString(40, 700, text)
    canvas.setFont("Serif-Bold", 12)
    canvas.drawString(40, 680, text.upper())
    canvas.save()
    return buf.getvalue()


@pytest.mark.parametrize("compress", [1, 0])
def test_every_paper_embeds_the_same_first_subset_and_adds_what_it_lacks(compress: int) -> None:
    first = _pdf("Өтегенова Әйгерім, № 12 «Көксу» — 2026\u202fж.", compress=compress)
    # a letter outside the fixed subset (é, ß) goes into a subset of that paper's own
    second = _pdf("Иванов Пётр, Café Straße № 7", compress=compress)
    a, b = _fonts_of(first), _fonts_of(second)
    assert a["/AAAAAA+LiberationSerif"] == b["/AAAAAA+LiberationSerif"]
    assert a["/AAAAAA+LiberationSerif-Bold"] == b["/AAAAAA+LiberationSerif-Bold"]
    assert "/AAAAAB+LiberationSerif" in b and "/AAAAAB+LiberationSerif" not in a
    assert len(a["/AAAAAA+LiberationSerif"][0]) > 20_000  # a whole program, not a stub
    text = PdfReader(io.BytesIO(second)).pages[0].extract_text()
    assert "Иванов Пётр, Café Straße № 7" in text and "ИВАНОВ ПЁТР, CAFÉ STRASSE № 7" in text
    first_text = PdfReader(io.BytesIO(first)).pages[0].extract_text()
    assert "Өтегенова Әйгерім, № 12 «Көксу» — 2026" in first_text
