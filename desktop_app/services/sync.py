"""The USB round trip as use cases: export a batch, import batches, show, export and trust keys, and
the applications that cannot wait for the weekly trip.

Calls sync/ and store/. Each export and each imported file is one transaction with its audit row;
long calls take `progress(done, total)` and a `CancelToken` for the GUI's background task.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, BatchRejected, NotFound, ValidationError
from desktop_app.i18n import N_, Translator
from desktop_app.services import Changes
from desktop_app.services.sync_plan import due_before_trip, guard, mode, next_trip
from desktop_app.store import audit, audit_anchor, settings, sync_log
from desktop_app.store.db import transaction
from desktop_app.sync import export as exporter
from desktop_app.sync import format as fmt
from desktop_app.sync import importer, keys, schema

if TYPE_CHECKING:
    from nacl.signing import VerifyKey

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


class CancelToken:
    """Set by the GUI's Cancel button; checked between steps (a started batch always finishes)."""

    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def me(ctx: AppContext) -> dict:
    return {"code": ctx.office.code, "uuid": ctx.office.uuid, "mode": mode(ctx)}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    to: str
    seq: int
    urgent: bool
    counts: dict[str, int]
    changes: Changes


@dataclass(frozen=True)
class ImportReport:
    path: Path
    status: str                        # "applied", "already_imported", "refused", "cancelled"
    sender: str = ""
    seq: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    gap: tuple[int, ...] = ()          # batch numbers that never arrived (their records came here)
    error: BatchRejected | None = None
    changes: Changes = Changes()

    @property
    def reason_code(self) -> str:
        return self.error.reason_code if self.error else ""

    def message(self, t: Translator | None = None) -> str:
        if self.error is not None:
            return self.error.message(t)
        from desktop_app import i18n

        t = t or i18n.active()
        if self.status == "cancelled":
            return t.gettext(N_("Not imported: cancelled."))
        if self.status == "already_imported":
            return t.gettext(N_("Batch {seq} from {office} was already imported; nothing "
                                "changed.")).format(seq=self.seq, office=self.sender)
        text = t.gettext(N_("Batch {seq} from {office} imported.")).format(
            seq=self.seq, office=self.sender)
        if self.gap:
            text += " " + t.gettext(N_("Batches {missing} never arrived; this batch carries their "
                                       "records, nothing is lost.")).format(
                missing=", ".join(map(str, self.gap)))
        return text


# export ----------------------------------------------------------------------------------------

def export_batch(ctx: AppContext, to_dir: Path | str, urgent: bool = False,
                 progress: Progress | None = None, cancel: CancelToken | None = None,
                 office_code: str | None = None) -> ExportResult:
    """The next batch for the district (village), or the return batch for `office_code`
    (district). Urgent: only the applications due before the next trip."""
    guard(ctx, "export_batch")
    if mode(ctx) == "district":
        if not office_code:
            raise AppError(N_("Choose the office the return batch is for."), code="no_office")
        peer_code = office_code
    else:
        peer_code = settings.get(ctx.db, "sync.district_code")
        if not peer_code:
            raise AppError(N_("No district key is trusted yet: trust the district's key file "
                              "first and confirm its fingerprint by phone."), code="no_district")
    urgent_uuids = None
    if urgent:
        rows = due_before_trip(ctx)
        if not rows:
            raise AppError(N_("No application must be forwarded before the next trip ({date}); "
                              "nothing was exported."), code="nothing_urgent",
                           date=next_trip(ctx).isoformat())
        urgent_uuids = [_uuid_of(ctx, r.id) for r in rows]
    return _write(ctx, Path(to_dir), peer_code, urgent_uuids, progress, cancel)


def _uuid_of(ctx: AppContext, application_id: int) -> str:
    return ctx.db.execute("SELECT uuid FROM applications WHERE id = ?",
                          [application_id]).fetchone()[0]


def _write(ctx: AppContext, folder: Path, peer_code: str, urgent_uuids: list[str] | None,
           progress: Progress | None, cancel: CancelToken | None) -> ExportResult:

    now = ctx.now_iso()
    key = keys.load_or_create(ctx.data_dir)
    if progress:
        progress(0, 2)
    with transaction(ctx.db):
        peer = sync_log.peer(ctx.db, peer_code)
        if peer is None:
            raise AppError(N_("Office {office} is not known here: trust its key file first."),
                           code="unknown_peer", office=peer_code)
        manifest, records = exporter.build(ctx.db, me=me(ctx), peer=peer, created_at=now,
                                           urgent_applications=urgent_uuids)
        data = fmt.write_batch(manifest, records, signing_key=key,
                               recipient=keys.verify_key(peer.public_key))
        if progress:
            progress(1, 2)
        if cancel is not None and cancel.cancelled:
            raise AppError(N_("Export cancelled; nothing was written."), code="cancelled")
        name = exporter.file_name(manifest)
        path = exporter.write_file(folder, name, data)
        sync_log.mark_sent(ctx.db, peer.code, manifest["seq"])
        sync_log.log_batch(ctx.db, direction="out", peer_code=peer.code, seq=manifest["seq"],
                           base_seq=manifest["base_seq"], covers=manifest["covers"],
                           urgent=manifest["urgent"], file_name=name,
                           sha256=hashlib.sha256(data).hexdigest(), created_at=now,
                           processed_at=now, processed_by=ctx.user.login,
                           counts=manifest["counts"])
        audit.record(ctx.db, at=now, user=ctx.user.login, action="sync.export",
                     table="sync_batches", uuid=None,
                     after={"to": peer.code, "seq": manifest["seq"], "file": name,
                            "urgent": manifest["urgent"], "counts": manifest["counts"]})
    if progress:
        progress(2, 2)
    log.info("exported batch %s to %s: %s", manifest["seq"], peer.code, path)
    return ExportResult(path=path, to=peer.code, seq=manifest["seq"], urgent=manifest["urgent"],
                        counts=dict(manifest["counts"]), changes=Changes(sync=True))


