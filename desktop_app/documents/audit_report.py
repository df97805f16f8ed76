"""The audit log as a paper: the rows an administrator filtered, in one ruled table on the office's
letterhead, with the filter and the chain check printed above it.

Imports documents.layout, domain and i18n only; rows come in as plain `AuditLine`s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.documents.layout import Paper, grid_table, para, render
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator

WIDTHS = (0.06, 0.14, 0.11, 0.21, 0.11, 0.37)


@dataclass(frozen=True)
class AuditLine:
    """One audit row as printed: every value already text."""

    id: int
    at: str
    user: str
    action: str
    record: str
    details: str


def audit_report(office: Office, translator: Translator, lines: Sequence[AuditLine], *,
                 printed_on: dt.date, filters: str = "", chain: str = "",
                 printed_by: str = "") -> bytes:
    """The PDF of `lines` (newest first, as the screen shows them)."""
    t = translator
    header = [t.gettext(N_("Row")), t.gettext(N_("When")), t.gettext(N_("Who")),
              t.gettext(N_("Action")), t.gettext(N_("Record")), t.gettext(N_("Details"))]
    rows = [(str(x.id), x.at, x.user, x.action, x.record, x.details) for x in lines]
    body = []
    facts = [t.gettext(N_("Rows: {n}")).format(n=len(rows))]
    if filters:
        facts.append(t.gettext(N_("Filter: {filters}")).format(filters=filters))
    if chain:
        facts.append(chain)
    if printed_by:
        facts.append(t.gettext(N_("Printed by: {user}")).format(user=printed_by))
    for fact in facts:
        body.append(para(fact, "left"))
    if rows:
        body.append(grid_table(header, rows, WIDTHS))
    else:
        body.append(para(t.gettext(N_("No rows match the filter.")), "left", italic=True))
    paper = Paper(office=office, translator=t, title=t.gettext(N_("Audit log")), reg_no="",
                  date=printed_on, body=body)
    return render(paper)
