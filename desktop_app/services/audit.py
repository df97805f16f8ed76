"""The audit trail for the administrator: verify the hash chain, and query who did what, when, to
which record. Imports context, services.guard and store.audit; reading needs the audit_view right.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.domain.roles import Action
from desktop_app.i18n import N_, Translator
from desktop_app.services.guard import require, shown_iin
from desktop_app.store import audit as audit_store
from desktop_app.store import audit_anchor
from desktop_app.store.audit import ChainReport
from desktop_app.store.db import loads, transaction

__all__ = ["AuditRow", "ChainReport", "anchor_warnings", "chain_warning", "details_text",
           "details_stored", "export_pdf", "query", "users", "verify"]


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


def anchor_warnings(ctx: AppContext) -> list[AppError]:
    """At an office's start: the file no longer holds the audit row the district anchored (its
    newest checkpoint), naming the rows that are gone (a restore from backup that recorded them is
    not warned about); and each change of this office's log the district found in a batch."""
    out = []
    found = audit_anchor.problem(ctx.db)
    if found is not None and len(found) == 2:
        out.append(AppError(N_("Rows {first}–{last} of the audit log are gone: the district holds "
                               "them, this file does not (rows were deleted or an older copy of "
                               "the file was put back). Keep this file aside and tell the "
                               "district."), code="audit_rows_gone", first=found[0],
                            last=found[-1]))
    elif found is not None:
        out.append(AppError(N_("Row {row} of the audit log is not the one the district holds: the "
                               "log was rewritten or an older copy of the file was put back. Keep "
                               "this file aside and tell the district."),
                            code="audit_rewritten", row=found[0]))
    for seq, first, last in audit_anchor.findings(ctx.db):
        out.append(AppError(N_("The district found this office's audit log changed: rows "
                               "{first}–{last} do not match what the earlier batches carried "
                               "(found in batch {seq}). Keep this file aside and tell the "
                               "district."), code="audit_tampering_found", first=first,
                            last=last, seq=seq))
    return out


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
    """Rows newest first, filtered by user login, record uuid, dates (inclusive) and action
    prefix."""
    require(ctx, Action.AUDIT_VIEW)
    where: list[str] = []
    params: list[str | int] = []
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


def users(ctx: AppContext) -> list[str]:
    """Every login that appears in the log (for the filter), "system" included."""
    require(ctx, Action.AUDIT_VIEW)
    return [r[0] for r in ctx.db.execute("SELECT DISTINCT user FROM audit_log WHERE user != '' "
                                         "ORDER BY user")]


# the export ------------------------------------------------------------------------------------
_IIN_RE = re.compile(r"(?<!\d)\d{12}(?!\d)")
DETAILS_MAX = 300


_UUID_RE = re.compile(r"\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def _value_text(value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {text}" for k, v in value.items() if (text := _value_text(v)))
    if isinstance(value, (list, tuple)):
        return ", ".join(_value_text(v) for v in value)
    return "" if value is None else str(value)


def _restore_text(row: AuditRow, t: Translator) -> str | None:
    """A restore row as a sentence: "Restored the copy of DATE; rows N–M are gone." """
    after = row.after if isinstance(row.after, dict) else {}
    gone = after.get("rows_gone")
    if row.action != audit_anchor.RESTORE or not after.get("copy_of"):
        return None
    try:
        day = t.date(dt.date.fromisoformat(str(after["copy_of"])[:10]))
    except ValueError:
        day = str(after["copy_of"])
    if isinstance(gone, list) and len(gone) == 2 and gone[1] is not None:
        return t.gettext(N_("Restored the copy of {date}; rows {first}–{last} are gone.")).format(
            date=day, first=gone[0], last=gone[1])
    return t.gettext(N_("Restored the copy of {date}.")).format(date=day)


def _readable(ctx: AppContext, text: str) -> str:
    text = _IIN_RE.sub(lambda m: shown_iin(ctx, m.group(0)), text)
    text = _UUID_RE.sub(r"\1", text)  # record ids as the Record column shows them
    return text if len(text) <= DETAILS_MAX else text[:DETAILS_MAX - 1] + "…"


def details_text(ctx: AppContext, row: AuditRow, t: Translator | None = None) -> str:
    """"Status: Registered → Status: Refused; …" in the reader's language (services.audit_words:
    field names and codes in words, dates dd.MM.yyyy, yes / no), IINs masked for roles that do
    not need them, cut to a readable length; `t`: the Translator (default: active)."""
    from desktop_app.i18n import active
    from desktop_app.services.audit_words import details_words

    t = t or active()
    before, after = details_words(ctx, row.before, t), details_words(ctx, row.after, t)
    text = f"{before} → {after}" if before and after else before or after
    restored = _restore_text(row, t)
    if restored is not None:
        text = f"{restored} {text}"
    return _readable(ctx, text)


def details_stored(ctx: AppContext, row: AuditRow) -> str:
    """The details as the log stores them ("status: registered → status: refused"), IINs masked
    as in `details_text`: what an administrator compares with the file itself."""
    before, after = _value_text(row.before), _value_text(row.after)
    text = f"{before} → {after}" if before and after else before or after
    return _readable(ctx, " ".join(text.split()))


class Cancellable(Protocol):
    """What `export_pdf` needs of a cancel token (ui.tasks.CancelToken)."""

    def raise_if_cancelled(self) -> None: ...


def export_pdf(ctx: AppContext, rows: Sequence[AuditRow], *, filters: str = "",
               language: str | None = None, progress: Callable[[int, int], None] | None = None,
               cancel: Cancellable | None = None) -> bytes:
    """The filtered rows as a PDF on the letterhead (documents.audit_report); the export itself is
    audited. `cancel` is a token with `raise_if_cancelled()` (ui.tasks.CancelToken)."""
    from desktop_app.documents.audit_report import AuditLine, audit_report
    from desktop_app.i18n import active

    require(ctx, Action.AUDIT_VIEW)
    t = Translator(language) if language else active()
    total = len(rows) + 1
    lines = []
    for n, row in enumerate(rows):
        if cancel is not None and n % 200 == 0:
            cancel.raise_if_cancelled()
            if progress:
                progress(n, total)
        try:
            at = t.datetime(dt.datetime.fromisoformat(row.at))
        except ValueError:
            at = row.at
        lines.append(AuditLine(id=row.id, at=at, user=row.user, action=row.action,
                               record=(row.record_uuid or "")[:8],
                               details=details_text(ctx, row, t)))
    report = audit_store.verify(ctx.db)
    chain = (t.gettext(N_("Chain check: whole ({rows} rows).")).format(rows=report.rows)
             if report.ok else
             t.gettext(N_("Chain check: BROKEN at row {row} of {rows}.")).format(
                 row=report.first_broken_id, rows=report.rows))
    pdf = audit_report(ctx.office, t, lines, printed_on=ctx.now().date(), filters=filters,
                       chain=chain, printed_by=ctx.user.full_name or ctx.user.login)
    with transaction(ctx.db):
        audit_store.record(ctx.db, at=ctx.now_iso(), user=ctx.user.login, action="audit.export",
                           table="audit_log", uuid=None,
                           after={"rows": len(rows), "filters": filters})
    if progress:
        progress(total, total)
    return pdf
