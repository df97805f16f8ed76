"""Complaints (items 21-23 of the standards): record one in the complaints journal, print the talon
that confirms its acceptance (body, employee's surname and initials, date and time, phones), and
print the journal for a period.

Calls store (the `complaints` table of schema v006) and documents.registers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.context import AppContext
from desktop_app.documents import registers
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import N_, Translator
from desktop_app.services import Changes, issued, limits
from desktop_app.services.guard import require, require_signed_in
from desktop_app.store import audit
from desktop_app.store.db import new_uuid, transaction

CHANNELS = {"oral": N_("orally"), "written": N_("in writing"), "electronic": N_("electronically")}


def initials(full_name: str) -> str:
    """"Сәрсенбаева Гүлназ Ерланқызы" -> "Сәрсенбаева Г. Е." (surname and initials)."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name.strip()
    return parts[0] + " " + " ".join(p[0] + "." for p in parts[1:3])


def record_complaint(ctx: AppContext, *, complainant: str, subject: str, channel: str = "oral",
                     address: str = "", phone: str = "", person_id: int | None = None,
                     application_id: int | None = None) -> tuple[str, Changes]:
    """Register a complaint now; returns its number (the talon prints it)."""
    require(ctx, "record_complaint")
    if not complainant.strip():
        raise ValidationError("complainant", N_("Enter who complains."), code="empty")
    if not subject.strip():
        raise ValidationError("subject", N_("Enter what the complaint is about."), code="empty")
    for field, value, size in (("complainant", complainant, limits.NAME * 3),
                               ("subject", subject, limits.SUBJECT),
                               ("address", address, limits.ADDRESS),
                               ("phone", phone, limits.SHORT)):
        limits.require_text(field, value, size, multiline=field == "subject")
    if channel not in CHANNELS:
        raise ValidationError("channel", N_("Unknown way of receiving: {channel}."),
                              code="channel", channel=channel)
    now = ctx.now_iso()
    with transaction(ctx.db):
        number = issued.next_number(ctx, "C")
        uuid = new_uuid()
        ctx.db.table("complaints").insert({
            "uuid": uuid, "reg_no": number, "received_at": now, "channel": channel,
            "complainant": complainant.strip(), "address": address.strip(),
            "phone": phone.strip(), "person_id": person_id, "application_id": application_id,
            "subject": subject.strip(), "accepted_by": ctx.user.login,
            "accepted_name": initials(ctx.user.full_name),
            "accepted_position": json.dumps(ctx.user.position, ensure_ascii=False),
            "created_at": now})
        audit.record(ctx.db, at=now, user=ctx.user.login, action="complaint.record",
                     table="complaints", uuid=uuid,
                     after={"reg_no": number, "channel": channel, "subject": subject.strip()})
    return number, Changes()


def _complaint(row: dict) -> registers.Complaint:
    channel = CHANNELS.get(row["channel"], row["channel"])
    try:
        position = json.loads(row["accepted_position"] or "{}")
    except ValueError:
        position = {}
    return registers.Complaint(
        reg_no=row["reg_no"], received_at=dt.datetime.fromisoformat(row["received_at"]),
        complainant=row["complainant"], address=row["address"], phone=row["phone"],
        channel={t: Translator(t).gettext(channel) for t in ("kk", "ru")},
        subject=row["subject"], accepted_by=row["accepted_name"],
        accepted_position=position if isinstance(position, dict) else {},
        outcome=row["outcome"])


def list_complaints(ctx: AppContext, start: dt.date, end: dt.date) -> list[registers.Complaint]:
    rows = ctx.db["complaints"].rows_where("substr(received_at, 1, 10) BETWEEN ? AND ?",
                                           [start.isoformat(), end.isoformat()],
                                           order_by="received_at, id")
    return [_complaint(r) for r in rows]


def talon_pdf(ctx: AppContext, reg_no: str, *, languages: Sequence[str] = ("kk",)) -> bytes:
    """The talon of acceptance of complaint `reg_no` (a second print is a duplicate)."""
    require(ctx, "print_paper")
    rows = list(ctx.db["complaints"].rows_where("reg_no = ?", [reg_no]))
    if not rows:
        raise AppError(N_("No complaint is registered under {reg_no}."), code="not_found",
                       reg_no=reg_no)
    c = _complaint(rows[0])
    facts = {"kind": "complaint_talon", "no": c.reg_no, "name": c.complainant,
             "date": c.received_at.isoformat(timespec="minutes"), "by": c.accepted_by}
    langs = tuple(languages)
    original = issued.first_issued(ctx, "complaint_talon", reg_no)
    extras = issued.extras_for(ctx, facts, langs, duplicate_of=original)
    pdf = registers.render_complaint_talon(ctx.office, c, Translator(langs[0]), extras)
    issued.log_paper(ctx, "complaint_talon", reg_no, facts, langs, duplicate=original is not None)
    return pdf


