"""Schema version 5: public works at the office as an employer (act 000, rows 8-22): participants
referred by the district (referral, labour contract, row of the resolution, work type, volume) and
the monthly timesheet with the pay computed and the parameter versions it used."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""
    CREATE TABLE public_works_participants (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        office_id INTEGER NOT NULL REFERENCES offices(id),
        person_id INTEGER NOT NULL REFERENCES persons(id),
        referral_no TEXT NOT NULL CHECK (referral_no <> ''),
        referral_date TEXT NOT NULL,
        referred_by TEXT NOT NULL DEFAULT '',
        resolution_id TEXT NOT NULL,          -- data/public_works/<file>: id
        org_row INTEGER NOT NULL,             -- the employer's row of the resolution's annex
        work_type TEXT NOT NULL,
        volume INTEGER NOT NULL CHECK (volume > 0),
        unit TEXT NOT NULL,
        contract_no TEXT NOT NULL CHECK (contract_no <> ''),
        contract_date TEXT NOT NULL,
        start_date TEXT NOT NULL,
        end_date TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        CHECK (end_date IS NULL OR end_date >= start_date),
        UNIQUE (office_id, contract_no)
    )""")
    db.execute("CREATE INDEX public_works_participants_person"
               " ON public_works_participants(person_id)")
    db.execute("""
    CREATE TABLE public_works_timesheet (
        id INTEGER PRIMARY KEY,
        participant_id INTEGER NOT NULL REFERENCES public_works_participants(id)
            ON DELETE CASCADE,
        month TEXT NOT NULL,                  -- YYYY-MM-01
        days_worked INTEGER NOT NULL CHECK (days_worked BETWEEN 0 AND 31),
        working_days INTEGER NOT NULL,        -- of the whole month, by the office's calendar
        pay TEXT,                             -- decimal text, tenge; NULL: no rule in force
        pay_factor TEXT,
        factor_version TEXT,                  -- the resolution's version
        wage TEXT,
        wage_version TEXT,                    -- the minimum_wage parameter's version
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL DEFAULT '',
        UNIQUE (participant_id, month)
    )""")
