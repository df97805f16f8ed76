"""One start-up, measured from outside: `python bench/probe.py MODE FOLDER` starts the way the
app does and exits as soon as the first screen is on screen (offscreen Qt), so the caller's
stopwatch around the whole process holds interpreter start, imports, opening and painting.

MODE: window (signed in, main window shown), signin (the sign-in dialog shown), bare (a bare
PySide6 QMainWindow), memory (window, then the searches; prints peak RSS in MB), memory_bare.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUERIES = ("Ерлан", "ахмет", "Серікбаева Гүл", "Абай көшесі", "0101", "880402", "Иванов",
           "Сергеевич", "Нұрлан", "Жастар")


def _peak_mb() -> float:
    """Peak resident set of this process image. Linux: VmHWM (getrusage's maximum would include
    the parent's size at fork time); elsewhere getrusage; Windows has neither (no figure)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:
        return -1.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _shown(app, widget) -> None:
    from PySide6.QtTest import QTest

    widget.show()
    QTest.qWaitForWindowExposed(widget, 5000)
    app.processEvents()


def main() -> None:
    mode, folder = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMainWindow

    from desktop_app import start_gc

    if mode not in ("bare", "memory_bare"):
        start_gc.pause()  # as the app's run_gui does, until the window shows
    app = QApplication(sys.argv[:1])
    if mode in ("bare", "memory_bare"):
        window = QMainWindow()
        window.resize(1280, 780)
        _shown(app, window)
        if mode == "memory_bare":
            print(f"{_peak_mb():.1f}")
        sys.stdout.flush()
        os._exit(0)

    from desktop_app.services.setup import open_context
    from desktop_app.ui.dialogs.startup import FileCheckInBackground
    from desktop_app.ui.tasks import default_runner

    ctx = open_context(folder, check_later=True, single_instance=False)
    FileCheckInBackground(ctx, default_runner())
    if mode == "signin":
        from desktop_app.ui.dialogs.sign_in import SignInDialog

        _shown(app, SignInDialog(ctx))
        os._exit(0)
    from desktop_app.services import auth
    from desktop_app.ui.main_window import create_main_window

    if ctx.is_demo:
        auth.sign_in(ctx, "specialist", "demo-specialist")
    else:
        auth.sign_in(ctx, "boss", "Bench-Steppe-2026")
    window = create_main_window(ctx, tasks=default_runner())
    window.resize(1280, 780)
    _shown(app, window)
    start_gc.resume()  # the app's run_gui does the same once the window shows
    if mode == "memory":
        from desktop_app.services import households

        window.show_page("households")
        page = window.page("households")
        for text in QUERIES:
            page.search.setText(text)
            page.refresh()
            households.find_persons(ctx, text)
        app.processEvents()
        print(f"{_peak_mb():.1f}")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
