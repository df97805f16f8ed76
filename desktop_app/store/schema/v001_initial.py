"""Schema version 1: offices, users, households, persons, incomes, applications, checklist,
events, papers, the audit log and settings; FTS5 over persons."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""")
    db.execute("""
    CREATE TABLE offices (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL UNIQUE,
        name_kk TEXT NOT NULL, name_ru TEXT NOT NULL,
        region TEXT NOT NULL,
        district_kk TEXT NOT NULL DEFAULT '', district_ru TEXT NOT NULL DEFAULT '',
        address_kk TEXT NOT NULL DEFAULT '', address_ru TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        akim_name TEXT NOT NULL DEFAULT '',
        akim_position_kk TEXT NOT NULL DEFAULT '', akim_position_ru TEXT NOT NULL DEFAULT '',
        department_kk TEXT NOT NULL DEFAULT '', department_ru TEXT NOT NULL DEFAULT '',
        calendar TEXT NOT NULL DEFAULT ''
    )""")
    db.execute("""
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        login TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL,
        position_kk TEXT NOT NULL DEFAULT '', position_ru TEXT NOT NULL DEFAULT '',
        roles TEXT NOT NULL DEFAULT '',
        password_hash TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    )""")
    db.execute("""
    CREATE TABLE households (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        office_id INTEGER NOT NULL REFERENCES offices(id),
        address TEXT NOT NULL,
        book_ref TEXT NOT NULL DEFAULT '',
        has_farm INTEGER NOT NULL DEFAULT 0,
        farm_notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""")
    db.execute("""
    CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        iin TEXT UNIQUE,
        surname TEXT NOT NULL,
        given_name TEXT NOT NULL,
        patronymic TEXT NOT NULL DEFAULT '',
        birth_date TEXT,
        sex TEXT CHECK (sex IN ('M', 'F')),
        address TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        citizenship TEXT NOT NULL DEFAULT 'citizen',
        rnn TEXT NOT NULL DEFAULT '',
        sik TEXT NOT NULL DEFAULT '',
        household_id INTEGER REFERENCES households(id),
        relation TEXT NOT NULL DEFAULT 'applicant',
        statuses TEXT NOT NULL DEFAULT '',
        disability_group INTEGER CHECK (disability_group IN (1, 2, 3)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX persons_household ON persons(household_id)")
    db.execute("""
    CREATE TABLE person_incomes (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        month TEXT NOT NULL,
        amount TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        CHECK (CAST(amount AS REAL) >= 0)
    )""")
    db.execute("CREATE INDEX person_incomes_person ON person_incomes(person_id, month)")
    db.execute("""
    CREATE TABLE reg_counters (
        office_id INTEGER NOT NULL REFERENCES offices(id),
        year INTEGER NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (office_id, year)
    )""")
    db.execute("""
    CREATE TABLE applications (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        reg_no TEXT NOT NULL UNIQUE,
        office_id INTEGER NOT NULL REFERENCES offices(id),
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        service_id TEXT NOT NULL,
        service_version TEXT NOT NULL,
        applicant_id INTEGER NOT NULL REFERENCES persons(id),
        household_id INTEGER REFERENCES households(id),
        status TEXT NOT NULL,
        route TEXT NOT NULL DEFAULT 'akim',
        accepted_at TEXT NOT NULL,
        decision_due TEXT,
        forward_by TEXT,
        result_by TEXT,
        inspection_date TEXT,
        incomplete_reason TEXT NOT NULL DEFAULT '',
        receiver_name TEXT NOT NULL DEFAULT '',
        receiver_position TEXT NOT NULL DEFAULT '',
        answers TEXT NOT NULL DEFAULT '{}',
        precheck TEXT,
        deadline_flags TEXT NOT NULL DEFAULT '',
        decision TEXT CHECK (decision IN ('assigned', 'refused')),
        decision_date TEXT,
        decision_amount TEXT,
        period_from TEXT,
        period_to TEXT,
        refusal_codes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (office_id, year, seq)
    )""")
    db.execute("CREATE INDEX applications_status ON applications(status, decision_due)")
    db.execute("CREATE INDEX applications_applicant ON applications(applicant_id)")
    db.execute("""
    CREATE TABLE application_documents (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        presented TEXT NOT NULL,
        required INTEGER NOT NULL,
        pages INTEGER,
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (application_id, document_id)
    )""")
    db.execute("""
    CREATE TABLE application_events (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        status_from TEXT,
        status_to TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""")
    db.execute("""
    CREATE TABLE papers (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        reg_no TEXT NOT NULL,
        application_id INTEGER REFERENCES applications(id),
        person_id INTEGER REFERENCES persons(id),
        language TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        issued_by TEXT NOT NULL,
        facts TEXT NOT NULL DEFAULT '{}'
    )""")
    db.execute("""
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
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
    db.execute("""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
    db.execute("""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
    # Full-text search over persons: trigram finds any 3+ letter part of a name, IIN or address,
    # with Kazakh letters case-folded. Kept in sync by sqlite-utils' triggers.
    db["persons"].enable_fts(["surname", "given_name", "patronymic", "iin", "address"],
                             tokenize="trigram", create_triggers=True)
