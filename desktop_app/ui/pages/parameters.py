"""The Parameters page (administrators only): the legal parameters in force, each with its
history (shipped and the office's own values), and "Add value" with inline validation. A value
the office adds is used by pre-checks from then on; applications taken keep their version.
Below, the working calendar's transferred days (ui/pages/calendar_days.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.domain.parameters import ParameterInfo
from desktop_app.i18n import N_, _, active
from desktop_app.services import Changes
from desktop_app.services import parameters as params
from desktop_app.services.parameters import HistoryRow, ValueDraft
from desktop_app.ui.widgets.date_field import date_field
from desktop_app.ui.dialogs.save_dialog import save_cancel
from desktop_app.ui.errors import show_error
from desktop_app.ui.models import RowsModel
from desktop_app.ui.tables import make_table
from desktop_app.ui.widgets.field_error import ErrorLabel, FieldErrors, with_error_label
from desktop_app.ui.pages.base import Page, page_title
from desktop_app.ui.pages.calendar_days import CalendarDaysPanel


class ParametersModel(RowsModel):
    headers = (N_("Parameter"), N_("Unit"), N_("In force today"))

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def id_of(self, item: ParameterInfo) -> Any:
        return item.name

    def display(self, item: ParameterInfo, column: int) -> str:
        t = active()
        if column == 0:
            return t.text(item.title)
        if column == 1:
            return unit_label(item.unit)
        try:
            value = self.ctx.parameters.value(item.name, self.ctx.now().date(),
                                              self.ctx.office.region or None)
        except AppError:
            return "—"
        return params.format_value(value.value, item.unit, t)

    def tooltip(self, item: ParameterInfo, column: int) -> str | None:
        if column == 1:
            return unit_label(item.unit)
        return active().text(item.title) if column == 0 else None


# a parameter's unit as people write it (the data files keep the codes)
UNIT_LABELS: dict[str, str] = {
    "KZT": N_("tenge (₸)"),
    "MCI": N_("MCI (monthly calculation index)"),
    "share": N_("share (1 = 100%)"),
    "years": N_("years"),
    "days": N_("days"),
    "group": N_("disability group"),
}


def region_name(code: str) -> str:
    """A region's name in the interface language (data/offices); an unknown code as it is."""
    from desktop_app.services import office_setup

    try:
        return active().text(office_setup.office_lists().region(code).name) or code
    except (KeyError, AppError):
        return code


def unit_label(unit: str) -> str:
    """The unit in the interface language; an unknown code is shown as it is."""
    msgid = UNIT_LABELS.get(unit)
    return _(msgid) if msgid else unit


def source_label(item: HistoryRow) -> str:
    """Where a value came from: the shipped data file, this office, or the district (its code)."""
    if item.origin == params.DISTRICT:
        return _("district {code}").format(code=item.origin_code or "?")
    if item.origin == params.OFFICE:
        return _("this office")
    return _("data file")


