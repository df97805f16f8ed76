"""The schema of a data/services/*.toml file: strict, typed reading into a `ServiceSpec`.

Imports stdlib, i18n and domain only; used by `catalogue_loader`. Every problem becomes a
`CatalogueError(file, field, reason)` with a dotted, 0-based `field` path ("documents[2].form"),
and all problems of a file are collected. All keys are required except these (default in
brackets): valid_to [open], precheck [none], documents[].required [true], documents[].condition
[always], documents[].per_person [false], deadlines[].route ["akim"], deadlines[].stated [true],
deadlines[].note [none; required when stated = false], refusal_codes[].kind ["refusal"; or
"termination", "deprivation"], waiting.submit_minutes / receive_minutes [not stated in the act],
appeal.stated [true], receipt_stated [true; false when the act names no receipt], receipt_note
[none; required when receipt_stated = false: why the act names none],
indicators [none: the act has no indicator annex] (all its keys are required when it is given).
A document's `condition` names a condition, or "!id" for its negation (e.g. "!under_16"), or
"a|b" for any of several.
`standard` may be "" (the paper has no standard of its own). Texts need
non-empty "kk" and "ru", except `result_validity`. Unknown keys are errors (they are typos).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop_app.domain import toml_cache
from desktop_app.domain.catalogue import (
    AkimRole,
    Appeal,
    DeadlineKind,
    DeadlineSpec,
    DeadlineUnit,
    DocumentForm,
    DocumentSpec,
    Indicators,
    ReceiptKind,
    RefusalCode,
    RefusalKind,
    ServiceSpec,
    Text,
    Waiting,
)
from desktop_app.domain.catalogue_conditions import CONDITIONS, condition_parts
from desktop_app.domain.errors import CatalogueError
from desktop_app.i18n import LOCALES

APPLICANT_KINDS = ("citizen", "oralman", "refugee", "foreigner_permit", "stateless_permit")
RECEIPT_FIELDS = ("office", "registration_number", "service", "applicant", "documents",
                  "accepted_at", "receiver", "decision_due", "inspection", "deciding_body",
                  "forward_by", "precheck")
BLANK_FORMS = ("application", "family_composition", "income_information", "farm_information",
               "medical_card")
ROUTES = ("akim", "department")
# documents handed in / entered in the journal / the case file handed to the deciding commission
CLOCK_STARTS = ("submission", "registration", "file_transfer")

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = frozenset({
    "id", "order", "version", "valid_from", "valid_to", "name", "short_name", "act", "standard",
    "legal_basis", "provider", "akim_role", "applicants", "needs_household", "precheck",
    "receipt_kind", "receipt_content", "inspection", "result_kinds", "refusal_codes", "documents",
    "deadlines", "waiting", "blank_forms", "result_validity", "appeal", "receipt_stated",
    "indicators", "receipt_note"})
_APPEAL_KEYS = frozenset({"text", "source", "stated"})
_DOC_KEYS = frozenset({"id", "name", "form", "required", "condition", "per_person", "source"})
_DEADLINE_KEYS = frozenset({
    "kind", "amount", "unit", "starts", "route", "stated", "source", "note"})
_REFUSAL_KEYS = frozenset({"code", "text", "source", "kind"})
_WAITING_KEYS = frozenset({"submit_minutes", "receive_minutes"})
_SHARES = ("served_on_time", "waited_within_limit", "drawn_up_correctly", "complete_first_time",
           "justified_complaints", "complaints_on_time")
_INDICATOR_KEYS = frozenset({"source", "wait_minutes", *_SHARES})
_ABSENT = object()
Table = dict[str, Any]


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Reader:
    """Reads typed values out of parsed TOML, recording every problem rather than the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[CatalogueError] = []

    def fail(self, field: str, reason: str) -> None:
        self.errors.append(CatalogueError(file=self.file, field=field, reason=reason))

    def keys(self, table: Table, allowed: frozenset[str], path: str) -> None:
        for key in table:
            if key not in allowed:
                self.fail(_join(path, key), "unknown field")

    def raw(self, table: Table, key: str, path: str, required: bool) -> Any:
        if key not in table and required:
            self.fail(_join(path, key), "missing required field")
        return table.get(key, _ABSENT)

    def check_str(self, field: str, value: Any, *, allow_empty: bool = False, code: bool = False,
                  choices: Iterable[str] | None = None) -> str | None:
        allowed = tuple(choices) if choices is not None else None
        if not isinstance(value, str):
            self.fail(field, "must be a string")
        elif not value.strip() and not allow_empty:
            self.fail(field, "must not be empty")
        elif allowed is not None and value not in allowed:
            self.fail(field, f"unknown value {value!r}; expected one of: {', '.join(allowed)}")
        elif code and allowed is None and not _CODE.match(value):
            self.fail(field, f"{value!r} is not a code (lower-case latin letters, digits, _)")
        else:
            return value
        return None

    def string(self, table: Table, key: str, path: str = "", *, required: bool = True,
               **checks: Any) -> str | None:
        value = self.raw(table, key, path, required)
        return None if value is _ABSENT else self.check_str(_join(path, key), value, **checks)

    def integer(self, table: Table, key: str, path: str = "", *, required: bool = True,
                minimum: int = 1) -> int | None:
        value, field = self.raw(table, key, path, required), _join(path, key)
        if value is _ABSENT:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, "must be an integer")
        elif value < minimum:
            self.fail(field, "must be a positive integer" if minimum else "must not be negative")
        else:
            return value
        return None

    def boolean(self, table: Table, key: str, path: str = "", *, required: bool = True,
                default: bool = False) -> bool:
        value = self.raw(table, key, path, required)
        if value is _ABSENT:
            return default
        if not isinstance(value, bool):
            self.fail(_join(path, key), "must be true or false")
            return default
        return value

    def date(self, table: Table, key: str, *, required: bool = True) -> dt.date | None:
        value = self.raw(table, key, "", required)
        if value is _ABSENT:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(key, f"{value!r} is not an ISO date (YYYY-MM-DD)")
        return None

    def text(self, table: Table, key: str, path: str = "", *, required: bool = True,
             allow_empty: bool = False) -> Text:
        value, field = self.raw(table, key, path, required), _join(path, key)
        if value is _ABSENT:
            return {}
        if not isinstance(value, dict):
            self.fail(field, "must be a table with kk and ru texts")
            return {}
        out: Text = {}
        for extra in sorted(set(value) - set(LOCALES)):
            self.fail(_join(field, extra), f"unknown language; expected {', '.join(LOCALES)}")
        for locale in LOCALES:
            if locale not in value:
                self.fail(_join(field, locale), f"missing {locale} text")
                continue
            checked = self.check_str(_join(field, locale), value[locale], allow_empty=allow_empty)
            if checked is not None:
                out[locale] = checked.strip()
        return out

    def strings(self, table: Table, key: str, *, choices: Iterable[str] | None = None,
                non_empty: bool = False) -> tuple[str, ...]:
        value = self.raw(table, key, "", True)
        if value is _ABSENT:
            return ()
        if not isinstance(value, list):
            self.fail(key, "must be a list of strings")
            return ()
        if non_empty and not value:
            self.fail(key, "must not be empty")
        out: list[str] = []
        for i, item in enumerate(value):
            checked = self.check_str(_join(key, i), item, code=True, choices=choices)
            if checked is not None and checked in out:
                self.fail(_join(key, i), f"duplicate value {checked!r}")
            elif checked is not None:
                out.append(checked)
        return tuple(out)

    def tables(self, table: Table, key: str, *, non_empty: bool = True) -> list[tuple[str, Table]]:
        value = self.raw(table, key, "", True)
        if value is _ABSENT:
            return []
        if not isinstance(value, list):
            self.fail(key, f"must be an array of tables ([[{key}]])")
            return []
        if non_empty and not value:
            self.fail(key, "must not be empty")
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((_join(key, i), item))
            else:
                self.fail(_join(key, i), "must be a table")
        return out


