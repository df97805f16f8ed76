"""The one facade the GUI and the CLI call. Every write returns a `Changes` record of what it
touched."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """What a write changed, so each page decides whether to refresh (Anki's OpChanges)."""

    households: frozenset[int] = frozenset()
    persons: frozenset[int] = frozenset()
    applications: frozenset[int] = frozenset()
    papers: frozenset[str] = frozenset()
    office: bool = False
    settings: bool = False
    sync: bool = False      # batches, peers, district records or results
    public_works: frozenset[int] = frozenset()   # public-works participants (and their months)

    def __bool__(self) -> bool:
        return bool(self.households or self.persons or self.applications or self.papers
                    or self.office or self.settings or self.sync or self.public_works)
