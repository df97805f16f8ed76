"""What may happen to an application after intake: documents arriving later, a correction, a
withdrawal at the citizen's request, voiding a number taken in error. Pure rules, no storage.

Imports domain.application and domain.errors. Each `check_*` raises a ValidationError whose message
says, in the user's language, why the action does not apply to the application as it stands.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from desktop_app.domain.application import Application, Presented, Status
from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import N_


class EventKind(StrEnum):
    """What an entry of an application's history records."""

    STATUS = "status"          # taken, forwarded, decided, handed over, issued
    DOCUMENTS = "documents"    # papers that arrived after intake
    CORRECTION = "correction"  # a typing error fixed, with before / after and the reason
    WITHDRAWN = "withdrawn"
    VOIDED = "voided"


EVENT_LABELS: dict[EventKind, str] = {
    EventKind.STATUS: N_("Status"),
    EventKind.DOCUMENTS: N_("Documents arrived"),
    EventKind.CORRECTION: N_("Correction"),
    EventKind.WITHDRAWN: N_("Withdrawn"),
    EventKind.VOIDED: N_("Voided"),
}

CLOSED = frozenset({Status.WITHDRAWN, Status.VOIDED})
# a decision, a hand-over or an issued paper exists: the record is history, not a draft
DECIDED = frozenset({Status.ASSIGNED, Status.REFUSED, Status.HANDED_OVER, Status.ISSUED})

MAX_REASON = 500


def reason_text(reason: str) -> str:
    """A reason as recorded: one line, not empty, bounded, printable."""
    text = " ".join(reason.split())
    if not text:
        raise ValidationError("reason", N_("Write the reason."), code="reason_empty")
    if any(ord(c) < 32 or 127 <= ord(c) <= 159 for c in text):
        raise ValidationError("reason", N_("This text holds a control character that cannot be "
                                           "printed; type it again."), code="control_character")
    if len(text) > MAX_REASON:
        raise ValidationError("reason", N_("The reason is longer than {limit} characters."),
                              code="reason_too_long", limit=MAX_REASON)
    return text


def _closed(app: Application) -> None:
    if app.status == Status.WITHDRAWN:
        raise ValidationError("status", N_("Application {reg_no} was withdrawn: nothing more can "
                                           "be done with it."), code="closed", reg_no=app.reg_no)
    if app.status == Status.VOIDED:
        raise ValidationError("status", N_("Application {reg_no} was voided: nothing more can be "
                                           "done with it."), code="closed", reg_no=app.reg_no)


def check_complete(app: Application, document_ids: list[str], on: dt.date,
                   today: dt.date) -> None:
    """Papers arriving later: only for an application still waiting for them."""
    _closed(app)
    if app.status != Status.INCOMPLETE:
        raise ValidationError("status", N_("Application {reg_no} is not waiting for documents."),
                              code="not_incomplete", reg_no=app.reg_no)
    if not document_ids:
        raise ValidationError("documents", N_("Mark at least one document that arrived."),
                              code="no_documents")
    listed = {c.document_id: c for c in app.checklist}
    for doc in document_ids:
        if doc not in listed:
            raise ValidationError("documents", N_("{document} is not on this application's "
                                                  "checklist."), code="unknown_document",
                                  document=doc)
        if listed[doc].presented != Presented.MISSING:
            raise ValidationError("documents", N_("{document} was already presented."),
                                  code="already_presented", document=doc)
    if on > today:
        raise ValidationError("on", N_("The date is in the future."), code="future")
    if on < app.accepted_at.date():
        raise ValidationError("on", N_("The documents cannot arrive before the application was "
                                       "taken."), code="before_intake")


def check_correct(app: Application, reason: str) -> str:
    _closed(app)
    return reason_text(reason)


def check_withdraw(app: Application, reason: str, requested_on: dt.date, today: dt.date) -> str:
    """A withdrawal needs the citizen's written request, dated, before a decision exists."""
    _closed(app)
    if app.status in DECIDED:
        raise ValidationError("status", N_("Application {reg_no} is already decided: it can no "
                                           "longer be withdrawn."), code="decided",
                              reg_no=app.reg_no)
    if requested_on > today:
        raise ValidationError("requested_on", N_("The date is in the future."), code="future")
    if requested_on < app.accepted_at.date():
        raise ValidationError("requested_on", N_("The request cannot be older than the "
                                                 "application."), code="before_intake")
    return reason_text(reason)


def check_void(app: Application, reason: str) -> str:
    """Voiding is for a registration made in error, before the district decided on it."""
    _closed(app)
    if app.status in (Status.ASSIGNED, Status.HANDED_OVER) or app.decision:
        raise ValidationError("status", N_("Application {reg_no} has a decision: it cannot be "
                                           "voided."), code="decided", reg_no=app.reg_no)
    return reason_text(reason)


def missing_after(app: Application, arrived: set[str]) -> list[str]:
    """The required documents still missing once `arrived` are marked presented."""
    return [c.document_id for c in app.checklist
            if c.required and c.presented == Presented.MISSING and c.document_id not in arrived]
