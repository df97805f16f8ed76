"""The household book outside any application, on a real SQLite file: every change audited and
logged for the next batch; nobody is ever deleted; bad input changes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.household import (Income, IncomeKind, Member, MemberStatus, Person,
                                          Relation, Sex)
from desktop_app.domain.iin import make_iin
from desktop_app.services import household_book as book
from desktop_app.services import households
from desktop_app.services.intake import take_application
from desktop_app.store import audit
from tests.unit.test_services import count, tsa_draft


@pytest.fixture
def hh(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    return households.household(ctx, app.household_id)


def logged(ctx, kind: str) -> int:
    return ctx.db.execute("SELECT count(*) FROM change_log WHERE kind = ?", [kind]).fetchone()[0]


def test_add_a_newborn(ctx, hh):
    baby = Person(surname="Құдайбергенов", given_name="Әли", birth_date=dt.date(2026, 10, 2),
                  sex=Sex.MALE, iin=make_iin(dt.date(2026, 10, 2), Sex.MALE, 77))
    before = logged(ctx, "person")
    book.add_member(ctx, hh.id, Member(baby, Relation.CHILD, frozenset({MemberStatus.CHILD})))
    again = households.household(ctx, hh.id)
    assert len(again.members) == 6 and logged(ctx, "person") > before
    assert ctx.db.execute("SELECT count(*) FROM change_log WHERE uuid = ?",
                          [baby.uuid]).fetchone()[0] >= 1      # it travels in the next batch
    assert "household.add_member" in {h.action for h in book.history(ctx, hh.id)}


def test_a_member_who_died_stays_recorded_but_is_no_longer_counted(ctx, hh):
    child = next(m for m in hh.members if m.relation == Relation.CHILD)
    persons = count(ctx, "persons")
    book.member_left(ctx, child.person.id, on=dt.date(2026, 11, 1), reason="died")
    assert count(ctx, "persons") == persons                     # never deleted
    assert len(households.household(ctx, hh.id).members) == 4
    [former] = book.former_members(ctx, hh.id)
    assert former.person.id == child.person.id and former.reason == "died"
    assert former.left_on == dt.date(2026, 11, 1)


def test_the_head_cannot_leave_before_a_new_head_is_chosen(ctx, hh):
    with pytest.raises(ValidationError) as err:
        book.member_left(ctx, hh.head.person.id, on=dt.date(2026, 11, 1), reason="moved_out")
    assert err.value.code == "head_leaves"
    spouse = next(m for m in hh.members if m.relation == Relation.SPOUSE)
    book.change_head(ctx, hh.id, spouse.person.id, former_head_relation=Relation.SPOUSE)
    again = households.household(ctx, hh.id)
    assert again.head.person.id == spouse.person.id
    book.member_left(ctx, hh.head.person.id, on=dt.date(2026, 11, 1), reason="moved_out")
    assert len(households.household(ctx, hh.id).members) == 4


def test_future_departure_and_unknown_reason_are_refused(ctx, hh):
    child = next(m for m in hh.members if m.relation == Relation.CHILD)
    with pytest.raises(ValidationError):
        book.member_left(ctx, child.person.id, on=dt.date(2027, 1, 1), reason="died")
    with pytest.raises(ValueError):
        book.member_left(ctx, child.person.id, on=dt.date(2026, 11, 1), reason="vanished")
    assert len(households.household(ctx, hh.id).members) == 5


def test_address_change_moves_the_members_living_there(ctx, hh):
    book.change_address(ctx, hh.id, "Көксу селосы, Жаңа көше, 3")
    again = households.household(ctx, hh.id)
    assert again.address == "Көксу селосы, Жаңа көше, 3"
    assert {m.person.address for m in again.members} == {"Көксу селосы, Жаңа көше, 3"}
    with pytest.raises(ValidationError):
        book.change_address(ctx, hh.id, "   ")


def test_a_quarters_incomes_replace_only_that_quarter(ctx, hh):
    head = hh.head
    other = [i for i in head.incomes if i.month.month not in (4, 5, 6)]
    q2 = [Income(IncomeKind.PENSION, dt.date(2026, m, 1), Decimal("45000")) for m in (4, 5, 6)]
    book.update_member(ctx, head.person.id, year=2026, quarter=2, incomes=q2,
                       statuses=frozenset({MemberStatus.PENSIONER}))
    again = households.household(ctx, hh.id).head
    assert sorted(i.month.month for i in again.incomes) == sorted(
        [i.month.month for i in other] + [4, 5, 6])
    assert again.statuses == frozenset({MemberStatus.PENSIONER})
    for bad in (Decimal("-1"), Decimal("NaN"), Decimal("1e30")):
        with pytest.raises(ValidationError) as err:
            book.update_member(ctx, head.person.id, year=2026, quarter=2,
                               incomes=[Income(IncomeKind.WAGE, dt.date(2026, 4, 1), bad)])
        assert err.value.field == "incomes"
    with pytest.raises(ValidationError):
        book.update_member(ctx, head.person.id, year=2026, quarter=2,
                           incomes=[Income(IncomeKind.WAGE, dt.date(2026, 9, 1), Decimal(1))])
    assert households.household(ctx, hh.id).head.incomes == again.incomes


def test_an_iin_correction_needs_a_reason(ctx, hh):
    child = next(m for m in hh.members if m.relation == Relation.CHILD)
    new_iin = make_iin(child.person.birth_date, child.person.sex, 444)
    with pytest.raises(ValidationError) as err:
        book.correct_person(ctx, child.person.id, {"iin": new_iin})
    assert err.value.field == "reason"
    book.correct_person(ctx, child.person.id, {"iin": new_iin, "given_name": "Нұрсұлтан"},
                        reason="Туу туралы куәлік бойынша")
    assert households.person(ctx, child.person.id).iin == new_iin
    row = ctx.db.execute("SELECT before, after FROM audit_log WHERE action = 'person.correct'"
                         ).fetchone()
    assert child.person.iin in row[0] and new_iin in row[1]
    assert audit.verify(ctx.db).ok


def test_the_book_is_for_specialists(ctx, hh):
    ctx.user = dataclasses.replace(ctx.user, login="admin", roles=frozenset({"admin"}))
    with pytest.raises(PermissionDenied):
        book.change_address(ctx, hh.id, "Басқа мекенжай")
    assert households.household(ctx, hh.id).address != "Басқа мекенжай"
