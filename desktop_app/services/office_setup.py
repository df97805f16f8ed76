"""The office's identity: choose it from the reference lists (region → district → akim apparatus)
or type a new one, then its akim, the Department it reports to, its first administrator and its
staff. `set_up_office` saves all of it in one transaction (the first start, or a demo office
becoming a real one); `update_office` changes the identity later (Settings, administrators only).

Imports context, domain (office, offices_catalogue, roles, passwords, errors), store, services
(guard, auth). Printed papers take their header from `ctx.office`, which both calls refresh.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from desktop_app.context import AppContext
from desktop_app.domain.calendar import load_calendar
from desktop_app.domain.errors import AppError, ParameterError, ValidationError
from desktop_app.domain.office import Office
from desktop_app.domain.offices_catalogue import (AkimOffice, OfficeLists, load_office_lists,
                                                  to_office)
from desktop_app.domain.passwords import check_password_rules, hash_password
from desktop_app.domain.roles import Action, Role, parse_roles, roles_text
from desktop_app.i18n import N_
from desktop_app.paths import data_root
from desktop_app.services import Changes, calendar_days
from desktop_app.services.auth import LOGIN_RE, to_user
from desktop_app.services.guard import require
from desktop_app.store import audit, offices, settings
from desktop_app.store import users as user_store
from desktop_app.store.db import transaction

CODE_RE = re.compile(r"[A-Z0-9-]{3,30}", re.ASCII)
REGION_RE = re.compile(r"[a-z][a-z0-9_-]{1,40}", re.ASCII)
PHONE_RE = re.compile(r"[0-9 +()\-,;]*")
LANGS = ("kk", "ru")
LANG_MARKS = {"kk": "қаз", "ru": "рус"}   # as the forms mark each language's field


@dataclass
class StaffDraft:
    """One account to create: the first administrator or a specialist."""

    login: str = ""
    full_name: str = ""
    position: dict[str, str] = field(default_factory=lambda: {"kk": "", "ru": ""})
    roles: frozenset[str] = frozenset()
    password: str = ""


@dataclass
class OfficeDraft:
    """What the first-run dialog (or the Settings office dialog) gathers."""

    code: str = ""
    name: dict[str, str] = field(default_factory=lambda: {"kk": "", "ru": ""})
    region: str = ""
    district: dict[str, str] = field(default_factory=lambda: {"kk": "", "ru": ""})
    address: dict[str, str] = field(default_factory=lambda: {"kk": "", "ru": ""})
    phone: str = ""
    akim_name: str = ""
    akim_position: dict[str, str] = field(default_factory=lambda: {"kk": "", "ru": ""})
    department: dict[str, str] = field(default_factory=lambda: {"kk": "", "ru": ""})
    listed_id: str = ""                  # the akim apparatus chosen from the lists, if any
    admin: StaffDraft | None = None      # the first administrator (set-up only)
    staff: list[StaffDraft] = field(default_factory=list)

    def to_office(self) -> Office:
        def pair(value: dict[str, str]) -> dict[str, str]:
            return {k: (value.get(k) or "").strip() for k in LANGS}

        return Office(code=self.code.strip().upper(), name=pair(self.name),
                      region=self.region.strip().lower(), district=pair(self.district),
                      address=pair(self.address), phone=self.phone.strip(),
                      akim_name=" ".join(self.akim_name.split()),
                      akim_position=pair(self.akim_position), department=pair(self.department))


# the lists ------------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _lists(folder: str) -> OfficeLists:
    return load_office_lists(Path(folder))


def office_lists(root: Path | None = None) -> OfficeLists:
    """The shipped office lists (data/offices), loaded once."""
    return _lists(str((root or data_root()) / "offices"))


def search_akims(lists: OfficeLists, region: str, district_id: str | None, text: str = ""
                 ) -> list[AkimOffice]:
    """The akim apparatuses of a district whose kk or ru name contains `text` (any case)."""
    words = text.casefold().split()
    out = []
    for akim in lists.akims(region, district_id):
        hay = f"{akim.name_kk} {akim.name_ru} {akim.settlement_kk}".casefold()
        if all(w in hay for w in words):
            out.append(akim)
    return out


def draft_from_list(lists: OfficeLists, akim_id: str) -> OfficeDraft:
    """A draft prefilled from a listed akim apparatus (its Department included); the akim's own
    name and position are left for the office to type."""
    akim = lists.get(akim_id)
    office = to_office(akim, lists)
    return OfficeDraft(code=office.code, name=dict(office.name), region=office.region,
                       district=dict(office.district), address=dict(office.address),
                       phone=office.phone, department=dict(office.department), listed_id=akim_id)


def draft_from_office(office: Office) -> OfficeDraft:
    """The current office as a draft, for the Settings dialog."""
    return OfficeDraft(code=office.code, name=dict(office.name), region=office.region,
                       district=dict(office.district), address=dict(office.address),
                       phone=office.phone, akim_name=office.akim_name,
                       akim_position=dict(office.akim_position),
                       department=dict(office.department))


# checks ---------------------------------------------------------------------------------------
def _pair_errors(errors: list[ValidationError], key: str, value: dict[str, str], msgid: str
                 ) -> None:
    for lang in LANGS:
        if not (value.get(lang) or "").strip():
            errors.append(ValidationError(f"{key}.{lang}", msgid, code="required",
                                          lang=LANG_MARKS[lang]))


def _account_errors(errors: list[ValidationError], key: str, person: StaffDraft,
                    taken: set[str]) -> None:
    login = person.login.strip().lower()
    if not LOGIN_RE.fullmatch(login):
        errors.append(ValidationError(f"{key}.login", N_(
            "A login is 2 to 32 Latin letters, digits, dots, dashes or underscores."),
            code="bad_login"))
    elif login in taken:
        errors.append(ValidationError(f"{key}.login", N_("The login {login} is already taken."),
                                      code="duplicate_login", login=login))
    taken.add(login)
    if not person.full_name.strip():
        errors.append(ValidationError(f"{key}.full_name", N_("Enter the full name.")))
    try:
        roles = parse_roles(person.roles)
    except ValidationError as exc:
        errors.append(ValidationError(f"{key}.roles", exc.msgid, code=exc.code, **exc.params))
    else:
        if not roles:
            errors.append(ValidationError(f"{key}.roles", N_("Choose at least one role."),
                                          code="no_roles"))
    try:
        check_password_rules(person.password, login)
    except ValidationError as exc:
        errors.append(ValidationError(f"{key}.password", exc.msgid, code=exc.code, **exc.params))


def check_identity(ctx: AppContext | None, draft: OfficeDraft) -> list[ValidationError]:
    """Every problem of the office's identity (code, names, region, akim, Department, address)."""
    errors: list[ValidationError] = []
    office = draft.to_office()
    if not CODE_RE.fullmatch(office.code):
        errors.append(ValidationError("code", N_(
            "The office code is 3 to 30 capital Latin letters, digits or dashes, e.g. "
            "KRG-ABAY-KOKSU."), code="bad_code"))
    elif ctx is not None:
        other = offices.by_code(ctx.db, office.code)
        if other is not None and other.id != ctx.office.id:
            errors.append(ValidationError(
                "code", N_("The office code {office_code} is already used."),
                code="duplicate_code", office_code=office.code))
    _pair_errors(errors, "name", office.name, N_("Enter the office's name ({lang})."))
    if not REGION_RE.fullmatch(office.region):
        errors.append(ValidationError("region", N_("Choose the region."), code="required"))
    _pair_errors(errors, "address", office.address, N_("Enter the address ({lang})."))
    if not PHONE_RE.fullmatch(office.phone):
        errors.append(ValidationError("phone", N_("A phone number has digits, spaces, +, "
                                                  "brackets and dashes only."), code="bad_phone"))
    if not office.akim_name:
        errors.append(ValidationError("akim_name", N_("Enter the akim's full name.")))
    _pair_errors(errors, "akim_position", office.akim_position,
                 N_("Enter the akim's position ({lang})."))
    _pair_errors(errors, "department", office.department,
                 N_("Enter the Department the office reports to ({lang})."))
    return errors


