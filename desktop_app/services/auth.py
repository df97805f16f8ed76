"""Accounts and sign-in: create users (an administrator, or the very first administrator at
set-up), sign in with the growing lock-out, sign out, change names, passwords, roles and activity.

Imports context, domain (passwords, roles, errors), store (users, audit, db). Every change writes an
audit row in the same transaction; the password hash is never written to the audit log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from desktop_app.context import ANONYMOUS, AppContext, User
from desktop_app.domain.errors import AppError, SignInError, ValidationError
from desktop_app.domain.passwords import (
    check_password_rules, hash_password, lockout_duration, needs_rehash, verify_password,
)
from desktop_app.domain.roles import Action, Role, parse_roles, roles_text
from desktop_app.i18n import N_
from desktop_app.services import Changes
from desktop_app.services.guard import require
from desktop_app.store import audit
from desktop_app.store import users as user_store
from desktop_app.store.db import transaction
from desktop_app.store.users import UserRecord

LOGIN_RE = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}", re.ASCII)
# a hash no password matches: an unknown login costs the same time as a known one
@functools.cache
def _dummy_hash() -> str:
    """A hash to check a password against when the login is unknown (same time as a real one);
    made on first need, not while the program starts."""
    return hash_password("not a password", salt=b"0" * 16)


def to_user(rec: UserRecord) -> User:
    return User(login=rec.login, full_name=rec.full_name, position=dict(rec.position),
                roles=frozenset(rec.roles))


def _audit(ctx: AppContext, action: str, rec: UserRecord | None, after: dict | None = None,
           before: dict | None = None, user: str | None = None) -> None:
    audit.record(ctx.db, at=ctx.now_iso(), user=user if user is not None else ctx.user.login,
                 action=action, table="users", uuid=rec.uuid if rec else None, before=before,
                 after=after)


def _locked_until(rec: UserRecord) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(rec.locked_until) if rec.locked_until else None
    except ValueError:
        return None


def sign_in(ctx: AppContext, login: str, password: str) -> User:
    """Check the password; on success the context acts as this user. Raises SignInError with code
    "wrong_password", "locked" (param `until`) or "inactive"; failures are counted and audited."""
    rec = user_store.by_login(ctx.db, login or "")
    now = ctx.now()
    if rec is None or not rec.password_hash:
        verify_password(password, _dummy_hash())
        with transaction(ctx.db):
            _audit(ctx, "user.sign_in_failed", rec, after={"login": (login or "")[:64]},
                   user=(login or "")[:64])
        raise SignInError(N_("Wrong login or password."), code="wrong_password")
    until = _locked_until(rec)
    if until and now < until:
        raise SignInError(N_("Too many wrong passwords: {login} is locked until {until}."),
                          code="locked", login=rec.login, until=until.strftime("%H:%M"))
    if not verify_password(password, rec.password_hash):
        failures = rec.failed_attempts + 1
        lock = lockout_duration(failures)
        locked = (now + lock).isoformat(timespec="seconds") if lock else None
        with transaction(ctx.db):
            user_store.update(ctx.db, rec.id, failed_attempts=failures, locked_until=locked)
            _audit(ctx, "user.sign_in_failed", rec, after={"failures": failures,
                                                           "locked_until": locked},
                   user=rec.login)
        if lock:
            raise SignInError(N_("Too many wrong passwords: {login} is locked until {until}."),
                              code="locked", login=rec.login,
                              until=(now + lock).strftime("%H:%M"))
        raise SignInError(N_("Wrong login or password."), code="wrong_password")
    if not rec.active:
        raise SignInError(N_("The account {login} is switched off. Ask the administrator."),
                          code="inactive", login=rec.login)
    values: dict[str, object] = {"failed_attempts": 0, "locked_until": None,
                                 "last_login": now.isoformat(timespec="seconds")}
    if needs_rehash(rec.password_hash):
        values["password_hash"] = hash_password(password)
    with transaction(ctx.db):
        user_store.update(ctx.db, rec.id, **values)
        _audit(ctx, "user.sign_in", rec, user=rec.login)
    ctx.user = to_user(rec)
    return ctx.user


def act_as(ctx: AppContext, login: str) -> User:
    """Act as a user without a password: only in the untouched demo office (demo, tests, CLI)."""
    if not ctx.is_demo:
        raise SignInError(N_("A password is needed to act as {login}."), code="password_needed",
                          login=login)
    rec = user_store.by_login(ctx.db, login)
    if rec is None or not rec.active:
        raise SignInError(N_("Wrong login or password."), code="wrong_password")
    ctx.user = to_user(rec)
    return ctx.user


def sign_out(ctx: AppContext) -> None:
    if ctx.user.login:
        rec = user_store.by_login(ctx.db, ctx.user.login)
        with transaction(ctx.db):
            _audit(ctx, "user.sign_out", rec)
    ctx.user = ANONYMOUS


def _check_login(login: str) -> str:
    login = (login or "").strip().lower()
    if not LOGIN_RE.fullmatch(login):
        raise ValidationError("login", N_("A login is 2 to 32 Latin letters, digits, dots, dashes "
                                          "or underscores."), code="bad_login")
    return login


def needs_first_admin(ctx: AppContext) -> bool:
    """True while no active administrator exists: set-up may then create one without signing in."""
    return user_store.count_active_with_role(ctx.db, Role.ADMIN) == 0


def create_user(ctx: AppContext, login: str, full_name: str, roles: str | set[str],
                password: str, *, position: dict[str, str] | None = None) -> User:
    """Add an account (administrators only; the first administrator at set-up needs no one)."""
    wanted = parse_roles(roles)
    if not (needs_first_admin(ctx) and Role.ADMIN in wanted):
        require(ctx, Action.MANAGE_USERS)
    login = _check_login(login)
    if not full_name.strip():
        raise ValidationError("full_name", N_("Enter the full name."))
    if not wanted:
        raise ValidationError("roles", N_("Choose at least one role."), code="no_roles")
    check_password_rules(password, login)
    with transaction(ctx.db):
        rec = user_store.insert(ctx.db, login=login, full_name=full_name.strip(),
                                position=position or {}, roles=frozenset(map(str, wanted)),
                                password_hash=hash_password(password), now=ctx.now_iso())
        _audit(ctx, "user.create", rec, after={"login": login, "full_name": rec.full_name,
                                               "roles": roles_text(wanted)},
               user=ctx.user.login or login)
    return to_user(rec)


def list_users(ctx: AppContext) -> list[UserRecord]:
    """Every account for the administrator's screen (hashes left out)."""
    require(ctx, Action.MANAGE_USERS)
    return [dataclasses.replace(u, password_hash=None) for u in user_store.all_users(ctx.db)]