# import ----------------------------------------------------------------------------------------

def _sender_key(ctx: AppContext) -> Callable[[str], VerifyKey | None]:
    wanted = "village" if mode(ctx) == "district" else "district"

    def lookup(code: str) -> VerifyKey | None:
        peer = sync_log.peer(ctx.db, code)
        return keys.verify_key(peer.public_key) if peer and peer.mode == wanted else None
    return lookup


def import_batches(ctx: AppContext, paths: Sequence[Path | str],
                   progress: Progress | None = None,
                   cancel: CancelToken | None = None) -> list[ImportReport]:
    """Import files in sender-and-number order, each whole or not at all; one report per file."""

    guard(ctx, "import_batch")
    loaded: list[tuple[tuple, Path, bytes | None, BatchRejected | None]] = []
    for i, raw in enumerate(paths):
        path = Path(raw)
        try:
            data = fmt.read_file(path)
        except BatchRejected as err:
            loaded.append(((2, "", 0, i), path, None, err))
            continue
        try:
            head = fmt.read_envelope(data, path.name).header
            order = (0, head["from"], head["seq"], i)
        except BatchRejected:
            order = (1, "", 0, i)
        loaded.append((order, path, data, None))
    loaded.sort(key=lambda item: item[0])
    key = keys.load_or_create(ctx.data_dir)
    lookup = _sender_key(ctx)
    reports: list[ImportReport] = []
    for done, (_order, path, content, refused) in enumerate(loaded):
        if cancel is not None and cancel.cancelled:
            reports.append(ImportReport(path, "cancelled"))
            continue
        if refused is not None or content is None:
            reports.append(ImportReport(path, "refused", error=refused))
        else:
            reports.append(_import_one(ctx, path, content, key, lookup))
        if progress:
            progress(done + 1, len(loaded))
    return reports


def _import_one(ctx: AppContext, path: Path, data: bytes, key, lookup) -> ImportReport:
    """One file, whole or not at all; whatever it holds, a refusal of that file alone."""
    try:
        return _import_checked(ctx, path, data, key, lookup)
    except ValidationError as exc:
        return ImportReport(path, "refused", error=BatchRejected(
            "invalid_content", file=path.name, detail=exc.field))
    except (RecursionError, MemoryError, ArithmeticError, LookupError, TypeError, ValueError,
            AttributeError, sqlite3.IntegrityError) as exc:
        # a record the schema let through that still does not fit: the transaction rolled back
        log.exception("batch %s refused after an unexpected error", path)
        return ImportReport(path, "refused", error=BatchRejected(
            "invalid_content", file=path.name, detail=type(exc).__name__))


def _import_checked(ctx: AppContext, path: Path, data: bytes, key, lookup) -> ImportReport:
    name = path.name
    try:
        batch = fmt.read_batch(data, my_code=ctx.office.code, my_key=key, sender_key_for=lookup,
                               file=name)
        schema.check_batch(batch.manifest, batch.records, importer.kinds_for(mode(ctx)), name)
        now = ctx.now_iso()
        with transaction(ctx.db):
            gap = importer.check_sequence(ctx.db, batch, name)
            if gap is None:
                return ImportReport(path, "already_imported", batch.sender, batch.seq)
            shipped = getattr(ctx.parameters, "shipped", ctx.parameters)
            importer.validate_records(ctx.db, batch, my_mode=mode(ctx), file=name,
                                      parameters=shipped)
            done = importer.apply(ctx.db, batch, my_mode=mode(ctx), my_code=ctx.office.code,
                                  now=now, user=ctx.user.login, file_name=name, gap=gap,
                                  parameters=shipped)
            audit.record(ctx.db, at=now, user=ctx.user.login, action="sync.import",
                         table="sync_batches", uuid=None,
                         after={"from": batch.sender, "seq": batch.seq, "file": name,
                                "counts": done.counts, "gap": list(gap),
                                "applications": len(done.applications)})
    except BatchRejected as exc:
        log.warning("batch %s refused: %s", path, exc)
        held = (sync_log.received_hash(ctx.db, batch.sender, batch.seq)
                if exc.reason_code == "replayed" and mode(ctx) == "district" else None)
        if held is not None and held != batch.sha256:
            # a number already used, with other content: the office's file went back (an older
            # copy put back); its audit chain is checked all the same, the records not applied
            with transaction(ctx.db):
                audit_anchor.receive(ctx.db, batch.sender, batch.manifest.get("audit"),
                                     batch_seq=batch.seq, now=ctx.now_iso())
        return ImportReport(path, "refused", error=exc)
    log.info("imported batch %s from %s (%s)", batch.seq, batch.sender, path)
    new_parameters = mode(ctx) != "district" and bool(done.counts.get("parameter_value"))
    if new_parameters:   # the district's values are in force from the next pre-check on
        from desktop_app.services import parameters

        ctx.parameters = parameters.merged(ctx.db, shipped)
    new_days = mode(ctx) != "district" and bool(done.counts.get("calendar_day"))
    if new_days:   # the district's transferred days count in every deadline from now on
        from desktop_app.services import calendar_days

        calendar_days.refresh(ctx)
    new_parameters = new_parameters or new_days
    return ImportReport(path, "applied", batch.sender, batch.seq, done.counts, gap,
                        changes=Changes(applications=done.applications, sync=True,
                                        settings=new_parameters))


