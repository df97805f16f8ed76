"""The summary report: per service (or office, or office and service) and in total, what was
received, how much was forwarded by the forward-by date, the decisions and hand-overs, and the
standards' indicators 1.1, 1.2, 2.2, 3.2, 4.1 and 4.2 next to the targets the catalogue holds.

Pure aggregation over `reports.facts`; imports domain and i18n only. Rows hold numbers and codes;
the labels of the columns are msgids translated by whoever shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from desktop_app.domain.catalogue import RefusalKind
from desktop_app.domain.catalogue_loader import Catalogue
from desktop_app.i18n import N_, Translator
from desktop_app.reports.facts import AppFact, ComplaintFact
from desktop_app.reports.files import Cell
from desktop_app.reports.period import Period

BY = ("service", "office", "office_service")

# the indicators measured, in the annex's numbering: code -> (label, the target's field, ceiling)
INDICATORS: dict[str, tuple[str, str, bool]] = {
    "1.1": (N_("1.1 Served within the term, %"), "served_on_time", False),
    "1.2": (N_("1.2 Waited within the limit, %"), "waited_within_limit", False),
    "2.2": (N_("2.2 Documents drawn up correctly, %"), "drawn_up_correctly", False),
    "3.2": (N_("3.2 Complete at the first attempt, %"), "complete_first_time", False),
    "4.1": (N_("4.1 Justified complaints per people served, %"), "justified_complaints", True),
    "4.2": (N_("4.2 Justified complaints reviewed on time, %"), "complaints_on_time", False),
}
REFUSAL_LABELS = {
    RefusalKind.REFUSAL.value: N_("Refused"),
    RefusalKind.TERMINATION.value: N_("Terminated"),
    RefusalKind.DEPRIVATION.value: N_("Deprived"),
}


@dataclass(frozen=True)
class Indicator:
    value: float | None        # per cent; None: nothing to measure
    measured: int              # how many cases the share is of
    target: float | None       # the standard's normative value; None: no single standard
    ceiling: bool = False      # 4.1: the value should stay at or below the target

    @property
    def met(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value <= self.target if self.ceiling else self.value >= self.target


@dataclass(frozen=True)
class SummaryRow:
    office_code: str                 # "" : every office (or this office's own report)
    service_id: str                  # "" : every service
    received: int = 0
    incomplete: int = 0              # accepted with documents missing
    on_time: int = 0                 # forwarded by the forward-by date
    late: int = 0                    # forwarded after it, or still not forwarded past it
    pending: int = 0                 # not forwarded yet, the date not passed
    assigned: int = 0
    refused: dict[str, int] = field(default_factory=dict)  # refusal kind -> count
    handed_over: int = 0
    handover_days: float | None = None   # mean days from the decision to the hand-over
    withdrawn: int = 0
    voided: int = 0
    indicators: dict[str, Indicator] = field(default_factory=dict)

    @property
    def is_total(self) -> bool:
        return not self.office_code and not self.service_id


@dataclass(frozen=True)
class MonthRow:
    month: str        # "YYYY-MM"
    received: int
    on_time: int
    late: int


@dataclass(frozen=True)
class Summary:
    period: Period
    by: str
    service_id: str | None
    mode: str                        # "village" | "district"
    rows: list[SummaryRow]           # the groups, then the total
    months: list[MonthRow]
    complaints_known: bool           # False: `summarise` was given no complaints journal
    computed_on: dt.date


def _share(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _targets(catalogue: Catalogue, service_ids: set[str]):
    if len(service_ids) != 1:
        return None
    (service_id,) = service_ids
    return catalogue.get(service_id).indicators if service_id in catalogue else None


def _row(office_code: str, service_id: str, facts: Sequence[AppFact],
         complaints: Sequence[ComplaintFact] | None, catalogue: Catalogue, today: dt.date,
         review_days: int) -> SummaryRow:
    live = [f for f in facts if f.status != "voided"]
    timely = [f.forwarding(today) for f in facts]
    term = [f.term(today) for f in facts]
    refused: dict[str, int] = {}
    for f in facts:
        if f.decision == "refused":
            refused[f.refusal_kind or "refusal"] = refused.get(f.refusal_kind or "refusal", 0) + 1
    waits = [(f.handed_on - f.decision_date).days for f in live if f.handed_on and f.decision_date]
    on_time, late = timely.count("on_time"), timely.count("late")
    served, overdue = term.count("on_time"), term.count("late")
    # 1.2: only visitors whose arrival was noted, against their own service's limit
    arrived = [(f.accepted_at - f.arrived_at, t) for f in live if f.arrived_at
               for t in [_targets(catalogue, {f.service_id})] if t is not None]
    waited = sum(1 for waited_for, t in arrived
                 if waited_for.total_seconds() <= 60 * t.wait_minutes)
    services = {service_id} if service_id else {f.service_id for f in facts}
    targets = _targets(catalogue, services)
    values: dict[str, tuple[float | None, int]] = {
        "1.1": (_share(served, served + overdue), served + overdue),
        "1.2": (_share(waited, len(arrived)), len(arrived)),
        "2.2": (_share(sum(not f.corrected for f in live), len(live)), len(live)),
        "3.2": (_share(sum(not f.incomplete_at_intake for f in live), len(live)), len(live)),
    }
    if complaints is None:
        values["4.1"] = values["4.2"] = (None, 0)
    else:
        mine = [c for c in complaints if not service_id or c.service_id == service_id]
        justified = [c for c in mine if c.justified]
        people = len({f.applicant for f in live})
        values["4.1"] = (_share(len(justified), people), people)
        closed = [c for c in justified
                  if c.reviewed_on or (today - c.received_on).days > review_days]
        in_time = sum(1 for c in closed
                      if c.reviewed_on and (c.reviewed_on - c.received_on).days <= review_days)
        values["4.2"] = (_share(in_time, len(closed)), len(closed))
    indicators = {
        code: Indicator(value, measured,
                        getattr(targets, INDICATORS[code][1]) if targets else None,
                        INDICATORS[code][2])
        for code, (value, measured) in values.items()}
    return SummaryRow(
        office_code=office_code, service_id=service_id, received=len(facts),
        incomplete=sum(f.incomplete_at_intake for f in facts), on_time=on_time, late=late,
        pending=timely.count("pending"), assigned=sum(f.decision == "assigned" for f in facts),
        refused=refused, handed_over=sum(1 for f in facts if f.handed_on),
        handover_days=(round(sum(max(0, days) for days in waits) / len(waits), 1)
                       if waits else None),
        withdrawn=sum(f.status == "withdrawn" for f in facts),
        voided=sum(f.status == "voided" for f in facts), indicators=indicators)


def _group_key(by: str) -> Callable[[AppFact], tuple[str, str]]:
    return {"service": lambda f: ("", f.service_id),
            "office": lambda f: (f.office_code, ""),
            "office_service": lambda f: (f.office_code, f.service_id)}[by]


def summarise(facts: Sequence[AppFact], complaints: Sequence[ComplaintFact] | None, *,
              catalogue: Catalogue, period: Period, today: dt.date, by: str = "service",
              service_id: str | None = None, mode: str = "village", review_days: int = 15,
              offices: Iterable[str] = ()) -> Summary:
    """Group `facts` by `by` (offices listed in `offices` get a row even with nothing received)
    and add the total row. `complaints` None: not known here (the district)."""
    if by not in BY:
        raise ValueError(by)
    key = _group_key(by)
    groups: dict[tuple[str, str], list[AppFact]] = {}
    if by == "office":
        for code in offices:
            groups[(code, "")] = []
    for f in facts:
        groups.setdefault(key(f), []).append(f)
    order = {s.id: (s.order, s.id) for s in catalogue.all()}
    keys = sorted(groups, key=lambda k: (k[0], order.get(k[1], (10 ** 6, k[1]))))
    service = service_id or ""
    rows = [_row(office, svc or service, groups[(office, svc)],
                 None if complaints is None else
                 [c for c in complaints if (not svc or c.service_id == svc)
                  and (not office or c.office_code == office)],
                 catalogue, today, review_days) for office, svc in keys]
    rows.append(_row("", service, facts, complaints, catalogue, today, review_days))
    return Summary(period=period, by=by, service_id=service_id, mode=mode, rows=rows,
                   months=monthly(facts, period, today), complaints_known=complaints is not None,
                   computed_on=today)


def monthly(facts: Sequence[AppFact], period: Period, today: dt.date) -> list[MonthRow]:
    """Received, forwarded on time and late per month of acceptance (the chart)."""
    counts = {m: [0, 0, 0] for m in period.months()}
    for f in facts:
        c = counts.setdefault(f.accepted_at.strftime("%Y-%m"), [0, 0, 0])
        c[0] += 1
        state = f.forwarding(today)
        if state == "on_time":
            c[1] += 1
        elif state == "late":
            c[2] += 1
    return [MonthRow(m, *c) for m, c in sorted(counts.items())]


# the table: columns as (key, label msgid) and each row's typed values ---------------------------

def refusal_kinds(summary: Summary) -> list[str]:
    """Every refusal kind the domain knows, then any other kind found in the data."""
    kinds = [k.value for k in RefusalKind]
    for row in summary.rows:
        kinds += sorted(k for k in row.refused if k not in kinds)
    return kinds


def columns(summary: Summary) -> list[tuple[str, str]]:
    cols: list[tuple[str, str]] = []
    if summary.by in ("office", "office_service"):
        cols.append(("office", N_("Village office")))
    if summary.by != "office":
        cols.append(("service", N_("Service")))
    cols += [("received", N_("Received")), ("incomplete", N_("Incomplete at intake")),
             ("on_time", N_("Forwarded on time")), ("late", N_("Forwarded late")),
             ("pending", N_("To forward")),
             ("assigned", N_("Assigned"))]
    cols += [(f"refused:{k}", REFUSAL_LABELS.get(k, k)) for k in refusal_kinds(summary)]
    cols += [("handed_over", N_("Handed over")),
             ("handover_days", N_("Days from decision to hand-over")),
             ("withdrawn", N_("Withdrawn")), ("voided", N_("Voided"))]
    for code, (label, _, _) in INDICATORS.items():
        cols += [(f"ind:{code}", label), (f"target:{code}", N_("target"))]
    return cols


def values(row: SummaryRow, keys: Sequence[str], office_name: Callable[[str], str],
           service_name: Callable[[str], str], t: Translator) -> list[Cell]:
    """The row's cells for `keys` (from `columns`): ints, floats, text; None for "nothing"."""
    out: list[Cell] = []
    for key in keys:
        if key == "office":
            out.append(office_name(row.office_code) if row.office_code
                       else t.gettext(N_("All offices")))
        elif key == "service":
            out.append(service_name(row.service_id) if row.service_id
                       else t.gettext(N_("All services")))
        elif key.startswith("refused:"):
            out.append(row.refused.get(key.partition(":")[2], 0))
        elif key.startswith("ind:"):
            out.append(row.indicators[key[4:]].value)
        elif key.startswith("target:"):
            ind = row.indicators[key[7:]]
            out.append(None if ind.target is None else
                       ("≤ " if ind.ceiling else "≥ ") + t.number(ind.target))
        else:
            out.append(getattr(row, key))
    return out
