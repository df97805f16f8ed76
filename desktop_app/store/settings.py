"""Settings declared once (key, type, default, scope) and stored as JSON in the settings table.

Imports store.db. Reading or writing an undeclared key is an error, so a typo cannot hide a setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_app.store.db import dumps, loads

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    scope: str  # "office", "user" or "ui"


DECLARED: dict[str, Setting] = {s.key: s for s in (
    Setting("office.current_id", int, None, "office"),
    Setting("office.demo_loaded", bool, False, "office"),
    Setting("office.is_demo", bool, False, "office"),  # untouched demo office: no passwords asked
    Setting("ui.language", str, "kk", "ui"),
    Setting("ui.window_geometry", str, "", "ui"),
    Setting("ui.lock_minutes", int, 10, "office"),     # lock the screen when idle; 0 = never
    Setting("user.current_login", str, "", "user"),
    Setting("papers.language", str, "kk", "office"),
    Setting("office.mode", str, "village", "office"),   # "village" | "district"
    Setting("sync.district_code", str, "", "office"),   # whose key the office trusts
    Setting("sync.trip_weekday", int, 3, "office"),     # weekly trip, Monday = 0
    Setting("office.department_head", str, "", "office"),  # signs decision notices
    Setting("office.executor_name", str, "", "office"),    # "" : the signed-in user
    Setting("office.executor_phone", str, "", "office"),   # "" : the office's phone
    Setting("reports.silent_office_days", int, 10, "office"),  # district: no batch for longer
)}


def _declared(key: str) -> Setting:
    try:
        return DECLARED[key]
    except KeyError:
        raise KeyError(f"undeclared setting {key!r}") from None


def get(db: sqlite_utils.Database, key: str) -> Any:
    setting = _declared(key)
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return setting.default if row is None else loads(row[0])


def put(db: sqlite_utils.Database, key: str, value: Any) -> None:
    setting = _declared(key)
    if value is not None and not isinstance(value, setting.type):
        raise TypeError(f"setting {key} expects {setting.type.__name__}")
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, dumps(value)])
