"""Build data/offices/karaganda.toml and almaty.toml from the raw seed acts (003 and 002).

Run: .venv/bin/python tools/offices/clean_offices.py [--seeds DIR] [--out DIR]
Deterministic: the same seeds give byte-identical files. Parsing lives in parse_*.py, text
clean-up in cleaning.py; this module picks one record per office, assigns ids and writes TOML.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tools.offices.cleaning import fix_name_lookalikes, make_id  # noqa: E402
from tools.offices.names import (  # noqa: E402
    REGIONS, akim_name_ru, department_name_ru, district_akim_name_ru, district_name_from_genitive,
    district_ru, split_akim_name,
)
from tools.offices.parse_almaty import parse_almaty  # noqa: E402
from tools.offices.parse_karaganda import PARSERS, find_copies  # noqa: E402

SEED_003 = "003_cd0b9684ee8d5f68.txt"
SEED_002 = "002_ffee540b9324ace1.txt"
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
# Rows of 003 whose address names neither district nor city. Their postcode prefix decides,
# except the Zhezkazgan settlement: postcode 1006xx is Zhezkazgan's, but its phone code (71063)
# and its place in the annex (between Saran and Temirtau) make it Satpaev's.
ADDRESS_DISTRICT_OVERRIDES = {"Жезқазған кенті әкімінің аппараты": "Сәтбаев қаласы"}
_SETTLEMENT_RE = re.compile(
    r"(?:^|\s)(\S+(?:\s\S+)?\s(?:селосы|ауылы|кенті|қаласы|ауыл|кент))(?=\s|$)")


def _fingerprint(row: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in row.items() if k not in ("raw", "number")},
                      ensure_ascii=False, sort_keys=True)


def vote(candidates: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One record from the copies of an office: the most common parse; a tie goes to the first.
    A cell displaced by a page break in one copy is outvoted by the others."""
    counts = Counter(_fingerprint(row) for _src, row in candidates)
    best = max(counts.values())
    for _src, row in candidates:
        if counts[_fingerprint(row)] == best:
            chosen = dict(row)
            chosen["sources"] = [src for src, _ in candidates]
            return chosen
    raise ValueError("no candidates")


def _base(district_kk: str) -> str:
    return re.sub(r"\s(ауданы|қаласы)$", "", district_kk)


def _clean_text(text: str) -> str:
    text = fix_name_lookalikes(text)
    text = re.sub(r"(\S) -(?=\S)", r"\1-", text)              # "Ақсу -Аюлы"
    text = re.sub(r"(\S) \.(?=\S)", r"\1.", text)             # "Б .Сырттанов"
    text = re.sub(r"(\S) а (селосы)", r"\1 \2", text)          # "Мибұлақ а селосы" (PDF artefact)
    return text


def settlement_of(address: str, districts: set[str]) -> str:
    for seg in (s.strip() for s in address.split(",")):
        seg = re.sub(r"^.*?\s(ауданы|облысы)\s+", "", seg)
        m = _SETTLEMENT_RE.search(seg)
        if m and m.group(1) not in districts and "облысы" not in m.group(1):
            return m.group(1)
    first = re.sub(r"^.*?\sауданы,?\s*", "", address).split(",")[0].strip()
    return first if first and not re.search(r"\d|көш", first) else ""


