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


def test_working_calendar_add_and_remove(qtbot, ctx):
    from desktop_app.domain.deadlines import compute_deadlines
    from tests.conftest import FIXED_NOW

    def forward_by():
        return compute_deadlines(ctx.catalogue.get("tsa"), FIXED_NOW, ctx.calendar).forward_by

    auth.act_as(ctx, "admin")
    page = ParametersPage(ctx)
    qtbot.addWidget(page)
    seen = []
    page.changed.connect(seen.append)
    panel = page.calendar
    assert panel.add_button.isEnabled() and panel.model.rowCount() == 0
    dialog = panel.add_day()
    dialog.day.setDate(QDate(2026, 11, 19))
    dialog.save()                                        # no decree named: refused on its field
    assert dialog.isVisible() and dialog.errors.widget("source").property("fieldError")
    dialog.source.setText("Government decree No. 1 of 05.01.2026 (test)")
    dialog.save()
    assert not dialog.isVisible() and panel.model.rowCount() == 1 and seen[-1].settings
    assert forward_by() == dt.date(2026, 11, 24)
    actions = [r[0] for r in ctx.db.execute("SELECT action FROM audit_log ORDER BY id DESC"
                                            " LIMIT 1")]
    assert actions == ["calendar_day.add"]
    panel.view.selectRow(0)
    panel.remove_selected()
    assert panel.model.rowCount() == 0 and forward_by() == dt.date(2026, 11, 23)

    auth.act_as(ctx, "akim")
    other = ParametersPage(ctx)
    qtbot.addWidget(other)
    assert not other.calendar.add_button.isEnabled()
    assert not other.calendar.remove_button.isEnabled()
