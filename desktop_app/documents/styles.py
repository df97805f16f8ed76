"""The paper's page geometry and its one style sheet (Liberation Serif, body 12 pt), and `para`,
the Paragraph of plain text every paper uses. Part of the one layout system (documents.layout).

Imports reportlab and documents.fonts only.
"""

from __future__ import annotations

import re

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from desktop_app.documents import fonts
from desktop_app.documents.fonts import markup

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 10 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
BODY_SIZE = 12
SMALL_SIZE = 9


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle(
        "body",
        fontName=fonts.FAMILY,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.25,
        alignment=TA_JUSTIFY,
        spaceAfter=4,
    )
    return {
        "body": base,
        "indent": ParagraphStyle("indent", parent=base, firstLineIndent=12.5 * mm),
        "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "office": ParagraphStyle(
            "office",
            parent=base,
            fontName="Serif-Bold",
            fontSize=11,
            leading=13.5,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
        "office_small": ParagraphStyle(
            "office_small",
            parent=base,
            fontSize=SMALL_SIZE,
            leading=11,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName="Serif-Bold",
            fontSize=14,
            leading=17,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, spaceAfter=4),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName="Serif-Bold",
            alignment=TA_LEFT,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "addressee": ParagraphStyle(
            "addressee", parent=base, alignment=TA_LEFT, leftIndent=FRAME_WIDTH * 0.5, spaceAfter=0
        ),
        "cell": ParagraphStyle(
            "cell", parent=base, fontSize=10, leading=12, alignment=TA_LEFT, spaceAfter=0
        ),
        "cell_center": ParagraphStyle(
            "cell_center", parent=base, fontSize=10, leading=12, alignment=TA_CENTER, spaceAfter=0
        ),
        "field": ParagraphStyle("field", parent=base, alignment=TA_LEFT, spaceAfter=0),
        "cell_head": ParagraphStyle(
            "cell_head",
            parent=base,
            fontName="Serif-Bold",
            fontSize=10,
            leading=12,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
        "small": ParagraphStyle(
            "small", parent=base, fontSize=SMALL_SIZE, leading=11, alignment=TA_LEFT, spaceAfter=0
        ),
        "small_center": ParagraphStyle(
            "small_center",
            parent=base,
            fontSize=SMALL_SIZE,
            leading=11,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
    }


_STYLES: dict[str, ParagraphStyle] | None = None


def style(name: str) -> ParagraphStyle:
    """A style of the one sheet: body, indent, left, right, center, title, heading, cell ..."""
    global _STYLES
    if _STYLES is None:
        _STYLES = _styles()
    return _STYLES[name]


_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def _tidy(text: str) -> str:
    # A sentence ending in a long date ("7 мая 2025 г.") would print "г..".
    return _DOUBLE_STOP.sub(".", text) if ".." in text else text


tidy = _tidy


class CellParagraph(Paragraph):
    """A table cell's Paragraph: a Table measures its cells again on every split of a long
    register, and the lines broken for a width are kept instead of broken again."""

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._wrapped_for != availWidth:
            super().wrap(availWidth, availHeight)
            self._wrapped_for = availWidth
        return self.width, self.height


def para(
    text: str, style_name: str = "body", *, bold: bool = False, italic: bool = False,
    kind: type[Paragraph] = Paragraph,
) -> Paragraph:
    """A Paragraph of plain text (escaped here); newlines become line breaks."""
    body = "<br/>".join(markup(_tidy(line)) for line in text.split("\n"))
    if bold:
        body = f"<b>{body}</b>"
    if italic:
        body = f"<i>{body}</i>"
    return kind(body, style(style_name))


def fitted_para(text: str, style_name: str, width: float, *, min_size: float = 6) -> Paragraph:
    """Like `para`, but a word wider than `width` (a registration number in a narrow column) is
    set in a smaller size so that it fits on one line instead of being split mid-string."""
    st = style(style_name)
    lines = []
    for line in text.split("\n"):
        words = []
        for word in _tidy(line).split(" "):
            wide = stringWidth(word, st.fontName, st.fontSize) if word else 0.0
            if wide > width > 0:
                size = max(min_size, st.fontSize * width / wide * 0.98)
                words.append(f'<font size="{size:.2f}">{markup(word)}</font>')
            else:
                words.append(markup(word))
        lines.append(" ".join(words))
    return Paragraph("<br/>".join(lines), st)
