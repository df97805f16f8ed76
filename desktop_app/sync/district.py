"""The district's merge of offices' batches into its replica, and the checks on its own results.

Imports store.district and domain. The district applies only the offices' fields (their records,
whole); the office applies only the district's (results, referrals): neither overwrites the other.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desktop_app.domain import money
from desktop_app.domain.catalogue import ServiceSpec
from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import N_
from desktop_app.store import district as district_store
from desktop_app.sync.format import RECORD_KIND, Batch

if TYPE_CHECKING:
    import sqlite_utils


def owner_conflicts(db: sqlite_utils.Database, sender: str, uuids: list[str]) -> dict[str, str]:
    """The records of a batch that another office already owns: uuid -> that office (a record
    never changes hands)."""
    return {u: o for u, o in district_store.owners_of(db, uuids).items() if o != sender}


def merge(db: sqlite_utils.Database, batch: Batch, *, now: str) -> None:
    """Replace each record the office sent; the caller holds the transaction."""
    if batch.payload:  # the signed text: merged by SQLite in one statement
        district_store.upsert_batch(db, batch.payload, kind_key=RECORD_KIND,
                                    office_code=batch.sender, batch_seq=batch.seq, now=now)
        return
    for rec in batch.records:
        district_store.upsert(db, kind=rec[RECORD_KIND], rec=rec, office_code=batch.sender,
                              batch_seq=batch.seq, now=now)


def decision_fields(spec: ServiceSpec | None, *, assigned: bool, decided_on: dt.date,
                    amount: str | None, period_from: dt.date | None, period_to: dt.date | None,
                    refusal_codes: tuple[str, ...], decision_no: str = "") -> dict:
    """Check a decision as the district records it; raise ValidationError naming the field."""
    if assigned:
        if refusal_codes:
            raise ValidationError("refusal_codes", N_("An assignment has no refusal reasons."),
                                  code="codes_on_assignment")
        if amount is not None:
            try:
                amount = str(money.parse(amount))
            except ValidationError:
                raise ValidationError("amount", N_("Enter the amount as a number of tenge."),
                                      code="bad_amount") from None
        if period_from and period_to and period_to < period_from:
            raise ValidationError("period_to", N_("The period ends before it starts."),
                                  code="bad_period")
    else:
        if not refusal_codes:
            raise ValidationError("refusal_codes", N_("Choose at least one refusal reason."),
                                  code="no_reason")
        known = {r.code for r in spec.refusal_codes} if spec else set()
        unknown = [c for c in refusal_codes if c not in known]
        if unknown:
            raise ValidationError("refusal_codes", N_("{reason} is not a refusal reason of this "
                                                      "service."), code="unknown_reason",
                                  reason=unknown[0])
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    number = " ".join((decision_no or "").split())
    if len(number) > 50 or any(ord(c) < 32 for c in number):
        raise ValidationError("decision_no", N_("A decision number is at most 50 characters."),
                              code="bad_decision_no")
    return {"decision_no": number, "decision": "assigned" if assigned else "refused",
            "decision_date": iso(decided_on),
            "amount": amount if assigned else None, "period_from": iso(period_from) if assigned
            else None, "period_to": iso(period_to) if assigned else None,
            "refusal_codes": ",".join(refusal_codes)}
