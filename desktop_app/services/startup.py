"""Checks at start: the data file is not damaged (else offer the latest good backup and write
nothing), the audit chain is whole, the computer's clock is believable, and (from 1 December)
the parameter values that end on 31 December.

The GUI does not wait for the whole-file check and the daily backup (seconds on a large file): it
opens with `check_file_later`, which holds every write until `check_file` (run in the background
on a connection of its own) has passed, and refuses them all if it did not.

Imports context, domain.errors, store (audit, backup, db). The GUI shows `ctx.startup_warnings`.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from desktop_app.context import AppContext
from desktop_app.domain.errors import ClockError, StorageError
from desktop_app.i18n import N_
from desktop_app.store import audit
from desktop_app.store import backup as backup_store
from desktop_app.store.db import Database, WriteGate, hold_writes, transaction

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)

EARLIEST_BELIEVABLE = dt.datetime(2024, 1, 1)   # a clock before this lost its battery
BEHIND_TOLERANCE = dt.timedelta(days=1)
AHEAD_LIMIT = dt.timedelta(days=366)


def check_not_damaged(db: sqlite_utils.Database, data_dir: Path, db_path: Path) -> None:
    """PRAGMA quick_check before anything writes; a damaged file raises StorageError "damaged"
    whose `backup` param names the latest good daily backup ("" when there is none)."""
    try:
        result = str(db.execute("PRAGMA quick_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        result = str(exc)
    if result != "ok":
        raise damaged_error(data_dir, db_path, result)


def check_file_later(ctx: AppContext) -> WriteGate:
    """Hold every write to the open file until `check_and_release` has checked it (the GUI's
    start: the window does not wait for the file to be read through)."""
    return hold_writes(ctx.db)


@dataclass(frozen=True)
class FileCheck:
    """What the background check found: the file is damaged (writes refused), or it is whole
    and today's backup was made (or needed no making, or failed: a warning)."""

    damaged: StorageError | None = None
    backup: Path | None = None
    backup_error: StorageError | None = None
    audit_warning: Exception | None = None   # the audit chain is broken (checked when asked)


