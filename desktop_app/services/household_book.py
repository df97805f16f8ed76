"""The household book (шаруашылық кітабы) outside any application: add a member, record one who
moved out or died (never deleted), change the address or the head, enter a quarter's incomes,
correct a person's details; and the household's history. Each change is one transaction, audited
and logged as a change so the next batch carries it.

Imports domain (household, iin, errors), store (households, audit) and services.intake's checks.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from desktop_app.context import AppContext
from desktop_app.domain import money
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.lifecycle import reason_text
from desktop_app.domain.household import (Household, Income, Member, MemberStatus, Person,
                                           Relation)
from desktop_app.domain.household import quarter_months
from desktop_app.domain.roles import Action
from desktop_app.i18n import N_
from desktop_app.services import Changes
from desktop_app.services import limits
from desktop_app.services.guard import require
from desktop_app.services.lifecycle import PERSON_FIELDS, person_after
from desktop_app.store import audit
from desktop_app.store import households as hh_store
from desktop_app.store.db import transaction


class LeftReason(StrEnum):
    MOVED_OUT = "moved_out"
    DIED = "died"


LEFT_LABELS: dict[LeftReason, str] = {
    LeftReason.MOVED_OUT: N_("Moved out"),
    LeftReason.DIED: N_("Died"),
}

MAX_AMOUNT = Decimal("100000000")  # a month's income above 100 million tenge is a typing error


def _record(ctx: AppContext, action: str, table: str, uuid: str | None, *, before: Any = None,
            after: Any = None) -> None:
    audit.record(ctx.db, at=ctx.now_iso(), user=ctx.user.login, action=action, table=table,
                 uuid=uuid, before=before, after=after)


def _changes(hh: Household, *person_ids: int | None) -> Changes:
    return Changes(households=frozenset({hh.id}) if hh.id else frozenset(),
                   persons=frozenset(p for p in person_ids if p is not None))


def _member(hh: Household, person_id: int) -> Member:
    for m in hh.members:
        if m.person.id == person_id:
            return m
    raise ValidationError("person", N_("This person is not a member of the household."),
                          code="not_a_member")


def _household_of(ctx: AppContext, person_id: int) -> tuple[Household, Member]:
    """The person's household and their row in it; refused when they are in none."""
    hid = hh_store.household_id_of(ctx.db, person_id)
    if hid is None:
        raise ValidationError("person", N_("This person is not a member of any household."),
                              code="not_a_member")
    hh = hh_store.get_household(ctx.db, hid)
    return hh, _member(hh, person_id)


def add_member(ctx: AppContext, household_id: int, member: Member) -> Changes:
    """A new member (born, married in, moved in): checked like a member on the reception form."""
    require(ctx, Action.EDIT_HOUSEHOLD)
    from desktop_app.services.intake import validate_person

    hh = hh_store.get_household(ctx.db, household_id)
    errors = validate_person(member.person, ctx.now().date())
    if errors:
        raise errors[0]
    if member.relation == Relation.APPLICANT:
        member.relation = Relation.OTHER  # the head stays who it is; "change head" moves it
    hh.members.append(member)
    now = ctx.now_iso()
    with transaction(ctx.db):
        hh_store.save_household(ctx.db, hh, office_id=ctx.office.saved_id, now=now)
        _record(ctx, "household.add_member", "persons", member.person.uuid,
                after={"household": hh.uuid, **hh_store.person_to_row(member.person),
                       "relation": member.relation.value})
    return _changes(hh, member.person.id)


