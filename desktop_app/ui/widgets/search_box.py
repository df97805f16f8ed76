"""The search field at the top of the navigation column (Ctrl+K from any page): persons by name or
IIN, applications by registration number. Hits show in a list laid over the window under the
field; Up/Down choose, Enter opens, Esc clears. The main window decides what opening means.

Calls `services.search` only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QWidget

from desktop_app.context import AppContext
from desktop_app.domain.errors import AppError
from desktop_app.i18n import _, active
from desktop_app.services import search
from desktop_app.services.search import Hit
from desktop_app.ui.models import status_label
from desktop_app.ui.shortcuts import BY_ID

SEARCH_SHORTCUT = BY_ID["search"].keys[0]   # Ctrl+K, from the one registry
DELAY_MS = 200        # typing pauses this long before the search runs
POPUP_WIDTH = 560
MAX_VISIBLE = 10

HIT_ROLE = Qt.ItemDataRole.UserRole

FIELD_STYLE = """
QLineEdit#globalSearch { margin: 8px 8px 4px 8px; padding: 5px 6px; border: 1px solid #c3cad3;
                         border-radius: 4px; background: #ffffff; }
"""


class SearchBox(QLineEdit):
    """The field; its list of hits is a child of `overlay_parent` so it floats over the page."""

    open_application = Signal(int)          # application id
    open_person = Signal(int, int)          # household id, person id

    def __init__(self, ctx: AppContext, parent: QWidget, overlay_parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("globalSearch")
        self.setStyleSheet(FIELD_STYLE)
        self.setPlaceholderText(_("Search… ({shortcut})").format(shortcut=SEARCH_SHORTCUT))
        self.setToolTip(_("Find a person by name or IIN, or an application by its number. "
                          "Enter opens the chosen line, Esc clears."))
        self.setClearButtonEnabled(True)
        self.hits: list[Hit] = []
        self._names = {s.id: active().text(s.short_name) or active().text(s.name)
                       for s in ctx.catalogue.all()}

        self.popup = QListWidget(overlay_parent)
        self.popup.setObjectName("searchHits")
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # typing stays in the field
        self.popup.setFrameShape(QFrame.Shape.Box)
        self.popup.setStyleSheet("QListWidget#searchHits { background: #ffffff;"
                                 " border: 1px solid #9aa5b1; }"
                                 " QListWidget#searchHits::item { padding: 3px 6px; }")
        self.popup.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.popup.itemClicked.connect(lambda item: self.open_row(self.popup.row(item)))
        self.popup.hide()

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.run)
        self.textEdited.connect(lambda _text: self.timer.start())
        self.textChanged.connect(self._cleared)
        self.installEventFilter(self)

    # searching ---------------------------------------------------------------------------------
    def run(self) -> None:
        """Search now for the field's text and show the hits."""
        self.timer.stop()
        text = self.text().strip()
        self.popup.clear()
        try:
            self.hits = search.find(self.ctx, text) if text else []
        except AppError as exc:
            self.hits = []
            self._line(exc.message(active()), None)
        else:
            for hit in self.hits:
                self._line(self.describe(hit), hit)
            if text and not self.hits:
                self._line(_("Nothing found."), None)
        if self.popup.count():
            self.popup.setCurrentRow(0 if self.hits else -1)
            self._place()
            self.popup.show()
            self.popup.raise_()
        else:
            self.popup.hide()

    def describe(self, hit: Hit) -> str:
        if hit.kind == "application":
            parts = [hit.title, self._names.get(hit.service_id, hit.service_id), hit.applicant,
                     status_label(hit.status) if hit.status else ""]
        else:
            parts = [hit.title, hit.iin, _("household")]
        return " · ".join(p for p in parts if p)

    def _line(self, text: str, hit: Hit | None) -> None:
        item = QListWidgetItem(text)
        item.setData(HIT_ROLE, self.hits.index(hit) if hit is not None else -1)
        if hit is None:
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.popup.addItem(item)

    def _place(self) -> None:
        """Under the field, over the page (the list is a child of an ancestor of the field)."""
        parent = self.popup.parentWidget()
        corner = self.mapTo(parent, QPoint(0, self.height()))
        rows = min(self.popup.count(), MAX_VISIBLE)
        height = rows * max(self.popup.sizeHintForRow(0), 20) + 2 * self.popup.frameWidth() + 2
        width = max(200, min(POPUP_WIDTH, parent.width() - corner.x() - 16))
        self.popup.setGeometry(corner.x() + 8, corner.y() - 2, width, height)

    # choosing and opening ------------------------------------------------------------------------
    def step(self, step: int) -> None:
        if not self.hits:
            return
        row = self.popup.currentRow()
        self.popup.setCurrentRow(max(0, min(len(self.hits) - 1, row + step)))

    def open_row(self, row: int) -> Hit | None:
        item = self.popup.item(row) if row >= 0 else None
        index = item.data(HIT_ROLE) if item is not None else -1
        if index is None or not 0 <= index < len(self.hits):
            return None
        hit = self.hits[index]
        self.clear_search()
        if hit.kind == "application":
            self.open_application.emit(hit.id)
        elif hit.household_id is not None:
            self.open_person.emit(hit.household_id, hit.id)
        return hit

    def open_current(self) -> Hit | None:
        if self.timer.isActive() or (self.text().strip() and not self.popup.isVisible()):
            self.run()   # Enter before the pause: search at once
        return self.open_row(max(self.popup.currentRow(), 0))

    def clear_search(self) -> None:
        self.timer.stop()
        self.clear()
        self.hits = []
        self.popup.clear()
        self.popup.hide()

    def _cleared(self, text: str) -> None:
        if not text:
            self.timer.stop()
            self.popup.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self and isinstance(event, QKeyEvent) and \
                event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Down:
                self.step(1)
                return True
            if key == Qt.Key.Key_Up:
                self.step(-1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if key == Qt.Key.Key_Escape:
                self.clear_search()
                return True
        if watched is self and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(150, self._hide_unless_focused)   # a click on a hit comes first
        return super().eventFilter(watched, event)

    def _hide_unless_focused(self) -> None:
        if not self.hasFocus():
            self.popup.hide()
