"""Open a data directory: create and migrate the file, load the legal data, make sure the office,
its specialist and (on a first start with an empty file) the demo village exist.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path

import logging

from desktop_app import logging_setup
from desktop_app.context import AppContext, User, system_clock
from desktop_app.domain.calendar import load_calendar
from desktop_app.domain.catalogue_loader import load_catalogue
from desktop_app.domain.office import Office
from desktop_app.domain.parameters import load_parameters
from desktop_app.paths import DB_FILE_NAME, data_root, ensure_private_dir, user_data_dir
from desktop_app.store import audit, offices, settings
from desktop_app.store.db import new_uuid, open_db, transaction
from desktop_app.store.migrations import migrate

DEMO_HOUSEHOLDS = 40
log = logging.getLogger(__name__)


def demo_office_spec(data_dir: Path | None = None) -> dict:
    with (data_dir or data_root()).joinpath("demo", "office.toml").open("rb") as fh:
        return tomllib.load(fh)


def open_context(data_dir: Path | str | None = None, *,
                 clock: Callable[[], dt.datetime] = system_clock,
                 demo: bool = True, legal_data: Path | None = None) -> AppContext:
    """Open (creating on first start) the office's data file and everything services need."""
    folder = ensure_private_dir(user_data_dir(data_dir))
    db_path = folder / DB_FILE_NAME
    logging_setup.configure(folder)
    first_start = not db_path.exists()
    db = open_db(db_path)
    try:
        migrate(db, db_path)
        root = legal_data or data_root()
        catalogue = load_catalogue(root / "services")
        parameters = load_parameters(root / "parameters")
        office, user = _ensure_office(db, clock, root)
        calendar = load_calendar(root / "calendar", office.code)
    except BaseException:
        db.close()
        raise
    ctx = AppContext(data_dir=folder, db_path=db_path, db=db, catalogue=catalogue,
                     parameters=parameters, calendar=calendar, office=office, user=user,
                     clock=clock)
    if demo and first_start and not settings.get(db, "office.demo_loaded"):
        from desktop_app.services import demo as demo_village

        demo_village.load_demo_village(ctx, households=DEMO_HOUSEHOLDS)
        log.info("first start: demo village loaded into %s", db_path)
    log.info("opened %s (office %s)", db_path, office.code)
    return ctx


def _ensure_office(db, clock, root: Path) -> tuple[Office, User]:
    office_id = settings.get(db, "office.current_id")
    if office_id is None:
        spec = demo_office_spec(root)
        office = Office(code=spec["code"], name=spec["name"], region=spec["region"],
                        district=spec["district"], address=spec["address"], phone=spec["phone"],
                        akim_name=spec["akim_name"], akim_position=spec["akim_position"],
                        department=spec["department"], calendar=spec.get("calendar", ""))
        sp = spec["specialist"]
        now = clock().isoformat(timespec="seconds")
        with transaction(db):
            offices.save(db, office)
            settings.put(db, "office.current_id", office.id)
            uid = new_uuid()
            db["users"].insert({"uuid": uid, "login": sp["login"], "full_name": sp["full_name"],
                                "position_kk": sp["position"]["kk"],
                                "position_ru": sp["position"]["ru"], "roles": "specialist",
                                "created_at": now})
            settings.put(db, "user.current_login", sp["login"])
            audit.record(db, at=now, user="system", action="office.create", table="offices",
                         uuid=office.uuid, after={"code": office.code})
        office_id = office.id
    office = offices.get(db, office_id)
    login = settings.get(db, "user.current_login")
    row = next(db["users"].rows_where("login = ?", [login]), None)
    user = (User(login=row["login"], full_name=row["full_name"],
                 position={"kk": row["position_kk"], "ru": row["position_ru"]},
                 roles=frozenset(r for r in row["roles"].split(",") if r))
            if row else User(login="system", full_name=""))
    return office, user