def _parse(path: Path) -> tuple[dict[str, Any] | None, list[CatalogueError]]:
    name = path.name
    try:
        source = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return None, [CatalogueError(file=name, field="(file)",
                                     reason=f"cannot read: {exc.strerror}")]
    except UnicodeDecodeError:
        return None, [CatalogueError(file=name, field="(file)", reason="not UTF-8 text")]
    try:
        return toml_cache.loads(source), []
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        field = f"line {line.group(1)}" if line else "(file)"
        return None, [CatalogueError(file=name, field=field, reason=f"TOML syntax error: {exc}")]


def _documents(r: _Reader, data: Table) -> tuple[DocumentSpec, ...]:
    docs: list[DocumentSpec] = []
    seen: set[str] = set()
    for path, t in r.tables(data, "documents"):
        r.keys(t, _DOC_KEYS, path)
        doc_id = r.string(t, "id", path, code=True)
        if doc_id is not None and doc_id in seen:
            r.fail(_join(path, "id"), f"duplicate document id {doc_id!r}")
        seen.add(doc_id or "")
        form = r.string(t, "form", path, choices=[f.value for f in DocumentForm])
        condition = r.string(t, "condition", path, required=False)
        if condition is not None and any(c not in CONDITIONS for c in condition_parts(condition)):
            r.fail(_join(path, "condition"), f"unknown condition {condition!r}")
        name, source = r.text(t, "name", path), r.string(t, "source", path)
        required = r.boolean(t, "required", path, required=False, default=True)
        per_person = r.boolean(t, "per_person", path, required=False, default=False)
        if doc_id and form and source:
            docs.append(DocumentSpec(doc_id, name, DocumentForm(form), required, condition,
                                     per_person, source))
    return tuple(docs)


