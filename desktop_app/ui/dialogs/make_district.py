""""Set up as a district office": turns an empty data folder into the district's desk (its code and
name, a new key) through services.district.make_district; the main window then shows the district
pages. The person doing it also gets the district operator role, so they can record decisions.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.domain.roles import Action, Role
from desktop_app.i18n import _
from desktop_app.services import Changes, auth, district, guard
from desktop_app.ui.dialogs.save_dialog import SaveDialog

log = logging.getLogger(__name__)


def can_make_district(ctx: AppContext) -> bool:
    """Only an administrator, only in a folder that holds no village's applications."""
    from desktop_app.services.district import holds_applications
    from desktop_app.services.sync_plan import mode

    if mode(ctx) == "district" or not guard.can(ctx, Action.OFFICE_SETUP):
        return False
    return not holds_applications(ctx)


class MakeDistrictDialog(SaveDialog):
    """The district's code and name in both languages."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("makeDistrictDialog")
        self.setWindowTitle(_("Set up as a district office"))
        explain = QLabel(_("This data folder becomes the district's desk: it receives the village "
                           "offices' batches, records decisions and writes return batches. Do "
                           "this only in a new, empty folder; it cannot be undone here."), self)
        explain.setWordWrap(True)
        self.layout_.addWidget(explain)
        self.code = QLineEdit(self)
        self.code.setObjectName("districtCode")
        self.code.setPlaceholderText("KRG-ABAY-OZSP")
        self.name_kk = QLineEdit(self)
        self.name_kk.setObjectName("nameKk")
        self.name_ru = QLineEdit(self)
        self.name_ru.setObjectName("nameRu")
        self.add_field("code", _("District office code:"), self.code)
        self.add_field("name_kk", _("Name (Kazakh):"), self.name_kk)
        self.add_field("name_ru", _("Name (Russian):"), self.name_ru)
        self.finish_layout()

    def save(self) -> Changes:
        name = {"kk": self.name_kk.text().strip(), "ru": self.name_ru.text().strip()}
        changes = district.make_district(self.ctx, self.code.text(), name)
        user = self.ctx.user
        if Role.DISTRICT not in user.roles and guard.can(self.ctx, Action.MANAGE_USERS):
            roles = set(user.roles) | {Role.DISTRICT.value}
            try:
                auth.set_roles(self.ctx, user.login, roles)
            except AppError:  # the district is set up; the role can be given in Users later
                log.warning("could not give %s the district role", user.login, exc_info=True)
            else:  # the signed-in user now holds the role stored for them
                self.ctx.user = dataclasses.replace(user, roles=frozenset(roles))
        return changes


def open_make_district(ctx: AppContext, parent: QWidget, on_saved) -> MakeDistrictDialog:
    dialog = MakeDistrictDialog(ctx, parent)
    dialog.saved.connect(on_saved)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
