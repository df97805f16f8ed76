"""Import: check a verified batch against what this office already holds, then apply it.

Imports store and sync.format. Everything is checked first (sequence, acknowledgement, records);
`apply` then runs inside the caller's ONE transaction, so a batch is applied whole or not at all.

Ordering: each regular batch carries everything changed since the receiver's last acknowledgement,
so a later batch also carries the records of a lost one. A gap in sequence numbers is therefore
reported (ImportReport.gap) and the later batch is applied, never held back. An older batch than
the last one applied is refused as replayed; the same last batch again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.domain.errors import BatchRejected
from desktop_app.domain.parameters import Parameters
from desktop_app.store import audit_anchor, snapshots, sync_log, sync_records
from desktop_app.sync import calendar_days, reference
from desktop_app.sync import district as district_sync
from desktop_app.sync.format import RECORD_KIND, Batch

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class Applied:
    sender: str
    seq: int
    counts: dict[str, int]
    gap: tuple[int, ...] = ()
    already: bool = False                   # the same batch again: nothing changed
    applications: frozenset[int] = frozenset()   # local ids touched (office side)
    acknowledged: int = 0                   # our batch number the sender acknowledged
    notes: list[str] = field(default_factory=list)
    audit_report: audit_anchor.ChainReport | None = None   # district: the chain did not extend


def _invalid(file: str, detail: str) -> BatchRejected:
    return BatchRejected("invalid_content", file=file, detail=detail)


def check_sequence(db: sqlite_utils.Database, batch: Batch, file: str) -> tuple[int, ...] | None:
    """None when this exact batch was the last one applied; else the missing numbers (maybe ())."""
    m = batch.manifest
    peer = sync_log.peer(db, batch.sender)
    assert peer is not None  # read_batch found its key
    seq, last = m["seq"], peer.last_seq_in
    if not isinstance(seq, int) or seq < 1:
        raise _invalid(file, "seq")
    if seq <= last:
        if seq == last and sync_log.received_hash(db, batch.sender, seq) == batch.sha256:
            return None
        raise BatchRejected("replayed", file=file, seq=seq, office=batch.sender, last=last)
    base = m.get("base_seq")
    if not isinstance(base, int) or base > last:
        raise BatchRejected("gap", file=file, seq=seq, office=batch.sender, base=base)
    ack = m.get("ack") or {}
    if (not isinstance(ack.get("seq"), int) or not isinstance(ack.get("covers"), int)
            or ack["seq"] > peer.last_seq_out or ack["covers"] > sync_log.last_change(db)):
        raise _invalid(file, "acknowledgement of a batch never sent")
    if not isinstance(m.get("covers"), int):
        raise _invalid(file, "covers")
    return tuple(range(last + 1, seq))


def _date_ok(value: object, optional: bool = True) -> bool:
    if value is None:
        return optional
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


_REQUIRED = {
    "household": ("address",),
    "person": ("surname", "given_name"),
    "application": ("reg_no", "service_id", "applicant_uuid", "status", "accepted_at"),
    "paper": ("kind", "reg_no", "issued_at"),
    "handover": ("application_uuid", "kind", "handed_on", "to_whom"),
    "complaint": ("reg_no", "received_at", "complainant", "subject"),
    "public_works_participant": ("person_uuid", "contract_no", "start_date"),
    "public_works_timesheet": ("participant_uuid", "month", "days_worked"),
}


def kinds_for(my_mode: str) -> tuple[str, ...]:
    """The record kinds this side applies: the offices' at the district, the district's at an
    office."""
    return (snapshots.OFFICE_KINDS + sync_records.OFFICE_KINDS if my_mode == "district"
            else snapshots.DISTRICT_KINDS + sync_records.DISTRICT_KINDS)


def validate_records(db: sqlite_utils.Database, batch: Batch, *, my_mode: str, file: str,
                     parameters: Parameters | None = None) -> None:
    """Refuse the batch (BatchRejected) at the first record this side must not apply;
    `parameters`: the shipped ones, which the district's parameter values are checked against."""
    kinds = kinds_for(my_mode)
    conflicts: dict[str, str] = {}
    if my_mode == "district":  # whose records these are, asked once for the whole batch
        conflicts = district_sync.owner_conflicts(db, batch.sender, [
            r["uuid"] for r in batch.records if isinstance(r, dict)
            and isinstance(r.get("uuid"), str)])
    for i, rec in enumerate(batch.records):
        if not isinstance(rec, dict) or rec.get(RECORD_KIND) not in kinds:
            raise _invalid(file, f"record {i}: kind")
        kind = rec[RECORD_KIND]
        key = rec.get("application_uuid") if kind == "result" else rec.get("uuid")
        if not isinstance(key, str) or not key:
            raise _invalid(file, f"record {i}: uuid")
        if my_mode == "district":
            _check_office_record(rec, i, file, conflicts)
        elif kind not in (reference.KIND, calendar_days.KIND):
            _check_district_record(db, rec, i, file)
    if my_mode != "district":
        reference.new_values(db, batch.records, parameters, file)
        calendar_days.new_days(db, batch.records, file)


