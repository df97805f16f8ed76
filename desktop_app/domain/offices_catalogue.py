"""The office reference lists (data/offices/*.toml): districts, Departments (бөлімдер), district
akim apparatuses and settlement/village/rural-district akims, validated on load.

Pure Python; imports only domain.errors and domain.office.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import ParameterError
from desktop_app.domain.office import Office

_REQUIRED = {
    "districts": ("id", "name_kk", "name_ru", "kind"),
    "departments": ("id", "district_id", "name_kk", "name_ru", "address_kk", "phones", "raw"),
    "district_akims": ("id", "district_id", "name_kk", "name_ru", "address", "phones",
                       "schedule", "raw"),
    "akims": ("id", "district_id", "department_id", "name_kk", "name_ru", "address_kk",
              "phones", "raw"),
}


@dataclass(frozen=True)
class District:
    id: str
    region: str
    name_kk: str
    name_ru: str
    kind: str                      # "city" | "district"


@dataclass(frozen=True)
class Department:
    """A district/city Department of employment and social programmes (ЖҚӘБ бөлімі, ОЗСП)."""

    id: str
    region: str
    district_id: str
    name_kk: str
    name_ru: str
    address_kk: str
    postcode: str = ""
    phones: tuple[str, ...] = ()
    fax: str = ""
    email: str = ""
    web: str = ""
    raw: str = ""


@dataclass(frozen=True)
class ReceptionHour:
    who: str                       # "akim" | "deputy"
    rule: str                      # the act's wording (kk)
    weekday: str = ""
    weeks: tuple[int, ...] = ()    # (2, 4) = 2nd and 4th of the month; (-1,) = last; () = every
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class DistrictAkim:
    id: str
    region: str
    district_id: str
    name_kk: str
    name_ru: str
    address: str
    phones: tuple[str, ...] = ()
    email: str = ""
    web: str = ""
    schedule: tuple[ReceptionHour, ...] = ()
    raw: str = ""


@dataclass(frozen=True)
class AkimOffice:
    """A settlement (кент), village (ауыл/село) or rural-district (ауылдық округ) akim apparatus."""

    id: str
    region: str
    district_id: str
    department_id: str
    name_kk: str
    name_ru: str
    address_kk: str
    settlement_kk: str = ""
    postcode: str = ""
    phones: tuple[str, ...] = ()
    fax: str = ""
    email: str = ""
    raw: str = ""


@dataclass
class RegionLists:
    region: str
    name: dict[str, str]
    source: str
    districts: list[District] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    district_akims: list[DistrictAkim] = field(default_factory=list)
    akims: list[AkimOffice] = field(default_factory=list)


class OfficeLists:
    """All regions' lists, looked up by id."""

    def __init__(self, regions: dict[str, RegionLists]) -> None:
        self._regions = regions
        self._by_id: dict[str, Any] = {}
        for lists in regions.values():
            records: list[District | Department | DistrictAkim | AkimOffice] = [
                *lists.districts, *lists.departments, *lists.district_akims, *lists.akims]
            for rec in records:
                self._by_id[rec.id] = rec

    def regions(self) -> list[str]:
        return sorted(self._regions)

    def region(self, region: str) -> RegionLists:
        return self._regions[region]

    def districts(self, region: str) -> list[District]:
        return list(self._regions[region].districts)

    def departments(self, region: str) -> list[Department]:
        return list(self._regions[region].departments)

    def district_akims(self, region: str) -> list[DistrictAkim]:
        return list(self._regions[region].district_akims)

    def akims(self, region: str, district_id: str | None = None) -> list[AkimOffice]:
        return [a for a in self._regions[region].akims
                if district_id is None or a.district_id == district_id]

    def department_for(self, akim: AkimOffice) -> Department:
        return self._by_id[akim.department_id]

    def get(self, record_id: str) -> Any:
        """The record with this id (district, Department, district akim or akim); KeyError if
        none."""
        return self._by_id[record_id]


def _records(data: dict[str, Any], table: str, file: str) -> list[dict[str, Any]]:
    rows = data.get(table, [])
    if not isinstance(rows, list):
        raise ParameterError(file, f"[[{table}]] must be an array of tables")
    for i, row in enumerate(rows):
        missing = [k for k in _REQUIRED[table] if k not in row]
        if missing:
            raise ParameterError(file, f"[[{table}]] #{i + 1} lacks {', '.join(missing)}")
        if not isinstance(row["phones"] if "phones" in row else [], list):
            raise ParameterError(file, f"{row['id']}: phones must be a list")
    return rows


