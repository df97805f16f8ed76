"""Offices: the office's own identity and those it reports to. Imports domain.office and
store.db."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.domain.errors import NotFound
from desktop_app.domain.office import Office
from desktop_app.store.db import new_uuid, one

if TYPE_CHECKING:
    import sqlite_utils

_PAIRS = ("name", "district", "address", "akim_position", "department")


def to_row(office: Office) -> dict:
    row = {"code": office.code, "region": office.region, "phone": office.phone,
           "akim_name": office.akim_name, "calendar": office.calendar,
           "uuid": office.uuid or new_uuid()}
    for field in _PAIRS:
        value = getattr(office, field) or {}
        row[f"{field}_kk"] = value.get("kk", "")
        row[f"{field}_ru"] = value.get("ru", "")
    return row


def from_row(row: dict) -> Office:
    pairs = {f: {"kk": row[f"{f}_kk"], "ru": row[f"{f}_ru"]} for f in _PAIRS}
    return Office(code=row["code"], region=row["region"], phone=row["phone"],
                  akim_name=row["akim_name"], calendar=row["calendar"], id=row["id"],
                  uuid=row["uuid"], **pairs)


def save(db: sqlite_utils.Database, office: Office) -> Office:
    row = to_row(office)
    if office.id is None:
        office.id = db.table("offices").insert(row).last_pk
    else:
        db.table("offices").update(office.id, row)
    office.uuid = row["uuid"]
    return office


def get(db: sqlite_utils.Database, office_id: int) -> Office:
    found = one(db, "SELECT * FROM offices WHERE id = ?", [office_id])
    if found is None:
        raise NotFound(what="office", key=office_id)
    return from_row(found)


def by_code(db: sqlite_utils.Database, code: str) -> Office | None:
    rows = list(db["offices"].rows_where("code = ?", [code]))
    return from_row(rows[0]) if rows else None