def journal_pdf(ctx: AppContext, start: dt.date, end: dt.date, *,
                languages: Sequence[str] = ("kk",)) -> tuple[bytes, str]:
    """The complaints journal (шағым журналы) for [start, end]."""
    require(ctx, "print_paper")
    rows = list_complaints(ctx, start, end)
    with transaction(ctx.db):
        number = issued.next_number(ctx)
    facts = {"kind": "complaints_journal", "no": number, "from": start.isoformat(),
             "to": end.isoformat(), "rows": len(rows)}
    langs = tuple(languages)
    extras = issued.extras_for(ctx, facts, langs)
    pdf = registers.render_complaints_journal(ctx.office, rows, start, end, Translator(langs[0]),
                                              number, ctx.now().date(), extras)
    issued.log_paper(ctx, "complaints_journal", number, facts, langs)
    return pdf, number


def review_complaint(ctx: AppContext, reg_no: str, *, justified: bool, reviewed_on: dt.date,
                     outcome: str = "") -> Changes:
    """Record how complaint `reg_no` ended: found justified or not, the day it was reviewed, and
    what was done (indicators 4.1 and 4.2 count these)."""
    require(ctx, "record_complaint")
    limits.require_text("outcome", outcome, limits.SUBJECT, multiline=True)
    rows = list(ctx.db["complaints"].rows_where("reg_no = ?", [reg_no]))
    if not rows:
        raise AppError(N_("No complaint is registered under {reg_no}."), code="not_found",
                       reg_no=reg_no)
    row = rows[0]
    if reviewed_on > ctx.now().date():
        raise ValidationError("reviewed_on", N_("The review date is in the future."),
                              code="future")
    if reviewed_on < dt.datetime.fromisoformat(row["received_at"]).date():
        raise ValidationError("reviewed_on",
                              N_("The review date is before the complaint was received."),
                              code="before_received")
    now = ctx.now_iso()
    after = {"justified": justified, "reviewed_on": reviewed_on.isoformat(),
             "outcome": outcome.strip()}
    with transaction(ctx.db):
        ctx.db.execute("UPDATE complaints SET justified = ?, reviewed_on = ?, outcome = ?"
                       " WHERE id = ?", [int(justified), after["reviewed_on"], after["outcome"],
                                         row["id"]])
        audit.record(ctx.db, at=now, user=ctx.user.login, action="complaint.review",
                     table="complaints", uuid=row["uuid"],
                     before={"justified": row.get("justified"),
                             "reviewed_on": row.get("reviewed_on"), "outcome": row["outcome"]},
                     after=after)
    return Changes()


def review_blocker(ctx: AppContext) -> AppError | None:
    """Why the signed-in user may not record a review (their role, a wrong clock), or None."""
    try:
        require(ctx, "record_complaint")
    except AppError as exc:
        return exc
    return None


@dataclass(frozen=True)
class JournalEntry:
    """A complaint as the review dialog lists it."""

    reg_no: str
    received_at: dt.datetime
    complainant: str
    subject: str
    justified: bool | None        # None: not reviewed yet
    reviewed_on: dt.date | None
    outcome: str


def journal_entries(ctx: AppContext, limit: int = 500) -> list[JournalEntry]:
    """The complaints to choose from: those not reviewed yet first, then the newest."""
    require_signed_in(ctx)
    rows = ctx.db.execute(
        "SELECT reg_no, received_at, complainant, subject, justified, reviewed_on, outcome"
        " FROM complaints ORDER BY reviewed_on IS NOT NULL, received_at DESC, id DESC LIMIT ?",
        [limit]).fetchall()
    return [JournalEntry(reg_no=r[0], received_at=dt.datetime.fromisoformat(r[1]),
                         complainant=r[2], subject=r[3],
                         justified=None if r[4] is None else bool(r[4]),
                         reviewed_on=dt.date.fromisoformat(r[5]) if r[5] else None,
                         outcome=r[6] or "")
            for r in rows]
