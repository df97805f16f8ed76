"""Reading and checking data/public_works/*.toml: a district resolution on public works with its
annex (organisations, work types, volumes, headcounts, pay rule). A broken file: ParameterError.

Pure Python; imports domain.public_works and domain.errors.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import ParameterError
from desktop_app.domain.public_works import (KINDS, Organisation, PayRule, PublicWorks, Resolution,
                                             Work)


def load_public_works(directory: Path) -> PublicWorks:
    """Read every *.toml in `directory`; a broken file or overlapping resolutions:
    ParameterError."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ParameterError(str(directory), "the public works folder is missing")
    resolutions = [_read_resolution(p) for p in sorted(directory.glob("*.toml"))]
    ids = [r.id for r in resolutions]
    for r in resolutions:
        if ids.count(r.id) > 1:
            raise ParameterError(r.file, f"resolution id {r.id} is used twice")
    ordered = sorted(resolutions, key=lambda r: r.valid_from)
    for prev, nxt in zip(ordered, ordered[1:]):
        if prev.valid_to is None or prev.valid_to >= nxt.valid_from:
            raise ParameterError(nxt.file,
                                 f"its period overlaps {prev.id} (from {nxt.valid_from})")
    return PublicWorks(resolutions)


def _read_resolution(path: Path) -> Resolution:
    f = str(path)
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ParameterError(f, f"cannot be read: {exc}") from exc
    for key in ("id", "version", "number"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            raise ParameterError(f, f"{key} is missing")
    valid_from = _date(f, doc.get("valid_from"), "valid_from")
    valid_to = _date(f, doc["valid_to"], "valid_to") if doc.get("valid_to") else None
    if valid_to is not None and valid_to < valid_from:
        raise ParameterError(f, "valid_to is before valid_from")
    pay = doc.get("pay")
    if not isinstance(pay, dict):
        raise ParameterError(f, "[pay] is missing")
    factor = _decimal(f, pay.get("factor"), "pay.factor")
    if factor <= 0:
        raise ParameterError(f, "pay.factor must be positive")
    if not isinstance(pay.get("base"), str) or not pay["base"]:
        raise ParameterError(f, "pay.base is missing")
    units = _named_table(f, doc, "units")
    work_types = _named_table(f, doc, "work_types")
    rows = doc.get("organisations")
    if not isinstance(rows, list) or not rows:
        raise ParameterError(f, "no [[organisations]]")
    orgs = tuple(_read_org(f, i, row, units, work_types) for i, row in enumerate(rows, 1))
    numbers = [o.row for o in orgs]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ParameterError(f, f"organisation rows must be numbered 1..N in order: {numbers}")
    codes = [o.code for o in orgs]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise ParameterError(f, f"organisation code {dupes[0]} is used twice")
    return Resolution(
        id=doc["id"], version=doc["version"], number=doc["number"],
        adopted=_date(f, doc.get("adopted"), "adopted"), valid_from=valid_from, valid_to=valid_to,
        title=_lang(f, doc.get("title"), "title"), conditions=_lang(f, doc.get("conditions"),
                                                                    "conditions"),
        pay=PayRule(factor, pay["base"], _lang(f, pay.get("text"), "pay.text"),
                    _lang(f, pay.get("financing"), "pay.financing")),
        units=units, work_types=work_types, organisations=orgs, file=f,
        repealed_by=str(doc.get("repealed_by", "")))


def _read_org(f: str, i: int, row: Any, units: dict, work_types: dict) -> Organisation:
    where = f"organisations entry {i}"
    if not isinstance(row, dict):
        raise ParameterError(f, f"{where} is not a table")
    number = row.get("row")
    if not isinstance(number, int) or isinstance(number, bool):
        raise ParameterError(f, f"{where}: row must be a whole number")
    code = row.get("code")
    if not isinstance(code, str) or not code.strip():
        raise ParameterError(f, f"{where}: code is missing")
    kind = row.get("kind")
    if kind not in KINDS:
        raise ParameterError(f, f"{where}: kind must be one of {sorted(KINDS)}")
    supply = row.get("supply")
    if not isinstance(supply, int) or isinstance(supply, bool) or supply < 0:
        raise ParameterError(f, f"{where}: supply (the headcount) must be a whole number >= 0")
    demand = row.get("demand")
    if demand is not None and (not isinstance(demand, int) or demand < 0):
        raise ParameterError(f, f"{where}: demand must be a whole number >= 0")
    if demand is None and not str(row.get("demand_text", "")).strip():
        raise ParameterError(f, f"{where}: demand or demand_text (as printed) is required")
    works_raw = row.get("works")
    if not isinstance(works_raw, list) or not works_raw:
        raise ParameterError(f, f"{where}: works is missing")
    works = []
    for w in works_raw:
        if not isinstance(w, dict) or w.get("type") not in work_types:
            raise ParameterError(f, f"{where}: a work names an unknown type {w!r}")
        if w.get("unit") not in units:
            raise ParameterError(f, f"{where}: a work names an unknown unit {w.get('unit')!r}")
        volume = w.get("volume")
        if not isinstance(volume, int) or isinstance(volume, bool) or volume <= 0:
            raise ParameterError(f, f"{where}: a work's volume must be a positive whole number")
        works.append(Work(w["type"], volume, w["unit"]))
    return Organisation(number, code, kind, _lang(f, row.get("name"), f"{where}: name"),
                        tuple(works), supply, demand, str(row.get("demand_text", "")))


def _named_table(f: str, doc: dict, key: str) -> dict[str, dict[str, str]]:
    table = doc.get(key)
    if not isinstance(table, dict) or not table:
        raise ParameterError(f, f"[{key}] is missing")
    return {code: _lang(f, value, f"{key}.{code}") for code, value in table.items()}


def _lang(f: str, value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not isinstance(value.get("kk"), str) or not value["kk"]:
        raise ParameterError(f, f"{where} needs a kk text")
    return {k: str(v) for k, v in value.items() if k in ("kk", "ru")}


def _date(f: str, raw: Any, where: str) -> dt.date:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    raise ParameterError(f, f"{where}: {raw!r} is not a date (YYYY-MM-DD)")


def _decimal(f: str, raw: Any, where: str) -> Decimal:
    if isinstance(raw, bool) or raw is None:
        raise ParameterError(f, f"{where} must be a number")
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise ParameterError(f, f"{where}: {raw!r} is not a number") from None
    if not value.is_finite():
        raise ParameterError(f, f"{where} must be a number")
    return value
