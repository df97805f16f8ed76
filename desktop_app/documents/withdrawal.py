"""The confirmation that an application was withdrawn at the citizen's written request, with the
documents handed back (өтінішті кері қайтарып алу туралы растау).

Imports documents.layout / certificates and domain only; the service gives it plain facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.certificates import NO_EXTRAS, Extras, issue
from desktop_app.documents.layout import Part, Signature, field_table, grid_table, para
from desktop_app.domain.catalogue import Text
from desktop_app.domain.household import Person
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator


@dataclass(frozen=True)
class Withdrawal:
    reg_no: str
    accepted_on: dt.date
    service: Text
    requested_on: dt.date
    reason: str
    returned: Sequence[Text]          # names of the documents handed back
    receiver_name: str
    receiver_position: Text


def render_withdrawal(office: Office, person: Person, w: Withdrawal, translator: Translator,
                      issued_on: dt.date, extras: Extras = NO_EXTRAS) -> bytes:
    def part(t: Translator) -> Part:
        rows = [
            (t.gettext(N_("Application")), t.gettext(N_("No. {reg_no} of {date}")).format(
                reg_no=w.reg_no, date=t.date(w.accepted_on))),
            (t.gettext(N_("Service")), t.text(w.service)),
            (t.gettext(N_("Applicant")), person.full_name),
            (t.gettext(N_("Request dated")), t.long_date(w.requested_on)),
            (t.gettext(N_("Reason")), w.reason),
        ]
        body: list[Flowable] = [
            para(t.gettext(N_("At the applicant's written request the application is withdrawn "
                              "and will not be considered. The applicant may apply again.")),
                 "indent"),
            Spacer(1, 4),
            field_table(rows),
        ]
        if w.returned:
            body.append(para(t.gettext(N_("Documents handed back to the applicant")), "heading"))
            body.append(grid_table([t.gettext(N_("No.")), t.gettext(N_("Document"))],
                                   [[str(n), t.text(name)] for n, name in
                                    enumerate(w.returned, 1)], [0.08, 0.92]))
        body += [Spacer(1, 10), para(t.gettext(N_(
            "Documents received back by the applicant: ____________ {name}")).format(
            name=person.short_name), "left")]
        return Part(t.gettext(N_("Confirmation of the withdrawal of an application")), body,
                    addressee=[person.full_name] + ([person.address] if person.address else []),
                    signature=Signature(t.text(w.receiver_position), w.receiver_name,
                                        stamp=False))

    return issue(office, translator, part, w.reg_no, issued_on, extras)