def _check_office_record(rec: dict, i: int, file: str, conflicts: dict[str, str]) -> None:
    if any(not rec.get(k) and rec.get(k) != 0 for k in _REQUIRED[rec[RECORD_KIND]]):
        raise _invalid(file, f"record {i}: {rec[RECORD_KIND]} incomplete")
    owner = conflicts.get(rec["uuid"])
    if owner:
        raise _invalid(file, f"record {i}: belongs to office {owner}")


def _check_district_record(db: sqlite_utils.Database, rec: dict, i: int, file: str) -> None:
    if snapshots.application_id_by_uuid(db, rec["application_uuid"]
                                        if isinstance(rec.get("application_uuid"), str) else ""
                                        ) is None:
        raise _invalid(file, f"record {i}: unknown application")
    if rec[RECORD_KIND] == "result":
        decision = rec.get("decision")
        codes = rec.get("refusal_codes") or []
        if (decision not in (None, "assigned", "refused")
                or (decision and not _date_ok(rec.get("decision_date"), optional=False))
                or not all(_date_ok(rec.get(k)) for k in ("period_from", "period_to",
                                                           "inspection_date"))
                or not isinstance(codes, list) or not all(isinstance(c, str) for c in codes)):
            raise _invalid(file, f"record {i}: result")
    elif (not isinstance(rec.get("kind"), str) or not _date_ok(rec.get("issued_on"), False)
          or not isinstance(rec.get("updated_at"), str)):
        raise _invalid(file, f"record {i}: referral")


def apply(db: sqlite_utils.Database, batch: Batch, *, my_mode: str, my_code: str, now: str,
          user: str, file_name: str, gap: tuple[int, ...],
          parameters: Parameters | None = None) -> Applied:
    """Apply a checked batch; the caller holds the transaction."""
    m = batch.manifest
    touched: set[int] = set()
    chain_report = None
    if my_mode == "district":
        district_sync.merge(db, batch, now=now)
        chain_report = audit_anchor.receive(db, batch.sender, m.get("audit"), batch_seq=batch.seq,
                                            now=now)
    else:
        with sync_log.untracked(db):   # the district's fields are never sent back
            reference.apply(db, batch.records, parameters, district_code=batch.sender,
                            file=file_name)
            calendar_days.apply(db, batch.records, district_code=batch.sender, file=file_name)
            for rec in batch.records:
                if rec[RECORD_KIND] in (reference.KIND, calendar_days.KIND):
                    continue
                if rec[RECORD_KIND] == "result":
                    app_id = snapshots.apply_result(db, rec, now=now, user=user)
                    if app_id is not None:
                        touched.add(app_id)
                else:
                    snapshots.apply_referral(db, rec, office_code=my_code)
                    app_id = snapshots.application_id_by_uuid(db, rec["application_uuid"])
                    if app_id is not None:
                        touched.add(app_id)
        checkpoint = m.get("audit_checkpoint")
        if checkpoint:
            audit_anchor.receive_checkpoint(db, batch.sender, checkpoint, now)
    counts = {k: int(v) for k, v in (m.get("counts") or {}).items()}
    sync_log.mark_received(db, batch.sender, seq=batch.seq, covers=m["covers"], at=now)
    sync_log.acknowledge(db, batch.sender, seq=m["ack"]["seq"], upto=m["ack"]["covers"], at=now)
    sync_log.log_batch(db, direction="in", peer_code=batch.sender, seq=batch.seq,
                       base_seq=m["base_seq"], covers=m["covers"], urgent=bool(m.get("urgent")),
                       file_name=file_name, sha256=batch.sha256, created_at=m["created_at"],
                       processed_at=now, processed_by=user, counts=counts,
                       gap=",".join(map(str, gap)))
    return Applied(sender=batch.sender, seq=batch.seq, counts=counts, gap=gap,
                   applications=frozenset(touched), acknowledged=m["ack"]["seq"],
                   audit_report=chain_report)
