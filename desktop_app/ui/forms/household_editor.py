"""HouseholdEditor: the household (отбасы) taken with an application — address, household-book
reference, farm, and a model/view table of members edited through `MemberDialog`.

UI layer: imports PySide6, domain (household), services (via the dialog), ui labels and widgets.
Row 0 is always the applicant, whose identity comes from the reception form.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from desktop_app.context import AppContext
from desktop_app.domain.household import (
    Household, Member, Person, Relation, previous_quarter, quarter_months,
)
from desktop_app.i18n import _, active
from desktop_app.ui.forms.member_dialog import MemberDialog
from desktop_app.ui.labels import relation_label, statuses_text
from desktop_app.ui.tables import keyboard_table
from desktop_app.ui.widgets.field_error import ErrorLabel, FieldErrors, with_error_label

_Index = QModelIndex | QPersistentModelIndex


class MembersModel(QAbstractTableModel):
    """The members being entered (not yet saved, so rows hold Member objects, not ids)."""

    COLUMNS = ("name", "iin", "birth_date", "relation", "statuses", "income")

    def __init__(self, months, parent=None) -> None:
        super().__init__(parent)
        self._members: list[Member] = []
        self._errors: dict[int, str] = {}
        self._months = months

    def headers(self) -> list[str]:
        return [_("Name"), _("IIN"), _("Birth date"), _("Relation"), _("Statuses"),
                _("Income in the quarter")]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self._members[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            p = m.person
            if col == "name":
                return p.full_name or "—"
            if col == "iin":
                return p.iin or ""
            if col == "birth_date":
                return active().date(p.birth_date) if p.birth_date else ""
            if col == "relation":
                return relation_label(m.relation)
            if col == "statuses":
                return statuses_text(m.statuses, m.disability_group)
            if col == "income":
                return active().money(m.income_in(self._months))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "income":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if index.row() in self._errors:
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._errors[index.row()]
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#fde0e0"))
        return None

    # editing -----------------------------------------------------------------------------------
    def members(self) -> list[Member]:
        return list(self._members)

    def member(self, row: int) -> Member:
        return self._members[row]

    def set_members(self, members: list[Member]) -> None:
        self.beginResetModel()
        self._members = list(members)
        self._errors = {}
        self.endResetModel()

    def append(self, member: Member) -> int:
        row = len(self._members)
        self.beginInsertRows(QModelIndex(), row, row)
        self._members.append(member)
        self.endInsertRows()
        return row

    def replace(self, row: int, member: Member) -> None:
        self._members[row] = member
        self._errors.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._members[row]
        self._errors = {}
        self.endRemoveRows()

    def set_error(self, row: int, message: str) -> None:
        self._errors[row] = message
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def clear_errors(self) -> None:
        if self._errors:
            self._errors = {}
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(max(0, len(self._members) - 1), len(self.COLUMNS) - 1))


class HouseholdEditor(QWidget):
    """Members, incomes, address and farm of the applicant's household. `changed` on every edit."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.months = quarter_months(*previous_quarter(ctx.now().date()))
        self._id: int | None = None
        self._uuid: str | None = None
        self._farm_notes = ""
        self.errors = FieldErrors()

        self.address = QLineEdit(self)
        self.address.setPlaceholderText(_("Village, street, house"))
        self.book_ref = QLineEdit(self)
        self.book_ref.setPlaceholderText(_("e.g. book 3, page 41"))
        self.has_farm = QCheckBox(_("The household has a personal subsidiary &farm"), self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        address_label = QLabel(_("Household a&ddress:"), self)
        address_label.setBuddy(self.address)
        self.address_error = ErrorLabel(self)
        form.addRow(address_label, with_error_label(self.address, self.address_error))
        book_label = QLabel(_("Household &book entry:"), self)
        book_label.setBuddy(self.book_ref)
        book_row = QHBoxLayout()
        book_row.addWidget(self.book_ref, 1)
        book_row.addWidget(self.has_farm)
        form.addRow(book_label, book_row)
        self.errors.add("household.address", self.address, self.address_error)

        self.model = MembersModel(self.months, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        keyboard_table(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.table.doubleClicked.connect(lambda idx: self.edit_member(idx.row()))
        self.table.activated.connect(lambda idx: self.edit_member(idx.row()))
        self.table_error = ErrorLabel(self)
        self.errors.add("household", self.table, self.table_error)

        self.add_button = QPushButton(_("&Add member…"), self)
        self.add_button.setToolTip(_("Add a household member (Ctrl+M)"))
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.remove_button = QPushButton(_("&Remove"), self)
        self.add_button.clicked.connect(self.open_add_dialog)
        self.edit_button.clicked.connect(lambda: self.edit_member(self.current_row()))
        self.remove_button.clicked.connect(lambda: self.remove_member(self.current_row()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.quarter_label = QLabel(self)
        buttons.addWidget(self.quarter_label)
        year, q = previous_quarter(ctx.now().date())
        self.quarter_label.setText(_("Incomes of quarter {quarter} of {year}").format(
            quarter=q, year=year))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        lay.addWidget(self.table)
        lay.addWidget(self.table_error)
        lay.addLayout(buttons)
        for sig in (self.address.textEdited, self.book_ref.textEdited, self.has_farm.toggled):
            sig.connect(self.changed)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.clear()

    # loading -------------------------------------------------------------------------------------
    def clear(self, applicant: Person | None = None) -> None:
        self._id, self._uuid, self._farm_notes = None, None, ""
        self.address.clear()
        self.book_ref.clear()
        self.has_farm.setChecked(False)
        self.model.set_members([Member(applicant or Person("", ""), Relation.APPLICANT)])
        self._choose_applicant()
        self.clear_errors()
        self._update_buttons()
        self.changed.emit()

    def load(self, household: Household, applicant: Person) -> None:
        """Show a registered household; the applicant's own row is moved first."""
        self._id, self._uuid, self._farm_notes = household.id, household.uuid, household.farm_notes
        self.address.setText(household.address)
        self.book_ref.setText(household.book_ref)
        self.has_farm.setChecked(household.has_farm)
        own = [m for m in household.members if m.person.id == applicant.id]
        others = [m for m in household.members if m.person.id != applicant.id]
        first = (dataclasses.replace(own[0], person=applicant) if own
                 else Member(applicant, Relation.APPLICANT))
        self.model.set_members([first, *others])
        self._choose_applicant()
        self.clear_errors()
        self._update_buttons()
        self.changed.emit()

    def set_applicant(self, applicant: Person) -> None:
        """Show the applicant's current name in row 0 (the form owns the identity)."""
        self.model.replace(0, dataclasses.replace(self.model.member(0), person=applicant))

    def household(self, applicant: Person) -> Household:
        """The household to save; member 0 holds `applicant` itself (the draft relies on it)."""
        members = self.model.members()
        members[0] = dataclasses.replace(members[0], person=applicant)
        return Household(address=self.address.text().strip(), members=members,
                         book_ref=self.book_ref.text().strip(), has_farm=self.has_farm.isChecked(),
                         farm_notes=self._farm_notes, id=self._id, uuid=self._uuid)

    def household_id(self) -> int | None:
        return self._id

    def _choose_applicant(self) -> None:
        """The applicant's row is the current one, so Edit (Alt+letter) opens the applicant's
        statuses and incomes without a mouse."""
        self.table.setCurrentIndex(self.model.index(0, 0))

    # members -------------------------------------------------------------------------------------
    def current_row(self) -> int:
        idx = self.table.currentIndex()
        return idx.row() if idx.isValid() else -1

    def member_dialog(self, row: int | None = None) -> MemberDialog:
        """The dialog for a new member (row None) or for row `row`; not shown yet."""
        member = self.model.member(row) if row is not None else None
        dlg = MemberDialog(self._ctx, self.months, member, is_applicant=row == 0, parent=self)
        if member is None:
            has_spouse = any(m.relation == Relation.SPOUSE for m in self.model.members())
            dlg.set_relation(Relation.CHILD if has_spouse else Relation.SPOUSE)
        return dlg

    def open_add_dialog(self) -> None:
        dlg = self.member_dialog()
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.add_member(dlg.member())
        self.add_button.setFocus()

    def edit_member(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        dlg = self.member_dialog(row)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.replace_member(row, dlg.member())

    def add_member(self, member: Member) -> int:
        row = self.model.append(member)
        self.table.selectRow(row)
        self.errors.clear("household")
        self.changed.emit()
        return row

    def replace_member(self, row: int, member: Member) -> None:
        if row == 0:  # the identity stays the form's
            member = dataclasses.replace(member, person=self.model.member(0).person)
        self.model.replace(row, member)
        self.changed.emit()

    def remove_member(self, row: int) -> None:
        if row <= 0 or row >= self.model.rowCount():
            return  # the applicant stays
        self.model.remove(row)
        self._update_buttons()
        self.changed.emit()

    def total_income(self) -> Decimal:
        return sum((m.income_in(self.months) for m in self.model.members()), Decimal(0))

    # errors --------------------------------------------------------------------------------------
    def show_error(self, field: str, message: str) -> QWidget | None:
        """Show a draft error ("household.address", "members[2].iin", ...); return the widget."""
        if field.startswith("members["):
            row = int(field[len("members["):field.index("]")])
            self.model.set_error(row, message)
            self.table_error.show_message(message)
            self.table.selectRow(row)
            return self.table
        if self.errors.show(field, message):
            return self.errors.widget(field)
        return None

    def clear_errors(self) -> None:
        self.errors.clear()
        self.model.clear_errors()
        self.table_error.show_message("")

    def focus_widgets(self) -> list[QWidget]:
        return [self.address, self.book_ref, self.has_farm, self.table, self.add_button,
                self.edit_button, self.remove_button]

    def _update_buttons(self, *args) -> None:
        row = self.current_row()
        self.edit_button.setEnabled(row >= 0)
        self.remove_button.setEnabled(row > 0)
