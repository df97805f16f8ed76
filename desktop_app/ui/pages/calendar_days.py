"""The working calendar's transferred days on the Parameters page: the days off and working days
the government moved by decree, entered here or brought by the district's return batch, with
"Add…" and "Remove" for administrators (every change audited by the service).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.calendar import DAY_OFF, WORKING_DAY
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import N_, _, active
from desktop_app.services import Changes, permissions
from desktop_app.services import calendar_days as days
from desktop_app.services.calendar_days import DayDraft, StoredDay
from desktop_app.ui.widgets.date_field import date_field
from desktop_app.ui.dialogs.save_dialog import save_cancel
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import gate
from desktop_app.ui.models import RowsModel
from desktop_app.ui.tables import make_table
from desktop_app.ui.widgets.field_error import ErrorLabel, FieldErrors, with_error_label


class DaysModel(RowsModel):
    headers = (N_("Date"), N_("Kind"), N_("Reason"), N_("Source"), N_("Entered by"))

    def id_of(self, item: StoredDay) -> Any:
        return item.uuid

    def display(self, item: StoredDay, column: int) -> str:
        t = active()
        if column == 0:
            return t.date(item.day.date)
        if column == 1:
            return t.gettext(days.KIND_LABELS.get(item.kind, item.kind))
        if column == 2:
            return item.day.reason
        if column == 3:
            return item.day.source
        if item.origin == "district":
            return _("district {code}").format(code=item.origin_code or "?")
        return _("this office")

    def tooltip(self, item: StoredDay, column: int) -> str | None:
        return item.day.source if column == 3 else None

    def sort_key(self, item: StoredDay, column: int) -> Any:
        return item.day.date.isoformat() if column == 0 else super().sort_key(item, column)


class AddDayDialog(QDialog):
    """Date, day off or working day, reason, the decree; errors shown on their field."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changes = Changes()
        self.setObjectName("addCalendarDay")
        self.setWindowTitle(_("Add a transferred day"))
        self.errors = FieldErrors()
        form = QFormLayout()
        today = ctx.now().date()
        self.day = date_field(self, name="day", today=today)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in (DAY_OFF, WORKING_DAY):
            self.kind.addItem(active().gettext(days.KIND_LABELS[kind]), kind)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(_("e.g. the day off moved from Saturday 2 May"))
        self.source = QLineEdit(self)
        self.source.setObjectName("source")
        self.source.setPlaceholderText(_("e.g. Government decree No. 5 of 12.01.2027 on the "
                                         "transfer of days off"))
        for key, label, widget in (("day", _("Date:"), self.day), ("kind", _("The day is:"),
                                                                     self.kind),
                                   ("reason", _("Reason:"), self.reason),
                                   ("source", _("Source:"), self.source)):
            error = ErrorLabel(self)
            self.errors.add(key, widget, error)
            form.addRow(label, with_error_label(widget, error))
        self.source.textEdited.connect(lambda _t: self.errors.clear())
        buttons, self.save_button = save_cancel(self, name="saveDay")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def draft(self) -> DayDraft:
        return DayDraft(self.day.date().toPython(), self.kind.currentData(), self.reason.text(),
                        self.source.text())

    def save(self) -> None:
        self.errors.clear()
        try:
            _stored, self.changes = days.add_day(self.ctx, self.draft())
        except ValidationError as exc:
            if not self.errors.show(exc.field, exc.message()):
                show_error(self, exc)
            return
        except AppError as exc:
            show_error(self, exc)
            return
        self.accept()


class CalendarDaysPanel(QGroupBox):
    """The list of transferred days with Add… and Remove (administrators only)."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Working calendar: transferred days off and working days"), parent)
        self.ctx = ctx
        self.setObjectName("calendarDays")
        self.model = DaysModel(self)
        self.view, self.proxy = make_table(self.model, self, name="calendarDaysTable",
                                           sort_column=0)
        refused = permissions.change_parameters(ctx)
        self.add_button = QPushButton(_("Add a day…"), self)
        self.add_button.setObjectName("addDay")
        self.add_button.clicked.connect(self.add_day)
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setObjectName("removeDay")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.remove_button):
            gate(button, refused)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(days.entries(self.ctx))
        self.view.resizeColumnsToContents()

    def selected(self) -> StoredDay | None:
        index = self.view.currentIndex()
        return self.proxy.item_at(index.row()) if index.isValid() else None

    def add_day(self) -> AddDayDialog:
        dialog = AddDayDialog(self.ctx, self)

        def done(code: int) -> None:
            if code == QDialog.DialogCode.Accepted and dialog.changes:
                self.reload()
                self.changed.emit(dialog.changes)

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        try:
            changes = days.remove_day(self.ctx, item.uuid)
        except AppError as exc:
            show_error(self, exc)
            return
        self.reload()
        self.changed.emit(changes)
