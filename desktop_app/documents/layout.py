"""The one layout every printed paper uses: A4 letterhead, title, body, signature, "page x of y".

Imports reportlab, i18n, domain and documents (fonts, seal) only. A paper is a `Paper` (data plus
body flowables); `render(paper)` returns the PDF bytes. Text passed to helpers is plain text and is
escaped here; use `fonts.markup()` when building markup by hand. A paper in both languages is
`compose(...)`d from one `Part` per language and printed side by side in two columns; its ruled
tables (`grid_table`) span the page once, with the headers in both languages.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
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
from desktop_app.documents.styles import (  # noqa: F401 (re-exported: one layout system)
    BODY_SIZE,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SMALL_SIZE,
    fitted_para,
    para,
    style,
)
from desktop_app.documents.tables import (  # noqa: F401 (re-exported: one layout system)
    FieldTable,
    GridTable,
    field_table,
    grid_table,
)
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator

# Papers are files, never mail bodies: ReportLab's pure-Python ASCII85 step on every stream only
# costs time (a fifth of a receipt) and a quarter more bytes.
rl_config.useA85 = 0



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
    date: dt.date | None  # None: a blank form, dated by hand
    addressee: Sequence[str] | str | None = None
    body: list[Flowable] = field(default_factory=list)
    signature: Signature | Sequence[Signature] | None = None  # several: e.g. both sides of an act
    subtitle: str = ""
    # the second language of a bilingual paper, printed in the right-hand column
    parallel: tuple[Translator, Part] | None = None
    seal: str = ""                     # the signed QR payload (documents.seal); "" for no QR
    seal_fingerprint: str = ""         # the office key's fingerprint, printed by the QR
    duplicate_of: dt.date | None = None  # a reprint: the original's date
    landscape: bool = False            # wide registers


@dataclass
class Part:
    """One language's text of a paper; `compose` builds a Paper from one Part per language."""

    title: str
    body: list[Flowable] = field(default_factory=list)
    addressee: Sequence[str] | str | None = None
    signature: Signature | Sequence[Signature] | None = None
    subtitle: str = ""


def compose(office: Office, languages: Sequence[str], build: Callable[[Translator], Part], *,
            reg_no: str, date: dt.date | None, seal: str = "", seal_fingerprint: str = "",
            duplicate_of: dt.date | None = None, landscape: bool = False) -> Paper:
    """The paper in one language, or in two side by side: `build` is called once per language
    and must return bodies of the same shape (the n-th flowables face each other)."""
    langs = tuple(dict.fromkeys(languages)) or ("kk",)
    if len(langs) > 2:
        raise ValueError(f"at most two languages side by side, got {langs}")
    first = Translator(langs[0])
    part = build(first)
    parallel = None
    if len(langs) == 2:
        second = Translator(langs[1])
        parallel = (second, build(second))
    return Paper(office, first, part.title, reg_no, date, addressee=part.addressee,
                 body=list(part.body), signature=part.signature, subtitle=part.subtitle,
                 parallel=parallel, seal=seal, seal_fingerprint=seal_fingerprint,
                 duplicate_of=duplicate_of, landscape=landscape)


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
    head = Table([cells], colWidths=["50%", "50%"])
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
    day = "\n".join(dict.fromkeys(tr.long_date(paper.date) for tr in _translators(paper))) \
        if paper.date else "«___» ____________ 20__"
    reg = Table(
        [[para(day, "left"), para(number, "right")]],
        colWidths=["50%", "50%"],
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
    return [para(line, "addressee") for line in lines] + [Spacer(1, 6)]


def _translators(paper: Paper) -> list[Translator]:
    return [paper.translator] + ([paper.parallel[0]] if paper.parallel else [])


def _both(texts: Sequence[str], sep: str = " / ") -> str:
    """The texts of the two languages, once each (the same word is printed once)."""
    return sep.join(dict.fromkeys(t for t in texts if t))


def signature_block(
    sig: Signature, t: Translator | Sequence[Translator], positions: Sequence[str] = ()
) -> Flowable:
    """Position | signature line | name, and the place for the seal under the position.
    With several translators (a bilingual paper) each label is printed in each language."""
    ts = [t] if isinstance(t, Translator) else list(t)
    position = _both(positions or [sig.position], "\n")
    rows: list[list[Any]] = [
        [para(position, "left"), para("_____________", "center"), para(sig.name, "right")],
        ["", para(_both([x.gettext(N_("(signature)")) for x in ts]), "small_center"), ""],
    ]
    if sig.stamp:
        rows.append([para(_both([x.gettext(N_("L.S.")) for x in ts]), "left", bold=True), "", ""])
    tbl = Table(rows, colWidths=["38%", "22%", "40%"])
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
    footer_text = _both([x.gettext(N_("Page {page} of {pages}")) for x in _translators(paper)],
                        "  ·  ")
    running = t.gettext(N_("No. {reg_no}")).format(reg_no=paper.reg_no) if paper.reg_no else ""
    if paper.duplicate_of:
        running = (DUPLICATE + "   " + running).strip()

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
            width, height = self._pagesize
            self.drawCentredString(
                (MARGIN_LEFT + width - MARGIN_RIGHT) / 2,
                10 * mm,
                footer_text.format(page=page, pages=total),
            )
            if page > 1 and running:
                self.drawRightString(width - MARGIN_RIGHT, height - 12 * mm, running)
            self.restoreState()

    return NumberedCanvas


DUPLICATE = "ДУБЛИКАТ / ДУБЛИКАТ"  # the same word in Kazakh and Russian, as the issue asks
SEAL_SIZE = 27 * mm


class _PairTable(Table):
    """The two languages of one paragraph (or heading) of a bilingual paper, side by side."""


def _pair(left: Sequence[Flowable] | Flowable, right: Sequence[Flowable] | Flowable) -> Table:
    """Two columns of a bilingual paper, a thin rule between them; splits between rows only."""
    tbl = _PairTable([[left, right]], colWidths=["50%", "50%"], hAlign="LEFT")
    tbl.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 6),
                ("LEFTPADDING", (1, 0), (1, -1), 6),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LINEAFTER", (0, 0), (0, -1), 0.3, colors.Color(0.6, 0.6, 0.6)),
            ]
        )
    )
    return tbl