class HistoryModel(RowsModel):
    headers = (N_("Region"), N_("Valid from"), N_("Valid to"), N_("Value"), N_("Version"),
               N_("Source"), N_("Legal basis"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.unit = ""

    def id_of(self, item: HistoryRow) -> Any:
        return (item.value.version, item.value.valid_from)

    def display(self, item: HistoryRow, column: int) -> str:
        t, v = active(), item.value
        if column == 0:
            return region_name(v.region) if v.region else _("national")
        if column == 1:
            return t.date(v.valid_from)
        if column == 2:
            return t.date(v.valid_to) if v.valid_to else "…"
        if column == 3:
            return params.format_value(v.value, self.unit, t)
        if column == 4:
            return v.version
        if column == 5:
            return source_label(item)
        return v.note(t.locale)

    def tooltip(self, item: HistoryRow, column: int) -> str | None:
        if column == 5 and item.origin != params.SHIPPED and item.added_at:
            return _("Added by {user} on {at}").format(user=item.added_by or "—",
                                                       at=item.added_at[:10])
        return item.value.note(active().locale) if column == 6 else None

    def sort_key(self, item: HistoryRow, column: int) -> Any:
        if column in (1, 2):
            day = item.value.valid_from if column == 1 else item.value.valid_to
            return (day or dt.date.max).isoformat()
        if column == 3:
            return float(item.value.value)
        return super().sort_key(item, column)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class AddValueDialog(QDialog):
    """Name, value, first and last day (optional), region or national, source; errors inline."""

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value = None
        self.changes = Changes()
        t = active()
        self.setObjectName("addParameterValue")
        self.setWindowTitle(_("Add a parameter value"))
        self.errors = FieldErrors()
        form = QFormLayout()

        def row(key: str, label: str, widget: QWidget) -> None:
            error = ErrorLabel(self)
            self.errors.add(key, widget, error)
            form.addRow(label, with_error_label(widget, error))

        self.name = QComboBox(self)
        self.name.setObjectName("name")
        for info in params.infos(ctx):
            self.name.addItem(t.text(info.title), info.name)
        self.name.setCurrentIndex(max(self.name.findData(name), 0))
        self.value = QLineEdit(self)
        self.value.setObjectName("value")
        today = ctx.now().date()
        self.valid_from = date_field(self, name="valid_from", today=today)
        self.open_ended = QCheckBox(_("No end date"), self)
        self.open_ended.setObjectName("open_ended")
        self.valid_to = date_field(self, name="valid_to", today=today,
                                   value=dt.date(today.year, 12, 31))
        self.open_ended.toggled.connect(lambda on: self.valid_to.setEnabled(not on))
        to_row = QWidget(self)
        to_lay = QHBoxLayout(to_row)
        to_lay.setContentsMargins(0, 0, 0, 0)
        to_lay.addWidget(self.valid_to, 1)
        to_lay.addWidget(self.open_ended)
        self.region = QComboBox(self)
        self.region.setObjectName("region")
        self.region.addItem(_("national (whole country)"), "")
        for region in params.regions(ctx):
            self.region.addItem(region_name(region), region)
        self.region.setCurrentIndex(max(self.region.findData(ctx.office.region), 0))
        self.source = QLineEdit(self)
        self.source.setObjectName("source")
        self.source.setPlaceholderText(_("e.g. the region akimat's resolution No. 12/05 of "
                                         "20.12.2026"))
        row("name", _("Parameter:"), self.name)
        row("value", _("Value:"), self.value)
        row("valid_from", _("In force from:"), self.valid_from)
        row("valid_to", _("In force until:"), to_row)
        row("region", _("Region:"), self.region)
        row("source", _("Source:"), self.source)
        for edit in (self.value, self.source):
            edit.textEdited.connect(lambda _t: self.errors.clear())
        buttons, self.save_button = save_cancel(self, name="saveValue")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        note = QLabel(_("Pre-checks use the new value from its first day on; applications "
                        "already taken keep the value they were checked with."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def draft(self) -> ValueDraft:
        to = None if self.open_ended.isChecked() else self.valid_to.date().toPython()
        return ValueDraft(name=self.name.currentData(), value=self.value.text(),
                          valid_from=self.valid_from.date().toPython(), valid_to=to,
                          region=self.region.currentData() or None, source=self.source.text())

    def save(self) -> None:
        self.errors.clear()
        _value, errors = params.check(self.ctx, self.draft())
        if not errors:
            try:
                self.result_value, self.changes = params.add_value(self.ctx, self.draft())
            except ValidationError as exc:
                errors = [exc]
            except AppError as exc:
                show_error(self, exc)
                return
        for exc in errors:
            if not self.errors.show(exc.field, exc.message()):
                show_error(self, exc)
        if not errors:
            self.accept()


class ParametersPage(Page):
    """Parameters on the left, the chosen one's history on the right, "Add value" below."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: object = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.names = ParametersModel(ctx, self)
        self.names_view, self.names_proxy = make_table(self.names, self, name="parametersTable",
                                                       sort_column=0)
        names_header = self.names_view.horizontalHeader()
        names_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        names_header.setStretchLastSection(False)
        for column in (1, 2):   # wide enough for the title; a longer unit whole in its tooltip
            names_header.resizeSection(column, names_header.sectionSizeHint(column))
        self.names_view.setMinimumWidth(   # every column's title whole, the names elided
            sum(names_header.sectionSizeHint(c) for c in range(3))
            + self.names_view.verticalScrollBar().sizeHint().width()
            + 2 * self.names_view.frameWidth())
        self.history = HistoryModel(self)
        self.history_view, _p = make_table(self.history, self, name="historyTable")
        self.history_title = QLabel(self)
        self.history_title.setObjectName("historyTitle")
        self.add_button = QPushButton(_("Add value…"), self)
        self.add_button.setObjectName("addValue")
        self.add_button.clicked.connect(self.add_value)
        right = QWidget(self)
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addWidget(self.history_title)
        right_lay.addWidget(self.history_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        right_lay.addLayout(buttons)
        split = QSplitter(self)
        split.addWidget(self.names_view)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        split.setSizes([380, 760])
        note = QLabel(_("Figures set by law or by the region, each with its period and source. "
                        "The office's own values take precedence over the shipped ones for "
                        "their period."), self)
        note.setWordWrap(True)
        self.calendar = CalendarDaysPanel(ctx, self)
        self.calendar.changed.connect(self.changed.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Parameters"), self))
        layout.addWidget(note)
        layout.addWidget(split, 3)
        layout.addWidget(self.calendar, 1)
        self.names_view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_history())
        self.reload()

    def current_name(self) -> str:
        index = self.names_view.currentIndex()
        item = self.names_proxy.item_at(index.row()) if index.isValid() else None
        return item.name if item else ""

    def select(self, name: str) -> None:
        for row in range(self.names_proxy.rowCount()):
            if self.names_proxy.item_at(row).name == name:
                self.names_view.selectRow(row)
                return

    def reload(self) -> None:
        keep = self.current_name()
        self.names.set_rows(params.infos(self.ctx))
        self.select(keep or (self.names_proxy.item_at(0).name
                             if self.names_proxy.rowCount() else ""))
        self.show_history()

    def show_history(self) -> None:
        name = self.current_name()
        if not name:
            self.history.set_rows([])
            return
        info = self.ctx.parameters.info(name)
        self.history.unit = info.unit
        self.history_title.setText("<b>{}</b> ({})".format(active().text(info.title), name))
        self.history.set_rows(params.history(self.ctx, name))
        self.history_view.resizeColumnsToContents()

    def add_value(self) -> AddValueDialog:
        dialog = AddValueDialog(self.ctx, self.current_name(), self)

        def done(code: int) -> None:
            if code == QDialog.DialogCode.Accepted and dialog.changes:
                self.reload()
                self.changed.emit(dialog.changes)

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def on_changed(self, changes: Changes) -> None:
        if changes.settings or changes.office:
            self.reload()
            self.calendar.reload()
