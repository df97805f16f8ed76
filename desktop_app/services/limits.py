"""How long each kind of text may be, and that it holds no control characters: checked here, in the
use cases, so no saved record can make a paper, a QR code or a search fail later.

Imports domain.errors and i18n only. The limits are stated in the README's security section.
"""

from __future__ import annotations

import re

from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import N_

NAME = 100          # a surname, a given name, a patronymic
ADDRESS = 300       # a household's or a person's address
SHORT = 100         # phone, book reference, document numbers
NOTE = 2000         # notes, farm notes, a complaint's subject
SUBJECT = 1000      # what a complaint is about (the talon prints it whole)
SEARCH = 200        # what is typed into a search box

# a name or an address is one printable line; a note may keep its line breaks and nothing else
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_NOTE = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def check_text(field: str, value: str | None, limit: int, *, multiline: bool = False
               ) -> ValidationError | None:
    """The problem with one text field, or None."""
    text = value or ""
    if len(text) > limit:
        return ValidationError(field, N_("This text is too long: at most {limit} characters, "
                                         "{count} were entered."), code="too_long",
                               limit=limit, count=len(text))
    if (_CONTROL_NOTE if multiline else _CONTROL).search(text):
        return ValidationError(field, N_("This text holds a control character that cannot be "
                                         "printed; type it again."), code="control_character")
    return None


def require_text(field: str, value: str | None, limit: int, *, multiline: bool = False) -> None:
    """check_text, raised."""
    problem = check_text(field, value, limit, multiline=multiline)
    if problem is not None:
        raise problem


def search_text(text: str | None) -> str:
    """A search as typed, cut to SEARCH characters (a longer one finds nothing more)."""
    return (text or "")[:SEARCH]
