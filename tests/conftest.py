"""Shared fixtures: a fixed clock, and office data folders copied from one template per session."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

FIXED_NOW = dt.datetime(2026, 11, 18, 10, 30)  # a Wednesday


def fixed_clock() -> dt.datetime:
    return FIXED_NOW


@pytest.fixture(scope="session")
def _template_dirs(tmp_path_factory) -> dict[str, Path]:
    from desktop_app.services.setup import open_context

    out = {}
    for name, demo in (("empty", False), ("demo", True)):
        folder = tmp_path_factory.mktemp(f"template-{name}")
        ctx = open_context(folder, clock=fixed_clock, demo=demo)
        ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ctx.close()
        out[name] = folder
    return out


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


@pytest.fixture
def ctx(_template_dirs, tmp_path):
    """An office with no households (the demo office identity only), on a real SQLite file."""
    from desktop_app.services.setup import open_context

    c = open_context(_copy(_template_dirs["empty"], tmp_path / "office"), clock=fixed_clock,
                     demo=False)
    yield c
    c.close()


@pytest.fixture
def demo_ctx(_template_dirs, tmp_path):
    """An office with the demo village loaded."""
    from desktop_app.services.setup import open_context

    c = open_context(_copy(_template_dirs["demo"], tmp_path / "office"), clock=fixed_clock,
                     demo=False)
    yield c
    c.close()
