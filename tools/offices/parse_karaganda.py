"""Parse the Karaganda office lists (seed 003): every copy of each annex in the 13 standards.

Returns raw-but-structured rows (one list per copy); `clean_offices` picks one row per office.
Uses only `cleaning` (pure functions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tools.offices.cleaning import (
    clean_email, clean_postcode, clean_web, dehyphenate, join_broken_addresses, normalise_spaces,
    parse_schedule, split_tel_fax, strip_page_artefacts,
)

DEPT_HEADER = "Бөлімдердің атауы"
DAKIM_HEADER = "әкімдерінің байланыс мәліметтері мен қабылдау кестелері"
AKIM_HEADER = "Мемлекеттік органның атауы Заңды мекенжайы"
_ANNEX_RE = re.compile(r"^\s*(?:N\s*)?(\d+)[\s-]*қосымша\s*$")
_STD_RE = re.compile(r"^\s*1\. Жалпы ережелер")
_APPROVED_RE = re.compile(r"облысы әкімдігінің$|^БЕКІТІЛДІ")
_EMAIL_RE = re.compile(r"[\w.\-]+@[\w.\-]+")
_WEB_RE = re.compile(r"(?<![\w@.])(?:www[ .][\w.\-]+|[a-z][\w\-]*(?:\.[\w\-]+)*\.(?:kz|ru))\.?"
                     r"(?![\w@])")


@dataclass
class Copy:
    """One printed copy of an annex: where it is and its rows (each row: list of raw lines)."""

    kind: str              # "dept" | "dakim" | "akim"
    standard: int
    annex: int
    first_line: int
    rows: list[list[str]] = field(default_factory=list)

    @property
    def source(self) -> str:
        return f"std {self.standard} annex {self.annex}"


def _tail_trim(lines: list[str]) -> list[str]:
    """Drop the next annex's title block ("…" мемлекеттік қызмет … стандартына) at the end."""
    end = len(lines)
    while end and not re.search(r"\d|@|www|\.(kz|ru)\s*$", lines[end - 1]):
        end -= 1
    return lines[:end]


def find_copies(text: str) -> list[Copy]:
    """Locate every copy of the three office lists and cut it into rows of raw lines."""
    raw = text.splitlines()
    copies: list[Copy] = []
    std = annex = 0
    starts: list[tuple[int, str, int, int]] = []
    for i, line in enumerate(raw):
        if _STD_RE.match(line):
            std += 1
        m = _ANNEX_RE.match(line)
        if m:
            annex = int(m.group(1))
        if DEPT_HEADER in line:
            starts.append((i, "dept", std, annex))
        elif DAKIM_HEADER in line and line.strip().endswith("кестелері"):
            starts.append((i, "dakim", std, annex))
        elif AKIM_HEADER in line:
            starts.append((i, "akim", std, annex))
    seen: set[tuple[int, int]] = set()
    for k, (i, kind, std_n, annex_n) in enumerate(starts):
        if (std_n, annex_n) in seen:
            annex_n += 1           # std 5 lacks its "2-қосымша" heading (para 4 cites annex 2)
        seen.add((std_n, annex_n))
        stop = starts[k + 1][0] if k + 1 < len(starts) else len(raw)
        end = i + 1
        while end < stop and not _ANNEX_RE.match(raw[end]) and not _APPROVED_RE.search(
                raw[end].strip()) and not _STD_RE.match(raw[end]):
            end += 1
        body = strip_page_artefacts(raw[i + 1:end])
        copy = Copy(kind, std_n, annex_n, i + 1)
        copy.rows = _split_rows(kind, _tail_trim(body))
        copies.append(copy)
    return copies


