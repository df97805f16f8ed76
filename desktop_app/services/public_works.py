"""Public works at the office (act 000, rows 8-22): record participants referred by the district,
their monthly timesheet with the pay, quota warnings, and the printed timesheet (табель).

Imports context, domain, store, documents.timesheet and services (guard, intake). Every write is one
transaction with its audit rows, checks the role, and returns Changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.context import AppContext
from desktop_app.documents.timesheet import TimesheetSheet, render_timesheet
from desktop_app.domain import public_works as pw
from desktop_app.domain.public_works_loader import load_public_works
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.domain.household import Person
from desktop_app.domain.iin import parse_iin
from desktop_app.domain.roles import Action
from desktop_app.i18n import N_, Translator
from desktop_app.paths import data_root
from desktop_app.services import Changes
from desktop_app.services.guard import require
from desktop_app.services.intake import validate_person
from desktop_app.store import audit
from desktop_app.store import households as hh_store
from desktop_app.store import public_works as pw_store
from desktop_app.store.db import transaction


# reference data ----------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _load(folder: str, stamp: tuple) -> pw.PublicWorks:
    return load_public_works(Path(folder))


def works(ctx: AppContext | None = None) -> pw.PublicWorks:
    """The resolutions in data/public_works/ (read again when a file changes)."""
    folder = data_root() / "public_works"
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.toml"))) \
        if folder.is_dir() else ()
    return _load(str(folder), stamp)


@dataclass(frozen=True)
class Notice:
    """A warning for the page or the timesheet, translated when shown."""

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)
    kind: str = "warning"

    def text(self, t: Translator) -> str:
        values = {k: (t.text(v) if isinstance(v, dict) else t.date(v) if isinstance(v, dt.date)
                      else v) for k, v in self.params.items()}
        try:
            return t.gettext(self.msgid).format(**values)
        except (KeyError, IndexError, ValueError):
            return t.gettext(self.msgid)


@dataclass(frozen=True)
class Employers:
    """The rows an office may employ under: the resolution in force on a day, else the latest."""

    resolution: pw.Resolution
    rows: list[pw.Organisation]
    in_force: bool
    suggested_row: int | None


def employers(ctx: AppContext, on: dt.date) -> Employers:
    """Rows 8-22 (the akim apparatuses) of the resolution for `on`, with the office's own row
    suggested: the one whose name holds the office's settlement name, else the last one used."""
    all_works = works(ctx)
    resolution = all_works.in_force(on) or all_works.latest()
    if resolution is None:
        raise AppError(N_("No public-works resolution is in data/public_works."),
                       code="no_resolution")
    rows = resolution.employers()
    return Employers(resolution, rows, resolution.in_force(on), _suggest(ctx, resolution, rows))


def _suggest(ctx: AppContext, resolution: pw.Resolution, rows: list[pw.Organisation]) -> int | None:
    office_words = {w.casefold() for name in ctx.office.name.values() for w in name.split()
                    if len(w) > 3}
    for org in rows:
        if any(w.casefold() in office_words for w in org.name.get("kk", "").split()[2:3]):
            return org.row
    row = ctx.db.execute("SELECT org_row FROM public_works_participants WHERE office_id = ? AND "
                         "resolution_id = ? ORDER BY id DESC LIMIT 1",
                         [ctx.office.id, resolution.id]).fetchone()
    return row[0] if row else None


# participants ------------------------------------------------------------------------------------
@dataclass
class ParticipantDraft:
    """What the "Add participant" dialog gathers."""

    iin: str
    referral_no: str
    referral_date: dt.date
    contract_no: str
    contract_date: dt.date
    start: dt.date
    resolution_id: str
    org_row: int
    work_type: str
    volume: int
    end: dt.date | None = None
    referred_by: str = ""
    surname: str = ""            # for a person not yet in the household book
    given_name: str = ""
    patronymic: str = ""


def _person_for(ctx: AppContext, draft: ParticipantDraft) -> Person:
    """The person with this IIN, or a new one (validated like an applicant at reception)."""
    info = parse_iin(draft.iin, ctx.now().date())   # ValidationError on field "iin"
    found = hh_store.person_by_iin(ctx.db, info.iin)
    if found is not None:
        return found
    person = Person(surname=draft.surname.strip(), given_name=draft.given_name.strip(),
                    patronymic=draft.patronymic.strip(), iin=info.iin,
                    birth_date=info.birth_date, sex=info.sex)
    errors = validate_person(person, ctx.now().date())
    if errors:
        raise errors[0]
    return person


