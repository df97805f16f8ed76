"""The main window: composes the pages, broadcasts every write's `Changes` to them, opens PDF
previews, and rebuilds itself when the interface language changes (STYLE 8). Holds no logic.

A page is built the first time it is shown or asked for (`window.page(key)`, `window.pages[key]`):
start-up builds only the first one.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QCloseEvent, QFontMetrics
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMainWindow, QStackedWidget, QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.domain.roles import Action
from desktop_app.i18n import Translator, _, active, install
from desktop_app.services import Changes, preferences
from desktop_app.services.guard import can
from desktop_app.ui.app_wide import install_qt_translations
from desktop_app.ui.errors import show_error
from desktop_app.ui.pages.registry import PageSpec, pages_for
from desktop_app.ui.session import install_session
from desktop_app.ui.tasks import TaskRunner, default_runner
from desktop_app.ui.shortcuts import MAX_PAGE_KEYS, bind, key_text, page_keys, with_keys
from desktop_app.ui.widgets.elided_label import ElidedLabel
from desktop_app.ui.widgets.search_box import SearchBox

if TYPE_CHECKING:  # the preview (Qt PDF, and ReportLab behind it) loads with the first paper
    from desktop_app.ui.pdf_preview import PdfPreviewDialog

log = logging.getLogger(__name__)

NAV_STYLE = """
QListWidget#navigation { background: #eef1f5; border: none; border-right: 1px solid #d3d8df;
                         font-size: 11pt; outline: 0; }
QListWidget#navigation::item { padding: 10px 14px; color: #27313d; }
QListWidget#navigation::item:selected { background: #ffffff; color: #0b57a4;
                                        border-left: 3px solid #0b57a4; }
"""
NAV_PADDING = (2 * 14 + 3, 2 * 10)  # the items' horizontal and vertical padding, with the border


class Pages(Mapping[str, QWidget]):
    """The window's pages by key, in navigation order; looking one up builds it if need be."""

    def __init__(self, window: MainWindow) -> None:
        self._window = weakref.ref(window)  # no cycle: a closed window goes with its last user

    def _owner(self) -> MainWindow:
        window = self._window()
        if window is None:
            raise KeyError("the window is gone")
        return window

    def __getitem__(self, key: str) -> QWidget:
        return self._owner()._build(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._owner().specs_by_key)

    def __contains__(self, key: object) -> bool:  # asking builds nothing
        return key in self._owner().specs_by_key

    def __len__(self) -> int:
        return len(self._owner().specs_by_key)

    def built(self) -> list[QWidget]:
        return list(self._owner().built.values())


