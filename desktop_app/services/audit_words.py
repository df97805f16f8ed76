"""The audit log's details in the reader's language: the stored field names through a label table,
statuses, roles and other codes through their labels, dates as dd.MM.yyyy, yes / no; what a
person typed (names, addresses, reasons) and numbers as stored. Shared by the Audit page and its
PDF export. Imports context, domain labels, i18n and services (office_setup, papers, ...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from desktop_app.context import AppContext
from desktop_app.domain.application import STATUS_LABELS, Status
from desktop_app.domain.errors import AppError
from desktop_app.domain.household import Relation, Sex
from desktop_app.domain.labels import RELATION_LABELS, SEX_LABELS
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.i18n import N_, Translator

# every field name the program writes into the log, in words (a test reads the code for them)
FIELD_LABELS: dict[str, str] = {
    "active": N_("Active"), "address": N_("Address"), "akim_name": N_("Akim's name"),
    "amount": N_("Amount"), "applicant": N_("Applicant"), "application": N_("Application"),
    "application_uuid": N_("Application"), "applications": N_("Applications"),
    "birth_date": N_("Birth date"), "calendar": N_("Calendar"), "channel": N_("How received"),
    "citizenship": N_("Citizenship"), "code": N_("Code"), "copy_of": N_("Copy of"),
    "counts": N_("Records"), "day": N_("Date"), "days_worked": N_("Days worked"),
    "decided_on": N_("Decided on"), "decision": N_("Decision"), "decision_date": N_("Decided on"),
    "decision_no": N_("Decision number"), "factor_version": N_("Version"),
    "failures": N_("Failed attempts"), "file": N_("File"), "filters": N_("Filters"),
    "fingerprint": N_("Fingerprint"), "from": N_("From"), "full_name": N_("Full name"),
    "gap": N_("Missing batches"), "given_name": N_("Given name"),
    "handed_on": N_("Handed over on"), "head": N_("Head of household"),
    "household": N_("Household"), "iin": N_("IIN"), "inspection_date": N_("Inspection date"),
    "into": N_("Merged into"), "issued_by": N_("Issued by"), "issued_on": N_("Issued on"),
    "justified": N_("Justified"), "kept_aside": N_("Kept aside"), "kind": N_("Kind"),
    "left_on": N_("Left on"), "left_reason": N_("Reason for leaving"), "lines": N_("Records"),
    "listed_id": N_("Office in the list"), "locked_until": N_("Locked until"),
    "login": N_("Login"), "members": N_("Members"), "merged": N_("Merged into"),
    "minutes": N_("Minutes"), "missing": N_("Missing documents"), "mode": N_("Mode"),
    "month": N_("Month"), "name": N_("Parameter"), "note": N_("Note"), "now": N_("Time"),
    "on": N_("Date"), "outcome": N_("Outcome"), "pay": N_("Pay"), "patronymic": N_("Patronymic"),
    "period_from": N_("Paid from"), "period_to": N_("Paid until"), "person": N_("Person"),
    "phone": N_("Phone"), "place": N_("Place"), "quarter": N_("Quarter"), "reason": N_("Reason"),
    "refusal_codes": N_("Refusal reasons"), "reg_no": N_("Registration number"),
    "region": N_("Region"), "relation": N_("Relation"), "reviewed_on": N_("Reviewed on"),
    "rnn": N_("RNN"), "roles": N_("Roles"), "rows": N_("Rows"), "rows_gone": N_("Rows gone"),
    "seq": N_("Batch number"), "service": N_("Service"), "sex": N_("Sex"), "sik": N_("SIC"),
    "signature_taken": N_("Signature taken"), "source": N_("Legal basis"),
    "status": N_("Status"), "subject": N_("Subject"), "surname": N_("Surname"), "to": N_("To"),
    "to_whom": N_("Handed to"), "updated_at": N_("Updated at"), "urgent": N_("Urgent"),
    "uuid": N_("Record"), "valid_from": N_("Valid from"), "valid_to": N_("Valid to"),
    "valid_until": N_("Valid until"), "value": N_("Value"), "version": N_("Version"),
    "wage_version": N_("Version"), "working_days": N_("Working days"),
    # the kinds of record a batch counts ("counts": {"household": 3, ...})
    "paper": N_("Papers"), "handover": N_("Handovers"), "complaint": N_("Complaints"),
    "public_works_participant": N_("Public works participants"),
    "public_works_timesheet": N_("Timesheets"), "result": N_("Decisions"),
    "referral": N_("Referrals"), "parameter_value": N_("Parameter values"),
    "calendar_day": N_("Calendar days"),
}
# fields kept in both languages ("name_kk", "position_ru"): the field, then the language
PAIR_LABELS: dict[str, str] = {
    "name": N_("Office name"), "district": N_("District"), "address": N_("Address"),
    "akim_position": N_("Akim's position"), "department": N_("Department"),
    "position": N_("Position"),
}
IN_LANGUAGE = {"kk": N_("{field} (in Kazakh)"), "ru": N_("{field} (in Russian)")}
MODE_LABELS = {"village": N_("Village office"), "district": N_("District")}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)?")
_UUID = re.compile(r"([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def field_label(key: str, t: Translator) -> str:
    """A stored field name in words; an unknown one as stored."""
    base, _sep, lang = key.rpartition("_")
    if lang in IN_LANGUAGE and base in PAIR_LABELS:
        return t.gettext(IN_LANGUAGE[lang]).format(field=t.gettext(PAIR_LABELS[base]))
    msgid = FIELD_LABELS.get(key)
    return t.gettext(msgid) if msgid else key


def _enum(labels: dict, kind: type) -> Callable[[AppContext, str, Translator], str]:
    def word(_ctx: AppContext, value: str, t: Translator) -> str:
        try:
            return t.gettext(labels[kind(value)])
        except (ValueError, KeyError):
            return value
    return word


def _plain(labels: dict[str, str]) -> Callable[[AppContext, str, Translator], str]:
    return lambda _ctx, value, t: t.gettext(labels[value]) if value in labels else value


def _roles(ctx: AppContext, value: str, t: Translator) -> str:
    word = _enum(ROLE_LABELS, Role)
    return ", ".join(word(ctx, r, t) for r in re.split(r"[,\s]+", value) if r)


def _service(ctx: AppContext, value: str, t: Translator) -> str:
    try:
        return t.text(ctx.catalogue.get(value).name) or value
    except AppError:
        return value


def _refusal(ctx: AppContext, value: str, t: Translator) -> str:
    """A refusal code in the catalogue's words ("a,b" as a district decision stores them)."""
    words = []
    for code in (c.strip() for c in value.split(",") if c.strip()):
        found = next((r for spec in ctx.catalogue.all() if (r := spec.refusal(code))), None)
        words.append(t.text(found.text) if found is not None else code)
    return "; ".join(words)


