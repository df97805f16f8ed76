"""Users: accounts with roles, password hashes and sign-in state (failures, lock-out).

Imports store.db and domain. Returns `UserRecord`s; the password hash never leaves this module
except to `services.auth`, which verifies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.domain.errors import DuplicateError, NotFound
from desktop_app.domain.roles import parse_roles, roles_text
from desktop_app.i18n import N_
from desktop_app.store.db import new_uuid, one, update_row

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class UserRecord:
    id: int
    uuid: str
    login: str
    full_name: str
    position: dict[str, str]
    roles: frozenset[str]
    active: bool
    password_hash: str | None
    failed_attempts: int
    locked_until: str | None
    last_login: str | None
    password_changed_at: str | None


def _from_row(r: dict) -> UserRecord:
    return UserRecord(id=r["id"], uuid=r["uuid"], login=r["login"], full_name=r["full_name"],
                      position={"kk": r["position_kk"], "ru": r["position_ru"]},
                      roles=frozenset(str(x) for x in parse_roles(r["roles"] or "")),
                      active=bool(r["active"]), password_hash=r["password_hash"],
                      failed_attempts=r["failed_attempts"] or 0, locked_until=r["locked_until"],
                      last_login=r["last_login"], password_changed_at=r["password_changed_at"])


def by_login(db: sqlite_utils.Database, login: str) -> UserRecord | None:
    found = one(db, "SELECT * FROM users WHERE login = ? COLLATE NOCASE", [login.strip()])
    return _from_row(found) if found else None


def get(db: sqlite_utils.Database, login: str) -> UserRecord:
    rec = by_login(db, login)
    if rec is None:
        raise NotFound(what="user", key=login)
    return rec


def all_users(db: sqlite_utils.Database) -> list[UserRecord]:
    return [_from_row(r) for r in db["users"].rows_where(order_by="login")]


def count_active_with_role(db: sqlite_utils.Database, role: str) -> int:
    return sum(1 for u in all_users(db) if u.active and role in u.roles)


def insert(db: sqlite_utils.Database, *, login: str, full_name: str, position: dict[str, str],
           roles: frozenset[str], password_hash: str | None, now: str) -> UserRecord:
    """Add an account; the caller holds the transaction and writes the audit row."""
    if by_login(db, login) is not None:
        raise DuplicateError(N_("The login {login} is already taken."), code="duplicate_login",
                             login=login)
    db.table("users").insert({"uuid": new_uuid(), "login": login.strip(), "full_name": full_name,
                        "position_kk": position.get("kk", ""),
                        "position_ru": position.get("ru", ""), "roles": roles_text(roles),
                        "password_hash": password_hash, "active": 1, "created_at": now,
                        "failed_attempts": 0,
                        "password_changed_at": now if password_hash else None})
    return get(db, login)


def update(db: sqlite_utils.Database, user_id: int, **values: object) -> None:
    """Change columns of one account (roles as a set, active as bool); the caller audits."""
    row = dict(values)
    if "roles" in row:
        row["roles"] = roles_text(row["roles"])  # type: ignore[arg-type]
    if "active" in row:
        row["active"] = int(bool(row["active"]))
    update_row(db, "users", user_id, row)
