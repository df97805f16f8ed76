"""Papers: receipts for taken applications and the akim's certificates issued on the spot.

Gathers domain objects from the store and hands them to documents/; records each paper and its
audit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from desktop_app.context import AppContext
from desktop_app.domain.application import Application, ChecklistItem, Presented, Status
from desktop_app.domain.catalogue import AkimRole, ReceiptKind
from desktop_app.domain.errors import AppError
from desktop_app.domain.household import Household, quarter_of
from desktop_app.domain.precheck import PreCheckResult
from desktop_app.domain.precheck_employment import CODE_LABELS, LISTED_CODE_PARAMS
from desktop_app.i18n import N_, Translator
from desktop_app.services import Changes, issued
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
    "farm_information": "farm_information",
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
        # a value given per language ("parameter_kk") words its placeholder ("parameter")
        params.update({k: reason.params[f"{k}_{t.locale}"] for k in reason.params
                       if reason.params.get(f"{k}_{t.locale}")})
        try:
            lines.append(one_full_stop(t.gettext(reason.msgid).format(**params)))
        except (KeyError, IndexError, ValueError):
            lines.append(t.gettext(reason.msgid))
    return lines


MONEY_PARAMS = frozenset({"income", "line", "basket", "amount", "per_capita_income", "cap"})


_QUARTER = re.compile(r"(\d{4})Q([1-4])")
_ROMAN = ("I", "II", "III", "IV")


def quarter_text(value: str, t: Translator) -> str:
    """"2026Q3" as people write it: "2026 ж. III тоқсан", "III квартал 2026 г."."""
    match = _QUARTER.fullmatch(value.strip())
    if match is None:
        return value
    return t.gettext("quarter {roman} of {year}").format(
        roman=_ROMAN[int(match.group(2)) - 1], year=match.group(1))


def one_full_stop(text: str) -> str:
    """"2026 г.." and "2026 ж.." (an abbreviation ending a sentence) keep one full stop."""
    return re.sub(r"\b(г|ж)\.\.", r"\1.", text)


def _money_or_text(key: str, value: str, t: Translator) -> str:
    """Sums in a reason are written as the locale writes money (12 345,50 ₸); listed codes (the
    measures of a referral, the categories of std 4) are worded in the paper's language."""
    if key == "quarter" or key.endswith("_quarter"):
        return quarter_text(value, t)
    if key in LISTED_CODE_PARAMS:
        return ", ".join(t.gettext(CODE_LABELS[c]) if c in CODE_LABELS else c
                         for c in (part.strip() for part in value.split(",")) if c)
    if key == "date" or key.endswith("_date"):
        try:
            return t.date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if key in MONEY_PARAMS or key.endswith("_kzt"):
        try:
            return t.money(Decimal(value))
        except (ArithmeticError, ValueError):
            return value
    return value


def receipt_pdf(ctx: AppContext, reg_no: str, *, language: str = "kk",
                languages: Sequence[str] | None = None) -> tuple[bytes, str]:
    """The receipt of an application (or, for an issued service, its paper again). Any print
    after the first is marked as a duplicate with the original's date."""
    require(ctx, "print_paper")
    langs = tuple(languages or (language,))
    app = app_store.by_reg_no(ctx.db, reg_no)
    spec = ctx.catalogue.get(app.service_id)
    if spec.receipt_kind == ReceiptKind.NONE:
        return reprint_issued(ctx, app, langs), app.reg_no
    applicant = hh_store.get_person(ctx.db, app.applicant_id)
    docs = {d.id: d for d in spec.documents}
    rows = [(docs[c.document_id], c) for c in app.checklist if c.document_id in docs]
    # once the missing papers arrived the receipt is a new one listing every document
    kind = "receipt_complete" if app.complete_at else "receipt"
    facts = {"kind": kind, "no": app.reg_no, "service": spec.id,
             "name": applicant.full_name, "iin": applicant.iin or "",
             "date": (app.complete_at or app.accepted_at).date().isoformat()}
    original = issued.first_issued(ctx, kind, app.reg_no)
    corrected = _corrected_since_print(ctx, app, kind)
    if corrected is not None:  # a corrected receipt replaces the one handed out: not a duplicate
        original = None
        facts["corrected"] = corrected.date().isoformat()
    extras = issued.extras_for(ctx, facts, langs, duplicate_of=original)
    from desktop_app.documents.receipt import render_receipt  # ReportLab loads with a paper

    pdf = render_receipt(ctx.office, app, applicant, spec, Translator(langs[0]), documents=rows,
                         precheck_lines=lambda t: precheck_lines(app.precheck, t),
                         languages=langs, seal=extras.seal,
                         seal_fingerprint=extras.seal_fingerprint, duplicate_of=original,
                         corrected_at=corrected)
    issued.log_paper(ctx, kind, app.reg_no, {"reg_no": app.reg_no, "service": spec.id},
                     langs, application_id=app.id, person_id=app.applicant_id,
                     duplicate=original is not None)
    return pdf, app.reg_no


