"""UI test fixtures: offscreen Qt, a synchronous task runner, and the default translator
restored."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def sync_tasks(qapp):
    """Pages run their background work at once, so tests need no waiting."""
    from desktop_app.ui import tasks

    runner = tasks.TaskRunner(sync=True)
    tasks.set_default_runner(runner)
    yield runner
    tasks.set_default_runner(None)


@pytest.fixture(autouse=True)
def default_translator():
    from desktop_app.i18n import Translator, install

    install(Translator("kk"))
    yield
    install(Translator("kk"))


@pytest.fixture(autouse=True)
def no_leftover_boxes():
    """Error boxes are parentless and non-modal: close them so they do not leak between tests."""
    yield
    import shiboken6

    from desktop_app.ui import errors

    for box in list(errors._open_boxes):
        if shiboken6.isValid(box):
            box.close()
    errors._open_boxes.clear()


@pytest.fixture(scope="session", autouse=True)
def app_wide_filters(qapp):
    """The wheel guard the application installs where it creates its QApplication."""
    from desktop_app.ui.app_wide import install_wheel_guard

    install_wheel_guard(qapp)
    yield
