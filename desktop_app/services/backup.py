"""Backups and restore as use cases: the automatic daily backup with rotation, a backup on demand
(e.g. to a USB stick), restore of a checked file with the current one kept aside, and the restore
offered when the data file is found damaged at start.

Imports context, services.guard, store (backup, db, lock, migrations, audit). Audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop_app.context import AppContext, system_clock
from desktop_app.domain.errors import StorageError
from desktop_app.domain.roles import Action
from desktop_app.i18n import N_
from desktop_app.paths import DB_FILE_NAME
from desktop_app.services.guard import require
from desktop_app.store import audit, audit_anchor, sync_log
from desktop_app.store import backup as store
from desktop_app.store.db import open_db, transaction
from desktop_app.store.lock import InstanceLock
from desktop_app.store.migrations import migrate


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    kept_aside: Path | None
    office_code: str
    applications: int


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S")


def daily_backup(ctx: AppContext) -> Path | None:
    """Today's automatic backup, once a day, then rotation (7 daily, 4 weekly, 12 monthly).

    Not a person's action: no role check and no audit row (the file itself is the record).
    """
    target = store.daily_path(ctx.data_dir, ctx.now().date())
    if target.exists():
        return None
    store.copy_database(ctx.db.conn, target)
    store.rotate(ctx.data_dir)
    return target


def backup_now(ctx: AppContext, to: Path | str | None = None) -> Path:
    """A backup on demand: into `to` (a USB stick's folder) or the backups folder."""
    require(ctx, Action.BACKUP)
    moment = ctx.now()
    folder = Path(to) if to else store.backups_dir(ctx.data_dir)
    target = folder / f"akimat-{ctx.office.code}-{_stamp(moment)}.sqlite3"
    store.copy_database(ctx.db.conn, target)
    with transaction(ctx.db):
        audit.record(ctx.db, at=ctx.now_iso(), user=ctx.user.login, action="backup.create",
                     table="database", uuid=None, after={"file": str(target)})
    return target


def restore(ctx: AppContext, candidate: Path | str) -> RestoreResult:
    """Replace the data file by `candidate` after checking it. The context is CLOSED afterwards
    (its file was replaced): open a new one with `setup.open_context`."""
    require(ctx, Action.RESTORE)
    info = store.check_candidate(Path(candidate))
    moment = ctx.now()
    ctx.db.close()
    try:
        aside = store.restore_file(ctx.db_path, Path(candidate), stamp=_stamp(moment))
        _record_restore(ctx.db_path, moment, ctx.user.login, Path(candidate), aside)
    finally:
        if ctx.instance_lock is not None:
            ctx.instance_lock.release()
    return RestoreResult(Path(candidate), aside, info.office_code, info.applications)


def restore_damaged(data_dir: Path | str, candidate: Path | str | None = None, *,
                    now: dt.datetime | None = None) -> RestoreResult:
    """The data file failed its check at start: put back `candidate` (default: the latest good
    daily backup). Nobody can sign in to a damaged file, so this needs no role; it is audited."""
    data_dir = Path(data_dir)
    moment = now or system_clock()
    chosen = Path(candidate) if candidate else store.latest_good_backup(data_dir)
    if chosen is None:
        raise StorageError(N_("No good backup was found in {path}."), code="no_backup",
                           path=str(store.backups_dir(data_dir)))
    info = store.check_candidate(chosen)
    with InstanceLock(data_dir):
        db_path = data_dir / DB_FILE_NAME
        aside = store.restore_file(db_path, chosen, stamp=_stamp(moment))
        _record_restore(db_path, moment, "system", chosen, aside)
    return RestoreResult(chosen, aside, info.office_code, info.applications)


def _record_restore(db_path: Path, moment: dt.datetime, user: str, source: Path,
                    aside: Path | None) -> None:
    replaced = audit_anchor.last_id_of_file(aside) if aside is not None else None
    db = open_db(db_path)
    try:
        migrate(db, db_path)
        with transaction(db):
            if aside is not None:
                sync_log.keep_numbers_of(db, aside)
            copy_of = (audit_anchor.newest_at(db) or "")[:10]
            first = audit_anchor.last_id(db) + 1    # this restore row takes that number
            unread = aside is not None and replaced is None
            gone = ([first, replaced] if replaced and replaced >= first
                    else [first, None] if unread else None)
            audit.record(db, at=moment.isoformat(timespec="seconds"), user=user,
                         action=audit_anchor.RESTORE, table="database", uuid=None,
                         after={"from": str(source), "kept_aside": str(aside) if aside else None,
                                "copy_of": copy_of, "rows_gone": gone})
    finally:
        db.close()


def latest_good_backup(data_dir: Path | str) -> Path | None:
    return store.latest_good_backup(Path(data_dir))
