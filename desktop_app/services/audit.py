"""The audit trail for the administrator: verify the hash chain, and query who did what, when, to
which record. Imports context, services.guard and store.audit; reading needs the audit_view right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.domain.roles import Action
from desktop_app.i18n import N_
from desktop_app.services.guard import require
from desktop_app.store import audit as audit_store
from desktop_app.store.audit import ChainReport
from desktop_app.store.db import loads

__all__ = ["AuditRow", "ChainReport", "chain_warning", "query", "verify"]


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    user: str
    action: str
    table: str
    record_uuid: str | None
    before: object
    after: object


def verify(ctx: AppContext) -> ChainReport:
    """Walk the whole chain; `first_broken_id` names the first row edited outside the app."""
    require(ctx, Action.AUDIT_VIEW)
    return audit_store.verify(ctx.db)


def chain_warning(report: ChainReport) -> AppError | None:
    """The warning the administrator sees at start when the chain is broken."""
    if report.ok:
        return None
    return AppError(N_("The audit log was changed outside Akimat Desk: the chain breaks at row "
                       "{row} of {rows}. Keep this file aside and tell the district."),
                    code="audit_broken", row=report.first_broken_id, rows=report.rows)


def _bound(value: dt.date | dt.datetime | str | None, end: bool) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat() + ("T99" if end else "")
    return str(value)


def query(ctx: AppContext, user: str | None = None, record: str | None = None,
          date_from: dt.date | dt.datetime | None = None,
          date_to: dt.date | dt.datetime | None = None, *, action: str | None = None,
          limit: int = 1000) -> list[AuditRow]:
    """Rows newest first, filtered by user login, record uuid, dates (inclusive) and action prefix."""
    require(ctx, Action.AUDIT_VIEW)
    where, params = [], []
    if user:
        where.append("user = ?")
        params.append(user)
    if record:
        where.append("record_uuid = ?")
        params.append(record)
    if (lo := _bound(date_from, False)) is not None:
        where.append("at >= ?")
        params.append(lo)
    if (hi := _bound(date_to, True)) is not None:
        where.append("at <= ?")
        params.append(hi)
    if action:
        where.append("action LIKE ?")
        params.append(action.replace("%", "") + "%")
    sql = ("SELECT id, at, user, action, table_name, record_uuid, before, after FROM audit_log"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC LIMIT ?")
    params.append(int(limit))
    return [AuditRow(r[0], r[1], r[2], r[3], r[4], r[5], loads(r[6]), loads(r[7]))
            for r in ctx.db.execute(sql, params)]
