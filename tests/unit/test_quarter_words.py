"""A quarter is written as people write it in the pre-check, with one full stop after "г."."""

from __future__ import annotations

from desktop_app.domain.precheck import PreCheckResult
from desktop_app.domain.precheck_vocabulary import Reason
from desktop_app.i18n import Translator
from desktop_app.services.papers import one_full_stop, precheck_lines, quarter_text


def stored(reason: Reason) -> dict:
    return PreCheckResult("tsa", "cannot_tell", (reason,), {}, ()).to_dict()


def test_quarter_in_the_precheck_is_written_in_words():
    reason = Reason("no_incomes", "No incomes are recorded for {quarter}. Enter them, or "
                    "confirm that the family had no income in that quarter.",
                    {"quarter": "2026Q3"})
    kk = precheck_lines(stored(reason), Translator("kk"))[1]
    ru = precheck_lines(stored(reason), Translator("ru"))[1]
    assert "2026 ж. III тоқсан" in kk and "2026Q3" not in kk
    assert "III квартал 2026 г." in ru and "2026Q3" not in ru
    assert quarter_text("2025Q4", Translator("ru")) == "IV квартал 2025 г."
    assert quarter_text("not a quarter", Translator("ru")) == "not a quarter"


def test_an_abbreviation_ending_a_sentence_keeps_one_full_stop():
    assert one_full_stop("за 2026 г.. Далее") == "за 2026 г. Далее"
    assert one_full_stop("2026 ж.. Әрі") == "2026 ж. Әрі"
    assert one_full_stop("Итого...") == "Итого..."
