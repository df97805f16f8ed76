"""What the signed-in user may do, asked by the GUI before it opens a dialog or writes: one
function per capability, each returning None when the user may, else the reason in the user's
language (for the button's tooltip). The rules are domain.roles'; the services still `require`.

Imports context, domain (roles), i18n and services.guard only.
"""

from __future__ import annotations

from desktop_app.context import AppContext
from desktop_app.domain.catalogue import AkimRole, ServiceSpec
from desktop_app.domain.roles import ACTION_LABELS, PERMISSIONS, ROLE_LABELS, Action, Role
from desktop_app.i18n import N_, Translator, active
from desktop_app.services.guard import can

NOT_SIGNED_IN = N_("Sign in to do this: {action}.")
NOT_YOUR_ROLE = N_("Your role does not allow this: {action}. It is done by: {roles}.")


def why_not(ctx: AppContext, action: Action | str, t: Translator | None = None) -> str | None:
    """None when the signed-in user may do `action`; else why not, naming the roles that may."""
    act = Action(action)
    if can(ctx, act):
        return None
    t = t or active()
    label = t.gettext(ACTION_LABELS[act])
    if not ctx.user.login:
        return t.gettext(NOT_SIGNED_IN).format(action=label)
    roles = ", ".join(t.gettext(ROLE_LABELS[r]) for r in Role if r in PERMISSIONS[act])
    return t.gettext(NOT_YOUR_ROLE).format(action=label, roles=roles)


# one function per capability the interface offers -----------------------------------------

def take_application(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.TAKE_APPLICATION)


def take_at_desk(ctx: AppContext, service: ServiceSpec) -> str | None:
    """Save a reception form for `service`: take the application and, for the akim's own papers
    (akim_role "issues"), issue the paper at once."""
    refused = why_not(ctx, Action.TAKE_APPLICATION)
    if refused is None and service.akim_role == AkimRole.ISSUES:
        refused = why_not(ctx, Action.ISSUE_CERTIFICATE)
    return refused


def edit_household(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.EDIT_HOUSEHOLD)


def issue_certificate(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.ISSUE_CERTIFICATE)


def print_paper(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.PRINT_PAPER)


def record_handover(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.RECORD_HANDOVER)


def record_complaint(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.RECORD_COMPLAINT)


def record_public_works(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.RECORD_PUBLIC_WORKS)


def manage_keys(ctx: AppContext) -> str | None:
    """Trust another office's key, export this office's key (services.sync `keys`)."""
    return why_not(ctx, Action.KEYS)


def export_batch(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.EXPORT_BATCH)


def import_batch(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.IMPORT_BATCH)


def office_setup(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.OFFICE_SETUP)


def change_parameters(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.PARAMETERS)


def back_up(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.BACKUP)


def restore(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.RESTORE)


def manage_users(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.MANAGE_USERS)


def district_decisions(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.DISTRICT_DECISIONS)


def view_audit(ctx: AppContext) -> str | None:
    return why_not(ctx, Action.AUDIT_VIEW)
