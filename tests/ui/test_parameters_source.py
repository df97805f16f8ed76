"""The Parameters page says where each value came from: the data file, this office or the
district (with its code), read from parameter_values.origin / origin_code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from desktop_app.domain.parameters import ParamValue
from desktop_app.i18n import active
from desktop_app.services import auth
from desktop_app.services import parameters as params
from desktop_app.store import parameter_values
from desktop_app.ui.pages.parameters import ParametersPage


def _add(ctx, year: int, origin: str, code: str) -> str:
    version = params.version_for("poverty_line", "karaganda", dt.date(year, 1, 1), origin)
    value = ParamValue(name="poverty_line", value=Decimal(40000 + year), version=version,
                       valid_from=dt.date(year, 1, 1), valid_to=dt.date(year, 12, 31),
                       region="karaganda", source="order 1")
    with ctx.db.conn:
        parameter_values.insert(ctx.db, value, now="2026-11-18T10:00:00", user="admin")
        ctx.db.execute("UPDATE parameter_values SET origin = ?, origin_code = ? "
                       "WHERE version = ?", [origin, code, version])
    return version


def test_history_names_the_source(qtbot, ctx):
    auth.act_as(ctx, "admin")
    office = _add(ctx, 2027, "office", "")
    district = _add(ctx, 2028, "district", "KRG-AB")
    ctx.parameters = params.merged(ctx.db, params._shipped(ctx))
    rows = {r.value.version: r for r in params.history(ctx, "poverty_line")}
    assert rows[office].origin == params.OFFICE
    assert (rows[district].origin, rows[district].origin_code) == (params.DISTRICT, "KRG-AB")
    page = ParametersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.select("poverty_line")
    model = page.history
    t = active()
    assert model.headerData(5, Qt.Orientation.Horizontal) == t.gettext("Source")
    by_version = {model.index(r, 4).data(): model.index(r, 5).data()
                  for r in range(model.rowCount())}
    assert by_version[office] == t.gettext("this office")
    assert by_version[district] == t.gettext("district {code}").format(code="KRG-AB")
    assert by_version["karaganda-2026Q4-derived"] == t.gettext("data file")
    page.grab().save("/tmp/p4/parameters.png")


def test_the_legal_note_is_in_the_users_language_and_a_typed_one_as_typed(qtbot, ctx):
    from desktop_app.i18n import Translator, install

    auth.act_as(ctx, "admin")
    office = _add(ctx, 2027, "office", "")
    ctx.parameters = params.merged(ctx.db, params._shipped(ctx))
    try:
        for lang, shipped in (("kk", "Есептеп шығарылған: 2026 жылға арналған"),
                              ("ru", "Расчётное значение: 70 % величины прожиточного минимума")):
            install(Translator(lang))
            page = ParametersPage(ctx)
            qtbot.addWidget(page)
            page.select("poverty_line")
            model = page.history
            assert model.headerData(6, Qt.Orientation.Horizontal) == active().gettext(
                "Legal basis")
            rows = {model.index(r, 4).data(): r for r in range(model.rowCount())}
            cell = model.index(rows["karaganda-2026Q4-derived"], 6)
            assert cell.data().startswith(shipped), cell.data()
            assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data()
            assert "derived" not in cell.data()
            assert model.index(rows[office], 6).data() == "order 1"   # typed: shown as typed
    finally:
        install(Translator("kk"))
