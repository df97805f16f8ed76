"""ServicePicker: the reception page's first step — search the catalogue by kk/ru name and pick.

UI layer: imports PySide6, domain (catalogue) and i18n. Up/Down in the search move the list;
Enter picks the highlighted service.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from desktop_app.context import AppContext
from desktop_app.domain.catalogue import AkimRole, ServiceSpec
from desktop_app.i18n import N_, _, active
from desktop_app.services import intake

ROLE_NOTES: dict[AkimRole, str] = {
    AkimRole.ACCEPTS: N_("The office accepts the application; the legal deadline starts today."),
    AkimRole.ISSUES: N_("The office issues this paper now; the akim signs it."),
    AkimRole.FORWARDS: N_("The Department decides: the office pre-checks, forwards the documents "
                          "and gives a receipt that says so."),
    AkimRole.HANDS_OVER: N_("A result decided at the district is handed to the citizen here."),
}


class ServiceListModel(QAbstractListModel):
    """Service ids in display order; shows the short name, the full name as a tooltip."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._specs: list[ServiceSpec] = []

    def set_specs(self, specs: list[ServiceSpec]) -> None:
        self.beginResetModel()
        self._specs = list(specs)
        self.endResetModel()

    def spec(self, row: int) -> ServiceSpec:
        return self._specs[row]

    def row_of(self, service_id: str) -> int:
        return next((i for i, s in enumerate(self._specs) if s.id == service_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._specs)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        spec = self._specs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return active().text(spec.short_name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return active().text(spec.name)
        if role == Qt.ItemDataRole.UserRole:
            return spec.id
        return None


class ServicePicker(QWidget):
    """Search field over a list of the services in force today. Emits `picked(service_id)`."""

    picked = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Type part of the name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.model = ServiceListModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.list, 1)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.pick_current)
        self.list.activated.connect(lambda idx: self._pick_row(idx.row()))
        self.list.clicked.connect(lambda idx: self._pick_row(idx.row()))
        self.search.installEventFilter(self)
        self._filter("")

    def _filter(self, text: str) -> None:
        today = self._ctx.now().date()
        specs = [s for s in self._ctx.catalogue.search(text, active().locale) if s.valid_on(today)]
        self.model.set_specs(specs)
        if specs:
            self.list.setCurrentIndex(self.model.index(0))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.search and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            rows = self.model.rowCount()
            if rows:
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = min(max(self.list.currentIndex().row() + step, 0), rows - 1)
                self.list.setCurrentIndex(self.model.index(row))
            return True
        return super().eventFilter(obj, event)

    def pick_current(self) -> None:
        self._pick_row(self.list.currentIndex().row())

    def _pick_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.picked.emit(self.model.spec(row).id)

    def select(self, service_id: str) -> None:
        """Pick a service by id (clears the search so it is listed)."""
        if self.model.row_of(service_id) < 0:
            self.search.clear()
        row = self.model.row_of(service_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
            self._pick_row(row)


def role_note(ctx: AppContext, spec: ServiceSpec) -> str:
    """What the office's part in this service is, with the deciding body for a forwarded one."""
    note = _(ROLE_NOTES[spec.akim_role])
    if spec.akim_role in (AkimRole.FORWARDS, AkimRole.ACCEPTS):
        note += " " + _("Deciding body: {provider}.").format(
            provider=intake.deciding_body(ctx, spec, active()))
    return note
