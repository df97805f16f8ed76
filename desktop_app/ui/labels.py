"""English msgids for the codes the domain stores (relations, member statuses, income kinds).

Imports domain and i18n only. Translate at display time with `_()`; shared by every page and form.
"""

from __future__ import annotations

from desktop_app.domain.household import IncomeKind, MemberStatus, Relation
from desktop_app.domain.labels import (  # noqa: F401 - re-exported for the pages
    INCOME_KIND_LABELS, MEMBER_STATUS_LABELS, RELATION_LABELS, SEX_LABELS,
)
from desktop_app.i18n import N_, _

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
