"""One running copy per data folder: a second open (in this process or another) is refused with a
clear message and changes nothing; the lock goes with the process, even a killed one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.domain.errors import StorageError
from desktop_app.services.setup import open_context
from desktop_app.store.lock import InstanceLock

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys, time
from desktop_app.services.setup import open_context
ctx = open_context(sys.argv[1], demo=False)
print("open", flush=True)
time.sleep(60)
"""


def test_second_open_in_the_same_process_is_refused(tmp_path):
    first = open_context(tmp_path, demo=False)
    try:
        with pytest.raises(StorageError) as err:
            open_context(tmp_path, demo=False)
        assert err.value.code == "in_use"
        assert str(os.getpid()) in str(err.value)
    finally:
        first.close()
    open_context(tmp_path, demo=False).close()  # released on close


def test_another_process_holds_the_folder_until_it_is_killed(tmp_path):
    open_context(tmp_path, demo=False).close()
    db_before = (tmp_path / "akimat.sqlite3").stat().st_mtime_ns
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(StorageError) as err:
            open_context(tmp_path, demo=False)
        assert err.value.code == "in_use" and str(child.pid) in str(err.value)
        cli = subprocess.run([sys.executable, "-m", "desktop_app", "backup", "--data-dir",
                              str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert cli.returncode == 1 and len(cli.stderr.strip().splitlines()) == 1
        assert (tmp_path / "akimat.sqlite3").stat().st_mtime_ns == db_before
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            with InstanceLock(tmp_path):
                break
        except StorageError:
            assert time.monotonic() < deadline
            time.sleep(0.05)


def test_data_folder_is_private(tmp_path):
    folder = tmp_path / "new-office"
    open_context(folder, demo=False).close()
    assert (folder.stat().st_mode & 0o777) == 0o700
    assert ((folder / "backups").stat().st_mode & 0o777) == 0o700 if (folder / "backups").exists() \
        else True
