"""Schema version 13: indexes the profiles at district and region scale asked for.

A district looks a replica record up by uuid alone (whose is this application?), which the
(kind, uuid) primary key cannot serve; the households list counts applications per household;
the Households page finds households by a part of their address (trigram full-text, like persons);
short name prefixes walk the name indexes instead of the whole persons table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("CREATE INDEX replica_uuid ON replica(uuid)")
    db.execute("CREATE INDEX applications_household ON applications(household_id)")
    db.execute("CREATE INDEX persons_surname ON persons(surname, given_name)")
    db.execute("CREATE INDEX persons_given_name ON persons(given_name, surname)")
    db.execute("CREATE INDEX households_address ON households(address)")
    # written out rather than sqlite-utils' enable_fts, whose executescript would commit midway
    db.execute("CREATE VIRTUAL TABLE households_fts USING FTS5 (address, tokenize='trigram',"
               " content=[households])")
    db.execute("INSERT INTO households_fts (rowid, address) SELECT rowid, address FROM households")
    db.execute("""CREATE TRIGGER households_ai AFTER INSERT ON households BEGIN
        INSERT INTO households_fts (rowid, address) VALUES (new.rowid, new.address); END""")
    db.execute("""CREATE TRIGGER households_ad AFTER DELETE ON households BEGIN
        INSERT INTO households_fts (households_fts, rowid, address)
          VALUES ('delete', old.rowid, old.address); END""")
    db.execute("""CREATE TRIGGER households_au AFTER UPDATE ON households BEGIN
        INSERT INTO households_fts (households_fts, rowid, address)
          VALUES ('delete', old.rowid, old.address);
        INSERT INTO households_fts (rowid, address) VALUES (new.rowid, new.address); END""")
