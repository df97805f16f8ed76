"""The akim's own papers (akim_role "issues"): residence, family composition, TSA recipient and
farm information certificates and a reasoned refusal, each signed by the akim with the place for
the seal (М.О.). Each takes `languages` (kk, ru or both side by side), the QR `seal` and, for a
reprint, `duplicate_of` (the original's date) through `Extras`.

Imports documents.layout, domain and i18n only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.layout import (
    Part,
    Signature,
    compose,
    field_table,
    grid_table,
    para,
    render,
)
from desktop_app.domain.household import Household, Person
from desktop_app.domain.labels import RELATION_LABELS
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Extras:
    """How an issued paper is printed: languages, the QR seal, and the duplicate mark."""

    languages: Sequence[str] = ()
    seal: str = ""
    seal_fingerprint: str = ""
    duplicate_of: dt.date | None = None
    landscape: bool = False


NO_EXTRAS = Extras()


def issue(office: Office, translator: Translator, build: Callable[[Translator], Part],
          reg_no: str, issued_on: dt.date | None, extras: Extras = NO_EXTRAS) -> bytes:
    """Render a paper built per language by `build`, with the office's seal and marks."""
    return render(compose(office, extras.languages or (translator.locale,), build,
                          reg_no=reg_no, date=issued_on, seal=extras.seal,
                          seal_fingerprint=extras.seal_fingerprint,
                          duplicate_of=extras.duplicate_of, landscape=extras.landscape))


def _akim(office: Office, t: Translator) -> Signature:
    position = t.text(office.akim_position) if office.akim_position else t.gettext(N_("Akim"))
    return Signature(position, office.akim_name, stamp=True)


def _address(person: Person, household: Household | None) -> str:
    return (household.address if household and household.address else person.address) or "—"


def _closing(household: Household | None, t: Translator) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 6)]
    if household is not None and household.book_ref:
        out.append(
            para(
                t.gettext(N_("Basis: household book, entry {entry}.")).format(
                    entry=household.book_ref
                ),
                "indent",
            )
        )
    out.append(
        para(
            t.gettext(N_("The certificate is issued for presentation at the place of request.")),
            "indent",
        )
    )
    return out


def _identity_rows(
    person: Person, household: Household | None, t: Translator
) -> list[tuple[str, str]]:
    rows = [(t.gettext(N_("Full name")), person.full_name)]
    if person.birth_date:
        rows.append((t.gettext(N_("Date of birth")), t.date(person.birth_date)))
    rows.append((t.gettext(N_("IIN")), person.iin or "—"))
    rows.append((t.gettext(N_("Address")), _address(person, household)))
    return rows


def _members_table(household: Household, t: Translator) -> Flowable:
    rows = []
    for n, m in enumerate(household.members, 1):
        p = m.person
        rows.append(
            [
                str(n),
                p.full_name,
                t.gettext(RELATION_LABELS[m.relation]),
                t.date(p.birth_date) if p.birth_date else "—",
                p.iin or "—",
            ]
        )
    header = [
        t.gettext(N_("No.")),
        t.gettext(N_("Full name")),
        t.gettext(N_("Relation to the applicant")),
        t.gettext(N_("Date of birth")),
        t.gettext(N_("IIN")),
    ]
    return grid_table(header, rows, [0.07, 0.38, 0.19, 0.15, 0.21])


def render_residence_certificate(
    office: Office,
    person: Person,
    household: Household | None,
    reg_no: str,
    issued_on: dt.date,
    translator: Translator,
    extras: Extras = NO_EXTRAS,
) -> bytes:
    """Certificate of residence (ауыл әкімінің анықтамасы), from the household book."""

    def part(t: Translator) -> Part:
        text = t.gettext(
            N_(
                "This is to certify that {name} is registered and actually resides at "
                "the address: {address}."
            )
        ).format(name=person.full_name, address=_address(person, household))
        body: list[Flowable] = [
            para(text, "indent"),
            Spacer(1, 4),
            field_table(_identity_rows(person, household, t)),
            *_closing(household, t),
        ]
        return Part(t.gettext(N_("Certificate of residence")), body, signature=_akim(office, t))

    return issue(office, translator, part, reg_no, issued_on, extras)


def render_family_composition(
    office: Office,
    applicant: Person,
    household: Household,
    reg_no: str,
    issued_on: dt.date,
    translator: Translator,
    extras: Extras = NO_EXTRAS,
) -> bytes:
    """Certificate of family composition, certified by the akim from the household book
    (003 std 12 item 12.2). The members table repeats its header on every page."""
    n = len(household.members)

    def part(t: Translator) -> Part:
        # Literal arguments (no N_) so extraction records the plural pair.
        intro = t.ngettext(
            "This is to certify that {name}, IIN {iin}, residing at the address: {address}, "
            "has a family of {count} person:",
            "This is to certify that {name}, IIN {iin}, residing at the address: {address}, "
            "has a family of {count} persons:",
            n,
        ).format(
            name=applicant.full_name,
            iin=applicant.iin or "—",
            address=_address(applicant, household),
            count=n,
        )
        body: list[Flowable] = [
            para(intro, "indent"),
            Spacer(1, 4),
            _members_table(household, t),
            *_closing(household, t),
        ]
        return Part(
            t.gettext(N_("Certificate of family composition")), body, signature=_akim(office, t)
        )

    return issue(office, translator, part, reg_no, issued_on, extras)


