"""The form builder: turns catalogue data into widgets — the document checklist and the condition
questions — and reads them back as `ChecklistItem`s and answers (STYLE 10: a new service is data).

UI layer: imports PySide6, domain (catalogue, application) and i18n. Names come from the catalogue.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget,
)

from desktop_app.domain.application import PRESENTED_LABELS, ChecklistItem, Presented
from desktop_app.domain.catalogue import DocumentForm, DocumentSpec
from desktop_app.i18n import N_, _, active
from desktop_app.services.intake import Question

FORM_HINTS: dict[DocumentForm, str] = {
    DocumentForm.ORIGINAL: N_("original, shown and returned"),
    DocumentForm.COPY: N_("copy"),
    DocumentForm.ORIGINAL_AND_COPY: N_("original for comparison and a copy"),
    DocumentForm.NOTARISED: N_("notarised copy"),
    DocumentForm.FILLED_FORM: N_("form filled in at the office"),
}

CITIZENSHIP_LABELS: dict[str, str] = {
    "citizen": N_("Citizen of Kazakhstan"),
    "oralman": N_("Oralman (kandas)"),
    "refugee": N_("Refugee"),
    "foreigner_permit": N_("Foreigner with a residence permit"),
    "stateless_permit": N_("Stateless person with a residence permit"),
}

# The combo lists every way of presenting; the form's natural one is preselected.
_PRESENTED_ORDER = (Presented.ORIGINAL_SEEN, Presented.BOTH, Presented.COPY_KEPT, Presented.MISSING)


def default_presented(form: DocumentForm) -> Presented:
    """What normally happens to a document of this form when the citizen brings it."""
    if form == DocumentForm.ORIGINAL:
        return Presented.ORIGINAL_SEEN
    if form == DocumentForm.FILLED_FORM:
        return Presented.COPY_KEPT
    return Presented.BOTH  # copy, notarised, original_and_copy: the original is compared, copy kept


def fill_citizenship_combo(combo: QComboBox, allowed: tuple[str, ...] | None = None) -> None:
    """The kinds of applicant; those the service does not admit are listed but disabled."""
    current = combo.currentData()
    combo.clear()
    for code, msgid in CITIZENSHIP_LABELS.items():
        combo.addItem(_(msgid), code)
        if allowed is not None and code not in allowed:
            item = combo.model().item(combo.count() - 1)
            item.setEnabled(False)
            item.setToolTip(_("This service does not admit this kind of applicant."))
    idx = combo.findData(current if current else "citizen")
    combo.setCurrentIndex(max(idx, 0))


class _Row:
    def __init__(self, doc: DocumentSpec, parent: QWidget) -> None:
        self.doc = doc
        name = active().text(doc.name)
        self.name = QLabel(name + ("" if doc.required else "  " + _("(if any)")), parent)
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hint = QLabel(_(FORM_HINTS[doc.form]), parent)
        self.hint.setStyleSheet("color: #5f6368; font-size: 9pt;")
        self.cell = QWidget(parent)  # name over its form hint, beside the combo
        cell = QVBoxLayout(self.cell)
        cell.setContentsMargins(0, 2, 0, 2)
        cell.setSpacing(0)
        cell.addWidget(self.name)
        cell.addWidget(self.hint)
        self.combo = QComboBox(parent)
        self.combo.setAccessibleName(name)
        for p in _PRESENTED_ORDER:
            self.combo.addItem(_(PRESENTED_LABELS[p]), p.value)
        # unmarked until the specialist says how it was presented: nothing is assumed brought
        self.combo.setPlaceholderText(_("— not marked —"))
        self.combo.setCurrentIndex(-1)
        self.pages = QSpinBox(parent)
        self.pages.setRange(0, 999)
        self.pages.setSpecialValueText("—")
        self.pages.setToolTip(_("Number of pages kept (optional)"))
        self.pages.setAccessibleName(_("Pages"))

    def marked(self) -> bool:
        return self.combo.currentIndex() >= 0

    def presented(self) -> Presented:
        """How it was presented; an unmarked document counts as not presented."""
        data = self.combo.currentData()
        return Presented(data) if data else Presented.MISSING

    def set_presented(self, value: Presented | None) -> None:
        self.combo.setCurrentIndex(-1 if value is None else self.combo.findData(value.value))

    def item(self) -> ChecklistItem:
        return ChecklistItem(self.doc.id, self.presented(), required=self.doc.required,
                             pages=self.pages.value() or None)

    def widgets(self) -> list[QWidget]:
        return [self.cell, self.combo, self.pages]


class ChecklistWidget(QWidget):
    """One row per applicable document: name, form hint, how it was presented, pages.

    `set_documents` may be called again after every answer: choices already made are kept by
    document id, new rows start unmarked (an unmarked document counts as not presented);
    `mark_all_presented` marks every row the natural way for its form.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)
        self._grid.setColumnStretch(0, 1)
        self._empty = QLabel(_("Choose a service to see its documents."), self)
        self._grid.addWidget(self._empty, 0, 0, 1, 3)

    def set_documents(self, docs: list[DocumentSpec]) -> None:
        if [r.doc.id for r in self._rows] == [d.id for d in docs]:
            return
        kept = {r.doc.id: (r.presented() if r.marked() else None, r.pages.value())
                for r in self._rows}
        for row in self._rows:
            for w in row.widgets():
                self._grid.removeWidget(w)
                w.deleteLater()
        self._rows = []
        for i, doc in enumerate(docs):
            row = _Row(doc, self)
            if doc.id in kept:
                row.set_presented(kept[doc.id][0])
                row.pages.setValue(kept[doc.id][1])
            row.combo.currentIndexChanged.connect(self._row_changed)
            self._grid.addWidget(row.cell, i, 0)
            self._grid.addWidget(row.combo, i, 1, Qt.AlignmentFlag.AlignVCenter)
            self._grid.addWidget(row.pages, i, 2, Qt.AlignmentFlag.AlignVCenter)
            self._rows.append(row)
        self._empty.setVisible(not docs)
        self._restyle()
        self.changed.emit()

    def _row_changed(self) -> None:
        self._restyle()
        self.changed.emit()

    def _restyle(self) -> None:
        for row in self._rows:
            missing = row.presented() == Presented.MISSING and row.doc.required
            row.combo.setToolTip(_("Required document, not marked yet")
                                 if missing and not row.marked() else "")
            row.combo.setStyleSheet("QComboBox { color: #c62828; }" if missing else "")

    # reading ---------------------------------------------------------------------------------
    def items(self) -> list[ChecklistItem]:
        return [r.item() for r in self._rows]

    def document_ids(self) -> list[str]:
        return [r.doc.id for r in self._rows]

    def missing_required(self) -> list[str]:
        return [r.doc.id for r in self._rows
                if r.doc.required and r.presented() == Presented.MISSING]

    def combo_for(self, document_id: str) -> QComboBox:
        return next(r.combo for r in self._rows if r.doc.id == document_id)

    def pages_for(self, document_id: str) -> QSpinBox:
        return next(r.pages for r in self._rows if r.doc.id == document_id)

    def set_presented(self, document_id: str, value: Presented) -> None:
        self.combo_for(document_id).setCurrentIndex(
            self.combo_for(document_id).findData(value.value))

    def mark_all_presented(self) -> None:
        """Every document presented, each the natural way for its form (one key: Ctrl+Shift+A);
        rows already marked otherwise stay as they are."""
        for row in self._rows:
            if not row.marked():
                row.set_presented(default_presented(row.doc.form))

    def unmarked(self) -> list[str]:
        return [r.doc.id for r in self._rows if not r.marked()]

    def focus_widgets(self) -> list[QWidget]:
        """Tab order within the checklist: each row's combo, then its pages."""
        return [w for r in self._rows for w in (r.combo, r.pages)]


