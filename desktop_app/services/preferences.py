"""The interface's own preferences (language, window geometry), stored as declared settings."""

from __future__ import annotations

from desktop_app.context import AppContext
from desktop_app.i18n import DEFAULT_LOCALE, LOCALES
from desktop_app.services import Changes
from desktop_app.store import settings
from desktop_app.store.db import transaction


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
    with transaction(ctx.db):
        settings.put(ctx.db, "ui.window_geometry", geometry)
