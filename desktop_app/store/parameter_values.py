"""Parameter values added by the office (table parameter_values): read them as domain ParamValues
and add one. Imports store.db and domain.parameters; the caller holds the transaction and audits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop_app.domain.parameters import ParamValue
from desktop_app.store.db import has_table, new_uuid, rows

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class OfficeValue:
    """One stored row: the value itself and who added it when."""

    value: ParamValue
    uuid: str
    created_at: str
    created_by: str
    origin: str = "office"        # "office" (added here) or "district" (arrived in a batch)
    origin_code: str = ""         # the district's code when origin is "district"


def _from_row(r: dict) -> OfficeValue:
    pv = ParamValue(name=r["name"], value=Decimal(r["value"]), version=r["version"],
                    valid_from=dt.date.fromisoformat(r["valid_from"]),
                    valid_to=dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
                    region=r["region"] or None, source=r["source"])
    return OfficeValue(pv, r["uuid"], r["created_at"], r["created_by"],
                       r.get("origin") or "office", r.get("origin_code") or "")


def all_values(db: sqlite_utils.Database) -> list[OfficeValue]:
    if not has_table(db, "parameter_values"):
        return []
    return [_from_row(r) for r in rows(db, "SELECT * FROM parameter_values"
                                            " ORDER BY name, region, valid_from")]


def insert(db: sqlite_utils.Database, value: ParamValue, *, now: str, user: str) -> OfficeValue:
    row = {"uuid": new_uuid(), "name": value.name, "value": str(value.value),
           "valid_from": value.valid_from.isoformat(),
           "valid_to": value.valid_to.isoformat() if value.valid_to else None,
           "region": value.region, "version": value.version, "source": value.source,
           "created_at": now, "created_by": user}
    db.table("parameter_values").insert(row)
    return _from_row(row)
