"""Money as the application holds it: a finite, non-negative decimal of at most two places and at
most a trillion tenge, parsed once here from whatever carries it (a form, a batch, a database).

Pure Python; imports domain.values (what people type) and domain.errors.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.values import MAX_MONEY, parse_money
from desktop_app.i18n import N_

_CENTS = Decimal("0.01")


def parse(value: Any, field: str = "amount") -> Decimal:
    """A bounded amount from text ("12 345,50"), an int, a Decimal or a finite float; NaN, inf,
    negative, over a trillion, more than two decimals, a bool or anything else: ValidationError."""
    if isinstance(value, str):
        return parse_money(value, field)
    if type(value) is float:
        value = Decimal(repr(value)) if value == value and abs(value) != float("inf") else None
    elif type(value) is int:
        value = Decimal(value)
    elif not isinstance(value, Decimal):
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(field, N_("Not an amount of money: {value}."), code="bad_amount",
                              value="")
    if value < 0:
        raise ValidationError(field, N_("An amount cannot be negative."), code="negative_amount")
    if value > MAX_MONEY:
        raise ValidationError(field, N_("The amount {value} is too large."),
                              code="amount_too_large", value=str(value)[:40])
    try:
        quantized = value.quantize(_CENTS)
    except InvalidOperation:
        raise ValidationError(field, N_("Not an amount of money: {value}."), code="bad_amount",
                              value=str(value)[:40]) from None
    if quantized != value:
        raise ValidationError(field, N_("Not an amount of money: {value}."), code="bad_amount",
                              value=str(value)[:40])
    return quantized


def is_amount(value: Any) -> bool:
    """Whether `parse` accepts the value (plain text must be digits with at most 2 decimals)."""
    try:
        parse(value)
    except ValidationError:
        return False
    return True


def parse_decimal(value: Any, field: str = "value") -> Decimal:
    """A non-negative finite decimal of any precision up to a trillion (a parameter's value, a
    factor): text with a comma or a point, an int, a Decimal; anything else is ValidationError."""
    try:
        if isinstance(value, str):
            number = Decimal(value.strip().replace(" ", "").replace("\u00a0", "")
                             .replace(",", "."))
        elif type(value) in (int, float) or isinstance(value, Decimal):
            number = Decimal(str(value))
        else:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or number < 0 or number > MAX_MONEY:
        raise ValidationError(field, N_("Enter a number that is not negative, e.g. 32359.60."),
                              code="bad_number")
    return number
