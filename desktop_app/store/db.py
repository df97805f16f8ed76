"""Open the office's SQLite file safely (pragmas, checks) and run one transaction per user action.

Imports domain.errors only. Every failure to open becomes a StorageError a person can read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import threading
import uuid as _uuid
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from desktop_app.domain.errors import StorageError
from desktop_app.i18n import N_

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_HEADER = b"SQLite format 3\x00"


def open_db(path: Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) the data file with WAL, foreign keys and synchronous=FULL."""
    path = Path(path)
    if path.exists():
        _check_is_database(path)
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise StorageError(N_("The data file {path} is read-only. Ask the administrator to "
                                  "give write access; nothing was changed."), code="read_only",
                               path=str(path))
    elif not create:
        raise StorageError(N_("The data file {path} does not exist."), code="missing",
                           path=str(path))
    elif not os.access(path.parent, os.W_OK):
        raise StorageError(N_("The folder {path} is read-only: the data file cannot be created."),
                           code="read_only", path=str(path.parent))
    _make_private(path)
    try:
        conn = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
        db = cast("sqlite_utils.Database", Database(conn))
        conn.execute("PRAGMA busy_timeout = 10000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(N_("The data file {path} cannot be opened for writing (journal "
                                  "mode {mode})."), code="journal", path=str(path), mode=mode)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        # 32 MiB of page cache (SQLite's default is 2 MiB): a district's replica or a region's
        # indexes stop being read from disk again on every batch as they grow; used as needed
        conn.execute("PRAGMA cache_size = -32768")
    except sqlite3.DatabaseError as exc:
        raise StorageError(N_("The file {path} is not an Akimat Desk data file or is damaged "
                              "({detail})."), code="not_a_database", path=str(path),
                           detail=str(exc)) from exc
    return db


class Database:
    """The office's connection as sqlite-utils' Database, which is made (and sqlite-utils, a fifth
    of the imports at start, loaded) when a table helper is first used: reading the file and
    writing it in SQL need only the connection.

    Before that `execute` is the connection's own, which on this connection (autocommit, no
    tracer) is what sqlite-utils' execute does. No sqlite-utils plugins: nothing installed beside
    the app may change how the office's file is opened, and looking for them reads every installed
    package's metadata."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._full: sqlite_utils.Database | None = None

    def full(self) -> sqlite_utils.Database:
        if self._full is None:
            import sqlite_utils

            self._full = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._full

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        if self._full is not None:
            return self._full.execute(sql, parameters)
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def close(self) -> None:
        self.conn.close()

    def __getitem__(self, table: str) -> Any:
        return self.full()[table]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_full":  # copy, pickle: not a table helper
            raise AttributeError(name)
        return getattr(self.full(), name)


def rows(db: sqlite_utils.Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """The rows of a query as dicts, in SQL alone (what start-up reads needs no table helper)."""
    cur = db.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def one(db: sqlite_utils.Database, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
    """The first row of a query as a dict, or None."""
    cur = db.execute(sql, list(params))
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row is not None else None


def has_table(db: sqlite_utils.Database, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                      [name]).fetchone() is not None


def update_row(db: sqlite_utils.Database, table: str, row_id: int, values: dict[str, Any]) -> None:
    """Set columns of the row with this id (column names are the code's own, never input)."""
    if not values:
        return
    if not all(name.isidentifier() for name in (table, *values)):
        raise ValueError(f"not a column of {table!r}: {sorted(values)}")
    if any(isinstance(v, (dict, list, tuple, set)) for v in values.values()):
        raise TypeError(f"{table}: a value to store is not a scalar")
    assignments = ", ".join(f"[{name}] = ?" for name in values)
    db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*values.values(), row_id])


def _make_private(path: Path) -> None:
    """The data file readable by the user only: created 0600 (SQLite gives its -wal and -shm the
    same mode), and an older file or its companions made so. On Windows the folder's ACL (the
    user's profile) is what keeps it private; chmod there only sets read-only, so it is skipped."""
    if os.name != "posix":
        return
    try:
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        for suffix in ("", "-wal", "-shm", "-journal"):
            other = path.with_name(path.name + suffix)
            if other.exists() and other.stat().st_mode & 0o077:
                os.chmod(other, 0o600)
    except OSError:   # not ours to change (a copy opened read-only): opening says what is wrong
        pass


def _check_is_database(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StorageError(N_("The data file {path} cannot be read ({detail})."), code="unreadable",
                           path=str(path), detail=exc.strerror or str(exc)) from exc
    if head and head != SQLITE_HEADER:
        raise StorageError(N_("The file {path} is not an Akimat Desk data file or is damaged "
                              "({detail})."), code="not_a_database", path=str(path),
                           detail="header")


class WriteGate:
    """Holds every write to one data file while the file is checked in the background (PRAGMA
    quick_check after start-up): a write waits until the check is done, and is refused with the
    check's error when the file is damaged, so a damaged file is never written to."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._problem: Exception | None = None

    def release(self, problem: Exception | None = None) -> None:
        """The check finished: let writes through, or refuse them all with `problem`."""
        self._problem = problem
        self._done.set()

    @property
    def pending(self) -> bool:
        return not self._done.is_set()

    @property
    def problem(self) -> Exception | None:
        return self._problem

    def wait(self) -> None:
        self._done.wait()
        if self._problem is not None:
            raise self._problem


_gates: weakref.WeakKeyDictionary[sqlite_utils.Database, WriteGate] = weakref.WeakKeyDictionary()


def hold_writes(db: sqlite_utils.Database) -> WriteGate:
    """Make writes to `db` wait for the gate returned (released by whoever checks the file)."""
    gate = WriteGate()
    _gates[db] = gate
    return gate


def writes_held(db: sqlite_utils.Database) -> bool:
    """True while the file's check runs and writes wait for it (or were refused by it)."""
    gate = _gates.get(db)
    return gate is not None and (gate.pending or gate.problem is not None)


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One user action = one transaction (BEGIN IMMEDIATE); nested calls become savepoints."""
    gate = _gates.get(db)
    if gate is not None:
        gate.wait()
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise _storage_error(exc) from exc
    try:
        yield db
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            raise _storage_error(exc) from exc
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _storage_error(exc) from exc


def _storage_error(exc: sqlite3.Error) -> StorageError:
    text = str(exc).lower()
    if "full" in text:
        return StorageError(N_("The disk is full: the change was not saved. Free some space and "
                               "try again; what was saved before is intact."), code="disk_full")
    if "locked" in text or "busy" in text:
        return StorageError(N_("The data file is in use by another copy of the application. Close "
                               "it and try again."), code="locked")
    if "readonly" in text or "read-only" in text:
        return StorageError(N_("The data file is read-only: the change was not saved."),
                            code="read_only", path="")
    return StorageError(N_("The change could not be saved ({detail}). What was saved before is "
                           "intact."), code="sqlite", detail=str(exc))


def new_uuid() -> str:
    return str(_uuid.uuid4())


def now_iso(clock: dt.datetime) -> str:
    return clock.isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def loads(text: str | None) -> Any:
    return json.loads(text) if text else None