class MainWindow(QMainWindow):
    """Navigation on the left, one page at a time on the right, the office in the status bar."""

    def __init__(self, ctx: AppContext, *, tasks: TaskRunner | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = tasks or default_runner()
        self.translator = active()
        self.previews: list[PdfPreviewDialog] = []
        self._replaced_by: MainWindow | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(_("Akimat Desk"))
        self.setMinimumSize(QSize(980, 620))

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setStyleSheet(NAV_STYLE)
        self.nav.setFixedWidth(210)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.specs = pages_for(ctx)
        self._discard_agreed = False  # asked once about unsaved input; see may_discard_unsaved
        self.specs_by_key: dict[str, PageSpec] = {spec.key: spec for spec in self.specs}
        self.built: dict[str, QWidget] = {}
        self.pages = Pages(self)
        for spec in self.specs:
            self.stack.addWidget(QWidget(self.stack))  # stands in until the page is first shown
            item = QListWidgetItem(_(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self._fit_nav_rows()
        self.nav.currentRowChanged.connect(self._show_row)

        central = QWidget(self)
        column = QWidget(central)
        column.setObjectName("navigationColumn")
        column.setFixedWidth(self.nav.width())
        column.setStyleSheet("QWidget#navigationColumn { background: #eef1f5; }")
        column.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        left = QVBoxLayout(column)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(0)
        self.search: SearchBox | None = None
        if "households" in self.pages and can(ctx, Action.PRINT_PAPER):
            self.search = SearchBox(ctx, column, central)
            self.search.open_application.connect(self.open_application)
            self.search.open_person.connect(self.open_household)
            left.addWidget(self.search)
            bind("search", self, self.focus_search)
            with_keys(self.search, "search", self.search.toolTip())
        left.addWidget(self.nav, 1)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(column)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        for number, key in enumerate(self.pages, start=1):
            if number <= MAX_PAGE_KEYS:
                bind("page", self, lambda k=key: self.go_to_page(k), keys=page_keys(number))
                item = self.nav.item(number - 1)
                item.setToolTip(_("{what} ({keys})").format(what=item.text(),
                                                             keys=key_text(page_keys(number))))
        bind("help", self, self.show_shortcuts)

        self.office_label = QLabel(self.translator.text(ctx.office.name), self)
        self.office_label.setObjectName("officeName")
        self.path_label = ElidedLabel(_("Data file: {path}").format(path=str(ctx.db_path)), self,
                                      mode=Qt.TextElideMode.ElideMiddle, min_chars=16)
        self.path_label.setObjectName("dataPath")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.office_label, 1)
        self.statusBar().addPermanentWidget(self.path_label)
        self.session = install_session(self)  # who is signed in, Lock (Ctrl+L), Sign out
        self.show_page(next(iter(self.pages), ""))

    # navigation ----------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget | None:
        return self.pages.get(key)

    def _build(self, key: str) -> QWidget:
        """The page of `key`, built now if it never was (KeyError for a page not shown here)."""
        page = self.built.get(key)
        if page is not None:
            return page
        spec = self.specs_by_key[key]
        page = spec.load()(self.ctx, self, tasks=self.tasks)
        page.setObjectName(f"{key}Page")
        self.built[key] = page
        index = list(self.specs_by_key).index(key)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        page.changed.connect(self.broadcast)
        page.show_pdf.connect(self.open_pdf)
        if hasattr(page, "language_requested"):
            page.language_requested.connect(self.switch_language)
        return page

    def _fit_nav_rows(self) -> None:
        """Each navigation row as tall as its wrapped label (a long Russian label takes two
        lines instead of being cut with "…")."""
        self.nav.ensurePolished()
        metrics = QFontMetrics(self.nav.font())
        room = self.nav.width() - NAV_PADDING[0] - self.nav.frameWidth() * 2
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            text = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap,
                                        item.text())
            item.setSizeHint(QSize(room, text.height() + NAV_PADDING[1] + 4))

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self._build(self.specs[row].key)
        self.stack.setCurrentIndex(row)

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def go_to_page(self, key: str) -> None:
        """Ctrl+1…9: show the page and put the keyboard where its work starts (the page's
        `start_typing()`, e.g. the Households search field)."""
        self.show_page(key)
        page = self.built.get(key)
        start = getattr(page, "start_typing", None)
        if start is not None and self.current_key() == key:
            start()

    def show_page(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
                return

    def show_shortcuts(self):
        """The F1 sheet: every shortcut with what it does, in the interface language."""
        from desktop_app.ui.dialogs.shortcut_sheet import ShortcutSheet

        sheet = ShortcutSheet(self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        return sheet

    def page_shortcuts(self) -> list[tuple[str, str]]:
        """(keys, page title) of the page keys of this window."""
        return [(page_keys(n), _(spec.title))
                for n, spec in enumerate(self.specs, start=1) if n <= MAX_PAGE_KEYS]

    # search ------------------------------------------------------------------------------------
    def focus_search(self) -> None:
        if self.search is not None:
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    def open_application(self, application_id: int):
        """The application's details dialog, as the Applications page opens it."""
        from desktop_app.ui.dialogs.application_details import ApplicationDetailsDialog

        dialog = ApplicationDetailsDialog(self.ctx, application_id, self, tasks=self.tasks)
        dialog.show_pdf.connect(self.open_pdf)
        dialog.changed.connect(self.broadcast)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_household(self, household_id: int, person_id: int) -> None:
        """The Households page on the person's household, the person chosen in its card."""
        self.show_page("households")
        page = self.pages.get("households")
        if page is not None:
            page.show_household(household_id, person_id)

    # what pages ask for -------------------------------------------------------------------------
    def broadcast(self, changes: Changes) -> None:
        """Tell every page built so far what a write changed; each decides whether to refresh
        (a page built later reads the data as it is then)."""
        for page in self.pages.built():
            page.on_changed(changes)
        if (changes.office or changes.settings) and [p.key for p in pages_for(self.ctx)] != [
                p.key for p in self.specs]:
            self.rebuild()  # the office became a district: another set of pages

    def rebuild(self) -> MainWindow:
        """Replace this window by a new one (same page when it still exists)."""
        window = create_main_window(self.ctx, tasks=self.tasks)
        window.restoreGeometry(self.saveGeometry())
        window.show_page(self.current_key())
        if self.isVisible():
            window.show()
        self._replaced_by = window
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.close()  # deleted later, once the signal that asked for this has returned
        return window

    def open_pdf(self, pdf: bytes, title: str) -> PdfPreviewDialog:
        from desktop_app.ui.pdf_preview import open_preview

        dialog = open_preview(pdf, title, self)
        self.previews.append(dialog)
        dialog.destroyed.connect(lambda *_a, d=dialog: self.previews.remove(d)
                                 if d in self.previews else None)
        return dialog

    def switch_language(self, lang: str) -> MainWindow:
        """Save the language, install its translator and replace this window by a new one."""
        if lang == self.translator.locale:
            return self
        if not self.may_discard_unsaved():  # the window is rebuilt: the open form would go
            return self
        try:
            preferences.set_language(self.ctx, lang)
        except AppError as exc:
            show_error(self, exc)
            return self
        install(Translator(lang))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translations(app, lang)  # OK / Cancel, file dialogs, the calendar
        window = create_main_window(self.ctx, tasks=self.tasks)
        window.restoreGeometry(self.saveGeometry())
        window.show_page(self.current_key())
        if self.isVisible():
            window.show()
        self._replaced_by = window
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.close()  # deleted later, once the signal that asked for this has returned
        return window

    def save_geometry(self) -> None:
        try:
            geometry = bytes(self.saveGeometry().toBase64()).decode()
            preferences.set_window_geometry(self.ctx, geometry)
        except Exception:  # noqa: BLE001 - losing the window size is not worth an error box
            log.exception("cannot save the window geometry")

    def restore_saved_geometry(self) -> bool:
        text = preferences.get_window_geometry(self.ctx)
        return bool(text) and self.restoreGeometry(QByteArray.fromBase64(text.encode()))

    def may_discard_unsaved(self) -> bool:
        """True when no page holds unsaved input, or the person agreed to throw it away (asked
        once); a window being replaced after that question closes without asking again."""
        if self._discard_agreed:
            return True
        for page in self.built.values():
            unsaved = getattr(page, "has_unsaved_input", None)
            if unsaved is not None and unsaved():
                from desktop_app.ui.pages.reception import ask_discard

                if not ask_discard(self):
                    return False
                break
        self._discard_agreed = True
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.may_discard_unsaved():
            event.ignore()
            return
        for dialog in list(self.previews):
            dialog.close()
        self.save_geometry()
        super().closeEvent(event)


_current: MainWindow | None = None


def create_main_window(ctx: AppContext, *, tasks: TaskRunner | None = None) -> MainWindow:
    """The factory the app and the language switch use; keeps the newest window alive."""
    global _current
    _current = MainWindow(ctx, tasks=tasks)
    return _current


def current_window() -> MainWindow | None:
    return _current
