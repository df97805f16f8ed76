"""CLI commands of the legal parameters: `params status [--on DATE]`, the values missing on a day
or ending within 31 days with nothing after them (the Today page's list, from the same service).

Wired into cli.py by `register(subparsers, common)` and `COMMANDS`. Calls services only; the list
is for information, so the exit status is 0 even when values are missing.
"""

from __future__ import annotations

import argparse
import json

from desktop_app import i18n
from desktop_app.i18n import N_

WITHIN_DAYS = 31


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pa = sub.add_parser("params", parents=[common], help="the legal parameters in force")
    pa.add_argument("action", choices=("status",))
    pa.add_argument("--on", help="the day to look from (default today), e.g. 2027-01-05")


def cmd_params(args: argparse.Namespace) -> int:
    from desktop_app import cli_trust
    from desktop_app.domain.values import parse_date
    from desktop_app.services import parameters

    ctx = cli_trust.open_for(args, demo=False)
    try:
        day = parse_date(args.on, "on") if args.on else ctx.now().date()
        alerts = parameters.alerts(ctx, day, within_days=WITHIN_DAYS)
        region = ctx.office.region
    finally:
        ctx.close()
    if args.json:
        print(json.dumps({"ok": True, "on": day.isoformat(), "region": region,
                          "within_days": WITHIN_DAYS, "parameters": [
                              {"name": a.name, "title": a.title, "missing": a.missing,
                               "ends_on": a.ends_on.isoformat() if a.ends_on else None}
                              for a in alerts]}, ensure_ascii=False, indent=1))
        return 0
    t = i18n.active()
    if not alerts:
        print(t.gettext(N_("Every parameter has a value on {date} and for the {n} days after "
                           "it.")).format(date=t.date(day), n=WITHIN_DAYS))
    for a in alerts:
        if a.missing:
            line = t.gettext(N_("{title} ({name}): no value in force on {date}")).format(
                title=t.text(a.title), name=a.name, date=t.date(day))
        else:
            line = t.gettext(N_("{title} ({name}): ends on {date}, no value follows")).format(
                title=t.text(a.title), name=a.name, date=t.date(a.ends_on))
        print(line)
    return 0


COMMANDS = {"params": cmd_params}
