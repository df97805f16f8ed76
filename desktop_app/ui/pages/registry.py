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


def _village(ctx: AppContext) -> bool:
    from desktop_app.services.sync_plan import mode

    return mode(ctx) != "district"


def _district(ctx: AppContext) -> bool:
    return not _village(ctx)


def _can(ctx: AppContext, action: str) -> bool:
    from desktop_app.services.guard import can

    return can(ctx, action)


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
    PageSpec("today", N_("Today"), "desktop_app.ui.pages.today:TodayPage", _village),  # first
    PageSpec("reception", N_("Reception"), "desktop_app.ui.pages.reception:ReceptionPage",
             _village),
    PageSpec("households", N_("Households"), "desktop_app.ui.pages.households:HouseholdsPage",
             _village),
    PageSpec("applications", N_("Applications"),
             "desktop_app.ui.pages.applications:ApplicationsPage", _village),
    PageSpec("handover", N_("To hand over"), "desktop_app.ui.pages.handover:HandoverPage",
             _village),
    PageSpec("sync", N_("USB stick"), "desktop_app.ui.pages.sync_office:SyncOfficePage", _village),
    PageSpec("public_works", N_("Public works"),
             "desktop_app.ui.pages.public_works:PublicWorksPage",
             lambda c: _village(c) and _can(c, "print_paper")),   # specialists and akims
    PageSpec("reports", N_("Reports"), "desktop_app.ui.pages.reports:ReportsPage",
             lambda c: _village(c) and _can(c, "view_reports")),
    PageSpec("district_offices", N_("Offices"),
             "desktop_app.ui.pages.district_offices:DistrictOfficesPage", _district),
    PageSpec("district_import", N_("Import batches"),
             "desktop_app.ui.pages.district_batches:DistrictImportPage", _district),
    PageSpec("district_decisions", N_("Decisions"),
             "desktop_app.ui.pages.district_decisions:DistrictDecisionsPage", _district),
    PageSpec("district_duplicates", N_("Duplicates"),
             "desktop_app.ui.pages.district_decisions:DistrictDuplicatesPage", _district),
    PageSpec("district_returns", N_("Return batches"),
             "desktop_app.ui.pages.district_batches:DistrictReturnsPage", _district),
    PageSpec("district_reports", N_("Reports"), "desktop_app.ui.pages.reports:ReportsPage",
             lambda c: _district(c) and _can(c, "view_reports")),
    # a paper brought in (a citizen's certificate, a notice) checked by its QR code, offline
    PageSpec("verify", N_("Verify a paper"), "desktop_app.ui.pages.verify:VerifyPage"),
    PageSpec("parameters", N_("Parameters"), "desktop_app.ui.pages.parameters:ParametersPage",
             shown=lambda ctx: _can(ctx, "parameters")),
    PageSpec("users", N_("Users"), "desktop_app.ui.pages.users:UsersPage",
             shown=lambda ctx: _can(ctx, "manage_users")),
    PageSpec("audit", N_("Audit log"), "desktop_app.ui.pages.audit:AuditPage",
             shown=lambda ctx: _can(ctx, "audit_view")),
    PageSpec("settings", N_("Settings"), "desktop_app.ui.pages.settings:SettingsPage"),
)


def pages_for(ctx: AppContext) -> list[PageSpec]:
    return [p for p in PAGES if p.shown(ctx)]
