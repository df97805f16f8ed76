"""Tables of the one layout system: label / value fields (receipts) and ruled registers whose
header repeats on every page. Cells that set on plain lines in the main face are plain strings the
table draws itself; long registers are laid out a page at a time.

Imports reportlab and documents (fonts, styles) only; re-exported by documents.layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from desktop_app.documents import fonts
from desktop_app.documents.styles import (
    BODY_SIZE,
    FRAME_WIDTH,
    CellParagraph,
    fitted_para,
    para,
    style,
    tidy,
)

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


class _Sized(Flowable):
    """A table built for the width it is given: full frame, or one column of a bilingual paper."""

    def _table(self, width: float) -> Table:
        raise NotImplementedError

    _built: Table | None = None
    _built_width: float | None = None

    def _table_for(self, width: float) -> Table:
        # wrap and split ask for the same width in turn: a long register is built once, not twice
        if self._built is None or self._built_width != width:
            self._built, self._built_width = self._table(width), width
        return self._built

    def _wrapped(self) -> Table:
        """The table built by the last wrap (reportlab always wraps a flowable before drawing)."""
        if self._built is None:
            raise RuntimeError("a table flowable was drawn or split before it was wrapped")
        return self._built

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self._table_for(aw).wrap(aw, ah)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return self._table_for(aw).split(aw, ah)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        self._wrapped().drawOn(canvas, x, y, _sW)


class FieldTable(_Sized):
    """Label / value pairs without a grid (receipt fields)."""

    def __init__(self, rows: Sequence[tuple[str, str]], label_share: float) -> None:
        super().__init__()
        self.rows = list(rows)
        self.label_share = label_share

    def _table(self, width: float) -> Table:
        label = width * (self.label_share if width > 110 * mm else 0.46)
        st = style("field")
        # plain strings where the text sets in the main face (the table draws them itself);
        # a registration number wider than the value column shrinks instead of splitting
        data = [[_plain(k, st, label - 4, font="Serif-Bold") or para(k, "field", bold=True),
                 _plain(v, st, width - label - 4) or fitted_para(v, "field", width - label - 4)]
                for k, v in self.rows]
        tbl = Table(data, colWidths=[label, width - label], hAlign="LEFT")
        tbl.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (0, -1), "Serif-Bold", st.fontSize, st.leading),
                    ("FONT", (1, 0), (1, -1), st.fontName, st.fontSize, st.leading),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return tbl


def field_table(rows: Sequence[tuple[str, str]], label_width: float = 64 * mm) -> Flowable:
    """Label / value pairs without a grid (receipt fields)."""
    return FieldTable(rows, label_width / FRAME_WIDTH)


_GRID_PAD = 3


def _plain(text: str, st: Any, room: float, font: str | None = None) -> str | None:
    """`text` broken into lines of at most `room` points in the main face, as a plain string the
    table draws itself; None when it needs a Paragraph (a glyph from the fallback face, or a word
    wider than the column)."""
    if fonts.lacking(text):
        return None
    font = font or st.fontName
    out: list[str] = []
    space = stringWidth(" ", font, st.fontSize)
    for source in tidy(text).split("\n"):
        line, used = "", 0.0
        for word in source.split():
            w = stringWidth(word, font, st.fontSize)
            if w > room:
                return None
            if line and used + space + w <= room:
                line, used = f"{line} {word}", used + space + w
            elif line:
                out.append(line)
                line, used = word, w
            else:
                line, used = word, w
        out.append(line)
    return "\n".join(out)


class GridTable(_Sized):
    """A ruled table whose header row repeats on every page; the first column (No.) is centred.
    In a bilingual paper it spans both columns once, its headers in both languages."""

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[str]],
                 widths: Sequence[float], small: bool = False) -> None:
        super().__init__()
        self.header, self.rows, self.widths = list(header), list(rows), list(widths)
        self.small = small
        self._shown = len(self.rows)  # rows in the table last built (a page's worth, or all)
        self._page_rows = 0  # how many rows the previous page held: the next page's first guess
        self._cells: list[list[Any]] = []  # the rows' cells, made once per width
        self._cells_width: float | None = None
        self._head: tuple[float, list[Any]] | None = None

    # A long register is laid out a page at a time: ReportLab's Table measures every remaining row
    # again on each page it splits (quadratic in the rows); here only about a page's worth of rows
    # goes into the table built, and the rest becomes a GridTable for the next page, keeping the
    # cells already made.
    _FIRST_CHUNK = 40

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        n = len(self.rows)
        count = min(n, self._page_rows + self._page_rows // 4 + 4 if self._page_rows
                    else self._FIRST_CHUNK)
        while True:
            if self._built is None or (self._built_width, self._shown) != (aw, count):
                self._shown = count
                self._built, self._built_width = self._table(aw), aw
            w, h = self._built.wrap(aw, ah)
            if h > ah or count >= n:
                return w, h
            count = min(n, count * 2)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        if self._built is None or self._built_width != aw:
            self.wrap(aw, ah)
        parts = self._wrapped().split(aw, ah)
        if len(parts) < 2:
            return parts
        done = parts[0]._nrows - 1  # the header repeats
        if done <= 0:
            return []
        rest = GridTable(self.header, self.rows[done:], self.widths, self.small)
        rest._page_rows = done
        rest._cells, rest._cells_width = self._cells[done:], self._cells_width
        rest._head = self._head
        return [parts[0], rest]

    def _geometry(self, width: float) -> list[float]:
        total = sum(self.widths)
        scale = width / total if total <= 1.001 else width / max(total, width)
        return [w * scale for w in self.widths]

    def _make_cells(self, width: float, upto: int) -> None:
        if self._cells_width != width:
            self._cells, self._cells_width = [], width
        room = [w - 2 * _GRID_PAD for w in self._geometry(width)]
        cell, center = ("small", "small_center") if self.small else ("cell", "cell_center")
        body_style = style(cell)
        # a one-line cell is a plain string drawn by the table itself; a Paragraph (line breaking,
        # the fallback face) only where the text needs it: a 1,400-row journal in under 1 s
        self._cells += [
            [_plain(str(v), body_style, room[i])
             or para(str(v), center if i == 0 else cell, kind=CellParagraph)
             for i, v in enumerate(row)]
            for row in self.rows[len(self._cells):upto]
        ]

    def _table(self, width: float) -> Table:
        col_widths = self._geometry(width)
        body_style = style("small" if self.small else "cell")
        self._make_cells(width, self._shown)
        if self._head is None or self._head[0] != width:
            self._head = (width, [para(h, "cell_head", kind=CellParagraph) for h in self.header])
        data: list[list[Any]] = [self._head[1], *self._cells[:self._shown]]
        tbl = Table(data, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
        tbl.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), fonts.FAMILY, BODY_SIZE),
                    ("FONT", (0, 1), (-1, -1), body_style.fontName, body_style.fontSize,
                     body_style.leading),
                    ("ALIGN", (0, 1), (0, -1), "CENTER"),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), _GRID_PAD),
                    ("RIGHTPADDING", (0, 0), (-1, -1), _GRID_PAD),
                    ("TOPPADDING", (0, 1), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 2),
                ]
            )
        )
        return tbl

    def merged(self, other: GridTable) -> GridTable:
        """This table with `other`'s words beside its own where the two languages differ."""
        def both(a: str, b: str) -> str:
            return a if a == b else f"{a}\n{b}"

        rows = [[both(str(a), str(b)) for a, b in zip(r1, r2, strict=False)]
                for r1, r2 in zip(self.rows, other.rows, strict=False)]
        header = [both(a, b) for a, b in zip(self.header, other.header, strict=False)]
        return GridTable(header, rows, self.widths, self.small)


def grid_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
    *, small: bool = False,
) -> Flowable:
    """A ruled table whose header row repeats on every page; the first column (No.) is centred.
    `widths` are fractions of the width (summing to 1) or points; `small` for long registers."""
    return GridTable(header, rows, widths, small)
