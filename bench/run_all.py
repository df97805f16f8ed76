"""Benchmarks at village, district and region scale, each figure against its baseline in the same
run (interleaved pairs; medians and 95th percentiles). Writes bench/results/latest.md and .json.

    make bench                                   # or: .venv/bin/python bench/run_all.py
    python bench/run_all.py --region-persons 1000000 --only search,memory

Scale data is built once into --cache (default bench/.cache) and reused; building the region with
a million persons takes a few minutes on a 2-core machine, so its size is an option. Nothing is
asserted: speed is measured here, never in timed tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import rows  # noqa: E402
import scale_data  # noqa: E402
from measure import Row  # noqa: E402

ALL = ("start", "application", "search", "receipt", "journal", "district", "export", "memory")


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:,.1f} ms"
    if unit == "s":
        return f"{value:,.2f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    return f"{value:,.0f} {unit}"


def _met(row: dict) -> str:
    """Whether the row meets the issue's target, judged from its own figures."""
    ratio, med, worst = row.get("ratio"), row.get("now_median"), row.get("now_p95")
    target = row["target"]
    if row["what"].startswith("person search"):
        return "yes" if worst is not None and worst <= 20 and ratio and 1 / ratio >= 100 else "no"
    if row["what"].startswith("district import"):
        first, last = row.get("first_rate"), row.get("last_rate")
        flat = first and last and last >= 0.5 * first
        return "yes" if ratio and ratio >= 0.25 and flat else "no"
    if row["what"].startswith("peak memory"):
        return "yes" if med is not None and med <= 250 else "no"
    if target.endswith("×") and ratio is not None:
        return "yes" if ratio <= float(target.split()[-1].rstrip("×")) else "no"
    if "≤ 1 s" in target and med is not None:
        return "yes" if (med if row["unit"] == "s" else med / 1000) <= 1 else "no"
    if target == "keep flat" and ratio is not None:
        return "yes" if ratio <= 1.5 else "no"
    return "—"


def table(summaries: list[dict]) -> str:
    lines = ["| what | now (median / p95) | baseline (median) | now ÷ baseline | target | met |",
             "|---|---|---|---|---|---|"]
    for r in summaries:
        unit = r["unit"]
        now = f"{_fmt(r.get('now_median'), unit)} / {_fmt(r.get('now_p95'), unit)}"
        base = f"{r['baseline_name']}: {_fmt(r.get('baseline_median'), unit)}" \
            if r.get("baseline_median") is not None else r["baseline_name"]
        ratio = r.get("ratio")
        if ratio is None:
            shown = "—"
        elif unit == "records/s":
            shown = f"{ratio * 100:.1f} %"
        elif ratio < 0.1:
            shown = f"{ratio:.4f}× ({1 / ratio:,.0f}× faster)"
        else:
            shown = f"{ratio:.2f}×"
        lines.append(f"| {r['what']} | {now} | {base} | {shown} | {r['target']} | {_met(r)} |")
    return "\n".join(lines)


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--households", type=int, default=2000, help="village size")
    ap.add_argument("--villages", type=int, default=30, help="offices sending a batch")
    ap.add_argument("--applications", type=int, default=500, help="per village batch")
    ap.add_argument("--region-persons", type=int, default=1_000_000,
                    help="persons in the region file (a million builds in ~3-4 min)")
    ap.add_argument("--cache", type=Path, default=HERE / ".cache")
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--pairs", type=int, default=15, help="interleaved pairs per figure")
    ap.add_argument("--starts", type=int, default=7, help="process start pairs")
    ap.add_argument("--only", default=",".join(ALL), help="comma-separated: " + ",".join(ALL))
    ap.add_argument("--build-only", action="store_true", help="build the scale data and stop")
    args = ap.parse_args()
    only = [w.strip() for w in args.only.split(",") if w.strip()]
    args.cache.mkdir(parents=True, exist_ok=True)

    print("scale data (cached in", args.cache, ")", flush=True)
    needs = set(only)
    village = scale_data.village(args.cache, args.households) \
        if needs & {"start", "application", "receipt", "journal"} else None
    district = scale_data.district(args.cache, args.villages, args.applications) \
        if needs & {"district", "export"} else None
    region = scale_data.region(args.cache, args.region_persons) \
        if needs & {"search", "export", "memory"} else None
    small = scale_data.region(args.cache, 880) if "export" in needs else None
    if args.build_only:
        return

    measured: list[Row] = []
    work = Path(tempfile.mkdtemp(prefix="akimat-bench-"))
    try:
        for name in only:
            print("measuring", name, flush=True)
            if name == "start":
                measured += rows.start_rows(village, work, args.starts)
            elif name == "application":
                measured.append(rows.application_row(village, work, args.pairs))
            elif name == "search":
                measured.append(rows.search_row(region, max(3, args.pairs // 5)))
            elif name == "receipt":
                measured.append(rows.receipt_row(village, work, args.pairs))
            elif name == "journal":
                measured.append(rows.journal_row(village, work, 3))
            elif name == "district":
                measured.append(rows.district_row(district, work))
            elif name == "export":
                measured += rows.export_rows(district, region, small, work, 5)
            elif name == "memory":
                measured.append(rows.memory_row(region, work, 3))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    summaries = []
    for row in measured:
        s = row.summary()
        if row.higher_is_better and row.now:
            s["first_rate"] = statistics.median(row.now[:3])
            s["last_rate"] = statistics.median(row.now[-3:])
        summaries.append(s)
    facts = machine()
    when = dt.datetime.now().isoformat(timespec="seconds")
    md = (f"Measured {when} on {facts['cpu']} ({facts['cores']} cores), {facts['os']}, "
          f"Python {facts['python']}, SQLite {facts['sqlite']}.\n"
          f"Scale: village {args.households:,} households; district {args.villages} × "
          f"{args.applications} applications; region {args.region_persons:,} persons.\n\n"
          + table(summaries) + "\n\nHow each figure is measured:\n\n"
          + "\n".join(f"- **{s['what']}**: {s['how']}" + (f" ({s['note']})" if s["note"] else "")
                      for s in summaries) + "\n")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(md, encoding="utf-8")
    (args.out / "latest.json").write_text(json.dumps(
        {"when": when, "machine": facts, "scale": {k: v for k, v in vars(args).items()
                                                   if k in ("households", "villages",
                                                            "applications", "region_persons")},
         "rows": summaries, "samples": [{"what": r.what, "now": r.now, "baseline": r.baseline}
                                        for r in measured]},
        ensure_ascii=False, indent=1), encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
