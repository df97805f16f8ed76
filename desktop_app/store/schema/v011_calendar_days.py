"""Schema version 11: transferred days off and working days entered in the program (the
government moves days off by decree each year). They sit on top of data/calendar, each dated with
its reason and source (the decree). Like parameter values, the ones a district enters travel to
every office ("*" in the change log) and arrive marked as the district's; a removed day is kept
(removed = 1) so that the removal travels too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

_UNTRACKED = "NOT EXISTS (SELECT 1 FROM sync_applying)"


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE calendar_days (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,                       -- ISO date
        kind TEXT NOT NULL CHECK (kind IN ('day_off', 'working_day')),
        reason TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL,                    -- the decree
        removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'office' CHECK (origin IN ('office', 'district')),
        origin_code TEXT NOT NULL DEFAULT '')""")
    # one entry in force per day
    db.execute("CREATE UNIQUE INDEX calendar_days_day ON calendar_days(day) WHERE removed = 0")
    for event in ("INSERT", "UPDATE"):
        low = event.lower()
        db.execute(f"""CREATE TRIGGER calendar_days_{low}_log AFTER {event}
            ON calendar_days WHEN {_UNTRACKED} AND NEW.origin = 'office'
            BEGIN INSERT INTO change_log (kind, uuid, office_code)
              VALUES ('calendar_day', NEW.uuid, '*'); END""")
