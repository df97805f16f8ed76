"""The Households page: live search, the household card, issuing the akim's certificates."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.services import applications, households
from desktop_app.ui.pages.households import SEARCH_DELAY_MS, HouseholdsPage


def _page(qtbot, ctx) -> HouseholdsPage:
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _demo_person(ctx):
    hit = next(h for h in households.find_persons(ctx, "") if h.household_id)
    return hit


def test_search_by_part_of_a_name_shows_the_card(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    hit = _demo_person(demo_ctx)
    surname = hit.full_name.split()[0]
    part = surname[1:5]  # from inside the surname, not a prefix
    for ch in part:  # typed one letter at a time (QTest.keyClicks is ASCII-only)
        page.search.insert(ch)
    assert page.search.text() == part
    # debounced: nothing happens at once, then the table narrows down
    all_rows = len(households.list_households(demo_ctx))
    qtbot.waitUntil(lambda: page.model.rowCount() < all_rows, timeout=SEARCH_DELAY_MS * 8)
    assert page.model.row_of_id(hit.household_id) >= 0
    page.select_household(hit.household_id)
    card = page.card
    household = households.household(demo_ctx, hit.household_id)
    assert card.isEnabled()
    assert card.address.text() == household.address
    assert card.book_ref.text() == household.book_ref
    names = [card.members.index(r, 0).data() for r in range(card.members.rowCount())]
    assert hit.full_name in names
    assert card.members.rowCount() == len(household.members)
    relation = card.members.index(0, 1).data()
    assert relation  # a label, not empty


def test_search_by_iin_selects_the_person(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    hit = next(h for h in households.find_persons(demo_ctx, "") if h.household_id and h.iin)
    page.search.setText(hit.iin)
    page.refresh()
    assert page.current_household_id() == hit.household_id
    assert page.card.selected_person() == hit.id


def test_issue_residence_certificate(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    hit = _demo_person(demo_ctx)
    page.search.setText(hit.full_name)
    page.refresh()
    page.select_household(hit.household_id)
    page.card.select_person(hit.id)
    before = page.card.apps.rowCount()
    total_before = len(applications.work_list(demo_ctx))
    emitted = []
    page.changed.connect(emitted.append)
    page.changed.connect(page.on_changed)  # what the main window does
    page.card.buttons["residence"].click()
    assert len(applications.work_list(demo_ctx)) == total_before  # nothing numbered yet
    dialog = page.confirm_dialog
    assert dialog.isVisible() and hit.full_name in dialog.text.text()
    with qtbot.waitSignal(page.show_pdf, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.ok, Qt.Key.Key_Return)
    pdf, title = blocker.args
    assert pdf.startswith(b"%PDF")
    assert title
    assert emitted and emitted[0].applications
    assert len(applications.work_list(demo_ctx)) == total_before + 1
    assert page.card.apps.rowCount() == before + 1
    reg_nos = [page.card.apps.row_at(r).row.reg_no for r in range(page.card.apps.rowCount())]
    assert any(r in title for r in reg_nos)
    # the selection survived the refresh
    assert page.current_household_id() == hit.household_id
    assert page.card.selected_person() == hit.id


def test_esc_on_the_summary_issues_nothing(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    hit = _demo_person(demo_ctx)
    page.select_household(hit.household_id)
    page.card.select_person(hit.id)
    total = len(applications.work_list(demo_ctx))
    page.card.buttons["tsa_recipient"].click()
    dialog = page.confirm_dialog
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(applications.work_list(demo_ctx)) == total


def test_issue_error_is_shown_not_raised(qtbot, demo_ctx, monkeypatch):
    from desktop_app.domain.errors import AppError
    from desktop_app.ui import errors
    from desktop_app.ui.pages import households as page_module

    page = _page(qtbot, demo_ctx)
    page.select_household(_demo_person(demo_ctx).household_id)

    def refuse(*args, **kwargs):
        raise AppError("No household.", code="no_household")

    monkeypatch.setattr(page_module.papers, "issue_certificate", refuse)
    page.card.buttons["family_composition"].click()
    page.confirm_dialog.accept()
    assert errors._open_boxes and errors._open_boxes[-1].text() == "No household."
    assert page.card.buttons["family_composition"].isEnabled()
