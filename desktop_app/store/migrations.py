"""Numbered, append-only schema migrations tracked in PRAGMA user_version.

Each step runs in one transaction after a backup copy of a non-empty file. A newer file is refused.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.errors import SchemaTooNew
from desktop_app.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

Step = Callable[["sqlite_utils.Database"], None]


def _steps() -> tuple[Step, ...]:
    """Every `store/schema/vNNN_*.py` module's `upgrade`, in number order; numbers must be 1..N."""
    from desktop_app.store import schema

    found = sorted((int(m.name[1:4]), m.name) for m in pkgutil.iter_modules(schema.__path__)
                   if re.fullmatch(r"v\d{3}_\w+", m.name))
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"schema steps must be numbered 1..N without gaps: {numbers}")
    return tuple(importlib.import_module(f"desktop_app.store.schema.{stem}").upgrade
                 for _, stem in found)


STEPS: tuple[Step, ...] = _steps()
LATEST = len(STEPS)


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database, path: Path | None = None) -> int:
    """Bring the file to LATEST; returns the version it was at. Refuses files from the future."""
    found = schema_version(db)
    if found > LATEST:
        raise SchemaTooNew(found=found, known=LATEST)
    if found == LATEST:
        return found
    if found > 0 and path is not None:
        _backup_before_migration(db, path, found)
    for version in range(found + 1, LATEST + 1):
        with transaction(db):
            STEPS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
    return found


def _backup_before_migration(db: sqlite_utils.Database, path: Path, version: int) -> None:
    target = path.with_name(f"{path.stem}.before-v{version + 1}{path.suffix}")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    shutil.copymode(path, target)
