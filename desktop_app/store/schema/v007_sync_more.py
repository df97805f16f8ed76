"""Schema version 7: more of the USB round trip. Public-works participants and their timesheet rows
join the change log (office-owned, like v003's tables), and parameter values carry their origin so
the district's own values travel to every office ("*" in the change log) and arrive marked.

A timesheet row has no uuid of its own: it travels as "<participant uuid>/<month>". Rows that
existed before this step are logged once here, so the next batch carries them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

_UNTRACKED = "NOT EXISTS (SELECT 1 FROM sync_applying)"
_TIMESHEET_KEY = ("(SELECT uuid FROM public_works_participants WHERE id = {row}.participant_id)"
                  " || '/' || {row}.month")


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE parameter_values ADD COLUMN origin TEXT NOT NULL DEFAULT 'office'"
               " CHECK (origin IN ('office', 'district'))")
    db.execute("ALTER TABLE parameter_values ADD COLUMN origin_code TEXT NOT NULL DEFAULT ''")
    for event in ("INSERT", "UPDATE"):
        low = event.lower()
        db.execute(f"""CREATE TRIGGER public_works_participants_{low}_log AFTER {event}
            ON public_works_participants WHEN {_UNTRACKED}
            BEGIN INSERT INTO change_log (kind, uuid)
              VALUES ('public_works_participant', NEW.uuid); END""")
        key = _TIMESHEET_KEY.format(row="NEW")
        db.execute(f"""CREATE TRIGGER public_works_timesheet_{low}_log AFTER {event}
            ON public_works_timesheet WHEN {_UNTRACKED}
            BEGIN INSERT INTO change_log (kind, uuid)
              SELECT 'public_works_timesheet', {key} WHERE ({key}) IS NOT NULL; END""")
        # only a district's own values are sent (to every office); at a village office the rows
        # are logged too but never exported (an office sends office_code IS NULL only)
        db.execute(f"""CREATE TRIGGER parameter_values_{low}_log AFTER {event}
            ON parameter_values WHEN {_UNTRACKED} AND NEW.origin = 'office'
            BEGIN INSERT INTO change_log (kind, uuid, office_code)
              VALUES ('parameter_value', NEW.uuid, '*'); END""")
    db.execute("INSERT INTO change_log (kind, uuid) SELECT 'public_works_participant', uuid"
               " FROM public_works_participants ORDER BY id")
    db.execute("INSERT INTO change_log (kind, uuid) SELECT 'public_works_timesheet', "
               + _TIMESHEET_KEY.format(row="t")
               + " FROM public_works_timesheet t ORDER BY t.id")
    db.execute("INSERT INTO change_log (kind, uuid, office_code) SELECT 'parameter_value', uuid,"
               " '*' FROM parameter_values ORDER BY id")
