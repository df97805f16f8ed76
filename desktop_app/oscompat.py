"""What differs between Windows and POSIX, in one place: flushing a written file to disk, keeping a
folder private, SQLite URIs of a path, and the console streams of a build that has no console.

Imports nothing of the app. Each function takes `windows=` (default: this machine) so that both
branches run in the tests on any system.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote, urlencode

log = logging.getLogger(__name__)

IS_WINDOWS = os.name == "nt"
# Well-known SIDs, written as SIDs so that a Russian or Kazakh Windows (where the groups have
# translated names) reads them the same: Local System and the Administrators group.
SID_SYSTEM = "*S-1-5-18"
SID_ADMINISTRATORS = "*S-1-5-32-544"
CREATE_NO_WINDOW = 0x08000000  # subprocess.CREATE_NO_WINDOW, which exists on Windows only


def fsync_open_flags(*, windows: bool = IS_WINDOWS) -> int:
    """Flags to open a closed file for fsync. Windows' `_commit` needs a handle open for writing:
    on a read-only one it fails with EBADF ([Errno 9]); POSIX flushes through any handle."""
    if windows:
        return os.O_RDWR | getattr(os, "O_BINARY", 0)
    return os.O_RDONLY


def fsync_file(path: Path | str, *, windows: bool = IS_WINDOWS) -> None:
    """Make a file that was written and closed durable before it replaces a good one."""
    fd = os.open(path, fsync_open_flags(windows=windows))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path | str, *, windows: bool = IS_WINDOWS) -> None:
    """Make a rename in `folder` durable. POSIX only: Windows opens no folder with `os.open`, and
    NTFS journals the rename itself."""
    if windows:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (a FAT stick) refuse to flush a folder; the file itself is
    finally:
        os.close(fd)


def current_windows_account(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """DOMAIN\\user (or user) of whoever runs the app, as icacls wants it."""
    user = environ.get("USERNAME", "")
    domain = environ.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if domain and user else user


def private_acl_command(folder: Path | str, account: str) -> list[str]:
    """icacls: drop the inherited entries (C:\\ lets every signed-in user read its folders) and
    give full control to the user, the system and the administrators only, inherited by every
    file and folder made inside."""
    grants = [f"{who}:(OI)(CI)F" for who in (account, SID_SYSTEM, SID_ADMINISTRATORS) if who]
    return ["icacls", str(folder), "/inheritance:r", "/grant:r", *grants, "/Q"]


Runner = Callable[..., Any]


def make_private_dir(folder: Path, *, windows: bool = IS_WINDOWS,
                     run: Runner = subprocess.run) -> Path:
    """Create `folder` readable by the user only (a whole village's personal data lives there).

    POSIX: mode 0700, also on an existing folder. Windows: chmod only sets read-only there, so a
    folder made now gets an ACL for the user, the system and the administrators (one made
    under the user's profile was private already; one on C:\\ or a shared drive was not)."""
    folder = Path(folder)
    existed = folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if not windows:
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass
        return folder
    if existed:
        return folder  # an existing folder keeps the permissions its owner chose
    account = current_windows_account()
    if not account:
        return folder
    try:
        result = run(private_acl_command(folder, account), capture_output=True,
                     creationflags=CREATE_NO_WINDOW, check=False)
        if getattr(result, "returncode", 0):
            log.warning("icacls %s failed: %s", folder, getattr(result, "stderr", b""))
    except OSError as exc:  # no icacls (a stripped Windows): the folder keeps its inherited ACL
        log.warning("icacls %s: %s", folder, exc)
    return folder


def sqlite_uri(path: PurePath, **params: str | int) -> str:
    """A `file:` URI SQLite opens for an absolute path on either system.

    Path.as_uri() makes `file://server/share/x` of a Windows network path, and SQLite refuses
    any URI authority but localhost; here the authority stays empty (`file:////server/share/x`),
    drive paths become `file:///C:/x` and every other character is percent-encoded."""
    text = path.as_posix()
    if not text.startswith("/"):
        text = "/" + text  # C:/x -> /C:/x
    uri = "file://" + quote(text, safe="/:")
    if params:
        uri += "?" + urlencode(params)
    return uri


def usable_stream(stream: TextIO | None) -> TextIO:
    """A stream print() can always write to.

    A GUI build (`console=False`, pythonw) has `None` for sys.stdout and sys.stderr; a Windows
    console or a redirected output may use a code page without the Kazakh letters (cp1251,
    cp866), where printing `қ` would raise: replace what the code page lacks instead."""
    if stream is None:
        return open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding not in ("utf8", "utf16", "utf32") and isinstance(stream, io.TextIOWrapper):
        try:
            stream.reconfigure(errors="replace")
        except (ValueError, io.UnsupportedOperation):
            pass
    return stream


def fix_console_streams(module: Any = sys) -> None:
    """Make sys.stdout and sys.stderr usable (see `usable_stream`); call once at start."""
    module.stdout = usable_stream(module.stdout)
    module.stderr = usable_stream(module.stderr)
