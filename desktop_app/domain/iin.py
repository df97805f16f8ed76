"""The Kazakh individual identification number (ИИН / ЖСН): parse, check, make one for demo data.

Pure Python; imports only domain.errors, domain.household (Sex) and i18n.

Layout: YYMMDD, a century-and-sex digit, a 4-digit serial, a check digit. Digit 7 is 1/2 (1800s
male/female), 3/4 (1900s), 5/6 (2000s). A 0 (seen in some series issued to foreigners) is
rejected: it carries no century, so no birth date can be read, and the acts allow such persons to
apply without an IIN ("if any") — leave the field empty for them instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.household import Sex
from desktop_app.i18n import N_

IIN_LENGTH = 12
_DIGITS = frozenset("0123456789")
_WEIGHTS_1 = tuple(range(1, 12))               # 1, 2, ..., 11
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# century-and-sex digit -> (first year of the century, sex)
_CENTURY_SEX: dict[str, tuple[int, Sex]] = {
    "1": (1800, Sex.MALE), "2": (1800, Sex.FEMALE),
    "3": (1900, Sex.MALE), "4": (1900, Sex.FEMALE),
    "5": (2000, Sex.MALE), "6": (2000, Sex.FEMALE),
}
_WHITESPACE = " \t\u00a0\u202f"  # people paste numbers with ordinary and non-breaking spaces
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class IinInfo:
    iin: str
    birth_date: dt.date
    sex: Sex


def iin_check_digit(first11: str) -> int | None:
    """The check digit for the first 11 digits, or None when the number cannot be valid.

    Weights 1..11, sum mod 11; a remainder of 10 re-weights with 3..11,1,2; a second 10 means no
    IIN is issued with these 11 digits.
    """
    if len(first11) != 11 or not set(first11) <= _DIGITS:
        raise ValueError("iin_check_digit needs exactly 11 ASCII digits")
    digits = [int(c) for c in first11]
    check = sum(w * d for w, d in zip(_WEIGHTS_1, digits)) % 11
    if check == 10:
        check = sum(w * d for w, d in zip(_WEIGHTS_2, digits)) % 11
        if check == 10:
            return None
    return check


def normalise_iin(text: str) -> str:
    """Remove the spaces people type or paste inside a number (any kind of space, also no-break
    and zero-width ones); nothing else is changed. Every IIN is stored and looked up this way."""
    return "".join(c for c in text if c not in _WHITESPACE and not c.isspace()
                   and c not in _INVISIBLE)


def parse_iin(text: str, today: dt.date | None = None) -> IinInfo:
    """Check an IIN typed by a person and read the birth date and sex from it.

    Raises ValidationError(field="iin") with code iin_empty, iin_digits, iin_length, iin_century,
    iin_date, iin_checksum or iin_future (the birth date is after `today`).
    """
    iin = normalise_iin(text or "")
    if not iin:
        raise ValidationError("iin", N_("Enter the IIN."), code="iin_empty")
    if not set(iin) <= _DIGITS:
        raise ValidationError("iin", N_("The IIN may contain digits only."), code="iin_digits")
    if len(iin) != IIN_LENGTH:
        raise ValidationError(
            "iin", N_("The IIN must have {expected} digits; {count} were entered."),
            code="iin_length", expected=IIN_LENGTH, count=len(iin))
    century_sex = _CENTURY_SEX.get(iin[6])
    if century_sex is None:
        raise ValidationError(
            "iin", N_("The 7th digit of the IIN must be 1 to 6 (century and sex); it is {digit}."),
            code="iin_century", digit=iin[6])
    century, sex = century_sex
    try:
        birth = dt.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        raise ValidationError(
            "iin", N_("The first six digits of the IIN are not a valid birth date (YYMMDD)."),
            code="iin_date") from None
    if iin_check_digit(iin[:11]) != int(iin[11]):
        raise ValidationError(
            "iin", N_("The IIN check digit does not match: check the number for a typing error."),
            code="iin_checksum")
    if birth > (today or dt.date.today()):
        raise ValidationError(
            "iin", N_("The birth date in the IIN ({birth_date}) is in the future."),
            code="iin_future", birth_date=birth.isoformat())
    return IinInfo(iin, birth, sex)


def is_valid_iin(text: str, today: dt.date | None = None) -> bool:
    try:
        parse_iin(text, today)
    except ValidationError:
        return False
    return True


def make_iin(birth_date: dt.date, sex: Sex | str, serial: int = 1) -> str:
    """A valid IIN for demo data and tests: serial 0..9999, bumped until a check digit exists."""
    sex = Sex(sex)
    if not 1800 <= birth_date.year <= 2099:
        raise ValueError("an IIN encodes birth years 1800 to 2099 only")
    century = (birth_date.year // 100) * 100
    digit = next(k for k, v in _CENTURY_SEX.items() if v == (century, sex))
    head = f"{birth_date.year % 100:02d}{birth_date:%m%d}{digit}"
    for step in range(10_000):
        first11 = f"{head}{(serial + step) % 10_000:04d}"
        check = iin_check_digit(first11)
        if check is not None:
            return f"{first11}{check}"
    raise AssertionError("unreachable: some serial always has a check digit")  # pragma: no cover
