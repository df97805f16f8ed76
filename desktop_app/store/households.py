"""Households, their members (persons) and incomes; full-text search over persons.

Imports domain.household and store.db. Returns domain objects; the services layer writes the audit.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop_app.domain.errors import DuplicateError, NotFound
from desktop_app.domain.household import (
    Household,
    Income,
    IncomeKind,
    Member,
    MemberStatus,
    Person,
    Relation,
    Sex,
)
from desktop_app.domain.iin import normalise_iin
from desktop_app.i18n import N_
from desktop_app.store.db import new_uuid

if TYPE_CHECKING:
    import sqlite_utils

_PERSON_COLS = ("iin", "surname", "given_name", "patronymic", "birth_date", "sex", "address",
                "phone", "citizenship", "rnn", "sik")


def person_to_row(p: Person) -> dict:
    return {"iin": normalise_iin(p.iin or "") or None, "surname": p.surname,
            "given_name": p.given_name, "patronymic": p.patronymic,
            "birth_date": p.birth_date.isoformat() if p.birth_date else None,
            "sex": p.sex.value if p.sex else None, "address": p.address, "phone": p.phone,
            "citizenship": p.citizenship, "rnn": p.rnn, "sik": p.sik}


def person_from_row(r: dict) -> Person:
    return Person(surname=r["surname"], given_name=r["given_name"], patronymic=r["patronymic"],
                  iin=r["iin"], birth_date=dt.date.fromisoformat(r["birth_date"]) if r["birth_date"]
                  else None, sex=Sex(r["sex"]) if r["sex"] else None, address=r["address"],
                  phone=r["phone"], citizenship=r["citizenship"], rnn=r["rnn"], sik=r["sik"],
                  id=r["id"], uuid=r["uuid"])


def _check_iin_free(db: sqlite_utils.Database, iin: str | None, person_id: int | None) -> None:
    iin = normalise_iin(iin or "")
    if not iin:
        return
    row = db.execute("SELECT id, surname, given_name FROM persons WHERE iin = ?", [iin]).fetchone()
    if row and row[0] != person_id:
        raise DuplicateError(N_("IIN {iin} is already registered to {name}."), code="duplicate_iin",
                             iin=iin, name=f"{row[1]} {row[2]}")


def save_person(db: sqlite_utils.Database, person: Person, *, now: str,
                household_id: int | None = None, relation: Relation | None = None,
                statuses: frozenset[MemberStatus] = frozenset(),
                disability_group: int | None = None) -> Person:
    _check_iin_free(db, person.iin, person.id)
    row = person_to_row(person)
    person.iin = row["iin"] or person.iin
    row.update(household_id=household_id, relation=(relation or Relation.APPLICANT).value,
               statuses=",".join(sorted(s.value for s in statuses)),
               disability_group=disability_group, updated_at=now)
    if person.id is None:
        row.update(uuid=person.uuid or new_uuid(), created_at=now)
        person.id = db.table("persons").insert(row).last_pk
        person.uuid = row["uuid"]
    else:
        db.table("persons").update(person.id, row)
    return person


def get_person(db: sqlite_utils.Database, person_id: int) -> Person:
    rows = list(db["persons"].rows_where("id = ?", [person_id]))
    if not rows:
        raise NotFound(what="person", key=person_id)
    return person_from_row(rows[0])


def person_by_iin(db: sqlite_utils.Database, iin: str) -> Person | None:
    rows = list(db["persons"].rows_where("iin = ?", [normalise_iin(iin or "")]))
    return person_from_row(rows[0]) if rows else None


def household_id_of(db: sqlite_utils.Database, person_id: int) -> int | None:
    row = db.execute("SELECT household_id FROM persons WHERE id = ?", [person_id]).fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class PersonHit:
    id: int
    full_name: str
    iin: str | None
    birth_date: str | None
    address: str
    household_id: int | None


# A search looks at no more than this many matching persons before ordering them by name: "Ерлан"
# matches tens of thousands of people in a region, and sorting them all to show 50 is the slow
# part. The person narrows the search instead; the first matches of a rare query are all of them.
CANDIDATES = 500

_PERSON_HIT = ("SELECT p.id, p.surname, p.given_name, p.patronymic, p.iin, p.birth_date,"
               " p.address, p.household_id FROM persons p")


def _hit(r: tuple) -> PersonHit:
    return PersonHit(r[0], " ".join(x for x in r[1:4] if x), r[4], r[5], r[6], r[7])


def _by_name(rows: list[tuple]) -> list[tuple]:
    # the same order as the SQL "ORDER BY surname, given_name" (code points = UTF-8 bytes)
    return sorted(rows, key=lambda r: (r[1], r[2], r[0]))


def _rows_by_id(db: sqlite_utils.Database, ids: list[int]) -> list[tuple]:
    # one JSON parameter rather than one per id (older SQLite allows 999); looked up by rowid
    return db.execute(f"{_PERSON_HIT} WHERE p.id IN (SELECT value FROM json_each(?))",
                      [json.dumps(ids)]).fetchall()


def _prefix_range(text: str) -> tuple[str, str]:
    """[low, high) covering every string that starts with `text` (binary collation)."""
    return text, text[:-1] + chr(ord(text[-1]) + 1)


def _fts_ids(db: sqlite_utils.Database, words: list[str], table: str = "persons_fts"
             ) -> list[int]:
    query = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
    return [r[0] for r in db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?",
                                     [query, CANDIDATES])]


def _prefix_ids(db: sqlite_utils.Database, word: str) -> list[int]:
    """Persons whose surname, given name or IIN starts with `word` (as typed, capitalised or in
    capitals), each walked along its own index and bounded: never a scan of the table."""
    ids: dict[int, None] = {}
    variants = dict.fromkeys((word, word[:1].upper() + word[1:].lower(), word.upper()))
    for column in ("surname", "given_name", "iin"):
        for v in variants:
            low, high = _prefix_range(v)
            for (pid,) in db.execute(f"SELECT id FROM persons WHERE {column} >= ? AND {column} < ?"
                                     f" ORDER BY {column} LIMIT ?", [low, high, CANDIDATES]):
                ids[pid] = None
    return list(ids)


def _starts(row: tuple, word: str) -> bool:
    w = word.casefold()
    return any((v or "").casefold().startswith(w) for v in (row[1], row[2], row[4]))


def search_persons(db: sqlite_utils.Database, text: str, limit: int = 50) -> list[PersonHit]:
    """Find persons by any part of a name, IIN or address (3+ letters via FTS5 trigram; shorter
    words match the start of a name or IIN), ordered by name. A full IIN is looked up directly.
    Only the first CANDIDATES matches are ordered: a very common word shows some of its people."""
    # control characters (a NUL ends an FTS5 string early) are never part of a name: drop them
    words = "".join(c if c.isprintable() else " " for c in text).split()
    if not words:
        sql = _PERSON_HIT + " ORDER BY p.surname, p.given_name LIMIT ?"
        return [_hit(r) for r in db.execute(sql, [limit])]
    if len(words) == 1 and len(words[0]) == 12 and words[0].isdigit():
        return [_hit(r) for r in db.execute(_PERSON_HIT + " WHERE p.iin = ?", words)]
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    if long_words:
        ids = _fts_ids(db, long_words)
    else:  # too short for trigrams: the start of a name or an IIN, along the indexes
        ids = _prefix_ids(db, short_words[0])
        short_words = short_words[1:]
    rows = [r for r in _rows_by_id(db, ids) if all(_starts(r, w) for w in short_words)]
    return [_hit(r) for r in _by_name(rows)[:limit]]


# households --------------------------------------------------------------------------------------

def save_household(db: sqlite_utils.Database, household: Household, *, office_id: int,
                   now: str) -> Household:
    """Insert or update the household, its members and their incomes (replaced as given)."""
    row = {"address": household.address, "book_ref": household.book_ref,
           "has_farm": int(household.has_farm), "farm_notes": household.farm_notes,
           "updated_at": now}
    if household.id is None:
        uuid = household.uuid or new_uuid()
        row.update(uuid=uuid, office_id=office_id, created_at=now)
        household.id = db.table("households").insert(row).last_pk
        household.uuid = uuid
    else:
        db.table("households").update(household.id, row)
    keep = set()
    for m in household.members:
        if not m.person.address:
            m.person.address = household.address
        save_person(db, m.person, now=now, household_id=household.id, relation=m.relation,
                    statuses=m.statuses, disability_group=m.disability_group)
        m.id = m.person.id
        keep.add(m.person.id)
        db.execute("DELETE FROM person_incomes WHERE person_id = ?", [m.person.id])
        for inc in m.incomes:
            inc.id = db.table("person_incomes").insert({
                "person_id": m.person.id, "kind": inc.kind.value,
                "month": inc.month.replace(day=1).isoformat(), "amount": str(inc.amount),
                "source": inc.source}).last_pk
    # members who left the household stay as persons, without a household
    placeholders = ",".join("?" * len(keep)) or "NULL"
    db.execute(f"UPDATE persons SET household_id = NULL WHERE household_id = ? AND id NOT IN "
               f"({placeholders})", [household.id, *keep])
    return household


def get_household(db: sqlite_utils.Database, household_id: int) -> Household:
    rows = list(db["households"].rows_where("id = ?", [household_id]))
    if not rows:
        raise NotFound(what="household", key=household_id)
    h = rows[0]
    members = []
    for r in db["persons"].rows_where("household_id = ?", [household_id],
                                      order_by="relation = 'applicant' DESC, birth_date"):
        incomes = [Income(kind=IncomeKind(i["kind"]), month=dt.date.fromisoformat(i["month"]),
                          amount=Decimal(i["amount"]), source=i["source"], id=i["id"])
                   for i in db["person_incomes"].rows_where("person_id = ?", [r["id"]],
                                                            order_by="month, kind")]
        statuses = frozenset(MemberStatus(s) for s in r["statuses"].split(",") if s)
        members.append(Member(person=person_from_row(r), relation=Relation(r["relation"]),
                              statuses=statuses, disability_group=r["disability_group"],
                              incomes=incomes, id=r["id"]))
    return Household(address=h["address"], members=members, book_ref=h["book_ref"],
                     has_farm=bool(h["has_farm"]), farm_notes=h["farm_notes"], id=h["id"],
                     uuid=h["uuid"])


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    address: str
    book_ref: str
    head: str
    head_iin: str | None
    members: int
    applications: int


def list_households(db: sqlite_utils.Database, text: str = "", limit: int = 1000,
                    hits: list[PersonHit] | None = None) -> list[HouseholdRow]:
    """Households in address order; with `text`, those of the persons it finds (`hits` when the
    caller already searched) and those whose address holds it (3+ letters)."""
    sql = """
        SELECT h.id, h.address, h.book_ref,
          (SELECT surname || ' ' || given_name || ' ' || patronymic FROM persons
             WHERE household_id = h.id ORDER BY relation = 'applicant' DESC, birth_date LIMIT 1),
          (SELECT iin FROM persons WHERE household_id = h.id
             ORDER BY relation = 'applicant' DESC, birth_date LIMIT 1),
          (SELECT count(*) FROM persons WHERE household_id = h.id),
          (SELECT count(*) FROM applications WHERE household_id = h.id)
        FROM households h"""
    if text.strip():
        found = hits if hits is not None else search_persons(db, text, limit=CANDIDATES)
        ids = {h.household_id for h in found if h.household_id}
        phrase = " ".join("".join(c if c.isprintable() else " " for c in text).split())
        if len(phrase) >= 3:  # the address holds the text as typed (a trigram substring match)
            ids.update(_fts_ids(db, [phrase], "households_fts"))
        # a bounded set of households, each found by its id, ordered here: never a walk of the
        # whole table in address order looking for them
        rows = db.execute(sql + " WHERE h.id IN (SELECT value FROM json_each(?))",
                          [json.dumps(sorted(ids))]).fetchall()
        rows = sorted(rows, key=lambda r: (r[1], r[0]))[:limit]
    else:
        rows = db.execute(sql + " ORDER BY h.address LIMIT ?", [limit]).fetchall()
    return [HouseholdRow(r[0], r[1], r[2], (r[3] or "").strip(), r[4], r[5], r[6]) for r in rows]


def update_person_details(db: sqlite_utils.Database, person: Person, *, now: str) -> Person:
    """Save a person's own fields, keeping their household and relation as they are."""
    if person.id is None:
        return save_person(db, person, now=now)
    _check_iin_free(db, person.iin, person.id)
    row = person_to_row(person)
    person.iin = row["iin"] or person.iin
    db.table("persons").update(person.id, {**row, "updated_at": now})
    return person


