"""Who signs and prepares the decision notices: the Department head's name and the executor's name
and phone, kept as office settings (administrators edit them, audited) and used by
services.office_papers when a notice is printed without them.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.context import AppContext
from desktop_app.domain.roles import Action
from desktop_app.services import Changes
from desktop_app.services.guard import require
from desktop_app.store import audit, settings
from desktop_app.store.db import transaction

KEYS = {"head": "office.department_head", "executor_name": "office.executor_name",
        "executor_phone": "office.executor_phone"}


@dataclass(frozen=True)
class Signers:
    head: str = ""
    executor_name: str = ""     # "" : the signed-in user prints as the executor
    executor_phone: str = ""    # "" : the office's phone


def get_signers(ctx: AppContext) -> Signers:
    return Signers(**{field: settings.get(ctx.db, key) or "" for field, key in KEYS.items()})


def set_signers(ctx: AppContext, signers: Signers) -> Changes:
    """Store the names and phone (trimmed); an audit row lists what changed."""
    require(ctx, Action.OFFICE_SETUP)
    before = get_signers(ctx)
    after = Signers(**{f: getattr(signers, f).strip() for f in KEYS})
    changed = {f: getattr(after, f) for f in KEYS if getattr(before, f) != getattr(after, f)}
    if not changed:
        return Changes()
    with transaction(ctx.db):
        for field, value in changed.items():
            settings.put(ctx.db, KEYS[field], value)
        audit.record(ctx.db, at=ctx.now_iso(), user=ctx.user.login, action="settings.signers",
                     table="settings", uuid=None,
                     before={f: getattr(before, f) for f in changed}, after=changed)
    return Changes(settings=True)
