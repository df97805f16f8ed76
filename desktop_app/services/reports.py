"""Reports for the GUI and the CLI: the summary of a period (the office's own, or per office at the
district), the district's lists (silent offices, decisions past due, duplicates), and the report as
an XLSX, CSV or PDF file.

Calls reports/ (rows), documents/report_summary (the PDF) and store (settings). Role-checked: any
signed-in specialist, akim or district operator (counts only; no names leave in these files).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.context import AppContext
from desktop_app.documents import report_summary as paper
from desktop_app.domain.errors import AppError, ValidationError
from desktop_app.i18n import N_, Translator
from desktop_app.reports import district as district_report
from desktop_app.reports import facts as report_facts
from desktop_app.reports import files
from desktop_app.reports.period import Period
from desktop_app.reports.summary import BY, INDICATORS, Summary, columns, summarise, values
from desktop_app.services.guard import require
from desktop_app.store import settings

FORMATS = ("xlsx", "csv", "pdf")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Report:
    summary: Summary
    office_names: dict[str, dict[str, str]]      # code -> {"kk", "ru"}
    silent_days: int = 0
    silent: list[district_report.SilentOffice] = field(default_factory=list)
    past_due: list[district_report.PastDue] = field(default_factory=list)
    duplicates: list[district_report.DuplicateRow] = field(default_factory=list)

    @property
    def is_district(self) -> bool:
        return self.summary.mode == "district"


def _mode(ctx: AppContext) -> str:
    return settings.get(ctx.db, "office.mode") or "village"


def is_district(ctx: AppContext) -> bool:
    return _mode(ctx) == "district"


def services_offered(ctx: AppContext) -> list[tuple[str, dict[str, str]]]:
    """(id, short name) of every service, in catalogue order, for the service picker."""
    return [(s.id, s.short_name) for s in ctx.catalogue.all()]


def _offices(ctx: AppContext) -> dict[str, dict[str, str]]:
    names = {ctx.office.code: dict(ctx.office.name)}
    for code, kk, ru in ctx.db.execute("SELECT code, name_kk, name_ru FROM sync_peers"
                                       " WHERE mode = 'village' ORDER BY code"):
        names[code] = {"kk": kk or code, "ru": ru or code}
    return names


def summary_report(ctx: AppContext, start: dt.date, end: dt.date, *,
                   service_id: str | None = None, by: str | None = None,
                   progress: Progress | None = None, cancel: Any = None) -> Report | None:
    """The report for [start, end] (None when cancelled). At a village office the rows are its
    services; at the district, its offices (`by="office"`), or offices and services."""
    require(ctx, "view_reports")
    period = Period(start, end)
    if service_id and service_id not in ctx.catalogue:
        raise ValidationError("service", N_("Unknown service: {service}."), code="service",
                              service=service_id)
    mode = _mode(ctx)
    by = by or ("office" if mode == "district" else "service")
    if by not in BY:
        raise ValidationError("by", N_("Unknown grouping: {by}."), code="by", by=by)
    step = progress or (lambda done, total: None)
    today = ctx.now().date()
    review = ctx.parameters.value("complaint_review_days", today)
    step(0, 3)
    if mode == "district":
        facts = report_facts.district_facts(ctx.db, ctx.catalogue, start, end, service_id)
        complaints = report_facts.district_complaints(ctx.db, start, end)
    else:
        facts = report_facts.office_facts(ctx.db, ctx.catalogue, start, end, ctx.office.code,
                                          service_id)
        complaints = report_facts.office_complaints(ctx.db, start, end)
    if cancel is not None and cancel.cancelled:
        return None
    step(1, 3)
    names = _offices(ctx)
    offices = [c for c in names if c != ctx.office.code] if mode == "district" else []
    summary = summarise(facts, complaints, catalogue=ctx.catalogue, period=period, today=today,
                        by=by, service_id=service_id, mode=mode, review_days=int(review.value),
                        offices=offices if not service_id else ())
    step(2, 3)
    report = Report(summary, names)
    if mode == "district":
        days = settings.get(ctx.db, "reports.silent_office_days")
        report = Report(summary, names, days,
                        district_report.silent_offices(ctx.db, today, days),
                        district_report.past_due(ctx.db, today, service_id),
                        district_report.duplicates(ctx.db, service_id))
    step(3, 3)
    return report


# the report as translated tables ----------------------------------------------------------------

def _period_text(t: Translator, period: Period) -> str:
    return t.gettext(N_("for the period from {start} to {end}")).format(
        start=t.date(period.start), end=t.date(period.end))


def _service_name(ctx: AppContext, t: Translator) -> Callable[[str], str]:
    def name(service_id: str) -> str:
        if service_id in ctx.catalogue:
            return t.text(ctx.catalogue.get(service_id).short_name)
        return service_id
    return name


def _office_name(report: Report, t: Translator) -> Callable[[str], str]:
    def name(code: str) -> str:
        return t.text(report.office_names[code]) if code in report.office_names else code
    return name


def title(report: Report, t: Translator) -> str:
    return t.gettext(N_("District summary report") if report.is_district
                     else N_("Summary report"))


def subtitle(ctx: AppContext, report: Report, t: Translator) -> str:
    text = _period_text(t, report.summary.period)
    if report.summary.service_id:
        text += "; " + _service_name(ctx, t)(report.summary.service_id)
    return text


def summary_table(ctx: AppContext, report: Report, t: Translator
                  ) -> tuple[list[str], list[str], list[list[files.Cell]]]:
    """(column keys, translated header, typed rows) of the summary."""
    cols = columns(report.summary)
    keys = [k for k, _ in cols]
    header = [t.gettext(label) for _, label in cols]
    rows = [values(r, keys, _office_name(report, t), _service_name(ctx, t), t)
            for r in report.summary.rows]
    return keys, header, rows


def _month_label(t: Translator, month: str) -> str:
    year, number = month.split("-")
    return t.date(dt.date(int(year), int(number), 1), "LLL yyyy")


def month_series(report: Report, t: Translator) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """The chart: month labels and the three series (received, forwarded on time, late)."""
    months = report.summary.months
    return ([_month_label(t, m.month) for m in months],
            [(t.gettext(N_("Received")), [m.received for m in months]),
             (t.gettext(N_("Forwarded on time")), [m.on_time for m in months]),
             (t.gettext(N_("Forwarded late")), [m.late for m in months])])


def district_tables(ctx: AppContext, report: Report, t: Translator
                    ) -> list[tuple[str, list[str], Sequence[Sequence[files.Cell]]]]:
    """(heading, header, rows) of the district's three lists."""
    office, service = _office_name(report, t), _service_name(ctx, t)
    silent = (t.gettext(N_("Offices with no batch for more than {days} days"))
              .format(days=report.silent_days),
              [t.gettext(N_("Village office")), t.gettext(N_("Last batch")),
               t.gettext(N_("Days without a batch"))],
              [[office(s.office_code),
                t.datetime(dt.datetime.fromisoformat(s.last_in_at)) if s.last_in_at
                else t.gettext(N_("never")), s.days] for s in report.silent])
    due: tuple[str, list[str], list[list[files.Cell]]] = (
        t.gettext(N_("Waiting for a decision past the due date")),
           [t.gettext(N_("Village office")), t.gettext(N_("Reg. No")), t.gettext(N_("Service")),
            t.gettext(N_("Accepted")), t.gettext(N_("Due")), t.gettext(N_("Days overdue"))],
           [[office(p.office_code), p.reg_no, service(p.service_id),
             t.date(dt.date.fromisoformat(p.accepted_on)),
             t.date(dt.date.fromisoformat(p.decision_due)), p.days_over]
            for p in report.past_due])
    dups = (t.gettext(N_("The same person in two or more villages")),
            [t.gettext(N_("Service")), t.gettext(N_("Offices")), t.gettext(N_("Reg. No"))],
            [[service(d.service_id), ", ".join(office(e[0]) for e in d.entries),
              ", ".join(e[1] for e in d.entries)] for d in report.duplicates])
    return [silent, due, dups]


