"""The shipped fonts cover Kazakh and Russian letters; the fallback face covers the tenge sign."""

from __future__ import annotations

import pytest

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
