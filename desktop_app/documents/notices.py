"""Decision notices and referrals handed over at the office for the district.

The assignment notice follows act 002 annex 4 ("Мекеме хаттарының бланкі": addressee, address,
the Department's name, its head's name and signature, the executor and phone), with the amount (in
figures and words) and the period when the decision states them; the refusal notice gives the
reasons from the catalogue's refusal codes, worded by their kind (refusal, termination,
deprivation), and the service's appeal route from the catalogue (items 21-23 of the standards).
A referral (жолдама) sends the citizen to training, public works, a lender and the like.

Imports documents (layout, certificates.Extras, words), domain and i18n only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.certificates import NO_EXTRAS, Extras, issue
from desktop_app.documents.layout import Part, Signature, field_table, para
from desktop_app.documents.words import tenge_words
from desktop_app.domain.catalogue import Text
from desktop_app.domain.household import Person
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator

REFERRAL_TITLES: dict[str, str] = {
    "training": N_("Referral to vocational training"),
    "public_works": N_("Referral to public works"),
    "employment": N_("Referral to employment"),
    "microcredit": N_("Referral to a lender for a microcredit"),
    "social_job": N_("Referral to a social job"),
    "youth_practice": N_("Referral to youth practice"),
    "other": N_("Referral"),
}


@dataclass(frozen=True)
class Decision:
    """What the district decided, as the notice prints it (plain data from services.handover)."""

    reg_no: str
    accepted_on: dt.date
    service: Text
    department: Text
    decision: str                       # "assigned" or "refused"
    decision_date: dt.date | None = None
    amount: str | None = None           # a monthly sum in tenge, as stored
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    reasons: tuple[Text, ...] = ()      # refusal reasons, {"kk", "ru"}
    kind: str = "refusal"               # refused: "refusal", "termination" or "deprivation"
    appeal: Text = field(default_factory=dict)  # the service's appeal route (catalogue, kk/ru)
    head_name: str = ""                 # the Department's head who signs
    executor: str = ""                  # who prepared the notice
    phone: str = ""


@dataclass(frozen=True)
class Referral:
    kind: str
    issued_on: dt.date
    place: str = ""
    note: str = ""
    valid_until: dt.date | None = None
    department: Text = field(default_factory=dict)
    head_name: str = ""


def _addressee(person: Person) -> list[str]:
    return [person.full_name] + ([person.address] if person.address else [])


def _head(d_department: Text, head_name: str, t: Translator) -> Signature:
    position = t.gettext(N_("Head of the Department"))
    return Signature(position, head_name or "____________________", stamp=True)


def _executor(executor: str, phone: str, t: Translator) -> list[Flowable]:
    if not (executor or phone):
        return []
    text = t.gettext(N_("Executor: {name}, tel. {phone}")).format(
        name=executor or "—", phone=phone or "—"
    )
    return [Spacer(1, 6), para(text, "small")]


def money_text(amount: str, t: Translator) -> str:
    """38500 -> "38 500,00 ₸ (отыз сегіз мың бес жүз теңге 00 тиын)"; unreadable: as stored."""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    return f"{t.money(value)} ({tenge_words(value, t.locale)})"


def _decision_rows(d: Decision, t: Translator) -> list[tuple[str, str]]:
    rows = [
        (t.gettext(N_("Application")), t.gettext(N_("No. {reg_no} of {date}")).format(
            reg_no=d.reg_no, date=t.date(d.accepted_on))),
        (t.gettext(N_("Service")), t.text(d.service)),
    ]
    if d.decision_date:
        rows.append((t.gettext(N_("Date of decision")), t.long_date(d.decision_date)))
    return rows


def render_assignment_notice(office: Office, person: Person, d: Decision, translator: Translator,
                             reg_no: str, issued_on: dt.date,
                             extras: Extras = NO_EXTRAS) -> bytes:
    """The notice that the service (TSA, a benefit) has been assigned (002 annex 4)."""

    def part(t: Translator) -> Part:
        body: list[Flowable] = [
            para(t.gettext(N_("Dear {name},")).format(name=person.full_name), "left"),
            para(t.gettext(N_("{department} informs you that the following has been assigned to "
                              "you: {service}.")).format(department=t.text(d.department),
                                                         service=t.text(d.service)), "indent"),
            Spacer(1, 4),
        ]
        rows = _decision_rows(d, t)
        if d.amount:
            rows.append((t.gettext(N_("Amount a month")), money_text(d.amount, t)))
        if d.period_from or d.period_to:
            rows.append((t.gettext(N_("Period")), t.gettext(N_("from {start} to {end}")).format(
                start=t.date(d.period_from) if d.period_from else "—",
                end=t.date(d.period_to) if d.period_to else "—")))
        body.append(field_table(rows))
        body += _executor(d.executor, d.phone, t)
        return Part(t.gettext(N_("Notice of assignment")), body, addressee=_addressee(person),
                    signature=_head(d.department, d.head_name, t))

    return issue(office, translator, part, reg_no, issued_on, extras)


# The title, the sentence and the reasons heading of a negative decision, by its kind (the
# catalogue's refusal_codes[].kind: 003 std 5 item 17 stops payment, std 12 item 17 para 3 deprives
# of the right).
NEGATIVE_WORDING: dict[str, tuple[str, str, str]] = {
    "refusal": (N_("Notice of refusal"),
                N_("{department} informs you that the following has been refused to you: "
                   "{service}."),
                N_("Reasons for the refusal")),
    "termination": (N_("Notice of termination of payment"),
                    N_("{department} informs you that the payment of the following to you has "
                       "been terminated: {service}."),
                    N_("Grounds for the termination")),
    "deprivation": (N_("Notice of deprivation of the right"),
                    N_("{department} informs you that you have been deprived of the right to the "
                       "following: {service}."),
                    N_("Grounds for the deprivation")),
}


def render_refusal_notice(office: Office, person: Person, d: Decision, translator: Translator,
                          reg_no: str, issued_on: dt.date,
                          extras: Extras = NO_EXTRAS) -> bytes:
    """The notice of a negative decision (refusal, termination of payment or deprivation of the
    right, by `d.kind`) with its grounds and the service's appeal route (002 item 7)."""

    title, sentence, heading = NEGATIVE_WORDING.get(d.kind, NEGATIVE_WORDING["refusal"])

    def part(t: Translator) -> Part:
        body: list[Flowable] = [
            para(t.gettext(N_("Dear {name},")).format(name=person.full_name), "left"),
            para(t.gettext(sentence).format(department=t.text(d.department),
                                            service=t.text(d.service)), "indent"),
            Spacer(1, 4),
            field_table(_decision_rows(d, t)),
            para(t.gettext(heading), "heading"),
        ]
        reasons = [t.text(r) for r in d.reasons] or [t.gettext(N_("not stated by the deciding "
                                                                  "body"))]
        body += [para(f"{n}. {text}", "left") for n, text in enumerate(reasons, 1)]
        if d.appeal:
            body += [Spacer(1, 4), para(t.text(d.appeal), "indent")]
        body += _executor(d.executor, d.phone, t)
        return Part(t.gettext(title), body, addressee=_addressee(person),
                    signature=_head(d.department, d.head_name, t))

    return issue(office, translator, part, reg_no, issued_on, extras)


