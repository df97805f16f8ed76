"""Schema version 2 (trust): sign-in state on users (failures, lock-out, last sign-in, password
age), the file's application id, and an index for the audit screen's queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

# "AKDT": lets a restore tell an Akimat Desk file from any other SQLite file.
APPLICATION_ID = 0x414B4454


def upgrade(db: sqlite_utils.Database) -> None:
    for column in ("failed_attempts INTEGER NOT NULL DEFAULT 0",
                   "locked_until TEXT",
                   "last_login TEXT",
                   "password_changed_at TEXT"):
        db.execute(f"ALTER TABLE users ADD COLUMN {column}")
    db.execute("CREATE INDEX audit_log_user ON audit_log(user, at)")
    db.execute("CREATE INDEX audit_log_record ON audit_log(record_uuid)")
    # Every office so far was created from data/demo/office.toml (there was no set-up yet).
    db.execute("INSERT OR IGNORE INTO settings (key, value) SELECT 'office.is_demo', 'true' "
               "WHERE EXISTS (SELECT 1 FROM offices)")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
