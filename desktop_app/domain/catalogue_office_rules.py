"""The facts of the catalogue that are the office's own rules rather than the act's: a deadline the
act does not state, a unit the act leaves open (counted as calendar days), a receipt the act does
not name, an appeal route the act does not give. `akimat-desk catalog check` lists them.

Pure Python; imports domain.catalogue and i18n only. Wording is a msgid with named placeholders,
translated when shown; `note` is the catalogue's own kk/ru text (or its source line).
"""

from __future__ import annotations

from collections.abc import Iterable
import dataclasses
from dataclasses import dataclass

from desktop_app.domain.catalogue import DeadlineUnit, ServiceSpec, Text
from desktop_app.i18n import N_, Translator

DEADLINE_NOT_STATED = "deadline_not_stated"
UNIT_NOT_STATED = "unit_not_stated"
RECEIPT_NOT_STATED = "receipt_not_stated"
APPEAL_NOT_STATED = "appeal_not_stated"

KIND_MSGIDS: dict[str, str] = {
    DEADLINE_NOT_STATED: N_("{file}, {field}: the act states no such deadline; it is an office "
                            "rule. {note}"),
    UNIT_NOT_STATED: N_("{file}, {field}: the act does not say whether calendar or working days; "
                        "the office counts calendar days. {note}"),
    RECEIPT_NOT_STATED: N_("{file}, {field}: the act names no receipt; the office gives its own "
                           "slip. {note}"),
    APPEAL_NOT_STATED: N_("{file}, {field}: the act gives no appeal route; the printed route is "
                          "an office rule. {note}"),
}


@dataclass(frozen=True)
class OfficeRule:
    """One fact of a service file that the office set, not the act."""

    service: str
    file: str
    field: str        # the dotted path in the file, as catalogue errors name it
    kind: str         # one of KIND_MSGIDS
    source: str       # the file's source line for the fact
    note: Text = dataclasses.field(default_factory=dict)

    def message(self, t: Translator) -> str:
        note = t.text(self.note) if any(self.note.values()) else self.source
        return t.gettext(KIND_MSGIDS[self.kind]).format(file=self.file, field=self.field,
                                                         note=note).strip()

    def to_dict(self) -> dict:
        return {"service": self.service, "file": self.file, "field": self.field,
                "kind": self.kind, "source": self.source, "note": dict(self.note)}


def office_rules(specs: Iterable[ServiceSpec]) -> list[OfficeRule]:
    """Every office rule of `specs`, service by service in catalogue order, then field order."""
    out: list[OfficeRule] = []
    for spec in specs:
        if not spec.receipt_stated:
            out.append(OfficeRule(spec.id, spec.file, "receipt_kind", RECEIPT_NOT_STATED,
                                  spec.receipt_kind.value, dict(spec.receipt_note)))
        for i, d in enumerate(spec.deadlines):
            where = f"deadlines[{i}]"
            if not d.stated:
                out.append(OfficeRule(spec.id, spec.file, where, DEADLINE_NOT_STATED, d.source,
                                      dict(d.note)))
            elif d.unit == DeadlineUnit.UNSPECIFIED:
                out.append(OfficeRule(spec.id, spec.file, f"{where}.unit", UNIT_NOT_STATED,
                                      d.source))
        if spec.appeal is not None and not spec.appeal.stated:
            out.append(OfficeRule(spec.id, spec.file, "appeal", APPEAL_NOT_STATED,
                                  spec.appeal.source, dict(spec.appeal.text)))
    return out
