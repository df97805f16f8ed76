"""Dates inside a message are written as people write them, not ISO."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import Translator


def test_dates_in_messages_are_not_iso():
    err = ValidationError("valid_from", "The value overlaps the one from {start}.",
                          start="2026-07-01", day=dt.date(2026, 12, 31))
    for lang in ("kk", "ru"):
        text = err.message(Translator(lang))
        assert "01.07.2026" in text and "2026-07-01" not in text
    err = ValidationError("day", "{day} is a holiday.", day=dt.date(2026, 12, 31))
    assert "31.12.2026" in err.message(Translator("ru"))
