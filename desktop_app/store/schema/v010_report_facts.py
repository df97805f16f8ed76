"""Schema version 10: what the standards' quality indicators need that was not kept. When the
visitor arrived at reception (optional; indicator 1.2, the wait before being served), and for a
complaint whether it was found justified and the day it was reviewed (indicators 4.1 and 4.2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE applications ADD COLUMN arrived_at TEXT")
    db.execute("ALTER TABLE complaints ADD COLUMN justified INTEGER"
               " CHECK (justified IS NULL OR justified IN (0, 1))")
    db.execute("ALTER TABLE complaints ADD COLUMN reviewed_on TEXT")
    db.execute("CREATE INDEX IF NOT EXISTS applications_accepted ON applications(accepted_at)")
