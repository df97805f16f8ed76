"""The Settings page: the interface language (applied at once by rebuilding the main window), and
read-only facts: the office, the data file, the version. Office set-up itself is a later page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QRadioButton, QVBoxLayout, QWidget)

from desktop_app import __version__
from desktop_app.context import AppContext
from desktop_app.i18n import _, active
from desktop_app.services import Changes, permissions
from desktop_app.ui.pages.base import Page, page_title
from desktop_app.ui.permits import blocked, gate

# Language names are written in their own language, so anyone can find theirs.
LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский"}


class SettingsPage(Page):
    """Language choice plus what this copy of the program is working with."""
    language_requested = Signal(str)  # the main window switches and saves

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: object = None) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        t = active()

        language_box = QGroupBox(_("Interface language"), self)
        self.language_buttons: dict[str, QRadioButton] = {}
        self._group = QButtonGroup(self)
        row = QHBoxLayout(language_box)
        for code, name in LANGUAGE_NAMES.items():
            button = QRadioButton(name, language_box)
            button.setObjectName(f"language_{code}")
            button.setChecked(code == t.locale)
            button.toggled.connect(lambda on, c=code: on and self._choose(c))
            self._group.addButton(button)
            self.language_buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        note = QLabel(_("Papers are printed in the language chosen for each paper; this setting "
                        "changes only the program's own screens."), language_box)
        note.setWordWrap(True)

        office = ctx.office
        office_box = QGroupBox(_("Office details"), self)
        form = QFormLayout(office_box)
        self.fields: dict[str, QLabel] = {}
        for key, label, value in (
            ("name", _("Name:"), t.text(office.name) if office.name else ""),
            ("address", _("Address:"), t.text(office.address) if office.address else ""),
            ("phone", _("Phone:"), office.phone),
            ("akim", _("Akim:"), ", ".join(x for x in (
                office.akim_name, t.text(office.akim_position) if office.akim_position else "")
                if x)),
            ("department", _("Reports to:"),
             t.text(office.department) if office.department else ""),
        ):
            self.fields[key] = self._value(value, office_box)
            form.addRow(label, self.fields[key])
        later = QLabel(_("An administrator changes the office's details with the button "
                         "below."), office_box)
        later.setWordWrap(True)
        later.setStyleSheet("color: palette(mid);")
        form.addRow(later)

        about_box = QGroupBox(_("This copy of Akimat Desk"), self)
        about = QFormLayout(about_box)
        self.fields["data_file"] = self._value(str(ctx.db_path), about_box)
        self.fields["version"] = self._value(__version__, about_box)
        about.addRow(_("Data file:"), self.fields["data_file"])
        about.addRow(_("Version:"), self.fields["version"])

        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Settings"), self))
        layout.addWidget(language_box)
        layout.addWidget(note)
        layout.addWidget(office_box)
        # an administrator's work; others see the button disabled, its tooltip saying why
        setup_box = QGroupBox(_("Office set-up"), self)
        setup_row = QHBoxLayout(setup_box)
        self.office_button = QPushButton(
            _("Set up my office…") if ctx.is_demo else _("Change the office's details…"),
            setup_box)
        self.office_button.setObjectName("officeSettingsButton")
        self.office_button.clicked.connect(self._open_office_settings)
        gate(self.office_button, permissions.office_setup(ctx))
        setup_row.addWidget(self.office_button)
        from desktop_app.ui.dialogs.make_district import can_make_district, open_make_district
        if can_make_district(ctx):
            self.district_button = QPushButton(_("Set up as a district office…"), setup_box)
            self.district_button.setObjectName("makeDistrictButton")
            self.district_button.clicked.connect(lambda: setattr(
                self, "district_dialog", open_make_district(ctx, self, self.changed.emit)))
            setup_row.addWidget(self.district_button)
        setup_row.addStretch(1)
        layout.addWidget(setup_box)
        from desktop_app.ui.widgets.backup_box import BackupBox

        self.backup_box = BackupBox(ctx, self, tasks=tasks)  # backups, restore, screen lock
        layout.addWidget(self.backup_box)
        layout.addWidget(about_box)
        layout.addStretch(1)

    @staticmethod
    def _value(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _open_office_settings(self) -> None:
        from desktop_app.ui.dialogs.office_settings import open_office_settings

        if blocked(self.office_button):
            return

        def saved(changes: Changes) -> None:
            t, office = active(), self.ctx.office
            self.fields["name"].setText(t.text(office.name))
            self.fields["address"].setText(t.text(office.address))
            self.fields["phone"].setText(office.phone)
            self.fields["akim"].setText(", ".join(x for x in (
                office.akim_name, t.text(office.akim_position)) if x))
            self.fields["department"].setText(t.text(office.department))
            self.office_button.setText(_("Change the office's details…"))
            self.changed.emit(changes)

        self.office_dialog = open_office_settings(self.ctx, self, saved)

    def _choose(self, code: str) -> None:
        if code != active().locale:
            self.language_requested.emit(code)

    def on_changed(self, changes: Changes) -> None:
        pass  # nothing here changes through other pages yet (office set-up will)
