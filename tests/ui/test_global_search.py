"""The search from every page: Ctrl+K, type a registration number or a surname, Enter opens the
application's details or the Households page on that person's household; Esc clears."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.i18n import _
from desktop_app.services import applications, search
from desktop_app.ui import main_window as mw
from desktop_app.ui.dialogs.application_details import ApplicationDetailsDialog
from tests.ui.test_reception import type_text


def _window(qtbot, ctx):
    window = mw.create_main_window(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    QApplication.processEvents()
    return window


def _ctrl_k(qtbot, window) -> None:
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)


def _dialogs(window) -> list[ApplicationDetailsDialog]:
    return window.findChildren(ApplicationDetailsDialog)


def test_ctrl_k_then_a_registration_number_and_enter_opens_the_application(qtbot, demo_ctx):
    window = _window(qtbot, demo_ctx)
    window.show_page("households")
    assert window.search.placeholderText() == _("Search… ({shortcut})").format(
        shortcut="Ctrl+K")
    _ctrl_k(qtbot, window)
    assert window.search.hasFocus()
    target = next(w.row for w in applications.work_list(demo_ctx) if w.row.id > 1)
    number = target.reg_no.rsplit("-", 1)[1]            # the serial alone is enough
    qtbot.keyClicks(window.search, number)
    window.search.run()                                  # what the pause in typing does
    assert window.search.popup.isVisible()
    first = window.search.popup.item(0).text()
    assert first.startswith(target.reg_no) and target.applicant in first
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    [dialog] = _dialogs(window)
    qtbot.addWidget(dialog)
    assert dialog.app.id == target.id
    assert window.search.text() == "" and not window.search.popup.isVisible()
    assert window.current_key() == "households"          # the page under it did not change


def test_enter_before_the_pause_searches_at_once(qtbot, demo_ctx):
    window = _window(qtbot, demo_ctx)
    target = applications.work_list(demo_ctx)[3].row
    _ctrl_k(qtbot, window)
    qtbot.keyClicks(window.search, target.reg_no)
    assert window.search.timer.isActive()
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    [dialog] = _dialogs(window)
    qtbot.addWidget(dialog)
    assert dialog.app.id == target.id


def test_a_surname_and_enter_land_on_the_households_page_on_that_household(qtbot, demo_ctx):
    window = _window(qtbot, demo_ctx)
    surname = "Рахымжанов"
    hits = search.find(demo_ctx, surname)
    assert len(hits) >= 2 and all(h.kind == "person" for h in hits)
    _ctrl_k(qtbot, window)
    type_text(qtbot, window.search, surname)
    window.search.run()
    assert window.search.popup.count() == len(hits)
    assert window.search.popup.item(0).text() == " · ".join(
        [hits[0].title, hits[0].iin, _("household")])
    qtbot.keyClick(window.search, Qt.Key.Key_Down)      # the second person
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    chosen = hits[1]
    assert window.current_key() == "households"
    page = window.pages["households"]
    assert page.current_household_id() == chosen.household_id
    assert page.card.selected_person() == chosen.id
    assert not _dialogs(window)


def test_a_household_outside_the_current_filter_is_still_shown(qtbot, demo_ctx):
    window = _window(qtbot, demo_ctx)
    page = window.pages["households"]
    page.search.setText("no such household at all")
    page.refresh()
    assert page.model.rowCount() == 0
    hit = search.find(demo_ctx, "Рахымжанов")[0]
    window.open_household(hit.household_id, hit.id)
    assert page.current_household_id() == hit.household_id
    assert page.card.selected_person() == hit.id


def test_esc_clears_and_nothing_found_says_so(qtbot, demo_ctx):
    window = _window(qtbot, demo_ctx)
    _ctrl_k(qtbot, window)
    type_text(qtbot, window.search, "Жоқтегі")
    window.search.run()
    assert window.search.popup.count() == 1
    assert window.search.popup.item(0).text() == _("Nothing found.")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)     # nothing to open
    assert not _dialogs(window)
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == "" and not window.search.popup.isVisible()


def test_no_search_for_a_role_that_may_not_see_citizens(qtbot, demo_ctx):
    demo_ctx.user = dataclasses.replace(demo_ctx.user, roles=frozenset({"admin"}))
    window = _window(qtbot, demo_ctx)
    assert window.search is None
    _ctrl_k(qtbot, window)    # nothing happens, nothing breaks