def check(ctx: AppContext | None, draft: OfficeDraft) -> list[ValidationError]:
    """Every problem of a set-up draft: the identity, the first administrator and the staff."""
    errors = check_identity(ctx, draft)
    taken: set[str] = set()
    if draft.admin is None:
        errors.append(ValidationError("admin.login", N_("Create the first administrator."),
                                      code="no_admin"))
    else:
        admin = dataclasses.replace(draft.admin, roles=frozenset(draft.admin.roles) | {Role.ADMIN})
        _account_errors(errors, "admin", admin, taken)
    for i, person in enumerate(draft.staff):
        _account_errors(errors, f"staff.{i}", person, taken)
    return errors


# writes ---------------------------------------------------------------------------------------
def _office_facts(office: Office) -> dict:
    row = offices.to_row(office)
    row.pop("uuid", None)
    return row


def _refresh(ctx: AppContext, office_id: int) -> None:
    ctx.office = offices.get(ctx.db, office_id)
    try:
        ctx.calendar = calendar_days.merged(
            ctx.db, load_calendar(data_root() / "calendar", ctx.office.code))
    except ParameterError:
        pass  # the national calendar stays; the start-up reports a broken office file


def set_up_office(ctx: AppContext, draft: OfficeDraft) -> Changes:
    """The office sets itself up: its identity, first administrator and staff, in one transaction.

    Allowed on a folder with no office yet (the first start, nobody signed in) or by an
    administrator of the untouched demo office, whose demo accounts are then switched off (an
    account the draft names again is taken over with the new password). Clears the demo flag, so
    passwords are asked from then on; the context then acts as the new administrator.
    """
    pending = ctx.office.id is None
    if not pending:
        require(ctx, Action.OFFICE_SETUP)
        if not ctx.is_demo:
            raise AppError(N_("The office is already set up: change its details in Settings."),
                           code="already_set_up")
    errors = check(ctx, draft)
    if errors:
        raise errors[0]
    assert draft.admin is not None
    office = draft.to_office()
    now = ctx.now_iso()
    actor = ctx.user.login or "system"
    people = [dataclasses.replace(draft.admin, roles=frozenset(draft.admin.roles) | {Role.ADMIN}),
              *draft.staff]
    with transaction(ctx.db):
        before = None
        if not pending:
            office.id, office.uuid = ctx.office.id, ctx.office.uuid
            before = _office_facts(ctx.office)
        offices.save(ctx.db, office)
        settings.put(ctx.db, "office.current_id", office.id)
        settings.put(ctx.db, "office.is_demo", False)
        settings.put(ctx.db, "user.current_login", "")
        audit.record(ctx.db, at=now, user=actor, action="office.set_up", table="offices",
                     uuid=office.uuid, before=before,
                     after={**_office_facts(office), "listed_id": draft.listed_id})
        wanted = {p.login.strip().lower() for p in people}
        for rec in user_store.all_users(ctx.db):
            if rec.active and rec.login not in wanted:
                user_store.update(ctx.db, rec.id, active=False)
                audit.record(ctx.db, at=now, user=actor, action="user.deactivate",
                             table="users", uuid=rec.uuid, after={"active": False,
                                                                  "reason": "office set-up"})
        for person in people:
            _put_account(ctx, person, now, actor)
        admin = user_store.get(ctx.db, draft.admin.login.strip().lower())
        audit.record(ctx.db, at=now, user=admin.login, action="user.sign_in", table="users",
                     uuid=admin.uuid)
    ctx.is_demo = False
    ctx.user = to_user(admin)
    _refresh(ctx, office.saved_id)
    return Changes(office=True, settings=True)


