"""The certificate and paper buttons have mnemonics (Alt+letter), and within one window no two
widgets share a letter — in Kazakh and in Russian, as the translations give them."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QApplication, QGroupBox, QLabel, QTabWidget,
                               QWidget)

from desktop_app.i18n import Translator, install
from desktop_app.services import applications
from desktop_app.ui.dialogs.application_details import ApplicationDetailsDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.households import CERTIFICATE_BUTTONS
from tests.ui.keys import press_key


def mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every shown widget of `window` that has a mnemonic, and of its menu
    bar's menus."""
    found: list[tuple[str, str]] = []

    def add(text: str) -> None:
        key = QKeySequence.mnemonic(text)
        if not key.isEmpty():
            found.append((key.toString().lower(), text))

    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget.tabText(i))
    if hasattr(window, "menuBar"):
        for action in window.menuBar().actions():
            add(action.text())
    return found


def assert_distinct(found: list[tuple[str, str]]) -> None:
    counts = Counter(letter for letter, _text in found)
    clashes = [(letter, text) for letter, text in found if counts[letter] > 1]
    assert not clashes, clashes


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_households_page_certificate_buttons(qtbot, demo_ctx, lang):
    install(Translator(lang))
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show_page("households")
    window.show()
    page = window.pages["households"]
    found = mnemonics(window)
    assert_distinct(found)
    letters = {text: letter for letter, text in found}
    for kind, _name in CERTIFICATE_BUTTONS:
        assert page.card.buttons[kind].text() in letters, kind


def test_alt_letter_presses_the_tsa_certificate_button(qtbot, demo_ctx):
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show_page("households")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.pages["households"]
    button = page.card.buttons["tsa_recipient"]
    pressed: list[bool] = []
    button.clicked.disconnect()
    button.clicked.connect(lambda: pressed.append(True))
    key = QKeySequence.mnemonic(button.text())
    page.table.setFocus()
    press_key(QApplication.focusWidget(), key[0].key(), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: pressed == [True])   # a mnemonic "animates" the click first


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_application_paper_buttons(qtbot, demo_ctx, lang):
    install(Translator(lang))
    by_status = {}
    for work in applications.work_list(demo_ctx):   # one application of each status
        by_status.setdefault(work.row.status, work.row)
    assert len(by_status) > 1
    for row in by_status.values():
        dialog = ApplicationDetailsDialog(demo_ctx, row.id)
        qtbot.addWidget(dialog)
        dialog.show()
        found = mnemonics(dialog)
        assert_distinct(found)
        texts = {text for _letter, text in found}
        for button in dialog.findChildren(QAbstractButton):
            if button.objectName().startswith("print") and button.isVisibleTo(dialog):
                assert button.text() in texts, button.objectName()
        dialog.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_reception_and_the_member_dialog(qtbot, ctx, lang):
    """The reception form (TSA, with its household) and the member dialog: each field label,
    button and group reached by its own Alt+letter."""
    install(Translator(lang))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_page("reception")
    window.show()
    page = window.pages["reception"]
    page.select_service("tsa")
    assert_distinct(mnemonics(window))
    dialog = page.household.member_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    found = mnemonics(dialog)
    assert_distinct(found)
    titles = {text for _letter, text in found}
    assert {dialog.status_boxes[next(iter(dialog.status_boxes))].parentWidget().title(),
            next(iter(dialog.income_boxes.values())).parentWidget().title()} <= titles
