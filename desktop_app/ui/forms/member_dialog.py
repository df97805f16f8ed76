"""MemberDialog: one household member — identity, relation, statuses and the incomes of the quarter
before the application's quarter (a grid of income kind × month, in tenge, never negative).

UI layer: imports PySide6, domain (household), services (intake.validate_person), ui widgets
and labels.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
    QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from desktop_app.context import AppContext
from desktop_app.domain.household import (
    Income, IncomeKind, Member, MemberStatus, Person, Relation, Sex,
)
from desktop_app.domain.iin import IinInfo
from desktop_app.i18n import _, active
from desktop_app.services.intake import is_minor, validate_person
from desktop_app.ui.labels import (
    INCOME_KIND_LABELS, MEMBER_STATUS_LABELS, RELATION_LABELS, SEX_LABELS,
)
from desktop_app.ui.widgets.field_error import ErrorLabel, FieldErrors, add_form_row
from desktop_app.ui.widgets.date_field import EMPTY_DATE, DateField
from desktop_app.ui.widgets.iin_edit import IinEdit

MAX_AMOUNT = 100_000_000.0


def make_date_edit(parent: QWidget | None = None, *, today: dt.date | None = None) -> DateField:
    """A dd.MM.yyyy date field where "—" stands for "not entered" (the shared DateField)."""
    return DateField(parent, today=today, may_be_empty=True)


def date_of(edit: QDateEdit) -> dt.date | None:
    return None if edit.date() == EMPTY_DATE else edit.date().toPython()


def set_date(edit: QDateEdit, value: dt.date | None) -> None:
    edit.setDate(QDate(value) if value else EMPTY_DATE)


def fill_sex_combo(combo: QComboBox) -> None:
    combo.addItem("—", None)
    for sex, msgid in SEX_LABELS.items():
        combo.addItem(_(msgid), sex.value)


class MemberDialog(QDialog):
    """Add or edit one member. For the applicant's own row the identity comes from the reception
    form and is shown read-only; statuses and incomes are edited here."""

    def __init__(self, ctx: AppContext, months: list[dt.date], member: Member | None = None, *,
                 is_applicant: bool = False, identity_locked: bool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._months = ctx, months
        # a locked identity is shown read-only (the applicant's comes from the reception form;
        # the household book corrects it with a reason, in its own dialog)
        self._is_applicant = is_applicant if identity_locked is None else identity_locked
        self._original = member
        self._found: Person | None = None
        self.setWindowTitle(_("Household member") if member is None or not is_applicant
                            else _("Applicant: statuses and incomes"))
        self.errors = FieldErrors()

        self.iin_edit = IinEdit(ctx, self)
        self.surname = QLineEdit(self)
        self.given_name = QLineEdit(self)
        self.patronymic = QLineEdit(self)
        self.birth_date = make_date_edit(self, today=ctx.now().date())
        self.sex = QComboBox(self)
        fill_sex_combo(self.sex)
        self.relation = QComboBox(self)
        head = is_applicant or (member is not None and member.relation == Relation.APPLICANT)
        for rel, msgid in RELATION_LABELS.items():
            if rel != Relation.APPLICANT or head:
                self.relation.addItem(_(msgid), rel.value)
        ident = QFormLayout()
        ident.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row(ident, _("&IIN:"), self.iin_edit, "iin", self.iin_edit.error_label)
        self._row(ident, _("&Surname:"), self.surname, "surname")
        self._row(ident, _("&Given name:"), self.given_name, "given_name")
        self._row(ident, _("&Patronymic:"), self.patronymic)
        self._row(ident, _("&Birth date:"), self.birth_date, "birth_date")
        self._row(ident, _("Se&x:"), self.sex)
        self._row(ident, _("&Relation:"), self.relation)
        self.iin_edit.parsed.connect(self._iin_parsed)

        self.status_boxes: dict[MemberStatus, QCheckBox] = {}
        statuses = QGroupBox(_("S&tatuses"), self)  # Alt+letter: the first status
        grid = QGridLayout(statuses)
        for i, (status, msgid) in enumerate(MEMBER_STATUS_LABELS.items()):
            box = QCheckBox(_(msgid), statuses)
            self.status_boxes[status] = box
            grid.addWidget(box, i // 2, i % 2)  # two a line: three made it wider than a laptop
        self.disability_group = QComboBox(statuses)
        self.disability_group.addItem("—", None)
        for g in (1, 2, 3):
            self.disability_group.addItem(str(g), g)
        group_row = QHBoxLayout()
        group_label = QLabel(_("Disability gro&up:"), statuses)
        group_label.setBuddy(self.disability_group)
        group_row.addWidget(group_label)
        group_row.addWidget(self.disability_group)
        group_row.addStretch(1)
        grid.addLayout(group_row, grid.rowCount(), 0, 1, 2)
        self.group_error = ErrorLabel(statuses)
        grid.addWidget(self.group_error, grid.rowCount(), 0, 1, 2)
        self.errors.add("disability_group", self.disability_group, self.group_error)
        self.status_boxes[MemberStatus.DISABLED].toggled.connect(self.disability_group.setEnabled)
        self.disability_group.setEnabled(False)

        self.income_boxes: dict[tuple[IncomeKind, dt.date], QDoubleSpinBox] = {}
        # Alt+letter: the first month's wage
        incomes = QGroupBox(_("I&ncomes in the quarter before the application's quarter"), self)
        ig = QGridLayout(incomes)
        amount_locale = QLocale(active().locale)  # 20 000,00 rather than 20,000.00
        for c, month in enumerate(months, start=1):
            head = QLabel(active().date(month, "LLLL yyyy"), incomes)
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            ig.addWidget(head, 0, c)
        for r, (kind, msgid) in enumerate(INCOME_KIND_LABELS.items(), start=1):
            ig.addWidget(QLabel(_(msgid), incomes), r, 0)
            for c, month in enumerate(months, start=1):
                spin = QDoubleSpinBox(incomes)
                spin.setRange(0.0, MAX_AMOUNT)  # a negative income cannot be typed
                spin.setDecimals(2)
                spin.setGroupSeparatorShown(True)
                spin.setSuffix(" ₸")  # as the tables write it
                spin.setSpecialValueText("—")  # zero: nothing of this kind this month
                spin.setAlignment(Qt.AlignmentFlag.AlignRight)
                spin.setLocale(amount_locale)
                spin.setAccessibleName(_(msgid) + " " + active().date(month, "LLLL yyyy"))
                ig.addWidget(spin, r, c)
                self.income_boxes[(kind, month)] = spin
        self.incomes_error = ErrorLabel(incomes)
        ig.addWidget(self.incomes_error, ig.rowCount(), 0, 1, 4)
        self.errors.add("incomes", incomes, self.incomes_error)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

        top = QHBoxLayout()
        top.addLayout(ident, 1)
        top.addWidget(statuses, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(incomes)
        lay.addWidget(buttons)
        # Tab in reading order (the fields wrapped with an error label would otherwise come last
        # and the patronymic would be skipped)
        chain: list[QWidget] = [self.iin_edit, self.surname, self.given_name, self.patronymic,
                                self.birth_date, self.sex, self.relation,
                                *self.status_boxes.values(), self.disability_group,
                                *self.income_boxes.values(), self.ok_button,
                                buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)
        if member is not None:
            self._load(member)
        for w in (self.iin_edit, self.surname, self.given_name, self.patronymic,
                  self.birth_date, self.sex):
            w.setEnabled(not self._is_applicant)
        first = self.status_boxes[MemberStatus.WORKING] if self._is_applicant else self.iin_edit
        first.setFocus()

    def _row(self, form: QFormLayout, text: str, field: QWidget, name: str = "",
             label: ErrorLabel | None = None) -> None:
        add_form_row(form, self, self.errors, text, field, name, label)

    # loading -----------------------------------------------------------------------------------
    def _load(self, member: Member) -> None:
        p = member.person
        self.iin_edit.setText(p.iin or "")
        self.surname.setText(p.surname)
        self.given_name.setText(p.given_name)
        self.patronymic.setText(p.patronymic)
        set_date(self.birth_date, p.birth_date)
        self.sex.setCurrentIndex(max(0, self.sex.findData(p.sex.value if p.sex else None)))
        self.relation.setCurrentIndex(max(0, self.relation.findData(member.relation.value)))
        for status, box in self.status_boxes.items():
            box.setChecked(status in member.statuses)
        self.disability_group.setCurrentIndex(
            max(0, self.disability_group.findData(member.disability_group)))
        for inc in member.incomes:
            spin = self.income_boxes.get((inc.kind, inc.month.replace(day=1)))
            if spin is not None:
                spin.setValue(spin.value() + float(inc.amount))

    def _iin_parsed(self, info: IinInfo, person: Person | None) -> None:
        set_date(self.birth_date, info.birth_date)
        self.sex.setCurrentIndex(max(0, self.sex.findData(info.sex.value)))
        self._found = person
        if person is None and not self._is_applicant and is_minor(self._ctx, info.birth_date) \
                and not any(box.isChecked() for box in self.status_boxes.values()):
            # a new member under the adult age: a child of the family unless said otherwise
            self.status_boxes[MemberStatus.CHILD].setChecked(True)
            if self.relation.currentData() == Relation.SPOUSE.value:
                self.set_relation(Relation.CHILD)
        if person is not None:
            # Someone with this IIN is registered: use that person's record, not a duplicate.
            self.surname.setText(person.surname)
            self.given_name.setText(person.given_name)
            self.patronymic.setText(person.patronymic)

    # result --------------------------------------------------------------------------------------
    def set_relation(self, relation: Relation) -> None:
        self.relation.setCurrentIndex(max(0, self.relation.findData(relation.value)))

    def set_income(self, kind: IncomeKind, month: dt.date, amount: float) -> None:
        self.income_boxes[(kind, month)].setValue(amount)

    def person(self) -> Person:
        base = self._found or (self._original.person if self._original else None)
        sex = self.sex.currentData()
        fields = dict(surname=self.surname.text().strip(),
                      given_name=self.given_name.text().strip(),
                      patronymic=self.patronymic.text().strip(), iin=self.iin_edit.iin() or None,
                      birth_date=date_of(self.birth_date), sex=Sex(sex) if sex else None)
        return dataclasses.replace(base, **fields) if base else Person(**fields)

    def member(self) -> Member:
        """The member as entered; incomes outside the quarter's grid are kept unchanged."""
        months = set(self._months)
        incomes = [i for i in (self._original.incomes if self._original else [])
                   if i.month.replace(day=1) not in months]
        for (kind, month), spin in self.income_boxes.items():
            if spin.value() > 0:
                incomes.append(Income(kind, month, Decimal(str(round(spin.value(), 2)))))
        statuses = frozenset(s for s, box in self.status_boxes.items() if box.isChecked())
        group = self.disability_group.currentData() if MemberStatus.DISABLED in statuses else None
        person = self._original.person if self._is_applicant and self._original else self.person()
        return Member(person=person, relation=Relation(self.relation.currentData()),
                      statuses=statuses, disability_group=group, incomes=incomes,
                      id=self._original.id if self._original else None)

    def accept(self) -> None:
        self.errors.clear()
        if not self._is_applicant:
            problems = validate_person(self.person(), self._ctx.now().date())
            if self.iin_edit.iin() and not self.iin_edit.is_valid():
                self.iin_edit.set_iin(self.iin_edit.iin())
            if problems:
                for exc in problems:
                    self.errors.show(exc.field, exc.message())
                first = self.errors.widget(problems[0].field)
                if first is not None:
                    first.setFocus()
                return
        statuses = [s for s, box in self.status_boxes.items() if box.isChecked()]
        if MemberStatus.DISABLED in statuses and self.disability_group.currentData() is None:
            self.errors.show("disability_group", _("Choose the disability group."))
            self.disability_group.setFocus()
            return
        super().accept()
