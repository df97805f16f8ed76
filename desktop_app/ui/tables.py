"""Table views set up the same way everywhere: a model behind a sorting proxy, whole-row
selection, and the keyboard (`keyboard_table`): Tab leaves the table in one press, and the
current row is chosen and scrolled into view when the table takes the focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.ui.models import TableProxy

# Columns fit the rows on screen and this many more: Qt's default (1000) asks a model of
# thousands of rows for ~1000 × columns cells on every refit, the main cost of opening a page.
SIZE_SAMPLE_ROWS = 60


class _ShowCurrentRow(QObject):
    """On focus-in: a table with rows but no chosen one chooses its current (else first) row,
    and the chosen row is scrolled into view, so the person sees where the keys act."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QAbstractItemView):
            show_current_row(watched)
        return False


def show_current_row(view: QAbstractItemView) -> None:
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or model.rowCount() == 0:
        return
    rows = selection.selectedRows()
    index = view.currentIndex()
    if rows:
        index = rows[0] if not index.isValid() or index.row() != rows[0].row() else index
    else:
        if not index.isValid():
            index = model.index(0, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
    view.scrollTo(index)


def keyboard_table(view: QAbstractItemView) -> QAbstractItemView:
    """Tab moves the focus to the next widget (not cell to cell); the current row shows."""
    view.setTabKeyNavigation(False)
    shower = _ShowCurrentRow(view)
    view.installEventFilter(shower)
    return view


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
    keyboard_table(view)
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
