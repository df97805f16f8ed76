"""The Reports page with pytest-qt: the village's page counts its own applications; the district's
page shows its offices, the chart of the months, its three lists, and saves the report as files."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop_app.ui.pages.registry import pages_for
from desktop_app.ui.pages.reports import ReportsPage, period_for
from tests.integration.test_reports_round_trip import build_three_villages


@pytest.fixture
def world(_template_dirs, tmp_path):
    villages, dist = build_three_villages(_template_dirs["empty"], tmp_path)
    yield villages, dist
    for ctx in (*villages, dist):
        ctx.close()


def _show_november(page: ReportsPage) -> None:
    page.start_edit.setDate(dt.date(2026, 11, 1))
    page.end_edit.setDate(dt.date(2026, 11, 30))
    assert page.period_box.currentData() == "dates"
    page.show_button.click()


def _column(page: ReportsPage, title: str) -> list[str]:
    model = page.model
    col = model.header.index(title)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_district_page(qtbot, world, tmp_path, monkeypatch):
    villages, dist = world
    assert "district_reports" in [p.key for p in pages_for(dist)]
    page = ReportsPage(dist)
    qtbot.addWidget(page)
    assert page.by_box.isVisibleTo(page)
    _show_november(page)
    assert _column(page, "Алынды") == ["5", "4", "3", "12"]
    assert _column(page, "Кешігіп жіберілді") == ["3", "2", "0", "5"]
    # late cells are red
    model = page.model
    late = model.header.index("Кешігіп жіберілді")
    assert model.data(model.index(0, late), 9) is not None          # ForegroundRole
    assert model.data(model.index(2, late), 9) is None
    # the chart: one category per month, three series
    [series] = page.chart.series()
    assert [s.label() for s in series.barSets()] == [
        "Алынды", "Мерзімінде жіберілді", "Кешігіп жіберілді"]
    assert [series.barSets()[0].at(0)] == [12.0]
    assert [page.lists.tabText(i) for i in range(3)] == [
        "Үнсіз аппараттар (3)", "Мерзімі өткен (6)", "Қайталама өтініштер (3)"]
    # by office and service, and one service only
    page.by_box.setCurrentIndex(page.by_box.findData("office_service"))
    page.service_box.setCurrentIndex(page.service_box.findData("tsa"))
    page.show_button.click()
    assert page.model.rowCount() == 4
    # saving: the file dialog answers a path without the suffix
    target = tmp_path / "district"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.export_buttons["xlsx"].click()
    assert (tmp_path / "district.xlsx").stat().st_size > 0
    assert "district.xlsx" in page.message.text()


def test_village_page(qtbot, world):
    villages, dist = world
    page = ReportsPage(villages[0])
    qtbot.addWidget(page)
    assert not page.by_box.isVisibleTo(page) and page.lists.count() == 0
    _show_november(page)
    assert _column(page, "Алынды") == ["4", "4"]
    assert all(b.isEnabled() for b in page.export_buttons.values())


def test_periods_of_the_picker():
    today = dt.date(2026, 1, 15)
    assert period_for("last_month", today).start == dt.date(2025, 12, 1)
    assert period_for("last_quarter", today).start == dt.date(2025, 10, 1)
    assert period_for("this_year", today).end == dt.date(2026, 12, 31)
