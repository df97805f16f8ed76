"""Each row of the performance table, measured against its baseline in the same run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import sqlite3
import statistics
import time
from decimal import Decimal
from pathlib import Path

from measure import Row, pairs, probe

import scale_data

SEARCHES = ("Ерлан", "ахмет", "Серікбаева Гүл", "Абай көшесі", "0101", "880402", "Иванов",
            "Сергеевич", "Нұрлан Асқар", "Жастар", "Тоқаревка ауылы", "ова", "Гүлжан")


def start_rows(village: Path, work: Path, n: int) -> list[Row]:
    """Start to the main window (signed in) and to the sign-in dialog, each a fresh process,
    against a bare PySide6 QMainWindow in a fresh process."""
    office = scale_data.copy_office(village, work / "start")
    window = Row("start to the main window, signed in, village", "s",
                 baseline_name="bare PySide6 QMainWindow start", target="≤ 4×",
                 how="wall time of a fresh `python bench/probe.py window` process: imports, open "
                     "the file, sign in (the password checked and recorded), build and paint the "
                     "main window (offscreen Qt); baseline the same for a bare QMainWindow")
    signin = Row("start to the sign-in dialog", "s", baseline_name="bare PySide6 QMainWindow start",
                 target="≤ 2.5×", how="as above, until the sign-in dialog is painted")
    probe("bare")
    probe("window", office)
    for _ in range(n):
        window.now.append(probe("window", office)[0])
        window.baseline.append(probe("bare")[0])
        signin.now.append(probe("signin", office)[0])
        signin.baseline.append(probe("bare")[0])
    return [window, signin]


def memory_row(region: Path, work: Path, n: int) -> Row:
    office = scale_data.copy_office(region, work / "memory")
    row = Row("peak memory, region file open, search done", "MB", baseline_name="bare Qt",
              target="≤ 250 MB", how="peak resident set (getrusage) of a process that opens the "
              "region file, signs in, shows the main window and runs the searches on the "
              "Households page; baseline a bare QMainWindow process")
    for _ in range(n):
        row.now.append(float(probe("memory", office)[1]))
        row.baseline.append(float(probe("memory_bare")[1]))
    return row


# --- a five-person TSA application -------------------------------------------------------------

def _five_person_draft(ctx, k: int):
    from desktop_app.domain.application import ChecklistItem, Presented
    from desktop_app.domain.household import (Household, Income, IncomeKind, Member,
                                              MemberStatus, Person, Relation, Sex)
    from desktop_app.domain.iin import make_iin
    from desktop_app.services.intake import ApplicationDraft, documents_for

    months = [dt.date(2026, m, 1) for m in (7, 8, 9)]
    members = []
    for j, (rel, age, sex) in enumerate(((Relation.APPLICANT, 38, Sex.MALE),
                                         (Relation.SPOUSE, 35, Sex.FEMALE),
                                         (Relation.CHILD, 12, Sex.MALE),
                                         (Relation.CHILD, 9, Sex.FEMALE),
                                         (Relation.CHILD, 4, Sex.MALE))):
        born = dt.date(2026 - age, 1 + k % 12, 1 + (k + j) % 27)
        person = Person(surname="Бенчов" if sex == Sex.MALE else "Бенчова", given_name=f"Тест{j}",
                        birth_date=born, sex=sex, iin=make_iin(born, sex, (k * 7 + j) % 10000))
        incomes = [Income(IncomeKind.WAGE, m, Decimal(41000), "мектеп") for m in months] \
            if j == 0 else []
        members.append(Member(person, rel, frozenset({MemberStatus.WORKING}) if j == 0
                              else frozenset(), incomes=incomes))
    hh = Household(address=f"Көксу, Бенч көшесі, {k}", members=members)
    draft = ApplicationDraft(service_id="tsa", applicant=members[0].person, household=hh)
    draft.checklist = [ChecklistItem(d.id, Presented.BOTH, required=d.required)
                       for d in documents_for(ctx, draft)]
    return draft


_TRIGGER_FILLED = ("change_log",)


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE '%_fts%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        if r[0] not in _TRIGGER_FILLED]


def _unique_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """One column per unique index to change so a copied row is new (text first)."""
    cols = []
    types = {r[1]: (r[2] or "").upper() for r in conn.execute(f'PRAGMA table_info("{table}")')}
    for idx in conn.execute(f'PRAGMA index_list("{table}")'):
        if not idx[2] or idx[3] == "pk":
            continue
        names = [r[2] for r in conn.execute(f'PRAGMA index_info("{idx[1]}")')]
        text = [c for c in names if "TEXT" in types.get(c, "")]
        cols.append(text[0] if text else names[-1])
    return cols


def application_row(village: Path, work: Path, n: int) -> Row:
    """The service against one raw transaction writing the same rows (same file, same pragmas)."""
    from desktop_app.services.intake import take_application
    from desktop_app.services.setup import open_context

    office = scale_data.copy_office(village, work / "intake")
    ctx = open_context(office, demo=False, single_instance=False)  # the demo desk: every role
    raw = sqlite3.connect(str(ctx.db_path), isolation_level=None)
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute("PRAGMA foreign_keys = ON")
    tables = _tables(raw)
    unique = {t: _unique_columns(raw, t) for t in tables}
    counter = [0]
    captured: list[tuple[str, list[str], tuple]] = []

    def take() -> None:
        counter[0] += 1
        top = {t: raw.execute(f'SELECT coalesce(max(rowid), 0) FROM "{t}"').fetchone()[0]
               for t in tables}
        take_application(ctx, _five_person_draft(ctx, counter[0]))
        if not captured:
            for t in tables:
                cur = raw.execute(f'SELECT * FROM "{t}" WHERE rowid > ?', [top[t]])
                cols = [c[0] for c in cur.description]
                captured.extend((t, cols, r) for r in cur.fetchall())

    def replay() -> None:
        counter[0] += 1
        raw.execute("BEGIN IMMEDIATE")
        for table, cols, values in captured:
            row = dict(zip(cols, values))
            row.pop("id", None)
            for c in unique[table]:
                v = row.get(c)
                row[c] = f"{v}~{counter[0]}" if isinstance(v, str) else (v or 0) + 10**8 + \
                    counter[0]
            names = ", ".join(f'"{c}"' for c in row)
            raw.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})',
                        list(row.values()))
        raw.execute("COMMIT")

    take()  # captures the rows one application writes
    now, base = pairs(take, replay, n)
    raw.close()
    ctx.close()
    rows_written = len(captured)
    return Row("take a five-person TSA application", "ms", now, base,
               baseline_name=f"one raw sqlite3 transaction of the same {rows_written} rows",
               target="keep ≤ 3×", how="services.intake.take_application on the village file "
               "(checks, numbering, audit, change log), against a raw BEGIN…COMMIT inserting the "
               "rows it wrote (same file, synchronous=FULL, triggers fire)")


# --- papers ------------------------------------------------------------------------------------

def receipt_row(village: Path, work: Path, n: int) -> Row:
    from pypdf import PdfReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.documents import fonts
    from desktop_app.services import papers
    from desktop_app.services.setup import open_context

    ctx = open_context(scale_data.copy_office(village, work / "papers"), demo=False,
                       single_instance=False)
    reg_no = ctx.db.execute("SELECT reg_no FROM applications WHERE service_id = 'tsa'"
                            " LIMIT 1").fetchone()[0]
    pdf, _ = papers.receipt_pdf(ctx, reg_no, language="kk")
    lines = [ln for p in PdfReader(io.BytesIO(pdf)).pages for ln in p.extract_text().splitlines()]
    # the same font file as ReportLab registers it out of the box (the papers' own faces keep a
    # first subset made once per process: that is the product's work, not the baseline's)
    bare_font = "BenchSerif"
    if bare_font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(bare_font, str(fonts.font_path(fonts.FAMILY))))

    def bare() -> bytes:
        buf = io.BytesIO()
        canvas = Canvas(buf, initialFontName=bare_font)
        canvas.setFont(bare_font, 12)
        y = 800
        for line in lines:
            canvas.drawString(60, y, line)
            y -= 14
            if y < 40:
                canvas.showPage()
                canvas.setFont(bare_font, 12)
                y = 800
        canvas.save()
        return buf.getvalue()

    now, base = pairs(lambda: papers.receipt_pdf(ctx, reg_no, language="kk"), bare, n)
    ctx.close()
    return Row("receipt PDF", "ms", now, base,
               baseline_name=f"bare ReportLab canvas, same text ({len(lines)} lines) and font file",
               target="≤ 3×", how="services.papers.receipt_pdf (the record read, the QR signed, "
               "the layout, the paper logged) against drawString of its text lines on a canvas, "
               "in the same font file registered as ReportLab does by default")


def journal_row(village: Path, work: Path, n: int) -> Row:
    from desktop_app.services import office_papers
    from desktop_app.services.setup import open_context

    ctx = open_context(scale_data.copy_office(village, work / "journal"), demo=False,
                       single_instance=False)
    end = ctx.now().date()
    start = end - dt.timedelta(days=400)
    rows = len(office_papers.journal_rows(ctx, start, end))
    now, _ = pairs(lambda: office_papers.journal_pdf(ctx, start, end), None, n, scale=1.0)
    ctx.close()
    return Row(f"application journal, {rows:,} rows", "s", now, target="≤ 1 s",
               how="services.office_papers.journal_pdf over every application of the village")


# --- search ------------------------------------------------------------------------------------

def search_row(region: Path, n: int) -> Row:
    from desktop_app.services import households
    from desktop_app.services.setup import open_context

    ctx = open_context(region / "office", demo=False, single_instance=False, auto_backup=False)
    persons = ctx.db.execute("SELECT count(*) FROM persons").fetchone()[0]
    iin = ctx.db.execute("SELECT iin FROM persons WHERE id = ?", [persons // 2]).fetchone()[0]
    # the baseline: a LIKE scan of every person, ordered by name (NOT INDEXED: the name
    # index this work added would otherwise let the scan stop after the first 50 in name order)
    like = ("SELECT id FROM persons NOT INDEXED WHERE surname LIKE ?1 OR given_name LIKE ?1"
            " OR patronymic LIKE ?1 OR iin LIKE ?1 OR address LIKE ?1"
            " ORDER BY surname, given_name LIMIT 50")
    now: list[float] = []
    base: list[float] = []
    for text in (*SEARCHES, iin):
        a, b = pairs(lambda t=text: households.find_persons(ctx, t),
                     lambda t=text: ctx.db.execute(like, [f"%{t}%"]).fetchall(), n)
        now += a
        base += b
    size = ctx.db_path.stat().st_size
    ctx.close()
    row = Row(f"person search, {persons:,} persons ({size / 1e9:.2f} GB file)", "ms", now, base,
              baseline_name="`LIKE '%x%'` scan over names, IIN and address",
              target="p95 ≤ 20 ms, ≥ 100×",
              how=f"services.households.find_persons for {len(SEARCHES) + 1} queries of 3+ "
                  "characters (common and rare names, IIN parts, a full IIN, addresses), "
                  f"{n} pairs each; median and p95 over all")
    return row


# --- the USB round trip ------------------------------------------------------------------------

def district_row(district: Path, work: Path) -> Row:
    from desktop_app.services import sync
    from desktop_app.services.setup import open_context

    folder = work / "district"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(district / "district", folder)
    ctx = open_context(folder, demo=False, single_instance=False, auto_backup=False)
    ctx.user = dataclasses.replace(ctx.user, roles=frozenset({"district", "admin"}))
    base_path = work / "raw-replica.sqlite3"
    if base_path.exists():
        base_path.unlink()
    raw = sqlite3.connect(str(base_path), isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    for (sql,) in ctx.db.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'replica'"
                                 " AND sql IS NOT NULL ORDER BY type DESC"):
        raw.execute(sql)  # the replica table with its indexes, nothing else
    rates: list[float] = []
    raw_rates: list[float] = []
    total = 0
    for path in sorted((district / "batches").glob("*.akb")):
        start = time.perf_counter()
        [report] = sync.import_batches(ctx, [path])
        took = time.perf_counter() - start
        if report.status != "applied":
            raise RuntimeError(f"{path.name}: {report.status} {report.message()}")
        records = sum(report.counts.values())
        total += records
        rates.append(records / took)
        rows = ctx.db.execute("SELECT kind, uuid, office_code, data, updated_at, batch_seq,"
                              " received_at FROM replica WHERE office_code = ?",
                              [report.sender]).fetchall()
        start = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.executemany("INSERT INTO replica VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        raw.execute("COMMIT")
        raw_rates.append(len(rows) / (time.perf_counter() - start))
    raw.close()
    ctx.close()
    first = statistics.median(rates[:3])
    last = statistics.median(rates[-3:])
    return Row(f"district import, {len(rates)} batches, {total:,} records", "records/s", rates,
               raw_rates, baseline_name="raw `executemany` of the same rows",
               target="≥ 25 %, each batch as fast as the first", higher_is_better=True,
               note=f"first 3 batches {first:,.0f}/s, last 3 {last:,.0f}/s",
               how="services.sync.import_batches, one batch at a time (open, verify signature, "
                   "check, merge, log) on the district file; baseline executemany of the replica "
                   "rows the batch produced into a table like replica (same indexes) in a file of "
                   "its own, one transaction")


def export_rows(district: Path, region: Path, small: Path, work: Path, n: int) -> list[Row]:
    from desktop_app.domain.household import Household, Member, Person, Relation, Sex
    from desktop_app.services import auth, households, sync
    from desktop_app.services.setup import open_context
    from desktop_app.store import sync_log
    from desktop_app.store.db import transaction

    stick = work / "stick"
    stick.mkdir(exist_ok=True)
    village = open_context(scale_data.copy_office(district / "village", work / "v500"),
                           demo=False, single_instance=False, auto_backup=False)
    apps = village.db.execute("SELECT count(*) FROM applications").fetchone()[0]
    auth.sign_in(village, "boss", scale_data.PASSWORD)
    big, _ = pairs(lambda: sync.export_batch(village, stick), None, n)
    village.close()
    export500 = Row(f"export of {apps} applications", "ms", big, target="keep ≤ 1 s",
                    how="services.sync.export_batch of a village's whole first batch (collect, "
                        "sign, seal, write, read back)")

    key = next((district / "stick").glob("*OZSP*"))
    fingerprint = sync.read_key_file(key).fingerprint
    opened = []
    for folder, name in ((small, "small"), (region, "large")):
        ctx = open_context(scale_data.copy_office(folder, work / f"x-{name}"), demo=False,
                           single_instance=False, auto_backup=False)
        sync.trust_key(ctx, key, expected_fingerprint=fingerprint)
        opened.append(ctx)
    counter = [0]

    def ten_changes_then_export(ctx) -> None:
        for _ in range(10):
            counter[0] += 1
            households.save_household(ctx, Household(address=f"Бенч, {counter[0]}", members=[
                Member(Person(surname="Экспортов", given_name=f"Он{counter[0]}", sex=Sex.MALE),
                       Relation.APPLICANT)]))
        result = sync.export_batch(ctx, stick)
        with transaction(ctx.db):  # the district acknowledges it, as its return batch would
            sync_log.acknowledge(ctx.db, scale_data.DISTRICT, seq=result.seq,
                                 upto=sync_log.last_change(ctx.db), at=ctx.now_iso())

    times: dict[str, list[float]] = {"small": [], "large": []}
    for ctx in opened:
        ten_changes_then_export(ctx)  # the first batch carries what the office held before
    for _ in range(n):
        for ctx, name in zip(opened, ("small", "large"), strict=True):
            start = time.perf_counter()
            ten_changes_then_export(ctx)
            times[name].append((time.perf_counter() - start) * 1000)
    sizes = [c.db.execute("SELECT count(*) FROM households").fetchone()[0] for c in opened]
    for ctx in opened:
        ctx.close()
    flat = Row(f"10 changes saved and exported, {sizes[1]:,} vs {sizes[0]:,} households", "ms",
               times["large"], times["small"], baseline_name=f"the same, {sizes[0]:,} households",
               target="keep flat", how="ten households saved through the services, then "
                                       "export_batch; the large office against the small one")
    return [export500, flat]
