"""The Parameters page: shown to administrators only, a history table per parameter, and "Add
value" with inline validation (an overlap is refused on its field, nothing written)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from desktop_app.services import auth
from desktop_app.ui.pages.parameters import ParametersPage
from desktop_app.ui.pages.registry import pages_for


def count(ctx) -> int:
    return ctx.db.execute("SELECT count(*) FROM parameter_values").fetchone()[0]


def test_page_shown_to_administrators_only(ctx):
    auth.act_as(ctx, "admin")
    assert "parameters" in [p.key for p in pages_for(ctx)]
    auth.act_as(ctx, "specialist")
    assert "parameters" not in [p.key for p in pages_for(ctx)]


def test_history_and_add_value(qtbot, ctx, tmp_path):
    auth.act_as(ctx, "admin")
    page = ParametersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    seen = []
    page.changed.connect(seen.append)
    page.select("poverty_line")
    assert page.current_name() == "poverty_line"
    versions = [r.value.version for r in page.history.rows()]
    assert "karaganda-2026Q4-derived" in versions
    page.grab().save(str(tmp_path / "page.png"))

    dialog = page.add_value()
    assert dialog.name.currentData() == "poverty_line"
    assert dialog.region.currentData() == "karaganda"
    dialog.value.setText("35000")
    dialog.valid_from.setDate(QDate(2026, 11, 1))          # inside the shipped Q4 value
    dialog.valid_to.setDate(QDate(2027, 1, 31))
    dialog.source.setText("resolution No. 1")
    dialog.save()
    assert dialog.isVisible() and count(ctx) == 0
    assert dialog.errors.widget("valid_from").property("fieldError")

    dialog.valid_from.setDate(QDate(2027, 1, 1))
    dialog.valid_to.setDate(QDate(2027, 3, 31))
    dialog.value.setText("")
    dialog.save()
    assert dialog.errors.widget("value").property("fieldError") and count(ctx) == 0
    dialog.value.setText("35000")
    dialog.save()
    assert not dialog.isVisible() and count(ctx) == 1
    assert seen and seen[0].settings
    rows = {r.value.version: r for r in page.history.rows()}
    assert rows["office-karaganda-2027-01-01"].origin == "office"
    assert ctx.parameters.value("poverty_line", dt.date(2027, 2, 1), "karaganda").value == 35000


def test_application_details_name_the_parameter_versions(qtbot, ctx):
    from desktop_app.services.intake import take_application
    from desktop_app.ui.dialogs.application_details import ApplicationDetailsDialog
    from tests.unit.test_services import tsa_draft

    app, _ = take_application(ctx, tsa_draft(ctx))
    dialog = ApplicationDetailsDialog(ctx, app.id)
    qtbot.addWidget(dialog)
    assert any("karaganda-2026Q4-derived" in line for line in dialog.precheck_lines)
