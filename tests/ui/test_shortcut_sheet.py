"""Every shortcut is shown: F1 opens a sheet listing each key combination bound in the main
window (QShortcut and QAction objects found there, on every page), in the user's language; the
page keys and the other shortcuts appear in the tooltips of the widgets they act on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from desktop_app.i18n import Translator, install
from desktop_app.ui.dialogs.shortcut_sheet import ShortcutSheet
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pdf_preview import PdfPreviewDialog
from desktop_app.ui.shortcuts import key_text


def portable(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


def bound_keys(root) -> set[str]:
    """Every key combination bound by a QShortcut or a QAction under `root`."""
    keys = {portable(s.key()) for s in root.findChildren(QShortcut) if not s.key().isEmpty()}
    for action in root.findChildren(QAction):
        keys |= {portable(k) for k in action.shortcuts()}
    return keys


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_f1_lists_every_bound_shortcut(qtbot, demo_ctx, lang):
    install(Translator(lang))
    window = _window(qtbot, demo_ctx)
    for key in window.pages:               # every page built, with its own shortcuts
        window.show_page(key)
    bound = bound_keys(window)
    assert {"Ctrl+K", "Ctrl+1", "Ctrl+L", "F1", "Ctrl+N", "Ctrl+Shift+A", "Return"} <= bound
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    listed = sheet.listed_keys()
    assert bound <= listed, sorted(bound - listed)
    # the sheet speaks the user's language: every action and place in Cyrillic
    model = sheet.model
    for row in range(model.rowCount()):
        for column in (1, 2):
            text = model.index(row, column).data()
            assert any("а" <= ch.lower() <= "я" or ch in "әіңғүұқөһё" for ch in text), text
    qtbot.keyClick(sheet.table, Qt.Key.Key_Escape)
    assert not sheet.isVisible()


def test_the_preview_shortcuts_are_listed_too(qtbot, demo_ctx):
    from desktop_app.services import papers
    window = _window(qtbot, demo_ctx)
    row = next(iter(demo_ctx.db.query("SELECT reg_no FROM applications LIMIT 1")))
    pdf, _number = papers.receipt_pdf(demo_ctx, row["reg_no"], languages=("kk",))
    preview = PdfPreviewDialog(pdf, "x", window)
    qtbot.addWidget(preview)
    assert bound_keys(preview) <= ShortcutSheet(window).listed_keys()
    assert key_text("Ctrl+P") in preview.print_button.toolTip()
    assert key_text("Ctrl+S") in preview.save_button.toolTip()


def test_tooltips_show_the_keys(qtbot, demo_ctx):
    window = _window(qtbot, demo_ctx)
    for number in range(1, min(window.nav.count(), 9) + 1):
        assert key_text(f"Ctrl+{number}") in window.nav.item(number - 1).toolTip()
    assert key_text("Ctrl+K") in window.search.toolTip()
    reception = window.pages["reception"]
    for widget, keys in ((reception.picker.search, "Ctrl+F"),
                         (reception.applicant.iin_edit, "Ctrl+I"),
                         (reception.household.add_button, "Ctrl+M"),
                         (reception.save_button, "Ctrl+S"),
                         (reception.arrived_button, "F2"),
                         (reception.mark_all_button, "Ctrl+Shift+A"),
                         (reception.new_button, "Ctrl+N")):
        assert key_text(keys) in widget.toolTip(), keys
