"""Esc closes every dialog: the preview, the member dialog, an error box."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.household import previous_quarter, quarter_months
from desktop_app.services import applications, papers
from desktop_app.ui.errors import show_error
from desktop_app.ui.forms.member_dialog import MemberDialog
from desktop_app.ui.pdf_preview import PdfPreviewDialog


def escape_closes(qtbot, dialog) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.isVisible()
    target = dialog.focusWidget() or dialog
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    assert not dialog.isVisible(), type(dialog).__name__


def test_escape_closes_every_dialog(qtbot, demo_ctx):
    row = applications.work_list(demo_ctx)[0].row
    preview = PdfPreviewDialog(papers.receipt_pdf(demo_ctx, row.reg_no)[0], "Receipt", None)
    qtbot.addWidget(preview)
    escape_closes(qtbot, preview)

    member = MemberDialog(demo_ctx, quarter_months(*previous_quarter(demo_ctx.now().date())))
    qtbot.addWidget(member)
    escape_closes(qtbot, member)

    box = show_error(None, ValidationError("iin", "The IIN must have 12 digits."))
    escape_closes(qtbot, box)
