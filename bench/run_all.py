"""Benchmarks with scale data: a large village, then the operations a specialist waits for.

Run with `make bench` (or `.venv/bin/python bench/run_all.py --households 2000`). Prints a table;
nothing is asserted: speed is measured here, not in timed tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.services import (applications, households, lifecycle, papers,  # noqa: E402
                                  search)
from desktop_app.services import today as today_page  # noqa: E402
from desktop_app.services.demo import load_demo_village  # noqa: E402
from desktop_app.services.setup import open_context  # noqa: E402


def timed(fn, repeat: int = 20) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(tmp, demo=False)
        start = time.perf_counter()
        changes = load_demo_village(ctx, households=args.households, seed=7)
        load_s = time.perf_counter() - start
        persons = ctx.db.execute("SELECT count(*) FROM persons").fetchone()[0]
        print(f"village: {args.households} households, {persons} persons, "
              f"{len(changes.applications)} applications loaded in {load_s:.1f} s "
              f"({load_s / max(1, len(changes.applications)) * 1000:.1f} ms per application "
              f"incl. household)")
        reg_no = ctx.db.execute("SELECT reg_no FROM applications LIMIT 1").fetchone()[0]
        rows = [
            ("search 'ахм' (FTS trigram)", lambda: households.find_persons(ctx, "ахм")),
            ("search IIN fragment '0101'", lambda: households.find_persons(ctx, "0101")),
            ("households list, filtered", lambda: households.list_households(ctx, "Абай")),
            ("work list, all applications", lambda: applications.work_list(ctx)),
            ("District column, all applications", lambda: lifecycle.sync_states(ctx)),
            ("Today page lists", lambda: today_page.today(ctx)),
            ("global search 'ахм'", lambda: search.find(ctx, "ахм")),
            ("receipt PDF render", lambda: papers.receipt_pdf(ctx, reg_no, language="kk")),
        ]
        import datetime as dt

        from desktop_app.services import office_papers

        today = ctx.now().date()
        start = time.perf_counter()
        pdf, _number = office_papers.journal_pdf(ctx, today - dt.timedelta(days=60), today)
        journal_s = time.perf_counter() - start
        print(f"{'operation':40} {'median ms':>10} {'max ms':>10}")
        for name, fn in rows:
            med, worst = timed(fn, repeat=10)
            print(f"{name:40} {med:10.1f} {worst:10.1f}")
        rows = len(changes.applications)
        print(f"application journal, {rows} rows: {journal_s:.1f} s, {len(pdf) // 1024} KiB")
        ctx.close()


if __name__ == "__main__":
    main()
