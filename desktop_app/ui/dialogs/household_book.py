"""The household book's dialogs: a member who left (moved out or died), the household's address,
a person's details corrected (an IIN only with a reason), and the menu of book actions that the
household card shows. Each dialog saves through its one service call.

Imports services.household_book and ui helpers only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop_app.context import AppContext
from desktop_app.domain.household import Household, Person
from desktop_app.i18n import _
from desktop_app.services import household_book as book
from desktop_app.ui.dialogs.save_dialog import SaveDialog, date_edit
from desktop_app.ui.forms.member_dialog import date_of, fill_sex_combo, make_date_edit, set_date


class MemberLeftDialog(SaveDialog):
    """The member moved out or died: the date and the reason; the person is never deleted."""

    def __init__(self, ctx: AppContext, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("memberLeftDialog")
        self.setWindowTitle(_("Left the household"))
        self.person = person
        head = QLabel("<b>{}</b><br>{}".format(person.full_name, _(
            "The person stays in the book, shown among those who left, and is no longer counted "
            "in the household.")), self)
        head.setWordWrap(True)
        self.layout_.addWidget(head)
        self.reason = QComboBox(self)
        self.reason.setObjectName("leftReason")
        for value, msgid in book.LEFT_LABELS.items():
            self.reason.addItem(_(msgid), value.value)
        self.add_field("reason", _("&Why:"), self.reason)
        self.on = date_edit(ctx, self, "leftOn")
        self.add_field("on", _("&Date:"), self.on)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note.setMaxLength(300)
        self.note.setPlaceholderText(_("e.g. the death certificate or the new address"))
        self.add_field("note", _("&Note:"), self.note)
        self.finish_layout()

    def save(self):
        return book.member_left(self.ctx, self.person.id, on=self.on.date().toPython(),
                                reason=self.reason.currentData(), note=self.note.text())


class AddressDialog(SaveDialog):
    """The household's new address (members who lived at the old one move with it)."""

    def __init__(self, ctx: AppContext, household: Household,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("addressDialog")
        self.setWindowTitle(_("The household's address"))
        self.household = household
        self.address = QLineEdit(household.address, self)
        self.address.setObjectName("address")
        self.address.setMaxLength(300)
        self.add_field("address", _("&Address:"), self.address)
        self.finish_layout()
        self.setMinimumWidth(560)

    def save(self):
        return book.change_address(self.ctx, self.household.id, self.address.text())


class PersonCorrectionDialog(SaveDialog):
    """A person's details corrected; a changed IIN needs the reason (the paper that proves it)."""

    def __init__(self, ctx: AppContext, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("personCorrectionDialog")
        self.setWindowTitle(_("Correct a person's details"))
        self.person = person
        self.fields: dict[str, QLineEdit] = {}
        for key, label, value, limit in (
                ("surname", _("&Surname:"), person.surname, 100),
                ("given_name", _("&Given name:"), person.given_name, 100),
                ("patronymic", _("&Patronymic:"), person.patronymic, 100),
                ("iin", _("&IIN:"), person.iin or "", 12)):
            edit = QLineEdit(value, self)
            edit.setObjectName(key)
            edit.setMaxLength(limit)
            self.fields[key] = edit
            self.add_field(key, label, edit)
        self.birth_date = make_date_edit(self, today=ctx.now().date())
        self.birth_date.setObjectName("birth_date")
        set_date(self.birth_date, person.birth_date)
        self.add_field("birth_date", _("&Birth date:"), self.birth_date)
        self.sex = QComboBox(self)
        fill_sex_combo(self.sex)
        self.sex.setCurrentIndex(max(self.sex.findData(person.sex.value if person.sex else None),
                                     0))
        self.add_field("sex", _("Se&x:"), self.sex)
        self.phone = QLineEdit(person.phone, self)
        self.phone.setMaxLength(50)
        self.add_field("phone", _("P&hone:"), self.phone)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(_("Needed when the IIN changes: the document that shows "
                                         "the right one"))
        self.add_field("reason", _("&Reason:"), self.reason)
        self.finish_layout()

    def save(self):
        changes = {key: edit.text() for key, edit in self.fields.items()}
        changes.update(birth_date=date_of(self.birth_date), sex=self.sex.currentData(),
                       phone=self.phone.text())
        return book.correct_person(self.ctx, self.person.id, changes, reason=self.reason.text())
