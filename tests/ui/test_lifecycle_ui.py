"""The actions after intake in the application's window, driven with real widgets: documents that
arrived later (new receipt printed), withdrawal, a correction, and buttons a role may not use
disabled with their reason before any dialog opens."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.domain.application import Status
from desktop_app.domain.roles import Role
from desktop_app.i18n import _
from desktop_app.services import applications
from desktop_app.ui.dialogs.application_details import ApplicationDetailsDialog
from tests.integration.test_round_trip import world  # noqa: F401
from tests.ui.keys import type_text


def _incomplete(ctx):
    return next(w.row for w in applications.work_list(ctx, statuses={Status.INCOMPLETE}))


def _registered(ctx):
    return next(w.row for w in applications.work_list(ctx, statuses={Status.REGISTERED}))


def _save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_documents_arrived_registers_and_prints_the_new_receipt(qtbot, demo_ctx):
    row = _incomplete(demo_ctx)
    details = ApplicationDetailsDialog(demo_ctx, row.id)
    qtbot.addWidget(details)
    assert details.action_buttons["complete"].isEnabled()
    dialog = details.open_action("complete")
    qtbot.addWidget(dialog)
    _save(dialog)                                       # nothing ticked: refused inline
    assert dialog.isVisible() and dialog.errors.widget("documents").property("fieldError")
    for _i in range(dialog.documents.count()):
        qtbot.keyClick(dialog.documents, Qt.Key.Key_Space)      # tick with the keyboard
        qtbot.keyClick(dialog.documents, Qt.Key.Key_Down)
    assert dialog.arrived()
    changed = []
    details.changed.connect(changed.append)
    with qtbot.waitSignal(details.show_pdf, timeout=10_000) as pdf:
        _save(dialog)
    assert pdf.args[0].startswith(b"%PDF")
    assert applications.get(demo_ctx, row.id).status == Status.REGISTERED
    assert changed and row.id in changed[0].applications
    assert details.fields["status"].text().startswith(_("Registered"))
    assert "complete" in details.fields and not details.action_buttons["complete"].isEnabled()
    kinds = [details.events.index(r, 2).data() for r in range(details.events.rowCount())]
    assert _("Documents arrived") in kinds


def test_withdraw_with_keyboard_only(qtbot, demo_ctx):
    row = _registered(demo_ctx)
    details = ApplicationDetailsDialog(demo_ctx, row.id)
    qtbot.addWidget(details)
    dialog = details.open_action("withdraw")
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.reason, "Азаматтың жазбаша өтініші")
    with qtbot.waitSignal(details.show_pdf, timeout=10_000) as pdf:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert pdf.args[0].startswith(b"%PDF") and row.reg_no in pdf.args[1]   # the confirmation
    assert applications.get(demo_ctx, row.id).status == Status.WITHDRAWN
    assert all(not b.isEnabled() for b in details.action_buttons.values())


def test_correction_of_the_surname_shows_in_the_history(qtbot, demo_ctx):
    row = _registered(demo_ctx)
    details = ApplicationDetailsDialog(demo_ctx, row.id)
    qtbot.addWidget(details)
    dialog = details.open_action("correct")
    qtbot.addWidget(dialog)
    dialog.fields["surname"].setText("Түзетілген")
    _save(dialog)                                        # no reason yet
    assert dialog.isVisible()
    dialog.reason.setText("Тегі қате жазылған")
    with qtbot.waitSignal(details.show_pdf, timeout=10_000):   # the corrected receipt
        _save(dialog)
    assert not dialog.isVisible()
    last = details.events.rowCount() - 1
    assert "Түзетілген" in details.events.index(last, 4).data()
    assert "Түзетілген" in details.fields["applicant"].text()


def test_a_specialist_who_did_not_take_it_sees_void_disabled_with_the_reason(qtbot, demo_ctx):
    row = _registered(demo_ctx)
    demo_ctx.user = dataclasses.replace(demo_ctx.user, login="other",
                                        roles=frozenset({Role.SPECIALIST}))
    details = ApplicationDetailsDialog(demo_ctx, row.id)
    qtbot.addWidget(details)
    void = details.action_buttons["void"]
    assert not void.isEnabled() and void.toolTip()
    assert details.open_action("void") is None           # no dialog opens
    assert applications.get(demo_ctx, row.id).status == Status.REGISTERED


def test_the_district_sees_a_correction_made_after_export(qtbot, world):
    from desktop_app.services import lifecycle, sync
    from desktop_app.ui.pages.district_decisions import DistrictDecisionsPage
    from tests.integration.test_round_trip import take

    office, dist, stick = world
    [app_id] = take(office, 1)
    sync.import_batches(dist, [sync.export_batch(office, stick).path])
    lifecycle.correct_application(office, app_id, lifecycle.Correction(
        reason="Тегі қате", person={"surname": "Түзетілген"}))
    sync.import_batches(dist, [sync.export_batch(office, stick).path])
    page = DistrictDecisionsPage(dist)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 1                    # still one application, not a new one
    cell = page.model.index(0, 3)
    assert cell.data().endswith("✎")
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Тегі қате" in tip and "Түзетілген" in tip
