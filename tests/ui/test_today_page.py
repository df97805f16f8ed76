"""The Today page (first after sign-in): the demo village's overdue and incomplete applications,
each line opening its item with Enter, Tab from list to list, other items opening their pages,
and what an administrator sees."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.i18n import _
from desktop_app.services import today
from desktop_app.ui import main_window as mw
from desktop_app.ui.dialogs.application_details import ApplicationDetailsDialog
from desktop_app.ui.pages.today import TodayPage


def _page(qtbot, ctx) -> TodayPage:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.resize(1156, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _ids(section) -> list[int]:
    return sorted(section.model.row_id(r) for r in range(section.model.rowCount()))


def _press(widget, key) -> None:
    """Through the window, so Qt's shortcut map and focus chain see it as a real key press."""
    from pytestqt.qtbot import QtBot

    window = widget.window()
    window.activateWindow()
    QApplication.processEvents()
    widget.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is widget
    QtBot.keyClick(window.windowHandle(), key)


def test_lists_the_demo_villages_overdue_and_incomplete_work(qtbot, demo_ctx):
    expected = today.today(demo_ctx)
    assert expected.overdue and expected.incomplete   # the demo village has both
    page = _page(qtbot, demo_ctx)
    s = page.sections
    assert _ids(s["overdue"]) == sorted(w.row.id for w in expected.overdue)
    assert _ids(s["incomplete"]) == sorted(w.row.id for w in expected.incomplete)
    assert _ids(s["dueSoon"]) == sorted(w.row.id for w in expected.due_soon)
    assert _ids(s["handover"]) == sorted(r.row.id for r in expected.to_hand_over)
    # each heading carries its count; an empty list says so in one quiet line
    assert s["overdue"].heading.text() == _("Overdue ({n})").format(n=len(expected.overdue))
    assert s["overdue"].table.isVisible() and not s["overdue"].quiet.isVisible()
    assert not expected.inspections
    assert s["inspections"].quiet.isVisible() and not s["inspections"].table.isVisible()
    assert s["inspections"].quiet.text() == _("No inspection is scheduled this week.")
    assert expected.backup_age_days == 0      # the daily backup of the day the office opened
    assert page.backup.text() == _("The last backup was made today.")
    # the first overdue line is the one whose due date passed first
    first = s["overdue"].item_at(0)
    assert first.due_state == "overdue"
    assert s["overdue"].table.model().index(0, 0).data() == first.row.reg_no


def test_enter_opens_the_application_and_tab_moves_to_the_next_list(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    overdue = page.sections["overdue"]
    wanted = overdue.item_at(0).row.id
    _press(overdue.table, Qt.Key.Key_Return)
    dialog = page.opened
    assert isinstance(dialog, ApplicationDetailsDialog)
    qtbot.addWidget(dialog)
    assert dialog.app.id == wanted
    dialog.close()

    _press(overdue.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.sections["dueSoon"].table
    # Enter there opens that list's first line
    _press(page.sections["dueSoon"].table, Qt.Key.Key_Return)
    assert page.opened.app.id == page.sections["dueSoon"].item_at(0).row.id
    qtbot.addWidget(page.opened)


def test_other_lines_open_their_pages(qtbot, demo_ctx):
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.current_key() == "today"
    page = window.pages["today"]
    page.sections["handover"].open_current()
    assert window.current_key() == "handover"
    window.show_page("today")
    page.sections["batches"].on_open(None)
    assert window.current_key() == "sync"
    assert window.pages["sync"].tabs.currentIndex() == 2   # the batch log
    window.show_page("today")
    # the urgent export is the USB page's: with no district key yet, that page says why
    window.show_page("today")
    assert page.urgent_button.isEnabled() == bool(today.today(demo_ctx).before_trip)
    page.urgent_button.click()
    assert window.current_key() == "sync"
    assert not window.pages["sync"].urgent_button.isEnabled()


def test_changes_refresh_the_lists(qtbot, demo_ctx):
    from desktop_app.services import Changes, lifecycle

    page = _page(qtbot, demo_ctx)
    target = page.sections["incomplete"].item_at(0).row.id
    changes = lifecycle.withdraw(demo_ctx, target, reason="Азаматтың жазбаша өтініші",
                                 requested_on=demo_ctx.now().date())
    page.on_changed(changes)
    assert target not in _ids(page.sections["incomplete"])
    assert target not in _ids(page.sections["overdue"])
    page.on_changed(Changes())


def test_an_administrator_sees_parameters_and_the_backup_only(qtbot, demo_ctx):
    demo_ctx.user = dataclasses.replace(demo_ctx.user, roles=frozenset({"admin"}))
    page = _page(qtbot, demo_ctx)
    assert set(page.sections) == {"parameters"}
    assert page.sections["parameters"].heading.text() == _("Parameters to renew ({n})").format(
        n=len(today.today(demo_ctx).parameter_alerts))
    assert page.backup.text()


def test_parameter_alerts_name_what_ends_and_open_the_parameters_page(qtbot, demo_ctx):
    import datetime as dt

    from desktop_app.i18n import active

    demo_ctx.clock = lambda: dt.datetime(2026, 12, 10, 10)   # this year's values end 31.12
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    section = window.pages["today"].sections["parameters"]
    alerts = today.today(demo_ctx).parameter_alerts
    assert alerts and section.model.rowCount() == len(alerts)
    assert section.heading.text() == _("Parameters to renew ({n})").format(n=len(alerts))
    first = section.item_at(0)
    assert section.table.model().index(0, 1).data() == _(
        "Ends on {date}, nothing follows").format(date=active().date(dt.date(2026, 12, 31)))
    section.open_current()
    assert window.current_key() == "parameters"
    assert window.pages["parameters"].current_name() == first.name

    demo_ctx.clock = lambda: dt.datetime(2027, 1, 5, 10)     # and now they are missing
    window.pages["today"].refresh()
    assert section.table.model().index(0, 1).data() == _("No value for today")


def test_the_age_of_the_last_backup(qtbot, demo_ctx):
    import datetime as dt
    import shutil

    from desktop_app.i18n import active, ngettext
    from desktop_app.store import backup as backup_store

    page = _page(qtbot, demo_ctx)
    made = today.today(demo_ctx).last_backup
    demo_ctx.clock = lambda: dt.datetime.combine(made + dt.timedelta(days=10), dt.time(9))
    page.refresh()
    assert page.backup.text() == ngettext(
        "The last backup was made {n} day ago ({date}).",
        "The last backup was made {n} days ago ({date}).", 10).format(
        n=10, date=active().date(made))
    assert "8b1a1a" in page.backup.styleSheet()               # older than a week: a warning
    shutil.rmtree(backup_store.backups_dir(demo_ctx.data_dir))
    page.refresh()
    assert page.backup.text() == _("No backup has been made yet.")


def test_shown_again_after_being_hidden_it_reads_the_day_again(qtbot, demo_ctx):
    """Built and shown at once it is read once; hidden, then shown again, it is read again (the
    clock or a backup may have moved meanwhile)."""
    import datetime as dt

    from desktop_app.i18n import active

    page = _page(qtbot, demo_ctx)
    assert page.day_label.text() == active().long_date(demo_ctx.now().date())
    page.hide()
    later = demo_ctx.now() + dt.timedelta(days=3)
    demo_ctx.clock = lambda: later
    page.show()
    qtbot.waitExposed(page)
    assert page.day_label.text() == active().long_date(later.date())
