"""Reference data: the legal parameters in force (shipped files merged with the office's own
values), their history, adding a value (administrators only), and the versions a stored pre-check
used, worded for the application details.

Imports context, domain (parameters, parameter_overrides, roles, errors), store, services.guard.
Shipped values stay in data/parameters; the office's live in the table parameter_values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop_app.context import AppContext
from desktop_app.domain import money
from desktop_app.domain.errors import AppError, ParametersEnding, ValidationError
from desktop_app.domain.parameter_overrides import MergedParameters, conflict
from desktop_app.domain.parameters import NATIONAL, ParameterInfo, Parameters, ParamValue
from desktop_app.domain.precheck import PreCheckResult
from desktop_app.domain.roles import Action
from desktop_app.i18n import N_, Translator
from desktop_app.services import Changes
from desktop_app.services.guard import require
from desktop_app.store import audit, settings
from desktop_app.store import parameter_values as store
from desktop_app.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

SHIPPED, OFFICE, DISTRICT = "shipped", "office", "district"


@dataclass(frozen=True)
class HistoryRow:
    """One value as the office sees it: in force (merged), where it came from, who added it."""

    value: ParamValue
    origin: str               # SHIPPED, OFFICE or DISTRICT
    added_by: str = ""
    added_at: str = ""
    origin_code: str = ""     # the district's code when origin is DISTRICT


@dataclass
class ValueDraft:
    """What the "Add value" dialog gathers; text as typed, checked by `check`."""

    name: str = ""
    value: str = ""
    valid_from: dt.date | str | None = None
    valid_to: dt.date | str | None = None
    region: str | None = None           # None or "*": national
    source: str = ""


def merged(db: sqlite_utils.Database, shipped: Parameters) -> MergedParameters:
    """The parameters in force in this office: the shipped files with its own values over them."""
    return MergedParameters(shipped, [v.value for v in store.all_values(db)])


def _shipped(ctx: AppContext) -> Parameters:
    return getattr(ctx.parameters, "shipped", ctx.parameters)


def infos(ctx: AppContext) -> list[ParameterInfo]:
    return [ctx.parameters.info(n) for n in ctx.parameters.names()]


def regions(ctx: AppContext) -> list[str]:
    """Regions any value names, and the office's own, sorted (national not included)."""
    found = {v.region for n in ctx.parameters.names() for v in ctx.parameters.all_values(n)
             if v.region}
    if ctx.office.region:
        found.add(ctx.office.region)
    return sorted(found)


def history(ctx: AppContext, name: str) -> list[HistoryRow]:
    """Every value of `name` in force in this office (the office's region first, then national,
    then other regions), oldest first, each with its origin; office values name who added them
    and when."""
    own = {(o.value.name, o.value.version): o for o in store.all_values(ctx.db)}
    rows = []
    for v in ctx.parameters.all_values(name):
        o = own.get((v.name, v.version))
        rows.append(HistoryRow(v, DISTRICT if o.origin == DISTRICT else OFFICE, o.created_by,
                               o.created_at, o.origin_code) if o else HistoryRow(v, SHIPPED))
    own_region = ctx.office.region or None
    rows.sort(key=lambda r: (r.value.region != own_region, r.value.region is not None,
                             r.value.region or "", r.value.valid_from))
    return rows


def _day(raw: dt.date | str | None, key: str, required: bool) -> dt.date | None:
    if isinstance(raw, dt.date):
        return raw
    text = (raw or "").strip()
    if not text:
        if required:
            raise ValidationError(key, N_("Enter the date."), code="required")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(key, N_("Write the date as YYYY-MM-DD."), code="bad_date") from None


def _region(raw: str | None) -> str | None:
    text = (raw or "").strip().lower()
    return None if text in ("", NATIONAL) else text


def version_for(name: str, region: str | None, valid_from: dt.date, origin: str = "office"
                ) -> str:
    """The version id of an office value: unique, since office values never overlap; a district's
    values (sent to its offices) say "district-" so they never clash with an office's own."""
    return f"{origin}-{region or 'kz'}-{valid_from.isoformat()}"


