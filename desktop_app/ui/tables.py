"""Table views set up the same way everywhere: a model behind a sorting proxy, whole-row
selection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.ui.models import TableProxy

# Columns fit the rows on screen and this many more: Qt's default (1000) asks a model of
# thousands of rows for ~1000 × columns cells on every refit, the main cost of opening a page.
SIZE_SAMPLE_ROWS = 60


def make_table(model, parent: QWidget, *, name: str, sort_column: int = -1,
               order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
               stretch: int | None = None) -> tuple[QTableView, TableProxy]:
    """A sortable, row-selecting table view over `model` through a TableProxy.

    `sort_column` -1 keeps the model's own order until the person clicks a header; `stretch`
    names a column that takes the spare width and wraps (long document names), the rest fit.
    """
    proxy = TableProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, order)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
    view.verticalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
    if stretch is None:
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    else:
        view.setWordWrap(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view, proxy


def selected_row(view: QTableView, *, or_only_row: bool = False) -> int | None:
    """The selected row of the view (its proxy's row), or — with `or_only_row` — the single row of
    a one-row table, which needs no selecting; None when nothing is chosen."""
    rows = view.selectionModel().selectedRows()
    if rows:
        return rows[0].row()
    return 0 if or_only_row and view.model().rowCount() == 1 else None
