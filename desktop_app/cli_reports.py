"""CLI command for reports: `report summary --from DATE --to DATE [--service ID] [--by office]
--out FILE.xlsx|FILE.csv|FILE.pdf [--json]`.

Wired into cli.py by `register(subparsers, common)` and `COMMANDS`. Calls services only.
"""

from __future__ import annotations

import argparse
import datetime as dt

from desktop_app import i18n
from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rp = sub.add_parser("report", parents=[common],
                        help="reports: what the office (or the district) did in a period")
    rp.add_argument("kind", choices=("summary",))
    rp.add_argument("--from", dest="start", required=True, help="first day (YYYY-MM-DD)")
    rp.add_argument("--to", dest="end", required=True, help="last day (YYYY-MM-DD)")
    rp.add_argument("--service", help="one service id (see `catalog list`)")
    rp.add_argument("--by", choices=("service", "office", "office_service"),
                    help="rows per service (village default), office (district default), or both")
    rp.add_argument("--out", required=True, help="the file to write: .xlsx, .csv or .pdf")


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AppError(N_("Not a date: {value} (expected e.g. 2026-11-20)."), code="bad_date",
                       value=value) from None


def cmd_report(args: argparse.Namespace) -> dict:
    from desktop_app import cli_trust
    from desktop_app.services import reports

    start, end = _day(args.start), _day(args.end)
    ctx = cli_trust.open_for(args)
    try:
        report = reports.summary_report(ctx, start, end, service_id=args.service, by=args.by)
        assert report is not None  # nothing cancels a CLI run
        lang = args.lang or "kk"
        path = reports.export(ctx, report, args.out, language=lang)
        out = {"file": str(path)}
        if args.json:
            out.update(reports.as_json(ctx, report, i18n.Translator(lang)))
        else:
            total = report.summary.rows[-1]
            out.update(received=total.received, on_time=total.on_time, late=total.late)
        return out
    finally:
        ctx.close()


COMMANDS = {"report": cmd_report}