def _load_region(path: Path) -> RegionLists:
    file = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ParameterError(file, str(exc)) from exc
    for key in ("region", "name", "source"):
        if key not in data:
            raise ParameterError(file, f"missing {key}")
    region = data["region"]
    out = RegionLists(region, dict(data["name"]), data["source"])
    out.districts = [District(r["id"], region, r["name_kk"], r["name_ru"], r["kind"])
                     for r in _records(data, "districts", file)]
    out.departments = [Department(
        r["id"], region, r["district_id"], r["name_kk"], r["name_ru"], r["address_kk"],
        r.get("postcode", ""), tuple(r["phones"]), r.get("fax", ""), r.get("email", ""),
        r.get("web", ""), r["raw"]) for r in _records(data, "departments", file)]
    out.district_akims = [DistrictAkim(
        r["id"], region, r["district_id"], r["name_kk"], r["name_ru"], r["address"],
        tuple(r["phones"]), r.get("email", ""), r.get("web", ""),
        tuple(ReceptionHour(e["who"], e["rule"], e.get("weekday", ""), tuple(e.get("weeks", [])),
                            e.get("from", ""), e.get("to", "")) for e in r["schedule"]),
        r["raw"]) for r in _records(data, "district_akims", file)]
    out.akims = [AkimOffice(
        r["id"], region, r["district_id"], r["department_id"], r["name_kk"], r["name_ru"],
        r["address_kk"], r.get("settlement_kk", ""), r.get("postcode", ""), tuple(r["phones"]),
        r.get("fax", ""), r.get("email", ""), r["raw"]) for r in _records(data, "akims", file)]
    _check_links(out, file)
    return out


def _check_links(lists: RegionLists, file: str) -> None:
    ids: set[str] = set()
    records: list[District | Department | DistrictAkim | AkimOffice] = [
        *lists.districts, *lists.departments, *lists.district_akims, *lists.akims]
    for rec in records:
        if rec.id in ids:
            raise ParameterError(file, f"duplicate id {rec.id}")
        ids.add(rec.id)
    districts = {d.id for d in lists.districts}
    depts = {d.id: d for d in lists.departments}
    linked_records: list[Department | DistrictAkim | AkimOffice] = [
        *lists.departments, *lists.district_akims, *lists.akims]
    for linked in linked_records:
        if linked.district_id not in districts:
            raise ParameterError(file, f"{linked.id}: unknown district {linked.district_id}")
    for akim in lists.akims:
        dept = depts.get(akim.department_id)
        if dept is None:
            raise ParameterError(file, f"{akim.id}: unknown department {akim.department_id}")
        if dept.district_id != akim.district_id:
            raise ParameterError(file, f"{akim.id}: department {dept.id} is of another district")


def load_office_lists(data_dir: Path) -> OfficeLists:
    """Load every data_dir/*.toml region file; a broken file raises ParameterError(file, reason)."""
    regions: dict[str, RegionLists] = {}
    for path in sorted(Path(data_dir).glob("*.toml")):
        lists = _load_region(path)
        if lists.region in regions:
            raise ParameterError(path.name, f"region {lists.region} is defined twice")
        regions[lists.region] = lists
    return OfficeLists(regions)


def _quoted_kk(name: str) -> str:
    return f"«{name}» ММ"


def to_office(akim: AkimOffice, lists: OfficeLists) -> Office:
    """An Office for set-up from a listed akim apparatus; the akim's own name is left empty."""
    district = lists.get(akim.district_id)
    dept = lists.department_for(akim)
    region = lists.region(akim.region)
    prefix, _kind, rest = akim.id.split("-", 2)
    address_kk = ", ".join(p for p in (akim.postcode, akim.address_kk) if p)
    return Office(
        code=f"{prefix}-{rest}".upper(),
        name={"kk": _quoted_kk(akim.name_kk), "ru": akim.name_ru},
        region=akim.region,
        district={"kk": f"{region.name['kk']}, {district.name_kk}",
                  "ru": f"{region.name['ru']}, {district.name_ru}"},
        address={"kk": address_kk, "ru": address_kk},   # no Russian address in the acts
        phone=akim.phones[0] if akim.phones else "",
        department={"kk": _quoted_kk(dept.name_kk), "ru": dept.name_ru},
    )