def _parallel_body(left: Sequence[Flowable], right: Sequence[Flowable]) -> list[Flowable]:
    """Facing flowables side by side; ruled tables (registers, members) once, across the page."""
    out: list[Flowable] = []
    for a, b in zip(left, right, strict=False):
        if isinstance(a, GridTable) and isinstance(b, GridTable):
            out.append(a.merged(b))
        elif isinstance(a, Spacer):
            out.append(a)
        else:
            out.append(_pair([a], [b]))
    return out


def _duplicate_mark(paper: Paper) -> list[Flowable]:
    if paper.duplicate_of is None:
        return []
    lines = [
        x.gettext(N_("The original was issued on {date}.")).format(
            date=x.long_date(paper.duplicate_of)
        )
        for x in _translators(paper)
    ]
    return [para(DUPLICATE, "title"), para(_both(lines, "\n"), "center")]


SEAL_NOTE = N_("Any akimat office or the district office can check this paper: scan the QR "
               "code on the \"Verify a paper\" page of Akimat Desk.")


def _seal_note(paper: Paper) -> list[Flowable]:
    """Who can check the paper and how, in each language of the paper, and the office's key
    (on the last line of the note)."""
    note = list(dict.fromkeys(x.gettext(SEAL_NOTE) for x in _translators(paper)))
    if paper.seal_fingerprint:
        key = _both([x.gettext(N_("Office key: {fingerprint}")).format(
            fingerprint=paper.seal_fingerprint) for x in _translators(paper)])
        note[-1] = f"{note[-1]} {key}"
    return [para(line, "small") for line in note]


