"""Registers the office keeps on paper: the application journal (журнал регистрации) for a period,
the hand-over register (акт приёма-передачи) with both sides' signatures, the complaints journal,
and the talon that confirms a complaint was accepted (items 21-23 of the standards).

Imports documents (layout, certificates), domain and i18n only. Rows arrive as plain data; long
lists flow over pages with the table header repeated on each.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.certificates import NO_EXTRAS, Extras, issue
from desktop_app.documents.layout import Part, Signature, field_table, grid_table, para
from desktop_app.domain.catalogue import Text
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator


@dataclass(frozen=True)
class JournalRow:
    reg_no: str
    accepted_at: dt.datetime
    applicant: str            # full name, IIN
    service: Text
    status: Text              # the status as worded in each language
    due: dt.date | None       # decision due, or forward-by for a forwarded service
    result: Text              # decision and date, or ""
    receiver: str


@dataclass(frozen=True)
class HandoverRow:
    reg_no: str
    applicant: str
    service: Text
    documents: Text           # the documents handed over, worded
    pages: int


@dataclass(frozen=True)
class Complaint:
    reg_no: str
    received_at: dt.datetime
    complainant: str
    address: str
    phone: str
    channel: Text
    subject: str
    accepted_by: str          # surname and initials
    accepted_position: Text
    outcome: str = ""


def _period(t: Translator, start: dt.date, end: dt.date) -> str:
    return t.gettext(N_("for the period from {start} to {end}")).format(
        start=t.date(start), end=t.date(end))


def _akim(office: Office, t: Translator) -> Signature:
    position = t.text(office.akim_position) if any(office.akim_position.values()) \
        else t.gettext(N_("Akim"))
    return Signature(position, office.akim_name, stamp=True)


def render_journal(office: Office, rows: Sequence[JournalRow], start: dt.date, end: dt.date,
                   translator: Translator, reg_no: str, issued_on: dt.date,
                   extras: Extras = NO_EXTRAS) -> bytes:
    """The journal of registration of applications for [start, end]."""

    def part(t: Translator) -> Part:
        header = [t.gettext(N_("No.")), t.gettext(N_("Reg. No")),
                  t.gettext(N_("Accepted")), t.gettext(N_("Applicant")),
                  t.gettext(N_("Service")), t.gettext(N_("Status")),
                  t.gettext(N_("Due")), t.gettext(N_("Result")),
                  t.gettext(N_("Accepted by"))]
        data = [[str(n), r.reg_no, t.datetime(r.accepted_at), r.applicant, t.text(r.service),
                 t.text(r.status), t.date(r.due) if r.due else "—",
                 t.text(r.result) if r.result else "—", r.receiver]
                for n, r in enumerate(rows, 1)]
        body: list[Flowable] = [
            grid_table(header, data, [0.04, 0.2, 0.09, 0.16, 0.15, 0.09, 0.07, 0.10, 0.10],
                       small=True),
            Spacer(1, 6),
            para(t.ngettext("{count} application in the period.",
                            "{count} applications in the period.", len(rows))
                 .format(count=len(rows)), "left"),
        ]
        return Part(t.gettext(N_("Journal of registration of applications")), body,
                    subtitle=_period(t, start, end), signature=_akim(office, t))

    return issue(office, translator, part, reg_no, issued_on, _wide(extras))


def _wide(extras: Extras) -> Extras:
    return dataclasses.replace(extras, landscape=True)


def render_handover_register(office: Office, rows: Sequence[HandoverRow], day: dt.date,
                             to_whom: str, translator: Translator, reg_no: str,
                             handed_by: tuple[Text, str],
                             extras: Extras = NO_EXTRAS) -> bytes:
    """Акт приёма-передачи: what the office hands to the Department on `day`, signed by both
    sides. `handed_by` is the office employee's (position, name)."""

    def part(t: Translator) -> Part:
        header = [t.gettext(N_("No.")), t.gettext(N_("Reg. No")), t.gettext(N_("Applicant")),
                  t.gettext(N_("Service")), t.gettext(N_("Documents")),
                  t.gettext(N_("Pages")), t.gettext(N_("Signature"))]
        data = [[str(n), r.reg_no, r.applicant, t.text(r.service), t.text(r.documents),
                 str(r.pages) if r.pages else "—", ""] for n, r in enumerate(rows, 1)]
        pages = sum(r.pages for r in rows)
        body: list[Flowable] = [
            para(t.gettext(N_("{office} hands over, and {to_whom} accepts, the documents of the "
                              "following applications:")).format(
                office=t.text(office.name), to_whom=to_whom or "____________________"), "indent"),
            Spacer(1, 4),
            grid_table(header, data, [0.04, 0.2, 0.16, 0.16, 0.27, 0.07, 0.10], small=True),
            Spacer(1, 6),
            para(t.gettext(N_("Total: {count} applications, {pages} pages.")).format(
                count=len(rows), pages=pages), "left"),
        ]
        position, name = handed_by
        sides = [
            Signature(t.gettext(N_("Handed over:")) + "\n" + t.text(position), name, stamp=False),
            Signature(t.gettext(N_("Accepted:")) + "\n" + (to_whom or ""), "", stamp=False),
        ]
        return Part(t.gettext(N_("Act of acceptance and transfer of documents")), body,
                    subtitle=t.long_date(day), signature=sides)

    return issue(office, translator, part, reg_no, day, _wide(extras))


