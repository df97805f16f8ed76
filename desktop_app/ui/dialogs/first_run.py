"""The first-run dialog, shown before the main window while the data folder holds no office:
"Set up my office" (region → district → office from the lists with a search box, or a new one
typed in; then the details, the akim and the Department; the first administrator; specialists,
optional) or "Try the demo village". Cancel writes nothing.

Also opened from Settings by the administrator of the untouched demo office (`ctx` given): the
same steps, saved over the demo office. Imports services (setup, office_setup) and ui helpers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QScrollArea, QStackedWidget, QVBoxLayout, QWidget)

from desktop_app.context import AppContext, system_clock
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.domain.offices_catalogue import AkimOffice
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.i18n import N_, Translator, _, active, install
from desktop_app.services import office_setup, preferences, setup
from desktop_app.services.office_setup import OfficeDraft, StaffDraft
from desktop_app.ui.app_wide import install_qt_translations
from desktop_app.ui.errors import show_error
from desktop_app.ui.models import RowsModel
from desktop_app.ui.tables import make_table
from desktop_app.ui.widgets.office_form import AccountForm, OfficeForm

CHOICE, LIST, DETAILS, ADMIN, STAFF = range(5)


class AkimsModel(RowsModel):
    headers = (N_("Office (kk)"), N_("Office (ru)"))

    def id_of(self, item: AkimOffice):
        return item.id

    def display(self, item: AkimOffice, column: int) -> str:
        return item.name_kk if column == 0 else item.name_ru


class StaffModel(RowsModel):
    headers = (N_("Login"), N_("Full name"), N_("Roles"))

    def id_of(self, item: StaffDraft):
        return item.login

    def display(self, item: StaffDraft, column: int) -> str:
        roles = ", ".join(_(ROLE_LABELS[Role(r)]) for r in sorted(item.roles))
        return (item.login, item.full_name, roles)[column]


def _scrolled(widget: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class FirstRunDialog(QDialog):
    """`choice` is "office" (then `ctx` is the new office's context) or "demo" once accepted."""

    office_set_up = Signal(object)   # Changes, when set up over the demo office

    def __init__(self, folder: Path | str | None = None, parent: QWidget | None = None, *,
                 ctx: AppContext | None = None,
                 clock: Callable[[], dt.datetime] = system_clock,
                 single_instance: bool = True) -> None:
        super().__init__(parent)
        self.folder, self.existing, self.clock = folder, ctx, clock
        self.single_instance = single_instance
        self.choice = ""
        self.ctx: AppContext | None = None
        self.lists = office_setup.office_lists()
        self.setObjectName("firstRun")
        self.resize(820, 640)
        self.language = active().locale
        self.language_bar = None if ctx else self._language_bar()
        outer = QVBoxLayout(self)
        if self.language_bar is not None:
            outer.addWidget(self.language_bar)
        self._build()

    def _language_bar(self) -> QWidget:
        """Қазақша / Русский: each language named in itself, so anyone finds theirs."""
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.language_buttons: dict[str, QPushButton] = {}
        for lang, name in (("kk", "Қазақша"), ("ru", "Русский")):
            button = QPushButton(name, bar)
            button.setObjectName(f"language_{lang}")
            button.setCheckable(True)
            button.setChecked(lang == self.language)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, code=lang: self.switch_language(code))
            row.addWidget(button)
            self.language_buttons[lang] = button
        return bar

    def switch_language(self, lang: str) -> None:
        """Install the language and build the dialog anew in it (nothing is typed yet on the
        first screen; whatever was is dropped). The choice is stored with the new office."""
        for code, button in self.language_buttons.items():
            button.setChecked(code == lang)
        if lang == self.language:
            return
        install(Translator(lang))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translations(app, lang)
        self.language = lang
        for child in self.children():
            if isinstance(child, QWidget) and child is not self.language_bar:
                child.hide()
                child.deleteLater()
        self._build()

    def _build(self) -> None:
        self.staff: list[StaffDraft] = []
        self.setWindowTitle(_("Set up the office") if self.existing else
                            _("Welcome to Akimat Desk"))
        body = QWidget(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._choice_page())
        self.stack.addWidget(self._list_page())
        self.office_form = OfficeForm(self)
        self.stack.addWidget(_scrolled(self.office_form, self))
        self.admin_form = AccountForm(self, fixed_roles=frozenset({"admin"}))
        self.stack.addWidget(self._titled(self.admin_form, _(
            "The first administrator manages accounts, the office's details and parameters. "
            "Keep the password safe: from now on every account signs in with its password.")))
        self.stack.addWidget(self._staff_page())

        self.title = QLabel(self)
        self.title.setObjectName("stepTitle")
        self.back_button = QPushButton(_("Back"), self)
        self.next_button = QPushButton(_("Next"), self)
        self.finish_button = QPushButton(_("Finish"), self)
        self.cancel_button = QPushButton(_("Cancel"), self)
        for name, button in (("back", self.back_button), ("next", self.next_button),
                             ("finish", self.finish_button), ("cancel", self.cancel_button)):
            button.setObjectName(f"{name}Button")
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.finish_button.clicked.connect(self.finish)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.finish_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.layout().addWidget(body, 1)
        self.go(LIST if self.existing else CHOICE)

    # pages ---------------------------------------------------------------------------------------
    def _titled(self, widget: QWidget, note: str) -> QWidget:
        page = QWidget(self)
        lay = QVBoxLayout(page)
        text = QLabel(note, page)
        text.setWordWrap(True)
        lay.addWidget(text)
        lay.addWidget(widget)
        lay.addStretch(1)
        return _scrolled(page, self)

    def _choice_page(self) -> QWidget:
        page = QWidget(self)
        lay = QVBoxLayout(page)
        intro = QLabel(_("This folder holds no office yet. Set up your office to start work, or "
                         "try the program on a demo village first (its people are invented)."),
                       page)
        intro.setWordWrap(True)
        self.setup_button = QPushButton(_("Set up my office"), page)
        self.setup_button.setObjectName("setUpOffice")
        self.demo_button = QPushButton(_("Try the demo village"), page)
        self.demo_button.setObjectName("openDemo")
        for b in (self.setup_button, self.demo_button):
            b.setMinimumHeight(48)
        self.setup_button.clicked.connect(lambda: self.go(LIST))
        self.demo_button.clicked.connect(self.choose_demo)
        lay.addWidget(intro)
        lay.addSpacing(12)
        lay.addWidget(self.setup_button)
        lay.addWidget(self.demo_button)
        lay.addStretch(1)
        return page

    def _list_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout()
        t = active()
        self.region_combo = QComboBox(page)
        self.region_combo.setObjectName("region")
        for region in self.lists.regions():
            self.region_combo.addItem(t.text(self.lists.region(region).name), region)
        self.district_combo = QComboBox(page)
        self.district_combo.setObjectName("district")
        self.search = QLineEdit(page)
        self.search.setObjectName("officeSearch")
        self.search.setPlaceholderText(_("Type part of the office's name"))
        form.addRow(_("Region:"), self.region_combo)
        form.addRow(_("District:"), self.district_combo)
        form.addRow(_("Search:"), self.search)
        self.akims = AkimsModel(page)
        self.akims_view, self.akims_proxy = make_table(self.akims, page, name="officesTable",
                                                       sort_column=0)
        self.akims_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.listed_radio = QRadioButton(_("My office is in the list"), page)
        self.typed_radio = QRadioButton(_("My office is not in the list: I will type it in"),
                                        page)
        self.typed_radio.setObjectName("typedOffice")
        self.listed_radio.setChecked(True)
        self.typed_radio.toggled.connect(lambda on: self.akims_view.setEnabled(not on))
        self.list_error = QLabel(page)
        self.list_error.setObjectName("listError")
        self.list_error.setStyleSheet("color: #c62828;")
        lay = QVBoxLayout(page)
        lay.addLayout(form)
        lay.addWidget(self.listed_radio)
        lay.addWidget(self.akims_view, 1)
        lay.addWidget(self.typed_radio)
        lay.addWidget(self.list_error)
        self.region_combo.currentIndexChanged.connect(self._fill_districts)
        self.district_combo.currentIndexChanged.connect(self._fill_akims)
        self.search.textChanged.connect(self._filter)
        self.akims_view.doubleClicked.connect(lambda _i: self.next())
        self._fill_districts()
        return page

    def _staff_page(self) -> QWidget:
        page = QWidget(self)
        self.staff_form = AccountForm(page)
        self.staff_model = StaffModel(page)
        view, self.staff_proxy = make_table(self.staff_model, page, name="staffTable", stretch=1)
        self.staff_view = view
        add = QPushButton(_("Add this account"), page)
        add.setObjectName("addStaff")
        remove = QPushButton(_("Remove the selected account"), page)
        remove.setObjectName("removeStaff")
        add.clicked.connect(self.add_staff)
        remove.clicked.connect(self.remove_staff)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        note = QLabel(_("Specialists and the akim may be added now or later by the "
                        "administrator. This step is optional."), page)
        note.setWordWrap(True)
        lay = QVBoxLayout(page)
        lay.addWidget(note)
        lay.addWidget(self.staff_form)
        lay.addLayout(row)
        lay.addWidget(view, 1)
        return _scrolled(page, self)

    # the lists -----------------------------------------------------------------------------------
    def _fill_districts(self) -> None:
        region = self.region_combo.currentData()
        self.district_combo.blockSignals(True)
        self.district_combo.clear()
        t = active()
        for d in self.lists.districts(region) if region else []:
            if self.lists.akims(region, d.id):
                self.district_combo.addItem(d.name_kk if t.locale == "kk" else d.name_ru, d.id)
        self.district_combo.blockSignals(False)
        self._fill_akims()

    def _fill_akims(self) -> None:
        region = self.region_combo.currentData()
        district = self.district_combo.currentData()
        self.akims.set_rows(self.lists.akims(region, district) if region and district else [])
        self._filter()

    def _filter(self) -> None:
        words = self.search.text().casefold().split()
        self.akims_proxy.set_predicate(
            (lambda a: all(w in f"{a.name_kk} {a.name_ru}".casefold() for w in words))
            if words else None)
        if self.akims_proxy.rowCount() == 1 or (words and self.akims_proxy.rowCount()):
            self.akims_view.selectRow(0)

    def select(self, region: str, district_id: str, akim_id: str = "") -> None:
        """Choose a region, a district and (optionally) an office, as a click would."""
        self.region_combo.setCurrentIndex(self.region_combo.findData(region))
        self.district_combo.setCurrentIndex(self.district_combo.findData(district_id))
        for row in range(self.akims_proxy.rowCount()):
            if self.akims_proxy.item_at(row).id == akim_id:
                self.akims_view.selectRow(row)

    def selected_akim(self) -> AkimOffice | None:
        rows = self.akims_view.selectionModel().selectedRows()
        return self.akims_proxy.item_at(rows[0].row()) if rows else None

    # steps ---------------------------------------------------------------------------------------
    def go(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        titles = {CHOICE: _("Welcome"), LIST: _("Step 1 of 4: find your office"),
                  DETAILS: _("Step 2 of 4: the office, its akim and its Department"),
                  ADMIN: _("Step 3 of 4: the first administrator"),
                  STAFF: _("Step 4 of 4: specialists (optional)")}
        self.title.setText(f"<h3>{titles[page]}</h3>")
        self.back_button.setVisible(page > (LIST if self.existing else CHOICE))
        self.next_button.setVisible(CHOICE < page < STAFF)
        self.finish_button.setVisible(page >= ADMIN)

    def back(self) -> None:
        self.go(max(self.stack.currentIndex() - 1, CHOICE))

    def next(self) -> None:
        page = self.stack.currentIndex()
        if page == LIST and not self._take_list_choice():
            return
        if page == DETAILS:
            self.office_form.clear_errors()
            errors = office_setup.check_identity(None, self.office_form.draft())
            if errors:
                self._show_errors(errors)
                return
        if page == ADMIN and self._admin_problem():
            return
        self.go(min(page + 1, STAFF))

    def _take_list_choice(self) -> bool:
        self.list_error.clear()
        if self.typed_radio.isChecked():
            draft = OfficeDraft(region=self.region_combo.currentData() or "")
            district = self.district_combo.currentData()
            if district:
                rec = self.lists.get(district)
                region = self.lists.region(rec.region)
                draft.district = {"kk": f"{region.name['kk']}, {rec.name_kk}",
                                  "ru": f"{region.name['ru']}, {rec.name_ru}"}
        else:
            akim = self.selected_akim()
            if akim is None:
                self.list_error.setText(_("Choose your office in the list, or type it in."))
                return False
            draft = office_setup.draft_from_list(self.lists, akim.id)
        old = self.office_form.draft()
        if old.listed_id != draft.listed_id or not old.code:
            draft.akim_name, draft.akim_position = old.akim_name, old.akim_position
            self.office_form.set_draft(draft)
        return True

    def _admin_problem(self) -> bool:
        self.admin_form.clear_errors()
        if self.admin_form.mismatch():
            return True
        errors = [e for e in office_setup.check(None, self.draft())
                  if e.field.startswith("admin.")]
        return self._show_errors(errors)

    def _show_errors(self, errors: list[ValidationError]) -> bool:
        """Show each error on its field, go to the first one's page; True when there were any."""
        first_page = None
        for i, exc in enumerate(errors):
            if exc.field.startswith("admin."):
                shown, page = self.admin_form.show_error(exc, "admin.", focus=i == 0), ADMIN
            elif exc.field.startswith("staff."):
                shown, page = False, STAFF
            else:
                shown, page = self.office_form.show_error(exc, focus=i == 0), DETAILS
            first_page = page if first_page is None else min(first_page, page)
            if not shown and page == STAFF:
                show_error(self, exc)
        if first_page is not None and first_page != self.stack.currentIndex():
            self.go(first_page)
        return bool(errors)

    def add_staff(self) -> None:
        self.staff_form.clear_errors()
        if self.staff_form.mismatch():
            return
        person = self.staff_form.account()
        probe = OfficeDraft(admin=self.admin_form.account(), staff=[*self.staff, person])
        key = f"staff.{len(self.staff)}."
        errors = [e for e in office_setup.check(None, probe) if e.field.startswith(key)]
        if errors:
            for i, exc in enumerate(errors):
                self.staff_form.show_error(exc, key, focus=i == 0)
            return
        self.staff.append(person)
        self.staff_model.set_rows(self.staff)
        self.staff_form.reset()

    def remove_staff(self) -> None:
        rows = self.staff_view.selectionModel().selectedRows()
        if rows:
            person = self.staff_proxy.item_at(rows[0].row())
            self.staff = [p for p in self.staff if p is not person]
            self.staff_model.set_rows(self.staff)

    def draft(self) -> OfficeDraft:
        draft = self.office_form.draft()
        draft.admin = self.admin_form.account()
        draft.staff = list(self.staff)
        return draft

    def choose_demo(self) -> None:
        self.choice = "demo"
        self.accept()

    def finish(self) -> None:
        """Check everything, then write the office in one go (or show what is wrong)."""
        if self.stack.currentIndex() == ADMIN and self._admin_problem():
            return
        draft = self.draft()
        self.office_form.clear_errors()
        if self._show_errors(office_setup.check(None, draft)):
            return
        try:
            if self.existing is not None:
                changes = office_setup.set_up_office(self.existing, draft)
                self.office_set_up.emit(changes)
                self.ctx = self.existing
            else:
                self.ctx = setup.open_new_office(self.folder, draft, clock=self.clock,
                                                 single_instance=self.single_instance)
                preferences.set_language(self.ctx, self.language)
        except ValidationError as exc:
            if not self._show_errors([exc]):
                show_error(self, exc)
            return
        except AppError as exc:
            show_error(self, exc)
            return
        self.choice = "office"
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Enter in a field moves on instead of closing the dialog
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            (self.finish if self.stack.currentIndex() == STAFF else self.next)()
            return
        super().keyPressEvent(event)