def check(ctx: AppContext, draft: ValueDraft) -> tuple[ParamValue | None, list[ValidationError]]:
    """The value the draft describes, or every problem with it (field by field)."""
    errors: list[ValidationError] = []
    if draft.name not in ctx.parameters.names():
        errors.append(ValidationError("name", N_("Choose the parameter."), code="required"))
    value = None
    try:
        value = money.parse_decimal(draft.value if isinstance(draft.value, Decimal)
                                    else str(draft.value), "value")
    except ValidationError as exc:
        value = None
        errors.append(exc)
    start = end = None
    for key, raw, required in (("valid_from", draft.valid_from, True),
                               ("valid_to", draft.valid_to, False)):
        try:
            day = _day(raw, key, required)
        except ValidationError as exc:
            errors.append(exc)
            continue
        if key == "valid_from":
            start = day
        else:
            end = day
    if start and end and end < start:
        errors.append(ValidationError("valid_to", N_("The last day comes before the first day."),
                                      code="bad_period"))
    region = _region(draft.region)
    if region is not None and region not in regions(ctx):
        errors.append(ValidationError("region", N_("Unknown region {region}."),
                                      code="bad_region", region=region))
    if not draft.source.strip():
        errors.append(ValidationError("source", N_("Name the act or decision that sets this "
                                                   "value."), code="required"))
    if errors or value is None or start is None:
        return None, errors
    origin = "district" if settings.get(ctx.db, "office.mode") == "district" else "office"
    new = ParamValue(draft.name, value, version_for(draft.name, region, start, origin), start,
                     end, region, " ".join(draft.source.split()))
    found = conflict(new, _shipped(ctx).all_values(draft.name),
                     [o.value for o in store.all_values(ctx.db)])
    if found is not None:
        kind, other = found
        msgid = (N_("The period overlaps the office's value {version} ({start} – {end}). "
                    "Periods of one parameter and region must not overlap.") if kind == OFFICE
                 else N_("The period overlaps the shipped value {version} ({start} – {end}). "
                         "A new value must cover exactly the same period, or start after the "
                         "first day of an open-ended one."))
        errors.append(ValidationError("valid_from", msgid, code="overlap", version=other.version,
                                      start=other.valid_from.isoformat(),
                                      end=other.valid_to.isoformat() if other.valid_to else "…"))
        return None, errors
    return new, []


def add_value(ctx: AppContext, draft: ValueDraft) -> tuple[ParamValue, Changes]:
    """Add the office's value of a parameter (administrators only), in force from the next
    pre-check on; applications already taken keep the version they were checked with."""
    require(ctx, Action.PARAMETERS)
    new, errors = check(ctx, draft)
    if errors:
        raise errors[0]
    assert new is not None
    now = ctx.now_iso()
    with transaction(ctx.db):
        rec = store.insert(ctx.db, new, now=now, user=ctx.user.login)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="parameter.add",
                     table="parameter_values", uuid=rec.uuid,
                     after={"name": new.name, "value": str(new.value),
                            "valid_from": new.valid_from.isoformat(),
                            "valid_to": new.valid_to.isoformat() if new.valid_to else None,
                            "region": new.region or NATIONAL, "version": new.version,
                            "source": new.source})
    ctx.parameters = merged(ctx.db, _shipped(ctx))
    return new, Changes(settings=True)


def format_value(value: Decimal, unit: str, t: Translator) -> str:
    if unit.upper() == "KZT":
        return t.money(value)
    return t.number(value)


def versions_used(ctx: AppContext, precheck: dict | None, t: Translator) -> str:
    """"Parameter versions used: Poverty line karaganda-2026Q4-derived (32 359,60 ₸)" for a
    stored pre-check; "" when it used none. The figures are the stored ones, not today's."""
    if not precheck:
        return ""
    try:
        used = PreCheckResult.from_dict(precheck).parameters
    except (AppError, KeyError, TypeError, ValueError):
        return ""
    parts = []
    for name, version, raw in used:
        try:
            info = ctx.parameters.info(name)
            title, unit = t.text(info.title), info.unit
        except KeyError:
            title, unit = name, ""
        try:
            shown = format_value(Decimal(raw), unit, t)
        except (ArithmeticError, ValueError):
            shown = raw
        parts.append(f"{title} {version} ({shown})")
    if not parts:
        return ""
    return t.gettext(N_("Parameter versions used: {versions}")).format(versions="; ".join(parts))


@dataclass(frozen=True)
class ParameterAlert:
    """A parameter with no value for a day, or whose value ends soon with nothing after it."""

    name: str
    title: dict[str, str]
    missing: bool                 # no value in force on the day asked
    ends_on: dt.date | None       # the value in force ends then, and none follows


def alerts(ctx: AppContext, on: dt.date | None = None, *, within_days: int = 31
           ) -> list[ParameterAlert]:
    """Values missing on `on` (default today) or ending within `within_days` with no successor,
    for the office's region: the administrator enters the new ones before the old ones lapse."""
    from desktop_app.domain.errors import MissingParameter

    day = on or ctx.now().date()
    region = ctx.office.region
    out = []
    for name in ctx.parameters.names():
        info = ctx.parameters.info(name)
        try:
            current = ctx.parameters.value(name, day, region)
        except MissingParameter:
            out.append(ParameterAlert(name, dict(info.title), True, None))
            continue
        end = current.valid_to
        if end is None or (end - day).days > within_days:
            continue
        try:
            ctx.parameters.value(name, end + dt.timedelta(days=1), region)
        except MissingParameter:
            out.append(ParameterAlert(name, dict(info.title), False, end))
    return out


def year_end_warning(ctx: AppContext, on: dt.date | None = None) -> ParametersEnding | None:
    """From 1 December: the values of the office's region that end on 31 December with nothing
    after them (the same `alerts` the Today page lists), as one start-up warning; None before
    December, when every value has a successor, or while the office is not set up."""
    day = on or ctx.now().date()
    if day.month != 12 or not ctx.office.code:
        return None
    end = dt.date(day.year, 12, 31)
    try:
        ending = [a for a in alerts(ctx, day, within_days=(end - day).days)
                  if not a.missing and a.ends_on == end]
    except AppError:
        return None
    return ParametersEnding(end, [a.title for a in ending]) if ending else None
