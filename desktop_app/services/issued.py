"""Issued papers: the QR seal signed with the office's key, outgoing numbers for papers that are not
an application's own, the duplicate mark of a reprint, the log of every paper, and verification
of a paper's QR (text or image) against this office's key and the trusted peers' keys, offline.

Calls store/, sync.keys and documents.seal; returns plain data and PDF bytes only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.context import AppContext
from desktop_app.documents import seal
from desktop_app.domain.application import Status
from desktop_app.domain.errors import AppError
from desktop_app.i18n import N_
from desktop_app.store import applications as app_store
from desktop_app.store import audit, sync_log
from desktop_app.store.db import transaction
from desktop_app.sync import keys

if TYPE_CHECKING:
    from desktop_app.documents.certificates import Extras

LANGUAGE_SETS = (("kk",), ("ru",), ("kk", "ru"))


def languages_of(value: str | Sequence[str] | None, default: str = "kk") -> tuple[str, ...]:
    """"kk", "ru", "kk,ru" (or a sequence) -> a checked tuple of one or two languages."""
    if not value:
        return (default,)
    items = value.split(",") if isinstance(value, str) else list(value)
    langs = tuple(dict.fromkeys(x.strip() for x in items if x.strip()))
    if langs not in LANGUAGE_SETS and langs != ("ru", "kk"):
        raise AppError(N_("Unknown languages {languages}: use kk, ru or kk,ru."),
                       code="usage", languages=",".join(langs))
    return langs


def fingerprint(ctx: AppContext) -> str:
    return keys.fingerprint(keys.load_or_create(ctx.data_dir).verify_key.encode())


def first_issued(ctx: AppContext, kind: str, reg_no: str) -> dt.date | None:
    """The day this kind of paper was first issued under `reg_no` (None: never)."""
    row = ctx.db.execute("SELECT min(issued_at) FROM papers WHERE kind = ? AND reg_no = ?",
                         [kind, reg_no]).fetchone()
    return dt.datetime.fromisoformat(row[0]).date() if row and row[0] else None


def extras_for(ctx: AppContext, facts: dict, languages: Sequence[str], *,
               duplicate_of: dt.date | None = None) -> Extras:
    """Sign the paper's key facts with the office key and say how it is printed."""
    signed = {"office": ctx.office.code, **facts}
    if duplicate_of:
        signed["duplicate_of"] = duplicate_of.isoformat()
    key = keys.load_or_create(ctx.data_dir)
    from desktop_app.documents.certificates import Extras  # ReportLab loads with a paper

    return Extras(languages=tuple(languages), seal=seal.sign(signed, key),
                  seal_fingerprint=keys.fingerprint(key.verify_key.encode()),
                  duplicate_of=duplicate_of)


def log_paper(ctx: AppContext, kind: str, reg_no: str, facts: dict, languages: Sequence[str], *,
              application_id: int | None = None, person_id: int | None = None,
              duplicate: bool = False) -> str:
    """One row in `papers` and one audit entry (a reprint hands out personal data again)."""
    now = ctx.now_iso()
    with transaction(ctx.db):
        uuid = app_store.record_paper(ctx.db, kind=kind, reg_no=reg_no,
                                      application_id=application_id, person_id=person_id,
                                      language=",".join(languages), issued_at=now,
                                      issued_by=ctx.user.login, facts=facts)
        audit.record(ctx.db, at=now, user=ctx.user.login,
                     action="paper.reprint" if duplicate else f"paper.{kind}", table="papers",
                     uuid=uuid, after={"reg_no": reg_no, **facts})
    return uuid


def next_number(ctx: AppContext, series: str = "P") -> str:
    """The next outgoing number of the year: `<office>-<year>-P00001` (call inside a
    transaction)."""
    year = ctx.now().year
    office_id = ctx.office.id
    row = ctx.db.execute("SELECT last FROM paper_counters WHERE office_id = ? AND year = ? AND"
                         " series = ?", [office_id, year, series]).fetchone()
    last = (row[0] if row else 0) + 1
    ctx.db.execute("INSERT INTO paper_counters (office_id, year, series, last) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT(office_id, year, series) DO UPDATE SET last = excluded.last",
                   [office_id, year, series, last])
    return f"{ctx.office.code}-{year}-{series}{last:05d}"


# verification ------------------------------------------------------------------------------------

def _lookup(ctx: AppContext) -> seal.KeyLookup:
    own = keys.load_or_create(ctx.data_dir)

    def lookup(code: str) -> seal.KnownKey | None:
        if code == ctx.office.code:
            return seal.KnownKey(own.verify_key, dict(ctx.office.name),
                                 keys.fingerprint(own.verify_key.encode()))
        for peer in sync_log.peers(ctx.db):
            if peer.code == code:
                return seal.KnownKey(keys.verify_key(peer.public_key), dict(peer.name),
                                     peer.fingerprint)
        return None

    return lookup


VERDICT_TEXT: dict[seal.Verdict, str] = {
    seal.Verdict.GENUINE: N_("Genuine: the paper was issued by this office and its facts are "
                             "unchanged."),
    seal.Verdict.ALTERED: N_("Altered: the facts do not match the office's signature."),
    seal.Verdict.UNKNOWN_OFFICE: N_("From an unknown office: its key is not among the trusted "
                                    "keys."),
    seal.Verdict.NOT_A_PAPER: N_("This is not the code of an Akimat Desk paper."),
    seal.Verdict.VOIDED: N_("Voided: the paper was issued by this office, but its registration "
                            "number was voided as made in error. The paper is not valid."),
}


def verify_text(ctx: AppContext, payload: str) -> seal.Check:
    """Genuine, altered, unknown office or not a paper: the QR's text checked offline. A genuine
    paper of this office whose registration was voided verifies as voided."""
    check = seal.verify(payload, _lookup(ctx))
    if check.verdict == seal.Verdict.GENUINE and check.office_code == ctx.office.code:
        row = ctx.db.execute("SELECT status FROM applications WHERE reg_no = ?",
                             [str(check.facts.get("no", ""))]).fetchone()
        if row and row[0] == Status.VOIDED.value:
            return dataclasses.replace(check, verdict=seal.Verdict.VOIDED)
    return check


def decode_image(path: Path | str) -> str:
    """The text of the first QR code in an image file (needs the zxing-cpp and Pillow wheels)."""
    try:
        import zxingcpp
        from PIL import Image
    except ImportError as exc:  # the text path works without them
        raise AppError(N_("Reading a QR code from an image needs the zxing-cpp package; paste "
                          "the code's text instead."), code="no_qr_decoder") from exc
    try:
        with Image.open(path) as img:
            found = zxingcpp.read_barcodes(img.convert("L"))
    except OSError as exc:
        raise AppError(N_("{file} is not an image that can be read."), code="bad_image",
                       file=str(path)) from exc
    texts = [r.text for r in found if r.text.startswith(seal.PREFIX)] or \
        [r.text for r in found if r.text]
    if not texts:
        raise AppError(N_("No QR code was found in {file}."), code="no_qr", file=str(path))
    return texts[0]


def verify_image(ctx: AppContext, path: Path | str) -> seal.Check:
    return verify_text(ctx, decode_image(path))
