"""Roles and permissions: which role may do which action, and how much of an IIN each role sees.

Pure Python; imports domain.errors and i18n. The services check these rules (services/guard.py) in
the code path the GUI and the CLI share; the GUI only hides what a role cannot do.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import N_


class Role(StrEnum):
    AKIM = "akim"              # signs and issues certificates and notices
    SPECIALIST = "specialist"  # takes applications, keeps the household book, records hand-overs
    ADMIN = "admin"            # users, office set-up, parameters, keys, backups
    DISTRICT = "district"      # district operator (district mode): decisions on batches


ROLE_LABELS: dict[Role, str] = {
    Role.AKIM: N_("Akim"),
    Role.SPECIALIST: N_("Specialist"),
    Role.ADMIN: N_("Administrator"),
    Role.DISTRICT: N_("District operator"),
}


class Action(StrEnum):
    TAKE_APPLICATION = "take_application"
    EDIT_HOUSEHOLD = "edit_household"
    RECORD_DECISION = "record_decision"
    RECORD_HANDOVER = "record_handover"
    ISSUE_CERTIFICATE = "issue_certificate"
    PRINT_PAPER = "print_paper"
    VIEW_FULL_IIN = "view_full_iin"
    MANAGE_USERS = "manage_users"
    OFFICE_SETUP = "office_setup"
    PARAMETERS = "parameters"
    KEYS = "keys"
    BACKUP = "backup"
    RESTORE = "restore"
    AUDIT_VIEW = "audit_view"
    DISTRICT_DECISIONS = "district_decisions"
    EXPORT_BATCH = "export_batch"
    IMPORT_BATCH = "import_batch"
    RECORD_COMPLAINT = "record_complaint"
    RECORD_PUBLIC_WORKS = "record_public_works"
    VOID_APPLICATION = "void_application"
    VIEW_REPORTS = "view_reports"


ACTION_LABELS: dict[Action, str] = {
    Action.TAKE_APPLICATION: N_("take an application"),
    Action.EDIT_HOUSEHOLD: N_("change a household"),
    Action.RECORD_DECISION: N_("record a decision"),
    Action.RECORD_HANDOVER: N_("record a hand-over"),
    Action.ISSUE_CERTIFICATE: N_("issue a certificate"),
    Action.PRINT_PAPER: N_("print a paper"),
    Action.VIEW_FULL_IIN: N_("see a full IIN"),
    Action.MANAGE_USERS: N_("manage users"),
    Action.OFFICE_SETUP: N_("change the office set-up"),
    Action.PARAMETERS: N_("change parameters"),
    Action.KEYS: N_("manage keys"),
    Action.BACKUP: N_("make a backup"),
    Action.RESTORE: N_("restore a backup"),
    Action.AUDIT_VIEW: N_("view the audit log"),
    Action.DISTRICT_DECISIONS: N_("record district decisions"),
    Action.EXPORT_BATCH: N_("export a batch for the USB stick"),
    Action.IMPORT_BATCH: N_("import a batch from the USB stick"),
    Action.RECORD_COMPLAINT: N_("record a complaint"),
    Action.RECORD_PUBLIC_WORKS: N_("record public works participants and timesheets"),
    Action.VOID_APPLICATION: N_("void a registration made in error"),
    Action.VIEW_REPORTS: N_("see the reports"),
}

_A, _S, _D, _ADM = Role.AKIM, Role.SPECIALIST, Role.DISTRICT, Role.ADMIN
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.TAKE_APPLICATION: frozenset({_S}),
    Action.EDIT_HOUSEHOLD: frozenset({_S}),
    Action.RECORD_DECISION: frozenset({_S}),       # a decision that came back on paper
    Action.RECORD_HANDOVER: frozenset({_S}),
    Action.ISSUE_CERTIFICATE: frozenset({_A}),
    Action.PRINT_PAPER: frozenset({_S, _A}),
    Action.VIEW_FULL_IIN: frozenset({_S, _A, _D}),
    Action.MANAGE_USERS: frozenset({_ADM}),
    Action.OFFICE_SETUP: frozenset({_ADM}),
    Action.PARAMETERS: frozenset({_ADM}),
    Action.KEYS: frozenset({_ADM}),
    Action.BACKUP: frozenset({_ADM}),
    Action.RESTORE: frozenset({_ADM}),
    Action.AUDIT_VIEW: frozenset({_ADM, _A}),
    Action.DISTRICT_DECISIONS: frozenset({_D}),
    Action.EXPORT_BATCH: frozenset({_S, _D}),     # personal data leaves the office: audited
    Action.IMPORT_BATCH: frozenset({_S, _D}),
    Action.RECORD_COMPLAINT: frozenset({_S, _A}),  # items 21-23: the talon and the journal
    Action.RECORD_PUBLIC_WORKS: frozenset({_S}),  # the office as a public-works employer (000)
    # the akim or an administrator; the author may void their own on the day (services/lifecycle)
    Action.VOID_APPLICATION: frozenset({_A, _ADM}),
    Action.VIEW_REPORTS: frozenset({_S, _A, _D}),  # counts, no personal data
}
assert set(PERMISSIONS) == set(Action) == set(ACTION_LABELS)


def allowed(roles: Iterable[str], action: Action | str) -> bool:
    """True when any of `roles` may do `action`; unknown roles grant nothing."""
    granted = PERMISSIONS[Action(action)]
    return any(r in granted for r in roles)


def parse_roles(text: str | Iterable[str]) -> frozenset[Role]:
    """"akim, specialist" (or a list) -> roles; an unknown role is a ValidationError on "roles"."""
    items = text.split(",") if isinstance(text, str) else list(text)
    out: set[Role] = set()
    for item in items:
        word = str(item).strip().lower()
        if not word:
            continue
        try:
            out.add(Role(word))
        except ValueError:
            raise ValidationError("roles", N_("Unknown role: {role}."), code="unknown_role",
                                  role=word) from None
    return frozenset(out)


def roles_text(roles: Iterable[str]) -> str:
    """The stored form: sorted, comma-separated codes."""
    return ",".join(sorted({str(r) for r in roles}))


MASK = "••••"


def mask_iin(iin: str | None, roles: Iterable[str]) -> str:
    """The IIN in full for roles that work with citizens, else "8804••••0116" (birth year and
    month, and the last four digits, enough to tell two people apart on a list)."""
    if not iin:
        return ""
    if allowed(roles, Action.VIEW_FULL_IIN):
        return iin
    if len(iin) != 12:
        return MASK
    return iin[:4] + MASK + iin[-4:]
