"""Words that used to stay in English: timesheet headers, parameter units, the income suffix."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from desktop_app.domain.household import previous_quarter, quarter_months
from desktop_app.i18n import Translator, install
from desktop_app.services import auth
from desktop_app.ui.forms.member_dialog import MemberDialog
from desktop_app.ui.pages.parameters import ParametersPage
from desktop_app.ui.pages.public_works import MonthModel, ParticipantsModel

CYRILLIC = re.compile("[а-яёәіңғүұқөһ]", re.IGNORECASE)


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_timesheet_headers_and_units_speak_the_language(qtbot, ctx):
    for lang in ("kk", "ru"):
        install(Translator(lang))
        for model in (MonthModel(ctx), ParticipantsModel(ctx)):
            names = headers(model)
            iin = Translator(lang).gettext("IIN")
            assert all(CYRILLIC.search(h) or h == iin for h in names), names
        auth.act_as(ctx, "admin")
        page = ParametersPage(ctx)
        qtbot.addWidget(page)
        units = {page.names.data(page.names.index(r, 1)) for r in range(page.names.rowCount())}
        assert units and not units & {"share", "years", "MCI", "KZT", "days", "group"}, units
        assert all(CYRILLIC.search(u) for u in units), units
        months = quarter_months(*previous_quarter(ctx.now().date()))
        dlg = MemberDialog(ctx, months)
        qtbot.addWidget(dlg)
        assert all(box.suffix() == " ₸" for box in dlg.income_boxes.values())
