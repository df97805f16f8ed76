"""Trusting another office's key file: pick the file, see whose key it is and its fingerprint in
large groups, type what the other office reads out on the phone, and trust it only if they match.

Imports services.sync and ui helpers. `start_trust` is what the pages' buttons call.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.i18n import _, active
from desktop_app.services import sync
from desktop_app.sync.keys import PeerKey
from desktop_app.ui.errors import show_error
from desktop_app.ui.sync_common import KEY_FILTER, choose_file, fingerprint_label, set_message


def normalise(text: str) -> str:
    """What was typed, as the fingerprint is written: 16 hex digits in groups of 4."""
    digits = re.sub(r"[^0-9A-F]", "", text.upper())
    return "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))


class TrustKeyDialog(QDialog):
    """Shows a key file's owner and fingerprint; trusts it once the read-back matches."""

    trusted = Signal(object)   # Changes

    def __init__(self, ctx: AppContext, path: Path, peer: PeerKey,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.path, self.peer = ctx, path, peer
        self.setObjectName("trustKeyDialog")
        self.setWindowTitle(_("Trust a key file"))
        t = active()
        kind = _("District office") if peer.mode == "district" else _("Village office")
        facts = QFormLayout()
        facts.addRow(_("Key file:"), QLabel(path.name, self))
        name = t.text(peer.name) if peer.name else ""
        office = QLabel(" — ".join(x for x in (peer.office_code, name) if x), self)
        office.setWordWrap(True)
        facts.addRow(_("Office:"), office)
        facts.addRow(_("Kind:"), QLabel(kind, self))

        self.fingerprint = fingerprint_label(peer.fingerprint, self, size=24)
        explain = QLabel(_("Phone this office and ask them to read out their fingerprint (Akimat "
                           "Desk shows it on their USB page). Type what they read below. Trust "
                           "the key only if every group matches: a different fingerprint means "
                           "this file is not theirs."), self)
        explain.setWordWrap(True)
        self.read_back = QLineEdit(self)
        self.read_back.setObjectName("readBack")
        self.read_back.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.read_back.setMaxLength(24)
        mono = self.read_back.font()
        mono.setFamily("DejaVu Sans Mono")
        mono.setPointSize(14)
        self.read_back.setFont(mono)
        self.read_back.textChanged.connect(self._compare)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.hide()

        self.buttons = QDialogButtonBox(self)
        self.trust_button = self.buttons.addButton(_("Trust this key"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.trust_button.setObjectName("trustButton")
        self.trust_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(QLabel(_("Fingerprint of this key file:"), self))
        layout.addWidget(self.fingerprint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(explain)
        layout.addWidget(QLabel(_("Fingerprint read out on the phone:"), self))
        layout.addWidget(self.read_back)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _compare(self, text: str) -> None:
        typed = normalise(text)
        complete = len(typed) >= len(self.peer.fingerprint)
        matches = typed == self.peer.fingerprint
        self.trust_button.setEnabled(matches)
        if matches:
            set_message(self.verdict, _("The fingerprints match."), True)
        elif complete or not self.peer.fingerprint.startswith(typed):
            set_message(self.verdict, _("The fingerprints do not match: do not trust this file. "
                                        "Ask the office for its key file again."), False)
        else:
            self.verdict.hide()

    def confirm(self) -> None:
        """Trust the key with what was read out; the service refuses a mismatch."""
        try:
            _peer, changes = sync.trust_key(self.ctx, self.path,
                                            expected_fingerprint=normalise(self.read_back.text()))
        except AppError as exc:
            set_message(self.verdict, exc.message(active()), False)
            return
        self.trusted.emit(changes)
        self.accept()


def start_trust(ctx: AppContext, parent: QWidget, on_trusted) -> TrustKeyDialog | None:
    """Pick a key file and open the confirmation dialog (window-modal, not blocking)."""
    path = choose_file(parent, _("Choose the key file"), KEY_FILTER)
    if path is None:
        return None
    try:
        peer = sync.read_key_file(path)
    except AppError as exc:
        show_error(parent, exc)
        return None
    dialog = TrustKeyDialog(ctx, path, peer, parent)
    dialog.trusted.connect(on_trusted)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
