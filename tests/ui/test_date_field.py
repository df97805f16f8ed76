"""Dates are typed in one field stop as dd.mm.yyyy — also into an empty field — with real key
events, and the calendar opens near today when the field is empty. Every date field of the
application is the shared DateField."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop_app.ui.dialogs.save_dialog import date_edit
from desktop_app.ui.forms.member_dialog import make_date_edit
from desktop_app.ui.widgets.date_field import DateField

TODAY = dt.date(2026, 11, 18)


def _form(qtbot, field: DateField) -> tuple[QWidget, QLineEdit, QLineEdit]:
    """A field between two line edits, shown and active, the focus on the one before."""
    host = QWidget()
    qtbot.addWidget(host)
    before = QLineEdit(host)
    field.setParent(host)      # the tab order is the order of creation
    after = QLineEdit(host)
    layout = QVBoxLayout(host)
    for widget in (before, field, after):
        layout.addWidget(widget)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    before.setFocus()
    return host, before, after


@pytest.mark.parametrize("typed", ["05032026", "05.03.2026", "5.3.2026"])
@pytest.mark.parametrize("empty", [True, False])
def test_a_date_is_typed_in_one_stop(qtbot, typed, empty):
    field = make_date_edit(today=TODAY) if empty else DateField(today=TODAY)
    assert field.is_empty() is empty
    _host, before, after = _form(qtbot, field)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in (field, field.lineEdit())
    for ch in typed:
        qtbot.keyClick(QApplication.focusWidget(), ch)
    assert field.value() == dt.date(2026, 3, 5)
    assert field.text() == "05.03.2026"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)   # one Tab leaves the field
    assert QApplication.focusWidget() is after


def test_the_empty_field_stays_empty_until_a_digit(qtbot):
    field = make_date_edit(today=TODAY)
    _host, before, after = _form(qtbot, field)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after and field.value() is None and field.text() == "—"


@pytest.mark.parametrize("empty", [True, False])
def test_the_calendar_opens_on_today_when_empty(qtbot, empty):
    field = make_date_edit(today=TODAY)
    if not empty:
        field.set_value(dt.date(1984, 3, 12))
    _host, before, _after = _form(qtbot, field)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    shown = (calendar.yearShown(), calendar.monthShown())
    assert shown == ((2026, 11) if empty else (1984, 3))
    assert field.value() == (None if empty else dt.date(1984, 3, 12))  # opening chooses nothing
    inside = calendar.focusWidget() or calendar   # the calendar's table takes the keys
    qtbot.keyClick(inside, Qt.Key.Key_Right)
    qtbot.keyClick(inside, Qt.Key.Key_Return)   # Enter takes the day the arrows reached
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert field.value() == (dt.date(2026, 11, 19) if empty else dt.date(1984, 3, 13))


def test_the_calendar_opened_by_the_mouse_shows_today_too(qtbot):
    field = make_date_edit(today=TODAY)
    _host, _before, _after = _form(qtbot, field)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton,   # Qt's own arrow button
                     pos=QPoint(field.width() - 6, field.height() // 2))
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 11)
    calendar.window().hide()


def test_dialog_dates_use_the_shared_field(qtbot, ctx):
    host = QWidget()
    qtbot.addWidget(host)
    assert isinstance(date_edit(ctx, host, "x"), DateField)


def test_no_date_field_is_made_outside_the_shared_widget():
    """Every date is entered through DateField (the month picker of the timesheet, a month and
    not a date, is the one QDateEdit of its own)."""
    root = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
    makers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                    if "QDateEdit(" in p.read_text(encoding="utf-8"))
    assert makers == ["pages/public_works.py"]
