"""Translation and locale formatting: gettext catalogues from translations/, Babel for dates and
money.

Imports only paths. The interface's own strings go through `_`; legal text lives in data/ per
language.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from decimal import Decimal
from functools import lru_cache

from babel import dates as _dates
from babel import numbers as _numbers

from desktop_app.paths import translations_root


@lru_cache(maxsize=4096)
def _format_date(value: dt.date, fmt: str, locale: str) -> str:
    """Babel's date formatting, remembered: a table shows the same few days thousands of times
    (Babel parses the pattern and looks the locale up on every call)."""
    return _dates.format_date(value, fmt, locale=locale)


LOCALES: tuple[str, ...] = ("kk", "ru")
DEFAULT_LOCALE = "kk"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


class Translator:
    """One locale's catalogue and formatters. Papers take their own Translator (STYLE 8)."""

    def __init__(self, locale: str = DEFAULT_LOCALE) -> None:
        if locale not in LOCALES:
            raise ValueError(f"unsupported locale {locale!r}")
        self.locale = locale
        self._catalogue: _gettext.NullTranslations = _load(locale)

    def gettext(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalogue.pgettext(context, message)

    def text(self, mapping: dict[str, str]) -> str:
        """Pick the locale's text from a data-file mapping such as {"kk": ..., "ru": ...}."""
        return (mapping.get(self.locale) or mapping.get(DEFAULT_LOCALE)
                or next(iter(mapping.values()), ""))

    # formatting ------------------------------------------------------------------------------
    def date(self, value: dt.date, fmt: str = "dd.MM.yyyy") -> str:
        return _format_date(value, fmt, self.locale)

    def long_date(self, value: dt.date) -> str:
        return _format_date(value, "long", self.locale)

    def datetime(self, value: dt.datetime, fmt: str = "dd.MM.yyyy HH:mm") -> str:
        return _dates.format_datetime(value, fmt, locale=self.locale)

    def money(self, amount: Decimal | int | float) -> str:
        text = _numbers.format_currency(Decimal(amount), "KZT", format="#,##0.00 ¤",
                                        locale=self.locale, currency_digits=False)
        return text.replace("KZT", "₸")

    def number(self, value: Decimal | int | float) -> str:
        return _numbers.format_decimal(value, locale=self.locale)


@lru_cache(maxsize=None)
def _load(locale: str) -> _gettext.NullTranslations:
    try:
        return _gettext.translation(DOMAIN, localedir=str(translations_root()), languages=[locale])
    except OSError:
        # Catalogues not compiled (a bare checkout): `make` compiles them; show msgids meanwhile.
        return _gettext.NullTranslations()


_active = Translator.__new__(Translator)
_active.locale = DEFAULT_LOCALE
_active._catalogue = _gettext.NullTranslations()


def install(translator: Translator) -> None:
    """Make `translator` the one `_` uses for the interface (called by the UI and the CLI)."""
    global _active
    _active = translator


def active() -> Translator:
    return _active


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active.pgettext(context, message)
