"""The household card's book: the "Household book" menu of changes (add a member, statuses and
incomes, left the household, make head, correct details, address) and the tables of those who
left and of the household's history. Calls services.household_book; emits what changed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton, QWidget

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.domain.household import Household, Member, previous_quarter, quarter_months
from desktop_app.i18n import N_, _, active
from desktop_app.services import household_book as book
from desktop_app.services import permissions
from desktop_app.ui.errors import show_error
from desktop_app.ui.models import RowsModel
from desktop_app.ui.permits import allow, gate

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

# the audit actions the household's history shows, in words
HISTORY_LABELS = {
    "household.create": N_("Household registered"),
    "household.update": N_("Household saved with an application"),
    "household.add_member": N_("Member added"),
    "household.member_left": N_("Left the household"),
    "household.address": N_("Address changed"),
    "household.head": N_("Head of the household changed"),
    "household.member": N_("Statuses and incomes"),
    "person.create": N_("Person registered"),
    "person.update": N_("Person's details saved"),
    "person.correct": N_("Person's details corrected"),
}


def _when(stamp: str) -> str:
    try:
        return active().datetime(dt.datetime.fromisoformat(stamp))
    except ValueError:
        return stamp


class FormerMembersModel(RowsModel):
    headers = (N_("Name"), N_("Birth date"), N_("Left on"), N_("Why"))

    def id_of(self, item: book.FormerMember) -> int | None:
        return item.person.id

    def display(self, item: book.FormerMember, column: int) -> str:
        t = active()
        if column == 0:
            return item.person.full_name
        if column == 1:
            return t.date(item.person.birth_date) if item.person.birth_date else ""
        if column == 2:
            return t.date(item.left_on) if item.left_on else ""
        reason = book.LEFT_LABELS.get(book.LeftReason(item.reason)) if item.reason else None
        return _(reason) if reason else ""


class HistoryModel(RowsModel):
    headers = (N_("When"), N_("Who"), N_("What"), N_("Concerns"))

    def id_of(self, item: book.HistoryEntry) -> Any:
        return None

    def display(self, item: book.HistoryEntry, column: int) -> str:
        if column == 0:
            return _when(item.at)
        if column == 1:
            return item.user
        if column == 2:
            label = HISTORY_LABELS.get(item.action)
            return _(label) if label else item.action
        return item.who

    def sort_key(self, item: book.HistoryEntry, column: int) -> Any:
        return item.at if column == 0 else super().sort_key(item, column)


class HouseholdBookButton(QToolButton):
    """The "Household book" menu; `household` and `selected` come from the card."""

    changed = Signal(object)  # Changes

    ACTIONS = (
        ("add", N_("&Add a member…"), False),
        ("member", N_("&Statuses and incomes…"), True),
        ("left", N_("&Left the household…"), True),
        ("head", N_("Make &head of the household"), True),
        ("correct", N_("&Correct the person's details…"), True),
        ("address", N_("Change the a&ddress…"), False),
    )

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("householdBook")
        self.setText(_("Household &book"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.household: Household | None = None
        self.selected: Member | None = None
        self.dialog = None   # the dialog open now (tests drive it)
        menu = QMenu(self)
        self.actions_: dict[str, QAction] = {}
        for key, label, _needs_member in self.ACTIONS:
            action = menu.addAction(_(label))
            action.setObjectName(f"book_{key}")
            action.triggered.connect(lambda _c=False, k=key: self.run(k))
            self.actions_[key] = action
        self.setMenu(menu)
        self.may_edit = gate(self, permissions.edit_household(ctx))
        self.update_state(None, None)

    def update_state(self, household: Household | None, selected: Member | None) -> None:
        self.household, self.selected = household, selected
        allow(self, household is not None)
        for key, _label, needs_member in self.ACTIONS:
            self.actions_[key].setEnabled(not needs_member or selected is not None)

    def run(self, key: str):
        """Open the action's dialog (or ask, for "make head"); returns the dialog when one opens."""
        hh, member = self.household, self.selected
        if hh is None or hh.id is None or not self.may_edit:
            return None
        from desktop_app.ui.dialogs import household_book as dialogs
        from desktop_app.ui.forms.member_dialog import MemberDialog

        if key == "head":
            if member is None:
                return None
            answer = QMessageBox.question(self, _("Head of the household"), _(
                "Make {name} the head of the household?").format(name=member.person.full_name))
            if answer == QMessageBox.StandardButton.Yes:
                self._save(lambda: book.change_head(self.ctx, hh.id, member.person.id))
            return None
        if key in ("add", "member"):
            year, q = previous_quarter(self.ctx.now().date())
            months = quarter_months(year, q)
            dialog = MemberDialog(self.ctx, months, member if key == "member" else None,
                                  identity_locked=key == "member", parent=self)
            dialog.accepted.connect(lambda d=dialog, k=key, y=year, qq=q: self._member_saved(
                k, d, y, qq))
        elif member is None and key != "address":
            return None
        elif key == "left":
            dialog = dialogs.MemberLeftDialog(self.ctx, member.person, self)
        elif key == "correct":
            dialog = dialogs.PersonCorrectionDialog(self.ctx, member.person, self)
        else:
            dialog = dialogs.AddressDialog(self.ctx, hh, self)
        if hasattr(dialog, "saved"):
            dialog.saved.connect(self.changed)
        self.dialog = dialog
        dialog.setModal(True)
        dialog.show()
        return dialog

    def _member_saved(self, key: str, dialog, year: int, quarter: int) -> None:
        hh = self.household
        assert hh is not None and hh.id is not None
        member = dialog.member()
        if key == "add":
            self._save(lambda: book.add_member(self.ctx, hh.id, member))
            return
        months = set(quarter_months(year, quarter))
        incomes = [i for i in member.incomes if i.month in months]
        self._save(lambda: book.update_member(
            self.ctx, member.person.id, year=year, quarter=quarter, incomes=incomes,
            statuses=member.statuses, disability_group=member.disability_group))

    def _save(self, call) -> None:
        try:
            changes = call()
        except AppError as exc:
            show_error(self, exc)
            return
        self.changed.emit(changes)
