"""Parsing what people type into date and money fields: "18.11.2026" or "2026-11-18"; "12 345,50 ₸".

Pure Python; imports domain.errors and i18n. Anything else is a ValidationError naming the field.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import N_

_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_SPACES = " \t\u00a0\u202f'"
MAX_MONEY = Decimal("1000000000000")  # a trillion tenge: anything larger is a typing slip
_MONEY = re.compile(r"\d+([.,]\d{1,2})?", re.ASCII)


def parse_date(text: str, field: str = "date") -> dt.date:
    """A date as an office types it: dd.mm.yyyy (also with / or -) or ISO yyyy-mm-dd."""
    value = (text or "").strip()
    if m := _DMY.fullmatch(value):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise ValidationError(field, N_("Not a date: {value} (expected e.g. 18.11.2026)."),
                              code="bad_date", value=value[:40])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(field, N_("No such date: {value}."), code="bad_date",
                              value=value[:40]) from None


def parse_money(text: str, field: str = "amount") -> Decimal:
    """An amount in tenge, not negative, at most 2 decimals: "12 345,50", "12345.5 ₸", "0"."""
    value = (text or "").strip().removesuffix("₸").removesuffix("тг").strip()
    value = "".join(c for c in value if c not in _SPACES)
    if value.startswith("-") and _MONEY.fullmatch(value[1:]):
        raise ValidationError(field, N_("An amount cannot be negative."), code="negative_amount")
    if not _MONEY.fullmatch(value):
        raise ValidationError(field, N_("Not an amount of money: {value}."), code="bad_amount",
                              value=(text or "")[:40])
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValidationError(field, N_("Not an amount of money: {value}."), code="bad_amount",
                              value=(text or "")[:40]) from None
    if amount > MAX_MONEY:
        raise ValidationError(field, N_("The amount {value} is too large."),
                              code="amount_too_large", value=(text or "")[:40])
    return amount.quantize(Decimal("0.01"))
