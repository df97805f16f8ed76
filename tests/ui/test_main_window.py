"""The main window: pages, status bar, Changes broadcast, and the language switch rebuild."""

from __future__ import annotations

import gettext

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app import i18n
from desktop_app.i18n import Translator, active
from desktop_app.services import Changes, preferences
from desktop_app.ui import app_wide
from desktop_app.ui import main_window as mw


class _Prefixed(gettext.NullTranslations):
    """A stand-in catalogue until the .po files exist: every string visibly "translated"."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def gettext(self, message):
        return self.prefix + message

    def ngettext(self, singular, plural, n):
        return self.prefix + (singular if n == 1 else plural)

    def pgettext(self, context, message):
        return self.prefix + message


@pytest.fixture
def fake_catalogues(monkeypatch):
    monkeypatch.setattr(i18n, "_load", lambda locale: _Prefixed(f"[{locale}] "))
    i18n.install(Translator("kk"))


def _nav_texts(window) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_builds_with_demo_village(qtbot, demo_ctx):
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    assert {"households", "applications", "settings"} <= set(window.pages)
    assert window.office_label.text() == active().text(demo_ctx.office.name)
    assert "«Көксу" in window.office_label.text()
    assert str(demo_ctx.db_path) in window.path_label.text()
    assert window.stack.count() == window.nav.count() == len(window.pages)
    assert window.current_key() == list(window.pages)[0] == "today"


def test_shortcuts_and_navigation(qtbot, demo_ctx):
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("applications")
    assert window.stack.currentWidget() is window.pages["applications"]
    # sent to the QWindow so it goes through Qt's shortcut map, as a real key press does
    # Ctrl+1..9 reach the first nine pages: take the last page that has a shortcut
    number = min(len(window.pages), 9)
    target = list(window.pages)[number - 1]
    qtbot.keyClick(window.windowHandle(), getattr(Qt.Key, f"Key_{number}"),
                   Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == target
    assert window.stack.currentWidget() is window.pages[target]
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "households"
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "today"   # the first page, shown after sign-in


def test_changes_reach_every_page(qtbot, demo_ctx, monkeypatch):
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    seen = []
    for key, page in window.pages.items():
        monkeypatch.setattr(page, "on_changed", lambda c, k=key: seen.append((k, c)))
    changes = Changes(applications=frozenset({1}))
    window.pages["households"].changed.emit(changes)
    assert sorted(k for k, _c in seen) == sorted(window.pages)
    assert all(c is changes for _k, c in seen)


def test_language_switch_rebuilds_the_window(qtbot, demo_ctx, fake_catalogues):
    old = mw.create_main_window(demo_ctx)
    qtbot.addWidget(old)
    old.show()
    old.show_page("settings")
    assert _nav_texts(old)[-1] == "[kk] Settings"
    settings_page = old.pages["settings"]

    settings_page.language_buttons["ru"].click()   # what the person does

    new = mw.current_window()
    qtbot.addWidget(new)
    assert new is not old
    assert active().locale == "ru"
    assert preferences.get_language(demo_ctx) == "ru"
    # the new window's widgets were built with the newly installed translator
    ru = Translator("ru")
    assert _nav_texts(new)[-1] == ru.gettext("Settings") == "[ru] Settings"
    assert new.windowTitle() == ru.gettext("Akimat Desk")
    assert new.path_label.text().startswith("[ru] ")
    assert new.pages["settings"].language_buttons["ru"].isChecked()
    assert new.current_key() == "settings"
    assert new.pages["households"].search.placeholderText().startswith("[ru] ")
    # the old window is gone, its labels stayed in the old language
    assert not old.isVisible()
    assert _nav_texts(old)[-1] == "[kk] Settings"
    # switching to the current language is a no-op
    assert new.switch_language("ru") is new
    # Qt's own words (OK / Cancel, file dialogs, the calendar) switched too
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"
    finally:
        for translator in app_wide._qt_translators:
            QApplication.instance().removeTranslator(translator)
        app_wide._qt_translators.clear()


def test_window_geometry_is_kept(qtbot, demo_ctx):
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    size = window.size()
    window.close()
    assert preferences.get_window_geometry(demo_ctx)
    again = mw.create_main_window(demo_ctx)
    qtbot.addWidget(again)
    assert again.restore_saved_geometry()
    # (the offscreen screen is narrower than the window, so Qt clamps the width on restore)
    assert again.size().height() == size.height()


def test_run_gui_refuses_a_damaged_file_without_touching_it(qtbot, tmp_path, monkeypatch):
    import sys

    from PySide6.QtWidgets import QLabel, QMessageBox

    from desktop_app.ui import app as app_module

    bad = tmp_path / "office"
    bad.mkdir()
    (bad / "akimat.sqlite3").write_bytes(b"this is not a database, it is a letter")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(
        (self.text(), self.informativeText())) or 0)
    from desktop_app.ui.dialogs.startup import DamagedFileDialog  # offers a backup, or Quit

    monkeypatch.setattr(DamagedFileDialog, "exec", lambda self: shown.append(
        (self.windowTitle(), self.findChild(QLabel, "damagedText").text())) or 0)
    monkeypatch.setattr(app_module, "_setup_logging", lambda folder: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    code = app_module.run_gui(str(bad))
    assert code == app_module.EXIT_CANNOT_OPEN
    assert shown and str(bad / "akimat.sqlite3") in shown[0][1]
    assert (bad / "akimat.sqlite3").read_bytes() == b"this is not a database, it is a letter"
