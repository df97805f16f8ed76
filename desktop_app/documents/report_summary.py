"""The summary report as a PDF: the office's letterhead (the one layout), a bar chart of received /
on time / late per month drawn with ReportLab's graphics, and the report's tables.

Imports reportlab, documents (layout, fonts), domain and i18n only; everything arrives translated,
as plain text cells (services/reports builds them from the report's rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from desktop_app.documents import fonts
from desktop_app.documents.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    Paper,
    grid_table,
    para,
    render,
)
from desktop_app.domain.office import Office
from desktop_app.i18n import Translator

# one colour per series, the same as the Reports page's chart
SERIES_COLOURS = ((0.25, 0.45, 0.75), (0.30, 0.65, 0.35), (0.85, 0.30, 0.25))
WIDTH = landscape(A4)[0] - MARGIN_LEFT - MARGIN_RIGHT


@dataclass(frozen=True)
class ReportTable:
    heading: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]          # fractions of the width
    empty: str = ""                  # printed instead of an empty table


@dataclass(frozen=True)
class ReportPaper:
    title: str
    subtitle: str                    # the period, the service
    months: Sequence[str]            # the chart's x labels
    series: Sequence[tuple[str, Sequence[int]]]   # (label, one value per month)
    chart_title: str
    tables: Sequence[ReportTable] = field(default_factory=tuple)
    notes: Sequence[str] = ()


def chart(report: ReportPaper, width: float = WIDTH, height: float = 190) -> Drawing:
    """The grouped bar chart: one group per month, one bar per series, with a legend."""
    fonts.register()
    d = Drawing(width, height)
    d.add(String(0, height - 12, report.chart_title, fontName=fonts.FAMILY, fontSize=11))
    bc = VerticalBarChart()
    bc.x, bc.y = 36, 34
    bc.width, bc.height = width - 220, height - 62
    data = [list(values) or [0] for _, values in report.series]
    bc.data = data
    bc.categoryAxis.categoryNames = list(report.months) or [""]
    bc.categoryAxis.labels.fontName = fonts.FAMILY
    bc.categoryAxis.labels.fontSize = 8
    bc.valueAxis.labels.fontName = fonts.FAMILY
    bc.valueAxis.labels.fontSize = 8
    bc.valueAxis.valueMin = 0
    top = max([max(v) for v in data] + [1])
    bc.valueAxis.valueMax = top + max(1, top // 10)
    bc.valueAxis.valueStep = max(1, (top + 9) // 10) if top > 10 else 1
    bc.groupSpacing = 6
    bc.barSpacing = 1
    for i, rgb in enumerate(SERIES_COLOURS[:len(data)]):
        bc.bars[i].fillColor = colors.Color(*rgb)
        bc.bars[i].strokeColor = None
    bc.barLabelFormat = "%d"
    bc.barLabels.fontName = fonts.FAMILY
    bc.barLabels.fontSize = 7
    bc.barLabels.nudge = 6
    d.add(bc)
    legend = Legend()
    legend.x, legend.y = width - 170, height - 40
    legend.fontName = fonts.FAMILY
    legend.fontSize = 10
    legend.alignment = "right"
    legend.colorNamePairs = [(colors.Color(*SERIES_COLOURS[i]), label)
                             for i, (label, _) in enumerate(report.series)]
    d.add(legend)
    return d


def _body(report: ReportPaper) -> list[Flowable]:
    body: list[Flowable] = [chart(report), Spacer(1, 8)]
    for table in report.tables:
        body += [CondPageBreak(80), para(table.heading, "left"), Spacer(1, 3)]
        if table.rows:
            body.append(grid_table(table.header, table.rows, table.widths, small=True))
        else:
            body.append(para(table.empty, "left"))
        body.append(Spacer(1, 10))
    for note in report.notes:
        body.append(para(note, "left"))
    return body


def render_report(office: Office, report: ReportPaper, translator: Translator, *,
                  reg_no: str, issued_on: dt.date) -> bytes:
    paper = Paper(office, translator, report.title, reg_no, issued_on, body=_body(report),
                  subtitle=report.subtitle, landscape=True)
    return render(paper)
