"""The service catalogue: loads data/services/*.toml (schema in `catalogue_schema`) and serves it.

Imports stdlib, i18n and domain only. `load_catalogue` refuses the whole catalogue on the first
broken file; `check_catalogue` lists every problem for `akimat-desk catalog check`. Conditional
documents (`CONDITIONS`, `applicable_documents`, `questions_for`) are re-exported from
`catalogue_conditions`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop_app.domain.catalogue import ServiceSpec
from desktop_app.domain.catalogue_conditions import (
    CONDITIONS,
    Condition,
    applicable_documents,
    condition_holds,
    questions_for,
)
from desktop_app.domain.catalogue_schema import validate_file
from desktop_app.domain.errors import CatalogueError, NotFound
from desktop_app.i18n import LOCALES

__all__ = [
    "CONDITIONS", "Catalogue", "Condition", "applicable_documents", "check_catalogue",
    "condition_holds", "load_catalogue", "load_service", "questions_for",
]


def load_service(path: Path) -> ServiceSpec:
    """Parse and validate one service file; raise the first problem as a CatalogueError."""
    spec, errors = validate_file(Path(path))
    if errors:
        raise errors[0]
    assert spec is not None
    return spec


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().replace("ё", "е")


class Catalogue:
    """The services in force in this office, in display order (by `order`, then id)."""

    def __init__(self, services: Iterable[ServiceSpec]) -> None:
        specs = list(services)
        problems = _cross_file(specs)
        if problems:
            raise problems[0]
        self._by_id = {spec.id: spec for spec in specs}
        self._ordered = sorted(specs, key=lambda s: (s.order, s.id))

    def get(self, service_id: str) -> ServiceSpec:
        try:
            return self._by_id[service_id]
        except KeyError:
            raise NotFound(what="service", key=service_id) from None

    def all(self) -> list[ServiceSpec]:
        return list(self._ordered)

    def search(self, text: str, locale: str) -> list[ServiceSpec]:
        """Case-insensitive substring search over kk/ru names, short names and id.

        Matches in `locale`'s own texts come first; otherwise the display order is kept.
        """
        needle = _fold(text.strip())
        if not needle:
            return self.all()
        own: list[ServiceSpec] = []
        other: list[ServiceSpec] = []
        for spec in self._ordered:
            mine = (spec.id, spec.name.get(locale, ""), spec.short_name.get(locale, ""))
            every = (*spec.name.values(), *spec.short_name.values())
            if any(needle in _fold(t) for t in mine):
                own.append(spec)
            elif any(needle in _fold(t) for t in every):
                other.append(spec)
        return own + other

    def __iter__(self) -> Iterator[ServiceSpec]:
        return iter(self._ordered)

    def __len__(self) -> int:
        return len(self._ordered)

    def __contains__(self, service_id: object) -> bool:
        return service_id in self._by_id


def _service_files(directory: Path) -> tuple[list[Path], list[CatalogueError]]:
    if not directory.is_dir():
        return [], [CatalogueError(file=directory.name, field="(directory)",
                                   reason="directory not found")]
    files = sorted(p for p in directory.glob("*.toml") if p.is_file())
    if not files:
        return [], [CatalogueError(file=directory.name, field="(directory)",
                                   reason="no service files")]
    return files, []


def _cross_file(specs: list[ServiceSpec]) -> list[CatalogueError]:
    errors: list[CatalogueError] = []
    seen_ids: dict[str, ServiceSpec] = {}
    seen_names: dict[tuple[str, str], ServiceSpec] = {}
    for spec in specs:
        if spec.id in seen_ids:
            errors.append(CatalogueError(file=spec.file, field="id", reason=(
                f"duplicate service id {spec.id!r} (also in {seen_ids[spec.id].file})")))
        seen_ids.setdefault(spec.id, spec)
        for locale in LOCALES:
            key = (locale, _fold(spec.name.get(locale, "")))
            if key[1] and key in seen_names:
                errors.append(CatalogueError(file=spec.file, field=f"name.{locale}", reason=(
                    f"same name as in {seen_names[key].file}")))
            seen_names.setdefault(key, spec)
    return errors


def load_catalogue(directory: Path) -> Catalogue:
    """Load every service file; refuse the whole catalogue on the first broken file."""
    files, errors = _service_files(Path(directory))
    if errors:
        raise errors[0]
    return Catalogue(load_service(p) for p in files)


def check_catalogue(directory: Path) -> list[CatalogueError]:
    """Every problem in every file, and between files (for `akimat-desk catalog check`)."""
    files, errors = _service_files(Path(directory))
    specs: list[ServiceSpec] = []
    for path in files:
        spec, problems = validate_file(path)
        errors.extend(problems)
        if spec is not None:
            specs.append(spec)
    return errors + _cross_file(specs)
