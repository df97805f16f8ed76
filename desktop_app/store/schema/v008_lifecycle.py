"""Schema version 8: the life of an application after intake and the household book.

Applications learn when their document set became complete and why they were closed (withdrawn at
the citizen's request, voided as taken in error); checklist rows learn the day each paper arrived;
events learn their kind (a status change, documents arriving, a correction with before/after) so a
correction travels to the district as one; a person who moved out or died keeps a link to the
household they left (never deleted).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE applications ADD COLUMN complete_at TEXT")
    db.execute("ALTER TABLE applications ADD COLUMN closed_on TEXT")
    db.execute("ALTER TABLE applications ADD COLUMN closed_reason TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE application_documents ADD COLUMN presented_on TEXT")
    db.execute("ALTER TABLE application_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status'")
    db.execute("ALTER TABLE application_events ADD COLUMN details TEXT")
    db.execute("ALTER TABLE persons ADD COLUMN left_household_id INTEGER"
               " REFERENCES households(id)")
    db.execute("ALTER TABLE persons ADD COLUMN left_on TEXT")
    db.execute("ALTER TABLE persons ADD COLUMN left_reason TEXT NOT NULL DEFAULT ''"
               " CHECK (left_reason IN ('', 'moved_out', 'died'))")
    db.execute("CREATE INDEX IF NOT EXISTS persons_left_household ON persons(left_household_id)")
    db.execute("CREATE INDEX IF NOT EXISTS application_events_application"
               " ON application_events(application_id)")
