"""Paper buttons for the application details dialog: the decision notice, the referral and a
reprint (marked as a duplicate), each in the language chosen beside them (kk, ru or both).

`add_paper_buttons(dialog, button_box)` wires them (call it once the dialog's layout holds the
box); the dialog provides ctx, app, tasks and the show_pdf signal. Calls services only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton,
                               QWidget)

from desktop_app.domain.application import Status
from desktop_app.i18n import N_, _, active
from desktop_app.services import office_papers, papers, permissions
from desktop_app.ui.errors import show_error
from desktop_app.ui.permits import allow, gate

LANGUAGE_CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Kazakh"), ("kk",)),
    (N_("Russian"), ("ru",)),
    (N_("Kazakh and Russian"), ("kk", "ru")),
)


def language_combo(parent: QWidget) -> QComboBox:
    """Which language(s) a paper is printed in; starts at the interface language."""
    combo = QComboBox(parent)
    combo.setObjectName("paperLanguages")
    for label, langs in LANGUAGE_CHOICES:
        combo.addItem(_(label), langs)
    combo.setCurrentIndex(0 if active().locale == "kk" else 1)
    combo.setToolTip(_("Language of the paper"))
    return combo


def add_paper_buttons(dialog, box: QDialogButtonBox) -> dict[str, QPushButton]:
    """Add "Decision notice", "Referral" and "Reprint" (with the language choice) to `box`."""
    ctx, app = dialog.ctx, dialog.app
    dialog.paper_languages = language_combo(dialog)
    layout = dialog.layout()
    if layout is not None:  # the language choice sits just above the buttons
        row = QHBoxLayout()
        row.addStretch(1)
        label = QLabel(_("&Language of the paper:"), dialog)
        label.setBuddy(dialog.paper_languages)
        row.addWidget(label)
        row.addWidget(dialog.paper_languages)
        layout.insertLayout(layout.indexOf(box), row)
    has_decision, has_referral = office_papers.paper_options(ctx, app.id)
    jobs = {
        "notice": (N_("Decision &notice"), has_decision, N_("Decision notice No. {reg_no}"),
                   lambda langs: office_papers.notice_pdf(ctx, app.id, languages=langs)),
        "referral": (N_("Re&ferral"), has_referral, N_("Referral No. {reg_no}"),
                     lambda langs: office_papers.referral_pdf(ctx, app.id, languages=langs)),
        "reprint": (N_("Re&print"), True, N_("Duplicate No. {reg_no}"),
                    lambda langs: papers.receipt_pdf(ctx, app.reg_no, languages=langs)),
        "withdrawal": (N_("Withdrawal &confirmation"), app.status == Status.WITHDRAWN,
                       N_("Withdrawal confirmation No. {reg_no}"),
                       lambda langs: office_papers.withdrawal_pdf(ctx, app.id, languages=langs)),
    }
    out: dict[str, QPushButton] = {}
    for key, (label, enabled, title, job) in jobs.items():
        if key == "withdrawal" and not enabled:
            continue  # shown only for a withdrawn application
        button = QPushButton(_(label), dialog)
        button.setObjectName(f"print_{key}")
        gate(button, permissions.print_paper(ctx))
        allow(button, enabled)
        box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda _c=False, b=button, t=title, j=job: _run(dialog, b, t, j))
        out[key] = button
    return out


def print_withdrawal(dialog) -> None:
    """The withdrawal confirmation at once, after the withdrawal was recorded."""
    ctx, app = dialog.ctx, dialog.app
    _run(dialog, None, N_("Withdrawal confirmation No. {reg_no}"),
         lambda langs: office_papers.withdrawal_pdf(ctx, app.id, languages=langs))


def _run(dialog, button: QPushButton | None, title: str, job) -> None:
    """Render off the UI thread and preview; `button` (if any) waits disabled meanwhile."""
    langs = dialog.paper_languages.currentData()
    if button is not None:
        allow(button, False)

    def enable() -> None:
        if button is not None:
            allow(button, True)

    def done(result) -> None:
        pdf, number = result
        enable()
        dialog.show_pdf.emit(pdf, _(title).format(reg_no=number))

    def failed(exc: BaseException) -> None:
        enable()
        show_error(dialog, exc)

    dialog.tasks.run(lambda: job(langs), done, failed, parent=dialog,
                     label=_("Preparing the paper…"))