def _participant(draft: ParticipantDraft, person: Person, resolution: pw.Resolution
                 ) -> pw.Participant:
    try:
        work = resolution.organisation(draft.org_row).work(draft.work_type)
    except KeyError:
        work = None
    return pw.Participant(
        person_id=person.id or 0, full_name=person.full_name, iin=person.iin,
        referral=pw.Referral(draft.referral_no.strip(), draft.referral_date,
                             draft.referred_by.strip()),
        contract=pw.Contract(draft.contract_no.strip(), draft.contract_date, draft.start,
                             draft.end),
        resolution_id=resolution.id, org_row=draft.org_row, work_type=draft.work_type,
        volume=draft.volume, unit=work.unit if work else "")


def validate_draft(ctx: AppContext, draft: ParticipantDraft) -> list[ValidationError]:
    try:
        resolution = works(ctx).get(draft.resolution_id)
    except KeyError:
        return [ValidationError("organisation", N_("Choose the employer's row of the "
                                                   "resolution."))]
    try:
        person = _person_for(ctx, draft)
    except ValidationError as exc:
        return [exc]
    return pw.validate_participant(_participant(draft, person, resolution), resolution)


def record_participant(ctx: AppContext, draft: ParticipantDraft
                       ) -> tuple[pw.Participant, Changes, list[Notice]]:
    """Save the participant (and the person, if new) in one transaction; warnings never block."""
    require(ctx, Action.RECORD_PUBLIC_WORKS)
    errors = validate_draft(ctx, draft)
    if errors:
        raise errors[0]
    resolution = works(ctx).get(draft.resolution_id)
    person = _person_for(ctx, draft)
    now = ctx.now_iso()
    with transaction(ctx.db):
        if person.id is None:
            hh_store.update_person_details(ctx.db, person, now=now)
            audit.record(ctx.db, at=now, user=ctx.user.login, action="person.create",
                         table="persons", uuid=person.uuid, after=hh_store.person_to_row(person))
        participant = _participant(draft, person, resolution)
        pw_store.insert_participant(ctx.db, participant, office_id=ctx.office.saved_id, now=now,
                                    user=ctx.user.login)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="public_works.participant",
                     table="public_works_participants", uuid=participant.uuid,
                     after={"person": person.uuid, **pw_store.participant_row(participant)})
    notices = []
    if not resolution.in_force(draft.start):
        notices.append(_not_in_force(resolution, draft.start))
    first, last = pw.month_bounds(draft.start)
    notices += [_quota_notice(w) for w in pw.quota_warnings(
        resolution, pw_store.active_participants(ctx.db, ctx.office.saved_id, first, last),
        first, last)]
    return participant, Changes(persons=frozenset({person.saved_id}),
                                public_works=frozenset({participant.saved_id})), notices


def participants(ctx: AppContext) -> list[pw.Participant]:
    return pw_store.list_participants(ctx.db, ctx.office.saved_id)


def _not_in_force(resolution: pw.Resolution, day: dt.date) -> Notice:
    return Notice(N_("The resolution {title} is not in force on {date} (in force {start} to "
                     "{end}): ask the district for the current one."),
                  {"title": resolution.title, "date": day, "start": resolution.valid_from,
                   "end": resolution.valid_to or "…"})


def _quota_notice(w: pw.QuotaWarning) -> Notice:
    return Notice(w.msgid, {"organisation": w.name, "active": w.active, "headcount": w.headcount,
                            "period": w.first.strftime("%m.%Y")})


# the month ---------------------------------------------------------------------------------------
def preview_pay(ctx: AppContext, month: dt.date, days_worked: int) -> pw.Pay | None:
    """The pay for `days_worked` in `month`, or None when no rule or minimum wage is in force."""
    try:
        return pw.compute_pay(works(ctx), ctx.parameters, ctx.calendar, month, days_worked,
                              ctx.office.region)
    except AppError:
        return None


def month_lines(ctx: AppContext, month: dt.date) -> list[pw.MonthLine]:
    """Participants active in the month with their days worked (saved, or None) and pay."""
    month = pw.month_start(month)
    first, last = pw.month_bounds(month)
    stored = pw_store.month_rows(ctx.db, month)
    total = pw.working_days_in_month(ctx.calendar, month)
    lines = []
    for p in pw_store.active_participants(ctx.db, ctx.office.saved_id, first, last):
        row = stored.get(p.id or 0)
        days = row.days_worked if row else None
        pay = preview_pay(ctx, month, days) if days is not None else None
        lines.append(pw.MonthLine(p, days, total,
                                  pw.contract_working_days(ctx.calendar, p.contract, month),
                                  pay, saved=row is not None))
    return lines


