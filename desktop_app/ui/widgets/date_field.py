"""The one date field of the application: typed in one field stop as dd.mm.yyyy (digits straight
through, "05032026" or "05.03.2026"), also when it is empty; Tab leaves it at once; F4 or
Alt+Down opens the calendar, which shows today's month when the field is empty.

UI layer: imports PySide6 only.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

EMPTY_DATE = QDate(1900, 1, 1)  # shown as "—": a QDateEdit cannot be empty
DATE_FORMAT = "dd.MM.yyyy"
SEPARATORS = frozenset(".,/-")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QDateEdit):
    """A dd.MM.yyyy date field with a calendar pop-up.

    With `may_be_empty` the minimum date stands for "not entered" (shown "—"); the first digit
    typed into an empty field starts the date at its day, so the whole date goes in one burst.
    `today` is the office's today (the clock of the context), used for the empty field's calendar
    page and as the frame a date is typed over.
    """

    def __init__(self, parent: QWidget | None = None, *, today: dt.date | None = None,
                 may_be_empty: bool = False, value: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = _qdate(today) if today is not None else QDate.currentDate()
        self.may_be_empty = may_be_empty
        self._advanced = False  # the last digit filled its section and moved to the next
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.calendarWidget().installEventFilter(self)
        if may_be_empty:
            self.setMinimumDate(EMPTY_DATE)
            self.setSpecialValueText("—")
        self.set_value(value if value is not None or may_be_empty else today or dt.date.today())

    # value -------------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return self.may_be_empty and self.date() == EMPTY_DATE

    def value(self) -> dt.date | None:
        return None if self.is_empty() else self.date().toPython()

    def set_value(self, day: dt.date | None) -> None:
        if day is None:
            if self.may_be_empty:
                self.setDate(EMPTY_DATE)
            return
        self.setDate(_qdate(day))

    # typing ------------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        """Tab leaves the field instead of walking its day, month and year sections (a typed
        "." still moves on to the next section: Qt sends it through focusNextPrevChild)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier):
            forward = event.key() == Qt.Key.Key_Tab \
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(self, forward)
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        if event.reason() not in (Qt.FocusReason.MouseFocusReason,
                                  Qt.FocusReason.PopupFocusReason) and not self.is_empty():
            self._select_day()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down
                                    and mods & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            event.accept()
            return
        text = event.text()
        if text in SEPARATORS and self._advanced:
            # the section was full and the cursor already moved on: the typed "." is not a
            # second step (Qt would skip the month of "05.03.2026")
            self._advanced = False
            event.accept()
            return
        if self.is_empty() and text.isdigit() and not self.isReadOnly():
            # give the empty field today's frame, then the digits overwrite it from the day on
            self.setDate(self._today)
            self._select_day()
        section = self.currentSection()
        super().keyPressEvent(event)
        self._advanced = text.isdigit() and self.currentSection() != section

    def _select_day(self) -> None:
        self.setCurrentSection(QDateEdit.Section.DaySection)
        self.setSelectedSection(QDateEdit.Section.DaySection)

    # the calendar ------------------------------------------------------------------------------
    def show_calendar(self) -> None:
        """Open the calendar under the field from the keyboard (Qt opens it by mouse only)."""
        if self.isReadOnly() or not self.isEnabled():
            return
        calendar = self.calendarWidget()
        popup = calendar.window()
        self._turn_to_value(calendar)
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        popup.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _turn_to_value(self, calendar) -> None:
        """The calendar shows the field's date, or today's month for an empty field (not 1900)."""
        day = self._today if self.is_empty() else self.date()
        blocked = calendar.blockSignals(True)  # choosing a day is the person's, not ours
        calendar.setSelectedDate(day)
        calendar.blockSignals(blocked)
        calendar.setCurrentPage(day.year(), day.month())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show \
                and self.is_empty():
            self._turn_to_value(watched)
        return super().eventFilter(watched, event)


def date_field(parent: QWidget | None = None, *, name: str = "", today: dt.date | None = None,
               may_be_empty: bool = False, value: dt.date | None = None) -> DateField:
    """A DateField named `name` (objectName), starting at `value` — else empty when it may be,
    else today."""
    edit = DateField(parent, today=today, may_be_empty=may_be_empty, value=value)
    if name:
        edit.setObjectName(name)
    return edit
