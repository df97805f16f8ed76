"""Sums in words, Kazakh and Russian, as a notice states an amount."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.documents.words import number_words, sum_with_words, tenge_words

CASES = [
    (0, "нөл", "ноль"),
    (1, "бір", "один"),
    (2, "екі", "два"),
    (11, "он бір", "одиннадцать"),
    (21, "жиырма бір", "двадцать один"),
    (101, "жүз бір", "сто один"),
    (1000, "бір мың", "одна тысяча"),
    (2000, "екі мың", "две тысячи"),
    (2500, "екі мың бес жүз", "две тысячи пятьсот"),
    (5000, "бес мың", "пять тысяч"),
    (11000, "он бір мың", "одиннадцать тысяч"),
    (21000, "жиырма бір мың", "двадцать одна тысяча"),
    (22000, "жиырма екі мың", "двадцать две тысячи"),
    (38500, "отыз сегіз мың бес жүз", "тридцать восемь тысяч пятьсот"),
    (111111, "жүз он бір мың жүз он бір", "сто одиннадцать тысяч сто одиннадцать"),
    (1000000, "бір миллион", "один миллион"),
    (2000000, "екі миллион", "два миллиона"),
    (5000000, "бес миллион", "пять миллионов"),
    (1234567, "бір миллион екі жүз отыз төрт мың бес жүз алпыс жеті",
     "один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь"),
    (1001001, "бір миллион бір мың бір", "один миллион одна тысяча один"),
    (40090, "қырық мың тоқсан", "сорок тысяч девяносто"),
    (14, "он төрт", "четырнадцать"),
    (999, "тоғыз жүз тоқсан тоғыз", "девятьсот девяносто девять"),
    (1000000000, "бір миллиард", "один миллиард"),
]


@pytest.mark.parametrize(("n", "kk", "ru"), CASES)
def test_number_words(n: int, kk: str, ru: str) -> None:
    assert number_words(n, "kk") == kk
    assert number_words(n, "ru") == ru


@pytest.mark.parametrize(("amount", "kk", "ru"), [
    (0, "нөл теңге 00 тиын", "ноль тенге 00 тиын"),
    (38500, "отыз сегіз мың бес жүз теңге 00 тиын", "тридцать восемь тысяч пятьсот тенге 00 тиын"),
    ("2500.5", "екі мың бес жүз теңге 50 тиын", "две тысячи пятьсот тенге 50 тиын"),
    (Decimal("1000000.999"), "бір миллион бір теңге 00 тиын", "один миллион один тенге 00 тиын"),
])
def test_tenge_words(amount, kk: str, ru: str) -> None:
    assert tenge_words(amount, "kk") == kk
    assert tenge_words(amount, "ru") == ru


def test_sum_with_words_follows_the_figures() -> None:
    assert sum_with_words(38500, "ru", "38 500,00 ₸") == \
        "38 500,00 ₸ (тридцать восемь тысяч пятьсот тенге 00 тиын)"


@pytest.mark.parametrize("bad", [-1, 10**15])
def test_out_of_range_is_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        number_words(bad, "kk")


def test_negative_sum_and_unknown_language_are_refused() -> None:
    with pytest.raises(ValueError):
        tenge_words(-5, "ru")
    with pytest.raises(ValueError):
        number_words(5, "en")


def test_every_number_up_to_a_few_thousand_has_words_without_gaps() -> None:
    for n in range(0, 3001):
        for lang in ("kk", "ru"):
            words = number_words(n, lang)
            assert words and "  " not in words and words == words.strip()
