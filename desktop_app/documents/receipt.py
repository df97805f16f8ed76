"""The receipt given when documents are accepted: талон, растау хат, құлақтандыру or растау.

Imports documents.layout, domain and i18n only. What it shows is the service's `receipt_content`
(codes from the catalogue), in one fixed order; wording goes through the paper's Translator.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.layout import (
    Paper,
    Signature,
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

# Letters carry the applicant as addressee; talon and confirmation are handed over as slips.
_LETTER_KINDS = frozenset({ReceiptKind.CONFIRMATION_LETTER, ReceiptKind.NOTICE})

DocumentRow = tuple[DocumentSpec, ChecklistItem]


def deciding_body(office: Office, service: ServiceSpec, t: Translator) -> str:
    """The office's own Department when it is set up, else the act's generic provider."""
    return t.text(office.department) if any(office.department.values()) else t.text(service.provider)


def render_receipt(
    office: Office,
    application: Application,
    applicant: Person,
    service: ServiceSpec,
    translator: Translator,
    *,
    documents: Sequence[DocumentRow],
    precheck_lines: Sequence[str] = (),
) -> bytes:
    """The receipt as PDF bytes, in the language of `translator`.

    `documents` pairs each checklist item with its catalogue entry, in checklist order.
    `precheck_lines` are already-worded pre-check results (shown only if the service lists
    "precheck" in its receipt content), printed under a heading that says they decide nothing.
    """
    if service.receipt_kind not in RECEIPT_TITLES:
        raise ValueError(f"service {service.id!r} gives no receipt ({service.receipt_kind})")
    t = translator
    content = set(service.receipt_content)
    body: list[Flowable] = []

    if service.receipt_kind == ReceiptKind.TALON:
        body += [_talon_sentence(application, applicant, t), Spacer(1, 4)]
    body.append(field_table(_fields(office, application, applicant, service, t, content)))
    body += _notes(office, application, service, t, content)
    if "documents" in content:
        body.append(para(t.gettext(N_("Documents received")), "heading"))
        body.append(_documents_table(documents, t))
    body += _missing(application, documents, t)
    if "precheck" in content and precheck_lines:
        body += _precheck(precheck_lines, t)
    body += [
        Spacer(1, 10),
        para(
            t.gettext(N_("Receipt received by the applicant: ____________ {name}")).format(
                name=applicant.short_name
            ),
            "left",
        ),
    ]

    addressee = None
    if service.receipt_kind in _LETTER_KINDS:
        addressee = [applicant.full_name] + ([applicant.address] if applicant.address else [])
    paper = Paper(
        office=office,
        translator=t,
        title=t.gettext(RECEIPT_TITLES[service.receipt_kind]),
        subtitle=t.text(service.name) if "service" in content else "",
        reg_no=application.reg_no,
        date=application.accepted_at.date(),
        addressee=addressee,
        body=body,
        signature=Signature(application.receiver_position, application.receiver_name, stamp=False),
    )
    return render(paper)


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
    if "service" in content:
        rows.append((t.gettext(N_("Service")), t.text(service.name)))
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
    return out


def _presented(item: ChecklistItem, t: Translator) -> str:
    return t.gettext(PRESENTED_LABELS[item.presented])


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
    return grid_table(header, rows, [0.07, 0.50, 0.31, 0.12])


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
