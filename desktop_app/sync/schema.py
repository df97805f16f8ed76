"""The one declared schema of a batch's manifest and of every kind of record it carries: types,
lengths, ranges, enums and dates, checked before the import transaction opens.

Imports domain (money) only. `check_batch` raises BatchRejected("invalid_content") naming the first
record and field that does not fit, so nothing a trusted signer sends can reach the store in a shape
the store does not expect. Fields not declared here are allowed (a newer office may send more), but
only as small JSON values of bounded depth; they are kept in the district's replica and never read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from desktop_app.domain import money
from desktop_app.domain.errors import BatchRejected, ValidationError

Check = Callable[[Any], bool]

SHORT = 1_000          # names, codes, numbers
LONG = 20_000          # notes, addresses, answers as text
MAX_ITEMS = 10_000     # entries of one list inside a record
MAX_DEPTH = 12         # nesting of any value inside a record
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(limit: int = SHORT, *, required: bool = False, clean: bool = True) -> Check:
    """A string of at most `limit` characters; `clean`: no control characters (what the district
    sends is written into the office's tables; an office's older records may hold some and only
    land in the district's replica, so they are not refused for it)."""
    def ok(v: Any) -> bool:
        return (type(v) is str and len(v) <= limit and not (clean and _CONTROL.search(v))
                and (not required or bool(v.strip())))
    return ok


def otext(limit: int = SHORT, *, required: bool = False) -> Check:
    return text(limit, required=required, clean=False)


def integer(lo: int, hi: int) -> Check:
    return lambda v: type(v) is int and lo <= v <= hi


def boolean(v: Any) -> bool:
    return type(v) is bool


def flag(v: Any) -> bool:
    """A SQLite boolean: true/false or 0/1."""
    return type(v) is bool or (type(v) is int and v in (0, 1))


def enum(*values: str) -> Check:
    return lambda v: type(v) is str and v in values


def date(v: Any) -> bool:
    if type(v) is not str or len(v) != 10:
        return False
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return False
    return True


def stamp(v: Any) -> bool:
    """A date or a date and time, ISO."""
    if type(v) is not str or not 10 <= len(v) <= 40:
        return False
    try:
        dt.datetime.fromisoformat(v)
    except ValueError:
        return False
    return True


def amount(v: Any) -> bool:
    return money.is_amount(v)


def number(v: Any) -> bool:
    """A non-negative finite decimal (a parameter's value, a factor)."""
    if type(v) is bool:
        return False
    try:
        money.parse_decimal(v)
    except ValidationError:
        return False
    return True


def optional(check: Check) -> Check:
    return lambda v: v is None or check(v)


def list_of(check: Check, limit: int = MAX_ITEMS) -> Check:
    return lambda v: type(v) is list and len(v) <= limit and all(check(x) for x in v)


def obj(fields: dict[str, Check], required: tuple[str, ...] = ()) -> Check:
    return lambda v: type(v) is dict and _fits(v, fields, required) is None


def json_value(v: Any, depth: int = 0) -> bool:
    """Any JSON value of bounded depth and size (answers, facts, undeclared fields)."""
    if depth > MAX_DEPTH:
        return False
    if v is None or type(v) in (bool, int):
        return type(v) is not int or abs(v) < 2 ** 63
    if type(v) is float:
        return v == v and v not in (float("inf"), float("-inf"))
    if type(v) is str:
        return len(v) <= LONG
    if type(v) is list:
        return len(v) <= MAX_ITEMS and all(json_value(x, depth + 1) for x in v)
    if type(v) is dict:
        return len(v) <= MAX_ITEMS and all(type(k) is str and len(k) <= SHORT
                                           and json_value(x, depth + 1) for k, x in v.items())
    return False


def json_object(v: Any) -> bool:
    return type(v) is dict and json_value(v)


_UUID = text(200, required=True)
_SEQ = integer(0, 2 ** 53)
_DAYS = integer(0, 366)

# kind -> (declared fields, required fields) ------------------------------------------------------

KINDS: dict[str, tuple[dict[str, Check], tuple[str, ...]]] = {
    "household": ({
        "uuid": _UUID, "address": otext(LONG, required=True), "book_ref": optional(otext()),
        "has_farm": flag, "farm_notes": optional(otext(LONG)), "created_at": optional(stamp),
        "updated_at": optional(stamp),
    }, ("uuid", "address")),
    "person": ({
        "uuid": _UUID, "household_uuid": optional(_UUID), "iin": optional(otext(32)),
        "surname": otext(required=True), "given_name": otext(required=True),
        "patronymic": optional(otext()), "birth_date": optional(date),
        "sex": optional(enum("M", "F")), "address": optional(otext(LONG)),
        "phone": optional(otext()), "citizenship": optional(otext()), "rnn": optional(otext()),
        "sik": optional(otext()), "relation": optional(otext()), "statuses": optional(otext()),
        "disability_group": optional(integer(1, 3)), "created_at": optional(stamp),
        "updated_at": optional(stamp),
        "incomes": list_of(obj({"kind": otext(required=True), "month": date, "amount": amount,
                                "source": optional(otext(LONG))}, ("kind", "month", "amount"))),
    }, ("uuid", "surname", "given_name")),
    "application": ({
        "uuid": _UUID, "reg_no": otext(required=True), "year": integer(1900, 9999),
        "seq": integer(0, 10 ** 9), "service_id": otext(required=True),
        "service_version": optional(otext()), "applicant_uuid": _UUID,
        "applicant_iin": optional(otext(32)), "household_uuid": optional(_UUID),
        "status": otext(required=True), "route": optional(otext()), "accepted_at": stamp,
        "arrived_at": optional(stamp),
        "decision_due": optional(date), "forward_by": optional(date), "result_by": optional(date),
        "inspection_date": optional(date), "incomplete_reason": optional(otext(LONG)),
        "receiver_name": optional(otext()), "receiver_position": optional(otext(LONG)),
        "answers": json_object, "precheck": optional(json_object),
        "deadline_flags": optional(otext()), "created_at": optional(stamp),
        "updated_at": optional(stamp),
        "checklist": list_of(obj({"document_id": otext(required=True), "presented": otext(),
                                  "required": flag, "pages": optional(integer(0, 100_000)),
                                  "note": optional(otext(LONG))}, ("document_id",))),
        "events": list_of(obj({"at": stamp, "user": otext(), "status_from": optional(otext()),
                               "status_to": otext(), "note": optional(otext(LONG))},
                              ("at", "status_to"))),
    }, ("uuid", "reg_no", "service_id", "applicant_uuid", "status", "accepted_at")),
    "paper": ({
        "uuid": _UUID, "kind": otext(required=True), "reg_no": otext(required=True),
        "application_uuid": optional(_UUID), "person_uuid": optional(_UUID),
        "language": optional(otext(10)), "issued_at": stamp, "issued_by": optional(otext()),
        "facts": json_object, "updated_at": optional(stamp),
    }, ("uuid", "kind", "reg_no", "issued_at")),
    "handover": ({
        "uuid": _UUID, "application_uuid": _UUID, "kind": enum("result", "documents"),
        "handed_on": date, "to_whom": otext(required=True), "signature_taken": flag,
        "note": optional(otext(LONG)), "recorded_by": optional(otext()),
        "recorded_at": optional(stamp), "updated_at": optional(stamp),
    }, ("uuid", "application_uuid", "kind", "handed_on", "to_whom")),
    "complaint": ({
        "uuid": _UUID, "reg_no": otext(required=True), "received_at": stamp,
        "channel": enum("oral", "written", "electronic"), "complainant": otext(required=True),
        "address": optional(otext(LONG)), "phone": optional(otext()),
        "person_uuid": optional(_UUID), "application_uuid": optional(_UUID),
        "subject": otext(LONG, required=True), "accepted_by": optional(otext()),
        "accepted_name": optional(otext()), "accepted_position": optional(otext(LONG)),
        "outcome": optional(otext(LONG)), "justified": optional(boolean),
        "reviewed_on": optional(date), "created_at": optional(stamp),
        "updated_at": optional(stamp),
    }, ("uuid", "reg_no", "received_at", "channel", "complainant", "subject")),
    "public_works_participant": ({
        "uuid": _UUID, "person_uuid": _UUID, "referral_no": otext(required=True),
        "referral_date": date, "referred_by": optional(otext()), "resolution_id": otext(),
        "org_row": integer(0, 10 ** 6), "work_type": otext(), "volume": integer(1, 10 ** 9),
        "unit": otext(), "contract_no": otext(required=True), "contract_date": date,
        "start_date": date, "end_date": optional(date), "created_at": optional(stamp),
        "created_by": optional(otext()), "updated_at": optional(stamp),
    }, ("uuid", "person_uuid", "contract_no", "start_date")),
    "public_works_timesheet": ({
        "uuid": otext(400, required=True), "participant_uuid": _UUID, "month": date,
        "days_worked": integer(0, 31), "working_days": integer(0, 31), "pay": optional(amount),
        "pay_factor": optional(number), "factor_version": optional(otext()),
        "wage": optional(amount), "wage_version": optional(otext()),
        "recorded_at": optional(stamp), "recorded_by": optional(otext()),
        "updated_at": optional(stamp),
    }, ("uuid", "participant_uuid", "month", "days_worked")),
    "result": ({
        "application_uuid": _UUID, "office_code": optional(text()),
        "decision": optional(enum("assigned", "refused")), "decision_date": optional(date),
        "decision_no": optional(text(50)), "amount": optional(amount),
        "period_from": optional(date), "period_to": optional(date),
        "refusal_codes": list_of(text(200, required=True), 100),
        "inspection_date": optional(date), "decided_by": optional(text()), "updated_at": stamp,
    }, ("application_uuid", "updated_at")),
    "referral": ({
        "uuid": _UUID, "application_uuid": _UUID, "kind": text(200, required=True),
        "issued_on": date, "place": optional(text()), "note": optional(text(LONG)),
        "valid_until": optional(date), "issued_by": optional(text()), "updated_at": stamp,
    }, ("uuid", "application_uuid", "kind", "issued_on", "updated_at")),
    "parameter_value": ({
        "uuid": _UUID, "name": text(200, required=True), "value": number, "valid_from": date,
        "valid_to": optional(date), "region": optional(text(200)),
        "version": text(200, required=True), "source": text(LONG, required=True),
        "created_at": optional(stamp), "created_by": optional(text()),
        "updated_at": optional(stamp),
    }, ("uuid", "name", "value", "valid_from", "version", "source")),
    "calendar_day": ({
        "uuid": _UUID, "day": date, "kind": enum("day_off", "working_day"),
        "reason": optional(text(LONG)), "source": text(LONG, required=True), "removed": boolean,
        "created_at": optional(stamp), "created_by": optional(text()), "updated_at": stamp,
    }, ("uuid", "day", "kind", "source", "removed", "updated_at")),
}

_HASH = lambda v: (type(v) is str and len(v) == 64  # noqa: E731
                   and all(c in "0123456789abcdef" for c in v))
_AUDIT_TEXT = 1_000_000   # an audit row's before/after: a record's whole state as JSON text
_AUDIT_ROW = obj({
    "id": integer(1, 2 ** 53), "at": otext(100), "user": otext(), "action": otext(200),
    "table": otext(200), "uuid": optional(otext(200)), "before": optional(otext(_AUDIT_TEXT)),
    "after": optional(otext(_AUDIT_TEXT)), "prev_hash": _HASH, "hash": _HASH,
}, ("id", "at", "user", "action", "table", "uuid", "before", "after", "prev_hash", "hash"))
_HEAD = obj({"id": integer(1, 2 ** 53), "hash": _HASH}, ("id", "hash"))

_COUNTS = lambda v: (type(v) is dict and len(v) <= 100  # noqa: E731
                     and all(k in KINDS and type(n) is int and 0 <= n <= 10 ** 9
                             for k, n in v.items()))
MANIFEST: tuple[dict[str, Check], tuple[str, ...]] = ({
    "format": integer(1, 2 ** 16), "from": text(100, required=True),
    "from_uuid": optional(text(200)), "from_mode": optional(enum("village", "district")),
    "to": text(100, required=True), "seq": integer(1, 2 ** 53), "base_seq": _SEQ, "covers": _SEQ,
    "ack": obj({"seq": _SEQ, "covers": _SEQ}, ("seq", "covers")), "created_at": stamp,
    "urgent": boolean, "time_range": obj({"from": optional(stamp), "to": optional(stamp)}),
    "counts": _COUNTS, "app_version": optional(text(100)),
    "hashes": obj({"records_sha256": text(64, required=True)}, ("records_sha256",)),
    "audit": obj({"rows": list_of(_AUDIT_ROW), "head": optional(_HEAD)}, ("rows", "head")),
    "audit_checkpoint": obj({"id": integer(1, 2 ** 53), "hash": _HASH, "reports": list_of(obj({
        "kind": enum("tampering", "restore"), "seq": _SEQ, "first": _SEQ, "last": _SEQ,
        "found_at": stamp}, ("kind", "seq", "first", "last", "found_at")), 100)},
        ("id", "hash")),
}, ("format", "from", "to", "seq", "base_seq", "covers", "ack", "created_at", "urgent",
    "counts"))


def _fits(value: dict, fields: dict[str, Check], required: tuple[str, ...]) -> str | None:
    """The first field that does not fit, or None."""
    if len(value) > 1_000:
        return "fields"
    for name in required:
        if name not in value:
            return name
    for name, v in value.items():
        check = fields.get(name)
        if check is None:
            if type(name) is not str or len(name) > 200 or not json_value(v):
                return str(name)[:40]
        elif not check(v):
            return name
    return None


def check_batch(manifest: Any, records: Any, kinds: tuple[str, ...], file: str,
                kind_key: str = "record_kind") -> None:
    """Raise BatchRejected("invalid_content") unless the manifest and every record fit the schema
    and every record is of one of `kinds` (the ones this side applies)."""
    def invalid(detail: str) -> BatchRejected:
        return BatchRejected("invalid_content", file=file, detail=detail)

    if type(manifest) is not dict:
        raise invalid("manifest")
    bad = _fits(manifest, *MANIFEST)
    if bad is not None:
        raise invalid(f"manifest: {bad}")
    if type(records) is not list:
        raise invalid("records")
    for i, rec in enumerate(records):
        if type(rec) is not dict or rec.get(kind_key) not in kinds:
            raise invalid(f"record {i}: kind")
        fields, required = KINDS[rec[kind_key]]
        bad = _fits({k: v for k, v in rec.items() if k != kind_key}, fields, required)
        if bad is not None:
            raise invalid(f"record {i}: {rec[kind_key]} {bad}")
