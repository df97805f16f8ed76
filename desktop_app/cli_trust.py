"""CLI commands of trust: `audit verify|list`, `backup [--to DIR]`, `restore FILE`,
`users list|add|passwd`, and signing in for any command (`--user LOGIN`, the password from
AKIMAT_DESK_PASSWORD or a prompt; the untouched demo office asks for none).

Wired into cli.py by `register(subparsers, common)` and `COMMANDS`. Calls services only.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app import i18n
from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, StorageError
from desktop_app.i18n import N_

ENV_PASSWORD = "AKIMAT_DESK_PASSWORD"
ENV_NEW_PASSWORD = "AKIMAT_DESK_NEW_PASSWORD"
EXIT_FAILED = 1


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the trust commands (and `--user` to `common`, if cli.py has not already)."""
    if not any("--user" in a.option_strings for a in common._actions):
        common.add_argument("--user", help="act as this login (password: $AKIMAT_DESK_PASSWORD "
                                           "or a prompt; none in the demo office)")
    au = sub.add_parser("audit", parents=[common], help="verify or list the audit log")
    au.add_argument("action", choices=("verify", "list"))
    au.add_argument("--by", help="list: only this user's actions")
    au.add_argument("--record", help="list: only this record (uuid)")
    au.add_argument("--from", dest="date_from", help="list: from this date (YYYY-MM-DD)")
    au.add_argument("--to", dest="date_to", help="list: up to this date (YYYY-MM-DD)")
    au.add_argument("--limit", type=int, default=100)
    bk = sub.add_parser("backup", parents=[common], help="back up the data file now")
    bk.add_argument("--to", dest="to", help="the folder to write to (e.g. a USB stick)")
    rs = sub.add_parser("restore", parents=[common],
                        help="restore a backup (the current file is kept aside)")
    rs.add_argument("file")
    us = sub.add_parser("users", parents=[common], help="accounts: list, add, passwd")
    us.add_argument("action", choices=("list", "add", "passwd"))
    us.add_argument("login", nargs="?")
    us.add_argument("--name", help="add: the full name")
    us.add_argument("--roles", help="add: akim,specialist,admin,district")
    us.add_argument("--position-kk", default="")
    us.add_argument("--position-ru", default="")


def _prompt(label: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise AppError(N_("A password is needed: set {env} or run the command in a terminal."),
                       code="password_needed", env=ENV_PASSWORD)
    return getpass.getpass(label)


def _password(login: str) -> str:
    value = os.environ.get(ENV_PASSWORD)
    if value is not None:
        return value
    return _prompt(i18n.active().gettext(N_("Password for {login}: ")).format(login=login))


def _new_password(login: str) -> str:
    value = os.environ.get(ENV_NEW_PASSWORD)
    if value is not None:
        return value
    t = i18n.active()
    first = _prompt(t.gettext(N_("New password for {login}: ")).format(login=login))
    if _prompt(t.gettext(N_("The new password again: "))) != first:
        raise AppError(N_("The two passwords differ."), code="password_mismatch")
    return first


def open_for(args: argparse.Namespace, *, demo: bool = True) -> AppContext:
    """The context a command acts in: signed in as --user (no password in the demo office)."""
    from desktop_app.services import auth
    from desktop_app.services.setup import open_context

    ctx = open_context(args.data_dir, demo=demo)
    login = getattr(args, "user", None)
    try:
        if login and ctx.is_demo:
            auth.act_as(ctx, login)
        elif login:
            auth.sign_in(ctx, login, _password(login))
    except BaseException:
        ctx.close()
        raise
    return ctx


def cmd_audit(args: argparse.Namespace) -> dict | int:
    from desktop_app.domain.values import parse_date
    from desktop_app.services import audit

    ctx = open_for(args)
    try:
        if args.action == "verify":
            report = audit.verify(ctx)
            warning = audit.chain_warning(report)
            if warning is None:
                return {"rows": report.rows, "chain": "ok"}
            if args.json:
                print(json.dumps({"ok": False, "error": warning.code, "message": warning.message(),
                                  "rows": report.rows, "first_broken_id": report.first_broken_id},
                                 ensure_ascii=False))
            else:
                print(warning.message(), file=sys.stderr)
            return EXIT_FAILED
        rows = audit.query(ctx, user=args.by, record=args.record,
                           date_from=parse_date(args.date_from, "from") if args.date_from else None,
                           date_to=parse_date(args.date_to, "to") if args.date_to else None,
                           limit=args.limit)
        return {"rows": [{"id": r.id, "at": r.at, "user": r.user, "action": r.action,
                          "record": r.record_uuid or ""} for r in rows]}
    finally:
        ctx.close()


def cmd_backup(args: argparse.Namespace) -> dict:
    from desktop_app.services import backup

    ctx = open_for(args)
    try:
        return {"file": str(backup.backup_now(ctx, args.to))}
    finally:
        ctx.close()


def cmd_restore(args: argparse.Namespace) -> dict:
    from desktop_app.services import backup

    try:
        ctx = open_for(args)
    except StorageError as exc:
        if exc.code != "damaged":
            raise
        # Nobody can sign in to a damaged file: whoever sits at the computer may put a backup back.
        result = backup.restore_damaged(args.data_dir or _default_dir(), args.file)
    else:
        try:
            result = backup.restore(ctx, args.file)
        finally:
            ctx.close()
    return {"restored_from": str(result.restored_from), "kept_aside": str(result.kept_aside or ""),
            "office": result.office_code, "applications": result.applications}


def _default_dir() -> Path:
    from desktop_app.paths import user_data_dir

    return user_data_dir(None)


def cmd_users(args: argparse.Namespace) -> dict:
    from desktop_app.services import auth

    if args.action != "list" and not args.login:
        raise AppError(N_("Name the login: users {action} LOGIN."), code="usage",
                       action=args.action)
    ctx = open_for(args)
    try:
        if args.action == "list":
            return {"users": [{"login": u.login, "full_name": u.full_name,
                               "roles": ",".join(sorted(u.roles)),
                               "active": "active" if u.active else "off",
                               "locked_until": u.locked_until or "",
                               "last_login": u.last_login or ""}
                              for u in auth.list_users(ctx)]}
        if args.action == "add":
            if not args.name or not args.roles:
                raise AppError(N_("users add needs --name and --roles."), code="usage")
            user = auth.create_user(ctx, args.login, args.name, args.roles,
                                    _new_password(args.login),
                                    position={"kk": args.position_kk, "ru": args.position_ru})
            return {"login": user.login, "roles": ",".join(sorted(user.roles))}
        own = args.login.strip().lower() == ctx.user.login
        old = _password(args.login) if own else None
        auth.change_password(ctx, args.login, _new_password(args.login), old_password=old)
        return {"login": args.login, "password": "changed"}
    finally:
        ctx.close()


COMMANDS: dict[str, Callable[[argparse.Namespace], dict | int]] = {
    "audit": cmd_audit, "backup": cmd_backup, "restore": cmd_restore, "users": cmd_users,
}