def _districts(prefix: str, departments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    taken: set[str] = set()
    out = []
    for d in departments:
        kk = d["district_kk"]
        ru, _gen = district_ru(kk)
        out.append({"id": make_id(prefix, "", "", _base(kk), taken), "name_kk": kk, "name_ru": ru,
                    "kind": "city" if kk.endswith("қаласы") else "district"})
    return out


def _department(prefix: str, row: dict[str, Any], district_id: str, taken: set[str]) -> dict:
    kk = row["district_kk"]
    return {"id": make_id(prefix, "dept", _base(kk), "", taken), "district_id": district_id,
            "name_kk": row["name_kk"], "name_ru": department_name_ru(kk),
            "address_kk": _clean_text(row["address_kk"]), "postcode": row.get("postcode", ""),
            "phones": row["phones"], "fax": row.get("fax", ""), "email": row["email"],
            "web": row["web"], "email_raw": row["email_raw"], "web_raw": row["web_raw"],
            "tel_raw": row["tel_raw"], "sources": row.get("sources", []), "raw": row["raw"]}


def _akim(prefix: str, row: dict[str, Any], district: dict[str, Any], dept_id: str,
          districts: set[str], taken: set[str]) -> dict[str, Any]:
    name = _clean_text(row["name_kk"])
    address = _clean_text(row["address_kk"])
    settlement = settlement_of(address, districts)
    place = split_akim_name(name)[0]
    rid = make_id(prefix, "akim", _base(district["name_kk"]), place, taken,
                  disambiguators=[row.get("postcode") or settlement, settlement])
    return {"id": rid, "district_id": district["id"], "department_id": dept_id,
            "name_kk": name, "name_ru": akim_name_ru(name), "settlement_kk": settlement,
            "address_kk": address, "postcode": row.get("postcode", ""), "phones": row["phones"],
            "fax": row.get("fax", ""), "email": row.get("email", ""), "web": row.get("web", ""),
            "email_raw": row.get("email_raw", ""), "web_raw": row.get("web_raw", ""),
            "tel_raw": row["tel_raw"], "number": row["number"],
            "sources": row.get("sources", []), "raw": row["raw"]}


def build_karaganda(text: str) -> dict[str, Any]:
    prefix = REGIONS["karaganda"]["prefix"]
    copies = find_copies(text)
    grouped: dict[str, dict[Any, list[tuple[str, dict[str, Any]]]]] = {
        "dept": {}, "dakim": {}, "akim": {}}
    for copy in copies:
        for pos, row in enumerate(copy.rows, 1):
            parsed = PARSERS[copy.kind](row)
            key = pos if copy.kind == "akim" else parsed["name_kk"]   # akim names repeat
            grouped[copy.kind].setdefault(key, []).append((f"003 {copy.source}", parsed))
    depts = [vote(c) for c in grouped["dept"].values()]
    for d in depts:
        d["district_kk"] = district_name_from_genitive(d["name_kk"])
    districts = _districts(prefix, depts)
    by_kk = {d["name_kk"]: d for d in districts}
    taken: set[str] = set()
    departments = [_department(prefix, d, by_kk[d["district_kk"]]["id"], taken) for d in depts]
    dept_of = {d["district_id"]: d["id"] for d in departments}
    postcode_district = {d["postcode"][:4]: d["district_id"] for d in departments}

    district_akims = []
    for row in (vote(c) for c in grouped["dakim"].values()):
        kk = district_name_from_genitive(row["name_kk"])
        district_akims.append({
            "id": make_id(prefix, "district-akim", _base(kk), "", taken),
            "district_id": by_kk[kk]["id"], "name_kk": row["name_kk"],
            "name_ru": district_akim_name_ru(kk), "address": _clean_text(row["address_kk"]),
            "postcode": row["postcode"], "phones": row["phones"], "fax": row["fax"],
            "email": row["email"], "web": row["web"], "email_raw": row["email_raw"],
            "web_raw": row["web_raw"], "tel_raw": row["tel_raw"], "schedule": row["schedule"],
            "schedule_raw": row["schedule_raw"], "sources": row["sources"], "raw": row["raw"]})

    names = set(by_kk)
    akims = []
    for pos in sorted(grouped["akim"]):
        row = vote(grouped["akim"][pos])
        row["number"] = pos
        hit = [f"{m.group(1)} {m.group(2)}" for m in re.finditer(
            r"([^,\s]+(?:\s[^,\s]+)?)\s(ауданы|қаласы)\b", row["address_kk"])]
        kk = next((h for h in hit if h in names), "")
        kk = ADDRESS_DISTRICT_OVERRIDES.get(row["name_kk"], kk)
        did = by_kk[kk]["id"] if kk else postcode_district[row["postcode"][:4]]
        district = next(d for d in districts if d["id"] == did)
        akims.append(_akim(prefix, row, district, dept_of[did], names, taken))
    return _region("karaganda", "003 (Karaganda region akimat resolution of 25.11.2008 "
                   "No. 32/08): annex 1 (Departments), annex 3/4 (city and district akims), "
                   "std 5, 11, 12 annex 2 (settlement, village, rural-district akims)",
                   districts, departments, akims, district_akims)


def build_almaty(text: str) -> dict[str, Any]:
    prefix = REGIONS["almaty"]["prefix"]
    dept_rows, akim_rows = parse_almaty(text)
    for d in dept_rows:
        d["district_kk"] = district_name_from_genitive(d["name_kk"])
        d["sources"] = ["002 annex 1"]
    districts = _districts(prefix, dept_rows)
    by_kk = {d["name_kk"]: d for d in districts}
    taken: set[str] = set()
    departments = [_department(prefix, d, by_kk[d["district_kk"]]["id"], taken)
                   for d in dept_rows]
    dept_of = {d["district_id"]: d["id"] for d in departments}
    names = set(by_kk)
    akims = []
    for row in akim_rows:
        district = by_kk[row["group"]]
        row["sources"] = ["002 annex 2"]
        akims.append(_akim(prefix, row, district, dept_of[district["id"]], names, taken))
    return _region("almaty", "002 (Almaty region regulation of the TSA service): annex 1 "
                   "(Departments), annex 2 (settlement and village akims)",
                   districts, departments, akims, [])


def _region(region: str, source: str, districts: list, departments: list, akims: list,
            district_akims: list) -> dict[str, Any]:
    data: dict[str, Any] = {"region": region,
                            "name": {"kk": REGIONS[region]["kk"], "ru": REGIONS[region]["ru"]},
                            "source": source, "districts": districts,
                            "departments": departments}
    if district_akims:
        data["district_akims"] = district_akims
    data["akims"] = akims
    return data


# --- TOML ----------------------------------------------------------------------------------------

def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(type(v))


def to_toml(data: dict[str, Any]) -> str:
    lines = ["# Generated by tools/offices/clean_offices.py from the raw seed acts; do not edit.",
             "# Cleaned fields sit beside the raw source text (raw, *_raw) of each record.", ""]
    tables = {k: v for k, v in data.items() if isinstance(v, list)}
    for k, v in data.items():
        if not isinstance(v, (list, dict)):
            lines.append(f"{k} = {_value(v)}")
    for k, v in data.items():
        if isinstance(v, dict):
            lines += ["", f"[{k}]"] + [f"{kk} = {_value(x)}" for kk, x in v.items()]
    for name, rows in tables.items():
        for row in rows:
            lines += ["", f"[[{name}]]"]
            for k, v in row.items():
                if k == "schedule":
                    lines.append("schedule = [\n" + "".join(
                        f"  {_value(e)},\n" for e in v) + "]")
                else:
                    lines.append(f"{k} = {_value(v)}")
    return "\n".join(lines) + "\n"


def build_all(seeds: Path) -> dict[str, dict[str, Any]]:
    return {"karaganda": build_karaganda((seeds / SEED_003).read_text(encoding="utf-8")),
            "almaty": build_almaty((seeds / SEED_002).read_text(encoding="utf-8"))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--out", type=Path, default=REPO / "data" / "offices")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for region, data in build_all(args.seeds).items():
        (args.out / f"{region}.toml").write_text(to_toml(data), encoding="utf-8")
        counts = ", ".join(f"{k} {len(v)}" for k, v in data.items() if isinstance(v, list))
        print(f"{region}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
