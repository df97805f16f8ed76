"""Parse the Almaty office lists (seed 002, annexes 1 and 2): letter-spaced PDF text, one cell per
line group, numbering restarting in each district group of annex 2. Uses only `cleaning`.
"""

from __future__ import annotations

import re

from tools.offices.cleaning import (
    clean_email, clean_web, collapse_letterspacing, dehyphenate, normalise_spaces, parse_phones,
    strip_page_artefacts,
)

_ANNEX_RE = re.compile(r"^\s*(\d)-қосымша\s*$")
_GROUP_RE = re.compile(r"^[А-ЯӘҒҚҢӨҰҮҺІ][^\d,]*\s(ауданы|қаласы)$")
_PHONE_LINE_RE = re.compile(r"^[\d\s()\-]+$")
_TRAILING_PHONE_RE = re.compile(r"\s(8[\s-]?\(?7\d{2,5}\)?[\s-]+\d[\d\s-]{3,})$")
_LATIN_RE = re.compile(r"[\w.\-]*[A-Za-z]{2,}[\w.\-@]*|@")
_NAME_END_RE = re.compile(r"(аппараты|әкімдігі|бөлімі)$")
_KIND_END_RE = re.compile(r"(округ|округі)$")


def annex_lines(text: str) -> dict[int, list[str]]:
    """The cleaned, letter-spacing-collapsed lines of annexes 1 and 2, keyed by annex number."""
    raw = text.splitlines()
    marks = [(i, int(m.group(1))) for i, ln in enumerate(raw) if (m := _ANNEX_RE.match(ln))]
    out: dict[int, list[str]] = {}
    for k, (i, n) in enumerate(marks):
        if n not in (1, 2):
            continue
        end = marks[k + 1][0] if k + 1 < len(marks) else len(raw)
        lines = [collapse_letterspacing(x) for x in strip_page_artefacts(raw[i + 1:end])]
        # the next annex's title is letter-spaced "Мемлекеттік атаулы ... регламентіне"
        while lines and not re.search(r"\d", lines[-1]):
            lines.pop()
        out[n] = lines
    return out


def _is_phone(line: str) -> bool:
    if re.match(r"^\d{1,2}-00$", line):           # "18-00" of the work-schedule column
        return False
    return bool(_PHONE_LINE_RE.match(line)) and len(re.sub(r"\D", "", line)) >= 4


def split_rows(lines: list[str], grouped: bool) -> list[tuple[str, int, list[str]]]:
    """Cut annex lines into (group, number, raw lines) rows.

    A row starts with its number (alone, or before the name: "2 Еркін селолық") once the previous
    row's phone has been read; a group heading ("Ақсу ауданы") restarts the numbering.
    """
    rows: list[tuple[str, int, list[str]]] = []
    group, expect, phone_seen = "", 1, True
    started = False
    for i, line in enumerate(lines):
        if grouped and _GROUP_RE.match(line) and phone_seen:
            group, expect, phone_seen, started = line, 1, True, True
            continue
        if not grouped and not started:
            started = line == "1"
        if not started:
            continue
        # "9Қарасу": a letter-spaced "9 Қ а р а с у" collapses onto its number
        m = re.match(rf"^{expect}(?:\s+(?=[^\d\s])|(?=[А-ЯӘҒҚҢӨҰҮҺІ])|$)", line)
        if m and phone_seen:
            rows.append((group, expect, []))
            expect += 1
            phone_seen = False
            rest = line[m.end():].strip()
            if rest:
                rows[-1][2].append(rest)
            continue
        if rows:
            rows[-1][2].append(line)
            if (_is_phone(line) or _TRAILING_PHONE_RE.search(line)) and len(rows[-1][2]) > 1:
                phone_seen = True
    return rows


def _words(line: str) -> set[str]:
    return set(re.findall(r"[^\s,.;\"]+", line))


