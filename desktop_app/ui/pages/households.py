"""The Households page: search the household book, see a household's card, and issue the akim's
certificates (residence, family composition, TSA recipient) for one member.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.domain.household import Household
from desktop_app.domain.roles import Action
from desktop_app.i18n import N_, _, active
from desktop_app.services import (Changes, applications, household_book, households, papers,
                                  permissions)
from desktop_app.services.guard import can
from desktop_app.ui.models import ApplicationsModel, HouseholdsModel, MembersModel
from desktop_app.ui.permits import allow, gate
from desktop_app.ui.tables import make_table, selected_row
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.pages.base import Page, page_title
from desktop_app.ui.widgets.household_book import (FormerMembersModel, HistoryModel,
                                                   HouseholdBookButton)

SEARCH_DELAY_MS = 250

# certificate kind -> its name (msgid); the buttons' own labels carry a mnemonic (Alt+letter),
# one letter per button, distinct on the page in every language (tests/ui/test_mnemonics.py)
CERTIFICATE_BUTTONS: tuple[tuple[str, str], ...] = (
    ("residence", N_("Residence certificate")),
    ("family_composition", N_("Family composition")),
    ("tsa_recipient", N_("TSA recipient certificate")),
    ("farm_information", N_("Farm information")),
)
CERTIFICATE_BUTTON_TEXT: dict[str, str] = {
    "residence": N_("&Residence certificate"),
    "family_composition": N_("&Family composition"),
    "tsa_recipient": N_("&TSA recipient certificate"),
    "farm_information": N_("Far&m information"),
}


class HouseholdCard(QGroupBox):
    """One household: address, book entry, members, its applications and the certificate buttons."""

    issue_requested = Signal(str, int)  # certificate kind, person id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Household"), parent)
        self.ctx = ctx
        self.household: Household | None = None
        self.address = QLabel(self)
        self.address.setWordWrap(True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.book_ref = QLabel(self)
        facts = QFormLayout()
        facts.addRow(_("Address:"), self.address)
        facts.addRow(_("Book entry:"), self.book_ref)

        self.members = MembersModel(self, ctx=ctx)
        self.members_view, self.members_proxy = make_table(self.members, self,
                                                           name="membersTable")
        self.members_view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.buttons: dict[str, QPushButton] = {}
        # two buttons a line: four in one line made the card too wide for the list beside it
        row = QGridLayout()
        # only the akim issues certificates (the service refuses others anyway): the buttons
        # stay in sight, disabled, their tooltip saying who issues them
        refused = permissions.issue_certificate(ctx)
        self.may_issue = refused is None
        row.addWidget(QLabel(_("Issue for the selected member:"), self), 0, 0, 1, 2)
        for i, (kind, label) in enumerate(CERTIFICATE_BUTTONS):
            button = QPushButton(_(CERTIFICATE_BUTTON_TEXT[kind]), self)
            button.setObjectName(f"issue_{kind}")
            button.setToolTip(_(label))
            button.clicked.connect(lambda _c=False, k=kind: self._issue(k))
            self.buttons[kind] = button
            gate(button, refused)
            row.addWidget(button, 1 + i // 2, i % 2)

        self.may_see_history = can(ctx, Action.VIEW_FULL_IIN)
        self.apps = ApplicationsModel(ctx.catalogue, self)
        self.apps_view, self.apps_proxy = make_table(self.apps, self, name="householdApplications",
                                                    sort_column=4,
                                                    order=Qt.SortOrder.DescendingOrder)

        self.book = HouseholdBookButton(ctx, self)
        self.former = FormerMembersModel(self)
        self.former_view, _fp = make_table(self.former, self, name="formerMembers")
        self.history = HistoryModel(self)
        self.history_view, _hp = make_table(self.history, self, name="householdHistory")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.members_view, _("Members"))
        self.tabs.addTab(self.former_view, _("Left the household"))
        self.tabs.addTab(self.history_view, _("History"))
        self.tabs.setCornerWidget(self.book)

        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(self.tabs, 3)
        layout.addLayout(row)
        layout.addWidget(QLabel(_("Applications of the household"), self))
        layout.addWidget(self.apps_view, 2)
        self.show_household(None)

    def show_household(self, household: Household | None, select_person: int | None = None) -> None:
        self.household = household
        self.setEnabled(household is not None)
        self.address.setText(household.address if household else "")
        self.book_ref.setText(household.book_ref if household else "")
        self.members.set_household(household)
        self.members_view.resizeColumnsToContents()
        known = household is not None and household.id is not None
        self.former.set_rows(household_book.former_members(self.ctx, household.id)
                             if known else [])
        self.history.set_rows(household_book.history(self.ctx, household.id)
                              if known and self.may_see_history else [])
        self.tabs.setTabText(1, _("Left the household ({n})").format(n=self.former.rowCount()))
        self.former_view.resizeColumnsToContents()
        self.history_view.resizeColumnsToContents()
        rows = (applications.work_list(self.ctx, household_id=household.id)
                if household and household.id is not None else [])
        self.apps.set_rows(rows)
        self.apps_view.resizeColumnsToContents()
        if household and household.members:
            person = select_person if select_person in {m.person.id for m in household.members} \
                else household.members[0].person.id
            self.select_person(person)
        self._update_buttons()

    def select_person(self, person_id: int) -> None:
        source_row = self.members.row_of_id(person_id)
        if source_row < 0:
            return
        index = self.members_proxy.mapFromSource(self.members.index(source_row, 0))
        self.members_view.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.members_view.setCurrentIndex(index)

    def selected_person(self) -> int | None:
        row = selected_row(self.members_view)
        return self.members_proxy.id_at(row) if row is not None else None

    def _update_buttons(self, *_args) -> None:
        person = self.selected_person()
        has_person = person is not None
        member = next((m for m in self.household.members if m.person.id == person), None) \
            if self.household and has_person else None
        self.book.update_state(self.household, member)
        for button in self.buttons.values():
            allow(button, has_person)

    def _issue(self, kind: str) -> None:
        person = self.selected_person()
        if person is not None:
            self.issue_requested.emit(kind, person)


class HouseholdsPage(Page):
    """Search the household book and work with one household."""


    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self._hits: list[int] = []

        self.search = QLineEdit(self)
        self.search.setObjectName("householdSearch")
        self.search.setPlaceholderText(_("Search by name, IIN or address"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        # Enter searches at once and goes to the list; Down goes to the list too
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)
        self.count = QLabel(self)

        self.model = HouseholdsModel(self, ctx=ctx)
        self.table, self.proxy = make_table(self.model, self, name="householdsTable", sort_column=0)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.confirm_dialog = None  # the summary shown before a certificate is numbered
        self.card = HouseholdCard(ctx, self)
        self.card.issue_requested.connect(self.issue_certificate)
        self.card.book.changed.connect(self._book_changed)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([520, 800])
        title = page_title(_("Households"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)
        self.refresh()

    def start_typing(self) -> None:
        """The keyboard starts in the search field (Ctrl+3 and typing a name)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_now(self) -> None:
        self.refresh()
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down \
                and not event.modifiers():
            self._search_now()
            return True
        return super().eventFilter(watched, event)

    # data --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Run the search now (the debounce calls this) and keep the selection if it is still there,
        else select the first row."""
        self._debounce.stop()
        text = self.search.text().strip()
        keep = self.current_household_id()
        hits = households.find_persons(self.ctx, text, households.HOUSEHOLD_HITS) if text \
            else []
        self._hits = [h.id for h in hits]
        rows = households.list_households(self.ctx, text, hits=hits)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(_("Households found: {n}").format(n=len(rows)))
        target = keep if keep is not None and self.model.row_of_id(keep) >= 0 else None
        if target is None and rows:  # the first row, so the card is never empty for nothing
            target = self.proxy.id_at(0)
        if target is not None:
            self.select_household(target)
        else:
            self.card.show_household(None)

    def current_household_id(self) -> int | None:
        row = selected_row(self.table)
        return self.proxy.id_at(row) if row is not None else None

    def select_household(self, household_id: int) -> None:
        source_row = self.model.row_of_id(household_id)
        if source_row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._show_selected()

    def show_household(self, household_id: int, person_id: int | None = None) -> None:
        """Show one household in the list and its card, `person_id` chosen there (the global
        search opens a person here); the filter is cleared, or set to the person's name when the
        household lies beyond the unfiltered list's first rows."""
        if self.model.row_of_id(household_id) < 0:
            self.search.clear()
            self.refresh()
        if self.model.row_of_id(household_id) < 0:
            members = households.household(self.ctx, household_id).members
            who = next((m.person for m in members if m.person.id == person_id),
                       members[0].person if members else None)
            if who is not None:
                self.search.setText(who.full_name)
                self.refresh()
        self.select_household(household_id)
        if person_id is not None:
            self.card.select_person(person_id)

    def _show_selected(self, *_args) -> None:
        hid = self.current_household_id()
        if hid is None:
            self.card.show_household(None)
            return
        household = households.household(self.ctx, hid)
        ids = {m.person.id for m in household.members}
        previous = self.card.selected_person() if self.card.household is not None \
            and self.card.household.id == hid else None
        hit = previous if previous in ids else next((p for p in self._hits if p in ids), None)
        self.card.show_household(household, select_person=hit)

    def on_changed(self, changes: Changes) -> None:
        if changes.households or changes.persons or changes.applications:
            self.refresh()

    # actions -------------------------------------------------------------------------------------
    def _book_changed(self, changes: Changes) -> None:
        self.changed.emit(changes)  # the main window broadcasts it back: on_changed refreshes

    def issue_certificate(self, kind: str, person_id: int):
        """Show what is about to be issued (a certificate or a reasoned refusal); on Enter take
        the number and issue it in the UI language. Returns the confirmation dialog."""
        from desktop_app.services import confirm
        from desktop_app.ui.dialogs.confirm_number import ConfirmNumberDialog
        from desktop_app.ui.errors import show_error

        if not self.card.may_issue:  # the buttons are disabled with the reason; no dialog
            return None
        try:
            summary = confirm.summarise(self.ctx, papers.certificate_draft(self.ctx, kind,
                                                                          person_id), active())
        except AppError as exc:
            show_error(self, exc)
            return None
        dialog = ConfirmNumberDialog(summary, self)
        dialog.accepted.connect(lambda: self._issue(kind, person_id))
        if self.confirm_dialog is not None:  # the previous one, long closed
            self.confirm_dialog.deleteLater()
        self.confirm_dialog = dialog
        dialog.open()
        return dialog

    def _issue(self, kind: str, person_id: int) -> None:
        language = active().locale
        for button in self.card.buttons.values():
            button.setEnabled(False)

        paper = _(dict(CERTIFICATE_BUTTONS)[kind])

        def done(result) -> None:
            pdf, reg_no, changes = result
            self.card._update_buttons()
            self.changed.emit(changes)
            self.show_pdf.emit(pdf, _("{paper} No. {reg_no}").format(paper=paper, reg_no=reg_no))

        def failed(exc: BaseException) -> None:
            self.card._update_buttons()
            from desktop_app.ui.errors import show_error

            show_error(self, exc)

        self.tasks.run(lambda: papers.issue_certificate(self.ctx, kind, person_id,
                                                        language=language),
                       done, failed, parent=self, label=_("Preparing the certificate…"))