def notes(report: Report, t: Translator) -> list[str]:
    return [t.gettext(N_("Forwarded on time or late: against the forward-by date; late also "
                         "counts what is still not forwarded after it. Indicator 1.1 measures "
                         "the service's own term: the decision due date, the forward-by date of "
                         "a forwarded service, or the minutes of a paper issued at once."))]


def _cell_text(t: Translator, value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return t.number(value)
    return str(value)


def sheets(ctx: AppContext, report: Report, t: Translator) -> list[files.Sheet]:
    head = title(report, t)
    sub = subtitle(ctx, report, t)
    _, header, rows = summary_table(ctx, report, t)
    out = [files.Sheet(t.gettext(N_("Summary")), head, sub, header, rows, total_last=True)]
    labels, series = month_series(report, t)
    out.append(files.Sheet(t.gettext(N_("By month")), head, sub,
                           [t.gettext(N_("Month"))] + [s[0] for s in series],
                           [[m, *(s[1][i] for s in series)] for i, m in enumerate(labels)]))
    if report.is_district:
        for heading, hdr, data in district_tables(ctx, report, t):
            out.append(files.Sheet(heading, heading, sub, hdr, data))
    return out


def _pdf(ctx: AppContext, report: Report, t: Translator) -> bytes:
    keys, header, rows = summary_table(ctx, report, t)
    first = sum(1 for k in keys[:2] if k in ("office", "service"))
    counts = [i for i, k in enumerate(keys) if not k.startswith(("ind:", "target:"))]
    ind_cols = [(code, keys.index(f"ind:{code}"), keys.index(f"target:{code}"))
                for code in INDICATORS]
    labels, series = month_series(report, t)
    tables = [paper.ReportTable(
        t.gettext(N_("Applications")), [header[i] for i in counts],
        [[_cell_text(t, r[i]) for i in counts] for r in rows],
        [0.16 if i < first else 0.84 / (len(counts) - first) for i in range(len(counts))]),
        paper.ReportTable(
        t.gettext(N_("Indicators of the standards (value / target)")),
        [header[i] for i in range(first)] + [t.gettext(INDICATORS[c][0]) for c, _, _ in ind_cols],
        [[_cell_text(t, r[i]) for i in range(first)]
         + [f"{_cell_text(t, r[v])} / {_cell_text(t, r[g])}" for _, v, g in ind_cols]
         for r in rows],
        [0.16] * first + [(1 - 0.16 * first) / len(ind_cols)] * len(ind_cols))]
    if report.is_district:
        for heading, hdr, data in district_tables(ctx, report, t):
            tables.append(paper.ReportTable(
                heading, hdr, [[_cell_text(t, v) for v in row] for row in data],
                [1 / len(hdr)] * len(hdr), empty=t.gettext(N_("None."))))
    doc = paper.ReportPaper(title(report, t), subtitle(ctx, report, t), labels, series,
                            t.gettext(N_("Received, forwarded on time and late by month")), tables,
                            notes(report, t))
    return paper.render_report(ctx.office, doc, t, reg_no="", issued_on=ctx.now().date())


def export(ctx: AppContext, report: Report, path: Path | str, *, language: str = "kk") -> Path:
    """Write the report to `path`; the file's suffix (.xlsx, .csv, .pdf) chooses the format."""
    require(ctx, "view_reports")
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise AppError(N_("A report is written as .xlsx, .csv or .pdf, not {name}."),
                       code="format", name=path.name)
    t = Translator(language)
    try:
        if kind == "xlsx":
            files.write_xlsx(path, sheets(ctx, report, t))
        elif kind == "csv":
            files.write_csv(path, sheets(ctx, report, t)[0])
        else:
            from desktop_app.services.papers import write_pdf

            write_pdf(_pdf(ctx, report, t), path)
    except OSError as exc:
        raise AppError(N_("Cannot write {name}: {reason}"), code="write_failed", name=str(path),
                       reason=exc.strerror or str(exc)) from exc
    return path


def as_json(ctx: AppContext, report: Report, t: Translator) -> dict:
    """The report as plain data (the CLI's --json)."""
    keys, _, rows = summary_table(ctx, report, t)
    s = report.summary
    out: dict[str, Any] = {
        "mode": s.mode, "from": s.period.start.isoformat(), "to": s.period.end.isoformat(),
        "service": s.service_id, "by": s.by,
        "rows": [{"office": r.office_code, "service": r.service_id, **{
            k: v for k, v in zip(keys, row, strict=True) if k not in ("office", "service")}}
            for r, row in zip(s.rows, rows, strict=True)],
        "months": [{"month": m.month, "received": m.received, "on_time": m.on_time,
                    "late": m.late} for m in s.months]}
    if report.is_district:
        out["silent_offices"] = [{"office": x.office_code, "last_in_at": x.last_in_at,
                                  "days": x.days} for x in report.silent]
        out["past_due"] = [vars(p) for p in report.past_due]
        out["duplicates"] = [{"service": d.service_id, "entries": [
            {"office": e[0], "reg_no": e[1], "status": e[2]} for e in d.entries]}
            for d in report.duplicates]
    return out