def month_notices(ctx: AppContext, month: dt.date) -> list[Notice]:
    """What the page shows above the timesheet: no rule in force, no minimum wage, quotas."""
    month = pw.month_start(month)
    first, last = pw.month_bounds(month)
    all_works = works(ctx)
    resolution = all_works.for_month(month)
    out: list[Notice] = []
    if resolution is None:
        latest = all_works.latest()
        if latest is not None:
            out.append(Notice(N_("No public-works resolution is in force in {month}: pay is not "
                                 "computed. The last one, {title}, was in force from {start} to "
                                 "{end}."), {"month": month.strftime("%m.%Y"),
                                             "title": latest.title, "start": latest.valid_from,
                                             "end": latest.valid_to or "…"}))
    else:
        try:
            ctx.parameters.value(resolution.pay.base, month, ctx.office.region)
        except AppError:
            try:
                title: Any = dict(ctx.parameters.info(resolution.pay.base).title)
            except KeyError:
                title = resolution.pay.base
            # the same words as a pre-check on a day with no value: what is missing, and when
            out.append(Notice(N_("No value of {parameter} is in force on {date}: pay is not "
                                 "computed. The days worked are kept; the administrator enters "
                                 "the new value with its source, or the district's return batch "
                                 "brings it."), {"parameter": title, "date": month}))
    active = pw_store.active_participants(ctx.db, ctx.office.saved_id, first, last)
    for res in all_works.all():
        out += [_quota_notice(w) for w in pw.quota_warnings(res, active, first, last)]
    return out


def record_timesheet(ctx: AppContext, month: dt.date, days: dict[int, int]
                     ) -> tuple[list[pw.MonthLine], Changes]:
    """Save days worked per participant for the month with the pay computed now; one
    transaction, an audit row per participant. Days beyond the contract's working days: refused."""
    require(ctx, Action.RECORD_PUBLIC_WORKS)
    month = pw.month_start(month)
    first, last = pw.month_bounds(month)
    active = {p.id: p
              for p in pw_store.active_participants(ctx.db, ctx.office.saved_id, first, last)}
    for pid, n in days.items():
        if pid not in active:
            raise ValidationError("participant", N_("The participant has no contract in {month}."),
                                  code="not_active", month=month.strftime("%m.%Y"))
        pw.check_days(ctx.calendar, active[pid], month, n)
    total = pw.working_days_in_month(ctx.calendar, month)
    now = ctx.now_iso()
    with transaction(ctx.db):
        for pid, n in sorted(days.items()):
            pay = preview_pay(ctx, month, n)
            before = pw_store.save_month_row(ctx.db, pid, month, n, total, pay, now=now,
                                             user=ctx.user.login)
            audit.record(ctx.db, at=now, user=ctx.user.login, action="public_works.timesheet",
                         table="public_works_timesheet", uuid=active[pid].uuid,
                         before={"days_worked": before.days_worked,
                                 "pay": str(before.pay) if before.pay is not None else None}
                         if before else None,
                         after={"month": month.isoformat(), "days_worked": n,
                                "working_days": total,
                                "pay": str(pay.amount) if pay else None,
                                "factor_version": pay.factor_version if pay else None,
                                "wage_version": pay.wage_version if pay else None})
    return month_lines(ctx, month), Changes(public_works=frozenset(days))


# the printed timesheet ---------------------------------------------------------------------------
def timesheet_pdf(ctx: AppContext, month: dt.date, t: Translator) -> bytes:
    """The month's табель as a PDF in `t`'s language; printing is audited."""
    require(ctx, Action.PRINT_PAPER)
    month = pw.month_start(month)
    lines = [line for line in month_lines(ctx, month)]
    all_works = works(ctx)
    resolution = all_works.for_month(month) or all_works.latest()
    sheet = TimesheetSheet(office=ctx.office, month=month, lines=lines, resolution=resolution,
                           notices=[n.text(t) for n in month_notices(ctx, month)],
                           date=ctx.now().date())
    pdf = render_timesheet(sheet, t)
    now = ctx.now_iso()
    with transaction(ctx.db):
        audit.record(ctx.db, at=now, user=ctx.user.login, action="public_works.timesheet_print",
                     table="public_works_timesheet", uuid=None,
                     after={"month": month.isoformat(), "lines": len(lines)})
    return pdf
