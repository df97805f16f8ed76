"""One search from every page: persons by name or IIN, applications by registration number.

Reads only; role-checked first (the hits name citizens). IINs are shown as the user may see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.context import AppContext
from desktop_app.domain.application import Status
from desktop_app.domain.roles import Action
from desktop_app.services.guard import require, shown_iin
from desktop_app.store import applications as app_store
from desktop_app.store import households as hh_store

MAX_QUERY = 100   # longer text is no name, IIN or number


@dataclass(frozen=True)
class Hit:
    kind: str                  # "person" or "application"
    id: int                    # person id or application id
    title: str                 # a full name, or a registration number
    iin: str = ""              # a person's IIN as the user may see it
    household_id: int | None = None
    service_id: str = ""       # an application's service
    applicant: str = ""        # an application's applicant
    status: Status | None = None


def find(ctx: AppContext, text: str, limit: int = 20) -> list[Hit]:
    """Applications whose number contains the text (when it has digits and is not an IIN), then
    persons by any part of a name or IIN."""
    require(ctx, Action.PRINT_PAPER)
    query = " ".join(text.split())[:MAX_QUERY]
    if not query:
        return []
    hits: list[Hit] = []
    compact = query.replace(" ", "")
    if re.search(r"\d", query) and not re.fullmatch(r"\d{12}", compact):
        hits += [Hit("application", r.id, r.reg_no, household_id=r.household_id,
                     service_id=r.service_id, applicant=r.applicant, status=r.status)
                 for r in app_store.by_number_part(ctx.db, compact, limit)]
    hits += [Hit("person", p.id, p.full_name, shown_iin(ctx, p.iin) or "", p.household_id)
             for p in hh_store.search_persons(ctx.db, query, limit)]
    return hits[:limit]
