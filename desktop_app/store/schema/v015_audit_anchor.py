"""Schema version 15: the audit chain anchored outside the file. The district keeps each office's
chain as its batches carried it (`office_audit_chain`) and records a chain that does not extend
the one it holds (`audit_chain_reports`: tampering, or a restore from backup, with the anchored
rows the office's chain no longer holds kept in `office_audit_replaced`); the office keeps the
newest checkpoint the district sent back (`audit_checkpoint`, one row per district) and the
district's reports about its own chain (`audit_findings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE office_audit_chain (
        office_code TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        table_name TEXT NOT NULL,
        record_uuid TEXT,
        before TEXT,
        after TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (office_code, row_id)
    )""")
    db.execute("""CREATE TABLE audit_chain_reports (
        id INTEGER PRIMARY KEY,
        office_code TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('tampering', 'restore')),
        batch_seq INTEGER NOT NULL,
        found_at TEXT NOT NULL,
        first_row INTEGER NOT NULL,
        last_row INTEGER NOT NULL
    )""")
    # the anchored rows a later chain no longer held, kept as the evidence (report_id: the report)
    db.execute("""CREATE TABLE office_audit_replaced (
        report_id INTEGER REFERENCES audit_chain_reports(id),
        office_code TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        table_name TEXT NOT NULL,
        record_uuid TEXT,
        before TEXT,
        after TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX office_audit_replaced_office ON office_audit_replaced(office_code)")
    db.execute("CREATE INDEX audit_chain_reports_office ON audit_chain_reports(office_code, id)")
    db.execute("""CREATE TABLE audit_checkpoint (
        district_code TEXT PRIMARY KEY,
        row_id INTEGER NOT NULL,
        hash TEXT NOT NULL,
        received_at TEXT NOT NULL
    )""")
    db.execute("""CREATE TABLE audit_findings (
        district_code TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('tampering', 'restore')),
        batch_seq INTEGER NOT NULL,
        first_row INTEGER NOT NULL,
        last_row INTEGER NOT NULL,
        found_at TEXT NOT NULL,
        PRIMARY KEY (district_code, batch_seq, kind, first_row)
    )""")