def render_referral(office: Office, person: Person, r: Referral, service: Text,
                    translator: Translator, reg_no: str, issued_on: dt.date,
                    extras: Extras = NO_EXTRAS) -> bytes:
    """A referral (жолдама) from the district, handed to the citizen at the office."""

    def part(t: Translator) -> Part:
        rows = [
            (t.gettext(N_("Full name")), person.full_name),
            (t.gettext(N_("IIN")), person.iin or "—"),
            (t.gettext(N_("Address")), person.address or "—"),
            (t.gettext(N_("Service")), t.text(service)),
            (t.gettext(N_("Referred to")), r.place or "—"),
            (t.gettext(N_("Issued on")), t.long_date(r.issued_on)),
        ]
        if r.valid_until:
            rows.append((t.gettext(N_("Valid until")), t.long_date(r.valid_until)))
        if r.note:
            rows.append((t.gettext(N_("Note")), r.note))
        body: list[Flowable] = [
            para(t.gettext(N_("{department} refers {name} to: {place}.")).format(
                department=t.text(r.department), name=person.full_name,
                place=r.place or t.gettext(REFERRAL_TITLES.get(r.kind, REFERRAL_TITLES["other"]))),
                "indent"),
            Spacer(1, 4),
            field_table(rows),
            Spacer(1, 10),
            para(t.gettext(N_("Referral received: ____________ {name}   «___» ________ 20__"))
                 .format(name=person.short_name), "left"),
        ]
        title = t.gettext(REFERRAL_TITLES.get(r.kind, REFERRAL_TITLES["other"]))
        return Part(title, body, signature=_head(r.department, r.head_name, t))

    return issue(office, translator, part, reg_no, issued_on, extras)
