"""The Reception page: a specialist takes one citizen's application on one screen — service,
applicant, household, documents, pre-check, save — and gets the receipt (or the akim's paper).

UI layer: imports PySide6, services (intake, papers), domain (catalogue) and ui widgets/forms.
"""

from __future__ import annotations

import datetime as dt
import html
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette, QTextOption
from PySide6.QtWidgets import (
    QCheckBox, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
    QScrollArea, QTextBrowser, QVBoxLayout, QWidget,
)

from desktop_app.context import AppContext
from desktop_app.domain.application import Application
from desktop_app.domain.catalogue import AkimRole, ServiceSpec
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import _, active
from desktop_app.services import Changes, confirm, households, intake, papers, permissions
from desktop_app.ui.dialogs.confirm_number import ConfirmNumberDialog
from desktop_app.ui.errors import show_error
from desktop_app.ui.forms.builder import ChecklistWidget, QuestionsWidget
from desktop_app.ui.permits import allow, blocked, gate
from desktop_app.ui.forms.household_editor import HouseholdEditor
from desktop_app.ui.forms.member_dialog import date_of, make_date_edit
from desktop_app.ui.pages.reception_applicant import ApplicantForm
from desktop_app.ui.pages.reception_service import ServicePicker, role_note
from desktop_app.ui.widgets.field_error import ErrorLabel, FieldErrors, with_error_label
from desktop_app.ui.pages.base import Page
from desktop_app.ui.shortcuts import bind, with_keys

PRECHECK_DELAY_MS = 300
PANEL_WIDTH = 300  # the left column (service list, pre-check): fixed, the form takes the rest