def _deadlines(r: _Reader, data: Table) -> tuple[DeadlineSpec, ...]:
    out: list[DeadlineSpec] = []
    seen: set[tuple[str, str]] = set()
    for path, t in r.tables(data, "deadlines"):
        r.keys(t, _DEADLINE_KEYS, path)
        kind = r.string(t, "kind", path, choices=[k.value for k in DeadlineKind])
        amount = r.integer(t, "amount", path)
        unit = r.string(t, "unit", path, choices=[u.value for u in DeadlineUnit])
        starts = r.string(t, "starts", path, choices=CLOCK_STARTS)
        route = r.string(t, "route", path, required=False, choices=ROUTES) or "akim"
        stated = r.boolean(t, "stated", path, required=False, default=True)
        source = r.string(t, "source", path)
        note = r.text(t, "note", path, required=not stated)
        if kind and unit and (kind == DeadlineKind.RESULT) != (unit == DeadlineUnit.MINUTES):
            r.fail(_join(path, "unit"), "minutes are the unit of a result deadline, and only of it")
        if kind and (kind, route) in seen:
            r.fail(_join(path, "kind"), f"second {kind} deadline for route {route!r}")
        seen.add((kind or "", route))
        if kind and amount and unit and starts and source:
            out.append(DeadlineSpec(DeadlineKind(kind), amount, DeadlineUnit(unit), starts, route,
                                    stated, source, note))
    return tuple(out)


def _refusals(r: _Reader, data: Table) -> tuple[RefusalCode, ...]:
    out: list[RefusalCode] = []
    seen: set[str] = set()
    for path, t in r.tables(data, "refusal_codes", non_empty=False):
        r.keys(t, _REFUSAL_KEYS, path)
        code = r.string(t, "code", path, code=True)
        if code is not None and code in seen:
            r.fail(_join(path, "code"), f"duplicate refusal code {code!r}")
        seen.add(code or "")
        text, source = r.text(t, "text", path), r.string(t, "source", path)
        kind = r.string(t, "kind", path, required=False,
                        choices=[k.value for k in RefusalKind]) or RefusalKind.REFUSAL.value
        if code and source:
            out.append(RefusalCode(code, text, source, RefusalKind(kind)))
    return tuple(out)


def _waiting(r: _Reader, data: Table) -> Waiting:
    t = r.raw(data, "waiting", "", True)
    if t is _ABSENT:
        return Waiting(None, None)
    if not isinstance(t, dict):
        r.fail("waiting", "must be a table")
        return Waiting(None, None)
    r.keys(t, _WAITING_KEYS, "waiting")
    return Waiting(r.integer(t, "submit_minutes", "waiting", required=False),
                   r.integer(t, "receive_minutes", "waiting", required=False))


def _appeal(r: _Reader, data: Table) -> Appeal | None:
    t = r.raw(data, "appeal", "", True)
    if t is _ABSENT:
        return None
    if not isinstance(t, dict):
        r.fail("appeal", "must be a table")
        return None
    r.keys(t, _APPEAL_KEYS, "appeal")
    text, source = r.text(t, "text", "appeal"), r.string(t, "source", "appeal")
    stated = r.boolean(t, "stated", "appeal", required=False, default=True)
    return Appeal(text, source, stated) if source else None


def _indicators(r: _Reader, data: Table) -> Indicators | None:
    t = r.raw(data, "indicators", "", False)
    if t is _ABSENT:
        return None
    if not isinstance(t, dict):
        r.fail("indicators", "must be a table")
        return None
    r.keys(t, _INDICATOR_KEYS, "indicators")
    shares: dict[str, float] = {}
    for key in _SHARES:
        value, field = r.raw(t, key, "indicators", True), _join("indicators", key)
        if value is _ABSENT:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            r.fail(field, "must be a number (per cent)")
        elif not 0 <= value <= 100:
            r.fail(field, f"{value!r} is not a share in per cent (0 to 100)")
        else:
            shares[key] = float(value)
    source = r.string(t, "source", "indicators")
    wait = r.integer(t, "wait_minutes", "indicators")
    if source is None or wait is None or len(shares) != len(_SHARES):
        return None
    return Indicators(source=source, wait_minutes=wait, **shares)


