"""English msgids for the codes the domain stores (relations, member statuses, income kinds),
and what an application's history entry changed, in words.

Imports domain and i18n only. Translate at display time with `_()`; shared by every page and form.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.application import PRESENTED_LABELS, Presented
from desktop_app.domain.household import IncomeKind, MemberStatus, Relation
from desktop_app.domain.labels import (  # noqa: F401 - re-exported for the pages
    INCOME_KIND_LABELS, MEMBER_STATUS_LABELS, RELATION_LABELS, SEX_LABELS,
)
from desktop_app.i18n import N_, _, active

DISABILITY_GROUP_LABEL = N_("Disabled, group {group}")


def relation_label(relation: Relation | str) -> str:
    try:
        return _(RELATION_LABELS[Relation(relation)])
    except ValueError:
        return str(relation)


def status_label(status: MemberStatus | str, disability_group: int | None = None) -> str:
    try:
        status = MemberStatus(status)
    except ValueError:
        return str(status)
    if status == MemberStatus.DISABLED and disability_group:
        return _(DISABILITY_GROUP_LABEL).format(group=disability_group)
    return _(MEMBER_STATUS_LABELS[status])


def statuses_text(statuses, disability_group: int | None = None) -> str:
    """The member's statuses in a stable order (the enum's), joined for a table cell."""
    order = list(MemberStatus)
    items = sorted((MemberStatus(s) for s in statuses), key=order.index)
    return ", ".join(status_label(s, disability_group) for s in items)


def income_kind_label(kind: IncomeKind | str) -> str:
    try:
        return _(INCOME_KIND_LABELS[IncomeKind(kind)])
    except ValueError:
        return str(kind)


PERSON_FIELD_LABELS = {
    "surname": N_("Surname"), "given_name": N_("Given name"), "patronymic": N_("Patronymic"),
    "iin": N_("IIN"), "birth_date": N_("Birth date"), "sex": N_("Sex"), "address": N_("Address"),
    "phone": N_("Phone"),
}


def event_details(item: dict, names: dict[str, str]) -> str:
    """A history entry's details in words: what a correction changed, which papers arrived."""
    details = item.get("details") or {}
    t = active()
    docs = details.get("documents")
    if isinstance(docs, list):  # papers that arrived later
        text = ", ".join(names.get(d, d) for d in docs)
        if details.get("on"):
            text += " ({})".format(t.date(dt.date.fromisoformat(details["on"])))
        return text
    parts = []
    for field, (before, after) in (details.get("person") or {}).items():
        parts.append("{}: {} → {}".format(_(PERSON_FIELD_LABELS.get(field, field)),
                                          before or "—", after or "—"))
    for doc, (before, after) in (docs or {}).items():
        parts.append("{}: {} → {}".format(names.get(doc, doc), _(PRESENTED_LABELS[Presented(
            before)]), _(PRESENTED_LABELS[Presented(after)])))
    return "; ".join(parts)
