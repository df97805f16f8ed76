"""The Users page edits a person's full name and position (kk/ru) after the account exists."""

from __future__ import annotations

from desktop_app.services import auth
from desktop_app.ui.pages.users import UsersPage


def test_users_page_edits_name_and_position(qtbot, demo_ctx):
    auth.sign_in(demo_ctx, "admin", "demo-admin")
    page = UsersPage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    assert not page.buttons["edit"].isEnabled()
    page.select("akim")
    assert page.buttons["edit"].isEnabled()
    seen = []
    page.changed.connect(seen.append)
    dialog = page.edit_user()
    qtbot.addWidget(dialog)
    dialog.full_name.setText("  ")
    dialog._ok()
    assert dialog.isVisible() and dialog.errors["full_name"].isVisible()
    dialog.full_name.setText("Сейітов Марат")
    dialog.position_kk.setText("ауыл әкімі")
    dialog.position_ru.setText("аким села")
    dialog._ok()
    assert not dialog.isVisible() and seen
    user = page.selected()
    assert user.login == "akim" and user.full_name == "Сейітов Марат"
    assert user.position == {"kk": "ауыл әкімі", "ru": "аким села"}
    dialog = page.edit_user()
    qtbot.addWidget(dialog)
    assert dialog.position_ru.text() == "аким села"
    dialog.grab().save("/tmp/p4/edit_user.png")
    dialog.reject()
