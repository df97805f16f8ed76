"""The office's identity: who it is, who signs, whom it reports to. Printed papers take their header
here."""

from __future__ import annotations

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
    uuid: str | None = None
