"""Schema version 9: IINs stored as their 12 digits. A person saved before with spaces in the IIN
("790303 300773", a no-break space) gets the bare digits, unless another person already holds
them: those stay as they are and are reported by `store.households.iin_duplicates` for merging.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _digits(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in _INVISIBLE)


def upgrade(db: sqlite_utils.Database) -> None:
    held = {r[0] for r in db.execute("SELECT iin FROM persons WHERE iin IS NOT NULL")}
    for pid, iin in db.execute("SELECT id, iin FROM persons WHERE iin IS NOT NULL ORDER BY id"
                               ).fetchall():
        bare = _digits(iin)
        if bare == iin:
            continue
        if not bare:
            db.execute("UPDATE persons SET iin = NULL WHERE id = ?", [pid])
        elif bare not in held:
            db.execute("UPDATE persons SET iin = ? WHERE id = ?", [bare, pid])
            held.add(bare)
