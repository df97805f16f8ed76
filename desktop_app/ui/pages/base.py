"""What every page of the main window shares: the context, the background runner, the two
signals the main window listens to, and the page title. Pages subclass `Page`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.context import AppContext
from desktop_app.services import Changes
from desktop_app.ui.tasks import TaskRunner, default_runner


class Page(QWidget):
    """A page: `changed(Changes)` after a write, `show_pdf(bytes, title)` to preview a paper."""

    changed = Signal(object)
    show_pdf = Signal(bytes, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks or default_runner()

    def on_changed(self, changes: Changes) -> None:
        """Called after every write anywhere; refresh if `changes` concerns this page."""


def page_title(text: str, parent: QWidget) -> QLabel:
    """The page's heading."""
    return QLabel("<h2>{}</h2>".format(text), parent)