def _closing_block(signatures: Sequence[Flowable], paper: Paper) -> Flowable:
    """The signatures and, beside them on the right, the QR seal with its note under the
    signatures: one block as tall as the code, so that a paper that fits one page keeps both."""
    from desktop_app.documents.qr import QrSeal

    left: list[Flowable] = []
    for n, block in enumerate(signatures):
        if n:
            left.append(Spacer(1, 10))
        left.append(block)
    left += [Spacer(1, 6), *_seal_note(paper)]
    tbl = Table(
        [[left, QrSeal(paper.seal, SEAL_SIZE)]],
        colWidths=["*", SEAL_SIZE + 4 * mm],
        hAlign="LEFT",
    )
    tbl.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, BODY_SIZE),
                ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                ("VALIGN", (1, 0), (1, 0), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return tbl


def _signatures(value: Signature | Sequence[Signature] | None) -> list[Signature]:
    if value is None:
        return []
    return [value] if isinstance(value, Signature) else list(value)


_KEEP_ROWS = 2    # rows of a ruled table that go to the next page with the signature
_KEEP_LINES = 3   # paragraphs at most that go with it


def _keep_with_tail(out: list[Flowable], tail: list[Flowable], body_from: int) -> None:
    """Append the signature and seal `tail` to the story so that they never stand alone on a
    page: they go with the body's last paragraphs (three at most) and, when a ruled table comes
    just before those, with its last rows."""
    i = len(out)
    kept = 0
    while i > body_from and kept < _KEEP_LINES:
        f = out[i - 1]
        if isinstance(f, Paragraph | _PairTable):
            kept += 1
        elif not isinstance(f, Spacer):
            break
        i -= 1
    group = out[i:] + tail
    before = out[i - 1] if i > body_from else None
    if kept < _KEEP_LINES and isinstance(before, GridTable) and len(before.rows) > _KEEP_ROWS:
        out[i - 1:] = [_TableAndTail(before, group)]
    else:
        out[i:] = [KeepTogether(group)]


class _TableAndTail(Flowable):
    """A ruled table ending the body and what follows it (last lines, signature, seal): where a
    page break must fall, the table's last rows go to the next page with the rest."""

    def __init__(self, table: GridTable, tail: list[Flowable]) -> None:
        super().__init__()
        self.table, self.tail = table, tail
        self._sizes: list[tuple[float, float]] = []

    def _items(self) -> list[Flowable]:
        return [self.table, *self.tail]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._sizes = [f.wrapOn(self.canv, aw, ah) for f in self._items()]
        self.width = aw
        self.height = sum(h + f.getSpaceBefore() + f.getSpaceAfter()
                          for f, (_w, h) in zip(self._items(), self._sizes))
        return aw, self.height

    def _sliced(self, keep: int) -> list[Flowable]:
        rows = self.table.rows
        t = self.table
        return [GridTable(t.header, rows[:keep], t.widths, t.small),
                _TableAndTail(GridTable(t.header, rows[keep:], t.widths, t.small), self.tail)]

    def split(self, aw: float, ah: float) -> list[Flowable]:
        n = len(self.table.rows)
        keep = n - _KEEP_ROWS
        _w, th = self.table.wrapOn(self.canv, aw, ah)
        if th <= ah:  # the table fits, what follows does not: its last rows go with it
            return self._sliced(keep) if keep > 0 else []
        parts = self.table.splitOn(self.canv, aw, ah)
        if len(parts) < 2:
            return []
        rest = parts[-1]
        if isinstance(rest, GridTable) and len(rest.rows) >= _KEEP_ROWS:
            return [*parts[:-1], _TableAndTail(rest, self.tail)]
        return self._sliced(keep) if keep > 0 else []

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        top = y + self.height
        for f, (w, h) in zip(self._items(), self._sizes):
            top -= f.getSpaceBefore()
            align = getattr(f, "hAlign", "LEFT")
            dx = (self.width - w) / 2 if align in ("CENTER", "CENTRE") else (
                self.width - w if align == "RIGHT" else 0)
            f.drawOn(canvas, x + dx, top - h)
            top -= h + f.getSpaceAfter()


def story(paper: Paper) -> list[Flowable]:
    """The paper's flowables in order: header, addressee, title, body, signature, QR seal."""
    out = _header(paper)
    other = paper.parallel[1] if paper.parallel else None
    if paper.addressee:
        out += _addressee(paper.addressee)
    out += _duplicate_mark(paper)
    if other is None:
        out.append(para(paper.title, "title"))
        out.append(para(paper.subtitle, "subtitle") if paper.subtitle else Spacer(1, 8))
        body_from = len(out)
        out += paper.body
    else:
        heads: list[list[Flowable]] = [[], []]
        for col, part in enumerate(
            (Part(paper.title, subtitle=paper.subtitle), other)
        ):
            heads[col].append(para(part.title, "title"))
            if part.subtitle:
                heads[col].append(para(part.subtitle, "subtitle"))
        out += [_pair(heads[0], heads[1]), Spacer(1, 8)]
        body_from = len(out)
        out += _parallel_body(paper.body, other.body)
    mine = _signatures(paper.signature)
    theirs = _signatures(other.signature) if other else []
    blocks = []
    for n, sig in enumerate(mine):
        positions = [sig.position] + ([theirs[n].position] if n < len(theirs) else [])
        blocks.append(signature_block(sig, _translators(paper), positions))
    tail: list[Flowable] = []
    if paper.seal:
        tail += [Spacer(1, 8), _closing_block(blocks, paper)]
    else:
        for block in blocks:
            tail += [Spacer(1, 14), block]
    if tail:
        _keep_with_tail(out, tail, body_from)
    return out


def render(paper: Paper) -> bytes:
    """The paper as PDF bytes (fonts embedded; output is byte-for-byte reproducible)."""
    fonts.register()
    buf = io.BytesIO()
    size = landscape(A4) if paper.landscape else A4
    doc = BaseDocTemplate(
        buf,
        pagesize=size,
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
        size[0] - MARGIN_LEFT - MARGIN_RIGHT,
        size[1] - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="paper", frames=[frame])])
    doc.build(story(paper), canvasmaker=_canvas_class(paper))
    return buf.getvalue()
