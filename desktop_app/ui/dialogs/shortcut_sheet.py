"""The F1 sheet: every keyboard shortcut with what it does and where, in the interface language,
built from the one registry (ui/shortcuts.py) and the window's own page keys.

UI layer: imports PySide6, i18n and ui helpers only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop_app.i18n import N_, _
from desktop_app.ui.app_wide import fit_within
from desktop_app.ui.models import RowsModel
from desktop_app.ui.shortcuts import EVERYWHERE, PAGE_ACTION, SHORTCUTS, key_text, keys_text
from desktop_app.ui.tables import make_table


@dataclass(frozen=True)
class SheetRow:
    keys: tuple[str, ...]   # portable key texts (what the sheet promises is bound)
    shown_keys: str         # as the person reads them
    action: str
    where: str


def sheet_rows(page_keys: list[tuple[str, str]]) -> list[SheetRow]:
    """The registry's entries, the page keys (keys, page title) after the first global ones."""
    rows = [SheetRow(spec.keys, keys_text(spec), _(spec.action), _(spec.where))
            for spec in SHORTCUTS]
    pages = [SheetRow((keys,), key_text(keys), _(PAGE_ACTION).format(page=title),
                      _(EVERYWHERE)) for keys, title in page_keys]
    first_local = next((i for i, r in enumerate(rows) if r.where != _(EVERYWHERE)), len(rows))
    return rows[:first_local] + pages + rows[first_local:]


class SheetModel(RowsModel):
    headers = (N_("Keys"), N_("What it does"), N_("Where"))

    def display(self, item: SheetRow, column: int) -> str:
        return (item.shown_keys, item.action, item.where)[column]

    def id_of(self, item: SheetRow) -> int | None:
        return None


class ShortcutSheet(QDialog):
    """A list of every shortcut; Esc or Close closes it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(_("Keyboard shortcuts"))
        page_keys = window.page_shortcuts() if hasattr(window, "page_shortcuts") else []
        self.rows = sheet_rows(page_keys)
        self.model = SheetModel(self)
        self.model.set_rows(self.rows)
        self.table, _proxy = make_table(self.model, self, name="shortcutTable")
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_within(self, 760, 620)

    def listed_keys(self) -> set[str]:
        """Every key combination the sheet lists, in portable text."""
        return {keys for row in self.rows for keys in row.keys}