def render_tsa_certificate(
    office: Office,
    person: Person,
    household: Household | None,
    quarter: tuple[int, int],
    reg_no: str,
    issued_on: dt.date,
    translator: Translator,
    extras: Extras = NO_EXTRAS,
    basis: dict | None = None,
) -> bytes:
    """Certificate that the applicant (family) receives targeted social assistance in the given
    (year, quarter) (001 service 1). The caller has checked the TSA record; without one, issue
    `render_refusal` instead. `basis` is the district's assignment decision from the return
    batch (reg_no, decision_date, period_from, period_to: ISO dates): the certificate's stated
    basis, not the household book."""
    year, q = quarter
    if q not in _ROMAN:
        raise ValueError(f"quarter must be 1..4, got {q}")
    n = len(household.members) if household else 1

    def part(t: Translator) -> Part:
        text = t.ngettext(
            "This is to certify that {name}, IIN {iin}, residing at the address: {address}, "
            "receives targeted social assistance for a family of {count} person in quarter "
            "{quarter} of {year}.",
            "This is to certify that {name}, IIN {iin}, residing at the address: {address}, "
            "receives targeted social assistance for a family of {count} persons in quarter "
            "{quarter} of {year}.",
            n,
        ).format(
            name=person.full_name,
            iin=person.iin or "—",
            address=_address(person, household),
            count=n,
            quarter=_ROMAN[q],
            year=year,
        )
        body: list[Flowable] = [para(text, "indent")]
        if household is not None and len(household.members) > 1:
            body += [
                para(t.gettext(N_("Members of the family")), "heading"),
                _members_table(household, t),
            ]
        if basis:
            day = dt.date.fromisoformat
            sentence = N_(
                "Basis: the district's decision No. {number} of {date} to assign targeted social "
                "assistance on application No. {reg_no}, for the period from {start} to {end}."
            ) if basis.get("decision_no") else N_(
                "Basis: the district's decision to assign targeted social assistance on "
                "application No. {reg_no} of {date}, for the period from {start} to {end}.")
            body += [Spacer(1, 6), para(t.gettext(sentence)
                .format(number=basis.get("decision_no") or "", reg_no=basis.get("reg_no") or "—",
                        date=t.date(day(basis["decision_date"]))
                        if basis.get("decision_date") else "—",
                        start=t.date(day(basis["period_from"])) if basis.get("period_from")
                        else "—",
                        end=t.date(day(basis["period_to"])) if basis.get("period_to") else "—"),
                "indent")]
        body += _closing(None if basis else household, t)
        return Part(
            t.gettext(N_("Certificate of receipt of targeted social assistance")),
            body,
            signature=_akim(office, t),
        )

    return issue(office, translator, part, reg_no, issued_on, extras)


def render_farm_information(
    office: Office,
    person: Person,
    household: Household,
    reg_no: str,
    issued_on: dt.date,
    translator: Translator,
    extras: Extras = NO_EXTRAS,
) -> bytes:
    """Information on the personal subsidiary farm (жеке қосалқы шаруашылық туралы мәліметтер),
    from the household book (003 std 12 item 12.4, std 5 item 12.6)."""

    def part(t: Translator) -> Part:
        if household.has_farm:
            text = t.gettext(
                N_(
                    "According to the household book, the family of {name}, residing at the "
                    "address: {address}, has a personal subsidiary farm."
                )
            )
        else:
            text = t.gettext(
                N_(
                    "According to the household book, the family of {name}, residing at the "
                    "address: {address}, has no personal subsidiary farm."
                )
            )
        text = text.format(name=person.full_name, address=_address(person, household))
        rows = _identity_rows(person, household, t)
        rows.append(
            (
                t.gettext(N_("Personal subsidiary farm")),
                t.gettext(N_("Yes")) if household.has_farm else t.gettext(N_("No")),
            )
        )
        if household.has_farm and household.farm_notes:
            rows.append((t.gettext(N_("Land, livestock and poultry")), household.farm_notes))
        body: list[Flowable] = [
            para(text, "indent"),
            Spacer(1, 4),
            field_table(rows),
            *_closing(household, t),
        ]
        return Part(
            t.gettext(N_("Information on the personal subsidiary farm")),
            body,
            signature=_akim(office, t),
        )

    return issue(office, translator, part, reg_no, issued_on, extras)


def render_refusal(
    office: Office,
    person: Person,
    reason_text: str | dict[str, str],
    reg_no: str,
    issued_on: dt.date,
    translator: Translator,
    *,
    subject: str | dict[str, str] = "",
    extras: Extras = NO_EXTRAS,
) -> bytes:
    """A reasoned refusal on paper (e.g. no TSA record for the quarter). `reason_text` is in the
    paper's language or {"kk", "ru"} (from the catalogue's refusal codes); `subject` names what
    was requested."""

    def pick(value: str | dict[str, str], t: Translator) -> str:
        return t.text(value) if isinstance(value, dict) else value

    def part(t: Translator) -> Part:
        body: list[Flowable] = [
            para(t.gettext(N_("Dear {name},")).format(name=person.full_name), "left"),
        ]
        if subject:
            body.append(
                para(
                    t.gettext(N_("Your request has been considered: {subject}.")).format(
                        subject=pick(subject, t)
                    ),
                    "indent",
                )
            )
        body += [
            para(
                t.gettext(
                    N_("The request cannot be granted for the following reason: {reason}")
                ).format(reason=pick(reason_text, t)),
                "indent",
            ),
            para(
                t.gettext(
                    N_(
                        "You may appeal against this refusal to a higher authority or to a "
                        "court in the manner established by the legislation of the Republic "
                        "of Kazakhstan."
                    )
                ),
                "indent",
            ),
        ]
        addressee = [person.full_name] + ([person.address] if person.address else [])
        return Part(
            t.gettext(N_("Reasoned refusal")),
            body,
            addressee=addressee,
            signature=_akim(office, t),
        )

    return issue(office, translator, part, reg_no, issued_on, extras)