def check_file(data_dir: Path, db_path: Path, today: dt.date, *, backup: bool = True,
               cancel: object = None, audit_chain: bool = False,
               on_checked: Callable[[StorageError | None], None] | None = None) -> FileCheck:
    """PRAGMA quick_check on a read-only connection of its own (`on_checked` is told its outcome
    at once), then, for a whole file, the audit chain (`audit_chain`) and today's automatic
    backup from that connection (once a day, with rotation). Safe on a worker thread while the
    GUI reads the file; `cancel` (a CancelToken) stops the check when the app closes first."""
    from desktop_app.services.audit import chain_warning
    from desktop_app.store import backup as store

    conn = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True,
                           check_same_thread=False)
    try:
        if cancel is not None:
            conn.set_progress_handler(lambda: int(bool(getattr(cancel, "cancelled", False))),
                                      10_000)
        try:
            result = str(conn.execute("PRAGMA quick_check").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            if getattr(cancel, "cancelled", False):
                raise
            result = str(exc)
        if result != "ok":
            damaged = damaged_error(data_dir, db_path, result)
            if on_checked is not None:
                on_checked(damaged)
            return FileCheck(damaged=damaged)
        if on_checked is not None:
            on_checked(None)  # writes may go on while the chain is read and the copy made
        conn.set_progress_handler(None, 0)
        warning = chain_warning(audit.verify(
            cast("sqlite_utils.Database", Database(conn)))) if audit_chain else None
        if not backup:
            return FileCheck(audit_warning=warning)
        target = store.daily_path(data_dir, today)
        if target.exists():
            return FileCheck(audit_warning=warning)
        try:
            store.copy_database(conn, target)
            store.rotate(data_dir)
        except StorageError as exc:  # a full disk must not keep the office from working
            log.warning("daily backup failed: %s", exc)
            return FileCheck(backup_error=exc, audit_warning=warning)
        return FileCheck(backup=target, audit_warning=warning)
    finally:
        conn.close()


def check_and_release(ctx: AppContext, gate: WriteGate, *, cancel: object = None) -> FileCheck:
    """`check_file` for the open office, then open the gate (on the worker thread itself: a
    write on the main thread may be waiting for it): writes go on after a passed check and are
    refused with the reason otherwise, also when the check could not run at all."""
    try:
        return check_file(ctx.data_dir, ctx.db_path, ctx.now().date(), cancel=cancel,
                          audit_chain=True, on_checked=gate.release)
    except BaseException as exc:
        if gate.pending:
            gate.release(exc if isinstance(exc, StorageError)
                         else damaged_error(ctx.data_dir, ctx.db_path, str(exc)))
        raise
    finally:
        if gate.pending:  # never leave writes waiting
            gate.release(None)


def damaged_error(data_dir: Path, db_path: Path, detail: str) -> StorageError:
    good = backup_store.latest_good_backup(data_dir)
    if good is None:
        return StorageError(N_("The data file {path} is damaged ({detail}); nothing was written "
                               "to it, and no good backup was found."), code="damaged",
                            path=str(db_path), detail=detail[:200], backup="")
    return StorageError(N_("The data file {path} is damaged ({detail}); nothing was written to "
                           "it. The latest good backup is {backup}."), code="damaged",
                        path=str(db_path), detail=detail[:200], backup=str(good))


def newest_record(db: sqlite_utils.Database) -> dt.datetime | None:
    row = db.execute("SELECT max(at) FROM audit_log").fetchone()
    try:
        return dt.datetime.fromisoformat(row[0]) if row and row[0] else None
    except ValueError:
        return None


def check_clock(now: dt.datetime, newest: dt.datetime | None) -> ClockError | None:
    """A clock behind the newest saved record, or years ahead of it, is refused for writing."""
    fmt = "%Y-%m-%d %H:%M"
    if now < EARLIEST_BELIEVABLE or (newest and now < newest - BEHIND_TOLERANCE):
        return ClockError(N_("The computer's clock shows {now}, earlier than the newest saved "
                             "record ({newest}). Set the correct date and time and start again; "
                             "nothing is saved until then."), code="clock_behind",
                          now=now.strftime(fmt),
                          newest=newest.strftime(fmt) if newest else "—")
    if newest and now > newest + AHEAD_LIMIT:
        return ClockError(N_("The computer's clock shows {now}, more than a year after the newest "
                             "saved record ({newest}). Check the date and time; nothing is saved "
                             "until it is corrected or confirmed."), code="clock_ahead",
                          now=now.strftime(fmt), newest=newest.strftime(fmt))
    return None


def run_checks(ctx: AppContext, *, audit_chain: bool = True) -> None:
    """Fill `ctx.startup_warnings` (and `ctx.clock_problem`, which makes writes wait). The
    audit chain is read through here unless the background check does it (`audit_chain`)."""
    from desktop_app.services.audit import anchor_warnings, chain_warning

    warning = chain_warning(audit.verify(ctx.db)) if audit_chain else None
    if warning is not None:
        ctx.startup_warnings.append(warning)
    # the district's checkpoint and findings: rows deleted, rewritten or rolled back
    ctx.startup_warnings.extend(anchor_warnings(ctx))
    problem = check_clock(ctx.now(), newest_record(ctx.db))
    if problem is not None:
        ctx.clock_problem = problem
        ctx.startup_warnings.append(problem)
    from desktop_app.services.parameters import year_end_warning

    ending = year_end_warning(ctx)  # from 1 December (shown to the akim and the administrator)
    if ending is not None:
        ctx.startup_warnings.append(ending)


def confirm_clock(ctx: AppContext) -> None:
    """The person confirms a clock far ahead is right (the office was closed for a long time)."""
    problem = ctx.clock_problem
    if isinstance(problem, ClockError) and problem.code == "clock_ahead":
        ctx.clock_problem = None
        with transaction(ctx.db):
            audit.record(ctx.db, at=ctx.now_iso(), user=ctx.user.login or "system",
                         action="clock.confirm", table="settings", uuid=None,
                         after={"now": ctx.now_iso()})
