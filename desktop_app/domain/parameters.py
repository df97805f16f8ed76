"""Versioned legal parameters (poverty line, food basket, MCI/АЕК, minimum wage): data/parameters.

Pure Python; imports domain.errors. One TOML file per parameter; every value has a validity
period, an optional region and a version id, so a decision can say which figure it used, and its
legal note: `source` in English for developers, `source_kk` and `source_ru` for the people who
read it in the program (both required in a shipped file).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop_app.domain import toml_cache
from desktop_app.domain.errors import MissingParameter, ParameterError

NATIONAL = "*"


@dataclass(frozen=True)
class ParamValue:
    name: str
    value: Decimal
    version: str
    valid_from: dt.date
    valid_to: dt.date | None   # inclusive; None: open-ended
    region: str | None         # None: national
    source: str                # the legal note: English in shipped files, as typed in an office's
    source_kk: str = ""        # the note in Kazakh and in Russian (shipped files); an office's
    source_ru: str = ""        # value typed in one language has none: its `source` is shown

    def note(self, locale: str) -> str:
        """The legal note in `locale` ("kk" or "ru"); a note an office typed, as it was typed."""
        return {"kk": self.source_kk, "ru": self.source_ru}.get(locale) or self.source

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class ParameterInfo:
    name: str
    unit: str
    title: dict[str, str]
    file: str


class Parameters:
    """All parameters loaded; `value()` answers "which figure was in force on that day there"."""

    def __init__(
        self, infos: dict[str, ParameterInfo], values: dict[str, list[ParamValue]]
    ) -> None:
        self._infos = dict(infos)
        self._values = {name: sorted(vs, key=lambda v: v.valid_from) for name, vs in values.items()}

    def names(self) -> list[str]:
        return sorted(self._infos)

    def info(self, name: str) -> ParameterInfo:
        return self._infos[name]

    def history(self, name: str, region: str | None = None) -> list[ParamValue]:
        """Every value of `name` for `region` (None: the national values), oldest first."""
        region = _norm_region(region)
        return [v for v in self._values.get(name, []) if v.region == region]

    def all_values(self, name: str) -> list[ParamValue]:
        """Every value of `name`, national and regional, oldest first."""
        return list(self._values.get(name, []))

    def value(self, name: str, on: dt.date, region: str | None = None) -> ParamValue:
        """The value in force on `on`: the region's own figure first, then the national one.

        Raises MissingParameter(name=, date=, region=) when neither is in force.
        """
        region = _norm_region(region)
        candidates = self._values.get(name, [])
        for wanted in ((region, None) if region is not None else (None,)):
            for v in candidates:
                if v.region == wanted and v.in_force(on):
                    return v
        raise MissingParameter(name=name, date=on.isoformat(), region=region or NATIONAL)


def _norm_region(region: str | None) -> str | None:
    if region is None:
        return None
    region = region.strip().lower()
    return None if region in ("", NATIONAL) else region


def load_parameters(directory: Path) -> Parameters:
    """Read every *.toml in `directory`; a broken file or overlapping periods: ParameterError."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ParameterError(str(directory), "the parameters folder is missing")
    infos: dict[str, ParameterInfo] = {}
    values: dict[str, list[ParamValue]] = {}
    for path in sorted(directory.glob("*.toml")):
        info, vals = _read_file(path)
        if info.name in infos:
            raise ParameterError(str(path), f"parameter {info.name} is also defined in "
                                            f"{infos[info.name].file}")
        infos[info.name] = info
        values[info.name] = vals
    return Parameters(infos, values)


def _read_file(path: Path) -> tuple[ParameterInfo, list[ParamValue]]:
    f = str(path)
    try:
        with path.open("rb") as fh:
            doc = toml_cache.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ParameterError(f, f"cannot be read: {exc}") from exc
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ParameterError(f, "name is missing")
    unit = doc.get("unit")
    if not isinstance(unit, str) or not unit.strip():
        raise ParameterError(f, "unit is missing")
    title = doc.get("title", {})
    if not isinstance(title, dict) or not all(isinstance(title.get(k), str) for k in ("kk", "ru")):
        raise ParameterError(f, "[title] needs kk and ru")
    rows = doc.get("values")
    if not isinstance(rows, list) or not rows:
        raise ParameterError(f, "no [[values]]")
    vals = [_read_value(f, name, i, row) for i, row in enumerate(rows, 1)]
    _check_overlaps(f, vals)
    return ParameterInfo(name, unit, {k: str(v) for k, v in title.items()}, f), vals


# a value's legal note: every shipped value carries it in English, Kazakh and Russian
_NOTES = {"source": "the legal note in English", "source_kk": "the legal note in Kazakh",
          "source_ru": "the legal note in Russian"}


def _read_value(f: str, name: str, i: int, row: Any) -> ParamValue:
    where = f"values entry {i}"
    if not isinstance(row, dict):
        raise ParameterError(f, f"{where} is not a table")
    for key in ("value", "valid_from", "version"):
        if key not in row or row[key] in ("", None):
            raise ParameterError(f, f"{where}: {key} is missing")
    for key, what in _NOTES.items():
        if not isinstance(row.get(key), str) or not row[key].strip():
            raise ParameterError(f, f"{where} ({row['version']}): {key} is missing ({what})")
    raw = row["value"]
    if isinstance(raw, bool):
        raise ParameterError(f, f"{where}: value must be a number")
    try:
        # str() first: a TOML float 0.7 must become Decimal("0.7"), not its binary expansion
        value = Decimal(str(raw))
    except InvalidOperation:
        raise ParameterError(f, f"{where}: value {raw!r} is not a number") from None
    if not value.is_finite() or value < 0:
        raise ParameterError(f, f"{where}: value must be a non-negative number")
    valid_from = _date(f, row["valid_from"], f"{where}: valid_from")
    valid_to = _date(f, row["valid_to"], f"{where}: valid_to") if row.get("valid_to") else None
    if valid_to is not None and valid_to < valid_from:
        raise ParameterError(f, f"{where}: valid_to is before valid_from")
    region = row.get("region")
    if region is not None and not isinstance(region, str):
        raise ParameterError(f, f"{where}: region must be text")
    return ParamValue(name, value, str(row["version"]), valid_from, valid_to,
                      _norm_region(region), row["source"].strip(), row["source_kk"].strip(),
                      row["source_ru"].strip())


def _date(f: str, raw: Any, where: str) -> dt.date:
    if isinstance(raw, dt.datetime):
        raise ParameterError(f, f"{where}: a date without a time is expected")
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise ParameterError(f, f"{where}: {raw!r} is not a date (YYYY-MM-DD)") from None


def _check_overlaps(f: str, vals: list[ParamValue]) -> None:
    by_region: dict[str | None, list[ParamValue]] = {}
    for v in vals:
        by_region.setdefault(v.region, []).append(v)
    for region, group in by_region.items():
        group.sort(key=lambda v: v.valid_from)
        for prev, nxt in zip(group, group[1:]):
            if prev.valid_to is None or prev.valid_to >= nxt.valid_from:
                raise ParameterError(
                    f, f"versions {prev.version} and {nxt.version} overlap for region "
                       f"{region or NATIONAL} (from {nxt.valid_from})")
    versions = [v.version for v in vals]
    dupes = sorted({v for v in versions if versions.count(v) > 1})
    if dupes:
        raise ParameterError(f, f"version {dupes[0]} is used twice")
