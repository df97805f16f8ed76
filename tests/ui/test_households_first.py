"""The Households page opens with its first household selected (the card is never empty for
nothing), and a refresh keeps a selection the user made."""

from __future__ import annotations

from desktop_app.services import households
from desktop_app.ui.pages.households import HouseholdsPage


def test_first_household_selected_on_open_and_selection_kept(qtbot, demo_ctx):
    page = HouseholdsPage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    first = page.proxy.id_at(0)
    assert page.current_household_id() == first
    assert page.card.address.text() == households.household(demo_ctx, first).address
    page.grab().save("/tmp/p4/households.png")
    other = page.proxy.id_at(page.proxy.rowCount() - 1)
    assert other != first
    page.select_household(other)
    page.refresh()
    assert page.current_household_id() == other
