"""Papers: receipts for taken applications and the akim's certificates issued on the spot.

Gathers domain objects from the store and hands them to documents/; records each paper and its audit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

from desktop_app.context import AppContext
from desktop_app.domain.application import Application, ChecklistItem, Presented, Status
from desktop_app.domain.catalogue import AkimRole, ReceiptKind
from desktop_app.domain.errors import AppError
from desktop_app.domain.household import quarter_of
from desktop_app.domain.precheck import PreCheckResult
from desktop_app.documents import certificates as cert_docs
from desktop_app.documents.receipt import render_receipt
from desktop_app.i18n import N_, Translator
from desktop_app.services import Changes
from desktop_app.services.guard import require
from desktop_app.services.intake import ApplicationDraft, documents_for, take_unchecked
from desktop_app.store import applications as app_store
from desktop_app.store import audit
from desktop_app.store import households as hh_store
from desktop_app.store.db import loads, transaction

# certificate kind (CLI and GUI word) -> the catalogue service that issues it
CERTIFICATE_SERVICES: dict[str, str] = {
    "residence": "residence_certificate",
    "family_composition": "family_composition_certificate",
    "tsa_recipient": "tsa_certificate",
}
NO_TSA_CODE = "no_tsa_in_quarter"


def precheck_lines(result: dict | None, t: Translator) -> list[str]:
    """The stored pre-check, worded in the paper's (or screen's) language."""
    if not result:
        return []
    check = PreCheckResult.from_dict(result)
    outcome = {"likely_eligible": N_("Pre-check: likely eligible"),
               "likely_ineligible": N_("Pre-check: likely not eligible"),
               "cannot_tell": N_("Pre-check: cannot tell from the data entered")}[check.outcome]
    lines = [t.gettext(outcome)]
    for reason in check.reasons:
        params = {k: _money_or_text(k, v, t) for k, v in reason.params.items()}
        try:
            lines.append(t.gettext(reason.msgid).format(**params))
        except (KeyError, IndexError, ValueError):
            lines.append(t.gettext(reason.msgid))
    return lines


MONEY_PARAMS = frozenset({"income", "line", "basket", "amount", "per_capita_income", "cap"})


def _money_or_text(key: str, value: str, t: Translator) -> str:
    """Sums in a reason are written as the locale writes money (12 345,50 ₸)."""
    if key in MONEY_PARAMS or key.endswith("_kzt"):
        try:
            return t.money(Decimal(value))
        except (ArithmeticError, ValueError):
            return value
    return value


def _for_paper(app: Application, t: Translator) -> Application:
    """The stored receiver position is {"kk", "ru"}: pick the paper's language."""
    position = loads(app.receiver_position) if app.receiver_position.startswith("{") else None
    if isinstance(position, dict):
        return dataclasses.replace(app, receiver_position=t.text(position))
    return app


def receipt_pdf(ctx: AppContext, reg_no: str, *, language: str = "kk") -> tuple[bytes, str]:
    """The receipt of an application (or, for an issued service, its paper again)."""
    require(ctx, "print_paper")
    app = app_store.by_reg_no(ctx.db, reg_no)
    spec = ctx.catalogue.get(app.service_id)
    t = Translator(language)
    if spec.receipt_kind == ReceiptKind.NONE:
        pdf = paper_pdf(ctx, app, t)
        with transaction(ctx.db):  # a reprint hands out personal data again: audited
            audit.record(ctx.db, at=ctx.now_iso(), user=ctx.user.login, action="paper.reprint",
                         table="applications", uuid=app.uuid,
                         after={"reg_no": app.reg_no, "language": language})
        return pdf, app.reg_no
    applicant = hh_store.get_person(ctx.db, app.applicant_id)
    docs = {d.id: d for d in spec.documents}
    rows = [(docs[c.document_id], c) for c in app.checklist if c.document_id in docs]
    pdf = render_receipt(ctx.office, _for_paper(app, t), applicant, spec, t, documents=rows,
                         precheck_lines=precheck_lines(app.precheck, t))
    _log_paper(ctx, "receipt", app, language, {"reg_no": app.reg_no, "service": spec.id})
    return pdf, app.reg_no


def _log_paper(ctx: AppContext, kind: str, app: Application, language: str, facts: dict) -> str:
    now = ctx.now_iso()
    with transaction(ctx.db):
        uuid = app_store.record_paper(ctx.db, kind=kind, reg_no=app.reg_no,
                                      application_id=app.id, person_id=app.applicant_id,
                                      language=language, issued_at=now, issued_by=ctx.user.login,
                                      facts=facts)
        audit.record(ctx.db, at=now, user=ctx.user.login, action=f"paper.{kind}", table="papers",
                     uuid=uuid, after=facts)
    return uuid