def batch_log(ctx: AppContext) -> list[sync_log.BatchLogRow]:
    return sync_log.batches(ctx.db)


# keys ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class KeyInfo:
    office_code: str
    mode: str
    fingerprint: str
    public_key: str
    peers: tuple[sync_log.Peer, ...]


def key_info(ctx: AppContext) -> KeyInfo:
    key = keys.load_or_create(ctx.data_dir)
    return KeyInfo(ctx.office.code, mode(ctx), keys.fingerprint(key.verify_key.encode()),
                   keys.public_b64(key), tuple(sync_log.peers(ctx.db)))


def export_key(ctx: AppContext, to_dir: Path | str) -> tuple[Path, str]:
    """Write this office's public key file (for the stick); returns the path and the fingerprint."""
    guard(ctx, "keys")
    key = keys.load_or_create(ctx.data_dir)
    if ctx.office.uuid is None:   # every set-up office has one (office_setup, district)
        raise NotFound(what="office", key=ctx.office.code)
    data = keys.key_file_bytes(key, office_code=ctx.office.code, office_uuid=ctx.office.uuid,
                               mode=mode(ctx), name=ctx.office.name)
    path = _write_key(Path(to_dir), keys.key_file_name(ctx.office.code), data)
    return path, keys.fingerprint(key.verify_key.encode())


def _write_key(folder: Path, name: str, data: bytes) -> Path:

    target, part = folder / name, folder / (name + ".part")
    try:
        part.write_bytes(data)
        part.replace(target)
        if target.read_bytes() != data:
            raise OSError(0, "the file read back differs from what was written")
    except OSError as exc:
        raise exporter.export_failed(folder, exc) from exc
    return target


def read_key_file(path: Path | str) -> keys.PeerKey:
    """What a key file says (office, mode, fingerprint), to show before trusting it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AppError(N_("The key file {file} cannot be read ({detail})."), code="unreadable",
                       file=path.name, detail=exc.strerror or str(exc)) from exc
    return keys.parse_key_file(data, path.name)


def trust_key(ctx: AppContext, path: Path | str, expected_fingerprint: str | None = None
              ) -> tuple[keys.PeerKey, Changes]:
    """Trust another office's key after its fingerprint was confirmed by phone. A village trusts
    its district's key; a district trusts its villages' keys."""
    guard(ctx, "keys")
    peer = read_key_file(path)
    if expected_fingerprint is not None and (
            expected_fingerprint.replace(" ", "").upper() != peer.fingerprint):
        raise AppError(N_("The fingerprint read on the phone ({given}) does not match the key "
                          "file ({found}); the key was not trusted."), code="fingerprint_mismatch",
                       given=expected_fingerprint, found=peer.fingerprint)
    mine = mode(ctx)
    if peer.office_code == ctx.office.code:
        raise AppError(N_("This is this office's own key file."), code="own_key")
    if (mine == "village") != (peer.mode == "district"):
        raise AppError(N_("A village office trusts its district's key, and a district trusts its "
                          "villages' keys: this key file is of a {mode} office."),
                       code="wrong_mode", mode=peer.mode)
    now = ctx.now_iso()
    with transaction(ctx.db):
        sync_log.trust(ctx.db, code=peer.office_code, uuid=peer.office_uuid, mode=peer.mode,
                       name=peer.name, public_key=peer.public_key, fingerprint=peer.fingerprint,
                       now=now, user=ctx.user.login)
        if mine == "village":
            settings.put(ctx.db, "sync.district_code", peer.office_code)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="sync.trust_key",
                     table="sync_peers", uuid=peer.office_uuid,
                     after={"code": peer.office_code, "mode": peer.mode,
                            "fingerprint": peer.fingerprint})
    return peer, Changes(sync=True, settings=mine == "village")