def member_left(ctx: AppContext, person_id: int, *, on: dt.date, reason: LeftReason | str,
                note: str = "") -> Changes:
    """Record that a member moved out or died: the person stays, linked to the household left."""
    require(ctx, Action.EDIT_HOUSEHOLD)
    why = LeftReason(reason)
    hh, leaving = _household_of(ctx, person_id)
    if on > ctx.now().date():
        raise ValidationError("on", N_("The date is in the future."), code="future")
    if leaving.person.birth_date and on < leaving.person.birth_date:
        raise ValidationError("on", N_("The date is before the person's birth."),
                              code="before_birth")
    if leaving.relation == Relation.APPLICANT and len(hh.members) > 1:
        raise ValidationError("person", N_("This is the head of the household: choose a new "
                                           "head first."), code="head_leaves")
    limits.require_text("note", note, limits.NOTE, multiline=True)
    now = ctx.now_iso()
    with transaction(ctx.db):
        hh_store.record_departure(ctx.db, person_id, household_id=hh.saved_id, on=on,
                                  reason=why.value, now=now)
        _record(ctx, "household.member_left", "persons", leaving.person.uuid,
                before={"household": hh.uuid},
                after={"left_on": on.isoformat(), "left_reason": why.value,
                       "note": note.strip()})
    return _changes(hh, person_id)


def change_address(ctx: AppContext, household_id: int, address: str) -> Changes:
    require(ctx, Action.EDIT_HOUSEHOLD)
    text = " ".join((address or "").split())
    if not text:
        raise ValidationError("address", N_("Enter the household's address."))
    limits.require_text("address", text, limits.ADDRESS)
    hh = hh_store.get_household(ctx.db, household_id)
    if text == hh.address:
        raise ValidationError("address", N_("Nothing was changed: there is nothing to correct."),
                              code="no_change")
    before = hh.address
    for m in hh.members:  # members who lived at the old address move with the household
        if m.person.address in ("", before):
            m.person.address = text
    hh.address = text
    with transaction(ctx.db):
        hh_store.save_household(ctx.db, hh, office_id=ctx.office.saved_id, now=ctx.now_iso())
        _record(ctx, "household.address", "households", hh.uuid, before={"address": before},
                after={"address": text})
    return _changes(hh, *(m.person.id for m in hh.members))


def change_head(ctx: AppContext, household_id: int, person_id: int,
                former_head_relation: Relation = Relation.OTHER) -> Changes:
    """The household's head (its applicant in the book) becomes another member."""
    require(ctx, Action.EDIT_HOUSEHOLD)
    hh = hh_store.get_household(ctx.db, household_id)
    new = _member(hh, person_id)
    old = hh.head
    if old is not None and old.person.id == person_id and old.relation == Relation.APPLICANT:
        raise ValidationError("person", N_("This person is already the head of the household."),
                              code="no_change")
    if old is not None and old.relation == Relation.APPLICANT:
        old.relation = (former_head_relation if former_head_relation != Relation.APPLICANT
                        else Relation.OTHER)
    new.relation = Relation.APPLICANT
    with transaction(ctx.db):
        hh_store.save_household(ctx.db, hh, office_id=ctx.office.saved_id, now=ctx.now_iso())
        _record(ctx, "household.head", "households", hh.uuid,
                before={"head": old.person.uuid if old else None},
                after={"head": new.person.uuid})
    return _changes(hh, person_id, old.person.id if old else None)


