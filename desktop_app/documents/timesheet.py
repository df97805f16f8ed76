"""The monthly timesheet of public-works participants (табель учёта рабочего времени): who worked
how many days of the month, the pay by the resolution's rule, signed by the akim.

Imports documents.layout, domain and i18n only; receives domain objects, never the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.platypus import Spacer

from desktop_app.documents.layout import Paper, Signature, grid_table, para, render
from desktop_app.domain.office import Office
from desktop_app.domain.public_works import MonthLine, Resolution
from desktop_app.i18n import N_, Translator


@dataclass
class TimesheetSheet:
    """Everything the printed timesheet shows."""

    office: Office
    month: dt.date
    lines: list[MonthLine]
    resolution: Resolution | None
    date: dt.date                                  # the day it is printed
    notices: list[str] = field(default_factory=list)   # already in the paper's language


def _work(line: MonthLine, resolution: Resolution | None, t: Translator) -> str:
    p = line.participant
    if resolution is None or resolution.id != p.resolution_id:
        return p.work_type
    # the act's long wording without its parenthesis (the list of tasks) keeps the row short
    kind = (t.text(resolution.work_types.get(p.work_type, {})) or p.work_type).split(" (")[0]
    unit = t.text(resolution.units.get(p.unit, {})) or p.unit
    return t.gettext(N_("{work}: up to {volume} {unit}")).format(work=kind, volume=p.volume,
                                                                 unit=unit)


def render_timesheet(sheet: TimesheetSheet, t: Translator) -> bytes:
    """The timesheet as PDF bytes in `t`'s language."""
    month_text = t.gettext(N_("for {month}")).format(month=t.date(sheet.month, "LLLL yyyy"))
    header = [t.gettext(N_("No.")), t.gettext(N_("Participant")), t.gettext(N_("IIN")),
              t.gettext(N_("Contract")), t.gettext(N_("Work and volume")),
              t.gettext(N_("Working days")), t.gettext(N_("Days worked")),
              t.gettext(N_("Pay, ₸"))]
    rows = []
    total = Decimal("0")
    for n, line in enumerate(sheet.lines, 1):
        p = line.participant
        contract = t.gettext(N_("No. {number} of {date}")).format(
            number=p.contract.number, date=t.date(p.contract.date))
        days = "" if line.days_worked is None else str(line.days_worked)
        pay = t.money(line.pay.amount) if line.pay else "—"
        if line.pay:
            total += line.pay.amount
        rows.append([str(n), p.full_name, p.iin or "—", contract, _work(line, sheet.resolution, t),
                     str(line.contract_days), days, pay])
    rows.append(["", t.gettext(N_("Total")), "", "", "", "", "", t.money(total)])
    res = sheet.resolution
    body = []
    if res is not None:
        for row in sorted({ln.participant.org_row for ln in sheet.lines
                           if ln.participant.resolution_id == res.id}):
            body.append(para(t.gettext(N_("Employer (row {row} of the resolution's annex): "
                                          "{name}")).format(
                row=row, name=t.text(res.organisation(row).name)), "left"))
    body += [Spacer(1, 4),
             grid_table(header, rows, [0.05, 0.19, 0.14, 0.13, 0.2, 0.09, 0.08, 0.12], small=True),
             Spacer(1, 8)]
    if res is not None:
        body.append(para(t.gettext(N_("Pay: {rule} ({factor} × the minimum monthly wage), "
                                      "prorated by days worked over the month's working days; "
                                      "financing: {financing}. Basis: {title}.")).format(
            rule=t.text(res.pay.text), factor=res.pay.factor, financing=t.text(res.pay.financing),
            title=t.text(res.title)), "small"))
    versions = sorted({(ln.pay.wage, ln.pay.wage_version) for ln in sheet.lines if ln.pay})
    for wage, version in versions:
        body.append(para(t.gettext(N_("Minimum monthly wage used: {wage} (version {version}).")
                                   ).format(wage=t.money(wage), version=version), "small"))
    body.append(para(t.gettext(N_("Working days of the month by the office's calendar: {days}. "
                                  "The \"working days\" column counts those within the contract.")
                               ).format(days=sheet.lines[0].working_days if sheet.lines else "—"),
                     "small"))
    for notice in sheet.notices:
        body.append(para(notice, "small", bold=True))
    position = (t.text(sheet.office.akim_position) if sheet.office.akim_position
                else t.gettext(N_("Akim")))
    paper = Paper(office=sheet.office, translator=t,
                  title=t.gettext(N_("Timesheet of public works participants")),
                  subtitle=month_text, reg_no="", date=sheet.date, body=body,
                  signature=Signature(position, sheet.office.akim_name, stamp=True))
    return render(paper)
