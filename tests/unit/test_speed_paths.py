"""The fast paths of issue 13 keep their behaviour: the indexes exist after migration and are the
ones the queries use; search finds the same people by the bounded ways; papers keep every row."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import sqlite3
import subprocess
import threading

import pytest
from nacl.signing import SigningKey
from pypdf import PdfReader
from reportlab.lib.units import mm

from desktop_app.documents import qr, registers, seal
from desktop_app.i18n import Translator
from desktop_app.services import issued
from desktop_app.store import district
from desktop_app.store.db import open_db, transaction
from desktop_app.store.migrations import LATEST, STEPS, migrate


def _plan(db, sql: str, params) -> str:
    return " | ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())


def test_speed_indexes_exist_after_upgrading_an_older_file(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = open_db(path)
    # bring the file to an older step with a household in it, then upgrade
    for version, step in enumerate(STEPS[:7], start=1):
        with transaction(db):
            step(db)
            db.execute(f"PRAGMA user_version = {version}")
    now = "2026-11-18T10:30:00"
    with transaction(db):
        db.execute("INSERT INTO offices (id, uuid, code, name_kk, name_ru, region)"
                   " VALUES (1, 'o-1', 'X', 'x', 'x', 'r')")
        db.execute("INSERT INTO households (uuid, office_id, address, created_at, updated_at)"
                   " VALUES ('h-1', 1, 'Абай көшесі, 12', ?, ?)", [now, now])
    migrate(db, path)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"replica_uuid", "applications_household", "persons_surname",
            "persons_given_name", "households_address"} <= names
    assert LATEST >= 8
    # a household that existed before the step is found by a part of its address
    found = db.execute("SELECT rowid FROM households_fts WHERE households_fts MATCH ?",
                       ['"абай"']).fetchall()
    assert found == [(1,)]
    # and one added afterwards, through the triggers
    with transaction(db):
        db.execute("INSERT INTO households (uuid, office_id, address, created_at, updated_at)"
                   " VALUES ('h-2', 1, 'Бұқар жырау, 3', ?, ?)", [now, now])
        db.execute("UPDATE households SET address = 'Абай көшесі, 14' WHERE id = 1")
    assert db.execute("SELECT rowid FROM households_fts WHERE households_fts MATCH ?",
                      ['"жырау"']).fetchall() == [(2,)]
    assert db.execute("SELECT rowid FROM households_fts WHERE households_fts MATCH ?",
                      ['"і, 14"']).fetchall() == [(1,)]
    assert "replica_uuid" in _plan(db, "SELECT office_code FROM replica INDEXED BY replica_uuid"
                                   " WHERE uuid = ?", ["u"])
    assert "applications_household" in _plan(
        db, "SELECT count(*) FROM applications WHERE household_id = ?", [1])
    db.close()


def test_owner_of_finds_the_office_by_uuid_alone(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = open_db(path)
    migrate(db, path)
    with transaction(db):
        for i in range(50):
            district.upsert(db, kind="person" if i % 2 else "application",
                            rec={"uuid": f"u-{i}"}, office_code=f"O{i % 3}", batch_seq=1,
                            now="2026-11-18T10:30:00")
    assert district.owner_of(db, "u-7") == "O1"
    assert district.owner_of(db, "u-9") == "O0"
    assert district.owner_of(db, "nobody") is None
    # a whole batch's owners in one look-up: the records another office holds are conflicts
    from desktop_app.sync.district import owner_conflicts

    assert owner_conflicts(db, "O1", ["u-7", "u-9", "u-10", "new"]) == {"u-9": "O0"}
    assert owner_conflicts(db, "O2", ["u-7", "u-9"]) == {"u-7": "O1", "u-9": "O0"}
    payload = ('{"manifest":{},"records":[{"kind":"person","uuid":"u-7","x":2},'
               '{"kind":"person","uuid":"n","updated_at":"2026-11-19T09:00:00"}]}')
    with transaction(db):
        district.upsert_batch(db, payload, kind_key="kind", office_code="O1", batch_seq=2,
                              now="2026-11-19T10:00:00")
    assert district.record(db, "person", "u-7") == {"kind": "person", "uuid": "u-7", "x": 2}
    assert district.owner_of(db, "n") == "O1"
    assert db.execute("SELECT updated_at, batch_seq FROM replica WHERE uuid IN ('u-7', 'n')"
                      " ORDER BY uuid").fetchall() == [("2026-11-19T09:00:00", 2),
                                                       ("2026-11-19T10:00:00", 2)]
    db.close()


# --- papers: the QR seal drawn as one path, the journal of plain cells -------------------------

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no poppler")


def test_qr_rows_decode_back_to_the_payload_at_every_size():
    import zxingcpp
    from PIL import Image

    for payload in ("AKD1|{}|x", 'AKD1|{"name":"Өтегенова Әйгерім","office":"KRG"}|' + "Q" * 90,
                    "AKD1|" + "Ж" * 400, "AKD1|" + "x" * 1500):
        rows = qr.qr_rows(payload)
        n, scale, quiet = len(rows), 4, qr.QUIET_ZONE
        img = Image.new("L", ((n + 2 * quiet) * scale,) * 2, 255)
        for r, row in enumerate(rows):
            for c, module in enumerate(row):
                if module == "1":
                    img.paste(0, ((c + quiet) * scale, (r + quiet) * scale,
                                  (c + quiet + 1) * scale, (r + quiet + 1) * scale))
        assert [b.text for b in zxingcpp.read_barcodes(img)] == [payload]


def _plain_penalty(matrix: list[list[bool]]) -> int:
    """The standard's four mask penalty rules read plainly, on strings (the outside of the code
    neither continues a run nor counts as light)."""
    rows = ["".join("1" if m else "0" for m in row) for row in matrix]
    lines = rows + ["".join(col) for col in zip(*rows)]
    n = len(rows)
    score = 0
    for line in lines:
        for run in re.findall(r"0{5,}|1{5,}", line):
            score += len(run) - 2
        for start in range(n - 10):
            score += 40 * (line[start:start + 11] in ("10111010000", "00001011101"))
    for r in range(n - 1):
        for c in range(n - 1):
            score += 3 * (len({rows[r][c], rows[r][c + 1], rows[r + 1][c], rows[r + 1][c + 1]})
                          == 1)
    dark = sum(row.count("1") for row in rows)
    return score + 10 * (abs(dark * 100 // (n * n) - 50) // 5)


def test_qr_rows_are_reportlabs_layout_with_the_mask_the_standard_chooses():
    from reportlab.graphics.barcode import qrencoder

    for payload in ("AKD1|{}|x", "AKD1|" + "Ж" * 120, "0123456789" * 30, "AKD1|" + "k" * 700):
        masks = []
        for mask in range(8):
            code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
            code.addData(payload)
            code.version = code.calculate_version()
            code.makeImpl(False, mask)
            laid_out = [[bool(m) for m in row] for row in code.modules]
            masks.append((_plain_penalty(laid_out), mask, laid_out))
        assert len({score for score, _, _ in masks}) > 1  # the choice is not a tie
        chosen = min(masks)[2]
        assert qr.qr_rows(payload) == ["".join("1" if m else "0" for m in row) for row in chosen]


@needs_poppler
def test_the_seal_drawn_as_one_path_still_scans(tmp_path):
    from reportlab.platypus import SimpleDocTemplate

    key = SigningKey.generate()
    payload = seal.sign({"office": "KRG-ABAY-KOKSU", "no": "KRG-ABAY-KOKSU-2026-000123",
                         "name": "Өтегенова Әйгерім Сәрсенқызы", "date": "2026-11-18"}, key)
    path = tmp_path / "seal.pdf"
    SimpleDocTemplate(str(path)).build([qr.QrSeal(payload, 30 * mm)])
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(tmp_path / "scan")],
                   check=True)
    found = issued.decode_image(next(tmp_path.glob("scan*.png")))
    assert found == payload


def test_a_journal_of_1400_rows_keeps_every_row_and_every_word(tmp_path):
    from tests.unit.test_documents import make_office

    names = ["Өтегенова Әйгерім Сәрсенқызы, 880402300116", "Иванова Мария Петровна",
             "Ким В., тел. 8 701 000 00 00, сумма 42 500 ₸",  # the tenge sign: fallback face
             "ОченьдлинноеслитноеимябезпробеловкотороеневлезаетвстолбецЖ"]  # wider than its column
    rows = [registers.JournalRow(f"KRG-ABAY-KOKSU-2026-{i:06d}",
                                 dt.datetime(2026, 1, 1, 9) + dt.timedelta(minutes=17 * i),
                                 names[i % 4], {"kk": "Атаулы әлеуметтік көмек",
                                                "ru": "Адресная социальная помощь"},
                                 {"kk": "тіркелді", "ru": "зарегистрировано"},
                                 dt.date(2026, 2, 1) if i % 3 else None,
                                 {"kk": "тағайындалды", "ru": "назначено"} if i % 2 else {},
                                 "Сәрсен Г.")
            for i in range(1, 1401)]
    pdf = registers.render_journal(make_office(), rows, dt.date(2026, 1, 1),
                                   dt.date(2026, 12, 31), Translator("ru"), "J-1",
                                   dt.date(2026, 12, 31))
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for i in range(1, 1401):
        assert text.count(f"KRG-ABAY-KOKSU-2026-{i:06d}") == 1, i
    assert text.count("Адресная социальная помощь") == 1400
    assert text.count("₸") == 350
    assert text.count("Петровна") == 350
    assert "1400 заявлений" in text


# --- start: the whole-file check and the daily backup after the window, writes held till then ---

def _damage_table(path, table: str = "persons") -> None:
    """Overwrite the pages of one table's b-tree root with garbage: a page opening the office
    never reads, but the whole-file check does."""
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    roots = [r[0] for r in con.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = ?",
                                       [table])]
    con.close()
    raw = bytearray(path.read_bytes())
    for root in roots:
        start = (root - 1) * page_size
        raw[start + 8:start + page_size] = bytes((i * 7 + 13) % 256 for i in range(page_size - 8))
    path.write_bytes(bytes(raw))


def _checkpointed(ctx):
    folder = ctx.data_dir
    ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    return folder


def test_a_damaged_file_opened_for_a_later_check_is_never_written(demo_ctx):
    from desktop_app.domain.errors import StorageError
    from desktop_app.services import startup
    from desktop_app.services.setup import open_context
    from desktop_app.store import backup as backup_store
    from tests.conftest import fixed_clock

    folder = _checkpointed(demo_ctx)
    path = folder / "akimat.sqlite3"
    _damage_table(path)
    before = path.read_bytes()
    daily = backup_store.daily_path(folder, fixed_clock().date())
    daily_before = daily.read_bytes() if daily.exists() else None
    ctx = open_context(folder, clock=fixed_clock, demo=False, check_later=True)
    try:
        assert ctx.file_gate is not None and ctx.file_gate.pending
        outcome: list[object] = []

        def write() -> None:  # a write that arrives while the check runs waits for it
            try:
                with transaction(ctx.db):
                    ctx.db.execute("INSERT INTO settings (key, value) VALUES ('x.y', '1')")
            except StorageError as exc:
                outcome.append(exc)

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(0.3)
        assert writer.is_alive() and not outcome  # held, not written
        found = startup.check_and_release(ctx, ctx.file_gate)
        writer.join(5)
        assert found.damaged is not None and found.damaged.code == "damaged"
        assert [e.code for e in outcome] == ["damaged"]
        with pytest.raises(StorageError):
            with transaction(ctx.db):
                pass
        assert (daily.read_bytes() if daily.exists() else None) == daily_before  # no new copy
    finally:
        ctx.close()
    assert path.read_bytes() == before


def test_a_whole_file_checked_later_lets_writes_through_and_is_backed_up(demo_ctx):
    from desktop_app.services import startup
    from desktop_app.services.setup import open_context
    from desktop_app.store import backup as backup_store
    from tests.conftest import fixed_clock

    folder = _checkpointed(demo_ctx)
    daily = backup_store.daily_path(folder, fixed_clock().date())
    if daily.exists():
        daily.unlink()
    ctx = open_context(folder, clock=fixed_clock, demo=False, check_later=True)
    try:
        assert not daily.exists()  # not on the start path
        found = startup.check_and_release(ctx, ctx.file_gate)
        assert found.damaged is None and found.backup == daily and daily.exists()
        assert not ctx.file_gate.pending
        with transaction(ctx.db):
            ctx.db.execute("INSERT INTO settings (key, value) VALUES ('x.y', '1')")
        assert startup.check_file(folder, ctx.db_path, fixed_clock().date()).backup is None
    finally:
        ctx.close()


# --- search: bounded candidates, the IIN by its index, short words along the name indexes ------

def _village(ctx, n: int = 700) -> list:
    from desktop_app.domain.household import Household, Member, Person, Relation, Sex
    from desktop_app.domain.iin import make_iin
    from desktop_app.store import households

    people = []
    with transaction(ctx.db):
        for i in range(n):
            iin = make_iin(dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28), Sex.MALE, i)
            surname = ("Ерланов", "Ахметов", "Серікбаев")[i % 3] + ("" if i % 2 else "а")
            person = Person(surname=surname, given_name=f"Нұрлан{i:04d}", iin=iin,
                            sex=Sex.MALE)
            hh = Household(address=f"Көксу селосы, Абай көшесі, {i}",
                           members=[Member(person, Relation.APPLICANT)])
            households.save_household(ctx.db, hh, office_id=ctx.office.id,
                                      now="2026-11-18T10:00:00")
            people.append(person)
    return people


def test_search_stays_right_on_its_fast_paths(ctx):
    from desktop_app.store import households

    people = _village(ctx)
    find = lambda text, limit=50: households.search_persons(ctx.db, text, limit)  # noqa: E731
    # a full IIN: that person only
    target = people[123]
    assert [h.id for h in find(target.iin)] == [target.id]
    assert find("000000000000") == []
    # a common word: the first matches, ordered by name, every one a match
    hits = find("ерланов", 50)
    assert len(hits) == 50 and all("Ерланов" in h.full_name for h in hits)
    assert [h.full_name for h in hits] == sorted(h.full_name for h in hits)
    assert len(find("нұрлан", 1000)) == households.CANDIDATES < 700
    # two letters: the start of a surname, a given name or an IIN, typed in any case
    assert {h.full_name.split()[0] for h in find("ер", 1000)} == {"Ерланов", "Ерланова"}
    assert {h.full_name.split()[0] for h in find("Ах", 1000)} == {"Ахметов", "Ахметова"}
    assert len(find("нұ", 1000)) == households.CANDIDATES  # given names, bounded
    assert all(h.iin.startswith(target.iin[:2]) for h in find(target.iin[:2], 1000))
    assert target.id in {h.id for h in find(f"{target.iin[:2]} {target.surname[:2]}", 1000)}
    # a long and a short word together
    both = find(f"Нұрлан0123 {target.surname[:2].lower()}")
    assert [h.id for h in both] == [target.id]


def test_households_found_by_person_or_address_without_a_second_search(ctx):
    from desktop_app.store import households

    people = _village(ctx, 60)
    rows = households.list_households(ctx.db, "Нұрлан0042")
    assert [r.head for r in rows] == [f"{people[42].surname} Нұрлан0042"]
    hits = households.search_persons(ctx.db, "Нұрлан0042")
    assert households.list_households(ctx.db, "Нұрлан0042", hits=hits) == rows
    # the household's own address, also when its people carry another one
    ctx.db.execute("UPDATE persons SET address = 'elsewhere'")
    by_address = households.list_households(ctx.db, "көшесі, 17")
    assert [r.address for r in by_address] == ["Көксу селосы, Абай көшесі, 17"]
    assert len(households.list_households(ctx.db, "Абай")) == 60
    assert len(households.list_households(ctx.db, "")) == 60


def test_the_audit_chain_is_read_by_the_background_check_not_while_opening(demo_ctx):
    from desktop_app.services import startup
    from desktop_app.services.setup import open_context
    from tests.conftest import fixed_clock

    demo_ctx.db.execute("DROP TRIGGER audit_log_no_update")
    demo_ctx.db.execute("UPDATE audit_log SET user = 'mallory' WHERE id = 7")
    folder = _checkpointed(demo_ctx)
    ctx = open_context(folder, clock=fixed_clock, demo=False, check_later=True)
    try:
        assert not any(getattr(w, "code", "") == "audit_broken" for w in ctx.startup_warnings)
        found = startup.check_and_release(ctx, ctx.file_gate)
        assert found.damaged is None and not ctx.file_gate.pending
        assert found.audit_warning is not None and "7" in str(found.audit_warning.params)
    finally:
        ctx.close()
    # opened the way the CLI does, the chain is read at once
    again = open_context(folder, clock=fixed_clock, demo=False)
    try:
        assert any(w is not None and "7" in str(getattr(w, "params", "")) for w in
                   again.startup_warnings)
    finally:
        again.close()


# --- start: sqlite-utils loads with the first table helper, not at start -------------------------

def test_opening_and_signing_in_read_and_write_in_sql_without_loading_sqlite_utils(tmp_path):
    import sys

    script = (
        "import sys\n"
        "from desktop_app.services.setup import open_context\n"
        "from desktop_app.services import auth, today\n"
        f"ctx = open_context({str(tmp_path)!r}, single_instance=False)\n"
        "auth.sign_in(ctx, 'specialist', 'demo-specialist')\n"
        "today.today(ctx)\n"
        "loaded = 'sqlite_utils' in sys.modules\n"
        "ctx.db['users'].count  # a table helper: now it loads, and works on the same file\n"
        "print(loaded, 'sqlite_utils' in sys.modules, ctx.db['users'].count)\n"
    )
    # the first start creates the demo office (table helpers); the second is an ordinary start
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True, timeout=120).stdout.split()
    assert out[:2] == ["False", "True"] and int(out[2]) >= 1
