"""Schema version 6 (papers): outgoing numbers for papers that are not an application's own
(journals, registers, complaint talons), and the complaints journal (items 21-23 of the standards:
a complaint's acceptance is confirmed by a talon and its registration in the journal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""
    CREATE TABLE paper_counters (
        office_id INTEGER NOT NULL REFERENCES offices(id),
        year INTEGER NOT NULL,
        series TEXT NOT NULL,            -- 'P' registers and journals, 'C' complaints
        last INTEGER NOT NULL,
        PRIMARY KEY (office_id, year, series)
    )""")
    db.execute("""
    CREATE TABLE complaints (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        reg_no TEXT NOT NULL UNIQUE,
        received_at TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('oral', 'written', 'electronic')),
        complainant TEXT NOT NULL,
        address TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        person_id INTEGER REFERENCES persons(id),
        application_id INTEGER REFERENCES applications(id),
        subject TEXT NOT NULL,
        accepted_by TEXT NOT NULL,         -- login
        accepted_name TEXT NOT NULL,       -- surname and initials, as the talon prints it
        accepted_position TEXT NOT NULL DEFAULT '{}',
        outcome TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX complaints_received ON complaints(received_at)")
