"""Tables and the keyboard: Tab leaves a table in one press (the focus goes to the next widget,
not from cell to cell), and a table taking the focus chooses its current row and shows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.ui.pages.households import HouseholdsPage


def _active(qtbot, widget) -> None:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def test_tab_leaves_the_households_table_in_one_press(qtbot, demo_ctx):
    page = HouseholdsPage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    _active(qtbot, page)
    assert page.model.rowCount() > 3
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.table
    assert not page.table.isAncestorOf(QApplication.focusWidget())


def test_a_table_taking_the_focus_shows_its_current_row(qtbot, demo_ctx):
    page = HouseholdsPage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1300, 400)       # fewer rows on screen than the list holds
    _active(qtbot, page)
    view = page.table
    view.clearSelection()
    last = page.proxy.index(page.proxy.rowCount() - 1, 0)
    view.selectionModel().setCurrentIndex(last, view.selectionModel().SelectionFlag.NoUpdate)
    view.scrollToTop()
    assert not view.viewport().rect().intersects(view.visualRect(last))
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Tab)
    assert view.hasFocus()
    assert [i.row() for i in view.selectionModel().selectedRows()] == [last.row()]
    assert view.viewport().rect().intersects(view.visualRect(last))   # scrolled to it
    qtbot.keyClick(view, Qt.Key.Key_Up)          # the arrows go on from the row that is shown
    assert view.selectionModel().selectedRows()[0].row() == last.row() - 1


def test_an_empty_selection_chooses_the_first_row(qtbot, demo_ctx):
    page = HouseholdsPage(demo_ctx)
    qtbot.addWidget(page)
    _active(qtbot, page)
    page.table.selectionModel().clear()
    field = QLineEdit(page)
    field.setFocus()
    page.table.setFocus(Qt.FocusReason.TabFocusReason)
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [0]


def test_every_table_is_set_up_for_the_keyboard():
    """Every table view of the interface goes through tables.keyboard_table (make_table calls
    it): a view made anywhere else must call it too."""
    root = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "QTableView(" in text or "QTableWidget(" in text:
            assert "keyboard_table(" in text, path
