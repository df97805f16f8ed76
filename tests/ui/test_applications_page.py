"""The Applications page: filters, due-date colours, the details dialog and its receipt."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop_app.domain.application import OPEN_STATUSES, Status
from desktop_app.i18n import _, active
from desktop_app.services import applications
from desktop_app.services.applications import WorkRow
from desktop_app.store.applications import ApplicationRow
from desktop_app.ui.models import (DUE_SOON_BACKGROUND, OVERDUE_BACKGROUND, ApplicationsModel)
from desktop_app.ui.pages.applications import ApplicationsPage


def _page(qtbot, ctx) -> ApplicationsPage:
    page = ApplicationsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _items(page):
    return [page.proxy.item_at(r) for r in range(page.proxy.rowCount())]


def test_filters_by_service_and_status(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    everything = applications.work_list(demo_ctx)
    assert page.proxy.rowCount() == len(everything) > 0
    service = everything[0].row.service_id
    page.set_service(service)
    rows = _items(page)
    assert rows and all(r.row.service_id == service for r in rows)
    assert len(rows) == sum(1 for r in everything if r.row.service_id == service)

    page.set_status("__open__")
    assert all(r.row.status in OPEN_STATUSES for r in _items(page))
    page.set_service(None)
    page.set_status(Status.INCOMPLETE)
    rows = _items(page)
    assert len(rows) == sum(1 for r in everything if r.row.status == Status.INCOMPLETE)
    assert all(r.row.status == Status.INCOMPLETE for r in rows)
    page.set_status(Status.WITHDRAWN)
    assert page.proxy.rowCount() == 0
    page.set_status(None)
    assert page.proxy.rowCount() == len(everything)
    # the combo lists every catalogue service after "All services"
    assert page.service.count() == len(demo_ctx.catalogue.all()) + 1


def _background(page, row_id):
    source = page.model.row_of_id(row_id)
    return page.model.index(source, 0).data(Qt.ItemDataRole.BackgroundRole)


def test_overdue_rows_get_the_overdue_background(qtbot, demo_ctx):
    """Same application, two clocks: before its due date it is plain, after it is overdue."""
    fixed = demo_ctx.clock
    row = next(r for r in applications.work_list(demo_ctx) if r.due)
    demo_ctx.clock = lambda: dt.datetime.combine(row.due - dt.timedelta(days=20), dt.time(10))
    try:
        page = _page(qtbot, demo_ctx)
        item = page.model.row_at(page.model.row_of_id(row.row.id))
        if item.row.accepted_at.date() <= row.due - dt.timedelta(days=20):
            assert item.due_state == "ok"
            assert _background(page, row.row.id) is None
        demo_ctx.clock = lambda: dt.datetime.combine(row.due + dt.timedelta(days=1), dt.time(10))
        page.refresh()
        item = page.model.row_at(page.model.row_of_id(row.row.id))
        assert item.due_state == "overdue"
        assert _background(page, row.row.id).color() == OVERDUE_BACKGROUND
        tip = page.model.index(page.model.row_of_id(row.row.id), 5).data(
            Qt.ItemDataRole.ToolTipRole)
        assert tip == _("Overdue: the decision was due by {date}.").format(
            date=active().date(row.due)) or tip == _(
            "Overdue: the documents were to be forwarded to the Department by {date}.").format(
            date=active().date(row.due))
    finally:
        demo_ctx.clock = fixed


def test_model_colours_and_tooltips(qtbot, demo_ctx):
    base = ApplicationRow(id=1, reg_no="X-1", service_id="tsa", status=Status.REGISTERED,
                          applicant="A B", applicant_iin=None,
                          accepted_at=dt.datetime(2026, 11, 2, 10),
                          decision_due=dt.date(2026, 12, 2),
                          forward_by=dt.date(2026, 11, 5), household_id=None)
    model = ApplicationsModel(demo_ctx.catalogue)
    model.set_rows([WorkRow(base, dt.date(2026, 11, 5), "overdue"),
                    WorkRow(base, dt.date(2026, 11, 19), "due_soon"),
                    WorkRow(base, dt.date(2026, 12, 2), "ok"),
                    WorkRow(base, None, "")])
    bg = [model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) for r in range(4)]
    assert bg[0].color() == OVERDUE_BACKGROUND
    assert bg[1].color() == DUE_SOON_BACKGROUND
    assert bg[2] is None and bg[3] is None
    assert model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole) == _(
        "Overdue: the documents were to be forwarded to the Department by {date}.").format(
        date="05.11.2026")
    assert model.index(3, 5).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(0, 1).data() != "tsa"  # the service's short name, not its id
    assert model.index(0, 4).data() == "02.11.2026"


def test_details_dialog_and_receipt(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    dialog = page.open_details(0)
    qtbot.addWidget(dialog)
    item = page.proxy.item_at(0)
    assert dialog.fields["reg_no"].text() == item.row.reg_no
    assert dialog.checklist.rowCount() == len(applications.get(demo_ctx, item.row.id).checklist)
    assert dialog.events.rowCount() >= 1
    with qtbot.waitSignal(page.show_pdf, timeout=10_000) as blocker:
        dialog.receipt_button.click()
    assert blocker.args[0].startswith(b"%PDF")
    assert item.row.reg_no in blocker.args[1]


def test_enter_opens_details(qtbot, demo_ctx, monkeypatch):
    page = _page(qtbot, demo_ctx)
    opened = []
    monkeypatch.setattr(page, "open_details", opened.append)
    page.table.setFocus()
    page.table.selectRow(1)
    page.table.setCurrentIndex(page.proxy.index(1, 0))
    page._open_current()
    assert opened == [1]
