"""CLI commands of the USB round trip: `export --to DIR [--urgent] [--office CODE]`,
`import FILE...`, `keys show|export --to DIR|trust FILE [--fingerprint XXXX-XXXX-XXXX-XXXX]`.

Wired into cli.py by `register(subparsers, common)` and `COMMANDS`. Calls services only; any refused
file makes the exit status non-zero with a one-line reason.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app import i18n
from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_

EXIT_FAILED = 1


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    ex = sub.add_parser("export", parents=[common],
                        help="write the next batch (district mode: return batches) to a folder")
    ex.add_argument("--to", required=True, help="the folder to write to (the USB stick)")
    ex.add_argument("--urgent", action="store_true",
                    help="only the applications due before the next trip")
    ex.add_argument("--office", help="district mode: only this office's return batch")
    im = sub.add_parser("import", parents=[common], help="import batch files from the stick")
    im.add_argument("files", nargs="+")
    ks = sub.add_parser("keys", parents=[common], help="this office's key and trusted keys")
    ks.add_argument("action", choices=("show", "export", "trust"))
    ks.add_argument("file", nargs="?", help="trust: the other office's key file")
    ks.add_argument("--to", help="export: the folder to write the key file to")
    ks.add_argument("--fingerprint", help="trust: the fingerprint read out on the phone")


def _open(args: argparse.Namespace) -> AppContext:
    from desktop_app import cli_trust

    return cli_trust.open_for(args, demo=False)


def _export_row(r) -> dict:
    return {"file": str(r.path), "to": r.to, "seq": r.seq, "urgent": r.urgent, "counts": r.counts}


def cmd_export(args: argparse.Namespace) -> dict:
    from desktop_app.services import district, sync

    ctx = _open(args)
    try:
        if sync.mode(ctx) == "district" and not args.office:
            return {"batches": [_export_row(r) for r in district.export_returns(ctx, args.to)]}
        return _export_row(sync.export_batch(ctx, args.to, urgent=args.urgent,
                                             office_code=args.office))
    finally:
        ctx.close()


def cmd_import(args: argparse.Namespace) -> dict | int:
    from desktop_app.services import sync

    ctx = _open(args)
    try:
        reports = sync.import_batches(ctx, args.files)
    finally:
        ctx.close()
    rows = [{"file": str(r.path), "status": r.status, "from": r.sender, "seq": r.seq,
             "reason": r.reason_code, "gap": list(r.gap), "counts": r.counts,
             "message": r.message()} for r in reports]
    refused = [r for r in reports if r.status != "applied" and r.status != "already_imported"]
    if not refused:
        return {"files": rows}
    if args.json:
        print(json.dumps({"ok": False, "error": refused[0].reason_code or refused[0].status,
                          "message": refused[0].message(), "files": rows}, ensure_ascii=False))
    else:
        for r in reports:
            if r not in refused:
                print(r.message())
        print(refused[0].message().splitlines()[0], file=sys.stderr)
    return EXIT_FAILED


def cmd_keys(args: argparse.Namespace) -> dict:
    from desktop_app.services import sync

    ctx = _open(args)
    try:
        if args.action == "show":
            info = sync.key_info(ctx)
            return {"office": info.office_code, "mode": info.mode,
                    "fingerprint": info.fingerprint,
                    "trusted": [{"office": p.code, "mode": p.mode, "fingerprint": p.fingerprint}
                                for p in info.peers]}
        if args.action == "export":
            if not args.to:
                raise AppError(N_("Name the folder to write the key file to: --to DIR."),
                               code="usage")
            path, fingerprint = sync.export_key(ctx, args.to)
            return {"file": str(path), "fingerprint": fingerprint}
        if not args.file:
            raise AppError(N_("Name the key file to trust."), code="usage")
        peer, _ = sync.trust_key(ctx, args.file, expected_fingerprint=args.fingerprint)
        return {"office": peer.office_code, "mode": peer.mode, "fingerprint": peer.fingerprint,
                "note": i18n.active().gettext(N_("Confirm this fingerprint by phone with the "
                                                 "other office."))}
    finally:
        ctx.close()


COMMANDS = {"export": cmd_export, "import": cmd_import, "keys": cmd_keys}