def record_departure(db: sqlite_utils.Database, person_id: int, *, household_id: int,
                     on: dt.date, reason: str, now: str) -> None:
    """The member left (moved out or died): no longer counted, still linked to the household."""
    db.execute("UPDATE persons SET household_id = NULL, left_household_id = ?, left_on = ?,"
               " left_reason = ?, updated_at = ? WHERE id = ?",
               [household_id, on.isoformat(), reason, now, person_id])


def former_members(db: sqlite_utils.Database, household_id: int
                   ) -> list[tuple[Person, dt.date | None, str]]:
    """Who left the household (and has not joined another), with the day and the reason."""
    return [(person_from_row(r), dt.date.fromisoformat(r["left_on"]) if r["left_on"] else None,
             r["left_reason"])
            for r in db["persons"].rows_where("left_household_id = ? AND household_id IS NULL",
                                              [household_id], order_by="left_on")]


def iin_duplicates(db: sqlite_utils.Database) -> list[tuple[str, tuple[int, ...]]]:
    """Persons stored (before IINs were kept as their digits) under spellings of one IIN: each
    IIN with the ids of its persons, oldest first, when there are two or more."""
    groups: dict[str, list[int]] = {}
    for pid, iin in db.execute("SELECT id, iin FROM persons WHERE iin IS NOT NULL ORDER BY id"):
        groups.setdefault(normalise_iin(iin), []).append(pid)
    return [(iin, tuple(ids)) for iin, ids in sorted(groups.items()) if len(ids) > 1]


