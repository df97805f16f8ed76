"""What a role may not do is disabled with its reason before any dialog opens: a specialist sees the
trust-key button disabled with a tooltip saying why (in kk and ru), and clicking it opens nothing;
an administrator (or the akim, for certificates) finds the same button enabled."""

from __future__ import annotations

import dataclasses
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from desktop_app.domain.roles import Action
from desktop_app.i18n import Translator, install
from desktop_app.services import permissions
from desktop_app.ui import main_window as mw
from desktop_app.ui.permits import blocked

# (page, button object name, the action whose rule disables it for a specialist)
SPECIALIST_MAY_NOT = [
    ("sync", "trustButton", Action.KEYS),
    ("sync", "exportKeyButton", Action.KEYS),
    ("settings", "officeSettingsButton", Action.OFFICE_SETUP),
    ("settings", "backupToUsb", Action.BACKUP),
    ("settings", "restoreBackup", Action.RESTORE),
    ("settings", "lockMinutes", Action.OFFICE_SETUP),
    ("households", "issue_residence", Action.ISSUE_CERTIFICATE),
    ("households", "issue_family_composition", Action.ISSUE_CERTIFICATE),
    ("households", "issue_tsa_recipient", Action.ISSUE_CERTIFICATE),
]
# buttons an administrator (without the specialist's role) may not use
ADMIN_MAY_NOT = [
    ("handover", "handoverButton", Action.RECORD_HANDOVER),
    ("handover", "deliveryButton", Action.RECORD_HANDOVER),
    ("handover", "noticeButton", Action.PRINT_PAPER),
    ("sync", "exportButton", Action.EXPORT_BATCH),
    ("applications", "recordComplaintButton", Action.RECORD_COMPLAINT),
    ("applications", "openRegisters", Action.PRINT_PAPER),
    ("households", "householdBook", Action.EDIT_HOUSEHOLD),
]


def window_as(qtbot, ctx, roles: set[str], language: str = "kk"):
    install(Translator(language))
    ctx.user = dataclasses.replace(ctx.user, roles=frozenset(roles))
    window = mw.create_main_window(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    return window


def find(window, page_key: str, name: str) -> QWidget:
    window.show_page(page_key)
    page = window.page(page_key)
    widget = page.findChild(QWidget, name)
    assert widget is not None, (page_key, name)
    return widget


def open_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


@pytest.fixture
def no_file_dialogs(monkeypatch):
    """A file or folder dialog that opened would be recorded here instead."""
    asked: list[str] = []
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                 "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(
            lambda *a, _n=name, **k: asked.append(_n) or ("", "")))
    return asked


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_specialist_sees_why_before_any_dialog(qtbot, demo_ctx, no_file_dialogs, language):
    window = window_as(qtbot, demo_ctx, {"specialist"}, language)
    t = Translator(language)
    before = open_dialogs()
    for page_key, name, action in SPECIALIST_MAY_NOT:
        widget = find(window, page_key, name)
        reason = permissions.why_not(demo_ctx, action, t)
        assert reason and re.search("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]", reason), reason
        assert widget.isHidden() or not widget.isEnabled(), (page_key, name)
        assert widget.toolTip() == reason == blocked(widget), (page_key, name, widget.toolTip())
        if hasattr(widget, "click"):
            widget.click()
            qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    assert open_dialogs() == before and not no_file_dialogs
    assert window.page("sync").trust_dialog is None
    # the trust-key dialog's page names who trusts keys, in the user's language
    tip = find(window, "sync", "trustButton").toolTip()
    assert t.gettext("Administrator") in tip


def test_the_same_buttons_are_enabled_for_the_administrator_and_the_akim(qtbot, demo_ctx):
    window = window_as(qtbot, demo_ctx, {"admin", "akim"})
    for page_key, name, _action in SPECIALIST_MAY_NOT:
        widget = find(window, page_key, name)
        assert not blocked(widget), (page_key, name)
        if page_key != "households":
            assert widget.isEnabled() and widget.isVisible(), (page_key, name)
    # a certificate button needs a chosen member: then it is enabled for the akim
    page = window.page("households")
    page.show_household(page.proxy.id_at(0))
    person = page.card.household.members[0].person.id
    page.card.select_person(person)
    assert page.card.buttons["residence"].isEnabled()


def test_an_administrator_sees_why_for_the_specialists_work(qtbot, demo_ctx, no_file_dialogs):
    window = window_as(qtbot, demo_ctx, {"admin"}, "ru")
    before = open_dialogs()
    for page_key, name, action in ADMIN_MAY_NOT:
        widget = find(window, page_key, name)
        assert not widget.isEnabled(), (page_key, name)
        assert widget.toolTip() == permissions.why_not(demo_ctx, action, Translator("ru"))
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    assert open_dialogs() == before and not no_file_dialogs
    # the trust-key button is his
    assert find(window, "sync", "trustButton").isEnabled()


def test_reception_says_before_the_form_that_the_paper_is_the_akims(qtbot, demo_ctx):
    """A specialist choosing an akim's certificate at the desk is told at once, not refused
    after filling the form; the akim's own papers are his."""
    window = window_as(qtbot, demo_ctx, {"specialist"})
    page = window.page("reception")
    window.show_page("reception")
    page.select_service("tsa")
    assert page.save_button.isEnabled() and not page.message.text()
    page.select_service("residence_certificate")
    reason = permissions.why_not(demo_ctx, Action.ISSUE_CERTIFICATE)
    assert not page.save_button.isEnabled() and page.save_button.toolTip() == reason
    assert page.message.text() == reason and page.message.isVisible()
    assert page.save() is None and not open_dialogs()
    page.select_service("tsa")
    assert page.save_button.isEnabled() and not page.save_button.toolTip()
    assert not page.message.text()


def test_public_works_is_the_specialists_the_akim_sees_why(qtbot, demo_ctx, no_file_dialogs):
    from PySide6.QtWidgets import QAbstractItemView

    window = window_as(qtbot, demo_ctx, {"akim"})
    reason = permissions.why_not(demo_ctx, Action.RECORD_PUBLIC_WORKS)
    for name in ("addParticipant", "saveTimesheet"):
        widget = find(window, "public_works", name)
        assert not widget.isEnabled() and widget.toolTip() == reason
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    page = window.page("public_works")
    assert page.sheet_view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert find(window, "public_works", "printTimesheet").isEnabled()
    assert not open_dialogs() and not no_file_dialogs

    window = window_as(qtbot, demo_ctx, {"specialist"})
    for name in ("addParticipant", "saveTimesheet"):
        assert find(window, "public_works", name).isEnabled()
    assert window.page("public_works").sheet_view.editTriggers() != \
        QAbstractItemView.EditTrigger.NoEditTriggers