def _consistency(r: _Reader, spec: ServiceSpec) -> None:
    """Rules between fields that a typo would break silently."""
    if spec.valid_to is not None and spec.valid_to < spec.valid_from:
        r.fail("valid_to", "is before valid_from")
    if (spec.receipt_kind == ReceiptKind.NONE) != (not spec.receipt_content):
        r.fail("receipt_content", "must be empty exactly when receipt_kind is \"none\"")
    if not spec.receipt_stated and spec.receipt_kind == ReceiptKind.NONE:
        r.fail("receipt_stated", "is false, but the service gives no receipt at all")
    if spec.receipt_content and spec.inspection != ("inspection" in spec.receipt_content):
        r.fail("receipt_content", "must contain \"inspection\" exactly when inspection = true")
    if spec.akim_role == AkimRole.ACCEPTS and spec.deadline(DeadlineKind.DECISION) is None:
        r.fail("deadlines", "an \"accepts\" service needs a decision deadline for route \"akim\"")
    if spec.akim_role == AkimRole.ISSUES and spec.deadline(DeadlineKind.RESULT) is None:
        r.fail("deadlines", "an \"issues\" service needs a result deadline for route \"akim\"")
    if spec.akim_role == AkimRole.FORWARDS:
        if spec.deadline(DeadlineKind.FORWARD) is None:
            r.fail("deadlines",
                   "a \"forwards\" service needs a forward deadline for route \"akim\"")
        missing = [f for f in ("deciding_body", "forward_by") if f not in spec.receipt_content]
        if spec.receipt_content and missing:
            r.fail("receipt_content", "a \"forwards\" receipt must contain " +
                   " and ".join(f'"{f}"' for f in missing))


def validate_file(path: Path) -> tuple[ServiceSpec | None, list[CatalogueError]]:
    """Read one service file: the spec, or None and every problem found in it."""
    data, errors = _parse(path)
    if data is None:
        return None, errors
    r = _Reader(path.name)
    r.keys(data, _TOP_KEYS, "")
    service_id = r.string(data, "id", code=True)
    if service_id is not None and service_id != path.stem:
        r.fail("id", f"{service_id!r} must equal the file name {path.stem!r}")
    values: dict[str, Any] = dict(
        id=service_id,
        order=r.integer(data, "order", minimum=0),
        version=r.string(data, "version"),
        valid_from=r.date(data, "valid_from"),
        valid_to=r.date(data, "valid_to", required=False),
        name=r.text(data, "name"),
        short_name=r.text(data, "short_name"),
        act=r.string(data, "act"),
        standard=r.string(data, "standard", allow_empty=True),
        legal_basis=r.text(data, "legal_basis"),
        provider=r.text(data, "provider"),
        akim_role=r.string(data, "akim_role", choices=[a.value for a in AkimRole]),
        applicants=r.strings(data, "applicants", choices=APPLICANT_KINDS, non_empty=True),
        needs_household=r.boolean(data, "needs_household"),
        precheck=r.string(data, "precheck", required=False, code=True),
        receipt_kind=r.string(data, "receipt_kind", choices=[k.value for k in ReceiptKind]),
        receipt_content=r.strings(data, "receipt_content", choices=RECEIPT_FIELDS),
        inspection=r.boolean(data, "inspection"),
        result_kinds=r.strings(data, "result_kinds", non_empty=True),
        refusal_codes=_refusals(r, data),
        documents=_documents(r, data),
        deadlines=_deadlines(r, data),
        waiting=_waiting(r, data),
        blank_forms=r.strings(data, "blank_forms", choices=BLANK_FORMS),
        result_validity=r.text(data, "result_validity", allow_empty=True),
        appeal=_appeal(r, data),
        receipt_stated=r.boolean(data, "receipt_stated", required=False, default=True),
        indicators=_indicators(r, data),
    )
    values["receipt_note"] = r.text(data, "receipt_note", required=not values["receipt_stated"])
    if r.errors:
        return None, r.errors
    values["akim_role"] = AkimRole(values["akim_role"])
    values["receipt_kind"] = ReceiptKind(values["receipt_kind"])
    spec = ServiceSpec(**values, file=path.name)
    _consistency(r, spec)
    return (None, r.errors) if r.errors else (spec, [])