def schedule_words(rows: list[tuple[str, int, list[str]]]) -> set[str]:
    """Words of the work-schedule column, read from what follows the first row's phone lines
    (the one row where the PDF kept the whole sentence in place)."""
    vocab: set[str] = set()
    for _g, _n, lines in rows[:1]:
        after = False
        for line in lines:
            if _is_phone(line):
                after = True
            elif after:
                vocab |= _words(line)
    return vocab


def drop_schedule_lines(lines: list[str], vocab: set[str]) -> list[str]:
    """Remove lines of the schedule column that the PDF interleaved with the other cells."""
    out = []
    for line in lines:
        words = _words(line)
        if words and words <= vocab and any(re.search(r"[^\d\-]|-00", w) for w in words):
            continue
        out.append(line)
    return out


def parse_row(lines: list[str]) -> dict[str, object]:
    """One row: name, address (+ e-mail or web in the same cell), phone lines, schedule
    (ignored)."""
    name_lines: list[str] = []
    cell: list[str] = []
    i = 0
    while i < len(lines):
        if name_lines and "," in lines[i]:        # an address line interleaved with the name
            cell.append(lines[i])
            i += 1
            continue
        split = re.search(r"(округі?|аппараты|әкімдігі)\s+(?=[А-ЯӘҒҚҢӨҰҮҺІ])", lines[i])
        if split:                                   # "Ақсай селолық округ Алғабас ауылы,"
            lines = lines[:i] + [lines[i][:split.end()].strip(), lines[i][split.end():]] + \
                lines[i + 1:]
        name_lines.append(lines[i])
        cur, nxt = lines[i], lines[i + 1] if i + 1 < len(lines) else ""
        i += 1
        if _NAME_END_RE.search(cur):
            break
        if _KIND_END_RE.search(cur) and not re.match(r"^(аудан|әкім)", nxt):
            break
    while i < len(lines) and not _is_phone(lines[i]):
        cell.append(lines[i])
        i += 1
    phone_lines: list[str] = []
    while i < len(lines) and _is_phone(lines[i]):
        phone_lines.append(lines[i])
        i += 1
    cell_text = normalise_spaces(dehyphenate("\n".join(cell)))
    trailing = _TRAILING_PHONE_RE.search(" " + cell_text)
    if trailing and not phone_lines:                 # "66 bakanas.kz 872773 91645" on one line
        phone_lines = [trailing.group(1)]
        cell_text = (" " + cell_text)[:trailing.start()].strip()
    m = _LATIN_RE.search(cell_text)
    address, contact_raw = (cell_text[:m.start()], cell_text[m.start():]) if m else (cell_text, "")
    contact_raw = contact_raw.strip()
    email_raw = contact_raw if "@" in contact_raw else ""
    web_raw = "" if email_raw else contact_raw
    phones_raw = " ".join(phone_lines)
    return {
        "name_kk": normalise_spaces(dehyphenate("\n".join(name_lines))),
        "address_kk": address.strip(" ,"),
        "email_raw": email_raw, "email": clean_email(email_raw) if email_raw else "",
        "web_raw": web_raw, "web": clean_web(web_raw) if web_raw else "",
        "tel_raw": phones_raw, "phones": parse_phones(phones_raw),
        "raw": "\n".join(lines),
    }


def parse_almaty(text: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(departments, akims) of seed 002, in the order of the annexes."""
    annexes = annex_lines(text)
    dept_rows = split_rows(annexes[1], grouped=False)
    akim_rows = split_rows(annexes[2], grouped=True)
    vocab = schedule_words(dept_rows)
    departments = []
    for _group, number, lines in dept_rows:
        row = parse_row(drop_schedule_lines(lines, vocab))
        row["raw"] = "\n".join(lines)
        row["number"] = number
        departments.append(row)
    akims = []
    for group, number, lines in akim_rows:
        row = parse_row(drop_schedule_lines(lines, vocab))
        row["raw"] = "\n".join(lines)
        row["number"], row["group"] = number, group
        akims.append(row)
    return departments, akims
