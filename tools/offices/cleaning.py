"""Pure text-cleaning functions for the office lists of the acts' annexes (seeds 002 and 003).

No I/O and no project imports: each function takes a string (or lines) and returns a new value,
so the cleaner and the tests can run them on the raw seed text alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

KK_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
KK_LETTERS = KK_LOWER + KK_LOWER.upper()
_CYR = f"[{KK_LETTERS}]"

# Cyrillic letters that look like Latin ones (as typed by mistake into e-mails and web addresses).
CYR_TO_LAT = {
    "а": "a", "в": "b", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "һ": "h",
    "і": "i", "ј": "j", "к": "k", "м": "m", "т": "t", "ѕ": "s",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Һ": "H",
}
# Latin letters that look like Cyrillic ones (typed into Kazakh names by mistake).
LAT_TO_CYR = {
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "h": "һ", "i": "і",
    "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р", "C": "С",
    "T": "Т", "X": "Х", "I": "І",
}
# Russian/Kazakh Cyrillic to ASCII, for ids and for Cyrillic words typed into web addresses.
_TRANSLIT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Kazakh-only letters to their usual Russian spelling (Көксу -> Коксу).
_KK_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")

WEEKDAYS = {  # longest first: "сенбі" is inside "сейсенбі", "бейсенбі", "жексенбі"
    "дүйсенбі": "monday", "сейсенбі": "tuesday", "сәрсенбі": "wednesday",
    "бейсенбі": "thursday", "жексенбі": "sunday", "жұма": "friday", "сенбі": "saturday",
}
_WEEKDAY_RE = re.compile(rf"(?<!{_CYR})(" + "|".join(WEEKDAYS) + ")")

_WATERMARK = ("Күш", "і ж", "ой", "ылға", "н")
_ARTEFACT_RES = [
    re.compile(r"^(Редакциялау күні|Сақтау күні|Дата редакции|Дата скачивания)\s+[\d.]+$"),
    re.compile(r"^Қазақстан Республикасының электронды нысандағы нормативтік құқықтық$"),
    re.compile(r"^актілердің эталонды бақылау банкі$"),
    re.compile(r"^Эталонный контрольный банк нормативных правовых актов$"),
    re.compile(r"^Республики Казахстан в электронном виде$"),
    re.compile(r"^-\s*\d{1,3}\s*-$"),            # page number "- 12 -"
]


def _is_column_number_row(s: str) -> bool:
    """The table's column-number row "1 2 3 4 5", repeated at the top of each page (002)."""
    parts = s.split()
    return len(parts) >= 3 and parts == [str(n) for n in range(1, len(parts) + 1)]


# --- look-alike letters --------------------------------------------------------------------------

