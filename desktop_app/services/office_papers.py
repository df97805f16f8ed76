"""Papers beyond the receipt and the certificates: decision notices and referrals handed over for
the district, the application journal for a period, the hand-over register (акт приёма-передачи)
and blank forms. Each issued one is sealed (QR), numbered, logged, and marked when reprinted.

Gathers plain data from store/ and services.handover and hands it to documents/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from desktop_app.context import AppContext
from desktop_app.documents import notices, registers, withdrawal
from desktop_app.documents.certificates import Extras
from desktop_app.documents.forms import FORM_TITLES, render_blank_form
from desktop_app.domain.application import STATUS_LABELS, Presented, Status
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import N_, Translator
from desktop_app.services import handover, issued, notice_signers
from desktop_app.services.guard import require
from desktop_app.store import applications as app_store
from desktop_app.store import households as hh_store
from desktop_app.store import users as users_store
from desktop_app.store.db import transaction

Progress = Callable[[int, int], None]
_TS = (Translator("kk"), Translator("ru"))


def _both(msgid: str) -> dict[str, str]:
    return {t.locale: t.gettext(msgid) for t in _TS}


def _dept(ctx: AppContext, spec_provider: dict[str, str]) -> dict[str, str]:
    return dict(ctx.office.department) if any(ctx.office.department.values()) \
        else dict(spec_provider)


def paper_options(ctx: AppContext, application_id: int) -> tuple[bool, bool]:
    """(has a decision to notify, has a referral to hand over) for the application."""
    data = handover.notice_data(ctx, application_id)
    return data.decision in ("assigned", "refused"), bool(data.referrals)


def notice_pdf(ctx: AppContext, application_id: int, *, languages: Sequence[str] = ("kk",),
               head_name: str = "", executor: str | None = None,
               phone: str | None = None) -> tuple[bytes, str]:
    """The decision notice (assignment or refusal) of an application decided at the district."""
    require(ctx, "print_paper")
    data = handover.notice_data(ctx, application_id)
    app = data.application
    if data.decision not in ("assigned", "refused"):
        raise AppError(N_("Application {reg_no} has no decision to hand over yet."),
                       code="not_ready", reg_no=app.reg_no)
    spec = ctx.catalogue.get(app.service_id)
    person = hh_store.get_person(ctx.db, app.applicant_id)
    signers = notice_signers.get_signers(ctx)  # defaults an administrator set in Settings
    decision = notices.Decision(
        reg_no=app.reg_no, accepted_on=app.accepted_at.date(), service=dict(spec.name),
        department=_dept(ctx, spec.provider), decision=data.decision,
        decision_date=data.decision_date, amount=data.amount, period_from=data.period_from,
        period_to=data.period_to, reasons=data.refusal_texts,
        kind=spec.refusal_kind(tuple(data.refusal_codes)).value,
        appeal=dict(spec.appeal.text) if spec.appeal else {},
        head_name=head_name or signers.head,
        executor=(signers.executor_name or ctx.user.full_name) if executor is None else executor,
        phone=(signers.executor_phone or ctx.office.phone) if phone is None else phone)
    kind = "notice"
    facts = {"kind": kind, "no": app.reg_no, "decision": data.decision,
             "name": person.full_name, "iin": person.iin or "",
             "date": (data.decision_date or app.accepted_at.date()).isoformat()}
    if data.amount:
        facts["amount"] = data.amount
    if data.period_from or data.period_to:
        facts["period"] = f"{data.period_from or ''}..{data.period_to or ''}"
    if data.refusal_codes:
        facts["reasons"] = ",".join(data.refusal_codes)
    langs = tuple(languages)
    original = issued.first_issued(ctx, kind, app.reg_no)
    extras = issued.extras_for(ctx, facts, langs, duplicate_of=original)
    render = notices.render_assignment_notice if data.decision == "assigned" \
        else notices.render_refusal_notice
    pdf = render(ctx.office, person, decision, Translator(langs[0]), app.reg_no,
                 ctx.now().date(), extras)
    issued.log_paper(ctx, kind, app.reg_no, facts, langs, application_id=app.id,
                     person_id=person.id, duplicate=original is not None)
    return pdf, app.reg_no


def referral_pdf(ctx: AppContext, application_id: int, *, languages: Sequence[str] = ("kk",),
                 referral_uuid: str | None = None) -> tuple[bytes, str]:
    """A referral (жолдама) the district issued for the application (the latest, or the one
    named), printed to hand over."""
    require(ctx, "print_paper")
    data = handover.notice_data(ctx, application_id)
    app = data.application
    chosen = [r for r in data.referrals if referral_uuid in (None, r["uuid"])]
    if not chosen:
        raise AppError(N_("There is no referral for application {reg_no}."),
                       code="no_referral", reg_no=app.reg_no)
    r = chosen[-1]
    spec = ctx.catalogue.get(app.service_id)
    person = hh_store.get_person(ctx.db, app.applicant_id)
    day = dt.date.fromisoformat(r["issued_on"])
    referral = notices.Referral(
        kind=r["kind"], issued_on=day, place=r.get("place") or "", note=r.get("note") or "",
        valid_until=dt.date.fromisoformat(r["valid_until"]) if r.get("valid_until") else None,
        department=_dept(ctx, spec.provider),
        head_name=notice_signers.get_signers(ctx).head)
    kind = f"referral.{r['uuid'][:8]}"
    facts = {"kind": "referral", "to": r["kind"], "no": app.reg_no, "name": person.full_name,
             "iin": person.iin or "", "date": day.isoformat(), "place": referral.place}
    langs = tuple(languages)
    original = issued.first_issued(ctx, kind, app.reg_no)
    extras = issued.extras_for(ctx, facts, langs, duplicate_of=original)
    pdf = notices.render_referral(ctx.office, person, referral, dict(spec.name),
                                  Translator(langs[0]), app.reg_no, day, extras)
    issued.log_paper(ctx, kind, app.reg_no, facts, langs, application_id=app.id,
                     person_id=person.id, duplicate=original is not None)
    return pdf, app.reg_no


def withdrawal_pdf(ctx: AppContext, application_id: int, *,
                   languages: Sequence[str] = ("kk",)) -> tuple[bytes, str]:
    """The confirmation of a withdrawal, listing the documents handed back to the citizen."""
    require(ctx, "print_paper")
    app = app_store.get(ctx.db, application_id)
    if app.status != Status.WITHDRAWN or app.closed_on is None:
        raise AppError(N_("Application {reg_no} was not withdrawn."), code="not_withdrawn",
                       reg_no=app.reg_no)
    spec = ctx.catalogue.get(app.service_id)
    person = hh_store.get_person(ctx.db, app.applicant_id)
    names = {d.id: dict(d.name) for d in spec.documents}
    returned = [names.get(c.document_id, {"kk": c.document_id, "ru": c.document_id})
                for c in app.checklist if c.presented != Presented.MISSING]
    event = next((e for e in reversed(app_store.events(ctx.db, app.saved_id))
                  if e.get("kind") == "withdrawn"), None)
    by = users_store.by_login(ctx.db, event["user"]) if event else None
    paper = withdrawal.Withdrawal(
        reg_no=app.reg_no, accepted_on=app.accepted_at.date(), service=dict(spec.name),
        requested_on=app.closed_on, reason=app.closed_reason, returned=returned,
        receiver_name=by.full_name if by else ctx.user.full_name,
        receiver_position=dict(by.position) if by else dict(ctx.user.position))
    facts = {"kind": "withdrawal", "no": app.reg_no, "name": person.full_name,
             "iin": person.iin or "", "date": app.closed_on.isoformat()}
    langs = tuple(languages)
    original = issued.first_issued(ctx, "withdrawal", app.reg_no)
    extras = issued.extras_for(ctx, facts, langs, duplicate_of=original)
    pdf = withdrawal.render_withdrawal(ctx.office, person, paper, Translator(langs[0]),
                                       app.closed_on, extras)
    issued.log_paper(ctx, "withdrawal", app.reg_no, facts, langs, application_id=app.id,
                     person_id=person.id, duplicate=original is not None)
    return pdf, app.reg_no


def _period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError("end", N_("The period ends before it starts."), code="period")


def journal_rows(ctx: AppContext, start: dt.date, end: dt.date,
                 progress: Progress | None = None, cancel=None) -> list[registers.JournalRow]:
    """The applications accepted in [start, end], in registration order."""
    rows = ctx.db.execute(
        "SELECT a.reg_no, a.accepted_at, a.service_id, a.status, a.decision_due, a.forward_by,"
        " a.decision, a.decision_date, a.receiver_name, p.surname, p.given_name, p.patronymic,"
        " p.iin FROM applications a JOIN persons p ON p.id = a.applicant_id"
        " WHERE substr(a.accepted_at, 1, 10) BETWEEN ? AND ? ORDER BY a.accepted_at, a.id",
        [start.isoformat(), end.isoformat()]).fetchall()
    out = []
    decided = {"assigned": N_("Assigned"), "refused": N_("Refused")}
    for n, r in enumerate(rows):
        if cancel is not None and n % 100 == 0:
            cancel.raise_if_cancelled()
        try:
            service = dict(ctx.catalogue.get(r[2]).short_name)
        except Exception:  # a service no longer in the catalogue: its id
            service = {"kk": r[2], "ru": r[2]}
        name = " ".join(x for x in (r[9], r[10], r[11]) if x)
        due = r[4] or r[5]
        result = {}
        if r[6] in decided:
            result = {t.locale: t.gettext(decided[r[6]]) + (
                " " + t.date(dt.date.fromisoformat(r[7])) if r[7] else "") for t in _TS}
        status = Status(r[3]) if r[3] in Status._value2member_map_ else None
        out.append(registers.JournalRow(
            reg_no=r[0], accepted_at=dt.datetime.fromisoformat(r[1]),
            applicant=name + (f", {r[12]}" if r[12] else ""), service=service,
            status=_both(STATUS_LABELS[status]) if status else {"kk": r[3], "ru": r[3]},
            due=dt.date.fromisoformat(due) if due else None, result=result, receiver=r[8]))
        if progress is not None and n % 100 == 0:
            progress(n, len(rows) * 2)
    return out


def journal_pdf(ctx: AppContext, start: dt.date, end: dt.date, *,
                languages: Sequence[str] = ("kk",), progress: Progress | None = None,
                cancel=None) -> tuple[bytes, str]:
    """The application journal (журнал регистрации) for a period, with its own number."""
    require(ctx, "print_paper")
    _period(start, end)
    rows = journal_rows(ctx, start, end, progress, cancel)
    if progress is not None:
        progress(len(rows), len(rows) * 2 or 1)
    with transaction(ctx.db):
        number = issued.next_number(ctx)
    facts = {"kind": "journal", "no": number, "from": start.isoformat(), "to": end.isoformat(),
             "rows": len(rows), "date": ctx.now().date().isoformat()}
    langs = tuple(languages)
    extras = issued.extras_for(ctx, facts, langs)
    if cancel is not None:
        cancel.raise_if_cancelled()
    pdf = registers.render_journal(ctx.office, rows, start, end, Translator(langs[0]), number,
                                   ctx.now().date(), extras)
    issued.log_paper(ctx, "journal", number, facts, langs)
    if progress is not None:
        progress(len(rows) * 2 or 1, len(rows) * 2 or 1)
    return pdf, number


def handover_register_pdf(ctx: AppContext, day: dt.date, *, languages: Sequence[str] = ("kk",),
                          to_whom: str = "") -> tuple[bytes, str]:
    """The акт приёма-передачи of the documents carried to the Department by hand on `day`."""
    require(ctx, "print_paper")
    rows, receivers = [], []
    for h in handover.register(ctx, day):
        app = app_store.get(ctx.db, h.application_id)
        spec = ctx.catalogue.get(app.service_id)
        person = hh_store.get_person(ctx.db, app.applicant_id)
        names = {d.id: d.name for d in spec.documents}
        handed = [c for c in app.checklist if c.presented != "missing"]
        docs = {t.locale: "; ".join(t.text(names[c.document_id]) if c.document_id in names
                                    else c.document_id for c in handed) for t in _TS}
        rows.append(registers.HandoverRow(app.reg_no, person.full_name, dict(spec.short_name),
                                          docs, sum(c.pages or 0 for c in handed)))
        receivers.append(h.to_whom)
    if not rows:
        raise AppError(N_("Nothing was handed over by hand on {date}."), code="empty",
                       date=day.isoformat())
    with transaction(ctx.db):
        number = issued.next_number(ctx)
    facts = {"kind": "handover_register", "no": number, "date": day.isoformat(),
             "rows": len(rows), "pages": sum(r.pages for r in rows),
             "apps": ",".join(r.reg_no[-6:] for r in rows[:20])}
    langs = tuple(languages)
    extras = issued.extras_for(ctx, facts, langs)
    pdf = registers.render_handover_register(
        ctx.office, rows, day, to_whom or receivers[0], Translator(langs[0]), number,
        (dict(ctx.user.position), ctx.user.full_name), extras)
    issued.log_paper(ctx, "handover_register", number, facts, langs)
    return pdf, number


def blank_form_pdf(ctx: AppContext, service_id: str, form: str, *,
                   languages: Sequence[str] = ("kk",)) -> bytes:
    """A blank form the catalogue lists for the service, with the office header."""
    require(ctx, "print_paper")
    spec = ctx.catalogue.get(service_id)
    if form not in spec.blank_forms or form not in FORM_TITLES:
        raise AppError(N_("{service} has no blank form {form}."), code="no_form",
                       service=service_id, form=form)
    langs = tuple(languages)
    return render_blank_form(ctx.office, form, spec, Translator(langs[0]),
                             Extras(languages=langs))


def services_with_forms(ctx: AppContext) -> list[tuple[str, tuple[str, ...]]]:
    """(service id, its blank forms) for the services whose catalogue lists any we print."""
    return [(s.id, tuple(f for f in s.blank_forms if f in FORM_TITLES))
            for s in ctx.catalogue.all() if any(f in FORM_TITLES for f in s.blank_forms)]
