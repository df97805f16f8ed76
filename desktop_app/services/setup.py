"""Open a data directory: take the single-instance lock, check the file is not damaged, migrate,
load the legal data, make sure the office and its users exist (on a first start: the demo office,
its three demo users and the demo village), choose who acts, run the start-up checks and the daily
backup. The GUI asks `needs_setup` first and, for an office setting itself up, calls
`open_new_office` with what the first-run dialog gathered (services.office_setup).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import tomllib
from collections.abc import Callable
from pathlib import Path

from desktop_app import logging_setup
from desktop_app.context import ANONYMOUS, AppContext, User, system_clock
from desktop_app.domain.calendar import KazakhHolidays, load_calendar
from desktop_app.domain import toml_cache
from desktop_app.domain.catalogue_loader import load_catalogue
from desktop_app.domain.errors import AppError, StorageError
from desktop_app.domain.office import Office
from desktop_app.domain.parameter_overrides import MergedParameters
from desktop_app.domain.parameters import load_parameters
from desktop_app.domain.passwords import hash_password
from desktop_app.domain.roles import parse_roles
from desktop_app.oscompat import sqlite_uri
from desktop_app.paths import DB_FILE_NAME, data_root, ensure_private_dir, user_data_dir
from desktop_app.services import auth, calendar_days, startup
from desktop_app.services import backup as backups
from desktop_app.i18n import N_
from desktop_app.store import audit, offices, settings
from desktop_app.store import parameter_values as parameter_store
from desktop_app.store import users as user_store
from desktop_app.store.db import open_db, transaction
from desktop_app.store.lock import InstanceLock
from desktop_app.store.migrations import LATEST, migrate, schema_version

DEMO_HOUSEHOLDS = 40
# the legal data files' parsed content, kept between starts (domain.toml_cache)
PARSED_DATA_CACHE = Path("cache", "legal-data.json")
# the public holidays of the years already worked out (domain.calendar.KazakhHolidays)
HOLIDAYS_CACHE = Path("cache", "holidays.json")
log = logging.getLogger(__name__)
# The office of a folder opened for set-up, until services.office_setup.set_up_office saves one.
PENDING_OFFICE_CODE = ""


def demo_office_spec(data_dir: Path | None = None) -> dict:
    with (data_dir or data_root()).joinpath("demo", "office.toml").open("rb") as fh:
        return tomllib.load(fh)


def open_context(data_dir: Path | str | None = None, *,
                 clock: Callable[[], dt.datetime] = system_clock,
                 demo: bool = True, legal_data: Path | None = None,
                 user: str | None = None, password: str | None = None,
                 single_instance: bool = True, auto_backup: bool = True,
                 new_office: bool = False, check_later: bool = False) -> AppContext:
    """Open (creating on first start) the office's data file and everything services need.

    Who acts: `user` with `password` (checked by `auth.sign_in`); in the untouched demo office
    `user` alone (no password), and with no `user` the demo desk (the demo specialist holding every
    demo role). In a real office with no `user`, nobody is signed in: guarded actions are refused
    until `auth.sign_in`. `new_office=True` (used by `open_new_office`) leaves a folder without an
    office as it is: `ctx.office` is a pending office (no id) until set-up saves the real one.
    Raises StorageError "in_use" when another copy holds the folder and
    "damaged" (with the latest good backup) when the file fails its check; nothing is written then.
    `check_later=True` (the GUI) skips the whole-file check and the daily backup when opening an
    up-to-date file: `ctx.file_gate` holds every write until the caller has run
    `startup.check_and_release` in the background.
    """
    folder = ensure_private_dir(user_data_dir(data_dir))
    db_path = folder / DB_FILE_NAME
    logging_setup.configure(folder)
    lock = InstanceLock(folder).acquire() if single_instance else None
    try:
        ctx, first_start = _open(folder, db_path, clock, legal_data, new_office, check_later)
    except sqlite3.DatabaseError as exc:  # unchecked (check_later) and unreadable: damaged
        if lock is not None:
            lock.release()
        raise startup.damaged_error(folder, db_path, str(exc)) from exc
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    ctx.instance_lock = lock
    try:
        try:  # the audit chain is read by the background check when there is one
            startup.run_checks(ctx, audit_chain=not (check_later and not first_start))
        except sqlite3.DatabaseError as exc:
            raise startup.damaged_error(folder, db_path, str(exc)) from exc
        if demo and first_start and ctx.clock_problem is None \
                and not settings.get(ctx.db, "office.demo_loaded"):
            from desktop_app.services import demo as demo_village

            demo_village.load_demo_village(ctx, households=DEMO_HOUSEHOLDS)
            log.info("first start: demo village loaded into %s", db_path)
        if user and password is not None:
            auth.sign_in(ctx, user, password)
        elif user:
            auth.act_as(ctx, user)
        if check_later and not first_start:
            ctx.file_gate = startup.check_file_later(ctx)
        elif auto_backup and not first_start:
            try:
                backups.daily_backup(ctx)
            except StorageError as exc:  # a full disk must not keep the office from working
                log.warning("daily backup failed: %s", exc)
                ctx.startup_warnings.append(exc)
    except BaseException:
        ctx.close()
        raise
    for warning in ctx.startup_warnings:
        log.warning("at start: %s", warning)
    log.info("opened %s (office %s, user %s)", db_path, ctx.office.code, ctx.user.login or "-")
    return ctx


def _open(folder: Path, db_path: Path, clock: Callable[[], dt.datetime],
          legal_data: Path | None, new_office: bool = False,
          check_later: bool = False) -> tuple[AppContext, bool]:
    first_start = not db_path.exists()
    try:
        db = open_db(db_path)
    except StorageError as exc:
        if exc.code == "not_a_database" and not first_start:
            raise startup.damaged_error(folder, db_path, str(exc.params.get("detail"))) from exc
        raise
    try:
        # a file about to be written at once (upgraded, or given its office) is checked first
        if not first_start and not (check_later and schema_version(db) == LATEST
                                    and settings.get(db, "office.current_id") is not None):
            startup.check_not_damaged(db, folder, db_path)
        migrate(db, db_path)
        root = legal_data or data_root()
        with toml_cache.using(folder / PARSED_DATA_CACHE):  # every file still read and checked
            catalogue = load_catalogue(root / "services")
            parameters = MergedParameters(load_parameters(root / "parameters"),
                                          [v.value for v in parameter_store.all_values(db)])
            if new_office and settings.get(db, "office.current_id") is None:
                office, default_user, is_demo = _pending_office(), ANONYMOUS, False
            else:
                office, default_user, is_demo = _ensure_office(db, clock, root)
            calendar = calendar_days.merged(db, load_calendar(
                root / "calendar", office.code,
                public_holidays=KazakhHolidays.remembered(folder / HOLIDAYS_CACHE)))
    except BaseException:
        db.close()
        raise
    ctx = AppContext(data_dir=folder, db_path=db_path, db=db, catalogue=catalogue,
                     parameters=parameters, calendar=calendar, office=office, user=default_user,
                     clock=clock, is_demo=is_demo)
    return ctx, first_start


def _pending_office() -> Office:
    return Office(code=PENDING_OFFICE_CODE, name={"kk": "", "ru": ""}, region="")


def needs_setup(data_dir: Path | str | None = None) -> bool:
    """True when the data folder holds no office yet (no data file, or one without an office).

    Writes nothing and creates no folder; a file that cannot be read answers False, so that
    `open_context` reports what is wrong with it.
    """
    db_path = user_data_dir(data_dir) / DB_FILE_NAME
    if not db_path.exists():
        return True
    try:
        conn = sqlite3.connect(sqlite_uri(db_path.resolve(), mode="ro"), uri=True, timeout=10)
    except sqlite3.Error:
        return False
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'settings'").fetchone() is None:
            return True
        row = conn.execute("SELECT value FROM settings WHERE key = 'office.current_id'").fetchone()
        return row is None or row[0] in (None, "null")
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def open_new_office(data_dir: Path | str | None, draft, *,
                    clock: Callable[[], dt.datetime] = system_clock,
                    legal_data: Path | None = None, single_instance: bool = True) -> AppContext:
    """Create the data file of an office setting itself up (the first-run dialog's "Finish"):
    the draft (services.office_setup.OfficeDraft) is checked before anything is written; the
    office, its first administrator and its staff are saved in one transaction, and the context
    acts as that administrator. On any error a data file this call created is removed again.
    """
    from desktop_app.services import office_setup

    errors = office_setup.check(None, draft)
    if errors:
        raise errors[0]
    folder = user_data_dir(data_dir)
    if not needs_setup(folder):
        raise AppError(N_("The folder {path} already holds an office's data."),
                       code="already_set_up", path=str(folder))
    db_path = folder / DB_FILE_NAME
    created = not db_path.exists()
    ctx = open_context(folder, clock=clock, demo=False, legal_data=legal_data,
                       single_instance=single_instance, auto_backup=False, new_office=True)
    try:
        office_setup.set_up_office(ctx, draft)
    except BaseException:
        ctx.close()
        if created:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        raise
    return ctx


def _ensure_office(db, clock, root: Path) -> tuple[Office, User, bool]:
    office_id = settings.get(db, "office.current_id")
    now = clock().isoformat(timespec="seconds")
    spec = None
    if office_id is None:
        spec = demo_office_spec(root)
        office = Office(code=spec["code"], name=spec["name"], region=spec["region"],
                        district=spec["district"], address=spec["address"], phone=spec["phone"],
                        akim_name=spec["akim_name"], akim_position=spec["akim_position"],
                        department=spec["department"], calendar=spec.get("calendar", ""))
        with transaction(db):
            offices.save(db, office)
            settings.put(db, "office.current_id", office.id)
            settings.put(db, "office.is_demo", True)
            settings.put(db, "user.current_login", spec["desk_user"])
            audit.record(db, at=now, user="system", action="office.create", table="offices",
                         uuid=office.uuid, after={"code": office.code})
        office_id = office.id
    office = offices.get(db, office_id)
    is_demo = bool(settings.get(db, "office.is_demo"))
    if not is_demo:
        return office, ANONYMOUS, False
    spec = spec or demo_office_spec(root)
    demo_roles = _ensure_demo_users(db, spec, now)
    desk = user_store.by_login(db, settings.get(db, "user.current_login") or spec["desk_user"])
    if desk is None:
        return office, ANONYMOUS, True
    # The demo desk: the demo specialist's name on papers, every demo role (no sign-in UI yet).
    return office, User(login=desk.login, full_name=desk.full_name, position=dict(desk.position),
                        roles=frozenset(demo_roles)), True


def _ensure_demo_users(db, spec: dict, now: str) -> set[str]:
    """The demo office's users with their documented demo passwords (data/demo/office.toml)."""
    roles: set[str] = set()
    for u in spec.get("users", []):
        wanted = frozenset(str(r) for r in parse_roles(u["roles"]))
        roles |= wanted
        rec = user_store.by_login(db, u["login"])
        if rec is not None and rec.password_hash and rec.roles:
            continue
        with transaction(db):
            if rec is None:
                rec = user_store.insert(db, login=u["login"], full_name=u["full_name"],
                                        position=u["position"], roles=wanted,
                                        password_hash=hash_password(u["password"]), now=now)
            else:  # a demo file from before accounts had passwords
                user_store.update(db, rec.id, roles=wanted, password_changed_at=now,
                                  password_hash=hash_password(u["password"]))
            audit.record(db, at=now, user="system", action="user.create", table="users",
                         uuid=rec.uuid,
                         after={"login": rec.login, "roles": ",".join(sorted(wanted))})
    return roles
