"""Schema version 3: the USB round trip. Peer offices and their keys, the batch log, a change log
filled by triggers, hand-overs, and the district's side (replica of offices' records, results,
referrals).

Why triggers: every writer of an office-owned table is covered in the same transaction, including
writers not yet written; applying the other side's fields runs "untracked" (a row in
`sync_applying` inside the import transaction) so it is never echoed back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

# office-owned tables that carry their own uuid: table -> record kind in a batch
_OWNED = {"households": "household", "persons": "person", "applications": "application",
          "papers": "paper", "handovers": "handover"}
# child rows travel inside their parent's record: table -> (kind, SQL giving the parent's uuid)
_CHILDREN = {
    "person_incomes": ("person", "SELECT uuid FROM persons WHERE id = {row}.person_id"),
    "application_documents": ("application",
                              "SELECT uuid FROM applications WHERE id = {row}.application_id"),
}
# district-owned tables: their change rows name the office they go back to
_DISTRICT = {"district_results": ("result", "application_uuid"), "referrals": ("referral", "uuid")}
_UNTRACKED = "NOT EXISTS (SELECT 1 FROM sync_applying)"


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""
    CREATE TABLE sync_peers (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        uuid TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('village', 'district')),
        name_kk TEXT NOT NULL DEFAULT '', name_ru TEXT NOT NULL DEFAULT '',
        public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        trusted_at TEXT NOT NULL,
        trusted_by TEXT NOT NULL DEFAULT '',
        last_seq_in INTEGER NOT NULL DEFAULT 0,   -- the peer's last batch applied here
        covered_in INTEGER NOT NULL DEFAULT 0,    -- the peer's change-log id we hold (acknowledged)
        last_in_at TEXT,
        last_seq_out INTEGER NOT NULL DEFAULT 0,  -- our last batch written for the peer
        acked_seq INTEGER NOT NULL DEFAULT 0,     -- our last batch the peer acknowledged
        acked_upto INTEGER NOT NULL DEFAULT 0     -- our change-log id the peer holds
    )""")
    db.execute("""
    CREATE TABLE sync_batches (
        id INTEGER PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
        peer_code TEXT NOT NULL,
        seq INTEGER NOT NULL,
        base_seq INTEGER NOT NULL,
        covers INTEGER NOT NULL,
        urgent INTEGER NOT NULL DEFAULT 0,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        processed_at TEXT NOT NULL,
        processed_by TEXT NOT NULL DEFAULT '',
        counts TEXT NOT NULL DEFAULT '{}',
        gap TEXT NOT NULL DEFAULT '',
        acked_at TEXT,
        UNIQUE (direction, peer_code, seq)
    )""")
    db.execute("""
    CREATE TABLE change_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        uuid TEXT NOT NULL,
        office_code TEXT
    )""")
    db.execute("CREATE INDEX change_log_office ON change_log(office_code, id)")
    db.execute("CREATE TABLE sync_applying (flag INTEGER PRIMARY KEY)")
    db.execute("""
    CREATE TABLE handovers (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        application_id INTEGER NOT NULL REFERENCES applications(id),
        kind TEXT NOT NULL CHECK (kind IN ('result', 'documents')),
        handed_on TEXT NOT NULL,
        to_whom TEXT NOT NULL,
        signature_taken INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX handovers_application ON handovers(application_id, kind)")
    db.execute("""
    CREATE TABLE referrals (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        application_uuid TEXT NOT NULL,
        office_code TEXT NOT NULL,
        kind TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        valid_until TEXT,
        issued_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX referrals_application ON referrals(application_uuid)")
    db.execute("""
    CREATE TABLE district_results (
        application_uuid TEXT PRIMARY KEY,
        office_code TEXT NOT NULL,
        decision TEXT CHECK (decision IN ('assigned', 'refused')),
        decision_date TEXT,
        amount TEXT,
        period_from TEXT,
        period_to TEXT,
        refusal_codes TEXT NOT NULL DEFAULT '',
        inspection_date TEXT,
        decided_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    )""")
    db.execute("""
    CREATE TABLE replica (
        kind TEXT NOT NULL,
        uuid TEXT NOT NULL,
        office_code TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        batch_seq INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (kind, uuid)
    )""")
    db.execute("CREATE INDEX replica_office ON replica(office_code, kind)")
    _triggers(db)


def _triggers(db: sqlite_utils.Database) -> None:
    for table, kind in _OWNED.items():
        for event in ("INSERT", "UPDATE"):
            db.execute(f"""CREATE TRIGGER {table}_{event.lower()}_log AFTER {event} ON {table}
                WHEN {_UNTRACKED}
                BEGIN INSERT INTO change_log (kind, uuid) VALUES ('{kind}', NEW.uuid); END""")
    for table, (kind, parent) in _CHILDREN.items():
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            db.execute(f"""CREATE TRIGGER {table}_{event.lower()}_log AFTER {event} ON {table}
                WHEN {_UNTRACKED}
                BEGIN INSERT INTO change_log (kind, uuid)
                  SELECT '{kind}', ({parent.format(row=row)})
                  WHERE ({parent.format(row=row)}) IS NOT NULL; END""")
    for table, (kind, key) in _DISTRICT.items():
        for event in ("INSERT", "UPDATE"):
            db.execute(f"""CREATE TRIGGER {table}_{event.lower()}_log AFTER {event} ON {table}
                WHEN {_UNTRACKED}
                BEGIN INSERT INTO change_log (kind, uuid, office_code)
                  VALUES ('{kind}', NEW.{key}, NEW.office_code); END""")