def render_complaints_journal(office: Office, rows: Sequence[Complaint], start: dt.date,
                              end: dt.date, translator: Translator, reg_no: str,
                              issued_on: dt.date, extras: Extras = NO_EXTRAS) -> bytes:
    """The complaints journal (шағым журналы) for [start, end]."""

    def part(t: Translator) -> Part:
        header = [t.gettext(N_("No.")), t.gettext(N_("Reg. No")), t.gettext(N_("Received")),
                  t.gettext(N_("Complainant")), t.gettext(N_("How received")),
                  t.gettext(N_("Subject")), t.gettext(N_("Accepted by")),
                  t.gettext(N_("Outcome"))]
        data = [[str(n), c.reg_no, t.datetime(c.received_at),
                 ", ".join(x for x in (c.complainant, c.address, c.phone) if x),
                 t.text(c.channel), c.subject, c.accepted_by, c.outcome or "—"]
                for n, c in enumerate(rows, 1)]
        body: list[Flowable] = [
            grid_table(header, data, [0.04, 0.2, 0.10, 0.16, 0.09, 0.21, 0.10, 0.10], small=True),
        ]
        return Part(t.gettext(N_("Complaints journal")), body, subtitle=_period(t, start, end),
                    signature=_akim(office, t))

    return issue(office, translator, part, reg_no, issued_on, _wide(extras))


def render_complaint_talon(office: Office, c: Complaint, translator: Translator,
                           extras: Extras = NO_EXTRAS) -> bytes:
    """The talon confirming a complaint was accepted: the body's name, the employee's surname and
    initials, the date and time, the phones (items 23 of the standards)."""

    def part(t: Translator) -> Part:
        rows = [
            (t.gettext(N_("Accepted by (body)")), t.text(office.name)),
            (t.gettext(N_("Registration number")), c.reg_no),
            (t.gettext(N_("Complainant")), c.complainant),
            (t.gettext(N_("Subject")), c.subject),
            (t.gettext(N_("Accepted on")), t.datetime(c.received_at)),
            (t.gettext(N_("Accepted by")),
             ", ".join(x for x in (c.accepted_by, t.text(c.accepted_position)) if x)),
            (t.gettext(N_("Phone")), office.phone or "—"),
        ]
        body: list[Flowable] = [
            field_table(rows),
            Spacer(1, 6),
            para(t.gettext(N_("You may ask about the progress of your complaint by phone.")),
                 "indent"),
        ]
        return Part(t.gettext(N_("Talon of acceptance of a complaint")), body,
                    signature=Signature(t.text(c.accepted_position), c.accepted_by, stamp=False))

    return issue(office, translator, part, c.reg_no, c.received_at.date(), extras)