def certificate_draft(ctx: AppContext, kind: str, person_id: int) -> ApplicationDraft:
    """The application behind one of the akim's certificates: the person and the documents the
    catalogue lists, seen at the desk."""
    if kind not in CERTIFICATE_SERVICES:
        raise AppError(N_("Unknown certificate kind {kind}."), code="usage", kind=kind)
    person = hh_store.get_person(ctx.db, person_id)
    draft = ApplicationDraft(service_id=CERTIFICATE_SERVICES[kind], applicant=person)
    draft.checklist = [ChecklistItem(d.id, Presented.BOTH if d.form != "original"
                                     else Presented.ORIGINAL_SEEN, required=d.required)
                       for d in documents_for(ctx, draft)]
    return draft


def _corrected_since_print(ctx: AppContext, app: Application, kind: str) -> dt.datetime | None:
    """When the application was last corrected, if that was after its receipt was last printed."""
    last = max((e["at"] for e in app_store.events(ctx.db, app.saved_id)
                if e.get("kind") == "correction"), default=None)
    if last is None:
        return None
    printed = ctx.db.execute("SELECT max(issued_at) FROM papers WHERE kind = ? AND reg_no = ?",
                             [kind, app.reg_no]).fetchone()[0]
    return dt.datetime.fromisoformat(last) if printed is None or last > printed else None


def issue_certificate(ctx: AppContext, kind: str, person_id: int, *, language: str = "kk",
                      languages: Sequence[str] | None = None,
                      quarter: tuple[int, int] | None = None) -> tuple[bytes, str, Changes]:
    """Take the application for the akim's paper and issue it (or its reasoned refusal) at once.
    `quarter` (year, q): the TSA recipient certificate's quarter (default: the current one)."""
    require(ctx, "issue_certificate")
    app, changes = take_unchecked(ctx, certificate_draft(ctx, kind, person_id))
    pdf, more = issue_for_application(ctx, app.saved_id, language=language, languages=languages,
                                      quarter=quarter)
    return pdf, app.reg_no, Changes(applications=changes.applications | more.applications,
                                    persons=changes.persons, papers=more.papers)


def issue_for_application(ctx: AppContext, application_id: int, *, language: str = "kk",
                          languages: Sequence[str] | None = None,
                          quarter: tuple[int, int] | None = None) -> tuple[bytes, Changes]:
    """Issue the paper of an `issues` service that was just taken; sets ISSUED or REFUSED."""
    require(ctx, "issue_certificate")
    app = app_store.get(ctx.db, application_id)
    spec = ctx.catalogue.get(app.service_id)
    if spec.akim_role != AkimRole.ISSUES:
        raise AppError(N_("{service} is not issued by the office."), code="usage",
                       service=spec.id)
    langs = tuple(languages or (language,))
    pdf, status, facts = _render_certificate(ctx, app, langs, quarter=quarter)
    now = ctx.now_iso()
    with transaction(ctx.db):
        app_store.set_status(ctx.db, app.saved_id, status, now=now, user=ctx.user.login,
                             note=facts.get("refusal", ""))
        uuid = app_store.record_paper(ctx.db, kind=facts["kind"], reg_no=app.reg_no,
                                      application_id=app.id, person_id=app.applicant_id,
                                      language=",".join(langs), issued_at=now,
                                      issued_by=ctx.user.login, facts=facts)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="paper.issue", table="papers",
                     uuid=uuid, before={"status": app.status}, after={"status": status, **facts})
    return pdf, Changes(applications=frozenset({app.saved_id}), papers=frozenset({uuid}))


def reprint_issued(ctx: AppContext, app: Application, languages: Sequence[str]) -> bytes:
    """An issued paper again (same number and facts), marked as a duplicate of the original."""
    require(ctx, "print_paper")
    kind = ctx.db.execute("SELECT kind, facts FROM papers WHERE application_id = ? ORDER BY id"
                          " LIMIT 1", [app.id]).fetchone()
    quarter = None
    if kind and kind[1]:
        q = loads(kind[1]).get("quarter", "")
        quarter = (int(q[:4]), int(q[-1])) if len(q) == 6 else None
    original = issued.first_issued(ctx, kind[0], app.reg_no) if kind else None
    pdf, _status, facts = _render_certificate(ctx, app, tuple(languages), quarter=quarter,
                                              duplicate_of=original or app.accepted_at.date())
    issued.log_paper(ctx, facts["kind"], app.reg_no, facts, languages, application_id=app.id,
                     person_id=app.applicant_id, duplicate=True)
    return pdf


def paper_pdf(ctx: AppContext, app: Application, t: Translator) -> bytes:
    """Render an issued paper again (same number and facts), e.g. after the printer jammed."""
    return reprint_issued(ctx, app, (t.locale,))


