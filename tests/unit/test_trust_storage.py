"""A bad day: a clock set years wrong, a full disk, a read-only folder, an audit log edited by
hand. Each gets a clear typed message and nothing that was saved is lost."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.errors import ClockError, StorageError
from desktop_app.services import startup
from desktop_app.services.intake import take_application
from desktop_app.services.setup import open_context

from tests.conftest import FIXED_NOW
from tests.unit.test_services import tsa_draft


def count(ctx, table: str) -> int:
    return ctx.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _reopen(ctx, moment: dt.datetime):
    folder = ctx.data_dir
    ctx.close()
    return open_context(folder, clock=lambda: moment, demo=False)


@pytest.mark.parametrize("shift,code", [(-3 * 365, "clock_behind"), (5 * 365, "clock_ahead")])
def test_a_clock_years_wrong_blocks_writes_until_corrected(demo_ctx, shift, code):
    before = count(demo_ctx, "applications")
    ctx = _reopen(demo_ctx, FIXED_NOW + dt.timedelta(days=shift))
    try:
        assert isinstance(ctx.clock_problem, ClockError) and ctx.clock_problem.code == code
        assert ctx.clock_problem in ctx.startup_warnings
        with pytest.raises(ClockError):
            take_application(ctx, tsa_draft(ctx))
        assert count(ctx, "applications") == before
        if code == "clock_ahead":  # the office was closed a long time: a person may confirm
            startup.confirm_clock(ctx)
            take_application(ctx, tsa_draft(ctx))
            assert count(ctx, "applications") == before + 1
    finally:
        ctx.close()


def test_a_clock_before_2024_is_refused_even_in_an_empty_office(tmp_path):
    ctx = open_context(tmp_path, clock=lambda: dt.datetime(2001, 1, 1), demo=True)
    try:
        assert ctx.clock_problem.code == "clock_behind"
        assert count(ctx, "applications") == 0  # the demo village waits for a sane clock
    finally:
        ctx.close()


def _residence_draft(ctx, address: str):
    from desktop_app.domain.application import ChecklistItem, Presented
    from desktop_app.domain.household import Person, Sex
    from desktop_app.domain.iin import make_iin
    from desktop_app.services.intake import ApplicationDraft, documents_for

    person = Person(surname="Тестов", given_name="Берік", birth_date=dt.date(1980, 5, 17),
                    sex=Sex.MALE, iin=make_iin(dt.date(1980, 5, 17), Sex.MALE, 4242),
                    address=address)
    draft = ApplicationDraft(service_id="residence_certificate", applicant=person)
    draft.checklist = [ChecklistItem(d.id, Presented.BOTH, required=d.required)
                       for d in documents_for(ctx, draft)]
    return draft


def test_full_disk_while_saving_keeps_what_was_saved(ctx):
    first, _ = take_application(ctx, tsa_draft(ctx))
    pages = ctx.db.execute("PRAGMA page_count").fetchone()[0]
    ctx.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    big = _residence_draft(ctx, "Көксу, Абай көшесі, 2")
    big.answers = {"note": "ұзын жауап " * 400}      # needs new pages (texts have limits now)
    with pytest.raises(StorageError) as err:
        take_application(ctx, big)
    assert err.value.code == "disk_full"
    ctx.db.execute("PRAGMA max_page_count = 1073741823")
    assert count(ctx, "applications") == 1
    assert ctx.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    second, _ = take_application(ctx, _residence_draft(ctx, "Көксу, Абай көшесі, 1"))
    assert second.reg_no.endswith("000002")  # no number was lost to the failed save


def test_read_only_folder_is_a_clear_message(ctx, monkeypatch):
    import desktop_app.store.db as db_module

    folder = ctx.data_dir
    ctx.close()
    monkeypatch.setattr(db_module.os, "access", lambda path, mode: False)
    with pytest.raises(StorageError) as err:
        open_context(folder, demo=False)
    assert err.value.code == "read_only"


def test_a_hand_edited_audit_log_is_reported_at_start(ctx):
    folder = ctx.data_dir
    ctx.db.execute("DROP TRIGGER audit_log_no_delete")
    ctx.db.execute("DELETE FROM audit_log WHERE id = 1")
    ctx.close()
    again = open_context(folder, clock=lambda: FIXED_NOW, demo=False)
    try:
        codes = [w.code for w in again.startup_warnings]
        assert "audit_broken" in codes
    finally:
        again.close()


def test_a_file_that_is_not_a_database_is_damaged_with_no_backup(tmp_path):
    (tmp_path / "akimat.sqlite3").write_bytes(b"PK\x03\x04 this is a zip file" * 10)
    with pytest.raises(StorageError) as err:
        open_context(tmp_path, demo=False)
    assert err.value.code == "damaged" and err.value.params["backup"] == ""
    assert (tmp_path / "akimat.sqlite3").read_bytes().startswith(b"PK")
