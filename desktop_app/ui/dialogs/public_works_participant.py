"""The "Add participant" dialog of the Public works page: the person by IIN (or a new one), the
district's referral, the labour contract, and the work from the office's row of the resolution.

UI layer: imports PySide6, services.public_works and the IIN widget. Field errors show inline.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout,
                               QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import _, active
from desktop_app.services import public_works as svc
from desktop_app.ui.widgets.date_field import date_field
from desktop_app.ui.errors import show_error
from desktop_app.ui.widgets.field_error import ErrorLabel, clear_error, mark_error
from desktop_app.ui.widgets.iin_edit import IinEdit


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _date_edit(day: dt.date, parent: QWidget, name: str) -> QDateEdit:
    return date_field(parent, name=name, today=day, value=day)


class AddParticipantDialog(QDialog):
    """Emits `saved(Changes, list[Notice])` after the participant is recorded."""

    saved = Signal(object, object)

    def __init__(self, ctx: AppContext, start: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Add a public works participant"))
        self.iin = IinEdit(ctx, self)
        self.iin.setObjectName("participantIin")
        self.found = QLabel(self)
        self.found.setWordWrap(True)
        self.surname = QLineEdit(self)
        self.surname.setObjectName("participantSurname")
        self.given_name = QLineEdit(self)
        self.given_name.setObjectName("participantGivenName")
        self.patronymic = QLineEdit(self)
        self.iin.parsed.connect(self._person_found)
        self.iin.invalid.connect(lambda _m: self._person_found(None, None))

        self.referral_no = QLineEdit(self)
        self.referral_no.setObjectName("referralNo")
        self.referral_date = _date_edit(start, self, "referralDate")
        self.referred_by = QLineEdit(active().text(ctx.office.department) if
                                     ctx.office.department else "", self)
        self.contract_no = QLineEdit(self)
        self.contract_no.setObjectName("contractNo")
        self.contract_date = _date_edit(start, self, "contractDate")
        self.start = _date_edit(start, self, "contractStart")
        self.has_end = QCheckBox(_("ends on"), self)
        self.end = _date_edit(start, self, "contractEnd")
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.start.dateChanged.connect(self._load_employers)

        self.employer = QComboBox(self)
        self.employer.setObjectName("employerRow")
        self.employer.currentIndexChanged.connect(self._load_works)
        self.rule_note = QLabel(self)
        self.rule_note.setWordWrap(True)
        self.rule_note.setStyleSheet("color: #7a4b00;")
        self.work = QComboBox(self)
        self.work.setObjectName("workType")
        self.work.currentIndexChanged.connect(self._work_changed)
        self.volume = QSpinBox(self)
        self.volume.setObjectName("volume")
        self.unit = QLabel(self)

        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end, 1)
        volume_row = QHBoxLayout()
        volume_row.addWidget(self.volume)
        volume_row.addWidget(self.unit, 1)
        form = QFormLayout()
        form.addRow(_("IIN:"), self.iin.field_widget())
        form.addRow("", self.found)
        form.addRow(_("Surname:"), self.surname)
        form.addRow(_("Given name:"), self.given_name)
        form.addRow(_("Patronymic:"), self.patronymic)
        form.addRow(_("Referral No.:"), self.referral_no)
        form.addRow(_("Referral date:"), self.referral_date)
        form.addRow(_("Referred by:"), self.referred_by)
        form.addRow(_("Contract No.:"), self.contract_no)
        form.addRow(_("Contract date:"), self.contract_date)
        form.addRow(_("Work starts:"), self.start)
        form.addRow("", end_row)
        form.addRow(_("Employer (row of the resolution):"), self.employer)
        form.addRow("", self.rule_note)
        form.addRow(_("Type of work:"), self.work)
        form.addRow(_("Volume, up to:"), volume_row)
        self.fields: dict[str, QWidget] = {
            "iin": self.iin, "surname": self.surname, "given_name": self.given_name,
            "referral_no": self.referral_no, "contract_no": self.contract_no,
            "contract_date": self.contract_date, "start": self.start, "end": self.end,
            "organisation": self.employer, "work_type": self.work, "volume": self.volume}

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveParticipant")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.error = ErrorLabel(self)
        self.error.setObjectName("participantError")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._employers: svc.Employers | None = None
        self._load_employers()

    # the person --------------------------------------------------------------------------------
    def _person_found(self, _info, person) -> None:
        known = person is not None
        for edit in (self.surname, self.given_name, self.patronymic):
            edit.setEnabled(not known)
        if known:
            self.surname.setText(person.surname)
            self.given_name.setText(person.given_name)
            self.patronymic.setText(person.patronymic)
            self.found.setText(_("Found in the household book: {name}").format(
                name=person.full_name))
        else:
            self.found.setText(_("New person: enter the name.") if self.iin.is_valid() else "")

    # the resolution's rows ----------------------------------------------------------------------
    def _load_employers(self) -> None:
        t = active()
        try:
            choice = svc.employers(self.ctx, _pydate(self.start))
        except AppError as exc:
            self.rule_note.setText(exc.message())
            return
        keep = self.employer.currentData()
        self._employers = choice
        self.employer.blockSignals(True)
        self.employer.clear()
        self.employer.addItem(_("— choose —"), None)
        for org in choice.rows:
            self.employer.addItem(f"{org.row}. {t.text(org.name)}", org.row)
        wanted = keep if keep is not None else choice.suggested_row
        self.employer.setCurrentIndex(max(self.employer.findData(wanted), 0))
        self.employer.blockSignals(False)
        res = choice.resolution
        self.rule_note.setText("" if choice.in_force else _(
            "The resolution {title} is not in force on this date (in force {start} to {end}); "
            "its rows are shown.").format(title=t.text(res.title), start=t.date(res.valid_from),
                                          end=t.date(res.valid_to) if res.valid_to else "…"))
        self._load_works()

    def _load_works(self) -> None:
        t = active()
        self.work.blockSignals(True)
        self.work.clear()
        row = self.employer.currentData()
        if self._employers is not None and row is not None:
            res = self._employers.resolution
            for work in res.organisation(row).works:
                self.work.addItem(t.text(res.work_types[work.type]), work.type)
        self.work.blockSignals(False)
        self._work_changed()

    def _work_changed(self) -> None:
        row, code = self.employer.currentData(), self.work.currentData()
        if self._employers is None or row is None or code is None:
            self.volume.setRange(0, 0)
            self.unit.setText("")
            return
        res = self._employers.resolution
        work = res.organisation(row).work(code)
        self.volume.setRange(1, work.volume)
        self.volume.setValue(work.volume)
        self.unit.setText(active().text(res.units[work.unit]))

    # saving --------------------------------------------------------------------------------------
    def draft(self) -> svc.ParticipantDraft:
        res = self._employers.resolution if self._employers else None
        return svc.ParticipantDraft(
            iin=self.iin.iin(), surname=self.surname.text(), given_name=self.given_name.text(),
            patronymic=self.patronymic.text(), referral_no=self.referral_no.text(),
            referral_date=_pydate(self.referral_date), referred_by=self.referred_by.text(),
            contract_no=self.contract_no.text(), contract_date=_pydate(self.contract_date),
            start=_pydate(self.start), end=_pydate(self.end) if self.has_end.isChecked() else None,
            resolution_id=res.id if res else "", org_row=self.employer.currentData() or 0,
            work_type=self.work.currentData() or "", volume=self.volume.value())

    def save(self) -> None:
        for widget in self.fields.values():
            clear_error(widget)
        self.iin.show_error("")
        self.error.show_message("")
        try:
            _participant, changes, notices = svc.record_participant(self.ctx, self.draft())
        except ValidationError as exc:
            widget = self.fields.get(exc.field)
            if widget is self.iin:
                self.iin.show_error(exc.message())
            elif widget is not None:
                mark_error(widget, exc.message())
                self.error.show_message(exc.message())
                widget.setFocus()
            else:
                show_error(self, exc)
            return
        except AppError as exc:
            show_error(self, exc)
            return
        self.saved.emit(changes, notices)
        self.accept()
