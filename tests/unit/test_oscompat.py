"""The Windows branches run here too: fsync through a handle that Windows' _commit accepts, the
private folder's ACL command, SQLite URIs of drive and network paths, the instance lock on a
byte range past the pid, and console streams that are missing or lack the Kazakh letters."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from desktop_app import oscompat
from desktop_app.domain.errors import StorageError
from desktop_app.store import backup, lock


def test_fsync_flags_open_for_writing_on_windows():
    flags = oscompat.fsync_open_flags(windows=True)
    assert flags & (os.O_RDWR | os.O_WRONLY)   # _commit fails with EBADF on a read-only handle
    assert oscompat.fsync_open_flags(windows=False) == os.O_RDONLY


@pytest.mark.parametrize("windows", [True, False])
def test_fsync_file_both_branches(tmp_path, windows):
    f = tmp_path / "a.bin"
    f.write_bytes(b"x" * 100)
    oscompat.fsync_file(f, windows=windows)
    assert f.read_bytes() == b"x" * 100
    oscompat.fsync_dir(tmp_path, windows=windows)


def test_backup_flushes_through_the_shared_helper(tmp_path):
    """store/backup.py no longer opens the copy read-only to flush it."""
    src = backup.__file__
    text = Path(src).read_text(encoding="utf-8")
    assert "O_RDONLY" not in text and "fsync_file(part)" in text
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    target = backup.copy_database(conn, tmp_path / "copy" / "c.sqlite3")
    assert sqlite3.connect(target).execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_private_acl_command_uses_sids_not_translated_group_names():
    cmd = oscompat.private_acl_command(PureWindowsPath(r"C:\AkimatData"), r"AKIMAT\aliya")
    assert cmd[:4] == ["icacls", r"C:\AkimatData", "/inheritance:r", "/grant:r"]
    assert r"AKIMAT\aliya:(OI)(CI)F" in cmd
    assert "*S-1-5-18:(OI)(CI)F" in cmd and "*S-1-5-32-544:(OI)(CI)F" in cmd
    assert not any("Administrators" in c for c in cmd)


def test_current_windows_account():
    assert oscompat.current_windows_account({"USERNAME": "aliya", "USERDOMAIN": "AUL"}) \
        == "AUL\\aliya"
    assert oscompat.current_windows_account({"USERNAME": "aliya"}) == "aliya"


def test_make_private_dir_windows_runs_icacls_on_a_new_folder_only(tmp_path, monkeypatch):
    monkeypatch.setenv("USERNAME", "aliya")
    monkeypatch.setenv("USERDOMAIN", "AUL")
    calls = []

    def run(cmd, **kwargs):
        calls.append((cmd, kwargs))
        return type("Done", (), {"returncode": 0})()

    folder = tmp_path / "new" / "AkimatDesk"
    assert oscompat.make_private_dir(folder, windows=True, run=run) == folder
    assert folder.is_dir()
    assert len(calls) == 1 and calls[0][0][1] == str(folder)
    assert calls[0][1]["creationflags"] == oscompat.CREATE_NO_WINDOW  # no console flashes
    oscompat.make_private_dir(folder, windows=True, run=run)      # exists: its ACL is kept
    assert len(calls) == 1


def test_make_private_dir_windows_without_icacls_still_makes_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("USERNAME", "aliya")

    def run(cmd, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "icacls")

    folder = tmp_path / "d"
    oscompat.make_private_dir(folder, windows=True, run=run)
    assert folder.is_dir()


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_make_private_dir_posix_mode(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir(mode=0o755)
    oscompat.make_private_dir(folder, windows=False)
    assert folder.stat().st_mode & 0o777 == 0o700


def test_sqlite_uri_of_windows_paths():
    assert oscompat.sqlite_uri(PureWindowsPath(r"C:\Users\Әлия\a b#1.sqlite3"), immutable=1) \
        == "file:///C:/Users/%D3%98%D0%BB%D0%B8%D1%8F/a%20b%231.sqlite3?immutable=1"
    # a network share: the authority stays empty (SQLite refuses `file://server/...`)
    assert oscompat.sqlite_uri(PureWindowsPath(r"\\server\share\akimat.sqlite3"), mode="ro") \
        == "file:////server/share/akimat.sqlite3?mode=ro"
    assert oscompat.sqlite_uri(PurePosixPath("/home/a/x?.sqlite3")) \
        == "file:///home/a/x%3F.sqlite3"


def test_sqlite_uri_opens_an_odd_path(tmp_path):
    path = tmp_path / "Ауыл #1 ?" / "akimat.sqlite3"
    path.parent.mkdir()
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    conn = sqlite3.connect(oscompat.sqlite_uri(path, immutable=1), uri=True)
    assert conn.execute("SELECT name FROM sqlite_master").fetchone() == ("t",)


class FakeMsvcrt:
    """msvcrt.locking's contract: lock `n` bytes from the current position, fail at once when
    another handle holds them; a locked byte cannot be read through another handle."""

    LK_NBLCK, LK_UNLCK = 2, 0
    held: dict[tuple[int, int], int] = {}

    def locking(self, fd, mode, n):
        key = (os.fstat(fd).st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        if mode == self.LK_UNLCK:
            del self.held[key]
        elif key in self.held:
            raise PermissionError(errno.EACCES, "Permission denied")
        else:
            self.held[key] = fd


def test_windows_lock_keeps_the_pid_readable(tmp_path, monkeypatch):
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)  # what `import msvcrt` finds on Windows
    first = lock.InstanceLock(tmp_path, windows=True).acquire()
    (ino,) = {k[0] for k in fake.held}
    assert list(fake.held) == [(ino, lock.WINDOWS_LOCK_OFFSET)]  # not byte 0, where the pid is
    with pytest.raises(StorageError) as err:
        lock.InstanceLock(tmp_path, windows=True).acquire()
    assert err.value.code == "in_use"
    assert str(os.getpid()) in err.value.message()
    assert (tmp_path / lock.LOCK_FILE_NAME).read_bytes() == str(os.getpid()).encode()
    first.release()
    assert not fake.held
    lock.InstanceLock(tmp_path, windows=True).acquire().release()


def test_missing_console_streams_are_replaced():
    class Sys:
        stdout = None
        stderr = None

    oscompat.fix_console_streams(Sys)
    print("қазақ", file=Sys.stdout)
    print("қазақ", file=Sys.stderr)


def test_a_code_page_without_kazakh_letters_does_not_crash():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1251")
    fixed = oscompat.usable_stream(stream)
    print("Өтініш қабылданды", file=fixed)
    fixed.flush()
    assert raw.getvalue().decode("cp1251").strip() == "?тініш ?абылданды"