def issue_certificate(ctx: AppContext, kind: str, person_id: int, *, language: str = "kk"
                      ) -> tuple[bytes, str, Changes]:
    """Take the application for the akim's paper and issue it (or its reasoned refusal) at once."""
    require(ctx, "issue_certificate")
    if kind not in CERTIFICATE_SERVICES:
        raise AppError(N_("Unknown certificate kind {kind}."), code="usage", kind=kind)
    person = hh_store.get_person(ctx.db, person_id)
    draft = ApplicationDraft(service_id=CERTIFICATE_SERVICES[kind], applicant=person)
    draft.checklist = [ChecklistItem(d.id, Presented.BOTH if d.form != "original"
                                     else Presented.ORIGINAL_SEEN, required=d.required)
                       for d in documents_for(ctx, draft)]
    app, changes = take_unchecked(ctx, draft)
    pdf, more = issue_for_application(ctx, app.id, language=language)
    return pdf, app.reg_no, Changes(applications=changes.applications | more.applications,
                                    persons=changes.persons, papers=more.papers)


def issue_for_application(ctx: AppContext, application_id: int, *, language: str = "kk"
                          ) -> tuple[bytes, Changes]:
    """Issue the paper of an `issues` service that was just taken; sets ISSUED or REFUSED."""
    require(ctx, "issue_certificate")
    app = app_store.get(ctx.db, application_id)
    spec = ctx.catalogue.get(app.service_id)
    if spec.akim_role != AkimRole.ISSUES:
        raise AppError(N_("{service} is not issued by the office."), code="usage",
                       service=spec.id)
    t = Translator(language)
    pdf, status, facts = _render_certificate(ctx, app, t)
    now = ctx.now_iso()
    with transaction(ctx.db):
        app_store.set_status(ctx.db, app.id, status, now=now, user=ctx.user.login,
                             note=facts.get("refusal", ""))
        uuid = app_store.record_paper(ctx.db, kind=facts["kind"], reg_no=app.reg_no,
                                      application_id=app.id, person_id=app.applicant_id,
                                      language=language, issued_at=now, issued_by=ctx.user.login,
                                      facts=facts)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="paper.issue", table="papers",
                     uuid=uuid, before={"status": app.status}, after={"status": status, **facts})
    return pdf, Changes(applications=frozenset({app.id}), papers=frozenset({uuid}))


def paper_pdf(ctx: AppContext, app: Application, t: Translator) -> bytes:
    """Render an issued paper again (same number and facts), e.g. after the printer jammed."""
    return _render_certificate(ctx, app, t)[0]


def _render_certificate(ctx: AppContext, app: Application, t: Translator
                        ) -> tuple[bytes, Status, dict]:
    spec = ctx.catalogue.get(app.service_id)
    person = hh_store.get_person(ctx.db, app.applicant_id)
    hid = app.household_id or hh_store.household_id_of(ctx.db, person.id)
    household = hh_store.get_household(ctx.db, hid) if hid else None
    issued_on = app.accepted_at.date()
    facts = {"reg_no": app.reg_no, "service": spec.id, "iin": person.iin,
             "name": person.full_name, "issued_on": issued_on.isoformat()}
    if spec.id == "residence_certificate":
        pdf = cert_docs.render_residence_certificate(ctx.office, person, household, app.reg_no,
                                                     issued_on, t)
        return pdf, Status.ISSUED, {"kind": "residence_certificate", **facts}
    if spec.id == "family_composition_certificate":
        if household is None:
            raise AppError(N_("{name} is not in any household: register the household first."),
                           code="no_household", name=person.full_name)
        pdf = cert_docs.render_family_composition(ctx.office, person, household, app.reg_no,
                                                  issued_on, t)
        return pdf, Status.ISSUED, {"kind": "family_composition_certificate",
                                    "members": len(household.members), **facts}
    if spec.id == "tsa_certificate":
        year, q = quarter_of(issued_on)
        first = dt.date(year, 3 * q - 2, 1)
        last = (dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1))
        record = app_store.tsa_assigned_covering(ctx.db, hid, person.id, first, last)
        facts["quarter"] = f"{year}Q{q}"
        if record is None:
            refusal = spec.refusal(NO_TSA_CODE)
            reason = t.text(refusal.text) if refusal else NO_TSA_CODE
            pdf = cert_docs.render_refusal(ctx.office, person, reason, app.reg_no, issued_on, t,
                                           subject=t.text(spec.name))
            return pdf, Status.REFUSED, {"kind": "refusal", "refusal": NO_TSA_CODE, **facts}
        pdf = cert_docs.render_tsa_certificate(ctx.office, person, household, (year, q),
                                               app.reg_no, issued_on, t)
        return pdf, Status.ISSUED, {"kind": "tsa_certificate", "tsa_reg_no": record["reg_no"],
                                    **facts}
    raise AppError(N_("No paper is defined for {service}."), code="usage", service=spec.id)


def write_pdf(pdf: bytes, path: Path) -> None:
    """Write atomically: a half-written file never replaces a good one (a pulled USB stick)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("wb") as fh:
        fh.write(pdf)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