def change_password(ctx: AppContext, login: str, new_password: str, *,
                    old_password: str | None = None) -> None:
    """Your own password (the old one is asked), or anyone's by an administrator."""
    rec = user_store.get(ctx.db, login)
    if rec.login == ctx.user.login:
        if not verify_password(old_password or "", rec.password_hash):
            raise SignInError(N_("The current password is wrong."), code="wrong_password")
    else:
        require(ctx, Action.MANAGE_USERS)
    check_password_rules(new_password, rec.login)
    with transaction(ctx.db):
        user_store.update(ctx.db, rec.id, password_hash=hash_password(new_password),
                          password_changed_at=ctx.now_iso(), failed_attempts=0,
                          locked_until=None)
        _audit(ctx, "user.password", rec, after={"login": rec.login})


def _keep_an_admin(ctx: AppContext, rec: UserRecord, roles: frozenset[str], active: bool) -> None:
    if Role.ADMIN in rec.roles and rec.active and not (Role.ADMIN in roles and active) \
            and user_store.count_active_with_role(ctx.db, Role.ADMIN) <= 1:
        raise AppError(N_("The office needs at least one active administrator."),
                       code="last_admin")


def update_user(ctx: AppContext, login: str, full_name: str,
                position: dict[str, str]) -> Changes:
    """Change the full name and the position (kk/ru) of an account (administrators only)."""
    require(ctx, Action.MANAGE_USERS)
    rec = user_store.get(ctx.db, login)
    name = (full_name or "").strip()
    if not name:
        raise ValidationError("full_name", N_("Enter the full name."))
    pos = {"kk": (position.get("kk") or "").strip(), "ru": (position.get("ru") or "").strip()}
    before = {"full_name": rec.full_name, "position_kk": rec.position.get("kk") or "",
              "position_ru": rec.position.get("ru") or ""}
    after = {"full_name": name, "position_kk": pos["kk"], "position_ru": pos["ru"]}
    if before == after:
        return Changes()
    with transaction(ctx.db):
        user_store.update(ctx.db, rec.id, full_name=name, position_kk=pos["kk"],
                          position_ru=pos["ru"])
        _audit(ctx, "user.update", rec, before=before, after=after)
    if rec.login == ctx.user.login:
        ctx.user = to_user(user_store.get(ctx.db, rec.login))
    return Changes(settings=True)


def set_roles(ctx: AppContext, login: str, roles: str | set[str]) -> None:
    require(ctx, Action.MANAGE_USERS)
    rec = user_store.get(ctx.db, login)
    wanted = frozenset(map(str, parse_roles(roles)))
    if not wanted:
        raise ValidationError("roles", N_("Choose at least one role."), code="no_roles")
    _keep_an_admin(ctx, rec, wanted, rec.active)
    with transaction(ctx.db):
        user_store.update(ctx.db, rec.id, roles=wanted)
        _audit(ctx, "user.roles", rec, before={"roles": roles_text(rec.roles)},
               after={"roles": roles_text(wanted)})


def set_active(ctx: AppContext, login: str, active: bool) -> None:
    require(ctx, Action.MANAGE_USERS)
    rec = user_store.get(ctx.db, login)
    _keep_an_admin(ctx, rec, rec.roles, active)
    with transaction(ctx.db):
        user_store.update(ctx.db, rec.id, active=active)
        _audit(ctx, "user.activate" if active else "user.deactivate", rec,
               after={"active": active})


def unlock(ctx: AppContext, login: str) -> None:
    require(ctx, Action.MANAGE_USERS)
    rec = user_store.get(ctx.db, login)
    with transaction(ctx.db):
        user_store.update(ctx.db, rec.id, failed_attempts=0, locked_until=None)
        _audit(ctx, "user.unlock", rec)
