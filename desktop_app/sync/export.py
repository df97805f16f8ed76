"""Export: choose what a batch carries, build its manifest, and write the file atomically.

Imports store (snapshots, district, sync_log) and sync.format. A regular batch carries every record
changed since the change the receiver last acknowledged, so a lost or forgotten stick loses nothing:
the next batch carries it again. An urgent batch carries only the applications given (and their
people) and does not move the acknowledged point forward.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import __version__
from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_
from desktop_app.oscompat import fsync_dir
from desktop_app.store import audit_anchor, snapshots, sync_log, sync_records
from desktop_app.store import district as district_store
from desktop_app.store.sync_log import Peer
from desktop_app.sync.format import BATCH_SUFFIX, RECORD_KIND, read_envelope

if TYPE_CHECKING:
    import sqlite_utils

_KIND_ORDER = {k: i for i, k in enumerate(("household", "person", "application", "paper",
                                            "handover", "complaint", "public_works_participant",
                                            "public_works_timesheet", "result", "referral",
                                            "parameter_value", "calendar_day"))}


def _reader(kind: str):
    if kind == "result":
        return district_store.result
    if kind == "referral":
        return district_store.referral
    if kind in sync_records.READERS:
        return sync_records.READERS[kind]
    return lambda db, uuid: snapshots.snapshot(db, kind, uuid)


def collect(db: sqlite_utils.Database, pairs: list[tuple[str, str]]) -> list[dict]:
    """The current state of each (kind, uuid), in a stable order; vanished records are skipped."""
    out = []
    for kind, uuid in sorted(set(pairs), key=lambda p: (_KIND_ORDER.get(p[0], 99), p[1])):
        rec = _reader(kind)(db, uuid)
        if rec is not None:
            out.append({**rec, RECORD_KIND: kind})
    return out


def urgent_pairs(db: sqlite_utils.Database, application_uuids: list[str]) -> list[tuple[str, str]]:
    """The applications with their household and every member, so the district can decide."""
    pairs: list[tuple[str, str]] = []
    for uuid in application_uuids:
        pairs.append(("application", uuid))
        row = db.execute("SELECT a.household_id, p.uuid, h.uuid FROM applications a"
                         " JOIN persons p ON p.id = a.applicant_id"
                         " LEFT JOIN households h ON h.id = a.household_id WHERE a.uuid = ?",
                         [uuid]).fetchone()
        if row is None:
            continue
        pairs.append(("person", row[1]))
        if row[0] is not None:
            pairs.append(("household", row[2]))
            pairs += [("person", r[0]) for r in db.execute(
                "SELECT uuid FROM persons WHERE household_id = ?", [row[0]])]
    return pairs


def build(db: sqlite_utils.Database, *, me: dict, peer: Peer, created_at: str,
          urgent_applications: list[str] | None = None) -> tuple[dict, list[dict]]:
    """Manifest and records of the next batch for `peer`; `me` has code, uuid and mode."""
    if urgent_applications is not None:
        records = collect(db, urgent_pairs(db, urgent_applications))
        covers = peer.acked_upto
    else:
        office = peer.code if me["mode"] == "district" else None
        records = collect(db, sync_log.changed_since(db, peer.acked_upto, office))
        covers = sync_log.last_change(db)
    counts: dict[str, int] = {}
    for rec in records:
        counts[rec[RECORD_KIND]] = counts.get(rec[RECORD_KIND], 0) + 1
    stamps = sorted(str(r.get("updated_at") or "") for r in records if r.get("updated_at"))
    manifest = {
        "from": me["code"], "from_uuid": me["uuid"], "from_mode": me["mode"], "to": peer.code,
        "seq": peer.last_seq_out + 1, "base_seq": peer.acked_seq, "covers": covers,
        "ack": {"seq": peer.last_seq_in, "covers": peer.covered_in},
        "created_at": created_at, "urgent": urgent_applications is not None,
        "time_range": {"from": stamps[0] if stamps else None, "to": stamps[-1] if stamps else None},
        "counts": counts, "app_version": __version__,
    }
    if me["mode"] == "district":   # the office's chain as the district holds it, sent back
        checkpoint = audit_anchor.checkpoint_for(db, peer.code)
        if checkpoint is not None:
            manifest["audit_checkpoint"] = checkpoint
    else:                          # the office's audit rows since the checkpoint, and the head
        manifest["audit"] = audit_anchor.outgoing(db)
    return manifest, records


def file_name(manifest: dict) -> str:
    """`<from>_to_<to>_<date>_<seq>[_urgent].akb`: office, date and number readable on a stick."""
    def safe(text: str) -> str:
        return "".join(c if c.isalnum() or c in "-" else "_" for c in text)

    day = manifest["created_at"][:10]
    tail = "_urgent" if manifest.get("urgent") else ""
    return (f"{safe(manifest['from'])}_to_{safe(manifest['to'])}_{day}_{manifest['seq']:04d}"
            f"{tail}{BATCH_SUFFIX}")


def export_failed(folder: Path, exc: BaseException) -> AppError:
    detail = getattr(exc, "strerror", None) or str(exc)
    return AppError(N_("The batch could not be written to {folder} ({detail}). Perhaps the stick "
                       "was pulled out: the files already on it are intact, and this batch is not "
                       "counted as sent. Insert the stick and export again."),
                    code="export_failed", folder=str(folder), detail=detail)


def write_file(folder: Path, name: str, data: bytes) -> Path:
    """Temporary file, fsync, rename, then read back and compare before saying it is done."""
    folder = Path(folder)
    final, part = folder / name, folder / (name + ".part")
    try:
        with open(part, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, final)
        fsync_dir(folder)
        back = final.read_bytes()
        if back != data:
            with contextlib.suppress(OSError):
                final.unlink()
            raise OSError(0, "the file read back differs from what was written")
        read_envelope(back, name)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        raise export_failed(folder, exc) from exc
    return final


