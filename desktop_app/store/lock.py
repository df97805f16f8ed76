"""One running copy per data folder: an OS lock on `<data dir>/akimat.lock` (flock on POSIX,
msvcrt on Windows), released by the OS when the process ends, even when it is killed.

Imports domain.errors and oscompat only. The file holds the holder's process id, for the
message only.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import StorageError
from desktop_app.i18n import N_
from desktop_app.oscompat import IS_WINDOWS

LOCK_FILE_NAME = "akimat.lock"
WINDOWS_LOCK_OFFSET = 1 << 20  # past the pid written at the start of the file


class InstanceLock:
    """Held from `acquire()` until `release()` (or process exit)."""

    def __init__(self, folder: Path, *, windows: bool = IS_WINDOWS) -> None:
        self.path = Path(folder) / LOCK_FILE_NAME
        self._fd: int | None = None
        self._windows = windows

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            raise StorageError(N_("The data folder {path} cannot be used ({detail})."),
                               code="read_only", path=str(self.path.parent),
                               detail=exc.strerror or str(exc)) from exc
        try:
            if self._windows:
                _lock_windows(fd)
            else:
                _lock_posix(fd)
        except OSError:
            other = _read_pid(fd)
            os.close(fd)
            raise StorageError(N_("Akimat Desk is already running with this data folder (process "
                                  "{pid}). Close the other copy first; nothing was changed."),
                               code="in_use", pid=other or "?") from None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode("ascii"))
        except OSError:
            pass  # a full disk must not stop the lock itself; the pid is only for the message
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if self._windows:
                _unlock_windows(fd)
            else:
                _unlock_posix(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_pid(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""


def _lock_windows(fd: int, msvcrt: Any = None) -> None:
    """Windows locks byte ranges, and a locked byte cannot be read by another process: lock one
    far past the pid, so that the second copy can still read whose lock it is."""
    msvcrt = msvcrt or importlib.import_module("msvcrt")
    os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    finally:
        os.lseek(fd, 0, os.SEEK_SET)


def _unlock_windows(fd: int, msvcrt: Any = None) -> None:
    msvcrt = msvcrt or importlib.import_module("msvcrt")
    os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    finally:
        os.lseek(fd, 0, os.SEEK_SET)


def _lock_posix(fd: int) -> None:
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock_posix(fd: int) -> None:
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
