"""Reference-data updates from the district, at the office: check the parameter values a return
batch carries against the parameter rules, then keep them (marked as the district's).

Imports store (parameter_values, sync_records), domain and sync.format. A value the office already
holds with the same version is skipped; one that would break the rules (unknown parameter, an
overlap the rules refuse, the same version with other figures) refuses the whole batch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.domain.errors import BatchRejected
from desktop_app.domain.parameter_overrides import conflict
from desktop_app.domain.parameters import Parameters, ParamValue
from desktop_app.store import parameter_values, sync_records
from desktop_app.sync.format import RECORD_KIND

if TYPE_CHECKING:
    import sqlite_utils

KIND = "parameter_value"


def _invalid(file: str, detail: str) -> BatchRejected:
    return BatchRejected("invalid_content", file=file, detail=detail)


def new_values(db: sqlite_utils.Database, records: list[dict], shipped: Parameters | None,
               file: str) -> list[tuple[dict, ParamValue]]:
    """The parameter records to add, in order, each checked against what is held and against the
    ones before it; raise BatchRejected("invalid_content") naming the first that cannot be."""
    held = [o.value for o in parameter_values.all_values(db)]
    out: list[tuple[dict, ParamValue]] = []
    for i, rec in enumerate(records):
        if rec.get(RECORD_KIND) != KIND:
            continue
        try:
            value = sync_records.to_value(rec)
        except (KeyError, TypeError, ValueError, ArithmeticError):
            raise _invalid(file, f"record {i}: parameter value") from None
        if shipped is None or value.name not in shipped.names():
            raise _invalid(file, f"record {i}: unknown parameter {value.name}")
        same = sync_records.stored_value(db, value.name, value.version)
        if same is not None:
            if same != value:
                raise _invalid(file, f"record {i}: parameter {value.name} {value.version} "
                                     "differs from the one held here")
            continue
        if db.execute("SELECT 1 FROM parameter_values WHERE uuid = ?", [rec["uuid"]]).fetchone():
            raise _invalid(file, f"record {i}: parameter value uuid already used")
        found = conflict(value, shipped.all_values(value.name), held)
        if found is not None:
            raise _invalid(file, f"record {i}: parameter {value.name} {value.version} overlaps "
                                 f"{found[1].version}")
        held.append(value)
        out.append((rec, value))
    return out


def apply(db: sqlite_utils.Database, records: list[dict], shipped: Parameters | None, *,
          district_code: str, file: str) -> int:
    """Add the district's new values; returns how many were added. The caller holds the
    transaction (and marks the writes untracked)."""
    todo = new_values(db, records, shipped, file)
    for rec, value in todo:
        sync_records.insert_district_value(db, rec, value, district_code=district_code)
    return len(todo)
