"""Backups of the data file: copies through SQLite's backup API (consistent while the app runs),
checks of a candidate file before a restore, the daily rotation (7 daily, 4 weekly, 12 monthly)
and the restore that keeps the current file aside.

Imports store.db, store.migrations, domain.errors and paths. Nothing here asks who the user is:
services/backup.py checks the role and writes the audit row.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import SchemaTooNew, StorageError
from desktop_app.i18n import N_
from desktop_app.oscompat import IS_WINDOWS, fsync_file, sqlite_uri
from desktop_app.paths import ensure_private_dir
from desktop_app.store.db import SQLITE_HEADER
from desktop_app.store.migrations import LATEST
from desktop_app.store.schema.v002_trust import APPLICATION_ID

BACKUPS_DIR = "backups"
DAILY = re.compile(r"akimat-(\d{4}-\d{2}-\d{2})\.sqlite3")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_OUR_TABLES = {"offices", "users", "applications", "audit_log", "settings"}


@dataclass(frozen=True)
class CandidateInfo:
    path: Path
    schema: int
    office_code: str
    applications: int


def _failure(exc: BaseException, path: Path) -> StorageError:
    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) == 28:
        return StorageError(N_("The disk is full: the backup to {path} was not written. Free some "
                               "space and try again; the data file is unchanged."),
                            code="disk_full", path=str(path))
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return StorageError(N_("The folder {path} is read-only: the backup was not written."),
                            code="read_only", path=str(path))
    return StorageError(N_("The backup to {path} failed ({detail}); the data file is unchanged."),
                        code="backup_failed", path=str(path), detail=str(exc))


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent, single-file copy of `source` to `target` (atomically replaced)."""
    target = Path(target)
    part = target.with_name(target.name + ".part")
    try:
        if not target.parent.exists():    # a folder we create is private; one chosen (a USB
            ensure_private_dir(target.parent)   # stick's mount point) keeps its own permissions
        if part.exists():
            part.unlink()
        dest = sqlite3.connect(str(part))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one portable file, no -wal beside it
            result = dest.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dest.close()
        if result != "ok":
            raise sqlite3.DatabaseError(f"copy failed its check: {result}")
        if not IS_WINDOWS:  # on Windows the data folder's ACL keeps it private
            os.chmod(part, 0o600)
        fsync_file(part)  # opened for writing: Windows refuses to flush a read-only handle
        os.replace(part, target)
    except (sqlite3.Error, OSError) as exc:
        try:
            part.unlink(missing_ok=True)
        except OSError:
            pass
        raise _failure(exc, target.parent) from exc
    return target


def _open_candidate(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(sqlite_uri(path.resolve(), immutable=1), uri=True)


def integrity(path: Path, *, quick: bool = False) -> str:
    """"ok", or the first problem SQLite reports (or the error it raised reading the file)."""
    try:
        conn = _open_candidate(Path(path))
        try:
            pragma = "quick_check" if quick else "integrity_check"
            return str(conn.execute(f"PRAGMA {pragma}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)


def check_candidate(path: Path) -> CandidateInfo:
    """Refuse a file that is not ours, is damaged, or comes from a newer version."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StorageError(N_("The file {path} cannot be read ({detail})."), code="unreadable",
                           path=str(path), detail=exc.strerror or str(exc)) from exc
    if head != SQLITE_HEADER:
        raise StorageError(N_("The file {path} is not an Akimat Desk data file."),
                           code="foreign", path=str(path))
    result = integrity(path)
    if result != "ok":
        raise StorageError(N_("The file {path} is damaged ({detail}); it was not restored."),
                           code="damaged", path=str(path), detail=result[:200])
    conn = _open_candidate(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id not in (0, APPLICATION_ID) or not _OUR_TABLES <= tables or version < 1:
            raise StorageError(N_("The file {path} is not an Akimat Desk data file."),
                               code="foreign", path=str(path))
        if version > LATEST:
            raise SchemaTooNew(found=version, known=LATEST)
        office = conn.execute("SELECT code FROM offices ORDER BY id LIMIT 1").fetchone()
        apps = conn.execute("SELECT count(*) FROM applications").fetchone()[0]
    except sqlite3.Error as exc:
        raise StorageError(N_("The file {path} is damaged ({detail}); it was not restored."),
                           code="damaged", path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()
    return CandidateInfo(path, version, office[0] if office else "", apps)


# the automatic daily backups ------------------------------------------------------------------

def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR


def daily_path(data_dir: Path, day: dt.date) -> Path:
    return backups_dir(data_dir) / f"akimat-{day.isoformat()}.sqlite3"


def daily_backups(data_dir: Path) -> list[tuple[dt.date, Path]]:
    """The automatic backups, newest first."""
    folder = backups_dir(data_dir)
    out = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = DAILY.fullmatch(p.name)
            if m:
                try:
                    out.append((dt.date.fromisoformat(m.group(1)), p))
                except ValueError:
                    continue
    return sorted(out, reverse=True)


def keep_set(days: list[dt.date], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
             monthly: int = KEEP_MONTHLY) -> set[dt.date]:
    """Which backups rotation keeps: the newest in each of the last `daily` days, `weekly` ISO
    weeks and `monthly` months that have a backup (each rule on its own; the union is kept)."""
    ordered = sorted(set(days), reverse=True)
    keep: set[dt.date] = set()
    for count, key in ((daily, lambda d: d), (weekly, lambda d: d.isocalendar()[:2]),
                       (monthly, lambda d: (d.year, d.month))):
        seen: set[object] = set()
        for day in ordered:
            k = key(day)
            if k in seen:
                continue
            if len(seen) == count:
                break
            seen.add(k)
            keep.add(day)
    return keep


def rotate(data_dir: Path) -> list[Path]:
    """Delete the automatic backups rotation does not keep; returns what was deleted."""
    found = daily_backups(data_dir)
    keep = keep_set([d for d, _ in found])
    removed = []
    for day, path in found:
        if day not in keep:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass  # a backup we cannot delete is not worth stopping the office for
    return removed


def latest_good_backup(data_dir: Path) -> Path | None:
    """The newest automatic backup that passes integrity_check, for a damaged data file."""
    for _day, path in daily_backups(data_dir):
        if integrity(path) == "ok":
            return path
    return None


# restore --------------------------------------------------------------------------------------

def _move(src: Path, dst: Path) -> None:
    if src.exists():
        os.replace(src, dst)


def restore_file(db_path: Path, candidate: Path, *, stamp: str) -> Path | None:
    """Replace the data file by a checked copy of `candidate`; the current file (with its -wal)
    is kept aside as `akimat.before-restore-<stamp>.sqlite3`. The caller holds the instance lock
    and has closed its own connection. Returns the aside path (None if there was no file)."""
    db_path = Path(db_path)
    check_candidate(candidate)
    aside = None
    if db_path.exists():
        try:  # fold a healthy file's WAL into it first; a damaged file is moved as it is
            conn = sqlite3.connect(str(db_path))
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        except sqlite3.Error:
            pass
        aside = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}{db_path.suffix}")
        for suffix in ("", "-wal", "-shm"):
            _move(Path(str(db_path) + suffix), Path(str(aside) + suffix))
    source = _open_candidate(Path(candidate))
    try:
        copy_database(source, db_path)
    except StorageError:
        if aside is not None:  # put the current file back: nothing is lost on a failed restore
            for suffix in ("", "-wal", "-shm"):
                _move(Path(str(aside) + suffix), Path(str(db_path) + suffix))
        raise
    finally:
        source.close()
    return aside
