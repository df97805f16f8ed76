"""The exchange with the district without its machinery: which side this office is (village or
district), who may run it, the weekly trip and what must leave before it. Start-up (the pages
shown, the Today lists) reads these without loading the batch format, keys and crypto.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.context import AppContext
from desktop_app.domain.application import Status
from desktop_app.store import applications as app_store
from desktop_app.store import settings
from desktop_app.store.applications import ApplicationRow


def guard(ctx: AppContext, action: str) -> None:
    """guard.require for the actions roles know; until export/import have their own action,
    a signed-in user is required for them."""
    from desktop_app.domain.roles import Action
    from desktop_app.services import guard as _guard

    if action in {a.value for a in Action}:
        _guard.require(ctx, action)
    elif not ctx.user.login:
        _guard.require(ctx, Action.KEYS)  # refused the same way: nobody is signed in


def mode(ctx: AppContext) -> str:
    return settings.get(ctx.db, "office.mode") or "village"


def next_trip(ctx: AppContext) -> dt.date:
    """The day of the next weekly trip to the district (today if today is the trip day)."""
    today = ctx.now().date()
    weekday = settings.get(ctx.db, "sync.trip_weekday") % 7
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7)


def due_before_trip(ctx: AppContext) -> list[ApplicationRow]:
    """Open applications whose "forward by" date comes before the next trip and whose documents
    were not yet delivered by hand: export them urgently and print the hand-over register."""
    trip = next_trip(ctx)
    delivered = {r[0] for r in ctx.db.execute(
        "SELECT application_id FROM handovers WHERE kind = 'documents'")}
    return [r for r in app_store.list_rows(ctx.db, statuses={Status.REGISTERED, Status.INCOMPLETE})
            if r.forward_by is not None and r.forward_by < trip and r.id not in delivered]