def _document(ctx: AppContext, value: str, t: Translator) -> str:
    for spec in ctx.catalogue.all():
        for doc in spec.documents:
            if doc.id == value:
                return t.text(doc.name) or value
    return value


def _parameter(ctx: AppContext, value: str, t: Translator) -> str:
    try:
        return t.text(ctx.parameters.info(value).title) or value
    except (KeyError, AttributeError):
        return value


def _region(ctx: AppContext, value: str, t: Translator) -> str:
    from desktop_app.services import office_setup

    try:
        return t.text(office_setup.office_lists().region(value).name) or value
    except Exception:  # noqa: BLE001 - an unknown code or no office lists: the code as stored
        return value


def _left(ctx: AppContext, value: str, t: Translator) -> str:
    from desktop_app.services.household_book import LEFT_LABELS, LeftReason

    return _enum(LEFT_LABELS, LeftReason)(ctx, value, t)


def _day_kind(ctx: AppContext, value: str, t: Translator) -> str:
    from desktop_app.services.calendar_days import KIND_LABELS

    return _plain(KIND_LABELS)(ctx, value, t)


def _channel(ctx: AppContext, value: str, t: Translator) -> str:
    from desktop_app.services.complaints import CHANNELS

    return _plain(CHANNELS)(ctx, value, t)


def _quarter(_ctx: AppContext, value: str, t: Translator) -> str:
    from desktop_app.services.papers import quarter_text

    return quarter_text(value, t)


# the codes a field holds, worded by their own labels
VALUE_WORDS: dict[str, Callable[[AppContext, str, Translator], str]] = {
    "status": _enum(STATUS_LABELS, Status), "relation": _enum(RELATION_LABELS, Relation),
    "sex": _enum(SEX_LABELS, Sex), "decision": _enum(STATUS_LABELS, Status), "roles": _roles,
    "service": _service,
    "refusal_codes": _refusal, "missing": _document, "name": _parameter, "region": _region,
    "left_reason": _left, "kind": _day_kind, "channel": _channel, "quarter": _quarter,
    "mode": _plain(MODE_LABELS),
}


def value_words(ctx: AppContext, key: str, value: object, t: Translator) -> str:
    """One stored value as the reader writes it; "" for nothing (None, an empty list)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return t.gettext(N_("Yes")) if value else t.gettext(N_("No"))
    if isinstance(value, dict):
        return ", ".join(f"{field_label(k, t)}: {text}" for k, v in value.items()
                         if (text := value_words(ctx, k, v, t)))
    if isinstance(value, (list, tuple)):
        return ", ".join(text for v in value if (text := value_words(ctx, key, v, t)))
    if not isinstance(value, str):
        return str(value)
    if key in VALUE_WORDS:
        return VALUE_WORDS[key](ctx, value, t)
    if _DATE.fullmatch(value):
        try:
            return t.date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if _STAMP.fullmatch(value):
        try:
            return t.datetime(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return value
    return _UUID.sub(r"\1", value)


def details_words(ctx: AppContext, data: object, t: Translator) -> str:
    """A stored before / after in words: "Status: Registered; Date: 13.10.2026"."""
    if isinstance(data, dict):
        return "; ".join(f"{field_label(k, t)}: {text}" for k, v in data.items()
                         if (text := value_words(ctx, k, v, t)))
    return value_words(ctx, "", data, t)
