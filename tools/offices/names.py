"""Russian renderings of the regions, districts and office names in the two acts' annexes.

The district and city names are a closed list (18 + 19), so their Russian forms are given here;
rural place names are respelled with `cleaning.russian_spelling` (Көксу -> Коксу), never invented.
"""

from __future__ import annotations

import re

from tools.offices.cleaning import russian_spelling

REGIONS = {
    "karaganda": {"prefix": "krg", "kk": "Қарағанды облысы", "ru": "Карагандинская область"},
    "almaty": {"prefix": "alm", "kk": "Алматы облысы", "ru": "Алматинская область"},
}

# Kazakh name -> (Russian name of the district/city, Russian genitive used in office names)
DISTRICTS_RU: dict[str, tuple[str, str]] = {
    # Karaganda region: cities
    "Қарағанды қаласы": ("город Караганда", "города Караганды"),
    "Балқаш қаласы": ("город Балхаш", "города Балхаш"),
    "Қаражал қаласы": ("город Каражал", "города Каражал"),
    "Приозерск қаласы": ("город Приозерск", "города Приозерск"),
    "Саран қаласы": ("город Сарань", "города Сарань"),
    "Теміртау қаласы": ("город Темиртау", "города Темиртау"),
    "Шахтинск қаласы": ("город Шахтинск", "города Шахтинск"),
    "Жезқазған қаласы": ("город Жезказган", "города Жезказган"),
    "Сәтбаев қаласы": ("город Сатпаев", "города Сатпаев"),
    # Karaganda region: districts
    "Абай ауданы": ("Абайский район", "Абайского района"),
    "Жаңаарқа ауданы": ("Жанааркинский район", "Жанааркинского района"),
    "Қарқаралы ауданы": ("Каркаралинский район", "Каркаралинского района"),
    "Нұра ауданы": ("Нуринский район", "Нуринского района"),
    "Осакаров ауданы": ("Осакаровский район", "Осакаровского района"),
    "Ақтоғай ауданы": ("Актогайский район", "Актогайского района"),
    "Шет ауданы": ("Шетский район", "Шетского района"),
    "Ұлытау ауданы": ("Улытауский район", "Улытауского района"),
    "Бұқар жырау ауданы": ("Бухар-Жырауский район", "Бухар-Жырауского района"),
    # Almaty region: districts
    "Ақсу ауданы": ("Аксуский район", "Аксуского района"),
    "Алакөл ауданы": ("Алакольский район", "Алакольского района"),
    "Балқаш ауданы": ("Балхашский район", "Балхашского района"),
    "Еңбекшіқазақ ауданы": ("Енбекшиказахский район", "Енбекшиказахского района"),
    "Ескелді ауданы": ("Ескельдинский район", "Ескельдинского района"),
    "Жамбыл ауданы": ("Жамбылский район", "Жамбылского района"),
    "Іле ауданы": ("Илийский район", "Илийского района"),
    "Қарасай ауданы": ("Карасайский район", "Карасайского района"),
    "Қаратал ауданы": ("Каратальский район", "Каратальского района"),
    "Кербұлақ ауданы": ("Кербулакский район", "Кербулакского района"),
    "Көксу ауданы": ("Коксуский район", "Коксуского района"),
    "Панфилов ауданы": ("Панфиловский район", "Панфиловского района"),
    "Райымбек ауданы": ("Райымбекский район", "Райымбекского района"),
    "Сарқан ауданы": ("Саркандский район", "Саркандского района"),
    "Талғар ауданы": ("Талгарский район", "Талгарского района"),
    "Ұйғыр ауданы": ("Уйгурский район", "Уйгурского района"),
    # Almaty region: cities
    "Қапшағай қаласы": ("город Капшагай", "города Капшагай"),
    "Талдықорған қаласы": ("город Талдыкорган", "города Талдыкорган"),
    "Текелі қаласы": ("город Текели", "города Текели"),
}

# Kazakh office-kind words (as in the names) -> Russian genitive; longest first.
_AKIM_KINDS = [
    (r"кенттік округ(?:і)?", "поселкового округа"),
    (r"селолық округ(?:і)?", "сельского округа"),
    (r"ауылдық округ(?:і)?", "аульного округа"),
    (r"қалалық округ(?:і)?", "городского округа"),
    (r"селолық", "сельского округа"),          # "Шеңбер селолық әкімі аппараты" (003 #170)
    (r"кенті|кент", "посёлка"),
    (r"селосы", "села"),
    (r"ауылы", "аула"),
    (r"қаласының|қаласы", "города"),
]


def district_name_from_genitive(text: str) -> str:
    """ "Абай ауданының ..." / "Балқаш қаласының ..." -> "Абай ауданы" / "Балқаш қаласы"."""
    m = re.match(r"\s*(.+?)\s+(ауданының|қаласының|ауданы|қаласы)\b", text)
    if not m:
        raise ValueError(f"no district in {text!r}")
    return m.group(1) + (" ауданы" if m.group(2).startswith("аудан") else " қаласы")


def district_ru(kk: str) -> tuple[str, str]:
    if kk in DISTRICTS_RU:
        return DISTRICTS_RU[kk]
    return (russian_spelling(kk), russian_spelling(kk))  # unknown: keep the Kazakh form, respelled


def department_name_ru(district_kk: str) -> str:
    return f"ГУ «Отдел занятости и социальных программ {district_ru(district_kk)[1]}»"


def district_akim_name_ru(district_kk: str) -> str:
    return f"ГУ «Аппарат акима {district_ru(district_kk)[1]}»"


def split_akim_name(name_kk: str) -> tuple[str, str]:
    """ "Көксу селолық округі әкімінің аппараты" -> ("Көксу", "сельского округа")."""
    for pattern, ru in _AKIM_KINDS:
        m = re.search(rf"\s({pattern})(?=\s|$)", name_kk)
        if m:
            return name_kk[:m.start()].strip(), ru
    return name_kk.strip(), ""


def place_ru(place_kk: str) -> str:
    place = russian_spelling(place_kk.replace(" -", "-").replace("- ", "-"))
    m = re.match(r"(.+?)\s+атындағы$", place_kk)
    if m:
        return "имени " + russian_spelling(m.group(1))
    return place


def akim_name_ru(name_kk: str) -> str:
    """ГУ «Аппарат акима сельского округа Коксу» (apposition: no invented adjectives)."""
    place, kind = split_akim_name(name_kk)
    if not kind:
        return f"ГУ «Аппарат акима {place_ru(place)}»"
    return f"ГУ «Аппарат акима {kind} {place_ru(place)}»"
