"""Logging to a rotating file in the data folder's logs/ (the office has no telemetry: that file is
the bug report). Safe in a frozen build without a console."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_configured: set[Path] = set()


def logs_dir(data_dir: Path) -> Path:
    folder = Path(data_dir) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def configure(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's log records to <data_dir>/logs/akimat-desk.log (1 MB × 5); idempotent."""
    folder = logs_dir(data_dir)
    target = folder / "akimat-desk.log"
    if target in _configured:
        return target
    handler = logging.handlers.RotatingFileHandler(target, maxBytes=1_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("desktop_app")
    root.setLevel(level)
    root.addHandler(handler)
    _configured.add(target)
    return target
