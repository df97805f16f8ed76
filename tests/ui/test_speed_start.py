"""Start-up does only what the first screen needs: pages are built when first shown, columns fit
a sample of rows, ReportLab waits for the first paper, and the whole-file check runs after the
window with writes held until it passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from desktop_app.services import Changes
from desktop_app.ui import main_window as mw
from desktop_app.ui.tables import SIZE_SAMPLE_ROWS, make_table


def test_pages_are_built_when_first_shown(qtbot, demo_ctx, monkeypatch):
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    keys = list(window.pages)
    assert len(keys) > 3 and window.stack.count() == window.nav.count() == len(keys)
    assert list(window.built) == [keys[0]]  # only the page on screen
    assert "settings" in window.pages and "settings" not in window.built  # asking builds nothing
    assert window.stack.currentWidget() is window.built[keys[0]]
    window.show_page("applications")
    assert set(window.built) == {keys[0], "applications"}
    assert window.stack.currentWidget() is window.built["applications"]
    assert window.stack.count() == len(keys)
    # a page asked for by key is built then, and stays the same object
    settings = window.page("settings")
    assert settings is window.pages["settings"] is window.built["settings"]
    assert window.page("no-such-page") is None
    # a write's changes reach the pages built so far; the others read fresh data when built
    seen = []
    for key, page in window.built.items():
        monkeypatch.setattr(page, "on_changed", lambda c, k=key: seen.append(k))
    window.built["applications"].changed.emit(Changes(applications=frozenset({1})))
    assert sorted(seen) == sorted(window.built)


def test_the_main_window_loads_no_reportlab_until_a_paper(tmp_path):
    code = ("import sys; import desktop_app.ui.main_window; "
            "print('reportlab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"QT_QPA_PLATFORM": "offscreen",
                              "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
                         check=True)
    assert out.stdout.strip() == "False"


class _Counting(QAbstractTableModel):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows, self.calls = rows, 0

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else 4

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            self.calls += 1
            return f"row {index.row()} column {index.column()}" + "x" * (index.row() % 7)
        return None


def test_columns_fit_a_sample_of_the_rows(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    model = _Counting(20_000)
    view, _proxy = make_table(model, parent, name="big")
    parent.resize(800, 400)
    parent.show()
    model.calls = 0
    view.resizeColumnsToContents()
    # every row would be 80,000 calls; the visible rows and the sample are a few hundred
    assert 0 < model.calls <= 4 * (SIZE_SAMPLE_ROWS + 100)
    assert view.columnWidth(0) > view.fontMetrics().horizontalAdvance("row 0 column 0")


def test_a_file_found_damaged_after_the_window_opened_closes_it_unwritten(qtbot, demo_ctx,
                                                                          sync_tasks):
    from desktop_app.services.setup import open_context
    from desktop_app.ui.dialogs.startup import FileCheckInBackground
    from tests.conftest import fixed_clock
    from tests.unit.test_speed_paths import _damage_table

    folder = demo_ctx.data_dir
    demo_ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_ctx.close()
    path = folder / "akimat.sqlite3"
    _damage_table(path)
    before = path.read_bytes()
    ctx = open_context(folder, clock=fixed_clock, demo=False, check_later=True)
    try:
        window = mw.create_main_window(ctx)
        qtbot.addWidget(window)
        window.show()
        assert window.isVisible()
        check = FileCheckInBackground(ctx, sync_tasks)  # the sync runner: done at once
        assert check.damaged is not None and check.damaged.code == "damaged"
        assert not window.isVisible()  # closed: run_gui offers the latest good backup
    finally:
        ctx.close()
    assert path.read_bytes() == before
