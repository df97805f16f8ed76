"""A half-filled reception form is not thrown away without asking: closing the window, signing
out, switching language and Ctrl+N ask; switching page keeps the form as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.i18n import Translator
from desktop_app.ui import main_window as mw
from tests.ui.keys import type_text


def answer(button: QMessageBox.StandardButton, asked: list[str]) -> None:
    """Answer the question the next modal box asks with `button`, noting its text."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        asked.append(box.text())
        box.button(button).click()
    QTimer.singleShot(0, click)


def test_half_filled_form_is_not_thrown_away_without_asking(qtbot, demo_ctx):
    """Each question is answered; Cancel keeps the form, Discard throws it away."""
    window = mw.create_main_window(demo_ctx)
    qtbot.addWidget(window)
    try:
        _scenario(qtbot, window)
    finally:
        window._discard_agreed = True  # a failed step leaves no question open at teardown


def _scenario(qtbot, window) -> None:
    window.show()
    window.show_page("reception")
    page = window.pages["reception"]
    page.select_service("residence_certificate")
    assert not page.has_unsaved_input()
    type_text(qtbot, page.applicant.surname, "Тоқтаров")
    assert page.has_unsaved_input()
    question = Translator("kk").gettext(
        "The reception form is filled in but not saved. Discard what was entered?")

    # another page and back: nothing is lost, nothing asked
    window.show_page("households")
    window.show_page("reception")
    assert page.applicant.surname.text() == "Тоқтаров"

    asked: list[str] = []
    answer(QMessageBox.StandardButton.Cancel, asked)
    window.close()
    assert asked == [question] and window.isVisible()
    assert page.applicant.surname.text() == "Тоқтаров"

    answer(QMessageBox.StandardButton.Cancel, asked)
    window.sign_out_action.trigger()
    assert len(asked) == 2 and not window.session.locked

    answer(QMessageBox.StandardButton.Cancel, asked)
    assert window.switch_language("ru") is window
    assert len(asked) == 3 and page.applicant.surname.text() == "Тоқтаров"

    # Ctrl+N: a new form, after asking
    def ctrl_n(button: QMessageBox.StandardButton) -> None:
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        answer(button, asked)
        qtbot.keyClick(page.applicant.surname, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    ctrl_n(QMessageBox.StandardButton.Cancel)
    assert len(asked) == 4 and page.applicant.surname.text() == "Тоқтаров"
    ctrl_n(QMessageBox.StandardButton.Discard)
    assert len(asked) == 5 and page.applicant.surname.text() == ""
    assert not page.has_unsaved_input()
    page.new_button.click()  # an empty form: nothing to ask
    assert len(asked) == 5

    type_text(qtbot, page.applicant.given_name, "Бауыржан")
    answer(QMessageBox.StandardButton.Discard, asked)
    window.close()
    assert len(asked) == 6 and not window.isVisible()
