"""services.auth.update_user: an administrator edits a name and position, audited before/after."""

from __future__ import annotations

import json

import pytest

from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.services import Changes, auth


def test_admin_edits_name_and_position_audited(ctx):
    auth.act_as(ctx, "admin")
    auth.create_user(ctx, "aigerim", "Нұрланова Айгерім", "specialist", "Көксу-2026-көктем",
                     position={"kk": "маман", "ru": "специалист"})
    changes = auth.update_user(ctx, "aigerim", "  Нұрланова Айгерім Болатқызы ",
                               {"kk": "бас маман", "ru": "главный специалист"})
    assert isinstance(changes, Changes) and changes
    rec = next(u for u in auth.list_users(ctx) if u.login == "aigerim")
    assert rec.full_name == "Нұрланова Айгерім Болатқызы"
    assert rec.position == {"kk": "бас маман", "ru": "главный специалист"}
    before, after = ctx.db.execute("SELECT before, after FROM audit_log "
                                   "WHERE action = 'user.update'").fetchone()
    assert json.loads(before)["position_ru"] == "специалист"
    assert json.loads(after)["full_name"] == "Нұрланова Айгерім Болатқызы"
    # nothing changed: nothing written
    assert not auth.update_user(ctx, "aigerim", rec.full_name, dict(rec.position))
    assert ctx.db.execute("SELECT count(*) FROM audit_log "
                          "WHERE action = 'user.update'").fetchone()[0] == 1
    with pytest.raises(ValidationError):
        auth.update_user(ctx, "aigerim", "   ", {"kk": "", "ru": ""})


def test_only_an_administrator_edits_names(ctx):
    auth.act_as(ctx, "specialist")
    with pytest.raises(PermissionDenied):
        auth.update_user(ctx, "admin", "Someone Else", {"kk": "", "ru": ""})
    assert ctx.db.execute("SELECT count(*) FROM audit_log "
                          "WHERE action = 'user.update'").fetchone()[0] == 0
