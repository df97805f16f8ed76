"""ApplicantForm: the reception page's applicant step — IIN first; a registered person fills the
fields, otherwise they are typed in for a new person.

UI layer: imports PySide6, domain (household), i18n and ui widgets/forms.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QWidget

from desktop_app.context import AppContext
from desktop_app.domain.household import Person, Sex
from desktop_app.domain.iin import IinInfo
from desktop_app.i18n import _
from desktop_app.ui.forms.builder import fill_citizenship_combo
from desktop_app.ui.forms.member_dialog import date_of, fill_sex_combo, make_date_edit, set_date
from desktop_app.ui.widgets.field_error import ErrorLabel, FieldErrors, add_form_row
from desktop_app.ui.widgets.iin_edit import IinEdit


class ApplicantForm(QWidget):
    """Emits `found(Person | None)` when a valid IIN is looked up, `changed` on every edit."""

    found = Signal(object)
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._known: Person | None = None  # the registered person being edited, if any
        self.errors = FieldErrors()
        self.iin_edit = IinEdit(ctx, self)
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #5f6368; font-size: 9pt;")
        self.surname = QLineEdit(self)
        self.given_name = QLineEdit(self)
        self.patronymic = QLineEdit(self)
        self.birth_date = make_date_edit(self, today=ctx.now().date())
        self.sex = QComboBox(self)
        fill_sex_combo(self.sex)
        self.citizenship = QComboBox(self)
        fill_citizenship_combo(self.citizenship)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(_("Village, street, house"))
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText("+7 7__ ___ __ __")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row(left, _("&IIN (Ctrl+I):"), self.iin_edit, "iin", self.iin_edit.error_label)
        left.addRow("", self.status)
        self._row(left, _("&Surname:"), self.surname, "surname")
        self._row(left, _("&Given name:"), self.given_name, "given_name")
        self._row(left, _("&Patronymic:"), self.patronymic)
        self._row(right, _("&Birth date:"), self.birth_date, "birth_date")
        self._row(right, _("Se&x:"), self.sex)
        self._row(right, _("&Citizenship:"), self.citizenship, "citizenship")
        self._row(right, _("Addr&ess:"), self.address, "address")
        self._row(right, _("P&hone:"), self.phone)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.iin_edit.parsed.connect(self._parsed)
        self.iin_edit.invalid.connect(self._invalid)
        for edit in (self.surname, self.given_name, self.patronymic, self.address, self.phone):
            edit.textEdited.connect(self.changed)
        self.birth_date.dateChanged.connect(self.changed)
        self.sex.currentIndexChanged.connect(self.changed)
        self.citizenship.currentIndexChanged.connect(self.changed)

    def _row(self, form: QFormLayout, text: str, field: QWidget, name: str = "",
             label: ErrorLabel | None = None) -> None:
        add_form_row(form, self, self.errors, text, field, name, label)

    # IIN -----------------------------------------------------------------------------------------
    def _parsed(self, info: IinInfo, person: Person | None) -> None:
        self.errors.clear("birth_date")
        self._known = person
        if person is not None:
            self._fill(person)
            self.status.setText(_("Registered: {name}. Check the details.").format(
                name=person.full_name))
        else:
            set_date(self.birth_date, info.birth_date)
            self.sex.setCurrentIndex(max(0, self.sex.findData(info.sex.value)))
            self.status.setText(_("New person: enter the details."))
        self.found.emit(person)
        self.changed.emit()

    def _invalid(self, message: str) -> None:
        if self._known is not None:
            # Another number was typed: the fields no longer belong to the registered person.
            self._known = None
            self._fill(Person("", ""))
            self.found.emit(None)
        self.status.setText("")
        self.changed.emit()

    def _fill(self, p: Person) -> None:
        self.surname.setText(p.surname)
        self.given_name.setText(p.given_name)
        self.patronymic.setText(p.patronymic)
        set_date(self.birth_date, p.birth_date)
        self.sex.setCurrentIndex(max(0, self.sex.findData(p.sex.value if p.sex else None)))
        self.citizenship.setCurrentIndex(max(0, self.citizenship.findData(p.citizenship)))
        self.address.setText(p.address)
        self.phone.setText(p.phone)

    # reading --------------------------------------------------------------------------------------
    def known_person(self) -> Person | None:
        return self._known

    def person(self) -> Person:
        """The applicant as entered; a registered person keeps its id, uuid and legacy numbers."""
        sex = self.sex.currentData()
        fields = dict(surname=self.surname.text().strip(),
                      given_name=self.given_name.text().strip(),
                      patronymic=self.patronymic.text().strip(), iin=self.iin_edit.iin() or None,
                      birth_date=date_of(self.birth_date), sex=Sex(sex) if sex else None,
                      address=self.address.text().strip(), phone=self.phone.text().strip(),
                      citizenship=self.citizenship.currentData() or "citizen")
        if self._known is not None:
            return dataclasses.replace(self._known, **fields)
        return Person(**fields)

    def set_allowed(self, applicants: tuple[str, ...] | None) -> None:
        fill_citizenship_combo(self.citizenship, applicants)

    def clear(self) -> None:
        self._known = None
        self.iin_edit.set_iin("")
        self._fill(Person("", ""))
        self.status.setText("")
        self.errors.clear()

    def focus_widgets(self) -> list[QWidget]:
        return [self.iin_edit, self.surname, self.given_name, self.patronymic, self.birth_date,
                self.sex, self.citizenship, self.address, self.phone]

    def display_name(self) -> str:
        return self.person().full_name or _("(applicant)")
