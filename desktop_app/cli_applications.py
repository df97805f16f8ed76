"""CLI commands for the life of an application and the office's day: `application complete |
correct | withdraw | void | show REG`, `household show IIN`, `today`.

Wired into cli.py by `register(subparsers, common)` and `COMMANDS`. Calls services only.
"""

from __future__ import annotations

import argparse
import datetime as dt

from desktop_app import i18n
from desktop_app.domain.application import Presented
from desktop_app.domain.errors import AppError
from desktop_app.domain.values import parse_date
from desktop_app.i18n import N_

APPLICATION_ACTIONS = ("complete", "correct", "withdraw", "void", "show")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    ap = sub.add_parser("application", parents=[common],
                        help="an application after intake: papers arrived, correct, withdraw, "
                             "void, show")
    ap.add_argument("action", choices=APPLICATION_ACTIONS)
    ap.add_argument("reg_no", help="the registration number")
    ap.add_argument("--document", action="append", default=[],
                    help="complete: a document id that arrived (repeat); correct: DOC=STATE "
                         "with STATE one of " + ", ".join(p.value for p in Presented))
    ap.add_argument("--on", help="complete: the day the papers arrived (default today)")
    ap.add_argument("--reason", default="", help="correct, withdraw, void: why")
    ap.add_argument("--requested-on", help="withdraw: the date of the citizen's written request")
    ap.add_argument("--incomplete-reason", default="",
                    help="correct: why a document marked missing is missing")
    for name in ("surname", "given-name", "patronymic", "iin", "birth-date", "sex", "address",
                 "phone"):
        ap.add_argument(f"--{name}", help="correct: the applicant's corrected " +
                        name.replace("-", " "))
    hh = sub.add_parser("household", parents=[common], help="the household book")
    hh.add_argument("action", choices=("show", "duplicates", "merge"))
    hh.add_argument("iin", nargs="?", default="",
                    help="show: the IIN of any member; merge: the IIN saved twice")
    hh.add_argument("--yes", action="store_true",
                    help="merge: confirm that the records are one citizen")
    sub.add_parser("today", parents=[common], help="the office's day: what must be done")


def _day(value: str | None, option: str, default: dt.date | None = None) -> dt.date:
    """A date option (dd.mm.yyyy or yyyy-mm-dd); the default, or a usage error, when absent."""
    if value:
        return parse_date(value, option)
    if default is not None:
        return default
    raise AppError(N_("This command needs {option}."), code="usage", option=option)


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _application_file(ctx, reg_no: str) -> dict:
    from desktop_app.domain.lifecycle import EVENT_LABELS, EventKind
    from desktop_app.services import applications
    from desktop_app.domain.application import PRESENTED_LABELS, STATUS_LABELS

    f = applications.show(ctx, reg_no)
    app, t = f.application, i18n.active()
    spec = ctx.catalogue.get(app.service_id)
    names = {d.id: t.text(d.name) for d in spec.documents}
    return {
        "reg_no": app.reg_no, "service": t.text(spec.name),
        "status": t.gettext(STATUS_LABELS[app.status]),
        "status_code": app.status.value, "applicant": f.applicant_name, "iin": f.applicant_iin,
        "accepted_at": _iso(app.accepted_at), "complete_at": _iso(app.complete_at),
        "forward_by": _iso(app.forward_by), "decision_due": _iso(app.decision_due),
        "due_state": f.due_state, "closed_on": _iso(app.closed_on),
        "closed_reason": app.closed_reason, "incomplete_reason": app.incomplete_reason,
        "checklist": [{"document": c.document_id, "name": names.get(c.document_id, ""),
                       "required": c.required, "presented": c.presented.value,
                       "presented_text": t.gettext(PRESENTED_LABELS[c.presented]),
                       "presented_on": _iso(c.presented_on)} for c in app.checklist],
        "history": [{"at": e["at"], "user": e["user"],
                     "event": t.gettext(EVENT_LABELS[EventKind(e.get("kind") or "status")]),
                     "from": e["status_from"], "to": e["status_to"], "note": e["note"],
                     "details": e.get("details")} for e in f.events],
        "papers": [{"kind": p["kind"], "issued_at": p["issued_at"], "by": p["issued_by"]}
                   for p in f.papers],
        "batch": {"seq": f.sync.sent_seq, "sent_at": f.sync.sent_at,
                  "acknowledged_at": f.sync.acked_at, "changed_since": f.sync.changed_since},
    }


