"""Hand-overs at the office: decided results given to citizens (the work queue of what is ready),
documents delivered to the district by hand, and the data the notices and registers print.

Calls store/. Printing is documents/' job: these functions return plain data only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.context import AppContext
from desktop_app.domain.application import Application, Status
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import N_
from desktop_app.services import Changes
from desktop_app.services.sync_plan import guard
from desktop_app.store import applications as app_store
from desktop_app.store import audit, sync_log
from desktop_app.store import handovers as ho_store
from desktop_app.store.applications import ApplicationRow
from desktop_app.store.db import transaction
from desktop_app.store.handovers import Handover

READY = frozenset({Status.ASSIGNED, Status.REFUSED})


@dataclass(frozen=True)
class ReadyRow:
    row: ApplicationRow
    decision: str               # "assigned" or "refused"
    decision_date: dt.date | None
    referrals: int              # referrals (жолдама) to hand over with the notice
    inspection_date: dt.date | None


def ready_to_hand_over(ctx: AppContext) -> list[ReadyRow]:
    """Applications whose decision came back and was not yet handed to the citizen."""
    out = []
    for r in app_store.list_rows(ctx.db, statuses=set(READY)):
        d = ctx.db.execute(
            "SELECT a.decision, a.decision_date, a.inspection_date, (SELECT count(*) FROM"
            " referrals f WHERE f.application_uuid = a.uuid) FROM applications a WHERE a.id = ?",
            [r.id]).fetchone()
        out.append(ReadyRow(r, d[0] or r.status.value,
                            dt.date.fromisoformat(d[1]) if d[1] else None, d[3],
                            dt.date.fromisoformat(d[2]) if d[2] else None))
    return out


def _check(ctx: AppContext, handed_on: dt.date, to_whom: str) -> None:
    if not to_whom.strip():
        raise ValidationError("to_whom", N_("Enter whom the papers were handed to."),
                              code="to_whom_empty")
    if handed_on > ctx.now().date():
        raise ValidationError("handed_on", N_("The hand-over date is in the future."),
                              code="future")


def record_handover(ctx: AppContext, application_id: int, handed_on: dt.date, to_whom: str,
                    signature_taken: bool, note: str = "") -> Changes:
    """The decision notice (and any referral) handed to the citizen: status HANDED_OVER."""
    guard(ctx, "record_handover")
    _check(ctx, handed_on, to_whom)
    app = app_store.get(ctx.db, application_id)
    if app.status not in READY:
        raise AppError(N_("Application {reg_no} has no decision to hand over yet."),
                       code="not_ready", reg_no=app.reg_no)
    now = ctx.now_iso()
    with transaction(ctx.db):
        uuid = ho_store.insert(ctx.db, application_id=application_id, kind=ho_store.RESULT,
                               handed_on=handed_on, to_whom=to_whom.strip(),
                               signature_taken=signature_taken, note=note, user=ctx.user.login,
                               now=now)
        with sync_log.untracked(ctx.db):  # the hand-over record itself tells the district
            app_store.set_status(ctx.db, application_id, Status.HANDED_OVER, now=now,
                                 user=ctx.user.login, note=to_whom.strip())
        audit.record(ctx.db, at=now, user=ctx.user.login, action="application.handover",
                     table="handovers", uuid=uuid, before={"status": app.status},
                     after={"application": app.uuid, "handed_on": handed_on.isoformat(),
                            "to_whom": to_whom.strip(), "signature_taken": signature_taken})
    return Changes(applications=frozenset({application_id}))


def record_delivery(ctx: AppContext, application_ids: list[int], handed_on: dt.date,
                    to_whom: str, note: str = "") -> Changes:
    """Documents carried to the Department by hand before the weekly trip (акт приёма-передачи):
    status FORWARDED."""
    guard(ctx, "record_handover")
    _check(ctx, handed_on, to_whom)
    now = ctx.now_iso()
    with transaction(ctx.db):
        for app_id in application_ids:
            app = app_store.get(ctx.db, app_id)
            if app.status not in (Status.REGISTERED, Status.INCOMPLETE):
                raise AppError(N_("Application {reg_no} is not waiting to be forwarded."),
                               code="not_open", reg_no=app.reg_no)
            uuid = ho_store.insert(ctx.db, application_id=app_id, kind=ho_store.DOCUMENTS,
                                   handed_on=handed_on, to_whom=to_whom.strip(),
                                   signature_taken=True, note=note, user=ctx.user.login, now=now)
            with sync_log.untracked(ctx.db):
                app_store.set_status(ctx.db, app_id, Status.FORWARDED, now=now,
                                     user=ctx.user.login, note=to_whom.strip())
            audit.record(ctx.db, at=now, user=ctx.user.login, action="application.delivery",
                         table="handovers", uuid=uuid, before={"status": app.status},
                         after={"application": app.uuid, "handed_on": handed_on.isoformat(),
                                "to_whom": to_whom.strip()})
    return Changes(applications=frozenset(application_ids))


def register(ctx: AppContext, day: dt.date, kind: str = ho_store.DOCUMENTS) -> list[Handover]:
    """The rows of the hand-over register (акт приёма-передачи) of one day."""
    return ho_store.on_day(ctx.db, day, kind)


@dataclass(frozen=True)
class NoticeData:
    """What the decision notice prints: the application, the decision, referrals, inspection."""

    application: Application
    decision: str | None
    decision_date: dt.date | None
    amount: str | None
    period_from: dt.date | None
    period_to: dt.date | None
    refusal_codes: tuple[str, ...]
    refusal_texts: tuple[dict[str, str], ...]   # {"kk", "ru"} from the catalogue
    referrals: tuple[dict, ...]
    handovers: tuple[Handover, ...]


def notice_data(ctx: AppContext, application_id: int) -> NoticeData:
    app = app_store.get(ctx.db, application_id)
    r = ctx.db.execute("SELECT decision, decision_date, decision_amount, period_from, period_to,"
                       " refusal_codes FROM applications WHERE id = ?", [application_id]).fetchone()
    date = lambda v: dt.date.fromisoformat(v) if v else None  # noqa: E731
    codes = tuple(c for c in (r[5] or "").split(",") if c)
    try:
        spec = ctx.catalogue.get(app.service_id)
        texts = tuple(dict(code.text) if (code := spec.refusal(c)) else {"kk": c, "ru": c}
                      for c in codes)
    except Exception:  # a service no longer in the catalogue: print the codes
        texts = tuple({"kk": c, "ru": c} for c in codes)
    referrals = tuple(dict(x) for x in ctx.db["referrals"].rows_where(
        "application_uuid = ?", [app.uuid], order_by="issued_on, id"))
    return NoticeData(app, r[0], date(r[1]), r[2], date(r[3]), date(r[4]), codes, texts,
                      referrals, tuple(ho_store.of_application(ctx.db, application_id)))
