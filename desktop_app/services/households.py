"""Household use cases: find persons, read and save households, look up an IIN."""

from __future__ import annotations

from desktop_app.context import AppContext
from desktop_app.domain import money
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.household import Household, Person
from desktop_app.domain.iin import IinInfo, normalise_iin, parse_iin
from desktop_app.i18n import N_
from desktop_app.services import Changes, limits
from desktop_app.services.guard import require, require_signed_in
from desktop_app.store import audit
from desktop_app.store import households as hh_store
from desktop_app.store.db import transaction
from desktop_app.store.households import HouseholdRow, PersonHit


def lookup_iin(ctx: AppContext, text: str) -> tuple[IinInfo, Person | None]:
    """Parse the IIN (raising ValidationError) and find who already has it."""
    require_signed_in(ctx)
    info = parse_iin(text, ctx.now().date())
    return info, hh_store.person_by_iin(ctx.db, info.iin)


# the Households page lists the households of this many found persons (one search for both)
HOUSEHOLD_HITS = hh_store.CANDIDATES


def find_persons(ctx: AppContext, text: str, limit: int = 50) -> list[PersonHit]:
    require_signed_in(ctx)
    return hh_store.search_persons(ctx.db, limits.search_text(text), limit)


def person(ctx: AppContext, person_id: int) -> Person:
    require_signed_in(ctx)
    return hh_store.get_person(ctx.db, person_id)


def household_of(ctx: AppContext, person_id: int) -> Household | None:
    require_signed_in(ctx)
    hid = hh_store.household_id_of(ctx.db, person_id)
    return hh_store.get_household(ctx.db, hid) if hid else None


def household(ctx: AppContext, household_id: int) -> Household:
    require_signed_in(ctx)
    return hh_store.get_household(ctx.db, household_id)


def list_households(ctx: AppContext, text: str = "",
                    hits: list[PersonHit] | None = None) -> list[HouseholdRow]:
    """`hits`: the persons `find_persons` already found for `text` (not searched again)."""
    require_signed_in(ctx)
    return hh_store.list_households(ctx.db, limits.search_text(text), hits=hits)


def iin_duplicates(ctx: AppContext) -> list[tuple[str, tuple[Person, ...]]]:
    """Persons saved twice under spellings of one IIN (before IINs were kept as their digits),
    oldest first, to be merged by hand in the household book."""
    require(ctx, "edit_household")
    return [(iin, tuple(hh_store.get_person(ctx.db, pid) for pid in ids))
            for iin, ids in hh_store.iin_duplicates(ctx.db)]


def merge_iin_duplicates(ctx: AppContext, iin: str, *, confirmed: bool) -> Changes:
    """Merge the persons saved under spellings of `iin` into the oldest one, once the specialist
    confirmed they are one citizen: applications, papers and incomes move to it; audited."""
    require(ctx, "edit_household")
    digits = normalise_iin(iin)
    group = next((ids for found, ids in hh_store.iin_duplicates(ctx.db) if found == digits),
                 None)
    if group is None:
        raise ValidationError("iin", N_("No persons are saved twice under IIN {iin}."),
                              code="no_duplicates", iin=digits)
    if not confirmed:
        raise ValidationError("confirm", N_("Confirm that these records are one citizen before "
                                            "they are merged."), code="not_confirmed")
    keep, *drop = group
    now = ctx.now_iso()
    kept = hh_store.get_person(ctx.db, keep)
    with transaction(ctx.db):
        for other in drop:
            gone = hh_store.get_person(ctx.db, other)
            hh_store.merge_persons(ctx.db, keep, other, iin=digits, now=now)
            audit.record(ctx.db, at=now, user=ctx.user.login, action="person.merge",
                         table="persons", uuid=kept.uuid,
                         before={"merged": gone.uuid, **hh_store.person_to_row(gone)},
                         after={"into": kept.uuid, "iin": digits})
    hid = hh_store.household_id_of(ctx.db, keep)
    return Changes(persons=frozenset(group), households=frozenset({hid}) if hid else frozenset())


def person_text_errors(p: Person, prefix: str = "") -> list[ValidationError]:
    """Length and control-character problems of a person's text fields."""
    found = [limits.check_text(prefix + name, getattr(p, name), size) for name, size in (
        ("surname", limits.NAME), ("given_name", limits.NAME), ("patronymic", limits.NAME),
        ("address", limits.ADDRESS), ("phone", limits.SHORT), ("rnn", limits.SHORT),
        ("sik", limits.SHORT), ("iin", limits.SHORT))]
    return [e for e in found if e is not None]


def household_errors(hh: Household) -> list[ValidationError]:
    """Every problem of a household's texts and incomes (the applicant's own too)."""
    errors = [e for e in (limits.check_text("household.address", hh.address, limits.ADDRESS),
                          limits.check_text("household.book_ref", hh.book_ref, limits.SHORT),
                          limits.check_text("household.farm_notes", hh.farm_notes, limits.NOTE,
                                            multiline=True)) if e is not None]
    for i, m in enumerate(hh.members):
        errors += person_text_errors(m.person, f"members[{i}].")
        for inc in m.incomes:
            try:
                money.parse(inc.amount, f"members[{i}].incomes")
            except ValidationError as exc:
                errors.append(exc)
            problem = limits.check_text(f"members[{i}].incomes", inc.source, limits.ADDRESS)
            if problem is not None:
                errors.append(problem)
    return errors


def save_household(ctx: AppContext, hh: Household) -> Changes:
    require(ctx, "edit_household")
    errors = household_errors(hh)
    if errors:
        raise errors[0]
    with transaction(ctx.db):
        write_household(ctx, hh, ctx.now_iso())
    return Changes(households=frozenset({hh.saved_id}),
                   persons=frozenset(m.person.saved_id for m in hh.members))


def write_household(ctx: AppContext, hh: Household, now: str) -> None:
    """Save the household with its audit row; the caller holds the transaction."""
    is_new = hh.id is None
    hh_store.save_household(ctx.db, hh, office_id=ctx.office.saved_id, now=now)
    audit.record(ctx.db, at=now, user=ctx.user.login,
                 action="household.create" if is_new else "household.update",
                 table="households", uuid=hh.uuid,
                 after={"address": hh.address, "members": [m.person.uuid for m in hh.members]})
