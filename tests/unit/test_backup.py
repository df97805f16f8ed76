"""Backups and restore: the daily backup with 7/4/12 rotation over 400 days of a fake clock,
restore refusing a damaged, newer or foreign file and keeping the current file aside, and a
damaged data file detected at start without writing to it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3

import pytest

from desktop_app.domain.errors import SchemaTooNew, StorageError
from desktop_app.services import backup as backups
from desktop_app.services.setup import open_context
from desktop_app.store import backup as store

from tests.conftest import fixed_clock


def test_keep_set_over_400_days():
    start = dt.date(2026, 1, 1)
    days = [start + dt.timedelta(days=i) for i in range(400)]
    keep = store.keep_set(days)
    today = days[-1]
    assert {today - dt.timedelta(days=i) for i in range(7)} <= keep      # 7 daily
    weeks = {d.isocalendar()[:2] for d in keep}
    assert len({today.isocalendar()[:2]} | weeks) >= 4                   # 4 weekly
    months = {(d.year, d.month) for d in keep}
    assert len(months) == 12                                             # 12 monthly
    assert len(keep) <= 7 + 4 + 12
    assert min(keep) >= today - dt.timedelta(days=366)


def test_daily_backup_and_rotation_with_a_fake_clock(ctx, monkeypatch):
    real_copy = store.copy_database

    def copy(source, target):  # the real copy for the first days, then a token file: speed
        if len(list(target.parent.glob("*.sqlite3"))) < 3:
            return real_copy(source, target)
        target.write_bytes(b"backup")
        return target

    monkeypatch.setattr(store, "copy_database", copy)
    shutil.rmtree(store.backups_dir(ctx.data_dir), ignore_errors=True)  # the one made at open
    day = dt.datetime(2026, 1, 1, 9, 0)
    for i in range(400):
        moment = day + dt.timedelta(days=i)
        c = dataclasses.replace(ctx, clock=lambda moment=moment: moment)
        assert backups.daily_backup(c) is not None
        if i == 0:
            assert backups.daily_backup(c) is None  # once a day
    kept = store.daily_backups(ctx.data_dir)
    assert 19 <= len(kept) <= 23
    newest = kept[0][0]
    assert newest == (day + dt.timedelta(days=399)).date()
    assert {d for d, _ in kept} == store.keep_set([d for d, _ in kept])
    assert not list(store.backups_dir(ctx.data_dir).glob("*.part"))


def test_backup_to_a_folder_and_restore_keeps_the_current_file_aside(ctx, tmp_path):
    usb = tmp_path / "usb"
    copy = backups.backup_now(ctx, usb)
    assert copy.parent == usb and store.check_candidate(copy).office_code == ctx.office.code
    assert ctx.db.execute("SELECT count(*) FROM audit_log WHERE action = 'backup.create'"
                          ).fetchone()[0] == 1
    ctx.db.execute("INSERT INTO settings (key, value) VALUES ('ui.language', '\"ru\"')")
    data_dir = ctx.data_dir
    result = backups.restore(ctx, copy)
    assert result.kept_aside is not None and result.kept_aside.exists()
    aside = sqlite3.connect(result.kept_aside)
    assert aside.execute("SELECT value FROM settings WHERE key='ui.language'").fetchone()
    aside.close()
    again = open_context(data_dir, clock=fixed_clock, demo=False)
    try:
        assert again.db.execute("SELECT value FROM settings WHERE key='ui.language'"
                                ).fetchone() is None
        last = again.db.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        assert last[0] == "backup.restore"
    finally:
        again.close()


def _damage(path, tmp_path):
    """Overwrite the middle third of a copy of the data file with garbage."""
    bad = tmp_path / "damaged.sqlite3"
    shutil.copy(path, bad)
    raw = bytearray(bad.read_bytes())
    third = len(raw) // 3
    raw[third:2 * third] = bytes((i * 7 + 13) % 256 for i in range(third))
    bad.write_bytes(bytes(raw))
    return bad


def test_restore_refuses_damaged_newer_and_foreign_files(ctx, tmp_path):
    good = backups.backup_now(ctx, tmp_path / "good")
    damaged = _damage(good, tmp_path)
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(good, newer)
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version = 99")
    con.close()
    foreign = tmp_path / "foreign.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.close()
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all " * 100)
    before = ctx.db_path.read_bytes()
    for candidate, code in ((damaged, "damaged"), (newer, "schema_too_new"),
                            (foreign, "foreign"), (text, "foreign")):
        with pytest.raises((StorageError, SchemaTooNew)) as err:
            backups.restore(ctx, candidate)
        assert err.value.code == code, candidate
    assert ctx.db_path.read_bytes() == before
    assert ctx.db.execute("SELECT count(*) FROM offices").fetchone()[0] == 1  # still open


def test_damaged_data_file_is_detected_at_start_and_not_written(ctx, tmp_path):
    folder = ctx.data_dir
    backups.daily_backup(ctx)  # conftest's copy may already hold today's
    ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    damaged = _damage(ctx.db_path, tmp_path)
    shutil.copy(damaged, ctx.db_path)
    before = ctx.db_path.read_bytes()
    with pytest.raises(StorageError) as err:
        open_context(folder, clock=fixed_clock, demo=False)
    assert err.value.code == "damaged"
    assert err.value.params["backup"].endswith(".sqlite3")
    assert ctx.db_path.read_bytes() == before
    result = backups.restore_damaged(folder, now=dt.datetime(2026, 11, 18, 11, 0))
    assert result.kept_aside and result.kept_aside.read_bytes() == before
    again = open_context(folder, clock=fixed_clock, demo=False)
    again.close()


def test_backup_to_a_full_disk_is_a_clear_error(ctx, tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "fsync_file", full)
    with pytest.raises(StorageError) as err:
        backups.backup_now(ctx, tmp_path / "usb")
    assert err.value.code == "disk_full"
    assert not list((tmp_path / "usb").glob("*"))