# rows that point at a person: (table, column)
_PERSON_REFERENCES = (("applications", "applicant_id"), ("papers", "person_id"),
                      ("complaints", "person_id"), ("public_works_participants", "person_id"))


def merge_persons(db: sqlite_utils.Database, keep_id: int, drop_id: int, *, iin: str,
                  now: str) -> None:
    """Everything of `drop_id` moves to `keep_id` (applications, papers, complaints, public
    works, incomes not already held), the kept one takes the IIN as its digits, the other goes.
    The caller holds the transaction and audits both records."""
    for table, column in _PERSON_REFERENCES:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [keep_id, drop_id])
    db.execute("UPDATE person_incomes SET person_id = ? WHERE person_id = ? AND NOT EXISTS"
               " (SELECT 1 FROM person_incomes k WHERE k.person_id = ? AND k.month ="
               " person_incomes.month AND k.kind = person_incomes.kind)",
               [keep_id, drop_id, keep_id])
    db.execute("UPDATE persons SET household_id = coalesce(household_id, (SELECT household_id"
               " FROM persons WHERE id = ?)) WHERE id = ?", [drop_id, keep_id])
    db.execute("DELETE FROM persons WHERE id = ?", [drop_id])
    db.execute("UPDATE persons SET iin = ?, updated_at = ? WHERE id = ?", [iin, now, keep_id])
