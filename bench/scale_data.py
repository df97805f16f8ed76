"""Scale data for the benchmarks, built once into a cache folder and reused while the parameters
that made it are the same: a village of N households, D villages' batches for a district import,
and a region file of P persons (raw SQL inserts: the service layer would take hours).

Each data set is a folder with `params.json`; a folder whose parameters differ is built again.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.domain.household import Sex  # noqa: E402
from desktop_app.domain.iin import make_iin  # noqa: E402

PASSWORD = "Bench-Steppe-2026"
DISTRICT = "KRG-ABAY-OZSP"
DISTRICT_NAME = {"kk": "Абай ауданының ЖҚӘБ бөлімі", "ru": "Отдел ЗСП Абайского района"}


def _cached(folder: Path, params: dict) -> bool:
    marker = folder / "params.json"
    return marker.exists() and json.loads(marker.read_text()) == params


def _done(folder: Path, params: dict, started: float) -> None:
    (folder / "params.json").write_text(json.dumps(params))
    print(f"  built {folder.name} in {time.perf_counter() - started:.0f} s", flush=True)


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def village(cache: Path, households: int) -> Path:
    """The demo office with a generated village of `households` households (demo accounts:
    specialist / demo-specialist), every application taken through the services."""
    folder = cache / f"village-{households}"
    params = {"kind": "village", "households": households, "v": 1}
    if _cached(folder, params):
        return folder
    from desktop_app.services.demo import load_demo_village
    from desktop_app.services.setup import open_context

    started = time.perf_counter()
    ctx = open_context(_fresh(folder) / "office", demo=False, single_instance=False)
    load_demo_village(ctx, households=households, seed=7)
    ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    _done(folder, params, started)
    return folder


def _village_draft(i: int):
    from desktop_app.services.office_setup import OfficeDraft, StaffDraft

    return OfficeDraft(
        code=f"KRG-ABAY-B{i:03d}", name={"kk": f"«Бench {i} ауылы әкімінің аппараты» ММ",
                                         "ru": f"ГУ «Аппарат акима села Бенч {i}»"},
        region="karaganda", district={"kk": "Қарағанды облысы, Абай ауданы",
                                      "ru": "Карагандинская область, Абайский район"},
        address={"kk": f"Бенч {i} ауылы, Бірлік көшесі, 1", "ru": f"село Бенч {i}, ул. Бирлик, 1"},
        phone="8 (71253) 11111", akim_name="Ахметов Берік",
        akim_position={"kk": "Ауыл әкімі", "ru": "Аким села"},
        department={"kk": "«Абай ауданының жұмыспен қамту бөлімі» ММ",
                    "ru": "ГУ «Отдел занятости Абайского района»"},
        admin=StaffDraft(login="boss", full_name="Әбенов Марат Қайратұлы",
                         position={"kk": "жетекші маман", "ru": "ведущий специалист"},
                         roles=frozenset({"admin", "specialist", "akim"}), password=PASSWORD))


def _generated_village(folder: Path, i: int, households: int):
    """A set-up village office with a generated village. The demo generator's IIN serials can
    repeat in a village this large (it then refuses the duplicate): another seed is tried."""
    from desktop_app.domain.errors import DuplicateError
    from desktop_app.services.demo import load_demo_village
    from desktop_app.services.setup import open_new_office

    for attempt in range(8):
        if folder.exists():
            shutil.rmtree(folder)
        office = open_new_office(folder, _village_draft(i), single_instance=False)
        try:
            load_demo_village(office, households=households, seed=1000 + i + 100 * attempt)
            return office
        except DuplicateError:
            office.close()
    raise RuntimeError(f"no seed gave village {i} unique IINs")


def district(cache: Path, villages: int, applications: int) -> Path:
    """`villages` offices of about `applications` applications each, every one's first batch
    written to `batches/`, and a district folder that trusts them all (nothing imported yet)."""
    folder = cache / f"district-{villages}x{applications}"
    params = {"kind": "district", "villages": villages, "applications": applications, "v": 1}
    if _cached(folder, params):
        return folder
    from desktop_app.services import district as district_service
    from desktop_app.services import sync
    from desktop_app.services.setup import open_context

    started = time.perf_counter()
    root = _fresh(folder)
    stick = root / "stick"
    batches = root / "batches"
    stick.mkdir()
    batches.mkdir()
    (root / "village").mkdir()
    dist = open_context(root / "district", demo=False, single_instance=False)
    district_service.make_district(dist, DISTRICT, DISTRICT_NAME)
    district_key, district_fp = sync.export_key(dist, stick)
    households = int(applications * 1.45)  # the demo village takes an application from ~69 %
    for i in range(1, villages + 1):
        office = _generated_village(root / "villages" / f"v{i:03d}", i, households)
        key, fp = sync.export_key(office, stick)
        sync.trust_key(dist, key, expected_fingerprint=fp)
        sync.trust_key(office, district_key, expected_fingerprint=district_fp)
        result = sync.export_batch(office, batches)
        print(f"  village {i}/{villages}: {result.counts}", flush=True)
        office.close()
    dist.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dist.close()
    # the batches are all the district needs; the first village stays for the export figure
    shutil.move(str(root / "villages" / "v001"), str(root / "village" / "office"))
    shutil.rmtree(root / "villages")
    _done(folder, params, started)
    return folder


def _region_rows(persons: int, seed: int) -> tuple[list[tuple], list[tuple]]:
    from desktop_app.services.demo import _names

    rng = random.Random(seed)
    stock = _names()
    streets = ["Абай", "Бейбітшілік", "Жастар", "Тәуелсіздік", "Достық", "Центральная", "Мира",
               "Школьная", "Садовая", "Степная", "Наурыз", "Сарыарқа"]
    settlements = [f"{s} ауылы" for s in ("Көксу", "Жаңа", "Ақбұлақ", "Қарабас", "Тоқаревка",
                                          "Сарань", "Жарық", "Топар", "Кеңгір", "Шахан")]
    households: list[tuple] = []
    people: list[tuple] = []
    now = "2026-11-18T10:00:00"
    hid = 0
    while len(people) < persons:
        hid += 1
        russian = rng.random() < 0.3
        names = stock["russian" if russian else "kazakh"]
        surname = rng.choice(names["surnames_m"])
        address = (f"{rng.choice(settlements)}, {rng.choice(streets)} көшесі, "
                   f"{rng.randint(1, 200)}")
        households.append((hid, f"h-{hid:08d}", 1, address, f"{hid // 100}-{hid % 100}", 0, "",
                           now, now))
        for m in range(rng.choice((1, 2, 3, 4, 4, 5, 5, 6))):
            sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
            born = dt.date(1940 + rng.randint(0, 80), rng.randint(1, 12), rng.randint(1, 28))
            given = rng.choice(names["given_m" if sex == Sex.MALE else "given_f"])
            fam = surname if sex == Sex.MALE else (surname + "а")
            father = rng.choice(names["given_m"])
            patronymic = (father + ("ович" if sex == Sex.MALE else "овна")) if russian else \
                (father + ("ұлы" if sex == Sex.MALE else "қызы"))
            iin = make_iin(born, sex, rng.randint(0, 9999))  # duplicates are dropped later
            people.append((len(people) + 1, f"p-{len(people) + 1:08d}", iin, fam, given,
                           patronymic, born.isoformat(), sex.value, address, hid,
                           "applicant" if m == 0 else "other", now, now))
    return households, people


def region(cache: Path, persons: int) -> Path:
    """A region-sized office file: `persons` persons in households of 1-6, loaded with raw SQL
    (change log off, full-text indexes rebuilt once at the end), then migrated and checked."""
    folder = cache / f"region-{persons}"
    params = {"kind": "region", "persons": persons, "v": 1}
    if _cached(folder, params):
        return folder
    from desktop_app.services.setup import open_context

    started = time.perf_counter()
    ctx = open_context(_fresh(folder) / "office", demo=False, single_instance=False)
    office_id = ctx.office.id
    households, people = _region_rows(persons, seed=13)
    db = ctx.db
    conn = db.conn
    seen: set[str] = set()
    unique_people = []
    for row in people:  # IIN-shaped numbers must be unique, like real ones
        if row[2] in seen:
            continue
        seen.add(row[2])
        unique_people.append(row)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO sync_applying (flag) VALUES (1)")  # no change log for the load
    for trigger in ("persons_ai", "persons_ad", "persons_au", "households_ai", "households_ad",
                    "households_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.executemany("INSERT INTO households (id, uuid, office_id, address, book_ref, has_farm,"
                     " farm_notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(h[0], h[1], office_id, *h[3:]) for h in households])
    conn.executemany("INSERT INTO persons (id, uuid, iin, surname, given_name, patronymic,"
                     " birth_date, sex, address, household_id, relation, created_at, updated_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", unique_people)
    conn.execute("DELETE FROM sync_applying")
    conn.execute("COMMIT")
    print(f"  region rows in {time.perf_counter() - started:.0f} s; indexing…", flush=True)
    conn.execute("INSERT INTO persons_fts (persons_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO households_fts (households_fts) VALUES ('rebuild')")
    ctx.close()
    # put the triggers back exactly as the schema made them: a fresh file's definitions
    _restore_fts_triggers(folder / "office" / "akimat.sqlite3")
    _done(folder, params, started)
    return folder


def _restore_fts_triggers(path: Path) -> None:
    import sqlite3
    import tempfile

    from desktop_app.store.db import open_db
    from desktop_app.store.migrations import migrate

    with tempfile.TemporaryDirectory() as tmp:
        ref = open_db(Path(tmp) / "ref.sqlite3")
        migrate(ref)
        sql = [r[0] for r in ref.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('persons_ai',"
            " 'persons_ad', 'persons_au', 'households_ai', 'households_ad', 'households_au')")]
        ref.close()
    conn = sqlite3.connect(path)
    with conn:
        for statement in sql:
            conn.execute(statement)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def copy_office(folder: Path, to: Path) -> Path:
    """A working copy of a cached office folder (benchmarks that write never touch the cache)."""
    if to.exists():
        shutil.rmtree(to)
    shutil.copytree(folder / "office", to)
    return to
