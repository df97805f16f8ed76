"""Household use cases: find persons, read and save households, look up an IIN."""

from __future__ import annotations

from desktop_app.context import AppContext
from desktop_app.domain.household import Household, Person
from desktop_app.domain.iin import IinInfo, parse_iin
from desktop_app.services import Changes
from desktop_app.services.guard import require
from desktop_app.store import audit
from desktop_app.store import households as hh_store
from desktop_app.store.db import transaction
from desktop_app.store.households import HouseholdRow, PersonHit


def lookup_iin(ctx: AppContext, text: str) -> tuple[IinInfo, Person | None]:
    """Parse the IIN (raising ValidationError) and find who already has it."""
    info = parse_iin(text, ctx.now().date())
    return info, hh_store.person_by_iin(ctx.db, info.iin)


# the Households page lists the households of this many found persons (one search for both)
HOUSEHOLD_HITS = hh_store.CANDIDATES


def find_persons(ctx: AppContext, text: str, limit: int = 50) -> list[PersonHit]:
    return hh_store.search_persons(ctx.db, text, limit)


def person(ctx: AppContext, person_id: int) -> Person:
    return hh_store.get_person(ctx.db, person_id)


def household_of(ctx: AppContext, person_id: int) -> Household | None:
    hid = hh_store.household_id_of(ctx.db, person_id)
    return hh_store.get_household(ctx.db, hid) if hid else None


def household(ctx: AppContext, household_id: int) -> Household:
    return hh_store.get_household(ctx.db, household_id)


def list_households(ctx: AppContext, text: str = "",
                    hits: list[PersonHit] | None = None) -> list[HouseholdRow]:
    """`hits`: the persons `find_persons` already found for `text` (not searched again)."""
    return hh_store.list_households(ctx.db, text, hits=hits)


def save_household(ctx: AppContext, hh: Household) -> Changes:
    require(ctx, "edit_household")
    with transaction(ctx.db):
        write_household(ctx, hh, ctx.now_iso())
    return Changes(households=frozenset({hh.id}),
                   persons=frozenset(m.person.id for m in hh.members))


def write_household(ctx: AppContext, hh: Household, now: str) -> None:
    """Save the household with its audit row; the caller holds the transaction."""
    is_new = hh.id is None
    hh_store.save_household(ctx.db, hh, office_id=ctx.office.id, now=now)
    audit.record(ctx.db, at=now, user=ctx.user.login,
                 action="household.create" if is_new else "household.update",
                 table="households", uuid=hh.uuid,
                 after={"address": hh.address, "members": [m.person.uuid for m in hh.members]})