def cmd_application(args: argparse.Namespace) -> dict:
    from desktop_app import cli_trust
    from desktop_app.services import applications, lifecycle

    ctx = cli_trust.open_for(args)
    try:
        if args.action == "show":
            return _application_file(ctx, args.reg_no)
        app = applications.by_reg_no(ctx, args.reg_no)
        if args.action == "complete":
            if not args.document:
                raise AppError(N_("This command needs {option}."), code="usage",
                               option="--document")
            done = lifecycle.complete_documents(ctx, app.id, args.document,
                                                on=_day(args.on, "--on", ctx.now().date()))
            return {"reg_no": app.reg_no, "status": done.application.status.value,
                    "still_missing": list(done.still_missing),
                    "decision_due": _iso(done.application.decision_due),
                    "forward_by": _iso(done.application.forward_by)}
        if args.action == "correct":
            person = {key: getattr(args, key) for key in lifecycle.PERSON_FIELDS
                      if getattr(args, key, None) is not None}
            documents = {}
            for item in args.document:
                doc, _, state = item.partition("=")
                try:
                    documents[doc.strip()] = Presented(state.strip())
                except ValueError:
                    raise AppError(N_("Not a document state: {value}."), code="usage",
                                   value=item) from None
            lifecycle.correct_application(ctx, app.id, lifecycle.Correction(
                reason=args.reason, person=person, documents=documents,
                incomplete_reason=args.incomplete_reason))
        elif args.action == "withdraw":
            lifecycle.withdraw(ctx, app.id, reason=args.reason,
                               requested_on=_day(args.requested_on, "--requested-on"))
        else:
            lifecycle.void(ctx, app.id, reason=args.reason)
        return {"reg_no": app.reg_no,
                "status": applications.by_reg_no(ctx, app.reg_no).status.value}
    finally:
        ctx.close()


def cmd_household(args: argparse.Namespace) -> dict:
    from desktop_app import cli_trust
    from desktop_app.services import household_book, households
    from desktop_app.services.guard import shown_iin

    ctx = cli_trust.open_for(args)
    try:
        if args.action == "duplicates":
            return {"duplicates": [{"iin": iin, "persons": [
                {"id": p.id, "name": p.full_name, "stored_as": p.iin} for p in persons]}
                for iin, persons in households.iin_duplicates(ctx)]}
        if args.action == "merge":
            changes = households.merge_iin_duplicates(ctx, args.iin, confirmed=args.yes)
            return {"merged": len(changes.persons), "iin": args.iin}
        if not args.iin:
            raise AppError(N_("This command needs {option}."), code="usage", option="IIN")
        _, person = households.lookup_iin(ctx, args.iin)
        hh = households.household_of(ctx, person.id) if person else None
        if person is None or hh is None:
            raise AppError(N_("Nobody with IIN {iin} is in a household."), code="not_found",
                           iin=args.iin)
        from desktop_app.domain.labels import RELATION_LABELS

        t = i18n.active()
        return {
            "household": hh.uuid, "address": hh.address, "book_ref": hh.book_ref,
            "members": [{"name": m.person.full_name, "iin": shown_iin(ctx, m.person.iin),
                         "born": _iso(m.person.birth_date),
                         "relation": t.gettext(RELATION_LABELS[m.relation])} for m in hh.members],
            "former_members": [{"name": f.person.full_name, "left_on": _iso(f.left_on),
                                "reason": f.reason}
                               for f in household_book.former_members(ctx, hh.id)],
            "history": [{"at": h.at, "user": h.user, "action": h.action, "who": h.who}
                        for h in household_book.history(ctx, hh.id)],
        }
    finally:
        ctx.close()


def cmd_today(args: argparse.Namespace) -> dict:
    from desktop_app import cli_trust
    from desktop_app.services import today

    ctx = cli_trust.open_for(args)
    try:
        d = today.today(ctx)

        def rows(items) -> list[dict]:
            return [{"reg_no": w.row.reg_no, "service": w.row.service_id,
                     "applicant": w.row.applicant, "due": _iso(w.due)} for w in items]

        return {
            "day": _iso(d.day), "overdue": rows(d.overdue), "due_soon": rows(d.due_soon),
            "incomplete": rows(d.incomplete),
            "to_hand_over": [{"reg_no": r.row.reg_no, "decision": r.decision}
                             for r in d.to_hand_over],
            "inspections": [{"date": _iso(day), "reg_no": r.reg_no} for day, r in d.inspections],
            "next_trip": _iso(d.next_trip),
            "before_trip": [{"reg_no": r.reg_no, "forward_by": _iso(r.forward_by)}
                            for r in d.before_trip],
            "unacknowledged_batches": [{"seq": b.seq, "to": b.peer_code,
                                        "sent_at": b.created_at} for b in d.unacknowledged],
            "parameters": [{"name": a.name, "missing": a.missing, "ends_on": _iso(a.ends_on)}
                           for a in d.parameter_alerts],
            "last_backup": _iso(d.last_backup), "backup_age_days": d.backup_age_days,
        }
    finally:
        ctx.close()


COMMANDS = {"application": cmd_application, "household": cmd_household, "today": cmd_today}