def update_member(ctx: AppContext, person_id: int, *, year: int, quarter: int,
                  incomes: list[Income], statuses: frozenset[MemberStatus] | None = None,
                  disability_group: int | None = None) -> Changes:
    """Enter or correct one member's incomes of a quarter (its months are replaced, other
    months stay) and, when given, the member's statuses; one transaction."""
    require(ctx, Action.EDIT_HOUSEHOLD)
    if quarter not in (1, 2, 3, 4):
        raise ValidationError("quarter", N_("A quarter is 1 to 4."), code="bad_quarter")
    months = quarter_months(year, quarter)
    for inc in incomes:
        inc.month = inc.month.replace(day=1)
        if inc.month not in months:
            raise ValidationError("incomes", N_("An income of another quarter was given."),
                                  code="other_quarter")
        amount = money.parse(inc.amount, "incomes")  # finite, not negative, bounded
        if amount > MAX_AMOUNT:
            raise ValidationError("incomes", N_("An income must be an amount of tenge from 0 to "
                                                "100 000 000."), code="bad_income")
        inc.amount = amount
    if statuses is not None and MemberStatus.DISABLED in statuses and disability_group is None:
        raise ValidationError("disability_group", N_("Choose the disability group."))
    hh, member = _household_of(ctx, person_id)
    before = {"incomes": [(i.month.isoformat(), i.kind.value, str(i.amount))
                          for i in member.incomes if i.month in months],
              "statuses": sorted(member.statuses), "disability_group": member.disability_group}
    member.incomes = [i for i in member.incomes if i.month not in months] + incomes
    if statuses is not None:
        member.statuses = frozenset(statuses)
        member.disability_group = disability_group if MemberStatus.DISABLED in statuses else None
    after = {"incomes": [(i.month.isoformat(), i.kind.value, str(i.amount)) for i in incomes],
             "statuses": sorted(member.statuses), "disability_group": member.disability_group}
    with transaction(ctx.db):
        hh_store.save_household(ctx.db, hh, office_id=ctx.office.saved_id, now=ctx.now_iso())
        _record(ctx, "household.member", "persons", member.person.uuid,
                before={"quarter": f"{year}-{quarter}", **before},
                after={"quarter": f"{year}-{quarter}", **after})
    return _changes(hh, person_id)


def correct_person(ctx: AppContext, person_id: int, changes: dict[str, Any], *,
                   reason: str = "") -> Changes:
    """A person's details corrected; a changed IIN needs a reason (it identifies the person)."""
    require(ctx, Action.EDIT_HOUSEHOLD)
    from desktop_app.services.intake import validate_person

    person = hh_store.get_person(ctx.db, person_id)
    after, diff = person_after(person, {k: v for k, v in changes.items() if k in PERSON_FIELDS})
    if not diff:
        raise ValidationError("person", N_("Nothing was changed: there is nothing to correct."),
                              code="no_change")
    why = reason_text(reason) if "iin" in diff or (reason or "").strip() else ""
    errors = validate_person(after, ctx.now().date())
    if errors:
        raise errors[0]
    now = ctx.now_iso()
    with transaction(ctx.db):
        hh_store.update_person_details(ctx.db, after, now=now)
        _record(ctx, "person.correct", "persons", person.uuid,
                before={k: v[0] for k, v in diff.items()},
                after={**{k: v[1] for k, v in diff.items()}, "reason": why})
    hid = hh_store.household_id_of(ctx.db, person_id)
    return Changes(households=frozenset({hid}) if hid else frozenset(),
                   persons=frozenset({person_id}))


# reading -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FormerMember:
    person: Person
    left_on: dt.date | None
    reason: str            # LeftReason value


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    user: str
    action: str            # the audit action code, e.g. "household.member_left"
    who: str               # the person it concerns ("" for the household itself)
    before: Any
    after: Any


def former_members(ctx: AppContext, household_id: int) -> list[FormerMember]:
    return [FormerMember(p, on, reason)
            for p, on, reason in hh_store.former_members(ctx.db, household_id)]


def history(ctx: AppContext, household_id: int) -> list[HistoryEntry]:
    """Every audited change of the household and of its present and former members, newest
    first."""
    require(ctx, Action.VIEW_FULL_IIN)
    hh = hh_store.get_household(ctx.db, household_id)
    names = {m.person.uuid: m.person.full_name for m in hh.members}
    names.update({f.person.uuid: f.person.full_name for f in former_members(ctx, household_id)})
    uuids = [hh.uuid, *names]
    marks = ",".join("?" * len(uuids))
    rows = ctx.db.execute(
        f"SELECT at, user, action, record_uuid, before, after FROM audit_log"
        f" WHERE record_uuid IN ({marks}) AND action NOT LIKE 'paper.%'"
        f" ORDER BY id DESC LIMIT 500", uuids).fetchall()
    return [HistoryEntry(r[0], r[1], r[2], names.get(r[3], ""),
                         json.loads(r[4]) if r[4] else None, json.loads(r[5]) if r[5] else None)
            for r in rows]
