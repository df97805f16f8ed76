"""Schema version 12: the number of the district's decision (the order the Department registers
it under), recorded with the decision, carried back to the office and printed as the basis of the
TSA-recipient certificate (001 para 1.3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE district_results ADD COLUMN decision_no TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE applications ADD COLUMN decision_no TEXT NOT NULL DEFAULT ''")
