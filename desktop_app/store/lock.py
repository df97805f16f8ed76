"""One running copy per data folder: an OS lock on `<data dir>/akimat.lock` (flock on POSIX,
msvcrt on Windows), released by the OS when the process ends, even when it is killed.

Imports domain.errors only. The file holds the holder's process id, for the message only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop_app.domain.errors import StorageError
from desktop_app.i18n import N_

LOCK_FILE_NAME = "akimat.lock"


class InstanceLock:
    """Held from `acquire()` until `release()` (or process exit)."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_FILE_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StorageError(N_("The data folder {path} cannot be used ({detail})."),
                               code="read_only", path=str(self.path.parent),
                               detail=exc.strerror or str(exc)) from exc
        try:
            _lock(fd)
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
            _unlock(fd)
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


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