class WrappedText(QTextBrowser):
    """Read-only text that wraps inside its width, even a long word, and scrolls when it is
    taller than its place: a long pre-check never widens its panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not a Tab stop of the form
        self.viewport().setAutoFillBackground(False)
        self.setBackgroundRole(QPalette.ColorRole.Window)

    def text(self) -> str:
        return self.toPlainText()


def _merge(a: Changes, b: Changes) -> Changes:
    return Changes(households=a.households | b.households, persons=a.persons | b.persons,
                   applications=a.applications | b.applications, papers=a.papers | b.papers)


def ask_discard(parent: QWidget) -> bool:
    """Ask before a half-filled reception form is thrown away; True to throw it away."""
    answer = QMessageBox.question(
        parent, _("Unsaved reception form"),
        _("The reception form is filled in but not saved. Discard what was entered?"),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard


class ReceptionPage(Page):
    """Take an application. Emits `changed(Changes)` after a save and `show_pdf(bytes, title)`."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: object = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.spec: ServiceSpec | None = None
        self.errors = FieldErrors()
        self._precheck_timer = QTimer(self, singleShot=True, interval=PRECHECK_DELAY_MS)
        self._precheck_timer.timeout.connect(self.run_precheck)

        # left column: (a) service, (e) pre-check
        self.picker = ServicePicker(ctx, self)
        service_box = QGroupBox(_("1. Service"), self)
        QVBoxLayout(service_box).addWidget(self.picker)
        self.precheck_box = QGroupBox(_("Pre-check"), self)
        self.precheck_note = QLabel(_("Pre-check — not a decision: the Department decides"),
                                    self.precheck_box)
        self.precheck_note.setWordWrap(True)
        self.precheck_note.setStyleSheet("font-weight: bold;")
        self.precheck_text = WrappedText(self.precheck_box)
        self.precheck_text.setObjectName("precheckText")
        precheck_layout = QVBoxLayout(self.precheck_box)
        precheck_layout.addWidget(self.precheck_note)
        precheck_layout.addWidget(self.precheck_text, 1)
        left = QVBoxLayout()
        left.addWidget(service_box, 3)
        left.addWidget(self.precheck_box, 2)

        # right column: header, the steps in a scroll area, the save bar
        self.service_title = QLabel(_("Choose a service (Ctrl+F)."), self)
        self.service_title.setWordWrap(True)
        font = self.service_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.service_title.setFont(font)
        self.role_label = QLabel(self)
        self.role_label.setWordWrap(True)

        self.applicant = ApplicantForm(ctx, self)
        self.household = HouseholdEditor(ctx, self)
        self.questions = QuestionsWidget(self)
        self.checklist = ChecklistWidget(self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(
            _("Why the documents are missing, e.g. will bring on Monday"))
        self.reason_error = ErrorLabel(self)
        self.reason_row = QWidget(self)
        reason_lay = QHBoxLayout(self.reason_row)
        reason_lay.setContentsMargins(0, 0, 0, 0)
        reason_label = QLabel(_("Incomplete: rea&son:"), self.reason_row)
        reason_label.setBuddy(self.reason)
        reason_lay.addWidget(reason_label)
        reason_lay.addWidget(with_error_label(self.reason, self.reason_error), 1)
        self.errors.add("checklist", self.reason, self.reason_error)
        self.inspection_on = QCheckBox(_("Home inspection of living conditions &on:"), self)
        self.inspection_date = make_date_edit(self, today=ctx.now().date())
        self.inspection_date.setMinimumDate(ctx.now().date())
        self.inspection_date.setSpecialValueText("")
        self.inspection_date.setEnabled(False)
        self.inspection_on.toggled.connect(self.inspection_date.setEnabled)
        self.inspection_row = QWidget(self)
        insp_lay = QHBoxLayout(self.inspection_row)
        insp_lay.setContentsMargins(0, 0, 0, 0)
        insp_lay.addWidget(self.inspection_on)
        insp_lay.addWidget(self.inspection_date)
        insp_lay.addStretch(1)

        self.applicant_box = self._group(_("2. Applicant"), self.applicant)
        self.household_box = self._group(_("3. Household: members and incomes"), self.household)
        docs = QWidget(self)
        docs_lay = QVBoxLayout(docs)
        docs_lay.setContentsMargins(0, 0, 0, 0)
        self.mark_all_button = QPushButton(_("Mark all presented (Ctrl+Shift+A)"), self)
        self.mark_all_button.setObjectName("markAllPresented")
        self.mark_all_button.setAutoDefault(False)
        self.mark_all_button.setToolTip(
            _("Every document starts unmarked; this marks the unmarked ones as presented."))
        self.mark_all_button.clicked.connect(self.mark_all_presented)
        mark_row = QHBoxLayout()
        mark_row.addStretch(1)
        mark_row.addWidget(self.mark_all_button)
        docs_lay.addWidget(self.questions)
        docs_lay.addLayout(mark_row)
        for w in (self.checklist, self.reason_row, self.inspection_row):
            docs_lay.addWidget(w)
        self.documents_box = self._group(_("4. Documents"), docs)
        steps = QWidget(self)
        steps_lay = QVBoxLayout(steps)
        for box in (self.applicant_box, self.household_box, self.documents_box):
            steps_lay.addWidget(box)
        steps_lay.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        # the form reflows to the window's width: long questions and names wrap, nothing hides
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(steps)
        self.steps = steps

        self.message = QLabel(self)
        self.confirm_dialog: ConfirmNumberDialog | None = None  # open while confirming
        self.last_saved: Application | None = None
        self.message.setWordWrap(True)
        self.save_button = QPushButton(_("&Save and print receipt (Ctrl+S)"), self)
        self.save_button.setAutoDefault(True)  # Enter on the focused button saves
        self.save_button.setMinimumHeight(34)
        self.save_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 18px; }")
        self.save_button.clicked.connect(self.save)
        # indicator 1.2 (waited no longer than the limit): optional, one key when the visitor
        # comes in; the wait is counted up to the moment the application is taken
        self.arrived_at: dt.datetime | None = None
        self.arrived_button = QPushButton(_("Visitor arrived (F2)"), self)
        self.arrived_button.setObjectName("visitorArrived")
        self.arrived_button.setAutoDefault(False)
        self.arrived_button.clicked.connect(self.note_arrival)
        self.arrived_label = QLabel(self)
        self.arrived_label.setObjectName("arrivedAt")
        self.new_button = QPushButton(_("New form (Ctrl+N)"), self)
        self.new_button.setObjectName("newForm")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_form)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.arrived_button)
        bar.addWidget(self.arrived_label)
        bar.addWidget(self.message, 1)
        bar.addWidget(self.save_button)

        right = QVBoxLayout()
        right.addWidget(self.service_title)
        right.addWidget(self.role_label)
        right.addWidget(self.scroll, 1)
        right.addLayout(bar)
        root = QHBoxLayout(self)
        root.addLayout(left, 0)
        root.addLayout(right, 1)
        service_box.setFixedWidth(PANEL_WIDTH)
        self.precheck_box.setFixedWidth(PANEL_WIDTH)

        self.picker.picked.connect(self.select_service)
        self.applicant.changed.connect(self._applicant_changed)
        self.applicant.found.connect(self._applicant_found)
        self.household.changed.connect(self.refresh_documents)
        self.questions.changed.connect(self.refresh_documents)
        self.checklist.changed.connect(self._checklist_changed)
        self.applicant.address.editingFinished.connect(self._copy_address)
        for spec_id, slot, shown_on in (
                ("reception.service", self.focus_search, self.picker.search),
                ("reception.iin", self.focus_iin, self.applicant.iin_edit),
                ("reception.member", self.add_member, self.household.add_button),
                ("reception.save", self.save, self.save_button),
                ("reception.arrived", self.note_arrival, self.arrived_button),
                ("reception.mark_all", self.mark_all_presented, self.mark_all_button),
                ("reception.new", self.new_form, self.new_button)):
            bind(spec_id, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            with_keys(shown_on, spec_id, shown_on.toolTip())
        self._set_service(None)

    def _group(self, title: str, body: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        QVBoxLayout(box).addWidget(body)
        return box

    # steps ---------------------------------------------------------------------------------------
    def select_service(self, service_id: str) -> None:
        self._set_service(self.ctx.catalogue.get(service_id))
        self.applicant.iin_edit.setFocus()

    def _set_service(self, spec: ServiceSpec | None) -> None:
        self.spec = spec
        self.steps.setEnabled(spec is not None)
        shown = blocked(self.save_button)
        refused = permissions.take_at_desk(self.ctx, spec) if spec is not None else None
        gate(self.save_button, refused)
        allow(self.save_button, spec is not None)
        if refused:  # said before the form is filled, not after
            self.message.setText(refused)
        elif shown and self.message.text() == shown:
            self.message.setText("")
        if spec is None:
            self.service_title.setText(_("Choose a service (Ctrl+F)."))
            self.role_label.setText("")
        else:
            self.service_title.setText(active().text(spec.name))
            self.role_label.setText(role_note(self.ctx, spec))
            forwards = spec.akim_role == AkimRole.FORWARDS
            self.role_label.setStyleSheet("color: #8a4b00; font-weight: bold;" if forwards else "")
            self.save_button.setText(_("&Save and issue (Ctrl+S)") if spec.akim_role ==
                                     AkimRole.ISSUES else _("&Save and print receipt (Ctrl+S)"))
        self.applicant.set_allowed(spec.applicants if spec else None)
        self.household_box.setVisible(bool(spec and spec.needs_household))
        self.inspection_row.setVisible(bool(spec and spec.inspection))
        self.precheck_box.setVisible(bool(spec and spec.precheck))
        self.refresh_documents()

    def _applicant_changed(self) -> None:
        if self.spec and self.spec.needs_household:
            self.household.set_applicant(self.applicant.person())
        self.refresh_documents()

    def _applicant_found(self, person) -> None:
        """A registered applicant brings the registered household along."""
        if person is not None and person.id is not None:
            hh = households.household_of(self.ctx, person.id)
            if hh is not None:
                self.household.load(hh, self.applicant.person())
                return
        if self.household.household_id() is not None:
            # the registered household belonged to another person; members typed here stay
            self.household.clear(self.applicant.person())

    def _copy_address(self) -> None:
        if not self.household.address.text().strip():
            self.household.address.setText(self.applicant.address.text().strip())
            self.household.changed.emit()

    def refresh_documents(self) -> None:
        """Re-ask the questions the data cannot decide and re-list the documents that apply."""
        if self.spec is None:
            self.questions.set_conditions([])
            self.checklist.set_documents([])
            self._checklist_changed()
            return
        self.questions.set_conditions(intake.questions(self.ctx, self.draft(), active()))
        self.checklist.set_documents(intake.documents_for(self.ctx, self.draft()))
        self._checklist_changed()
        self._fix_tab_order()

    def mark_all_presented(self) -> None:
        """Every unmarked document presented (Ctrl+Shift+A)."""
        self.checklist.mark_all_presented()

    def _checklist_changed(self) -> None:
        missing = bool(self.checklist.missing_required())
        self.reason_row.setVisible(missing)
        if not missing:
            self.errors.clear("checklist")
        self.schedule_precheck()

    # draft and pre-check -------------------------------------------------------------------------
    def draft(self) -> intake.ApplicationDraft:
        assert self.spec is not None
        applicant = self.applicant.person()
        hh = self.household.household(applicant) if self.spec.needs_household else None
        missing = bool(self.checklist.missing_required())
        inspection = (date_of(self.inspection_date)
                      if self.spec.inspection and self.inspection_on.isChecked() else None)
        return intake.ApplicationDraft(
            service_id=self.spec.id, applicant=applicant, household=hh,
            checklist=self.checklist.items(), answers=self.questions.answers(),
            incomplete_reason=self.reason.text().strip() if missing else "",
            inspection_date=inspection, arrived_at=self.arrived_at)

    def schedule_precheck(self) -> None:
        if self.spec is not None and self.spec.precheck:
            self._precheck_timer.start()

    def run_precheck(self) -> None:
        if self.spec is None or not self.spec.precheck:
            self.precheck_text.setText("")
            return
        try:
            result = intake.precheck(self.ctx, self.draft())
        except AppError as exc:
            self.precheck_text.setText(exc.message())
            return
        lines = [html.escape(line) for line in
                 papers.precheck_lines(result.to_dict() if result else None, active())]
        if lines:
            lines[0] = f"<b>{lines[0]}</b>"
        self.precheck_text.setText("<br><br>".join(lines))

    # save ----------------------------------------------------------------------------------------
    def save(self) -> ConfirmNumberDialog | None:
        """Validate, then show what is about to be registered; the number is taken only when
        the specialist confirms (Enter) — `take` does it. None when the form has errors."""
        if self.spec is None:
            self.message.setText(_("Choose a service first."))
            self.focus_search()
            return None
        if blocked(self.save_button):  # Ctrl+S too: the reason, and no dialog
            self.message.setText(blocked(self.save_button))
            return None
        self.clear_errors()
        draft = self.draft()
        problems = intake.validate_draft(self.ctx, draft)
        if problems:
            self.show_errors(problems)
            return None
        try:
            summary = confirm.summarise(self.ctx, draft, active())
        except AppError as exc:
            show_error(self, exc)
            return None
        dialog = ConfirmNumberDialog(summary, self)
        dialog.accepted.connect(lambda d=draft: self.take(d))
        if self.confirm_dialog is not None:  # the previous one, long closed
            self.confirm_dialog.deleteLater()
        self.confirm_dialog = dialog
        dialog.open()
        return dialog

    def take(self, draft: intake.ApplicationDraft) -> Application | None:
        """Take the confirmed application and issue or print its paper; None when it failed."""
        spec = self.spec
        assert spec is not None
        try:
            app, changes = intake.take_application(self.ctx, draft)
        except ValidationError as exc:
            self.show_errors([exc])
            return None
        except AppError as exc:
            show_error(self, exc)
            return None
        self.last_saved = app
        try:
            if spec.akim_role == AkimRole.ISSUES:
                pdf, more = papers.issue_for_application(self.ctx, app.id,
                                                         language=active().locale)
                changes = _merge(changes, more)
            else:
                pdf, _reg = papers.receipt_pdf(self.ctx, app.reg_no, language=active().locale)
        except AppError as exc:
            self.changed.emit(changes)
            self.reset()
            self.message.setText(_("Saved as No. {reg_no}, but the paper failed.").format(
                reg_no=app.reg_no))
            show_error(self, exc)
            return app
        self.changed.emit(changes)
        self.show_pdf.emit(pdf, _("{service}, No. {reg_no}").format(
            service=active().text(spec.short_name), reg_no=app.reg_no))
        self.reset()
        self.message.setText(_("Saved as No. {reg_no}. Next citizen.").format(reg_no=app.reg_no))
        return app

    def show_errors(self, problems: list[ValidationError]) -> None:
        first: QWidget | None = None
        general: list[str] = []
        for exc in problems:
            text = exc.message()
            if exc.field in self.applicant.errors:
                self.applicant.errors.show(exc.field, text)
                widget = self.applicant.errors.widget(exc.field)
            elif exc.field in self.errors:
                self.reason_row.setVisible(True)
                self.errors.show(exc.field, text)
                widget = self.reason
            else:
                widget = self.household.show_error(exc.field, text)
                if widget is None:
                    general.append(text)
            first = first or widget
        self.message.setText("\n".join(general) or _("Correct the fields marked in red."))
        self.message.setStyleSheet("color: #c62828;")
        if first is not None:
            first.setFocus()
            self.scroll.ensureWidgetVisible(first)

    def clear_errors(self) -> None:
        self.applicant.errors.clear()
        self.household.clear_errors()
        self.errors.clear()
        self.message.setText("")
        self.message.setStyleSheet("")

    def has_unsaved_input(self) -> bool:
        """Something typed, added, answered or marked on the form and not yet saved."""
        if self.spec is None:
            return False
        a = self.applicant
        return (any(w.text().strip() for w in (a.iin_edit, a.surname, a.given_name, a.patronymic,
                                                a.address, a.phone, self.reason))
                or self.household.model.rowCount() > 1
                or any(self.questions.answers().values())
                or len(self.checklist.unmarked()) < len(self.checklist.document_ids()))

    def new_form(self) -> bool:
        """Ctrl+N: an empty form for the same service, after asking if something would be lost;
        False when the person chose to keep the form."""
        if self.has_unsaved_input() and not ask_discard(self):
            return False
        self.reset()
        return True

    def reset(self) -> None:
        """Ready for the next citizen: the same service, an empty form."""
        self.clear_errors()
        self.applicant.clear()
        self.household.clear(self.applicant.person())
        self.questions.reset()
        self.checklist.set_documents([])
        self.reason.clear()
        self.inspection_on.setChecked(False)
        self.set_arrival(None)
        self.refresh_documents()
        self.precheck_text.setText("")
        self.applicant.iin_edit.setFocus()

    # keyboard ------------------------------------------------------------------------------------
    def note_arrival(self) -> None:
        """F2: the visitor came in now (again: the later moment counts)."""
        self.set_arrival(self.ctx.now())

    def set_arrival(self, moment: dt.datetime | None) -> None:
        self.arrived_at = moment
        self.arrived_label.setText(
            _("arrived at {time}").format(time=active().datetime(moment, "HH:mm"))
            if moment else "")

    def start_typing(self) -> None:
        """Ctrl+<page>: the keyboard starts at the service, or at the IIN once it is chosen."""
        if self.spec is None:
            self.focus_search()
        else:
            self.focus_iin()

    def focus_search(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()

    def focus_iin(self) -> None:
        self.applicant.iin_edit.setFocus()
        self.applicant.iin_edit.selectAll()

    def add_member(self) -> None:
        if self.spec is not None and self.spec.needs_household:
            self.household.open_add_dialog()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.picker.search, self.picker.list,
                                *self.applicant.focus_widgets()]
        if self.spec is not None and self.spec.needs_household:
            chain += self.household.focus_widgets()
        chain += [*self.questions.focus_widgets(), self.mark_all_button,
                  *self.checklist.focus_widgets(), self.reason,
                  self.inspection_on, self.inspection_date, self.save_button]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def on_changed(self, changes: Changes) -> None:
        """Nothing is cached beyond the open form (which is not overwritten); the pre-check may
        depend on reference data, so it is recomputed."""
        if changes:
            self.schedule_precheck()
