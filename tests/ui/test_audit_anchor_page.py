"""The district's Offices page shows an office whose audit log no longer extends what its batches
carried as one clear line (issue 12, item 9)."""

from __future__ import annotations

from desktop_app.ui.pages.district_offices import DistrictOfficesPage
from tests.integration.test_audit_anchor import exchange, last_id, raw
from tests.integration.test_round_trip import take, world  # noqa: F401


def test_offices_page_names_the_office_whose_audit_rows_are_gone(qtbot, world):
    office, dist, stick = world
    take(office, 1)
    exchange(office, dist, stick)
    page = DistrictOfficesPage(dist)
    qtbot.addWidget(page)
    page.show()
    assert page.audit_reports.isHidden()
    top = last_id(office)
    raw(office, lambda c: c.execute("DELETE FROM audit_log WHERE id > ?", [top - 4]))
    exchange(office, dist, stick)
    page.refresh()
    text = page.audit_reports.text()
    assert page.audit_reports.isVisible() and office.office.code in text
    assert text.count("\n") == 0 and "–" in text
