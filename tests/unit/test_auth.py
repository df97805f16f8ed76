"""Accounts, sign-in and roles: scrypt hashes with their own salts, the growing lock-out, inactive
accounts, and role checks that refuse in the service layer with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain import passwords
from desktop_app.domain.errors import PermissionDenied, SignInError, ValidationError
from desktop_app.domain.roles import PERMISSIONS, Action, Role, allowed, mask_iin, parse_roles
from desktop_app.i18n import Translator
from desktop_app.services import applications, auth, guard, households, papers
from desktop_app.services import audit as audit_service
from desktop_app.services import backup as backup_service
from desktop_app.services.intake import take_application

from tests.unit.test_services import tsa_draft


def count(ctx, table: str) -> int:
    return ctx.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def test_hash_verify_and_salts_differ():
    a, b = passwords.hash_password("correct horse"), passwords.hash_password("correct horse")
    assert a != b and a.split("$")[5] != b.split("$")[5]
    assert a.startswith("scrypt$1$14$8$1$")
    assert passwords.verify_password("correct horse", a)
    assert not passwords.verify_password("correct horsf", a)
    for broken in ("", "scrypt$1$14", "md5$1$14$8$1$AAAA$AAAA", a[:-4] + "!!!!", None):
        assert not passwords.verify_password("correct horse", broken)
    assert not passwords.needs_rehash(a)
    assert passwords.needs_rehash(passwords.hash_password("x" * 8, log2_n=12))


def test_password_rules():
    assert {e.code for e in passwords.password_problems("short")} == {"password_short"}
    assert {e.code for e in passwords.password_problems("12345678")} == {"password_weak"}
    assert {e.code for e in passwords.password_problems("aaaaaaaaaa")} == {"password_weak"}
    problems = passwords.password_problems("gulnar-2026", "gulnar")
    assert {e.code for e in problems} == {"password_weak"}
    assert passwords.password_problems("Көксу ауылы 22") == []


def test_lockout_grows_and_is_capped():
    got = [passwords.lockout_duration(n) for n in range(1, 14)]
    assert got[:4] == [None] * 4
    assert got[4] == dt.timedelta(minutes=1) and got[5] == dt.timedelta(minutes=2)
    assert got[6] == dt.timedelta(minutes=4)
    assert max(g for g in got if g) == passwords.MAX_LOCK
    assert all(a <= b for a, b in zip(got[4:], got[5:]))


def test_roles_and_masking():
    assert parse_roles("akim, Specialist") == {Role.AKIM, Role.SPECIALIST}
    with pytest.raises(ValidationError):
        parse_roles("akim,boss")
    assert allowed({"akim"}, Action.ISSUE_CERTIFICATE) and not allowed({"akim"}, "backup")
    assert set(PERMISSIONS) == set(Action)
    assert mask_iin("880402300116", {"admin"}) == "8804••••0116"
    assert mask_iin("880402300116", {"specialist"}) == "880402300116"
    assert mask_iin("880402300116", ()) == "8804••••0116"


def test_demo_office_has_three_users_and_desk_holds_every_role(ctx):
    assert ctx.is_demo
    assert ctx.user.login == "specialist"
    assert {"akim", "specialist", "admin"} <= set(ctx.user.roles)
    users = {u.login: u for u in auth.list_users(ctx)}
    assert set(users) == {"akim", "specialist", "admin"}
    assert all(u.password_hash is None for u in users.values())  # hashes never leave the store
    assert users["akim"].roles == {"akim"}


def test_sign_in_wrong_password_locks_for_growing_time(ctx):
    clock = Clock(dt.datetime(2026, 11, 18, 10, 30))
    ctx.clock = clock
    for _ in range(4):
        with pytest.raises(SignInError) as err:
            auth.sign_in(ctx, "akim", "wrong password")
        assert err.value.code == "wrong_password"
    with pytest.raises(SignInError) as err:
        auth.sign_in(ctx, "akim", "wrong password")  # the fifth: locked for a minute
    assert err.value.code == "locked" and err.value.params["until"] == "10:31"
    with pytest.raises(SignInError) as err:
        auth.sign_in(ctx, "akim", "demo-akim")  # even the right password waits
    assert err.value.code == "locked"
    clock.now += dt.timedelta(minutes=1, seconds=1)
    with pytest.raises(SignInError) as err:
        auth.sign_in(ctx, "akim", "still wrong")  # the sixth: two minutes
    assert err.value.code == "locked" and err.value.params["until"] == "10:33"
    clock.now += dt.timedelta(minutes=3)
    user = auth.sign_in(ctx, "akim", "demo-akim")
    assert user.roles == {"akim"} and ctx.user.login == "akim"
    rec = ctx.db.execute("SELECT failed_attempts, locked_until, last_login FROM users "
                         "WHERE login = 'akim'").fetchone()
    assert rec[0] == 0 and rec[1] is None and rec[2] == "2026-11-18T10:34:01"
    actions = [r[0] for r in ctx.db.execute("SELECT action FROM audit_log WHERE user = 'akim'")]
    assert actions.count("user.sign_in_failed") == 6 and actions[-1] == "user.sign_in"


def test_unknown_login_and_inactive(ctx):
    with pytest.raises(SignInError) as err:
        auth.sign_in(ctx, "nobody", "whatever1")
    assert err.value.code == "wrong_password"
    auth.set_active(ctx, "akim", False)
    with pytest.raises(SignInError) as err:
        auth.sign_in(ctx, "akim", "demo-akim")
    assert err.value.code == "inactive"


def test_admin_creates_users_and_cannot_remove_the_last_admin(ctx):
    auth.act_as(ctx, "admin")
    user = auth.create_user(ctx, "Aigerim", "Нұрланова Айгерім", "specialist,akim",
                            "Көксу-2026-көктем", position={"kk": "маман", "ru": "специалист"})
    assert user.login == "aigerim" and user.roles == {"specialist", "akim"}
    with pytest.raises(ValidationError):
        auth.create_user(ctx, "x", "X", "akim", "Көксу-2026-көктем")
    with pytest.raises(ValidationError):
        auth.create_user(ctx, "weak", "Weak", "akim", "123")
    with pytest.raises(Exception) as err:
        auth.set_roles(ctx, "admin", "akim")
    assert getattr(err.value, "code", "") == "last_admin"
    auth.change_password(ctx, "aigerim", "жаңа құпия сөз")
    assert auth.sign_in(ctx, "aigerim", "жаңа құпия сөз").login == "aigerim"
    with pytest.raises(SignInError):
        auth.change_password(ctx, "aigerim", "тағы бір жаңа сөз", old_password="wrong")
    auth.change_password(ctx, "aigerim", "тағы бір жаңа сөз", old_password="жаңа құпия сөз")
    after = ctx.db.execute("SELECT after FROM audit_log WHERE action LIKE 'user.%'").fetchall()
    assert not any("scrypt$" in (a[0] or "") for a in after)  # hashes never reach the audit log


def test_a_specialist_may_not_manage_users(ctx):
    auth.act_as(ctx, "specialist")
    before = count(ctx, "users")
    with pytest.raises(PermissionDenied) as err:
        auth.create_user(ctx, "intruder", "Intruder", "admin,akim", "Көксу-2026-көктем")
    assert err.value.code == "forbidden"
    assert "manage users" in err.value.message(Translator("kk")) or err.value.message()
    assert count(ctx, "users") == before


def test_first_admin_needs_no_one_only_while_there_is_none(ctx):
    ctx.db.execute("UPDATE users SET active = 0 WHERE login = 'admin'")
    auth.sign_out(ctx)
    assert auth.needs_first_admin(ctx)
    auth.create_user(ctx, "boss", "Бас әкімші", "admin", "Көксу-2026-көктем")
    assert not auth.needs_first_admin(ctx)
    with pytest.raises(PermissionDenied) as err:
        auth.create_user(ctx, "boss2", "Екінші", "admin", "Көксу-2026-көктем")
    assert err.value.code == "not_signed_in"


ROLE_CASES = [
    ("akim", "take", lambda c: take_application(c, tsa_draft(c))),
    ("admin", "take", lambda c: take_application(c, tsa_draft(c))),
    ("admin", "household", lambda c: households.save_household(c, tsa_draft(c).household)),
    ("specialist", "certificate", lambda c: papers.issue_certificate(c, "residence", 1)),
    ("admin", "certificate", lambda c: papers.issue_certificate(c, "residence", 1)),
    ("akim", "decision", lambda c: applications.record_decision(
        c, 1, assigned=True, decided_on=dt.date(2026, 11, 20))),
    ("specialist", "backup", lambda c: backup_service.backup_now(c)),
    ("akim", "restore", lambda c: backup_service.restore(c, c.db_path)),
    ("specialist", "audit", lambda c: audit_service.verify(c)),
    ("admin", "receipt", lambda c: papers.receipt_pdf(c, "KRG-ABAY-KOKSU-2026-000001")),
]


@pytest.mark.parametrize("login,what,call", ROLE_CASES, ids=[f"{r}-{w}" for r, w, _ in ROLE_CASES])
def test_roles_refuse_in_the_service_layer_with_nothing_written(demo_ctx, login, what, call):
    tables = ("persons", "households", "applications", "papers", "audit_log", "users")
    before = {t: count(demo_ctx, t) for t in tables}
    auth.act_as(demo_ctx, login)
    with pytest.raises(PermissionDenied):
        call(demo_ctx)
    assert {t: count(demo_ctx, t) for t in tables} == before


def test_roles_allow_their_own_work(ctx):
    auth.act_as(ctx, "specialist")
    app, _ = take_application(ctx, tsa_draft(ctx))
    assert app.receiver_name == "Серікбаева Гүлнар Асқарқызы"
    papers.receipt_pdf(ctx, app.reg_no)
    auth.act_as(ctx, "akim")
    pdf, reg_no, _ = papers.issue_certificate(ctx, "residence", app.applicant_id)
    assert pdf.startswith(b"%PDF")
    assert guard.shown_iin(ctx, "880402300116") == "880402300116"
    auth.act_as(ctx, "admin")
    assert guard.shown_iin(ctx, "880402300116") == "8804••••0116"
    rows = audit_service.query(ctx, user="akim")
    assert {r.action for r in rows} >= {"paper.issue", "application.take"}
    assert audit_service.verify(ctx).ok


def test_nobody_signed_in_in_a_real_office(ctx):
    ctx.is_demo = False
    auth.sign_out(ctx)
    with pytest.raises(PermissionDenied) as err:
        take_application(ctx, tsa_draft(ctx))
    assert err.value.code == "not_signed_in"
    with pytest.raises(SignInError) as err:
        auth.act_as(ctx, "akim")
    assert err.value.code == "password_needed"
    assert auth.sign_in(ctx, "specialist", "demo-specialist").roles == {"specialist"}
    take_application(ctx, tsa_draft(ctx))


def test_a_version_1_demo_file_is_upgraded_with_accounts(tmp_path):
    """A data file from before accounts: the demo specialist had no password and no lock-out."""
    import sqlite_utils

    from desktop_app.domain.office import Office
    from desktop_app.services.setup import open_context
    from desktop_app.store import offices, settings
    from desktop_app.store.schema import v001_initial

    db = sqlite_utils.Database(tmp_path / "akimat.sqlite3")
    v001_initial.upgrade(db)
    db.execute("PRAGMA user_version = 1")
    office = offices.save(db, Office(code="KRG-ABAY-KOKSU", name={"kk": "a", "ru": "a"},
                                     region="karaganda"))
    settings.put(db, "office.current_id", office.id)
    settings.put(db, "user.current_login", "specialist")
    db["users"].insert({"uuid": "u1", "login": "specialist", "full_name": "Серікбаева Гүлнар",
                        "roles": "specialist", "created_at": "2026-11-01T09:00:00"})
    db.conn.commit()
    db.close()
    ctx = open_context(tmp_path, demo=False)
    try:
        assert ctx.is_demo and ctx.user.login == "specialist"
        assert ctx.db.execute("PRAGMA application_id").fetchone()[0] == 0x414B4454
        assert auth.sign_in(ctx, "specialist", "demo-specialist").full_name == "Серікбаева Гүлнар"
        assert (tmp_path / "akimat.before-v2.sqlite3").exists()  # the copy before migrating
    finally:
        ctx.close()
