"""The district's desk (the same application in district mode): set-up, the overview of its village
offices, duplicates across offices, decisions, referrals, inspection dates, return batches.

Calls sync/ and store/. Offices' records are read from the replica by uuid; local ids never travel.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, NotFound
from desktop_app.i18n import N_
from desktop_app.services import Changes
from desktop_app.services.sync import CancelToken, ExportResult, Progress, export_batch, guard, mode
from desktop_app.store import audit, audit_anchor, offices, settings
from desktop_app.store import district as district_store
from desktop_app.store.audit_anchor import ChainReport as OfficeChainReport
from desktop_app.store.db import new_uuid, transaction
from desktop_app.store.district import DistrictApplication, Duplicate, OfficeOverview
from desktop_app.sync import district as district_sync
from desktop_app.sync import keys

# referral kinds the district issues (жолдама): training, public works, employment, microcredit
REFERRAL_KINDS = ("training", "public_works", "employment", "microcredit", "social_job",
                  "youth_practice", "other")


def holds_applications(ctx: AppContext) -> bool:
    """Whether this folder already holds a village's applications (then it cannot be a district)."""
    return bool(ctx.db.execute("SELECT count(*) FROM applications").fetchone()[0])


def make_district(ctx: AppContext, code: str, name: dict[str, str]) -> Changes:
    """Set up this (empty) data folder as the district office `code`, with its own new key."""
    guard(ctx, "office_setup")
    code = code.strip()
    if not code:
        raise AppError(N_("Enter the district office's code."), code="no_code")
    if holds_applications(ctx):
        raise AppError(N_("This data folder already holds a village's applications; set up the "
                          "district in a new folder."), code="not_empty")
    now = ctx.now_iso()
    with transaction(ctx.db):
        before = {"code": ctx.office.code, "mode": mode(ctx)}
        ctx.office.code, ctx.office.name, ctx.office.uuid = code, dict(name), new_uuid()
        offices.save(ctx.db, ctx.office)
        settings.put(ctx.db, "office.mode", "district")
        audit.record(ctx.db, at=now, user=ctx.user.login, action="office.make_district",
                     table="offices", uuid=ctx.office.uuid, before=before,
                     after={"code": code, "mode": "district"})
    keys.generate(ctx.data_dir)  # a copied folder must not keep another office's key
    return Changes(office=True, settings=True, sync=True)


def _district(ctx: AppContext) -> None:
    if mode(ctx) != "district":
        raise AppError(N_("This is done at the district office (district mode)."),
                       code="not_district")


def offices_overview(ctx: AppContext) -> list[OfficeOverview]:
    """One row per village office: last batch received, what is overdue, what waits to go back."""
    _district(ctx)
    return district_store.overview(ctx.db, ctx.now().date())


def audit_chain_reports(ctx: AppContext, office_code: str | None = None
                        ) -> list[OfficeChainReport]:
    """The district's reports of offices' audit chains that did not extend the one it held
    (tampering, or a restore from backup), newest first."""
    _district(ctx)
    return audit_anchor.reports(ctx.db, office_code)


def audit_chain_line(report: OfficeChainReport) -> AppError:
    """One line for the district's Offices page (`.message()` in the reader's language)."""
    if report.kind == "restore":
        return AppError(N_("Office {office} restored a backup copy: its audit rows {first}–{last} "
                           "were replaced (batch {seq})."), code="office_audit_restore",
                        office=report.office_code, first=report.first_row,
                        last=report.last_row, seq=report.batch_seq)
    return AppError(N_("Office {office}: its audit log was changed — rows {first}–{last} no longer "
                       "match what earlier batches carried (batch {seq}). Ask the office what "
                       "happened."), code="office_audit_tampering", office=report.office_code,
                    first=report.first_row, last=report.last_row, seq=report.batch_seq)


def applications(ctx: AppContext, office_code: str | None = None,
                 undecided_only: bool = False) -> list[DistrictApplication]:
    _district(ctx)
    return district_store.applications(ctx.db, office_code, undecided_only)


def duplicates(ctx: AppContext) -> list[Duplicate]:
    """The same IIN applying for the same service in two or more villages."""
    _district(ctx)
    return district_store.duplicates(ctx.db)


def corrections(ctx: AppContext, office_code: str | None = None
                ) -> list[district_store.CorrectionSeen]:
    """Corrections the offices made after sending an application: before / after, the reason."""
    _district(ctx)
    return district_store.corrections(ctx.db, office_code)


def _application(ctx: AppContext, application_uuid: str) -> dict:
    rec = district_store.record(ctx.db, "application", application_uuid)
    if rec is None:
        raise NotFound(what="application", key=application_uuid)
    return rec


