"""Schema version 4 (office set-up): parameter values the office's administrator adds on top of the
shipped data/parameters files, each with who added it and when."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""
    CREATE TABLE parameter_values (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        value TEXT NOT NULL,               -- a decimal number written as text
        valid_from TEXT NOT NULL,          -- YYYY-MM-DD
        valid_to TEXT,                     -- inclusive; NULL: open-ended
        region TEXT,                       -- NULL: national
        version TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        UNIQUE (name, version)
    )""")
    db.execute("CREATE INDEX parameter_values_name ON parameter_values(name, region, valid_from)")
