"""`AppContext`: the one bag of collaborators (paths, db, catalogue, parameters, calendar, clock,
user)
handed to services and pages. Nothing looks these up globally (STYLE 12).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain.calendar import WorkCalendar
from desktop_app.domain.catalogue_loader import Catalogue
from desktop_app.domain.office import Office
from desktop_app.domain.parameters import Parameters

if TYPE_CHECKING:
    import sqlite_utils


OFFICE_TIME_ZONE = "Asia/Almaty"  # all of Kazakhstan keeps UTC+5 since 1 March 2024


@functools.cache
def office_zone() -> dt.tzinfo:
    """The offices' zone from the `tzdata` package shipped with the app (Windows has no zone
    database of its own, and an older system one still says UTC+6 for Almaty)."""
    try:
        ref = importlib.resources.files("tzdata.zoneinfo").joinpath(*OFFICE_TIME_ZONE.split("/"))
        with ref.open("rb") as fh:
            return zoneinfo.ZoneInfo.from_file(fh, key=OFFICE_TIME_ZONE)
    except (ImportError, OSError, ValueError):
        try:
            return zoneinfo.ZoneInfo(OFFICE_TIME_ZONE)
        except zoneinfo.ZoneInfoNotFoundError:
            return dt.timezone(dt.timedelta(hours=5), "UTC+5")


def system_clock() -> dt.datetime:
    """The office's local time (naive, as stored), whatever zone the computer is set to."""
    return dt.datetime.now(office_zone()).replace(tzinfo=None, microsecond=0)


@dataclass
class User:
    login: str
    full_name: str
    position: dict[str, str] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()


# Nobody signed in (a real office before sign-in): every guarded action is refused.
ANONYMOUS = User(login="", full_name="")


@dataclass
class AppContext:
    data_dir: Path
    db_path: Path
    db: sqlite_utils.Database
    catalogue: Catalogue
    parameters: Parameters
    calendar: WorkCalendar
    office: Office
    user: User
    clock: Callable[[], dt.datetime] = system_clock
    # what the start-up checks found (audit chain broken, clock wrong): the GUI shows them
    startup_warnings: list[Exception] = field(default_factory=list)
    clock_problem: Exception | None = None   # set: writes wait until the clock is corrected
    is_demo: bool = False                    # the untouched demo office: no passwords asked
    instance_lock: Any = None                # store.lock.InstanceLock held while open
    file_gate: Any = None                    # store.db.WriteGate while the file is checked

    def now(self) -> dt.datetime:
        return self.clock()

    def now_iso(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def close(self) -> None:
        self.db.close()
        if self.instance_lock is not None:
            self.instance_lock.release()
