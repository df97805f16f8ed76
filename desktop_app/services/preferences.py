"""The interface's own preferences (language, window geometry), stored as declared settings."""

from __future__ import annotations

from desktop_app.context import AppContext
from desktop_app.i18n import DEFAULT_LOCALE, LOCALES
from desktop_app.services import Changes
from desktop_app.store import settings
from desktop_app.store.db import transaction, writes_held


def get_language(ctx: AppContext) -> str:
    lang = settings.get(ctx.db, "ui.language")
    return lang if lang in LOCALES else DEFAULT_LOCALE


def set_language(ctx: AppContext, lang: str) -> Changes:
    if lang not in LOCALES:
        raise ValueError(f"unsupported locale {lang!r}")
    with transaction(ctx.db):
        settings.put(ctx.db, "ui.language", lang)
    return Changes(settings=True)


def get_window_geometry(ctx: AppContext) -> str:
    """The main window's geometry as base64 text of Qt's saveGeometry() bytes ("" if none)."""
    return settings.get(ctx.db, "ui.window_geometry") or ""


def set_window_geometry(ctx: AppContext, geometry: str) -> None:
    """Remember the window's size; skipped (never waited for) while the file's check runs."""
    if writes_held(ctx.db):
        return
    with transaction(ctx.db):
        settings.put(ctx.db, "ui.window_geometry", geometry)


LOCK_MINUTES_MAX = 240


def get_lock_minutes(ctx: AppContext) -> int:
    """Minutes without a key press or mouse move before the screen locks (0: never)."""
    value = settings.get(ctx.db, "ui.lock_minutes")
    return value if isinstance(value, int) and 0 <= value <= LOCK_MINUTES_MAX else 10


def set_lock_minutes(ctx: AppContext, minutes: int) -> Changes:
    """An office-wide security setting: the administrator's, audited."""
    from desktop_app.domain.roles import Action
    from desktop_app.services.guard import require
    from desktop_app.store import audit

    require(ctx, Action.OFFICE_SETUP)
    minutes = max(0, min(int(minutes), LOCK_MINUTES_MAX))
    with transaction(ctx.db):
        before = settings.get(ctx.db, "ui.lock_minutes")
        settings.put(ctx.db, "ui.lock_minutes", minutes)
        audit.record(ctx.db, at=ctx.now_iso(), user=ctx.user.login, action="settings.lock_minutes",
                     table="settings", uuid=None, before={"minutes": before},
                     after={"minutes": minutes})
    return Changes(settings=True)
