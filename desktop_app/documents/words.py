"""Numbers and tenge sums in words, Kazakh and Russian, as officials write them on a notice:
"38 500,00 ₸ (отыз сегіз мың бес жүз теңге 00 тиын)".

Pure Python (no imports beyond the standard library). Written here rather than taken from
num2words: that package names Kazakh "kz" (not "kk") and its KZT currency mode reads a whole sum
as tiyn (38500 -> "үш жүз сексен бес теңге"); these few rules are easier to own and test.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_KK_ONES = ("", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
_KK_TENS = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
_KK_SCALES = ("", "мың", "миллион", "миллиард", "триллион")

_RU_ONES_M = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_RU_ONES_F = ("", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_RU_TEENS = ("десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
             "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать")
_RU_TENS = ("", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
            "восемьдесят", "девяносто")
_RU_HUNDREDS = ("", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот",
                "восемьсот", "девятьсот")
# scale -> (form for 1, for 2-4, for 5-20), and whether its units are feminine
_RU_SCALES = (
    (("", "", ""), False),
    (("тысяча", "тысячи", "тысяч"), True),
    (("миллион", "миллиона", "миллионов"), False),
    (("миллиард", "миллиарда", "миллиардов"), False),
    (("триллион", "триллиона", "триллионов"), False),
)

CURRENCY = {"kk": ("теңге", "тиын"), "ru": ("тенге", "тиын")}  # both indeclinable
MAX = 10**15 - 1


def _groups(n: int) -> list[int]:
    out = []
    while n:
        out.append(n % 1000)
        n //= 1000
    return out


def _kk_triple(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words += ([_KK_ONES[hundreds]] if hundreds > 1 else []) + ["жүз"]
    if rest // 10:
        words.append(_KK_TENS[rest // 10])
    if rest % 10:
        words.append(_KK_ONES[rest % 10])
    return words


def _ru_plural(n: int, forms: tuple[str, str, str]) -> str:
    if n % 100 in range(11, 20):
        return forms[2]
    return {1: forms[0], 2: forms[1], 3: forms[1], 4: forms[1]}.get(n % 10, forms[2])


def _ru_triple(n: int, feminine: bool) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = [_RU_HUNDREDS[hundreds]] if hundreds else []
    if 10 <= rest < 20:
        words.append(_RU_TEENS[rest - 10])
    else:
        if rest // 10:
            words.append(_RU_TENS[rest // 10])
        if rest % 10:
            words.append((_RU_ONES_F if feminine else _RU_ONES_M)[rest % 10])
    return words


def number_words(n: int, lang: str) -> str:
    """A whole number 0 .. 10^15-1 in words: 2500 -> "екі мың бес жүз" / "две тысячи пятьсот"."""
    if lang not in CURRENCY:
        raise ValueError(f"no number words for {lang!r}")
    if not 0 <= n <= MAX:
        raise ValueError(f"{n} is out of range for words")
    if n == 0:
        return "нөл" if lang == "kk" else "ноль"
    words: list[str] = []
    for scale, group in reversed(list(enumerate(_groups(n)))):
        if not group:
            continue
        if lang == "kk":
            words += _kk_triple(group)
            if scale:
                words.append(_KK_SCALES[scale])
        else:
            forms, feminine = _RU_SCALES[scale]
            words += _ru_triple(group, feminine)
            if scale:
                words.append(_ru_plural(group, forms))
    return " ".join(words)


def _split(amount: Decimal | int | str) -> tuple[int, int]:
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < 0:
        raise ValueError("a sum in words cannot be negative")
    tenge = int(value)
    return tenge, int((value - tenge) * 100)


def tenge_words(amount: Decimal | int | str, lang: str) -> str:
    """"38500" -> "отыз сегіз мың бес жүз теңге 00 тиын" (tiyn as digits, as officials write)."""
    tenge, tiyn = _split(amount)
    main, minor = CURRENCY[lang]
    return f"{number_words(tenge, lang)} {main} {tiyn:02d} {minor}"


def sum_with_words(amount: Decimal | int | str, lang: str, formatted: str) -> str:
    """`formatted` (the locale's money text) followed by the words in brackets."""
    return f"{formatted} ({tenge_words(amount, lang)})"
