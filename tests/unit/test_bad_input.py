"""Bad values through the use cases (issue 12, items 4-8 and 10-11), on real SQLite files: money is
a bounded finite amount, the applicant's own incomes are checked, an IIN is stored as its 12 digits
whatever spaces it was typed with, texts have limits and no control characters, no saved record
can make its paper fail, `verify` says "not a paper" to a nested payload, personal data is read
only by somebody signed in, and the database files are private to the user."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import stat
import sys
from decimal import Decimal

import pytest
from nacl.signing import SigningKey

from desktop_app.documents import seal
from desktop_app.domain import money
from desktop_app.domain.application import ChecklistItem, Presented
from desktop_app.domain.errors import AppError, DuplicateError, PermissionDenied, ValidationError
from desktop_app.domain.household import (
    Household, Income, IncomeKind, Member, MemberStatus, Person, Relation, Sex,
)
from desktop_app.domain.iin import make_iin
from desktop_app.services import complaints, households, intake, limits
from desktop_app.services.intake import ApplicationDraft, documents_for, take_application
from desktop_app.store import households as hh_store
from desktop_app.store.db import transaction

BORN = dt.date(1979, 3, 3)
IIN = make_iin(BORN, Sex.MALE, 77)


def draft(ctx, *, amount=Decimal("30000"), surname="Сейітов", address="Көксу, Абай көшесі, 1",
          iin=IIN) -> ApplicationDraft:
    person = Person(surname=surname, given_name="Асан", birth_date=BORN, sex=Sex.MALE, iin=iin)
    months = [dt.date(2026, m, 1) for m in (7, 8, 9)]
    hh = Household(address=address, members=[
        Member(person, Relation.APPLICANT, frozenset({MemberStatus.WORKING}),
               incomes=[Income(IncomeKind.WAGE, m, amount, "мектеп") for m in months])])
    d = ApplicationDraft(service_id="tsa", applicant=person, household=hh)
    d.checklist = [ChecklistItem(doc.id, Presented.BOTH, required=doc.required)
                   for doc in documents_for(ctx, d)]
    return d


def nobody(ctx) -> None:
    ctx.user = dataclasses.replace(ctx.user, login="", roles=frozenset())


# 4, 5: money ---------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["NaN", "inf", "-inf", "1e400", "1e30", "-1", "12.345", "abc",
                                 float("nan"), float("inf"), 1e30, True, [1], None])
def test_money_refuses_what_is_not_a_finite_amount(bad):
    with pytest.raises(ValidationError):
        money.parse(bad)
    assert not money.is_amount(bad)


def test_money_accepts_amounts_as_they_come():
    assert money.parse("12 345,50") == Decimal("12345.50")
    assert money.parse(12500) == Decimal("12500.00")
    assert money.parse(Decimal("0.5")) == Decimal("0.50")


@pytest.mark.parametrize("bad", [Decimal("-1"), Decimal("NaN"), Decimal("Infinity"),
                                 Decimal("1e30")])
def test_the_applicants_own_incomes_are_checked(ctx, bad):
    d = draft(ctx, amount=bad)
    assert intake.precheck(ctx, d) is None            # no crash: the form shows the error
    errors = intake.validate_draft(ctx, d)
    assert errors and errors[0].field == "members[0].incomes" and errors[0].message()
    with pytest.raises(ValidationError):
        take_application(ctx, d)
    assert ctx.db.execute("SELECT count(*) FROM persons").fetchone()[0] == 0


def test_a_household_saved_directly_checks_incomes_and_texts(ctx):
    d = draft(ctx, amount=Decimal("NaN"))
    with pytest.raises(ValidationError):
        households.save_household(ctx, d.household)
    d = draft(ctx, address="Көксу\x00")
    with pytest.raises(ValidationError) as err:
        households.save_household(ctx, d.household)
    assert err.value.code == "control_character"


# 6: IIN --------------------------------------------------------------------------------------

def test_an_iin_is_stored_and_found_as_its_twelve_digits(ctx):
    spaced = IIN[:6] + " " + IIN[6:]
    take_application(ctx, draft(ctx, iin=spaced))
    assert ctx.db.execute("SELECT iin FROM persons").fetchall() == [(IIN,)]
    for typed in (IIN, spaced, IIN[:6] + "\u00a0" + IIN[6:], IIN[:6] + "\u2009" + IIN[6:]):
        _, found = households.lookup_iin(ctx, typed)
        assert found is not None and found.iin == IIN
        other = Person(surname="Басқа", given_name="Адам", iin=typed)
        with transaction(ctx.db), pytest.raises(DuplicateError):
            hh_store.save_person(ctx.db, other, now="2026-11-18T10:30:00")
    assert ctx.db.execute("SELECT count(*) FROM persons").fetchone()[0] == 1


# 7: texts ------------------------------------------------------------------------------------

@pytest.mark.parametrize("surname, code", [("Сей\x00тов", "control_character"),
                                           ("Сей\x07тов", "control_character"),
                                           ("А" * 900, "too_long")])
def test_names_with_control_characters_or_too_long_are_refused(ctx, surname, code):
    errors = intake.validate_draft(ctx, draft(ctx, surname=surname))
    assert [e.code for e in errors if e.field == "surname"] == [code]
    assert errors[0].message()


def test_a_name_at_the_limit_still_prints_and_verifies(ctx):
    from desktop_app.services import papers

    app, _ = take_application(ctx, draft(ctx, surname="А" * limits.NAME,
                                         address="Көксу " * (limits.ADDRESS // 6)))
    assert papers.receipt_pdf(ctx, app.reg_no)[0].startswith(b"%PDF")
    person_id = ctx.db.execute("SELECT id FROM persons").fetchone()[0]
    ctx.user = dataclasses.replace(ctx.user, roles=frozenset({"akim", "specialist"}))
    pdf, _, _ = papers.issue_certificate(ctx, "residence", person_id)
    assert pdf.startswith(b"%PDF")


def test_the_qr_carries_bounded_facts():
    key = SigningKey(bytes([9]) * 32)
    facts = {"office": "KRG", "name": "Ә" * 900, "address": "x" * 4000}
    payload = seal.sign(facts, key)
    known = seal.KnownKey(key.verify_key, {"kk": "KRG"}, "fp")
    check = seal.verify(payload, lambda code: known)
    assert check.verdict == seal.Verdict.GENUINE
    assert len(check.facts["name"]) <= seal.MAX_FACT and check.facts["name"].startswith("ӘӘӘ")


def test_a_complaint_subject_has_a_limit_and_one_at_the_limit_prints(ctx):
    with pytest.raises(ValidationError) as err:
        complaints.record_complaint(ctx, complainant="Әбенов Ерлан", subject="ш" * 4000)
    assert err.value.code == "too_long" and "1000" in err.value.message()
    assert ctx.db.execute("SELECT count(*) FROM complaints").fetchone()[0] == 0
    number, _ = complaints.record_complaint(ctx, complainant="Әбенов Ерлан",
                                            subject="шағым " * (limits.SUBJECT // 6))
    assert complaints.talon_pdf(ctx, number).startswith(b"%PDF")


def test_a_very_long_search_finds_without_failing(ctx):
    take_application(ctx, draft(ctx))
    assert households.find_persons(ctx, "Сейітов" * 15_000) == []
    assert households.list_households(ctx, "а" * 100_000) == []
    assert [h.iin for h in households.find_persons(ctx, "Сейітов")] == [IIN]


# 8: verify -----------------------------------------------------------------------------------

def test_verify_says_not_a_paper_to_a_nested_payload():
    check = seal.verify("AKD1|" + "[" * 1100 + "|abc", lambda code: None)
    assert check.verdict == seal.Verdict.NOT_A_PAPER
    check = seal.verify(seal.PREFIX + seal.SEP + "[" * 5000 + seal.SEP + "x", lambda code: None)
    assert check.verdict == seal.Verdict.NOT_A_PAPER


# 10: access ----------------------------------------------------------------------------------

def test_reads_of_personal_data_need_somebody_signed_in(ctx):
    app, _ = take_application(ctx, draft(ctx))
    person_id = ctx.db.execute("SELECT id FROM persons").fetchone()[0]
    nobody(ctx)
    for call in (lambda: households.find_persons(ctx, "Сей"),
                 lambda: households.list_households(ctx),
                 lambda: households.household_of(ctx, person_id),
                 lambda: households.person(ctx, person_id),
                 lambda: households.lookup_iin(ctx, IIN)):
        with pytest.raises(PermissionDenied) as err:
            call()
        assert err.value.code == "not_signed_in"


def test_print_answers_an_unknown_and_a_known_iin_alike_without_sign_in(ctx):
    from desktop_app import cli_papers

    app, _ = take_application(ctx, draft(ctx))
    nobody(ctx)
    answers = []
    for iin in (IIN, make_iin(dt.date(1990, 1, 1), Sex.FEMALE, 5)):
        args = argparse.Namespace(kind="certificate", what="residence", iin=iin, quarter=None)
        with pytest.raises(AppError) as err:
            cli_papers._print(ctx, args, ("kk",))
        answers.append(err.value.code)
    for what in (app.reg_no, "NO-SUCH-1"):
        for kind in ("notice", "referral"):
            with pytest.raises(AppError) as err:
                cli_papers._print(ctx, argparse.Namespace(kind=kind, what=what, head=""), ("kk",))
            answers.append(err.value.code)
    assert set(answers) == {"not_signed_in"}


# 11: files -----------------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_database_files_are_private(ctx):
    ctx.db.execute("CREATE TABLE IF NOT EXISTS t_probe (x)")   # makes -wal and -shm exist
    for suffix in ("", "-wal", "-shm"):
        path = ctx.db_path.with_name(ctx.db_path.name + suffix)
        if path.exists():
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_a_backup_to_a_chosen_folder_leaves_its_permissions_alone(ctx, tmp_path):
    from desktop_app.services import backup

    stick = tmp_path / "usb"
    stick.mkdir()
    os.chmod(stick, 0o755)
    ctx.user = dataclasses.replace(ctx.user, roles=frozenset({"admin"}))
    copy = backup.backup_now(ctx, stick)
    assert stat.S_IMODE(os.stat(stick).st_mode) == 0o755
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600


def test_iins_stored_with_spaces_are_made_digits_and_duplicates_reported(tmp_path, ctx):
    """A file from before (schema 7) with one IIN under three spellings: the upgrade keeps the
    first as its digits, leaves the others for the report, and no person is lost."""
    from desktop_app.store import migrations
    from desktop_app.store.db import open_db
    from desktop_app.store.schema import v009_iin_digits

    db = open_db(tmp_path / "old.sqlite3")
    for step in migrations.STEPS[:7]:
        step(db)
    db.execute("PRAGMA user_version = 7")
    spaced, nbsp = IIN[:6] + " " + IIN[6:], IIN[:6] + "\u00a0" + IIN[6:]
    other = make_iin(dt.date(1990, 1, 1), Sex.FEMALE, 5)
    for i, iin in enumerate((spaced, IIN, nbsp, other[:6] + " " + other[6:])):
        db["persons"].insert({"uuid": f"p{i}", "iin": iin, "surname": f"S{i}", "given_name": "G",
                              "created_at": "2026-01-01", "updated_at": "2026-01-01"})
    assert migrations.STEPS[8] is v009_iin_digits.upgrade
    migrations.migrate(db)
    rows = dict(db.execute("SELECT uuid, iin FROM persons").fetchall())
    assert rows["p3"] == other                    # no clash: made digits
    assert sorted(rows[k] for k in ("p0", "p1", "p2")).count(IIN) == 1   # one holds the digits
    assert hh_store.iin_duplicates(db) == [(IIN, (1, 2, 3))]
    db.conn.close()

    take_application(ctx, draft(ctx))
    ctx.user = dataclasses.replace(ctx.user, roles=frozenset({"specialist"}))
    assert households.iin_duplicates(ctx) == []


def test_persons_saved_twice_under_one_iin_merge_only_when_confirmed(ctx):
    from desktop_app.services.intake import take_application as take

    app, _ = take(ctx, draft(ctx))
    kept = ctx.db.execute("SELECT id, iin FROM persons WHERE id = ?",
                          [app.applicant_id]).fetchone()
    spaced = kept[1][:6] + " " + kept[1][6:]
    ctx.db.execute("INSERT INTO persons (uuid, iin, surname, given_name, created_at, updated_at)"
                   " VALUES ('dup-uuid', ?, 'Екі', 'Рет', '2026-01-01', '2026-01-01')", [spaced])
    dup = ctx.db.execute("SELECT id FROM persons WHERE uuid = 'dup-uuid'").fetchone()[0]
    ctx.db.execute("INSERT INTO person_incomes (person_id, kind, month, amount) VALUES"
                   " (?, 'pension', '2026-07-01', '41000')", [dup])
    ctx.db.conn.commit()
    [(iin, persons)] = households.iin_duplicates(ctx)
    assert iin == kept[1] and {p.id for p in persons} == {kept[0], dup}
    with pytest.raises(ValidationError) as err:
        households.merge_iin_duplicates(ctx, iin, confirmed=False)
    assert err.value.code == "not_confirmed" and households.iin_duplicates(ctx)
    households.merge_iin_duplicates(ctx, spaced, confirmed=True)
    assert households.iin_duplicates(ctx) == []
    assert ctx.db.execute("SELECT count(*) FROM persons WHERE id = ?", [dup]).fetchone()[0] == 0
    assert ctx.db.execute("SELECT count(*) FROM person_incomes WHERE person_id = ? AND"
                          " kind = 'pension'", [kept[0]]).fetchone()[0] == 1
    assert ctx.db.execute("SELECT count(*) FROM audit_log WHERE action = 'person.merge'"
                          ).fetchone()[0] == 1
    with pytest.raises(ValidationError) as err:
        households.merge_iin_duplicates(ctx, iin, confirmed=True)
    assert err.value.code == "no_duplicates"
