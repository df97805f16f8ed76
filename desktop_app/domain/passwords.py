"""Passwords: scrypt hashes in a versioned string with a per-user salt, the password rules, and the
growing lock-out after repeated failures.

Pure Python (hashlib, hmac, secrets); imports domain.errors and i18n.
Encoded form: ``scrypt$1$<log2 n>$<r>$<p>$<salt b64>$<hash b64>``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import N_

SCHEME = "scrypt"
VERSION = "1"
LOG2_N, R, P = 14, 8, 1          # 16 MiB of memory per attempt: slow to guess, quick to sign in
SALT_BYTES, HASH_BYTES = 16, 32
MIN_LENGTH, MAX_LENGTH = 8, 256
COMMON = frozenset({"12345678", "123456789", "1234567890", "password", "password1", "qwerty123",
                    "qwertyui", "11111111", "00000000", "87654321", "akimat123", "admin123",
                    "йцукенгш", "парольпароль"})

LOCK_AFTER = 5                                   # failures before the first lock-out
FIRST_LOCK = dt.timedelta(minutes=1)             # then doubling with each further failure
MAX_LOCK = dt.timedelta(hours=1)                 # an administrator can unlock sooner


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _derive(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    n = 1 << log2_n
    return hashlib.scrypt(password.encode("utf-8", "surrogatepass"), salt=salt, n=n, r=r, p=p,
                          maxmem=130 * n * r * p + 1_000_000, dklen=HASH_BYTES)


def hash_password(password: str, *, salt: bytes | None = None, log2_n: int = LOG2_N) -> str:
    """A new encoded hash with a fresh random salt (or the one given, for tests)."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = _derive(password, salt, log2_n, R, P)
    return "$".join((SCHEME, VERSION, str(log2_n), str(R), str(P), _b64(salt), _b64(digest)))


def verify_password(password: str, encoded: str | None) -> bool:
    """True when `password` matches; a missing or malformed hash never matches."""
    if not encoded or not isinstance(password, str):
        return False
    parts = encoded.split("$")
    if len(parts) != 7 or parts[0] != SCHEME or parts[1] != VERSION:
        return False
    try:
        log2_n, r, p = int(parts[2]), int(parts[3]), int(parts[4])
        salt = base64.b64decode(parts[5], validate=True)
        expected = base64.b64decode(parts[6], validate=True)
        if not (10 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 4):
            return False
        actual = _derive(password, salt, log2_n, r, p)
    except (ValueError, OverflowError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(encoded: str) -> bool:
    """True for a hash made with weaker parameters than today's (re-hashed at the next sign-in)."""
    parts = encoded.split("$")
    return len(parts) != 7 or parts[1] != VERSION or parts[2:5] != [str(LOG2_N), str(R), str(P)]


def password_problems(password: str, login: str = "") -> list[ValidationError]:
    """Every rule the new password breaks, on the form field "password"; empty means it is fine."""
    out: list[ValidationError] = []
    if len(password) < MIN_LENGTH:
        out.append(ValidationError("password", N_("The password needs at least {n} characters."),
                                   code="password_short", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        out.append(ValidationError("password", N_("The password is longer than {n} characters."),
                                   code="password_long", n=MAX_LENGTH))
    folded = password.casefold()
    if password and (folded in COMMON or len(set(password)) < 3
                     or (login and login.casefold() in folded)):
        out.append(ValidationError("password", N_("The password is too easy to guess: avoid your "
                                                   "login, repeated letters and common words."),
                                   code="password_weak"))
    return out


def check_password_rules(password: str, login: str = "") -> None:
    problems = password_problems(password, login)
    if problems:
        raise problems[0]


def lockout_duration(failures: int) -> dt.timedelta | None:
    """How long the account locks after `failures` consecutive wrong passwords (None: not yet).

    5 → 1 minute, 6 → 2, 7 → 4 ... doubling, capped at one hour.
    """
    if failures < LOCK_AFTER:
        return None
    extra = min(failures - LOCK_AFTER, 16)
    return min(FIRST_LOCK * (2 ** extra), MAX_LOCK)
