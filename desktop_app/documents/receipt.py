"""The receipt given when documents are accepted: талон, растау хат, құлақтандыру or растау, or,
where the act names none, the office's own "Receipt of documents" (қолхат) saying so.

Imports documents.layout, domain and i18n only. What it shows is the service's `receipt_content`
(codes from the catalogue), in one fixed order; wording goes through the paper's Translator.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.layout import (
    Part,
    Signature,
    compose,
    field_table,
    grid_table,
    para,
    render,
)
from desktop_app.domain.application import (
    PRESENTED_LABELS,
    Application,
    ChecklistItem,
    Presented,
    Status,
)
from desktop_app.domain.catalogue import AkimRole, DocumentSpec, ReceiptKind, ServiceSpec
from desktop_app.domain.household import Person
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator

RECEIPT_TITLES: dict[ReceiptKind, str] = {
    ReceiptKind.TALON: N_("Talon"),
    ReceiptKind.CONFIRMATION_LETTER: N_("Confirmation letter of acceptance of documents"),
    ReceiptKind.NOTICE: N_("Notice of acceptance of documents"),
    ReceiptKind.CONFIRMATION: N_("Confirmation"),
}

# The act names no receipt for the service (receipt_stated = false): the paper must not claim an
# act's name for it; it is the office's own slip.
OFFICE_RECEIPT_TITLE = N_("Receipt of documents")
OFFICE_RECEIPT_NOTE = N_("The act names no receipt for this service: this is the akim's office's "
                         "own slip confirming which documents it accepted.")

# Letters carry the applicant as addressee; talon and confirmation are handed over as slips.
_LETTER_KINDS = frozenset({ReceiptKind.CONFIRMATION_LETTER, ReceiptKind.NOTICE})

DocumentRow = tuple[DocumentSpec, ChecklistItem]


def deciding_body(office: Office, service: ServiceSpec, t: Translator) -> str:
    """The office's own Department when it is set up, else the act's generic provider."""
    if any(office.department.values()):
        return t.text(office.department)
    return t.text(service.provider)


def render_receipt(
    office: Office,
    application: Application,
    applicant: Person,
    service: ServiceSpec,
    translator: Translator,
    *,
    documents: Sequence[DocumentRow],
    precheck_lines: Sequence[str] | Callable[[Translator], Sequence[str]] = (),
    languages: Sequence[str] | None = None,
    seal: str = "",
    seal_fingerprint: str = "",
    duplicate_of: dt.date | None = None,
    corrected_at: dt.datetime | None = None,
) -> bytes:
    """The receipt as PDF bytes, in the language of `translator` (or `languages` side by side).

    `documents` pairs each checklist item with its catalogue entry, in checklist order.
    `precheck_lines` are worded pre-check results (or a function wording them per language),
    shown only if the service lists "precheck" in its receipt content, under a heading that says
    they decide nothing. `seal` is the signed QR payload; `duplicate_of` marks a reprint.
    """
    if service.receipt_kind not in RECEIPT_TITLES:
        raise ValueError(f"service {service.id!r} gives no receipt ({service.receipt_kind})")
    content = set(service.receipt_content)

    def part(t: Translator) -> Part:
        app = _for_language(application, t)
        body: list[Flowable] = []
        if not service.receipt_stated:
            body += [para(t.gettext(OFFICE_RECEIPT_NOTE), "indent"), Spacer(1, 4)]
        elif service.receipt_kind == ReceiptKind.TALON:
            body += [_talon_sentence(app, applicant, t), Spacer(1, 4)]
        fields = _fields(office, app, applicant, service, t, content)
        if corrected_at is not None:  # replaces the receipt handed out before the correction
            fields.append((t.gettext(N_("Corrected on")), t.datetime(corrected_at)))
        body.append(field_table(fields))
        body += _notes(office, app, service, t, content)
        if "documents" in content:
            body.append(para(t.gettext(N_("Documents received")), "heading"))
            body.append(_documents_table(documents, t))
        body += _missing(app, documents, t)
        lines = precheck_lines(t) if callable(precheck_lines) else precheck_lines
        if "precheck" in content and lines:
            body += _precheck(lines, t)
        body += [
            Spacer(1, 6),
            para(
                t.gettext(N_("Receipt received by the applicant: ____________ {name}")).format(
                    name=applicant.short_name
                ),
                "left",
            ),
        ]
        addressee = None
        if service.receipt_stated and service.receipt_kind in _LETTER_KINDS:
            addressee = [applicant.full_name] + ([applicant.address] if applicant.address else [])
        return Part(
            title=t.gettext(RECEIPT_TITLES[service.receipt_kind] if service.receipt_stated
                            else OFFICE_RECEIPT_TITLE),
            subtitle=t.text(service.name) if "service" in content else "",
            addressee=addressee,
            body=body,
            signature=Signature(app.receiver_position, app.receiver_name, stamp=False),
        )

    paper = compose(
        office,
        languages or (translator.locale,),
        part,
        reg_no=application.reg_no,
        date=application.accepted_at.date(),
        seal=seal,
        seal_fingerprint=seal_fingerprint,
        duplicate_of=duplicate_of,
    )
    return render(paper)


def _for_language(app: Application, t: Translator) -> Application:
    """The stored receiver position may be {"kk": ..., "ru": ...} as JSON: pick the language."""
    if app.receiver_position.startswith("{"):
        try:
            position = json.loads(app.receiver_position)
        except ValueError:
            return app
        if isinstance(position, dict):
            return dataclasses.replace(app, receiver_position=t.text(position))
    return app


def _talon_sentence(app: Application, applicant: Person, t: Translator) -> Flowable:
    # 002 annex 3: "Құрметті ___, 20__ жылдың "__" ___ Сіздің құжаттарыңыз қабылданып,
    # құжаттардың нөмірі ___ болып тіркелді. Қабылдаған адамның аты-жөні ___".
    text = t.gettext(
        N_(
            "Dear {name}, on {date} your documents were accepted and registered "
            "under No. {reg_no}. Accepted by: {receiver}."
        )
    ).format(
        name=applicant.full_name,
        date=t.long_date(app.accepted_at.date()),
        reg_no=app.reg_no,
        receiver=app.receiver_name,
    )
    return para(text, "indent")


def _fields(
    office: Office,
    app: Application,
    applicant: Person,
    service: ServiceSpec,
    t: Translator,
    content: set[str],
) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if "office" in content:
        rows.append((t.gettext(N_("Office")), t.text(office.name)))
    if "registration_number" in content:
        rows.append((t.gettext(N_("Registration number")), app.reg_no))
    # "service": named once, under the title (the paper's subtitle)
    if "applicant" in content:
        who = applicant.full_name
        if applicant.iin:
            who += ", " + t.gettext(N_("IIN {iin}")).format(iin=applicant.iin)
        rows.append((t.gettext(N_("Applicant")), who))
    if "accepted_at" in content:
        rows.append((t.gettext(N_("Accepted on")), t.datetime(app.accepted_at)))
    if "receiver" in content:
        receiver = ", ".join(p for p in (app.receiver_name, app.receiver_position) if p)
        rows.append((t.gettext(N_("Accepted by")), receiver))
    if app.complete_at:
        # the papers missing at intake arrived later: the deadlines run from this day
        rows.append((t.gettext(N_("Documents complete on")), t.datetime(app.complete_at)))
    if "decision_due" in content and app.decision_due:
        due = t.long_date(app.decision_due)
        if "unit_not_stated" in app.deadline_flags:
            due += " " + t.gettext(
                N_(
                    "(the act does not say whether calendar or working days; "
                    "counted as calendar days)"
                )
            )
        rows.append((t.gettext(N_("Decision due")), due))
    elif "decision_due" in content and "decision_start_not_seen" in app.deadline_flags:
        # the act starts this clock at an event inside the deciding body (e.g. the case file
        # handed to its commission): a date computed here would be wrong
        rows.append((t.gettext(N_("Decision due")), t.gettext(N_(
            "counted by the deciding body from an event the akim's office does not see; "
            "the office cannot give the date"))))
    if service.receipt_kind == ReceiptKind.TALON and app.decision_due and (
        "decision_due" not in content
    ):
        # std 1: the talon names the day to come for the result.
        rows.append((t.gettext(N_("Come for the result on")), t.long_date(app.decision_due)))
    if "deciding_body" in content and service.akim_role != AkimRole.FORWARDS:
        rows.append((t.gettext(N_("Deciding body")), deciding_body(office, service, t)))
    return rows


def _notes(
    office: Office, app: Application, service: ServiceSpec, t: Translator, content: set[str]
) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 4)]
    if service.inspection and ("inspection" in content or app.inspection_date):
        if app.inspection_date:
            text = t.gettext(N_("An inspection of living conditions is needed: {date}.")).format(
                date=t.long_date(app.inspection_date)
            )
        else:
            text = t.gettext(
                N_("An inspection of living conditions is needed: the date will be announced.")
            )
        out.append(para(text, "indent"))
    if service.akim_role == AkimRole.FORWARDS:
        # No legal clock runs at the akim's office for these services: the receipt must say so.
        provider = deciding_body(office, service, t)
        if app.forward_by:
            text = t.gettext(
                N_(
                    "The deciding body is {provider}. The akim's office does not decide on the "
                    "application; it will hand the documents over to the deciding body by {date}."
                )
            ).format(provider=provider, date=t.long_date(app.forward_by))
        else:
            text = t.gettext(
                N_(
                    "The deciding body is {provider}. The akim's office does not decide on the "
                    "application; it will hand the documents over to the deciding body."
                )
            ).format(provider=provider)
        out.append(para(text, "indent"))
    elif "forward_by" in content and app.forward_by:
        # An "accepts" service whose documents still travel on (Enbek): say when they go.
        text = t.gettext(
            N_("The office will hand the documents over to {provider} by {date}.")
        ).format(provider=deciding_body(office, service, t), date=t.long_date(app.forward_by))
        out.append(para(text, "indent"))
    return out


def _presented(item: ChecklistItem, t: Translator) -> str:
    text = t.gettext(PRESENTED_LABELS[item.presented])
    if item.presented_on and item.presented != Presented.MISSING:
        text += ", " + t.date(item.presented_on)
    return text


def _documents_table(documents: Sequence[DocumentRow], t: Translator) -> Flowable:
    rows = []
    for n, (spec, item) in enumerate(documents, 1):
        name = t.text(spec.name)
        if item.note:
            name += "\n" + item.note
        pages = str(item.pages) if item.pages else "—"
        if item.presented == Presented.MISSING:
            pages = "—"
        rows.append([str(n), name, _presented(item, t), pages])
    header = [
        t.gettext(N_("No.")),
        t.gettext(N_("Document")),
        t.gettext(N_("How presented")),
        t.gettext(N_("Pages")),
    ]
    return grid_table(header, rows, [0.05, 0.56, 0.31, 0.08])


def _missing(app: Application, documents: Sequence[DocumentRow], t: Translator) -> list[Flowable]:
    if app.status != Status.INCOMPLETE:
        return []
    names = {spec.id: t.text(spec.name) for spec, _ in documents}
    missing = [names.get(doc_id, doc_id) for doc_id in app.missing_required]
    out: list[Flowable] = [Spacer(1, 6)]
    if missing:
        out.append(
            para(
                t.gettext(N_("Documents missing: {documents}.")).format(
                    documents="; ".join(missing)
                ),
                "indent",
                bold=True,
            )
        )
    if app.incomplete_reason:
        out.append(
            para(
                t.gettext(N_("Reason recorded: {reason}")).format(reason=app.incomplete_reason),
                "indent",
            )
        )
    return out


def _precheck(lines: Sequence[str], t: Translator) -> list[Flowable]:
    out: list[Flowable] = [
        para(t.gettext(N_("Pre-check (not a decision: the Department decides)")), "heading"),
    ]
    out += [para("• " + line, "left") for line in lines]
    return out