def refusal_of(ctx: AppContext, service_id: str, person_id: int, *,
               household: Household | None = None,
               quarter: tuple[int, int] | None = None) -> str | None:
    """The refusal code the akim's paper will carry, or None for the certificate itself; raises
    when the paper cannot be issued at all (a family composition needs a household). Asked
    before the number is taken, and by the paper itself."""
    if household is None:
        hid = hh_store.household_id_of(ctx.db, person_id)
        household = hh_store.get_household(ctx.db, hid) if hid else None
    if service_id in ("family_composition_certificate", "farm_information") and household is None:
        if service_id == "farm_information":
            return "not_in_household_book"
        person = hh_store.get_person(ctx.db, person_id)
        raise AppError(N_("{name} is not in any household: register the household first."),
                       code="no_household", name=person.full_name)
    if service_id == "tsa_certificate":
        first, last = _quarter_days(*(quarter or quarter_of(ctx.now().date())))
        hid = household.id if household else None
        if app_store.tsa_assigned_covering(ctx.db, hid, person_id, first, last) is None:
            return NO_TSA_CODE
    return None


def _quarter_days(year: int, q: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * q - 2, 1)
    last = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
    return first, last


def _render_certificate(ctx: AppContext, app: Application, languages: tuple[str, ...], *,
                        quarter: tuple[int, int] | None = None,
                        duplicate_of: dt.date | None = None) -> tuple[bytes, Status, dict]:
    from desktop_app.documents import certificates as cert_docs  # ReportLab loads with a paper

    spec = ctx.catalogue.get(app.service_id)
    person = hh_store.get_person(ctx.db, app.applicant_id)
    hid = app.household_id or hh_store.household_id_of(ctx.db, person.saved_id)
    household = hh_store.get_household(ctx.db, hid) if hid else None
    issued_on = app.accepted_at.date()
    t = Translator(languages[0])
    facts = {"reg_no": app.reg_no, "service": spec.id, "iin": person.iin,
             "name": person.full_name, "issued_on": issued_on.isoformat()}

    def sealed(kind: str, more: dict | None = None) -> tuple[dict, cert_docs.Extras]:
        out = {"kind": kind, **(more or {}), **facts}
        signed = {"kind": kind, "no": app.reg_no, "name": person.full_name,
                  "iin": person.iin or "", "date": issued_on.isoformat(), **(more or {})}
        return out, issued.extras_for(ctx, signed, languages, duplicate_of=duplicate_of)

    def refuse(code: str, more: dict | None = None) -> tuple[bytes, Status, dict]:
        refusal = spec.refusal(code)
        reason = dict(refusal.text) if refusal else {"kk": code, "ru": code}
        out, extras = sealed("refusal", {"refusal": code, **(more or {})})
        pdf = cert_docs.render_refusal(ctx.office, person, reason, app.reg_no, issued_on, t,
                                       subject=dict(spec.name), extras=extras)
        return pdf, Status.REFUSED, out

    if spec.id == "residence_certificate":
        out, extras = sealed("residence_certificate")
        pdf = cert_docs.render_residence_certificate(ctx.office, person, household, app.reg_no,
                                                     issued_on, t, extras)
        return pdf, Status.ISSUED, out
    if spec.id in ("family_composition_certificate", "farm_information"):
        refusal = refusal_of(ctx, spec.id, person.saved_id, household=household)
        if refusal:
            return refuse(refusal)
        if household is None:   # refusal_of has refused or raised already; this names it
            raise AppError(N_("{name} is not in any household: register the household first."),
                           code="no_household", name=person.full_name)
        if spec.id == "farm_information":
            out, extras = sealed("farm_information", {"farm": household.has_farm})
            pdf = cert_docs.render_farm_information(ctx.office, person, household, app.reg_no,
                                                    issued_on, t, extras)
            return pdf, Status.ISSUED, out
        out, extras = sealed("family_composition_certificate",
                             {"members": len(household.members)})
        pdf = cert_docs.render_family_composition(ctx.office, person, household, app.reg_no,
                                                  issued_on, t, extras)
        return pdf, Status.ISSUED, out
    if spec.id == "tsa_certificate":
        year, q = quarter or quarter_of(issued_on)
        if q not in (1, 2, 3, 4):
            raise AppError(N_("A quarter is 1 to 4."), code="usage")
        first, last = _quarter_days(year, q)
        record = app_store.tsa_assigned_covering(ctx.db, hid, person.saved_id, first, last)
        if record is None:  # refusal_of says the same before the number is taken
            return refuse(NO_TSA_CODE, {"quarter": f"{year}Q{q}"})
        out, extras = sealed("tsa_certificate", {"quarter": f"{year}Q{q}"})
        out["tsa_reg_no"] = record["reg_no"]
        pdf = cert_docs.render_tsa_certificate(ctx.office, person, household, (year, q),
                                               app.reg_no, issued_on, t, extras, basis=record)
        return pdf, Status.ISSUED, out
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
