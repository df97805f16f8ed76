"""The last look before a registration number is taken: what is about to be registered (or
issued), in a few lines. Enter confirms, Esc goes back to the form; nothing is numbered before.

Imports services.confirm's Summary only.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app.i18n import _, active, ngettext
from desktop_app.services.confirm import Summary

WARNING_STYLE = ("background: #fff4e5; color: #6d4200; border: 1px solid #e0b46a;"
                 " border-radius: 3px; padding: 6px;")


def summary_html(s: Summary) -> str:
    t = active()
    rows = [(_("Service:"), s.service), (_("Applicant:"), s.applicant)]
    if s.members:
        rows.append((_("Household:"), ngettext("{n} person", "{n} persons",
                                               s.members).format(n=s.members)))
    if s.issues_paper:
        rows.append((_("Paper:"), _("a reasoned refusal: {reason}").format(reason=s.refusal)
                     if s.refusal else _("the certificate")))
    else:
        rows.append((_("Documents missing:"), "; ".join(s.missing) if s.missing
                     else _("none: the set is complete")))
    if s.forward_by:
        rows.append((_("Forward to the Department by:"), t.date(s.forward_by)))
    if s.decision_due:
        rows.append((_("Decision due:"), t.date(s.decision_due)))
    if s.result_by:
        rows.append((_("Ready by:"), t.datetime(s.result_by)))
    if s.precheck:
        rows.append((_("Pre-check:"), s.precheck[0]))
    cells = "".join("<tr><td style='padding-right:10px'><b>{}</b></td><td>{}</td></tr>".format(
        html.escape(k), html.escape(v)) for k, v in rows)
    return f"<table>{cells}</table>"


class ConfirmNumberDialog(QDialog):
    """Confirm (Enter) or go back (Esc) before the number is taken."""

    def __init__(self, summary: Summary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmNumberDialog")
        self.setWindowTitle(_("Check before the number is taken"))
        self.summary = summary
        layout = QVBoxLayout(self)
        self.text = QLabel(summary_html(summary), self)
        self.text.setObjectName("summary")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.warning = QLabel(self)
        self.warning.setObjectName("openElsewhere")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        if summary.open_elsewhere:
            self.warning.setText(ngettext(
                "This person already has an open application for this service: {numbers}.",
                "This person already has open applications for this service: {numbers}.",
                len(summary.open_elsewhere)).format(numbers=", ".join(summary.open_elsewhere)))
        else:
            self.warning.hide()
        layout.addWidget(self.warning)
        hint = QLabel(_("Enter: take the number. Esc: back to the form."), self)
        hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(_("&Take the number"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("takeNumber")
        self.ok.setDefault(True)
        back = buttons.addButton(_("&Back"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setObjectName("back")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.ok.setFocus()
