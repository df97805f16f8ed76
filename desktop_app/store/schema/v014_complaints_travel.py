"""Schema version 14: the complaints journal travels to the district like the office's other
records, so indicators 4.1 and 4.2 are counted there per office. A complaint joins the change log
when it is recorded and again when its review is recorded; the ones recorded before this step are
logged once here, so the next batch carries them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

_UNTRACKED = "NOT EXISTS (SELECT 1 FROM sync_applying)"


def upgrade(db: sqlite_utils.Database) -> None:
    for event in ("INSERT", "UPDATE"):
        db.execute(f"""CREATE TRIGGER complaints_{event.lower()}_log AFTER {event} ON complaints
            WHEN {_UNTRACKED}
            BEGIN INSERT INTO change_log (kind, uuid) VALUES ('complaint', NEW.uuid); END""")
    db.execute("INSERT INTO change_log (kind, uuid) SELECT 'complaint', uuid FROM complaints"
               " ORDER BY id")
