"""The Reports page (village and district): a period and a service, the summary table with the
standards' indicators against their targets, a chart of received / on time / late per month, the
district's lists (silent offices, decisions past due, duplicates), and export to XLSX, CSV and PDF.

Calls services.reports only; the report is computed off the UI thread (ui/tasks).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView,
                              QValueAxis)
from PySide6.QtCore import QAbstractTableModel, QDate, QMargins, QModelIndex, QStandardPaths, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QSplitter, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.i18n import N_, Translator, _, active
from desktop_app.reports import period as periods
from desktop_app.services import Changes, reports
from desktop_app.ui.tables import keyboard_table
from desktop_app.ui.widgets.date_field import date_field
from desktop_app.ui.pages.base import Page, page_title
from desktop_app.ui.tasks import TaskRunner

LATE = QColor(180, 30, 30)
SERIES_COLOURS = (QColor(64, 115, 191), QColor(77, 166, 89), QColor(217, 77, 64))
PERIODS = (("this_month", N_("This month")), ("last_month", N_("Last month")),
           ("this_quarter", N_("This quarter")), ("last_quarter", N_("Last quarter")),
           ("this_year", N_("This year")), ("dates", N_("Dates…")))
TAB_LABELS = (N_("Silent offices"), N_("Past due"), N_("Duplicates"))
GROUPINGS = (("office", N_("By office")), ("office_service", N_("By office and service")),
             ("service", N_("By service")))


def period_for(key: str, today: dt.date) -> periods.Period:
    if key == "this_month":
        return periods.month(today.year, today.month)
    if key == "last_month":
        first = today.replace(day=1) - dt.timedelta(days=1)
        return periods.month(first.year, first.month)
    if key == "this_quarter":
        return periods.quarter_of(today)
    if key == "last_quarter":
        return periods.quarter_of(periods.quarter_of(today).start - dt.timedelta(days=1))
    return periods.year(today.year)


class CellsModel(QAbstractTableModel):
    """A read-only table of already worded cells, with columns known only at run time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header: list[str] = []
        self.cells: list[list[Any]] = []
        self.late: set[tuple[int, int]] = set()     # cells shown in red
        self.bold_last = False

    def set_table(self, header: list[str], cells: list[list[Any]],
                  late: set[tuple[int, int]] | None = None, bold_last: bool = False) -> None:
        self.beginResetModel()
        self.header, self.cells, self.late = header, cells, late or set()
        self.bold_last = bold_last
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.header)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(textwrap.wrap(self.header[section], 14)[:4])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.header[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return "—"
            return active().number(value) if isinstance(value, float) else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and (index.row(), index.column()) in self.late:
            return QBrush(LATE)
        if role == Qt.ItemDataRole.FontRole and self.bold_last \
                and index.row() == len(self.cells) - 1:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _table(model: CellsModel, parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    keyboard_table(view)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


class ReportsPage(Page):
    """The summary of a period, its chart, the district's lists, and the report files."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.report: reports.Report | None = None
        self.district = reports.is_district(ctx)

        self.period_box = QComboBox(self)
        self.period_box.setObjectName("periodBox")
        for key, label in PERIODS:
            self.period_box.addItem(_(label), key)
        self.period_box.setCurrentIndex(2)              # this quarter
        self.start_edit = date_field(self, name="startEdit", today=ctx.now().date())
        self.end_edit = date_field(self, name="endEdit", today=ctx.now().date())
        self.service_box = QComboBox(self)
        self.service_box.setObjectName("serviceBox")
        self.service_box.addItem(_("All services"), "")
        for service_id, name in reports.services_offered(ctx):
            self.service_box.addItem(active().text(name), service_id)
        self.service_box.setMinimumContentsLength(18)
        self.service_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.by_box = QComboBox(self)
        self.by_box.setObjectName("byBox")
        for key, label in GROUPINGS:
            self.by_box.addItem(_(label), key)
        self.by_box.setVisible(self.district)
        self.show_button = QPushButton(_("Show"), self)
        self.show_button.setObjectName("showButton")
        self.show_button.setDefault(True)
        self.export_buttons: dict[str, QPushButton] = {}
        for kind, label in (("xlsx", N_("Excel…")), ("csv", N_("CSV…")), ("pdf", N_("PDF…"))):
            button = QPushButton(_(label), self)
            button.setObjectName(f"export_{kind}")
            button.setToolTip(_("Save the report as a file"))
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, k=kind: self.export(k))
            self.export_buttons[kind] = button

        controls = QHBoxLayout()
        controls.addWidget(QLabel(_("Period:"), self))
        controls.addWidget(self.period_box)
        controls.addWidget(self.start_edit)
        controls.addWidget(QLabel("—", self))
        controls.addWidget(self.end_edit)
        controls.addSpacing(8)
        controls.addWidget(QLabel(_("Service:"), self))
        controls.addWidget(self.service_box, 1)
        controls.addWidget(self.by_box)
        controls.addWidget(self.show_button)
        heading = QHBoxLayout()
        heading.addWidget(page_title(_("Reports"), self))
        heading.addStretch(1)
        heading.addWidget(QLabel(_("Save:"), self))
        for button in self.export_buttons.values():
            heading.addWidget(button)

        self.model = CellsModel(self)
        self.table = _table(self.model, self, "summaryTable")
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setObjectName("monthChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)

        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self.chart_view)
        self.lists = QTabWidget(self)
        self.lists.setObjectName("districtLists")
        self.list_models: list[CellsModel] = []
        if self.district:
            for name in ("silentTable", "pastDueTable", "duplicatesTable"):
                model = CellsModel(self)
                self.list_models.append(model)
                self.lists.addTab(_table(model, self.lists, name), "")
            bottom.addWidget(self.lists)
            bottom.setSizes([560, 640])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setSizes([240, 360])
        self.message = QLabel(self)
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

        self.period_box.currentIndexChanged.connect(self._period_chosen)
        self.start_edit.dateChanged.connect(self._dates_edited)
        self.end_edit.dateChanged.connect(self._dates_edited)
        self.show_button.clicked.connect(self.refresh)
        self._period_chosen()
        self.refresh()

    # the period ----------------------------------------------------------------------------------
    def _period_chosen(self) -> None:
        key = self.period_box.currentData()
        if key == "dates":
            return
        p = period_for(key, self.ctx.now().date())
        self._setting = True
        self.start_edit.setDate(QDate(p.start.year, p.start.month, p.start.day))
        self.end_edit.setDate(QDate(p.end.year, p.end.month, p.end.day))
        self._setting = False

    def _dates_edited(self) -> None:
        if not getattr(self, "_setting", False):
            self.period_box.blockSignals(True)
            self.period_box.setCurrentIndex(self.period_box.findData("dates"))
            self.period_box.blockSignals(False)

    def dates(self) -> tuple[dt.date, dt.date]:
        return self.start_edit.date().toPython(), self.end_edit.date().toPython()

    # computing -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        start, end = self.dates()
        service = self.service_box.currentData() or None
        by = self.by_box.currentData() if self.district else None
        self.show_button.setEnabled(False)

        def job(progress, cancel):
            return reports.summary_report(self.ctx, start, end, service_id=service, by=by,
                                          progress=progress, cancel=cancel)

        self.tasks.run(job, self._shown, self._failed, parent=self,
                       label=_("Counting the report…"), long=True,
                       on_cancelled=lambda: self.show_button.setEnabled(True))

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.ui.errors import show_error

        self.show_button.setEnabled(True)
        show_error(self, exc)

    def _shown(self, report: reports.Report | None) -> None:
        self.show_button.setEnabled(True)
        if report is None:
            return
        self.report = report
        t = active()
        keys, header, rows = reports.summary_table(self.ctx, report, t)
        late: set[tuple[int, int]] = set()
        for r, (row, summary_row) in enumerate(zip(rows, report.summary.rows, strict=True)):
            if summary_row.late:
                late.add((r, keys.index("late")))
            for code, ind in summary_row.indicators.items():
                if ind.met is False:
                    late.add((r, keys.index(f"ind:{code}")))
        self.model.set_table(header, rows, late, bold_last=True)
        self.table.resizeColumnsToContents()
        for col in range(len(header)):
            self.table.setColumnWidth(col, min(max(self.table.columnWidth(col), 60),
                                               240 if col < 2 else 130))
        self._chart(report, t)
        if self.district:
            for n, (heading, hdr, data) in enumerate(reports.district_tables(self.ctx, report, t)):
                self.list_models[n].set_table(hdr, data)
                self.lists.setTabText(n, f"{_(TAB_LABELS[n])} ({len(data)})")
                self.lists.setTabToolTip(n, heading)
                view = self.lists.widget(n)
                view.resizeColumnsToContents()
                view.horizontalHeader().setStretchLastSection(True)
        for button in self.export_buttons.values():
            button.setEnabled(True)
        self.message.setText(" ".join(reports.notes(report, t)))

    def _chart(self, report: reports.Report, t: Translator) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        labels, series = reports.month_series(report, t)
        bars = QBarSeries()
        top = 1
        for (label, values), colour in zip(series, SERIES_COLOURS, strict=False):
            bar_set = QBarSet(label)
            bar_set.setColor(colour)
            bar_set.append([float(v) for v in values])
            bars.append(bar_set)
            top = max([top, *values])
        self.chart.addSeries(bars)
        x = QBarCategoryAxis()
        x.append(labels)
        y = QValueAxis()
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10 ** 9)
                    if top / s <= 6)
        y.setRange(0, step * (top // step + 1))
        y.setTickCount(top // step + 2)
        y.setLabelFormat("%d")
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(x)
        bars.attachAxis(y)
        self.chart.setTitle(t.gettext(N_("Received, forwarded on time and late by month")))

    # files ---------------------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        if self.report is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        start, end = self.report.summary.period.start, self.report.summary.period.end
        name = f"report_{start.isoformat()}_{end.isoformat()}.{kind}"
        filters = {"xlsx": _("Excel workbooks (*.xlsx)"), "csv": _("CSV files (*.csv)"),
                   "pdf": _("PDF files (*.pdf)")}
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the report"),
                                                    str(Path(folder) / name), filters[kind])
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != f".{kind}":
            target = target.with_name(target.name + f".{kind}")
        report, language = self.report, active().locale

        def job():
            return reports.export(self.ctx, report, target, language=language)

        self.tasks.run(job, self._saved, parent=self, label=_("Saving the report…"), db=False)

    def _saved(self, path: Path) -> None:
        self.message.setText(_("The report was saved to {file}.").format(file=str(path)))

    def on_changed(self, changes: Changes) -> None:
        if self.report is not None and (changes.applications or changes.sync):
            self.refresh()
