"""Screenshots of the real main window on a fresh demo village, for the README (docs/*.png).

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [kk|ru] [--today]` (or under
Xvfb with xcb). Each page is saved per language at 1366×768: docs/<page>-<lang>.png (today,
applications, households, reception) and the F1 shortcuts sheet.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.i18n import Translator, install
    from desktop_app.services.setup import open_context
    from desktop_app.ui.main_window import create_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    args = sys.argv[1:]
    today_only = "--today" in args   # only docs/today-<lang>.png
    lang = next((a for a in args if not a.startswith("--")), "kk")
    install(Translator(lang))
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(tmp)
        window = create_main_window(ctx)
        # the smallest screen the office has: 1366×768, less the taskbar and the title bar
        window.resize(1366, 700)
        window.show()

        def shot(name: str, widget=None) -> None:
            for _ in range(20):
                app.processEvents()
            (widget or window).grab().save(str(out / f"{name}-{lang}.png"))

        window.show_page("today")
        shot("today")
        if today_only:
            window.close()
            ctx.close()
            return
        for key in ("applications", "households"):
            window.show_page(key)
            shot(key)
        reception = window.page("reception")
        window.show_page("reception")
        reception.select_service("tsa")
        shot("reception")
        sheet = window.show_shortcuts()  # F1
        shot("shortcuts", sheet)
        sheet.close()
        window.close()
        ctx.close()
    print("written:", ", ".join(p.name for p in sorted(out.glob("*.png"))))


if __name__ == "__main__":
    main()
