"""CLI commands for papers: `print KIND ...` for every paper the office prints,
`verify PAYLOAD | --image FILE`, `complaint add ...` and `complaint review REG ...`.

Wired into cli.py by `register(subparsers, common)` and `COMMANDS`. Calls services only.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from desktop_app import i18n
from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_

KINDS = ("receipt", "certificate", "notice", "referral", "withdrawal", "journal",
         "handover-register", "complaint-talon", "complaints-journal", "form")
EXIT_NOT_GENUINE = 3


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pr = sub.add_parser("print", parents=[common], help="print a paper to PDF")
    pr.add_argument("kind", choices=KINDS)
    pr.add_argument("what", nargs="?", default="",
                    help="REG_NO (receipt, notice, referral, withdrawal, complaint-talon); "
                         "residence | "
                         "family_composition | tsa_recipient | farm_information (certificate); "
                         "SERVICE_ID (form)")
    pr.add_argument("--iin", help="certificate: the person it is for")
    pr.add_argument("--quarter", help="tsa_recipient: YYYY-Q, e.g. 2026-3")
    pr.add_argument("--from", dest="start", help="journals: first day (YYYY-MM-DD)")
    pr.add_argument("--to", dest="end", help="journals: last day (YYYY-MM-DD)")
    pr.add_argument("--day", help="handover-register: the day (YYYY-MM-DD)")
    pr.add_argument("--form", help="form: application | family_composition | "
                                   "income_information | farm_information")
    pr.add_argument("--languages", help="kk, ru or kk,ru (both side by side); default --lang")
    pr.add_argument("--head", default="", help="notice: the Department head's name")
    pr.add_argument("--out", required=True, help="the PDF file to write")
    ve = sub.add_parser("verify", parents=[common],
                        help="check a paper's QR code: genuine, altered or unknown office")
    ve.add_argument("payload", nargs="?", help="the QR code's text")
    ve.add_argument("--image", help="an image file (scan or photo) of the QR code")
    co = sub.add_parser("complaint", parents=[common],
                        help="record a complaint (add) or how it was reviewed (review REG)")
    co.add_argument("action", choices=("add", "review"))
    co.add_argument("reg_no", nargs="?", default="", help="review: the complaint's number")
    co.add_argument("--name", help="add: who complains")
    co.add_argument("--subject", help="add: what about")
    co.add_argument("--channel", choices=("oral", "written", "electronic"), default="oral")
    co.add_argument("--address", default="")
    co.add_argument("--phone", default="")
    co.add_argument("--out", help="add: also print the talon of acceptance to this PDF")
    co.add_argument("--justified", choices=("yes", "no"),
                    help="review: was the complaint found justified")
    co.add_argument("--on", dest="reviewed_on",
                    help="review: the day (18.11.2026 or 2026-11-18; default today)")
    co.add_argument("--outcome", default="", help="review: what was done")


def _day(value: str | None, name: str) -> dt.date:
    if not value:
        raise AppError(N_("This paper needs {option}."), code="usage", option=name)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AppError(N_("Not a date: {value} (expected e.g. 2026-11-20)."), code="bad_date",
                       value=value) from None


def _app_id(ctx, reg_no: str) -> int:
    from desktop_app.store import applications as app_store

    if not reg_no:
        raise AppError(N_("This paper needs the application's registration number."),
                       code="usage")
    return app_store.by_reg_no(ctx.db, reg_no).id


def _print(ctx, args: argparse.Namespace, langs: tuple[str, ...]) -> tuple[bytes, str]:
    from desktop_app.services import complaints, guard, households, office_papers, papers

    kind = args.kind
    if kind == "receipt":
        return papers.receipt_pdf(ctx, args.what, languages=langs)
    if kind == "certificate":
        if not args.iin:
            raise AppError(N_("A certificate needs --iin."), code="usage")
        guard.require(ctx, "issue_certificate")     # before any lookup: a known IIN tells nothing
        _, person = households.lookup_iin(ctx, args.iin)
        if person is None:
            raise AppError(N_("Nobody with IIN {iin} is registered."), code="not_found",
                           iin=args.iin)
        quarter = None
        if args.quarter:
            year, _, q = args.quarter.partition("-")
            if not (year.isdigit() and q.isdigit()):
                raise AppError(N_("Not a quarter: {value} (expected e.g. 2026-3)."),
                               code="usage", value=args.quarter)
            quarter = (int(year), int(q))
        pdf, reg_no, _ = papers.issue_certificate(ctx, args.what, person.id, languages=langs,
                                                  quarter=quarter)
        return pdf, reg_no
    if kind in ("notice", "referral"):
        guard.require(ctx, "print_paper")
    if kind == "notice":
        return office_papers.notice_pdf(ctx, _app_id(ctx, args.what), languages=langs,
                                        head_name=args.head)
    if kind == "referral":
        return office_papers.referral_pdf(ctx, _app_id(ctx, args.what), languages=langs)
    if kind == "withdrawal":
        return office_papers.withdrawal_pdf(ctx, _app_id(ctx, args.what), languages=langs)
    if kind == "journal":
        return office_papers.journal_pdf(ctx, _day(args.start, "--from"),
                                         _day(args.end, "--to"), languages=langs)
    if kind == "handover-register":
        return office_papers.handover_register_pdf(ctx, _day(args.day, "--day"),
                                                   languages=langs)
    if kind == "complaint-talon":
        return complaints.talon_pdf(ctx, args.what, languages=langs), args.what
    if kind == "complaints-journal":
        return complaints.journal_pdf(ctx, _day(args.start, "--from"), _day(args.end, "--to"),
                                      languages=langs)
    if not args.form:
        raise AppError(N_("A blank form needs --form."), code="usage")
    return office_papers.blank_form_pdf(ctx, args.what, args.form, languages=langs), ""


def cmd_print(args: argparse.Namespace) -> dict:
    from desktop_app import cli_trust
    from desktop_app.services import issued, papers

    ctx = cli_trust.open_for(args)
    try:
        langs = issued.languages_of(args.languages, args.lang or "kk")
        pdf, reg_no = _print(ctx, args, langs)
        out = Path(args.out)
        papers.write_pdf(pdf, out)
        return {"reg_no": reg_no, "file": str(out), "bytes": len(pdf)}
    finally:
        ctx.close()


def cmd_verify(args: argparse.Namespace) -> dict | int:
    import json
    import sys

    from desktop_app import cli_trust
    from desktop_app.services import issued

    if not args.payload and not args.image:
        raise AppError(N_("Give the QR code's text or --image FILE."), code="usage")
    ctx = cli_trust.open_for(args, demo=False)
    try:
        check = issued.verify_image(ctx, args.image) if args.image \
            else issued.verify_text(ctx, args.payload)
    finally:
        ctx.close()
    t = i18n.active()
    result = {"verdict": check.verdict.value,
              "message": t.gettext(issued.VERDICT_TEXT[check.verdict]),
              "office": check.office_code,
              "office_name": t.text(check.office_name) if check.office_name else "",
              "fingerprint": check.fingerprint, "facts": check.facts}
    if args.json:
        print(json.dumps({"ok": check.verdict == "genuine", **result}, ensure_ascii=False,
                         indent=1))
    else:
        print(result["message"])
        for key in ("office", "office_name", "fingerprint"):
            if result[key]:
                print(f"{key}: {result[key]}")
        for key, value in check.facts.items():
            print(f"  {key}: {value}")
    sys.stdout.flush()
    return 0 if check.verdict == "genuine" else EXIT_NOT_GENUINE



def cmd_complaint(args: argparse.Namespace) -> dict:
    from desktop_app import cli_trust
    from desktop_app.services import complaints, issued, papers

    if args.action == "review":
        return _review(args)
    for option, value in (("--name", args.name), ("--subject", args.subject)):
        if not value:
            raise AppError(N_("A complaint needs {option}."), code="usage", option=option)
    ctx = cli_trust.open_for(args)
    try:
        number, _ = complaints.record_complaint(ctx, complainant=args.name, subject=args.subject,
                                                channel=args.channel, address=args.address,
                                                phone=args.phone)
        out = {"reg_no": number}
        if args.out:
            langs = issued.languages_of(None, args.lang or "kk")
            papers.write_pdf(complaints.talon_pdf(ctx, number, languages=langs), Path(args.out))
            out["file"] = args.out
        return out
    finally:
        ctx.close()


def _review(args: argparse.Namespace) -> dict:
    from desktop_app import cli_trust
    from desktop_app.domain.values import parse_date
    from desktop_app.services import complaints

    if not args.reg_no:
        raise AppError(N_("A review needs the complaint's number."), code="usage")
    if not args.justified:
        raise AppError(N_("A review needs {option}."), code="usage", option="--justified yes|no")
    ctx = cli_trust.open_for(args)
    try:
        day = parse_date(args.reviewed_on, "reviewed_on") if args.reviewed_on \
            else ctx.now().date()
        complaints.review_complaint(ctx, args.reg_no, justified=args.justified == "yes",
                                    reviewed_on=day, outcome=args.outcome)
        return {"reg_no": args.reg_no, "justified": args.justified == "yes",
                "reviewed_on": day.isoformat(), "outcome": args.outcome.strip()}
    finally:
        ctx.close()


COMMANDS = {"print": cmd_print, "verify": cmd_verify, "complaint": cmd_complaint}
