"""Every keyboard shortcut of the application, declared once: its keys, what it does and where it
works. `bind()` makes the QShortcut from this registry, `with_keys()` shows the keys in a widget's
tooltip, and the F1 sheet (ui/dialogs/shortcut_sheet.py) lists the same entries, so the sheet
cannot drift from the real bindings.

UI layer: imports PySide6 and i18n only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from desktop_app.i18n import N_, _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# where a shortcut works (msgids)
EVERYWHERE = N_("Every page")
RECEPTION = N_("Reception")
LISTS = N_("Lists of applications (Today, Applications)")
PREVIEW = N_("Paper preview")
DATES = N_("Date fields")
DIALOGS = N_("Dialogs and forms")


@dataclass(frozen=True)
class ShortcutSpec:
    id: str
    keys: tuple[str, ...]     # portable key texts, as QKeySequence reads them
    action: str               # msgid: what it does
    where: str                # msgid: where it works
    bound: bool = True        # False: Qt or a widget handles the keys itself (listed for people)


SHORTCUTS: tuple[ShortcutSpec, ...] = (
    ShortcutSpec("help", ("F1",), N_("Keyboard shortcuts (this list)"), EVERYWHERE),
    ShortcutSpec("search", ("Ctrl+K",), N_("Find a person or an application"), EVERYWHERE),
    ShortcutSpec("lock", ("Ctrl+L",), N_("Lock the desk"), EVERYWHERE),
    ShortcutSpec("reception.service", ("Ctrl+F",), N_("Choose the service"), RECEPTION),
    ShortcutSpec("reception.iin", ("Ctrl+I",), N_("Go to the applicant's IIN"), RECEPTION),
    ShortcutSpec("reception.member", ("Ctrl+M",), N_("Add a household member"), RECEPTION),
    ShortcutSpec("reception.save", ("Ctrl+S",), N_("Save the application and print the receipt"),
                 RECEPTION),
    ShortcutSpec("reception.arrived", ("F2",), N_("Note that the visitor arrived"), RECEPTION),
    ShortcutSpec("reception.mark_all", ("Ctrl+Shift+A",), N_("Mark every document presented"),
                 RECEPTION),
    ShortcutSpec("reception.new", ("Ctrl+N",), N_("Start a new form"), RECEPTION),
    ShortcutSpec("list.open", ("Return", "Enter"), N_("Open the chosen application"), LISTS),
    ShortcutSpec("preview.print", ("Ctrl+P",), N_("Print the paper"), PREVIEW),
    ShortcutSpec("preview.save", ("Ctrl+S",), N_("Save the paper as a PDF file"), PREVIEW),
    # Ctrl+= too: on most keyboards "+" is Shift+= and people press Ctrl+= for it
    ShortcutSpec("preview.zoom_in", ("Ctrl++", "Ctrl+="), N_("Zoom in"), PREVIEW),
    ShortcutSpec("preview.zoom_out", ("Ctrl+-",), N_("Zoom out"), PREVIEW),
    ShortcutSpec("preview.fit", ("Ctrl+0",), N_("Fit the page to the width"), PREVIEW),
    ShortcutSpec("date.calendar", ("F4", "Alt+Down"), N_("Open the calendar"), DATES,
                 bound=False),
    ShortcutSpec("dialog.mnemonic", ("Alt",), N_("Alt and the underlined letter press a button"),
                 DIALOGS, bound=False),
    ShortcutSpec("dialog.close", ("Esc",), N_("Close the dialog without saving"), DIALOGS,
                 bound=False),
)
BY_ID: dict[str, ShortcutSpec] = {spec.id: spec for spec in SHORTCUTS}

MAX_PAGE_KEYS = 9
PAGE_ACTION = N_("Go to the page “{page}”")


def page_keys(number: int) -> str:
    """The keys of the `number`-th page of the navigation (1…9)."""
    return f"Ctrl+{number}"


def key_text(keys: str) -> str:
    """Keys as the person reads them (the platform's and Qt's translated names)."""
    if keys == "Alt":
        return QKeySequence(Qt.Key.Key_Alt).toString(QKeySequence.SequenceFormat.NativeText)
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def keys_text(spec: ShortcutSpec) -> str:
    return " / ".join(key_text(k) for k in spec.keys)


def bind(spec_id: str, parent: QWidget, slot: Callable[[], object], *,
         context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
         keys: str | None = None) -> list[QShortcut]:
    """The QShortcut(s) of registry entry `spec_id` on `parent`, each calling `slot`; `keys`
    picks one of the entry's keys (the page keys pass their own)."""
    spec = BY_ID.get(spec_id)
    if keys is None and spec is None:
        raise KeyError(spec_id)
    made = []
    for key in ((keys,) if keys is not None else spec.keys):
        # (PySide6 drops the functor when `context=` is passed to the constructor)
        shortcut = QShortcut(QKeySequence(key), parent)
        shortcut.setContext(context)
        shortcut.setObjectName(f"shortcut:{spec_id}")
        shortcut.activated.connect(slot)
        made.append(shortcut)
    return made


def with_keys(widget: QObject, spec_id: str, text: str = "") -> None:
    """Show the entry's keys in the widget's tooltip: `text` (else the entry's action), then the
    keys in brackets."""
    spec = BY_ID[spec_id]
    widget.setToolTip(_("{what} ({keys})").format(what=text or _(spec.action),
                                                  keys=keys_text(spec)))