def fix_lookalikes(text: str) -> str:
    """Return an e-mail or web address in Latin letters only.

    Cyrillic look-alikes become their Latin twins (ulutauzһez -> ulutauzhez); any other Cyrillic
    letter is transliterated (osak_акимат -> osak_akimat).
    """
    out = []
    for ch in text:
        if ch in CYR_TO_LAT:
            out.append(CYR_TO_LAT[ch])
        elif ch.lower() in _TRANSLIT:
            out.append(_TRANSLIT[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def fix_name_lookalikes(text: str) -> str:
    """Replace Latin look-alike letters inside Cyrillic words of a Kazakh or Russian name."""

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if re.search(_CYR, w) and re.search("[A-Za-z]", w):
            return "".join(LAT_TO_CYR.get(ch, ch) for ch in w)
        return w

    return re.sub(rf"[{KK_LETTERS}A-Za-z]+", word, text)


def has_cyrillic(text: str) -> bool:
    return re.search(_CYR, text) is not None


def has_latin(text: str) -> bool:
    return re.search("[A-Za-z]", text) is not None


def clean_email(raw: str) -> str:
    """Normalise one e-mail address: no spaces, Latin only, digit 1 for l fixed, lower case."""
    s = re.sub(r"\s+", "", raw).strip(".,;")
    s = re.sub(r"(?<=[a-z])I(?=[a-z])", "l", s)      # "iIi_akimat": capital I typed for l
    s = fix_lookalikes(s)
    s = re.sub(r"(?<=[A-Za-z])1(?=[A-Za-z])", "l", s)  # "u1utau": digit 1 typed for l
    s = re.sub(r"@mai1\.", "@mail.", s)
    return s.lower()


def clean_web(raw: str) -> str:
    """Normalise one web address: "www karaganda-akimat.kz" -> "www.karaganda-akimat.kz"."""
    s = raw.strip()
    s = re.sub(r"^www\s+", "www.", s)
    s = re.sub(r"\s+", "", s).strip(".,;")
    s = re.sub(r"^https?://", "", s)
    s = fix_lookalikes(s)
    s = re.sub(r"(?<=[A-Za-z])1(?=[A-Za-z])", "l", s)
    return s.lower()


# --- line-level clean-up -------------------------------------------------------------------------

def strip_page_artefacts(lines: Iterable[str]) -> list[str]:
    """Drop page artefacts: the split watermark (Күш / і ж / ой / ылға / н), the bank's running
    header and metadata lines, page numbers and repeated column-number rows. Blank lines go too."""
    src = [ln.rstrip("\n") for ln in lines]
    out: list[str] = []
    i = 0
    while i < len(src):
        s = src[i].strip()
        if s == _WATERMARK[0]:
            rest = [x.strip() for x in src[i + 1:i + 12] if x.strip()]
            if tuple(rest[:4]) == _WATERMARK[1:]:
                need, j = 4, i + 1
                while need:
                    if src[j].strip():
                        need -= 1
                    j += 1
                i = j
                continue
        if s and not _is_column_number_row(s) and not any(r.match(s) for r in _ARTEFACT_RES):
            out.append(src[i].rstrip())
        i += 1
    return out


def dehyphenate(text: str) -> str:
    """Join words split by a PDF line-break hyphen: "әле-\\nуметтік" -> "әлеуметтік".

    Only a hyphen between a Cyrillic letter and a lower-case Cyrillic letter on the next line is a
    break; "Ақсу-\\nАюлы", "4-\\nші" and Latin web addresses keep their hyphen.
    """
    text = re.sub(rf"(?<={_CYR})-[ \t]*\n[ \t]*(?=[{KK_LOWER}])", "", text)
    # a compound name broken at its own hyphen keeps it, on one line
    return re.sub(rf"(?<={_CYR})-[ \t]*\n[ \t]*(?=[{KK_LOWER.upper()}])", "-", text)


def join_broken_addresses(text: str) -> str:
    """Join e-mail and web addresses broken across lines ("mail.\\nru",
    "abay-akimat-\\nkaraganda")."""

    def join(m: re.Match[str]) -> str:
        complete = re.search(r"\.(kz|ru|com|net)\.$", m.group(1))  # "www.nurinsk.kz." + e-mail
        return m.group(1) + m.group(2) if has_latin(m.group(1)) and not complete else m.group(0)

    return re.sub(r"(\S*[A-Za-z0-9][.\-_@])[ \t]*\n[ \t]*([a-z][\w.\-@]*)", join, text)


def collapse_letterspacing(line: str) -> str:
    """Undo PDF letter-spacing: "А қ с у  а у д а н ы ," -> "Ақсу ауданы,".

    Words are separated by two or more spaces; inside a word, single spaces between single
    characters are dropped, and a stray space before "і" ("Жансүг іров") is closed.
    """
    words = []
    for chunk in re.split(r" {2,}", line.strip()):
        parts = chunk.split(" ")
        if len(parts) > 1 and all(len(p) <= 1 for p in parts):
            chunk = "".join(parts)
        else:   # a spaced-out word inside a normal chunk: "Ы н т а л ы селолық"
            chunk = re.sub(r"(?<!\S)\S(?: \S(?!\S)){2,}",
                           lambda m: m.group(0).replace(" ", ""), chunk)
            chunk = re.sub(rf"(?<={_CYR}) (?=і(?:{_CYR}|[,.;]|$))", "", chunk)
            chunk = re.sub(rf"(?<={_CYR}) і(?= |$)", "і", chunk)
        words.append(chunk)
    s = " ".join(words)
    s = re.sub(r"\s+([,.;:])(?=\s|$)", r"\1", s)
    return s


def normalise_spaces(text: str) -> str:
    s = re.sub(r"\s+", " ", text).strip()
    s = re.sub(r"\s+([,;])", r"\1", s)
    s = s.replace("« ", "«").replace(" »", "»")
    return s


# --- phones --------------------------------------------------------------------------------------

def _fmt(code: str, number: str) -> str:
    return f"8 ({code}) {number}" if code else number


def parse_phones(text: str) -> list[str]:
    """Parse a phone fragment into numbers formatted "8 (code) number".

    Handles "(7212) 300169", "(72156) 52578, 42893", "(87102) 922467" (trunk 8 inside the code),
    "(72153) 50 566" (space inside), "872832 21732", "8-72832 2-11-43", "8 (72838) 20242",
    "872839 872839 21349" (code repeated) and "3884001" (no code). Later numbers without a code
    take the code of the first.
    """
    s = re.sub(r"(?i)тел\.?|факс|/", " ", text).strip(" ,.;")
    if not re.search(r"\d", s):
        return []
    m = re.match(r"\s*(?:8\s*)?\(\s*(\d+)\s*\)\s*(.*)$", s)
    if m:
        code = m.group(1)
        if len(code) >= 5 and code.startswith("87"):
            code = code[1:]
        numbers = [re.sub(r"[\s\-]", "", n) for n in m.group(2).split(",")]
        return [_fmt(code, n) for n in numbers if n]
    tokens = [t.replace("-", "") for t in re.split(r"[\s,]+", s) if t]
    tokens = [t for t in tokens if t.isdigit()]
    if tokens and tokens[0] == "8" and len(tokens) > 1:
        tokens = ["8" + tokens[1]] + tokens[2:]
    if len(tokens) >= 2 and tokens[0].startswith("87") and 4 <= len(tokens[0]) <= 7:
        code_tok, rest = tokens[0], tokens[1:]
        rest = [t for t in rest if t != code_tok]
        return [_fmt(code_tok[1:], t) for t in rest] or [code_tok]
    if len(tokens) >= 2 and all(len(t) <= 3 for t in tokens):  # "2 11 43" split by spaces
        return ["".join(tokens)]
    return tokens


def split_tel_fax(text: str) -> tuple[list[str], str]:
    """Split "тел. (72131) 91318, факс 91221" / "тел/факс (71036) 53953" into (phones, fax)."""
    s = normalise_spaces(text)
    if re.search(r"(?i)тел\s*[./]\s*/?\s*факс", s):                   # "тел/факс", "тел.факс"
        phones = parse_phones(re.sub(r"(?i)тел\s*[./]\s*/?\s*факс", "", s))
        return phones, (phones[0] if phones else "")
    m = re.search(r"(?i)факс", s)
    tel_part, fax_part = (s[:m.start()], s[m.end():]) if m else (s, "")
    phones = parse_phones(tel_part)
    fax_list = parse_phones(fax_part)
    fax = fax_list[0] if fax_list else ""
    if fax and not fax.startswith("8 (") and phones and phones[0].startswith("8 ("):
        fax = phones[0].rsplit(" ", 1)[0] + " " + fax    # "факс 91221" takes the tel code
    return phones, fax


def clean_postcode(raw: str) -> str:
    """Six digits; a 7-digit "1002008" (a doubled zero, 003 #27-28) loses its fifth digit."""
    d = re.sub(r"\D", "", raw)
    if len(d) == 7 and d[4] == "0":
        d = d[:4] + d[5:]
    return d


# --- reception schedules -------------------------------------------------------------------------

_WHO_RE = re.compile(r"(Әкім|Орынбасарлары|Орынбасары)\s*:")
_HOURS_RE = re.compile(
    r"сағ\.?\s*(\d{1,2})[.:](\d{2})(?:-\s*[а-яәғқңөұүһі]+)?"
    r"(?:\s*(?:-|–)?\s*(\d{1,2})[.:](\d{2})\s*дейін|\s*бастап)")


def _parse_rule(who: str, rule: str) -> dict[str, object]:
    weekday_m = _WEEKDAY_RE.search(rule)
    weeks: list[int] = []
    m = re.search(r"әр айдың\s+([\d,\s]+)-ші", rule)
    if m:
        weeks = [int(x) for x in re.findall(r"\d+", m.group(1))]
    elif "соңғы" in rule:
        weeks = [-1]
    elif re.search(r"бірінші\s+апта", rule):
        weeks = [1]
    if "айына бір рет" in rule:
        frequency = "once_a_month"
    elif weeks:
        frequency = "monthly"
    elif "апта сайын" in rule:
        frequency = "weekly"
    else:
        frequency = "unspecified"
    hours = _HOURS_RE.search(rule)
    start = f"{int(hours.group(1)):02d}:{hours.group(2)}" if hours else ""
    end = f"{int(hours.group(3)):02d}:{hours.group(4)}" if hours and hours.group(3) else ""
    return {"who": who, "rule": rule, "frequency": frequency,
            "weekday": WEEKDAYS[weekday_m.group(1)] if weekday_m else "",
            "weeks": weeks, "from": start, "to": end}


def parse_schedule(text: str) -> list[dict[str, object]]:
    """Parse the reception-schedule cell of a city/district akim into entries.

    Each entry: who ("akim" or "deputy"), rule (the Kazakh text), frequency (weekly, monthly,
    once_a_month, unspecified), weekday (english, "" if none), weeks (e.g. [2, 4]; [-1] = last),
    from / to ("HH:MM", "" if not stated). "Орынбасарлары:" (deputies) counts as one deputy slot.
    """
    s = normalise_spaces(dehyphenate(text))
    parts = _WHO_RE.split(s)
    entries: list[dict[str, object]] = []
    for label, body in zip(parts[1::2], parts[2::2]):
        who = "akim" if label == "Әкім" else "deputy"
        for rule in re.split(r";|\.\s*$|\.(?=\s+\D)", body):
            rule = rule.strip(" ,.;")
            if rule:
                entries.append(_parse_rule(who, rule))
    return entries


# --- ids and spelling ----------------------------------------------------------------------------

def translit(text: str) -> str:
    """Kazakh/Russian Cyrillic to plain ASCII (for ids)."""
    return "".join(_TRANSLIT.get(ch, _TRANSLIT.get(ch.lower(), ch)) for ch in text.lower())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", translit(text)).strip("-")


def russian_spelling(kk: str) -> str:
    """A Kazakh place name in Russian spelling: Kazakh-only letters to their Russian twins."""
    return kk.translate(_KK_TO_RU)


def make_id(region: str, kind: str, district: str = "", name: str = "",
            taken: set[str] | None = None, disambiguators: Sequence[str] = ()) -> str:
    """A stable id "<region>-<kind>[-<district>][-<name>]" from transliterated parts.

    If the id is in `taken`, each disambiguator (e.g. postcode, settlement) is appended in turn,
    then "-2", "-3" ...; the chosen id is added to `taken`.
    """
    base = "-".join(p for p in (region, kind, slug(district), slug(name)) if p)
    taken = taken if taken is not None else set()
    candidate = base
    for extra in disambiguators:
        if candidate not in taken:
            break
        candidate = f"{candidate}-{slug(extra)}"
    n = 2
    root = candidate
    while candidate in taken:
        candidate = f"{root}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
