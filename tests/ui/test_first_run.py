"""The first-run dialog: pick Karaganda → Abay → Көксу, type the akim and the first administrator,
finish → the folder holds the office; Cancel or the demo choice writes nothing. And the Settings
page's office section."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.services import office_setup
from desktop_app.services.setup import needs_setup
from desktop_app.ui.dialogs.first_run import ADMIN, DETAILS, LIST, STAFF, FirstRunDialog
from desktop_app.ui.dialogs.office_settings import OfficeSettingsDialog
from desktop_app.ui.pages.settings import SettingsPage
from tests.conftest import fixed_clock
from tests.ui.test_reception import type_text
from tests.unit.test_office_setup import typed_draft

PASSWORD = "Steppe-Wind-2026"


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def dialog(qtbot, tmp_path):
    d = FirstRunDialog(tmp_path / "office", clock=fixed_clock)
    qtbot.addWidget(d)
    yield d
    if d.ctx is not None:
        d.ctx.close()


def choose_koksu(qtbot, d: FirstRunDialog) -> None:
    click(qtbot, d.setup_button)
    assert d.stack.currentIndex() == LIST
    d.region_combo.setCurrentIndex(d.region_combo.findData("karaganda"))
    d.district_combo.setCurrentIndex(d.district_combo.findData("krg-abay"))
    type_text(qtbot, d.search, "Көксу")
    assert d.akims_proxy.rowCount() == 1
    assert d.selected_akim().id == "krg-akim-abay-koksu"
    click(qtbot, d.next_button)
    assert d.stack.currentIndex() == DETAILS


def test_pick_koksu_fill_akim_and_admin_finish(qtbot, dialog, tmp_path):
    d = dialog
    choose_koksu(qtbot, d)
    form = d.office_form
    assert form.edits["code"].text() == "KRG-ABAY-KOKSU"
    assert "Абай" in form.edits["department.kk"].text()      # prefilled, editable
    click(qtbot, d.next_button)                               # the akim is still missing
    assert d.stack.currentIndex() == DETAILS
    assert form.errors.widget("akim_name").property("fieldError")
    type_text(qtbot, form.edits["akim_name"], "Нұрланов Асхат")
    type_text(qtbot, form.edits["akim_position.kk"], "Көксу селолық округінің әкімі")
    type_text(qtbot, form.edits["akim_position.ru"], "Аким Коксуского сельского округа")
    click(qtbot, d.next_button)
    assert d.stack.currentIndex() == ADMIN
    admin = d.admin_form
    qtbot.keyClicks(admin.edits["login"], "boss")
    type_text(qtbot, admin.edits["full_name"], "Әбенов Марат")
    qtbot.keyClicks(admin.edits["password"], PASSWORD)
    qtbot.keyClicks(admin.edits["password2"], PASSWORD + "x")
    click(qtbot, d.next_button)
    assert d.stack.currentIndex() == ADMIN and admin.errors.widget("password2").property(
        "fieldError")
    admin.edits["password2"].setText(PASSWORD)
    click(qtbot, d.next_button)
    assert d.stack.currentIndex() == STAFF
    staff = d.staff_form
    qtbot.keyClicks(staff.edits["login"], "gulnar")
    type_text(qtbot, staff.edits["full_name"], "Серікбаева Гүлнар")
    qtbot.keyClicks(staff.edits["password"], "Kokteu-Baqsha-77")
    qtbot.keyClicks(staff.edits["password2"], "Kokteu-Baqsha-77")
    click(qtbot, d.findChild(type(d.next_button), "addStaff"))
    assert d.staff_model.rowCount() == 1
    d.grab().save(str(tmp_path / "staff.png"))
    click(qtbot, d.finish_button)
    assert d.result() == d.DialogCode.Accepted and d.choice == "office"
    assert not needs_setup(tmp_path / "office")
    ctx = d.ctx
    assert ctx.office.akim_name == "Нұрланов Асхат" and ctx.user.login == "boss"
    assert ctx.office.name["kk"].startswith("«Көксу")
    assert {r[0] for r in ctx.db.execute("SELECT login FROM users")} == {"boss", "gulnar"}


def test_cancel_writes_nothing(qtbot, dialog, tmp_path):
    choose_koksu(qtbot, dialog)
    click(qtbot, dialog.cancel_button)
    assert dialog.result() == dialog.DialogCode.Rejected and dialog.ctx is None
    assert not (tmp_path / "office").exists()


def test_demo_choice_writes_nothing_itself(qtbot, dialog, tmp_path):
    click(qtbot, dialog.demo_button)
    assert dialog.choice == "demo" and dialog.ctx is None
    assert not (tmp_path / "office").exists()


def test_typed_office(qtbot, dialog):
    d = dialog
    click(qtbot, d.setup_button)
    d.typed_radio.setChecked(True)
    click(qtbot, d.next_button)
    assert d.office_form.edits["code"].text() == ""
    t = typed_draft()
    d.office_form.set_draft(t)
    click(qtbot, d.next_button)
    d.admin_form.edits["login"].setText("boss")
    d.admin_form.edits["full_name"].setText("Boss")
    for key in ("password", "password2"):
        d.admin_form.edits[key].setText(PASSWORD)
    click(qtbot, d.finish_button)
    assert d.ctx is not None and d.ctx.office.code == "KRG-ABAY-ZHANA"


def test_settings_office_section(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.office_button.text()      # the demo office: "Set up my office…"
    office_setup.set_up_office(ctx, typed_draft())
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    seen = []
    page.changed.connect(seen.append)
    click(qtbot, page.office_button)
    dialog = page.office_dialog
    assert isinstance(dialog, OfficeSettingsDialog)
    dialog.form.edits["phone"].setText("8 (71253) 33333")
    dialog.form.edits["name.ru"].setText("")
    dialog.save()
    assert dialog.form.errors.widget("name.ru").property("fieldError")
    dialog.form.edits["name.ru"].setText("ГУ «Аппарат акима села Жана»")
    dialog.save()
    assert ctx.office.phone == "8 (71253) 33333" and seen and seen[0].office
    assert page.fields["phone"].text() == "8 (71253) 33333"


def test_office_set_up_disabled_with_its_reason_for_non_admins(qtbot, ctx):
    from desktop_app.services import auth

    auth.act_as(ctx, "specialist")
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert not page.office_button.isEnabled() and page.office_button.toolTip()
    assert not hasattr(page, "district_button")