def _split_rows(kind: str, lines: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    expect = 1
    for line in lines:
        s = line.strip()
        if kind == "dept":
            m = re.match(r"^(\d{1,2})(?:\s+\S|$)", s)
            is_start = bool(m) and int(m.group(1)) == expect
        elif kind == "dakim":
            is_start = s.startswith('"') and not s.startswith('"Әкім')
        else:
            is_start = bool(re.match(r'^(\d{1,3}\.?\s*)?"', s))
        if is_start:
            rows.append([])
            expect += 1
        if rows:
            rows[-1].append(line)
    # a trailing title block of the next annex (' "18 жасқа дейінгі ...') has no postcode
    return [r for r in rows if re.search(r"\d{6}", " ".join(r))]


def _joined(lines: list[str]) -> str:
    return join_broken_addresses(dehyphenate("\n".join(x.strip() for x in lines)))


def _pull_contacts(text: str) -> tuple[str, str, str, str, str]:
    """Take the e-mail and web address out of a cell text, wherever they were printed."""
    email_raw = web_raw = ""
    m = _EMAIL_RE.search(text)
    if m:
        email_raw = m.group(0)
        text = text[:m.start()] + " " + text[m.end():]
    m = _WEB_RE.search(text)
    if m:
        web_raw = m.group(0)
        text = text[:m.start()] + " " + text[m.end():]
    return text, email_raw, clean_email(email_raw) if email_raw else "", web_raw, (
        clean_web(web_raw) if web_raw else "")


def _name(text: str) -> tuple[str, str]:
    """ '"X" мемлекеттік мекемесі rest' -> (X, rest); tolerates a missing closing quote."""
    m = re.match(r'\s*(?:\d{1,3}\.?\s*)?"\s*(.+?)"?\s*мемлекеттік\s+мекемесі\s*(.*)$', text, re.S)
    if not m:
        raise ValueError(f"no office name in {text[:80]!r}")
    return normalise_spaces(m.group(1).replace('"', "")), m.group(2)


def _address_and_contacts(text: str) -> tuple[str, str, str]:
    """ "100107, …, 24 тел. (72131) 91318, факс 91221" -> (postcode raw, address, tel text)."""
    text = normalise_spaces(text)
    m = re.search(r"(?i)\bтел\b|\bтел\.|\bфакс\b", text)
    addr, tel = (text[:m.start()], text[m.start():]) if m else (text, "")
    pm = re.match(r"(\d{6,7})\s*,\s*(.*)$", addr.strip())
    postcode, address = (pm.group(1), pm.group(2)) if pm else ("", addr)
    return postcode, address.strip(" ,"), tel


def parse_department(row: list[str]) -> dict[str, object]:
    text = _joined(row)
    text, email_raw, email, web_raw, web = _pull_contacts(text)
    text = re.sub(r"^\s*\d{1,2}\s+", "", text)
    name, rest = _name(text)
    postcode, address, tel = _address_and_contacts(rest)
    phones, fax = split_tel_fax(tel)
    return {"name_kk": name, "postcode_raw": postcode, "postcode": clean_postcode(postcode),
            "address_kk": address, "phones": phones, "fax": fax, "tel_raw": tel,
            "email": email, "email_raw": email_raw, "web": web, "web_raw": web_raw,
            "raw": "\n".join(row)}


def parse_district_akim(row: list[str]) -> dict[str, object]:
    text = _joined(row)
    text, email_raw, email, web_raw, web = _pull_contacts(text)
    name, rest = _name(text)
    m = re.search(r"(Әкім|Орынбасар(?:ы|лары))\s*:", rest)
    contact, schedule_text = (rest[:m.start()], rest[m.start():]) if m else (rest, "")
    fax = re.search(r"(?i)факс\s*\(\d+\)\s*\d[\d ]*\d", schedule_text)  # fax cell displaced
    if fax:
        contact += " " + fax.group(0)
        schedule_text = schedule_text[:fax.start()] + schedule_text[fax.end():]
    postcode, address, tel = _address_and_contacts(contact)
    phones, fax = split_tel_fax(tel)
    return {"name_kk": name, "postcode_raw": postcode, "postcode": clean_postcode(postcode),
            "address_kk": address, "phones": phones, "fax": fax, "tel_raw": tel,
            "email": email, "email_raw": email_raw, "web": web, "web_raw": web_raw,
            "schedule_raw": normalise_spaces(schedule_text),
            "schedule": parse_schedule(schedule_text), "raw": "\n".join(row)}


def parse_akim(row: list[str]) -> dict[str, object]:
    text = _joined(row)
    number = re.match(r"\s*(\d{1,3})", text)
    name, rest = _name(text)
    postcode, address, tel = _address_and_contacts(rest)
    phones, fax = split_tel_fax(tel)
    return {"number": int(number.group(1)) if number else 0, "name_kk": name,
            "postcode_raw": postcode, "postcode": clean_postcode(postcode),
            "address_kk": address, "phones": phones, "fax": fax, "tel_raw": tel,
            "raw": "\n".join(row)}


PARSERS = {"dept": parse_department, "dakim": parse_district_akim, "akim": parse_akim}
