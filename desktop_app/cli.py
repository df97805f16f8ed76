"""The command line: the same services as the GUI, headless. Exit 0 on success, else a one-line
reason.

`akimat-desk` with no command starts the GUI; see `akimat-desk --help`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

from desktop_app import (
    __version__,
    cli_applications,
    cli_papers,
    cli_params,
    cli_reports,
    cli_sync,
    cli_trust,
    i18n,
)
from desktop_app.domain.errors import AppError
from desktop_app.i18n import _

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="office data folder (default: the user data folder)")
    common.add_argument("--json", action="store_true", help="print machine-readable JSON")
    common.add_argument("--lang", choices=i18n.LOCALES, default=None,
                        help="language of messages and papers (default kk)")
    p = argparse.ArgumentParser(prog="akimat-desk", parents=[common],
                                description="Akimat Desk: offline desk of a rural akimat office.")
    p.add_argument("--version", action="version", version=f"akimat-desk {__version__}")
    p.add_argument("--demo", action="store_true",
                   help="GUI: on a first start, open the demo village instead of the set-up")
    p.add_argument("--self-test", action="store_true",
                   help="open a temporary database, migrate, render one PDF, exit 0")
    p.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)  # CI, bundle
    sub = p.add_subparsers(dest="command")
    cli_trust.register(sub, common)  # audit, backup, restore, users; --user for every command
    cli_sync.register(sub, common)  # export, import, keys: the USB round trip
    demo = sub.add_parser("demo", parents=[common], help="load a realistic demo village")
    demo.add_argument("--households", type=int, default=40)
    iin = sub.add_parser("iin", parents=[common], help="check an IIN and show birth date and sex")
    iin.add_argument("iin")
    dl = sub.add_parser("deadline", parents=[common], help="deadlines of a service")
    dl.add_argument("service_id")
    dl.add_argument("--accepted", required=True, help="ISO date-time of acceptance")
    dl.add_argument("--route", choices=("akim", "department"), default="akim")
    cat = sub.add_parser("catalog", parents=[common], help="the service catalogue")
    cat.add_argument("action", choices=("list", "check"))
    cli_papers.register(sub, common)  # print KIND ..., verify, complaint
    cli_applications.register(sub, common)  # application ..., household show, today
    cli_reports.register(sub, common)  # report summary
    cli_params.register(sub, common)  # params status
    # The common options stand before or after the command. argparse shares the option objects
    # between the parsers, and a subparser would overwrite what the main parser read with its
    # own default: so no parser sets a default, and main() fills in what nobody gave.
    for action in common._actions:
        COMMON_DEFAULTS.setdefault(action.dest, action.default)
        action.default = argparse.SUPPRESS
    return p


COMMON_DEFAULTS: dict[str, object] = {}


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    for dest, default in COMMON_DEFAULTS.items():
        if not hasattr(args, dest):
            setattr(args, dest, default)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    lang = args.lang or "kk"
    i18n.install(i18n.Translator(lang))
    if args.self_test:
        return _self_test()
    if args.smoke_test:  # a demo office signed in offscreen, every page, one paper
        from desktop_app.ui.smoke import run_smoke

        return run_smoke()
    if args.command is None:
        from desktop_app.ui.app import run_gui

        return run_gui(args.data_dir, demo_on_first_start=args.demo)
    try:
        result = COMMANDS[args.command](args)
    except AppError as exc:
        _fail(args, exc.message(), exc.code)
        return EXIT_FAILED
    except OSError as exc:
        _fail(args, _("Cannot write or read a file: {detail}").format(
            detail=exc.strerror or str(exc)), "os")
        return EXIT_FAILED
    if isinstance(result, int):
        return result
    _out(args, result)
    return EXIT_OK


def _fail(args: argparse.Namespace, message: str, code: str) -> None:
    if args.json:
        print(json.dumps({"ok": False, "error": code, "message": message}, ensure_ascii=False))
    else:
        print(message.splitlines()[0] if message else code, file=sys.stderr)


def _out(args: argparse.Namespace, result: dict) -> None:
    if args.json:
        print(json.dumps({"ok": True, **result}, ensure_ascii=False, default=str, indent=1))
    else:
        for key, value in result.items():
            if isinstance(value, list):
                for item in value:
                    print(item if not isinstance(item, dict)
                          else "  ".join(map(str, item.values())))
            else:
                print(f"{key}: {value}")


def _context(args: argparse.Namespace, demo: bool = True):
    return cli_trust.open_for(args, demo=demo)  # signed in as --user


# commands --------------------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> dict:
    from desktop_app.services.demo import load_demo_village

    ctx = _context(args, demo=False)
    try:
        changes = load_demo_village(ctx, households=args.households)
        return {"households": len(changes.households), "applications": len(changes.applications),
                "data_file": str(ctx.db_path)}
    finally:
        ctx.close()


def cmd_iin(args: argparse.Namespace) -> dict:
    from desktop_app.domain.iin import parse_iin

    info = parse_iin(args.iin)
    t = i18n.active()
    return {"iin": info.iin, "birth_date": info.birth_date.isoformat(),
            "birth_date_text": t.long_date(info.birth_date), "sex": info.sex.value}


def cmd_deadline(args: argparse.Namespace) -> dict:
    from desktop_app.domain.calendar import load_calendar
    from desktop_app.domain.catalogue_loader import load_catalogue
    from desktop_app.domain.deadlines import compute_deadlines
    from desktop_app.paths import data_root

    try:
        accepted = dt.datetime.fromisoformat(args.accepted)
    except ValueError:
        raise AppError(i18n.N_("Not a date and time: {value} (expected e.g. 2026-11-20T10:30)."),
                       code="bad_datetime", value=args.accepted) from None
    spec = load_catalogue(data_root() / "services").get(args.service_id)
    d = compute_deadlines(spec, accepted, load_calendar(data_root() / "calendar"),
                          route=args.route)
    return {"service": spec.id, "accepted": accepted.isoformat(),
            "decision_due": d.decision_due, "forward_by": d.forward_by, "result_by": d.result_by,
            "flags": list(d.flags)}


def cmd_catalog(args: argparse.Namespace) -> dict | int:
    from desktop_app.domain.catalogue_loader import check_catalogue, load_catalogue
    from desktop_app.paths import data_root

    folder = data_root() / "services"
    t = i18n.active()
    if args.action == "check":
        problems = check_catalogue(folder)
        if problems:
            if args.json:
                print(json.dumps({"ok": False, "problems": [
                    {"file": p.file, "field": p.field, "reason": p.reason} for p in problems]},
                    ensure_ascii=False))
            else:
                for p in problems:
                    print(p.message(t), file=sys.stderr)
            return EXIT_FAILED
        return _office_rules(args, load_catalogue(folder).all())
    return {"services": [{"id": s.id, "role": s.akim_role.value, "name": t.text(s.name)}
                         for s in load_catalogue(folder).all()]}


def _office_rules(args: argparse.Namespace, specs: list) -> int:
    """The catalogue is sound: list, for information, every fact that is an office rule rather
    than the act's (exit 0)."""
    from desktop_app.domain.catalogue_office_rules import office_rules

    rules = office_rules(specs)
    if args.json:
        print(json.dumps({"ok": True, "checked": len(specs), "problems": 0,
                          "office_rules": [r.to_dict() for r in rules]},
                         ensure_ascii=False, indent=1))
        return EXIT_OK
    t = i18n.active()
    print(t.gettext(i18n.N_("{n} service files checked, no problems.")).format(n=len(specs)))
    print(t.ngettext("{n} fact is an office rule, not the act's:",
                     "{n} facts are office rules, not the act's:", len(rules)).format(
                         n=len(rules)))
    for rule in rules:
        print("  " + rule.message(t))
    return EXIT_OK


COMMANDS = {"demo": cmd_demo, "iin": cmd_iin, "deadline": cmd_deadline, "catalog": cmd_catalog}
COMMANDS.update(cli_papers.COMMANDS)
COMMANDS.update(cli_trust.COMMANDS)
COMMANDS.update(cli_sync.COMMANDS)
COMMANDS.update(cli_applications.COMMANDS)
COMMANDS.update(cli_reports.COMMANDS)
COMMANDS.update(cli_params.COMMANDS)


def _self_test() -> int:
    import tempfile

    from desktop_app.services import papers
    from desktop_app.services.setup import open_context

    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(tmp, demo=True)
        try:
            reg_no = ctx.db.execute("SELECT reg_no FROM applications LIMIT 1").fetchone()[0]
            pdf, _ = papers.receipt_pdf(ctx, reg_no, language="kk")
        finally:
            ctx.close()
    print("self-test ok" if pdf.startswith(b"%PDF") else "self-test failed")
    return EXIT_OK if pdf.startswith(b"%PDF") else EXIT_FAILED
