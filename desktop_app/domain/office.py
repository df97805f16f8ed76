"""The office's identity: who it is, who signs, whom it reports to. Printed papers take their header
here."""

from __future__ import annotations

from desktop_app.domain.errors import NotFound

from dataclasses import dataclass, field


@dataclass
class Office:
    code: str                      # short code used in registration numbers, e.g. "KRG-ABY-01"
    name: dict[str, str]           # {"kk": ..., "ru": ...}
    region: str                    # region id for parameters, e.g. "karaganda"
    district: dict[str, str] = field(default_factory=dict)
    address: dict[str, str] = field(default_factory=dict)
    phone: str = ""
    akim_name: str = ""
    akim_position: dict[str, str] = field(default_factory=dict)
    department: dict[str, str] = field(default_factory=dict)   # the Department it reports to
    calendar: str = ""             # per-office calendar file in data/calendar/ (extra days off)
    id: int | None = None

    @property
    def saved_id(self) -> int:
        """The row id once saved; NotFound for a record that was never saved."""
        if self.id is None:
            raise NotFound(what="office", key=self.code or "")
        return self.id
    uuid: str | None = None
