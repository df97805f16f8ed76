"""The fast paths of issue 13 keep their behaviour: the indexes exist after migration and are the
ones the queries use; search finds the same people by the bounded ways; papers keep every row."""

from __future__ import annotations

from desktop_app.store import district
from desktop_app.store.db import open_db, transaction
from desktop_app.store.migrations import LATEST, STEPS, migrate


def _plan(db, sql: str, params) -> str:
    return " | ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())


def test_speed_indexes_exist_after_upgrading_an_older_file(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = open_db(path)
    # bring the file to the step before v008 with a household in it, then upgrade
    for version, step in enumerate(STEPS[:7], start=1):
        with transaction(db):
            step(db)
            db.execute(f"PRAGMA user_version = {version}")
    now = "2026-11-18T10:30:00"
    with transaction(db):
        db.execute("INSERT INTO offices (id, uuid, code, name_kk, name_ru, region)"
                   " VALUES (1, 'o-1', 'X', 'x', 'x', 'r')")
        db.execute("INSERT INTO households (uuid, office_id, address, created_at, updated_at)"
                   " VALUES ('h-1', 1, 'Абай көшесі, 12', ?, ?)", [now, now])
    migrate(db, path)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"replica_uuid", "applications_household", "persons_surname",
            "persons_given_name", "households_address"} <= names
    assert LATEST >= 8
    # a household that existed before the step is found by a part of its address
    found = db.execute("SELECT rowid FROM households_fts WHERE households_fts MATCH ?",
                       ['"абай"']).fetchall()
    assert found == [(1,)]
    # and one added afterwards, through the triggers
    with transaction(db):
        db.execute("INSERT INTO households (uuid, office_id, address, created_at, updated_at)"
                   " VALUES ('h-2', 1, 'Бұқар жырау, 3', ?, ?)", [now, now])
        db.execute("UPDATE households SET address = 'Абай көшесі, 14' WHERE id = 1")
    assert db.execute("SELECT rowid FROM households_fts WHERE households_fts MATCH ?",
                      ['"жырау"']).fetchall() == [(2,)]
    assert db.execute("SELECT rowid FROM households_fts WHERE households_fts MATCH ?",
                      ['"і, 14"']).fetchall() == [(1,)]
    assert "replica_uuid" in _plan(db, "SELECT office_code FROM replica INDEXED BY replica_uuid"
                                   " WHERE uuid = ?", ["u"])
    assert "applications_household" in _plan(
        db, "SELECT count(*) FROM applications WHERE household_id = ?", [1])
    db.close()


def test_owner_of_finds_the_office_by_uuid_alone(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = open_db(path)
    migrate(db, path)
    with transaction(db):
        for i in range(50):
            district.upsert(db, kind="person" if i % 2 else "application",
                            rec={"uuid": f"u-{i}"}, office_code=f"O{i % 3}", batch_seq=1,
                            now="2026-11-18T10:30:00")
    assert district.owner_of(db, "u-7") == "O1"
    assert district.owner_of(db, "u-9") == "O0"
    assert district.owner_of(db, "nobody") is None
    db.close()
