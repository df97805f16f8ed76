"""Parameter values the office adds over the shipped files (data/parameters): the merge (the
office's value wins for its whole period; a shipped value keeps the days it does not cover) and
the rule for what the office may add.

Pure Python; imports domain.parameters. A new office value may not overlap another office value
of the same parameter and region; against a shipped value it must either cover exactly the same
period (it replaces it) or start inside an open-ended shipped value (which then ends the day
before); any other overlap is refused, so a figure never silently cuts a shipped one in pieces.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from desktop_app.domain.parameters import ParameterInfo, Parameters, ParamValue

_END = dt.date.max


def _end(v: ParamValue) -> dt.date:
    return v.valid_to or _END


def overlaps(a: ParamValue, b: ParamValue) -> bool:
    return a.valid_from <= _end(b) and b.valid_from <= _end(a)


def _minus(v: ParamValue, cuts: list[ParamValue]) -> list[ParamValue]:
    """`v` without the days `cuts` cover: zero, one or more pieces keeping v's version."""
    pieces = [v]
    for cut in sorted(cuts, key=lambda c: c.valid_from):
        out: list[ParamValue] = []
        for p in pieces:
            if not overlaps(p, cut):
                out.append(p)
                continue
            if p.valid_from < cut.valid_from:
                out.append(_span(p, p.valid_from, cut.valid_from - dt.timedelta(days=1)))
            if cut.valid_to is not None and _end(p) > cut.valid_to:
                out.append(_span(p, cut.valid_to + dt.timedelta(days=1), p.valid_to))
        pieces = out
    return pieces


def _span(v: ParamValue, start: dt.date, end: dt.date | None) -> ParamValue:
    return dataclasses.replace(v, valid_from=start, valid_to=end)


class MergedParameters(Parameters):
    """The parameters in force in this office: the shipped ones with the office's over them."""

    def __init__(self, shipped: Parameters, office: Iterable[ParamValue]) -> None:
        self.shipped = shipped
        self.office = [v for v in office if v.name in shipped.names()]
        infos: dict[str, ParameterInfo] = {n: shipped.info(n) for n in shipped.names()}
        values: dict[str, list[ParamValue]] = {}
        for name in infos:
            own = [v for v in self.office if v.name == name]
            merged = list(own)
            for v in shipped.all_values(name):
                merged += _minus(v, [o for o in own if o.region == v.region])
            values[name] = merged
        super().__init__(infos, values)

    def is_office_value(self, value: ParamValue) -> bool:
        return any(v.version == value.version and v.name == value.name for v in self.office)


def conflict(new: ParamValue, shipped: Iterable[ParamValue], office: Iterable[ParamValue]
             ) -> tuple[str, ParamValue] | None:
    """Why `new` cannot be added: ("office", other) or ("shipped", other); None when it can."""
    for other in office:
        if other.name == new.name and other.region == new.region and overlaps(new, other):
            return "office", other
    for other in shipped:
        if other.name != new.name or other.region != new.region or not overlaps(new, other):
            continue
        same_period = other.valid_from == new.valid_from and other.valid_to == new.valid_to
        starts_inside_open = other.valid_to is None and other.valid_from < new.valid_from
        if not (same_period or starts_inside_open):
            return "shipped", other
    return None
