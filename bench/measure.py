"""Stopwatches for the benchmarks: interleaved pairs (now, baseline, now, baseline, ...) so both
sides see the same machine at the same moment, summarised as medians and 95th percentiles."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROBE = Path(__file__).with_name("probe.py")
ROOT = Path(__file__).resolve().parents[1]


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass
class Row:
    """One line of the table: what, the samples of now and of its baseline, how measured."""

    what: str
    unit: str                       # "ms", "s", "records/s", "MB"
    now: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    baseline_name: str = "—"
    target: str = ""
    how: str = ""
    note: str = ""
    higher_is_better: bool = False

    def summary(self) -> dict:
        out = {"what": self.what, "unit": self.unit, "baseline_name": self.baseline_name,
               "target": self.target, "how": self.how, "note": self.note,
               "samples": len(self.now)}
        if self.now:
            out["now_median"] = statistics.median(self.now)
            out["now_p95"] = p95(self.now)
        if self.baseline:
            out["baseline_median"] = statistics.median(self.baseline)
            out["baseline_p95"] = p95(self.baseline)
            if out["baseline_median"]:
                out["ratio"] = out["now_median"] / out["baseline_median"]
        return out


def pairs(now: Callable[[], object], baseline: Callable[[], object] | None, n: int,
          *, warmup: int = 1, scale: float = 1000.0) -> tuple[list[float], list[float]]:
    """Time `now` and `baseline` alternately `n` times each (after `warmup` untimed rounds);
    samples in ms (scale 1000) or s (scale 1)."""
    for _ in range(warmup):
        now()
        if baseline is not None:
            baseline()
    a: list[float] = []
    b: list[float] = []
    for _ in range(n):
        start = time.perf_counter()
        now()
        a.append((time.perf_counter() - start) * scale)
        if baseline is not None:
            start = time.perf_counter()
            baseline()
            b.append((time.perf_counter() - start) * scale)
    return a, b


def probe(mode: str, folder: Path | str = "") -> tuple[float, str]:
    """Run bench/probe.py in a fresh interpreter; its wall time in seconds and what it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    out = subprocess.run([sys.executable, str(PROBE), mode, str(folder)], capture_output=True,
                         text=True, env=env, timeout=300)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(f"probe {mode} failed: {out.stderr[-2000:]}")
    return elapsed, out.stdout.strip()
