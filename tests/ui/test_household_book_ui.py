"""The household book on the Households page, driven with real widgets: a member who died, a new
address, a corrected IIN that needs its reason, a new head; the history grows with each."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop_app.domain.household import Relation
from desktop_app.domain.iin import make_iin
from desktop_app.domain.roles import Role
from desktop_app.services import households
from desktop_app.ui.pages.households import HouseholdsPage
from tests.ui.keys import type_text


def _page(qtbot, ctx) -> HouseholdsPage:
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    page.changed.connect(page.on_changed)  # what the main window does
    page.resize(1300, 760)
    page.show()
    hit = next(h for h in households.find_persons(ctx, "") if h.household_id
               and len(households.household(ctx, h.household_id).members) >= 3)
    page.select_household(hit.household_id)
    return page


def _save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _member(page, relation: Relation):
    member = next(m for m in page.card.household.members if m.relation == relation)
    page.card.select_person(member.person.id)
    return member


def test_a_member_who_died_moves_to_those_who_left(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    hid = page.current_household_id()
    size = len(page.card.household.members)
    history = page.card.history.rowCount()
    child = _member(page, Relation.CHILD)
    dialog = page.card.book.run("left")
    qtbot.addWidget(dialog)
    dialog.reason.setCurrentIndex(dialog.reason.findData("died"))
    _save(dialog)
    assert not dialog.isVisible()
    assert page.current_household_id() == hid
    assert len(page.card.household.members) == size - 1
    assert page.card.former.rowCount() == 1
    assert page.card.former.index(0, 0).data() == child.person.full_name
    assert page.card.history.rowCount() == history + 1


def test_address_change_from_the_menu(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    dialog = page.card.book.run("address")
    qtbot.addWidget(dialog)
    dialog.address.clear()
    type_text(qtbot, dialog.address, "Көксу, Жаңа көше, 5")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert page.card.address.text() == "Көксу, Жаңа көше, 5"


def test_an_iin_correction_is_refused_without_a_reason(qtbot, demo_ctx):
    page = _page(qtbot, demo_ctx)
    child = _member(page, Relation.CHILD)
    dialog = page.card.book.run("correct")
    qtbot.addWidget(dialog)
    new_iin = make_iin(child.person.birth_date, child.person.sex, 321)
    dialog.fields["iin"].setText(new_iin)
    _save(dialog)
    assert dialog.isVisible() and dialog.errors.widget("reason").property("fieldError")
    dialog.reason.setText("Туу туралы куәлік")
    _save(dialog)
    assert not dialog.isVisible()
    assert households.person(demo_ctx, child.person.id).iin == new_iin


def test_make_head_asks_first(qtbot, demo_ctx, monkeypatch):
    page = _page(qtbot, demo_ctx)
    spouse = next((m for m in page.card.household.members if m.relation != Relation.APPLICANT),
                  None)
    page.card.select_person(spouse.person.id)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    page.card.book.run("head")
    assert page.card.household.head.person.id != spouse.person.id
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.card.book.run("head")
    assert page.card.household.head.person.id == spouse.person.id


def test_the_book_is_disabled_with_its_reason_for_an_administrator(qtbot, demo_ctx):
    demo_ctx.user = dataclasses.replace(demo_ctx.user, login="admin",
                                        roles=frozenset({Role.ADMIN, Role.AKIM}))
    page = _page(qtbot, demo_ctx)
    assert not page.card.book.isEnabled() and page.card.book.toolTip()


def test_statuses_and_incomes_of_last_quarter(qtbot, demo_ctx):
    import datetime as dt
    from decimal import Decimal

    from desktop_app.domain.household import IncomeKind, previous_quarter, quarter_months

    page = _page(qtbot, demo_ctx)
    member = _member(page, Relation.APPLICANT)
    dialog = page.card.book.run("member")
    qtbot.addWidget(dialog)
    assert not dialog.surname.isEnabled()            # the identity is corrected elsewhere
    months = quarter_months(*previous_quarter(demo_ctx.now().date()))
    dialog.set_income(IncomeKind.PENSION, months[0], 51234.5)
    dialog.accept()
    saved = households.household(demo_ctx, page.current_household_id())
    head = next(m for m in saved.members if m.person.id == member.person.id)
    assert Decimal("51234.5") in {i.amount for i in head.incomes
                                  if i.kind == IncomeKind.PENSION and i.month == months[0]}
    assert isinstance(months[0], dt.date)
