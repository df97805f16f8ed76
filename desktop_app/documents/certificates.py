"""The akim's own papers (akim_role "issues"): residence, family composition, TSA certificates and
a reasoned refusal, each signed by the akim with the place for the seal (М.О.).

Imports documents.layout, domain and i18n only.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.layout import Paper, Signature, field_table, grid_table, para, render
from desktop_app.domain.household import Household, Person
from desktop_app.domain.labels import RELATION_LABELS
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


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
) -> bytes:
    """Certificate of residence (ауыл әкімінің анықтамасы), from the household book."""
    t = translator
    body: list[Flowable] = [
        para(
            t.gettext(
                N_(
                    "This is to certify that {name} is registered and actually resides at "
                    "the address: {address}."
                )
            ).format(name=person.full_name, address=_address(person, household)),
            "indent",
        ),
        Spacer(1, 4),
        field_table(_identity_rows(person, household, t)),
        *_closing(household, t),
    ]
    return render(
        Paper(
            office,
            t,
            t.gettext(N_("Certificate of residence")),
            reg_no,
            issued_on,
            body=body,
            signature=_akim(office, t),
        )
    )


def render_family_composition(
    office: Office,
    applicant: Person,
    household: Household,
    reg_no: str,
    issued_on: dt.date,
    translator: Translator,
) -> bytes:
    """Certificate of family composition, certified by the akim from the household book
    (003 std 12 item 12.2). The members table repeats its header on every page."""
    t = translator
    n = len(household.members)
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
    return render(
        Paper(
            office,
            t,
            t.gettext(N_("Certificate of family composition")),
            reg_no,
            issued_on,
            body=body,
            signature=_akim(office, t),
        )
    )


def render_tsa_certificate(
    office: Office,
    person: Person,
    household: Household | None,
    quarter: tuple[int, int],
    reg_no: str,
    issued_on: dt.date,
    translator: Translator,
) -> bytes:
    """Certificate that the applicant (family) receives targeted social assistance in the given
    (year, quarter) (001 service 1). The caller has checked the TSA record; without one, issue
    `render_refusal` instead."""
    t = translator
    year, q = quarter
    if q not in _ROMAN:
        raise ValueError(f"quarter must be 1..4, got {q}")
    n = len(household.members) if household else 1
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
    body += _closing(household, t)
    return render(
        Paper(
            office,
            t,
            t.gettext(N_("Certificate of receipt of targeted social assistance")),
            reg_no,
            issued_on,
            body=body,
            signature=_akim(office, t),
        )
    )


def render_refusal(
    office: Office,
    person: Person,
    reason_text: str,
    reg_no: str,
    issued_on: dt.date,
    translator: Translator,
    *,
    subject: str = "",
) -> bytes:
    """A reasoned refusal on paper (e.g. no TSA record for the quarter). `reason_text` is in the
    paper's language (from the catalogue's refusal codes); `subject` names what was requested."""
    t = translator
    body: list[Flowable] = [
        para(t.gettext(N_("Dear {name},")).format(name=person.full_name), "left"),
    ]
    if subject:
        body.append(
            para(
                t.gettext(N_("Your request has been considered: {subject}.")).format(
                    subject=subject
                ),
                "indent",
            )
        )
    body += [
        para(
            t.gettext(
                N_("The request cannot be granted for the following reason: {reason}")
            ).format(reason=reason_text),
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
    return render(
        Paper(
            office,
            t,
            t.gettext(N_("Reasoned refusal")),
            reg_no,
            issued_on,
            addressee=addressee,
            body=body,
            signature=_akim(office, t),
        )
    )
