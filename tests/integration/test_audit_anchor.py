"""Issue 12, item 9: the audit chain anchored outside the file. Two real data folders (an office
and its district); the office's file is tampered with through raw SQLite (triggers dropped) the
way someone with the file in hand would, and the district's report and the office's start-up
check must name it; a legitimate restore from backup is a restore, a genuine exchange is quiet."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

from desktop_app.services import audit, backup, district, startup, sync
from desktop_app.services.setup import open_context
from desktop_app.store import audit_anchor
from desktop_app.store.audit import _digest
from tests.conftest import fixed_clock
from tests.integration.test_round_trip import take, world  # noqa: F401

_TRIGGERS = ("""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
             """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")


def raw(ctx, work) -> None:
    """Edit the office's file outside the app: triggers dropped, `work(conn)`, triggers back."""
    conn = sqlite3.connect(ctx.db_path)
    try:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        work(conn)
        for sql in _TRIGGERS:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def recompute(conn) -> None:
    prev = "0" * 64
    for row in conn.execute("SELECT id, at, user, action, table_name, record_uuid, before, after"
                            " FROM audit_log ORDER BY id").fetchall():
        h = _digest(prev, *row[1:])
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [prev, h, row[0]])
        prev = h


def exchange(office, dist, stick):
    """Office → district → office; the district's reports about the office after it."""
    out = sync.export_batch(office, stick)
    [rep] = sync.import_batches(dist, [out.path])
    assert rep.status == "applied", rep.message()
    back = district.export_return(dist, office.office.code, stick)
    [rep] = sync.import_batches(office, [back.path])
    assert rep.status == "applied", rep.message()
    return district.audit_chain_reports(dist, office.office.code)


def warnings(ctx) -> list[str]:
    ctx.startup_warnings.clear()
    startup.run_checks(ctx)
    return [w.code for w in ctx.startup_warnings]


def last_id(ctx) -> int:
    return ctx.db.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]


def test_genuine_batches_report_nothing(world):
    office, dist, stick = world
    take(office, 2)
    for _ in range(3):
        assert exchange(office, dist, stick) == []
        take(office, 1, serial0=300 + last_id(office))
    assert exchange(office, dist, stick) == []
    assert audit.anchor_warnings(office) == [] and "audit_rows_gone" not in warnings(office)
    held = dist.db.execute("SELECT COUNT(*) FROM office_audit_chain WHERE office_code = ?",
                           [office.office.code]).fetchone()[0]
    assert held >= last_id(office) - 2   # all but the last export's and import's rows


def test_deleted_last_rows_are_named_at_start_and_reported_by_the_district(world):
    office, dist, stick = world
    take(office, 2)
    assert exchange(office, dist, stick) == []
    checkpoint = office.db.execute("SELECT row_id FROM audit_checkpoint").fetchone()[0]
    top = last_id(office)
    raw(office, lambda c: c.execute("DELETE FROM audit_log WHERE id > ?", [checkpoint - 2]))
    assert audit.verify(office).ok   # the chain in the file alone still looks whole
    [gone] = audit.anchor_warnings(office)
    assert gone.code == "audit_rows_gone"
    assert (gone.params["first"], gone.params["last"]) == (checkpoint - 1, checkpoint)
    assert f"{checkpoint - 1}–{checkpoint}" in gone.message()
    assert top > checkpoint
    reports = exchange(office, dist, stick)
    assert [(r.kind, r.first_row, r.last_row) for r in reports] == [
        ("tampering", checkpoint - 1, checkpoint)]
    kept = audit_anchor.replaced_rows(dist.db, office.office.code)   # the evidence stays
    assert [r[0] for r in kept] == [checkpoint - 1, checkpoint]
    line = district.audit_chain_line(reports[0]).message()
    assert office.office.code in line and f"{checkpoint - 1}–{checkpoint}" in line
    # the return batch carried the finding: the office's start-up check keeps naming the rows
    assert "audit_tampering_found" in warnings(office)
    # and the next genuine batch adds no report
    assert len(exchange(office, dist, stick)) == 1


def test_recomputed_chain_is_reported(world):
    office, dist, stick = world
    take(office, 2)
    assert exchange(office, dist, stick) == []

    def rewrite(conn):
        conn.execute("UPDATE audit_log SET user = 'nobody' WHERE id = 3")
        recompute(conn)
    raw(office, rewrite)
    assert audit.verify(office).ok
    assert [w.code for w in audit.anchor_warnings(office)] == ["audit_rewritten"]
    reports = exchange(office, dist, stick)
    assert [(r.kind, r.first_row) for r in reports] == [("tampering", 3)]
    assert "audit_tampering_found" in warnings(office)


