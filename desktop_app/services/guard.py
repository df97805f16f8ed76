"""Who may do what, checked where the GUI and the CLI meet: `require(ctx, action)` at the top of
every use case that changes something or hands out personal data; `can` for the GUI to hide what a
role cannot do; `shown_iin` for how much of an IIN the signed-in user sees.

Imports context and domain (roles, errors).
"""

from __future__ import annotations

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError, PermissionDenied
from desktop_app.domain.roles import ACTION_LABELS, Action, allowed, mask_iin
from desktop_app.i18n import N_

# Actions that write: they also wait while the computer's clock is known to be wrong.
WRITES = frozenset(Action) - {Action.VIEW_FULL_IIN, Action.AUDIT_VIEW, Action.VIEW_REPORTS}


def can(ctx: AppContext, action: Action | str) -> bool:
    return bool(ctx.user.login) and allowed(ctx.user.roles, action)


def require(ctx: AppContext, action: Action | str) -> None:
    """Raise PermissionDenied unless the signed-in user's roles allow `action`."""
    act = Action(action)
    if not ctx.user.login:
        raise PermissionDenied(act.value, ACTION_LABELS[act], code="not_signed_in",
                               msgid=N_("Sign in to do this: {action}."))
    if not allowed(ctx.user.roles, act):
        raise PermissionDenied(act.value, ACTION_LABELS[act])
    if act in WRITES:
        problem = getattr(ctx, "clock_problem", None)
        if isinstance(problem, AppError):
            raise problem


def require_signed_in(ctx: AppContext) -> None:
    """Before any read that hands out personal data (names, IINs, incomes): somebody with a role
    is signed in. Checked before the lookup, so an unknown and a known IIN get the same answer."""
    if not ctx.user.login or not ctx.user.roles:
        raise PermissionDenied("view_personal_data", N_("see personal data"),
                               code="not_signed_in", msgid=N_("Sign in to do this: {action}."))


def shown_iin(ctx: AppContext, iin: str | None) -> str:
    """The IIN as this user may see it: in full, or "8804••••0116"."""
    return mask_iin(iin, ctx.user.roles if ctx.user.login else ())
