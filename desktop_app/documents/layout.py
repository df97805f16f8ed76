"""The one layout every printed paper uses: A4 letterhead, title, body, signature, "page x of y".

Imports reportlab, i18n, domain and documents.fonts only. A paper is a `Paper` (data plus body
flowables); `render(paper)` returns the PDF bytes. Text passed to helpers is plain text and is
escaped here; use `fonts.markup()` when building markup by hand.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.documents import fonts
from desktop_app.documents.fonts import markup
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 10 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
BODY_SIZE = 12
SMALL_SIZE = 9


@dataclass(frozen=True)
class Signature:
    """Who signs: position and name printed either side of the signature line, with "М.О."."""

    position: str
    name: str
    stamp: bool = True  # print the place for the seal (М.О. / М.П.)


@dataclass
class Paper:
    """One printed paper. `translator` is the paper's language, independent of the interface."""

    office: Office
    translator: Translator
    title: str
    reg_no: str
    date: dt.date
    addressee: Sequence[str] | str | None = None
    body: list[Flowable] = field(default_factory=list)
    signature: Signature | None = None
    subtitle: str = ""


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
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, spaceAfter=8),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName="Serif-Bold",
            alignment=TA_LEFT,
            spaceBefore=8,
            spaceAfter=4,
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
    return _DOUBLE_STOP.sub(".", text)


def para(
    text: str, style_name: str = "body", *, bold: bool = False, italic: bool = False
) -> Paragraph:
    """A Paragraph of plain text (escaped here); newlines become line breaks."""
    body = "<br/>".join(markup(_tidy(line)) for line in text.split("\n"))
    if bold:
        body = f"<b>{body}</b>"
    if italic:
        body = f"<i>{body}</i>"
    return Paragraph(body, style(style_name))


def field_table(rows: Sequence[tuple[str, str]], label_width: float = 62 * mm) -> Table:
    """Label / value pairs without a grid (receipt fields)."""
    data = [[para(label, "field", bold=True), para(value, "field")] for label, value in rows]
    tbl = Table(data, colWidths=[label_width, FRAME_WIDTH - label_width], hAlign="LEFT")
    tbl.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return tbl


def grid_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> Table:
    """A ruled table whose header row repeats on every page; the first column (No.) is centred.
    `widths` are fractions of the frame width (summing to 1) or points."""
    total = sum(widths)
    col_widths = [w / total * FRAME_WIDTH for w in widths] if total <= 1.001 else list(widths)
    data: list[list[Any]] = [[para(h, "cell_head") for h in header]]
    data += [
        [para(str(v), "cell_center" if i == 0 else "cell") for i, v in enumerate(row)]
        for row in rows
    ]
    tbl = Table(data, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    tbl.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, BODY_SIZE),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return tbl


def _header(paper: Paper) -> list[Flowable]:
    o, t = paper.office, paper.translator
    cells = []
    for lang in ("kk", "ru"):
        parts: list[Flowable] = [para(o.name.get(lang, ""), "office")]
        if o.district.get(lang):
            parts.append(para(o.district[lang], "office_small"))
        phone = f"тел. {o.phone}" if o.phone else ""  # the same abbreviation in kk and ru
        contact = ", ".join(p for p in (o.address.get(lang, ""), phone) if p)
        if contact:
            parts.append(para(contact, "office_small"))
        cells.append(parts)
    head = Table([cells], colWidths=[FRAME_WIDTH / 2] * 2)
    head.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
            ]
        )
    )
    number = t.gettext(N_("No. {reg_no}")).format(reg_no=paper.reg_no or "______")
    reg = Table(
        [[para(t.long_date(paper.date), "left"), para(number, "right")]],
        colWidths=[FRAME_WIDTH / 2] * 2,
    )
    reg.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, BODY_SIZE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [head, reg, Spacer(1, 6)]


def _addressee(value: Sequence[str] | str) -> list[Flowable]:
    lines = [value] if isinstance(value, str) else list(value)
    return [para(line, "addressee") for line in lines] + [Spacer(1, 10)]


def signature_block(sig: Signature, t: Translator) -> Flowable:
    """Position | signature line | name, and the place for the seal under the position."""
    w = FRAME_WIDTH
    rows: list[list[Any]] = [
        [para(sig.position, "left"), para("_______________", "center"), para(sig.name, "right")],
        ["", para(t.gettext(N_("(signature)")), "small_center"), ""],
    ]
    if sig.stamp:
        rows.append([para(t.gettext(N_("L.S.")), "left", bold=True), "", ""])
    tbl = Table(rows, colWidths=[w * 0.42, w * 0.26, w * 0.32])
    tbl.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 2), (-1, 2), 8),
            ]
        )
    )
    return tbl


def _canvas_class(paper: Paper) -> type[Canvas]:
    """A canvas that holds its pages until the end, then stamps "page x of y" on each (two-pass)."""
    t = paper.translator
    footer_text = t.gettext(N_("Page {page} of {pages}"))
    running = t.gettext(N_("No. {reg_no}")).format(reg_no=paper.reg_no) if paper.reg_no else ""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # ReportLab's default Helvetica would land in the PDF unembedded: start in Serif.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.FAMILY
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            page = self.getPageNumber()
            self.saveState()
            self.setFont(fonts.FAMILY, SMALL_SIZE)
            self.drawCentredString(
                MARGIN_LEFT + FRAME_WIDTH / 2, 10 * mm, footer_text.format(page=page, pages=total)
            )
            if page > 1 and running:
                self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, PAGE_HEIGHT - 12 * mm, running)
            self.restoreState()

    return NumberedCanvas


def story(paper: Paper) -> list[Flowable]:
    """The paper's flowables in order: header, addressee, title, body, signature."""
    out = _header(paper)
    if paper.addressee:
        out += _addressee(paper.addressee)
    out.append(para(paper.title, "title"))
    if paper.subtitle:
        out.append(para(paper.subtitle, "subtitle"))
    else:
        out.append(Spacer(1, 8))
    out += paper.body
    if paper.signature is not None:
        # Never leave the signature alone on the last page: keep it with the last body flowable.
        tail: list[Flowable] = [Spacer(1, 18), signature_block(paper.signature, paper.translator)]
        if paper.body and not isinstance(paper.body[-1], Table):
            out[-1:] = [KeepTogether([out[-1], *tail])]
        else:
            out.append(KeepTogether(tail))
    return out


def render(paper: Paper) -> bytes:
    """The paper as PDF bytes (fonts embedded; output is byte-for-byte reproducible)."""
    fonts.register()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=paper.title,
        author=paper.translator.text(paper.office.name),
        subject=paper.reg_no,
        creator="Akimat Desk",
        invariant=True,
        initialFontName=fonts.FAMILY,
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="paper", frames=[frame])])
    doc.build(story(paper), canvasmaker=_canvas_class(paper))
    return buf.getvalue()