def _put_account(ctx: AppContext, person: StaffDraft, now: str, actor: str) -> None:
    login = person.login.strip().lower()
    roles = frozenset(map(str, parse_roles(person.roles)))
    position = {k: (person.position.get(k) or "").strip() for k in LANGS}
    full_name = " ".join(person.full_name.split())
    facts = {"login": login, "full_name": full_name, "roles": roles_text(roles)}
    rec = user_store.by_login(ctx.db, login)
    if rec is None:
        rec = user_store.insert(ctx.db, login=login, full_name=full_name, position=position,
                                roles=roles, password_hash=hash_password(person.password),
                                now=now)
        audit.record(ctx.db, at=now, user=actor, action="user.create", table="users",
                     uuid=rec.uuid, after=facts)
        return
    # a demo account the office takes over: new name, roles and password
    user_store.update(ctx.db, rec.id, full_name=full_name, position_kk=position["kk"],
                      position_ru=position["ru"], roles=roles, active=True,
                      password_hash=hash_password(person.password), password_changed_at=now,
                      failed_attempts=0, locked_until=None)
    audit.record(ctx.db, at=now, user=actor, action="user.take_over", table="users",
                 uuid=rec.uuid, before={"login": rec.login, "full_name": rec.full_name,
                                        "roles": roles_text(rec.roles)}, after=facts)


def update_office(ctx: AppContext, draft: OfficeDraft) -> Changes:
    """Change the office's identity (administrators only). The code stays once applications are
    registered under it: registration numbers and the district's records carry it."""
    require(ctx, Action.OFFICE_SETUP)
    errors = check_identity(ctx, draft)
    office = draft.to_office()
    if office.code != ctx.office.code and _has_applications(ctx):
        errors.insert(0, ValidationError("code", N_(
            "The office code cannot change once applications are registered under it."),
            code="code_in_use"))
    if errors:
        raise errors[0]
    office.id, office.uuid, office.calendar = ctx.office.id, ctx.office.uuid, ctx.office.calendar
    before, after = _office_facts(ctx.office), _office_facts(office)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if not changed:
        return Changes()
    with transaction(ctx.db):
        offices.save(ctx.db, office)
        audit.record(ctx.db, at=ctx.now_iso(), user=ctx.user.login, action="office.update",
                     table="offices", uuid=office.uuid,
                     before={k: before.get(k) for k in changed}, after=changed)
    _refresh(ctx, office.saved_id)
    return Changes(office=True)


def _has_applications(ctx: AppContext) -> bool:
    row = ctx.db.execute("SELECT 1 FROM applications WHERE office_id = ? LIMIT 1",
                         [ctx.office.id]).fetchone()
    return row is not None