class QuestionsWidget(QWidget):
    """The conditions the data cannot decide, asked as checkboxes; answers survive a rebuild."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._boxes: dict[str, QCheckBox] = {}
        self._rows: list[QWidget] = []
        self._answers: dict[str, bool] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_conditions(self, conditions: list[Question]) -> None:
        if list(self._boxes) == [c.id for c in conditions]:
            return
        for row in self._rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self._boxes, self._rows = {}, []
        for cond in conditions:
            # a checkbox does not wrap its text: a word-wrapped label beside it does, and a click
            # on the label toggles the box as a click on its text would
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            box = QCheckBox(row)
            box.setAccessibleName(cond.text)
            box.setChecked(self._answers.get(cond.id, False))
            box.toggled.connect(lambda on, cid=cond.id: self._toggled(cid, on))
            label = QLabel(cond.text, row)
            label.setWordWrap(True)
            label.mousePressEvent = lambda _e, b=box: b.toggle()  # noqa: B023 - bound per row
            line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(label, 1)
            self._layout.addWidget(row)
            self._boxes[cond.id] = box
            self._rows.append(row)
        self.setVisible(bool(conditions))

    def _toggled(self, condition_id: str, on: bool) -> None:
        self._answers[condition_id] = on
        self.changed.emit()

    def answers(self) -> dict[str, bool]:
        """Answers to the questions on screen (a hidden question's old answer is dropped)."""
        return {cid: box.isChecked() for cid, box in self._boxes.items()}

    def checkbox_for(self, condition_id: str) -> QCheckBox:
        return self._boxes[condition_id]

    def reset(self) -> None:
        self._answers = {}
        self.set_conditions([])

    def focus_widgets(self) -> list[QWidget]:
        return list(self._boxes.values())
