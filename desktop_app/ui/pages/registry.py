"""The pages of the main window, in navigation order: key, title, where the class lives and who
sees it. Adding a page is one entry here; the main window builds whatever this lists.

Every page class takes `(ctx, parent=None, *, tasks=None)` and has the signals `changed(Changes)`
and `show_pdf(bytes, str)` and the method `on_changed(changes)`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.context import AppContext
from desktop_app.i18n import N_


def _always(_ctx: AppContext) -> bool:
    return True


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str                                   # msgid
    target: str                                  # "module:Class"
    shown: Callable[[AppContext], bool] = _always

    def load(self) -> type:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("reception", N_("Reception"), "desktop_app.ui.pages.reception:ReceptionPage"),
    PageSpec("households", N_("Households"), "desktop_app.ui.pages.households:HouseholdsPage"),
    PageSpec("applications", N_("Applications"),
             "desktop_app.ui.pages.applications:ApplicationsPage"),
    PageSpec("settings", N_("Settings"), "desktop_app.ui.pages.settings:SettingsPage"),
)


def pages_for(ctx: AppContext) -> list[PageSpec]:
    return [p for p in PAGES if p.shown(ctx)]
