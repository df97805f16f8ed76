"""The Applications page after issue 9: overdue / due soon / withdrawn / voided filters, the count
of applications apart from the akim's papers, and the "District" column after an export."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.application import Status
from desktop_app.i18n import _, active, ngettext
from desktop_app.services import applications, district, lifecycle, papers, sync
from desktop_app.ui.models import WorkListModel
from desktop_app.ui.pages.applications import DUE_SOON, OVERDUE, ApplicationsPage
from tests.integration.test_round_trip import take, world  # noqa: F401


def _page(qtbot, ctx) -> ApplicationsPage:
    page = ApplicationsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _ids(page) -> set[int]:
    return {page.proxy.item_at(r).row.id for r in range(page.proxy.rowCount())}


def _district(page, app_id: int) -> str:
    return page.model.index(page.model.row_of_id(app_id), WorkListModel.DISTRICT_COLUMN).data()


def test_overdue_and_due_soon_filters(qtbot, demo_ctx):
    work = applications.work_list(demo_ctx)
    overdue = {w.row.id for w in work if w.due_state == "overdue"}
    due_soon = {w.row.id for w in work if w.due_state == "due_soon"}
    assert overdue and due_soon
    page = _page(qtbot, demo_ctx)
    page.set_status(OVERDUE)
    assert _ids(page) == overdue
    assert page.status.currentText() == _("Overdue")
    page.set_status(DUE_SOON)
    assert _ids(page) == due_soon
    page.set_status(Status.INCOMPLETE)
    assert _ids(page) == {w.row.id for w in work if w.row.status == Status.INCOMPLETE}


def test_withdrawn_and_voided_filters(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    open_rows = [w.row for w in applications.work_list(demo_ctx)
                 if w.row.status in (Status.REGISTERED, Status.INCOMPLETE)]
    gone, wrong = open_rows[0], open_rows[1]
    page.changed.emit(lifecycle.withdraw(demo_ctx, gone.id, reason="Азаматтың жазбаша өтініші",
                                         requested_on=demo_ctx.now().date()))
    page.on_changed(lifecycle.void(demo_ctx, wrong.id, reason="Қате тіркелген"))
    page.set_status(Status.WITHDRAWN)
    assert _ids(page) == {gone.id}
    assert page.proxy.index(0, 3).data() == _("Withdrawn")
    page.set_status(Status.VOIDED)
    assert _ids(page) == {wrong.id}
    page.set_status("__open__")
    assert not {gone.id, wrong.id} & _ids(page)
    page.set_status(OVERDUE)
    assert not {gone.id, wrong.id} & _ids(page)


def test_count_line_counts_applications_and_the_akims_papers_apart(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    n = len(applications.work_list(demo_ctx))
    overdue = sum(1 for w in applications.work_list(demo_ctx) if w.due_state == "overdue")
    tail = " · " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
    assert page.count.text() == ngettext(
        "{n} application", "{n} applications", n).format(n=n) + tail
    person = applications.get(demo_ctx, applications.work_list(demo_ctx)[0].row.id).applicant_id
    for kind in ("residence", "family_composition"):
        _pdf, _reg, changes = papers.issue_certificate(demo_ctx, kind, person)
        page.on_changed(changes)
    assert page.count.text() == (ngettext("{n} application", "{n} applications", n).format(n=n)
                                 + " · " + ngettext("{n} paper issued", "{n} papers issued",
                                                    2).format(n=2)
                                 + tail)


def test_district_column_follows_the_batches(qtbot, world):  # noqa: F811
    office, dist, stick = world
    ids = take(office, 3)
    page = _page(qtbot, office)
    assert all(_district(page, i) == "" for i in ids)        # nothing exported yet

    first = sync.export_batch(office, stick)
    page.on_changed(first.changes)
    sent_on = active().date(office.now().date())
    awaiting = _("sent in batch {seq} on {date}, awaiting the district").format(
        seq=first.seq, date=sent_on)
    assert [_district(page, i) for i in ids] == [awaiting] * 3
    _check_bulk_matches_one_by_one(office, ids)

    changes = lifecycle.withdraw(office, ids[0], reason="Азаматтың жазбаша өтініші",
                                 requested_on=dt.date(2026, 11, 18))
    page.on_changed(changes)
    assert _district(page, ids[0]) == _("changed since batch {seq}").format(seq=first.seq)
    assert _district(page, ids[1]) == awaiting
    _check_bulk_matches_one_by_one(office, ids)

    [report] = sync.import_batches(dist, [first.path])
    assert report.status == "applied"
    back = district.export_return(dist, office.office.code, stick)
    [imported] = sync.import_batches(office, [back.path])
    page.on_changed(imported.changes)
    assert _district(page, ids[1]) == _("acknowledged {date}").format(date=sent_on)
    assert _district(page, ids[0]) == _("changed since batch {seq}").format(seq=first.seq)
    _check_bulk_matches_one_by_one(office, ids)


def _check_bulk_matches_one_by_one(ctx, ids: list[int]) -> None:
    bulk = lifecycle.sync_states(ctx, ids)
    for i in ids:
        assert bulk.get(i, lifecycle.SyncState()) == lifecycle.sync_state(
            ctx, applications.get(ctx, i))