def _office_of(ctx: AppContext, application_uuid: str) -> str:
    owner = district_store.owner_of(ctx.db, application_uuid)
    assert owner is not None
    return owner


def record_decision(ctx: AppContext, application_uuid: str, *, assigned: bool,
                    decided_on: dt.date, amount: str | None = None,
                    period_from: dt.date | None = None, period_to: dt.date | None = None,
                    refusal_codes: tuple[str, ...] = (), decision_no: str = "") -> Changes:
    """Assigned (amount, period) or refused (reason codes from the service's catalogue entry),
    under the number the Department registered the decision with."""
    guard(ctx, "district_decisions")
    _district(ctx)
    app = _application(ctx, application_uuid)
    if app.get("status") in ("withdrawn", "voided"):
        raise AppError(N_("The office closed application {reg_no} (withdrawn at the citizen's "
                          "request or voided as registered in error): no decision is recorded."),
                       code="closed_at_office", reg_no=str(app.get("reg_no", "")))
    spec = ctx.catalogue.get(app["service_id"]) if _known(ctx, app["service_id"]) else None
    fields = district_sync.decision_fields(spec, assigned=assigned, decided_on=decided_on,
                                           amount=amount, period_from=period_from,
                                           period_to=period_to, refusal_codes=refusal_codes,
                                           decision_no=decision_no)
    return _save(ctx, application_uuid, fields, "district.decision")


def _known(ctx: AppContext, service_id: str) -> bool:
    try:
        ctx.catalogue.get(service_id)
    except Exception:  # a service this district's catalogue does not have: codes not checked
        return False
    return True


def record_inspection(ctx: AppContext, application_uuid: str, on: dt.date) -> Changes:
    """The date of the home inspection of living conditions, sent back to the office."""
    guard(ctx, "district_decisions")
    _district(ctx)
    _application(ctx, application_uuid)
    return _save(ctx, application_uuid, {"inspection_date": on.isoformat()},
                 "district.inspection")


def _save(ctx: AppContext, application_uuid: str, fields: dict, action: str) -> Changes:
    now = ctx.now_iso()
    with transaction(ctx.db):
        before = district_store.result(ctx.db, application_uuid)
        district_store.save_result(ctx.db, application_uuid, _office_of(ctx, application_uuid),
                                   fields=fields, user=ctx.user.login, now=now)
        audit.record(ctx.db, at=now, user=ctx.user.login, action=action,
                     table="district_results", uuid=application_uuid, before=before,
                     after=fields)
    return Changes(sync=True)


def record_referral(ctx: AppContext, application_uuid: str, *, kind: str, issued_on: dt.date,
                    place: str = "", note: str = "", valid_until: dt.date | None = None
                    ) -> tuple[str, Changes]:
    """A referral (жолдама) to hand over at the office; returns its uuid."""
    guard(ctx, "district_decisions")
    _district(ctx)
    _application(ctx, application_uuid)
    if kind not in REFERRAL_KINDS:
        raise AppError(N_("Unknown kind of referral: {kind}."), code="referral_kind", kind=kind)
    now = ctx.now_iso()
    uuid = new_uuid()
    rec = {"uuid": uuid, "application_uuid": application_uuid, "kind": kind,
           "issued_on": issued_on.isoformat(), "place": place, "note": note,
           "valid_until": valid_until.isoformat() if valid_until else None,
           "issued_by": ctx.user.login, "updated_at": now}
    with transaction(ctx.db):
        district_store.save_referral(ctx.db, rec, _office_of(ctx, application_uuid))
        audit.record(ctx.db, at=now, user=ctx.user.login, action="district.referral",
                     table="referrals", uuid=rec["uuid"], after=rec)
    return uuid, Changes(sync=True)


def export_return(ctx: AppContext, office_code: str, to_dir: Path | str,
                  progress: Progress | None = None,
                  cancel: CancelToken | None = None) -> ExportResult:
    """The return batch for one office: results and referrals not yet acknowledged, and the
    acknowledgement of the office's batches that arrived here."""
    _district(ctx)
    return export_batch(ctx, to_dir, office_code=office_code, progress=progress, cancel=cancel)


def export_returns(ctx: AppContext, to_dir: Path | str, progress: Progress | None = None,
                   cancel: CancelToken | None = None) -> list[ExportResult]:
    """A return batch for every office this district trusts."""
    _district(ctx)
    codes = [o.code for o in district_store.overview(ctx.db, ctx.now().date())]
    out = []
    for i, code in enumerate(codes):
        if cancel is not None and cancel.cancelled:
            break
        out.append(export_return(ctx, code, to_dir))
        if progress:
            progress(i + 1, len(codes))
    return out
