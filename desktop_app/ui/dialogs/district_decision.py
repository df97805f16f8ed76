"""The district's dialogs on one office's application: the decision (assigned with amount and
period, or refused with reason codes from the service's catalogue entry, kk and ru text shown),
a referral (жолдама) and the date of the home inspection.

Imports services.district and ui helpers; each dialog saves through its one service call.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QGridLayout,
                               QHBoxLayout, QLabel, QLineEdit, QRadioButton, QScrollArea,
                               QWidget)

from desktop_app.context import AppContext
from desktop_app.i18n import N_, _, active
from desktop_app.services import district
from desktop_app.store.district import DistrictApplication
from desktop_app.ui.dialogs.save_dialog import SaveDialog, date_edit

REFERRAL_LABELS: dict[str, str] = {
    "training": N_("Vocational training"),
    "public_works": N_("Public works"),
    "employment": N_("Employment"),
    "microcredit": N_("Microcredit"),
    "social_job": N_("Social job"),
    "youth_practice": N_("Youth practice"),
    "other": N_("Other"),
}


def _set(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def _heading(ctx: AppContext, app: DistrictApplication) -> str:
    t = active()
    try:
        spec = ctx.catalogue.get(app.service_id)
        service = t.text(spec.short_name) or t.text(spec.name)
    except Exception:  # noqa: BLE001 - a service this district's catalogue lacks: show the code
        service = app.service_id
    return "<b>{}</b> · {}<br>{} · {}".format(app.reg_no, app.office_code, app.applicant, service)


class DecisionDialog(SaveDialog):
    """Assigned (amount, period) or refused (the service's refusal codes)."""

    def __init__(self, ctx: AppContext, app: DistrictApplication,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("decisionDialog")
        self.setWindowTitle(_("Record the decision"))
        self.app = app
        self.layout_.addWidget(QLabel(_heading(ctx, app), self))
        self.assigned = QRadioButton(_("Assigned"), self)
        self.assigned.setObjectName("assigned")
        self.refused = QRadioButton(_("Refused"), self)
        self.refused.setObjectName("refused")
        self.assigned.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.assigned)
        group.addButton(self.refused)
        choice = QHBoxLayout()
        choice.addWidget(self.assigned)
        choice.addWidget(self.refused)
        choice.addStretch(1)
        self.layout_.addLayout(choice)

        today = ctx.now().date()
        self.decided_on = date_edit(ctx, self, "decidedOn")
        self.amount = QLineEdit(self)
        self.amount.setObjectName("amount")
        self.amount.setPlaceholderText(_("tenge a month"))
        self.period_from = date_edit(ctx, self, "periodFrom")
        self.period_to = date_edit(ctx, self, "periodTo")
        _set(self.period_from, today.replace(day=1))
        quarter_end = dt.date(today.year, 3 * ((today.month - 1) // 3) + 3, 1)
        _set(self.period_to, (quarter_end.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
             - dt.timedelta(days=1))
        self.decision_no = QLineEdit(self)
        self.decision_no.setObjectName("decisionNo")
        self.decision_no.setMaxLength(50)
        self.add_field("decided_on", _("Decided on:"), self.decided_on)
        self.add_field("decision_no", _("Decision No.:"), self.decision_no)
        self.add_field("amount", _("Amount:"), self.amount)
        self.add_field("period_from", _("Paid from:"), self.period_from)
        self.add_field("period_to", _("Paid until:"), self.period_to)

        self.codes: dict[str, QCheckBox] = {}
        reasons = QWidget(self)
        grid = QGridLayout(reasons)
        grid.setColumnStretch(1, 1)
        for i, code in enumerate(self._refusal_codes()):
            box = QCheckBox(reasons)
            box.setObjectName(f"reason_{code.code}")
            text = QLabel("<b>{}</b><br><span style='color:#555'>{}</span>".format(
                code.text.get("kk", code.code), code.text.get("ru", "")), reasons)
            text.setWordWrap(True)  # (no tooltip: the code itself is not for people)
            grid.addWidget(box, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, i, 1)
            self.codes[code.code] = box
        if not self.codes:
            grid.addWidget(QLabel(_("The catalogue lists no refusal reasons for this service."),
                                  reasons), 0, 0, 1, 2)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(reasons)
        self.scroll.setWidgetResizable(True)
        self.scroll.setMinimumHeight(200)
        self.add_field("refusal_codes", _("Refusal reasons:"), self.scroll)
        self.assigned.toggled.connect(self._switch)
        self._switch(True)
        self.finish_layout()
        self.setMinimumWidth(640)

    def _refusal_codes(self):
        try:
            return self.ctx.catalogue.get(self.app.service_id).refusal_codes
        except Exception:  # noqa: BLE001 - unknown service: no codes to offer
            return ()

    def _switch(self, assigned: bool) -> None:
        for widget in (self.amount, self.period_from, self.period_to):
            widget.setEnabled(self.assigned.isChecked())
        self.scroll.setEnabled(self.refused.isChecked())

    def chosen_codes(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.codes.items() if box.isChecked())

    def save(self):
        assigned = self.assigned.isChecked()
        return district.record_decision(
            self.ctx, self.app.uuid, assigned=assigned,
            decided_on=self.decided_on.date().toPython(),
            amount=(self.amount.text().strip().replace(" ", "").replace(",", ".") or None)
            if assigned else None,
            period_from=self.period_from.date().toPython() if assigned else None,
            period_to=self.period_to.date().toPython() if assigned else None,
            refusal_codes=() if assigned else self.chosen_codes(),
            decision_no=self.decision_no.text())


class ReferralDialog(SaveDialog):
    """A referral (жолдама) the office hands to the citizen."""

    def __init__(self, ctx: AppContext, app: DistrictApplication,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("referralDialog")
        self.setWindowTitle(_("Issue a referral"))
        self.app = app
        self.layout_.addWidget(QLabel(_heading(ctx, app), self))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in district.REFERRAL_KINDS:
            self.kind.addItem(_(REFERRAL_LABELS.get(kind, kind)), kind)
        self.issued_on = date_edit(ctx, self, "issuedOn")
        self.place = QLineEdit(self)
        self.place.setObjectName("place")
        self.has_until = QCheckBox(_("Valid until:"), self)
        self.valid_until = date_edit(ctx, self, "validUntil")
        self.valid_until.setEnabled(False)
        self.has_until.toggled.connect(self.valid_until.setEnabled)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.add_field("kind", _("Kind:"), self.kind)
        self.add_field("issued_on", _("Issued on:"), self.issued_on)
        self.add_field("place", _("Where to go:"), self.place)
        self.form.addRow(self.has_until, self.valid_until)
        self.add_field("note", _("Note:"), self.note)
        self.finish_layout()

    def save(self):
        _uuid, changes = district.record_referral(
            self.ctx, self.app.uuid, kind=self.kind.currentData(),
            issued_on=self.issued_on.date().toPython(), place=self.place.text().strip(),
            note=self.note.text().strip(),
            valid_until=self.valid_until.date().toPython() if self.has_until.isChecked()
            else None)
        return changes


class InspectionDialog(SaveDialog):
    """The date of the home inspection of living conditions."""

    def __init__(self, ctx: AppContext, app: DistrictApplication,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("inspectionDialog")
        self.setWindowTitle(_("Inspection date"))
        self.app = app
        self.layout_.addWidget(QLabel(_heading(ctx, app), self))
        self.on = date_edit(ctx, self, "inspectionOn")
        if app.inspection_date:
            _set(self.on, dt.date.fromisoformat(app.inspection_date))
        self.add_field("on", _("Inspection on:"), self.on)
        self.finish_layout()

    def save(self):
        return district.record_inspection(self.ctx, self.app.uuid, self.on.date().toPython())