def test_older_copy_put_back_is_reported(world, tmp_path):
    office, dist, stick = world
    take(office, 1)
    old = tmp_path / "old.sqlite3"
    office.db.execute("VACUUM INTO ?", [str(old)])
    copied = last_id(office)
    take(office, 2, serial0=200)
    assert exchange(office, dist, stick) == []
    data_dir, db_path = office.data_dir, office.db_path
    office.close()
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(old, db_path)
    again = open_context(data_dir, clock=fixed_clock, demo=False)
    try:
        assert audit.verify(again).ok
        checkpoint = again.db.execute("SELECT row_id FROM audit_checkpoint").fetchone()
        assert checkpoint is None   # the old copy never saw a checkpoint: only the district knows
        out = sync.export_batch(again, stick)   # its numbers went back too: refused, yet checked
        [rep] = sync.import_batches(dist, [out.path])
        assert rep.status == "refused" and rep.error.reason_code == "replayed"
        reports = district.audit_chain_reports(dist, office.office.code)
        assert [r.kind for r in reports] == ["tampering"] and reports[0].first_row == copied + 1
    finally:
        again.close()


def test_restore_from_backup_is_a_restore_not_tampering(world, tmp_path):
    office, dist, stick = world
    take(office, 1)
    copy = backup.backup_now(office, tmp_path / "usb")
    copied = last_id(office) - 1   # the copy is made before its own "backup.create" row
    take(office, 2, serial0=200)
    assert exchange(office, dist, stick) == []
    top = last_id(office)
    data_dir = office.data_dir
    backup.restore(office, copy)
    again = open_context(data_dir, clock=fixed_clock, demo=False)
    try:
        [row] = audit.query(again, action="backup.restore")
        assert row.id == copied + 1 and row.after["rows_gone"] == [copied + 1, top]
        assert row.after["copy_of"] == row.at[:10]
        copy_of = dt.date.fromisoformat(row.at[:10])
        assert audit.details_text(again, row).startswith(
            f"Restored the copy of {copy_of:%d.%m.%Y}; rows {copied + 1}–{top} are gone.")
        assert audit.anchor_warnings(again) == []      # the restore row explains the gap
        reports = exchange(again, dist, stick)
        # the district held the rows up to the batch it had: not the export's and import's rows
        assert [(r.kind, r.first_row, r.last_row) for r in reports] == [
            ("restore", copied + 1, top - 2)]
        assert "restored" in district.audit_chain_line(reports[0]).message()
        assert audit.anchor_warnings(again) == [] and exchange(again, dist, stick) == reports
    finally:
        again.close()


def test_audit_verify_names_the_row_of_the_total(world):
    office, _dist, _stick = world
    take(office, 2)
    total = office.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    raw(office, lambda c: c.execute("UPDATE audit_log SET user = 'nobody' WHERE id = 3"))
    report = audit.verify(office)
    assert (report.first_broken_id, report.rows) == (3, total) and total > 3
    assert f"3 of {total}" in audit.chain_warning(report).message()


def test_the_anchor_fields_are_declared_strictly():
    from desktop_app.domain.errors import BatchRejected
    from desktop_app.sync import schema

    base = {"format": 1, "from": "A", "to": "B", "seq": 1, "base_seq": 0, "covers": 0,
            "ack": {"seq": 0, "covers": 0}, "created_at": "2026-11-18T10:00:00", "urgent": False,
            "counts": {}}
    row = {"id": 1, "at": "2026-11-18T10:00:00", "user": "u", "action": "a", "table": "t",
           "uuid": None, "before": None, "after": None, "prev_hash": "0" * 64, "hash": "a" * 64}
    good = [{**base, "audit": {"rows": [row], "head": {"id": 1, "hash": "a" * 64}}},
            {**base, "audit_checkpoint": {"id": 1, "hash": "a" * 64, "reports": [
                {"kind": "restore", "seq": 2, "first": 3, "last": 4,
                 "found_at": "2026-11-18T10:00:00"}]}}]
    for manifest in good:
        schema.check_batch(manifest, [], ("result",), "f")
    bad = [{**base, "audit": {"rows": [{**row, "hash": ["a"]}], "head": None}},
           {**base, "audit": {"rows": [{**row, "id": "1"}], "head": None}},
           {**base, "audit": {"rows": [], "head": {"id": 1, "hash": "Z" * 64}}},
           {**base, "audit": {"rows": []}},
           {**base, "audit_checkpoint": {"id": True, "hash": "a" * 64}},
           {**base, "audit_checkpoint": {"id": 1, "hash": "a" * 64, "reports": [
               {"kind": "other", "seq": 2, "first": 3, "last": 4,
                "found_at": "2026-11-18T10:00:00"}]}}]
    for manifest in bad:
        try:
            schema.check_batch(manifest, [], ("result",), "f")
        except BatchRejected as exc:
            assert exc.reason_code == "invalid_content"
        else:
            raise AssertionError(f"accepted {manifest}")
