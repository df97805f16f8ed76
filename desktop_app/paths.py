"""Every directory the app uses, resolved once; `resource()` hides the PyInstaller bundle.

Imports only oscompat of the app. Order: --data-dir flag, AKIMAT_DESK_DATA env var, platformdirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from desktop_app.oscompat import make_private_dir

APP_DIR_NAME = "AkimatDesk"
ENV_DATA_DIR = "AKIMAT_DESK_DATA"
DB_FILE_NAME = "akimat.sqlite3"


def bundle_root() -> Path:
    """The folder that holds data/, resources/ and translations/ (source tree or bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def app_icon(size: int = 256) -> Path:
    """The application's icon (PNG, 16-256 px; resources/icons/akimat-desk.ico for Windows)."""
    return resource("icons", "hicolor", f"{size}x{size}", "apps", "akimat-desk.png")


def data_root() -> Path:
    """The shipped legal data (catalogue, parameters, calendar): read-only."""
    return bundle_root() / "data"


def translations_root() -> Path:
    return bundle_root() / "translations"


def user_data_dir(flag: str | os.PathLike[str] | None = None) -> Path:
    """The folder of the office's database, backups and logs."""
    if flag:
        return Path(flag).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create the folder readable by the user only (personal data of a whole village lives here):
    mode 0700 on POSIX, an ACL of the user on Windows (see `oscompat.make_private_dir`)."""
    return make_private_dir(path)
