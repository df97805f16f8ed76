"""Store tests on real temporary SQLite files: migrations, reopen, FTS, gap-free numbers, audit."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.domain.errors import SchemaTooNew, StorageError
from desktop_app.domain.household import Household, Member, Person, Relation, Sex
from desktop_app.domain.iin import make_iin
from desktop_app.store import audit, households
from desktop_app.store.db import open_db, transaction
from desktop_app.store.migrations import LATEST, migrate, schema_version


def test_migrate_from_empty_and_reopen(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = open_db(path)
    assert migrate(db, path) == 0
    assert schema_version(db) == LATEST
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    db.close()
    db = open_db(path)
    assert migrate(db, path) == LATEST
    assert "persons_fts" in db.table_names()
    db.close()


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = open_db(path)
    migrate(db, path)
    db.execute(f"PRAGMA user_version = {LATEST + 5}")
    db.close()
    db = open_db(path)
    with pytest.raises(SchemaTooNew):
        migrate(db, path)
    assert schema_version(db) == LATEST + 5


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database")
    with pytest.raises(StorageError) as err:
        open_db(path)
    assert err.value.code == "not_a_database"
    assert path.read_text() == "these are my notes, not a database"


def test_read_only_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "a.sqlite3"
    db = open_db(path)
    migrate(db, path)
    db.close()
    path.chmod(0o444)
    # root may write a 0444 file anyway: judge by what the OS reports for an ordinary user
    import desktop_app.store.db as store_db
    monkeypatch.setattr(store_db.os, "access", lambda p, mode: False)
    with pytest.raises(StorageError) as err:
        open_db(path)
    assert err.value.code == "read_only"
    from desktop_app.i18n import Translator

    for lang in ("kk", "ru"):  # a translated message that names the file
        text = err.value.message(Translator(lang))
        assert str(path) in text and text != err.value.msgid.format(path=path)


def _person(surname, given, iin=None):
    return Person(surname=surname, given_name=given, iin=iin, sex=Sex.MALE)


def test_fts_finds_kazakh_names_and_iin_parts(ctx):
    import datetime as dt

    iin = make_iin(dt.date(1985, 1, 1), Sex.MALE, 123)
    hh = Household(address="Көксу селосы, Абай көшесі, 5", members=[
        Member(_person("Әбдірахманов", "Нұрлан", iin), Relation.APPLICANT),
        Member(_person("Ғабитова", "Іңкәр"), Relation.SPOUSE)])
    with transaction(ctx.db):
        households.save_household(ctx.db, hh, office_id=ctx.office.id, now="2026-11-18T10:00:00")
    find = lambda text: [h.full_name for h in households.search_persons(ctx.db, text)]  # noqa: E731
    assert find("ӘБДІ") == ["Әбдірахманов Нұрлан"]
    assert find("нұрл") == ["Әбдірахманов Нұрлан"]
    assert find("іңкәр") == ["Ғабитова Іңкәр"]
    assert find(iin[3:9]) == ["Әбдірахманов Нұрлан"]
    assert find("абай") and len(find("абай")) == 2      # the address
    assert find("Ә") == ["Әбдірахманов Нұрлан"]         # short: prefix match
    assert find("Смирнов") == []


def test_rolled_back_save_leaves_nothing(ctx):
    from desktop_app.store.applications import next_reg_no

    with pytest.raises(RuntimeError):
        with transaction(ctx.db):
            next_reg_no(ctx.db, ctx.office.id, ctx.office.code, 2026)
            households.save_household(ctx.db, Household(address="x", members=[
                Member(_person("А", "Б"), Relation.APPLICANT)]), office_id=ctx.office.id,
                now="2026-11-18T10:00:00")
            raise RuntimeError("power cut")
    assert ctx.db.execute("SELECT count(*) FROM households").fetchone()[0] == 0
    with transaction(ctx.db):
        reg_no, seq = next_reg_no(ctx.db, ctx.office.id, ctx.office.code, 2026)
    assert seq == 1 and reg_no == f"{ctx.office.code}-2026-000001"


def test_audit_log_is_append_only_and_chained(ctx):
    with transaction(ctx.db):
        audit.record(ctx.db, at="2026-11-18T10:00:00", user="u", action="x", table="t", uuid="1",
                     after={"a": 1})
        audit.record(ctx.db, at="2026-11-18T10:01:00", user="u", action="y", table="t", uuid="1",
                     before={"a": 1}, after={"a": 2})
    assert audit.verify(ctx.db).ok
    with pytest.raises(sqlite3.DatabaseError):
        ctx.db.execute("UPDATE audit_log SET user = 'mallory'")
    with pytest.raises(sqlite3.DatabaseError):
        ctx.db.execute("DELETE FROM audit_log")
    # a hand edit that drops the triggers first is caught by the chain
    ctx.db.execute("DROP TRIGGER audit_log_no_update")
    ctx.db.execute("UPDATE audit_log SET after = '{\"a\": 3}' WHERE action = 'y'")
    report = audit.verify(ctx.db)
    assert not report.ok and report.first_broken_id is not None


def test_undeclared_setting_is_refused(ctx):
    from desktop_app.store import settings

    with pytest.raises(KeyError):
        settings.get(ctx.db, "ui.langauge")
    with pytest.raises(KeyError):
        settings.put(ctx.db, "no.such.key", 1)
    with transaction(ctx.db):
        settings.put(ctx.db, "ui.language", "ru")
    assert settings.get(ctx.db, "ui.language") == "ru"
