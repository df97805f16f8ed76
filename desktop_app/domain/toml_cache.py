"""The legal data files (data/services, parameters, calendar) parsed once and remembered between
starts: each file's parsed content is kept as JSON under the SHA-256 of its text, so a file that
changes in any way is parsed again, and a missing, unreadable or corrupt cache is ignored.

Imports stdlib only. Only the parsing is remembered: every file is still read, and everything it
says is still checked, on each start. `using(path)` makes the cache active for the loads inside it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import hashlib
import json
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

FORMAT = 1
_TAG = "\x00toml"  # marks a date or time (JSON has none); no TOML key starts with NUL


class ParsedFiles:
    """The remembered parses: `loads` answers from them (or parses and remembers), `save` writes
    back the entries used since opening, replacing the file in one step."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.entries: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.changed = False
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored.get("format") == FORMAT and isinstance(stored.get("files"), dict):
                self.entries = {k: v for k, v in stored["files"].items()
                                if isinstance(k, str) and isinstance(v, str)}
        except (OSError, ValueError, AttributeError):
            self.entries = {}  # no cache yet, or a damaged one: parse, and write it anew

    def loads(self, source: str) -> dict[str, Any]:
        key = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        text = self.entries.get(key)
        if text is not None:
            try:
                doc = json.loads(text, object_hook=_decode)
            except (ValueError, TypeError, KeyError):
                doc = None
            if isinstance(doc, dict):
                self.used[key] = text
                return doc
        doc = tomllib.loads(source)  # a syntax error is raised as without the cache
        text = json.dumps(doc, default=_encode, ensure_ascii=False)
        self.entries[key] = self.used[key] = text
        self.changed = True
        return json.loads(text, object_hook=_decode)

    def save(self) -> None:
        """Write the entries used since opening (others belong to files no longer there); a cache
        that cannot be written is simply not kept."""
        if not self.changed and len(self.used) == len(self.entries):
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"format": FORMAT, "files": self.used},
                                      ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()


_active: contextvars.ContextVar[ParsedFiles | None] = contextvars.ContextVar(
    "toml_cache", default=None)


@contextlib.contextmanager
def using(path: Path) -> Iterator[ParsedFiles]:
    """Loads inside the block answer from the cache file `path`, saved when the block ends."""
    cache = ParsedFiles(path)
    token = _active.set(cache)
    try:
        yield cache
    finally:
        _active.reset(token)
    cache.save()


def loads(source: str) -> dict[str, Any]:
    """`tomllib.loads`, answered from the active cache when there is one."""
    cache = _active.get()
    return cache.loads(source) if cache is not None else tomllib.loads(source)


def load(fh: BinaryIO) -> dict[str, Any]:
    """`tomllib.load` (UTF-8 bytes), answered from the active cache when there is one."""
    return loads(fh.read().decode())


def _encode(value: object) -> dict[str, str]:
    if isinstance(value, dt.datetime):
        return {_TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {_TAG: "date", "v": value.isoformat()}
    if isinstance(value, dt.time):
        return {_TAG: "time", "v": value.isoformat()}
    raise TypeError(f"cannot remember a {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> object:
    kind = obj.get(_TAG)
    if kind is None:
        return obj
    text = obj["v"]
    if kind == "datetime":
        return dt.datetime.fromisoformat(text)
    if kind == "date":
        return dt.date.fromisoformat(text)
    return dt.time.fromisoformat(text)
