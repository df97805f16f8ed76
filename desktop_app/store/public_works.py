"""Public-works participants and their monthly timesheet rows (schema v005).

Imports domain.public_works and store.db. Returns domain objects; the services layer checks roles
and writes the audit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop_app.domain.errors import DuplicateError, NotFound
from desktop_app.domain.public_works import Contract, Participant, Pay, Referral
from desktop_app.i18n import N_
from desktop_app.store.db import new_uuid

if TYPE_CHECKING:
    import sqlite_utils

_SELECT = """
SELECT p.id, p.uuid, p.person_id, p.referral_no, p.referral_date, p.referred_by, p.resolution_id,
       p.org_row, p.work_type, p.volume, p.unit, p.contract_no, p.contract_date, p.start_date,
       p.end_date, s.surname, s.given_name, s.patronymic, s.iin
FROM public_works_participants p JOIN persons s ON s.id = p.person_id"""


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _participant(r: tuple) -> Participant:
    name = " ".join(x for x in (r[15], r[16], r[17]) if x)
    return Participant(
        person_id=r[2], full_name=name, iin=r[18],
        referral=Referral(r[3], dt.date.fromisoformat(r[4]), r[5]),
        contract=Contract(r[11], dt.date.fromisoformat(r[12]), dt.date.fromisoformat(r[13]),
                          _date(r[14])),
        resolution_id=r[6], org_row=r[7], work_type=r[8], volume=r[9], unit=r[10],
        id=r[0], uuid=r[1])


def participant_row(p: Participant) -> dict:
    """The stored fields (also the audit's "after")."""
    return {"referral_no": p.referral.number.strip(), "referral_date": p.referral.date.isoformat(),
            "referred_by": p.referral.body.strip(), "resolution_id": p.resolution_id,
            "org_row": p.org_row, "work_type": p.work_type, "volume": p.volume, "unit": p.unit,
            "contract_no": p.contract.number.strip(),
            "contract_date": p.contract.date.isoformat(),
            "start_date": p.contract.start.isoformat(),
            "end_date": p.contract.end.isoformat() if p.contract.end else None}


def insert_participant(db: sqlite_utils.Database, p: Participant, *, office_id: int, now: str,
                       user: str) -> Participant:
    number = p.contract.number.strip()
    clash = db.execute("SELECT 1 FROM public_works_participants WHERE office_id = ? AND "
                       "contract_no = ?", [office_id, number]).fetchone()
    if clash:
        raise DuplicateError(N_("Contract {number} is already recorded."),
                             code="duplicate_contract", number=number)
    row = participant_row(p)
    row.update(uuid=p.uuid or new_uuid(), office_id=office_id, person_id=p.person_id,
               created_at=now, created_by=user, updated_at=now)
    p.id = db.table("public_works_participants").insert(row).last_pk
    p.uuid = row["uuid"]
    return p


def get_participant(db: sqlite_utils.Database, participant_id: int) -> Participant:
    r = db.execute(_SELECT + " WHERE p.id = ?", [participant_id]).fetchone()
    if r is None:
        raise NotFound(what="participant", key=participant_id)
    return _participant(r)


def list_participants(db: sqlite_utils.Database, office_id: int) -> list[Participant]:
    rows = db.execute(_SELECT + " WHERE p.office_id = ? ORDER BY p.start_date DESC, s.surname",
                      [office_id])
    return [_participant(r) for r in rows]


def active_participants(db: sqlite_utils.Database, office_id: int, first: dt.date,
                        last: dt.date) -> list[Participant]:
    """Participants whose contract overlaps first..last, by name."""
    rows = db.execute(_SELECT + " WHERE p.office_id = ? AND p.start_date <= ? AND "
                      "(p.end_date IS NULL OR p.end_date >= ?) ORDER BY s.surname, s.given_name",
                      [office_id, last.isoformat(), first.isoformat()])
    return [_participant(r) for r in rows]


@dataclass(frozen=True)
class StoredMonth:
    """A saved timesheet row: days worked and the pay with the versions it was computed with."""

    participant_id: int
    month: dt.date
    days_worked: int
    working_days: int
    pay: Decimal | None
    factor_version: str | None
    wage_version: str | None


def month_rows(db: sqlite_utils.Database, month: dt.date) -> dict[int, StoredMonth]:
    out = {}
    for r in db.execute("SELECT participant_id, days_worked, working_days, pay, factor_version,"
                        " wage_version FROM public_works_timesheet WHERE month = ?",
                        [month.isoformat()]):
        out[r[0]] = StoredMonth(r[0], month, r[1], r[2], Decimal(r[3]) if r[3] else None,
                                r[4], r[5])
    return out


def save_month_row(db: sqlite_utils.Database, participant_id: int, month: dt.date,
                   days_worked: int, working_days: int, pay: Pay | None, *, now: str,
                   user: str) -> StoredMonth | None:
    """Insert or replace the row; returns what was there before (for the audit)."""
    before = month_rows_for(db, participant_id, month)
    db.execute(
        "INSERT INTO public_works_timesheet (participant_id, month, days_worked, working_days, pay,"
        " pay_factor, factor_version, wage, wage_version, recorded_at, recorded_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(participant_id, month) DO UPDATE SET days_worked = excluded.days_worked,"
        " working_days = excluded.working_days, pay = excluded.pay,"
        " pay_factor = excluded.pay_factor, factor_version = excluded.factor_version,"
        " wage = excluded.wage, wage_version = excluded.wage_version,"
        " recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by",
        [participant_id, month.isoformat(), days_worked, working_days,
         str(pay.amount) if pay else None, str(pay.factor) if pay else None,
         pay.factor_version if pay else None, str(pay.wage) if pay else None,
         pay.wage_version if pay else None, now, user])
    return before


def month_rows_for(db: sqlite_utils.Database, participant_id: int,
                   month: dt.date) -> StoredMonth | None:
    r = db.execute("SELECT days_worked, working_days, pay, factor_version, wage_version FROM"
                   " public_works_timesheet WHERE participant_id = ? AND month = ?",
                   [participant_id, month.isoformat()]).fetchone()
    if r is None:
        return None
    return StoredMonth(participant_id, month, r[0], r[1], Decimal(r[2]) if r[2] else None,
                       r[3], r[4])
