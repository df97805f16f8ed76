"""More records that travel on the USB stick (schema v007): the office's public-works participants
and timesheet rows, and the district's parameter values and calendar days (v010), read as batch
records by uuid and, for parameter values, written at the office marked as the district's.

Imports store.db and domain.parameters only; the caller holds the transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop_app.domain.parameters import ParamValue
from desktop_app.store import calendar_days
from desktop_app.store.db import one

if TYPE_CHECKING:
    import sqlite_utils

OFFICE_KINDS = ("public_works_participant", "public_works_timesheet")
DISTRICT_KINDS = ("parameter_value", "calendar_day")


def participant(db: sqlite_utils.Database, uuid: str) -> dict | None:
    return one(db, "SELECT p.uuid, s.uuid AS person_uuid, p.referral_no, p.referral_date,"
                   " p.referred_by, p.resolution_id, p.org_row, p.work_type, p.volume, p.unit,"
                   " p.contract_no, p.contract_date, p.start_date, p.end_date, p.created_at,"
                   " p.created_by, p.updated_at FROM public_works_participants p"
                   " JOIN persons s ON s.id = p.person_id WHERE p.uuid = ?", [uuid])


def timesheet_key(participant_uuid: str, month: str) -> str:
    """A timesheet row's uuid in a batch: it has none of its own."""
    return f"{participant_uuid}/{month}"


def timesheet(db: sqlite_utils.Database, uuid: str) -> dict | None:
    owner, _, month = uuid.rpartition("/")
    rec = one(db, "SELECT p.uuid AS participant_uuid, t.month, t.days_worked, t.working_days,"
                  " t.pay, t.pay_factor, t.factor_version, t.wage, t.wage_version,"
                  " t.recorded_at, t.recorded_by FROM public_works_timesheet t"
                  " JOIN public_works_participants p ON p.id = t.participant_id"
                  " WHERE p.uuid = ? AND t.month = ?", [owner, month])
    if rec is not None:
        rec = {"uuid": uuid, **rec, "updated_at": rec["recorded_at"]}
    return rec


def parameter_value(db: sqlite_utils.Database, uuid: str) -> dict | None:
    rec = one(db, "SELECT uuid, name, value, valid_from, valid_to, region, version, source,"
                  " created_at, created_by FROM parameter_values WHERE uuid = ?"
                  " AND origin = 'office'", [uuid])
    if rec is not None:
        rec["updated_at"] = rec["created_at"]
    return rec


READERS = {"public_works_participant": participant, "public_works_timesheet": timesheet,
           "parameter_value": parameter_value, "calendar_day": calendar_days.record}


def to_value(rec: dict) -> ParamValue:
    """The domain value a parameter record describes; ValueError/ArithmeticError when malformed."""
    value = Decimal(str(rec["value"]))
    if not value.is_finite() or value < 0:
        raise ValueError("value")
    to = rec.get("valid_to")
    for key in ("name", "version", "source"):
        if not isinstance(rec.get(key), str) or not rec[key].strip():
            raise ValueError(key)
    region = rec.get("region")
    if region is not None and not isinstance(region, str):
        raise ValueError("region")
    return ParamValue(name=rec["name"], value=value, version=rec["version"],
                      valid_from=dt.date.fromisoformat(rec["valid_from"]),
                      valid_to=dt.date.fromisoformat(to) if to else None,
                      region=region or None, source=rec["source"])


def stored_value(db: sqlite_utils.Database, name: str, version: str) -> ParamValue | None:
    row = one(db, "SELECT name, value, valid_from, valid_to, region, version, source"
                  " FROM parameter_values WHERE name = ? AND version = ?", [name, version])
    return to_value(row) if row else None


def insert_district_value(db: sqlite_utils.Database, rec: dict, value: ParamValue, *,
                          district_code: str) -> None:
    """The district's value, kept with its uuid and version, who added it there and when."""
    db.table("parameter_values").insert({
        "uuid": rec["uuid"], "name": value.name, "value": str(value.value),
        "valid_from": value.valid_from.isoformat(),
        "valid_to": value.valid_to.isoformat() if value.valid_to else None,
        "region": value.region, "version": value.version, "source": value.source,
        "created_at": str(rec.get("created_at") or ""), "created_by": str(rec.get("created_by")
                                                                          or ""),
        "origin": "district", "origin_code": district_code})
