"""The member dialog is filled with Tab alone: every field in reading order, the patronymic too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.domain.household import MemberStatus, previous_quarter, quarter_months
from desktop_app.ui.forms.member_dialog import MemberDialog


def test_tab_reaches_every_field_in_order(qtbot, ctx):
    months = quarter_months(*previous_quarter(ctx.now().date()))
    dlg = MemberDialog(ctx, months)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    dlg.iin_edit.setFocus()
    expected = [dlg.iin_edit, dlg.surname, dlg.given_name, dlg.patronymic, dlg.birth_date,
                dlg.sex, dlg.relation, *dlg.status_boxes.values(), dlg.disability_group,
                *dlg.income_boxes.values(), dlg.ok_button,
                dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)]
    dlg.status_boxes[MemberStatus.DISABLED].setChecked(True)  # the group field is then enabled
    seen = [QApplication.focusWidget()]
    for _step in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        seen.append(widget.parentWidget() if widget is not None and widget not in expected
                    and widget.parentWidget() in expected else widget)
    names = [getattr(w, "accessibleName", lambda: "")() or type(w).__name__ for w in seen]
    assert seen == expected, names
