"""Buttons and menu actions a role may not use: disabled before any dialog opens, with the reason
the services give (services.permissions) as their tooltip. No role rules live here.

UI layer: imports PySide6 only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

_REASON = "blockedReason"  # the Qt property holding why the signed-in user may not


def gate(widget: QWidget | QAction, reason: str | None) -> bool:
    """Disable `widget` with `reason` as its tooltip when the user may not use it (reason given);
    returns True when the user may. Later `allow()` calls keep it disabled."""
    before = blocked(widget)
    widget.setProperty(_REASON, reason or "")
    if before and not reason and widget.toolTip() == before:
        widget.setToolTip("")
    if reason:
        widget.setEnabled(False)
        widget.setToolTip(reason)
        if isinstance(widget, QWidget):
            widget.setAccessibleDescription(reason)
        else:
            widget.setStatusTip(reason)
    return not reason


def blocked(widget: QWidget | QAction) -> str:
    """Why the signed-in user may not use `widget` ("" when they may)."""
    return str(widget.property(_REASON) or "")


def allow(widget: QWidget | QAction, on: bool) -> None:
    """Enable `widget` when `on` (a row is chosen, nothing is running ...) and the user may."""
    widget.setEnabled(bool(on) and not blocked(widget))
