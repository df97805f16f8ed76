"""Checks at start: the data file is not damaged (else offer the latest good backup and write
nothing), the audit chain is whole, the computer's clock is believable, and (from 1 December)
the parameter values that end on 31 December.

Imports context, domain.errors, store (audit, backup). The GUI shows `ctx.startup_warnings`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import sqlite_utils

from desktop_app.context import AppContext
from desktop_app.domain.errors import ClockError, StorageError
from desktop_app.i18n import N_
from desktop_app.store import audit
from desktop_app.store import backup as backup_store
from desktop_app.store.db import transaction

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


def run_checks(ctx: AppContext) -> None:
    """Fill `ctx.startup_warnings` (and `ctx.clock_problem`, which makes writes wait)."""
    from desktop_app.services.audit import chain_warning

    warning = chain_warning(audit.verify(ctx.db))
    if warning is not None:
        ctx.startup_warnings.append(warning)
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
