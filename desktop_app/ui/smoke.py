"""The smoke run of a build (`akimat-desk --smoke-test`, not in --help): a demo office in a
temporary folder, each demo account signed in through the sign-in dialog, the real main window
with every page it shows opened, and one paper rendered in the preview. CI runs it inside the
bundle, a test runs it from source. Calls services only; prints one line per step.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable

from desktop_app.context import ANONYMOUS

Say = Callable[[str], None]


class SmokeFailed(Exception):
    """A step of the smoke run went wrong (the message says which)."""


def _check(condition: object, what: str) -> None:
    if not condition:
        raise SmokeFailed(what)


def run_smoke(say: Say | None = None) -> int:
    """0 when every step passed, else 1 with the failing step printed to stderr."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    say = say or (lambda text: print(text, flush=True))
    try:
        _smoke(say)
    except SmokeFailed as exc:
        print(f"smoke test failed: {exc}", file=sys.stderr, flush=True)
        return 1
    say("smoke test ok")
    return 0


def _check_text_services() -> None:
    """Qt's ICU (its data trimmed to the app's languages in the Linux bundle) orders Kazakh by
    its alphabet and knows the Cyrillic code pages."""
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder

    words = ["Ілияс", "Ұлан", "Әсел", "Бейбіт", "Ахмет", "Ыбырай", "Үміт"]
    kazakh = sorted(words, key=QCollator(QLocale("kk_KZ")).sortKey)
    _check(kazakh == ["Ахмет", "Әсел", "Бейбіт", "Ұлан", "Үміт", "Ыбырай", "Ілияс"],
           f"Kazakh alphabetical order is wrong: {kazakh}")
    russian = sorted(["Яков", "Ёлка", "Борис", "Анна"], key=QCollator(QLocale("ru_RU")).sortKey)
    _check(russian == ["Анна", "Борис", "Ёлка", "Яков"], f"Russian order is wrong: {russian}")
    for name in ("windows-1251", "IBM866", "KOI8-R"):
        _check(QStringDecoder(name).isValid(), f"the code page {name} is missing")


def _smoke(say: Say) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from desktop_app.services import applications, papers
    from desktop_app.services.setup import open_context
    from desktop_app.ui import tasks as ui_tasks
    from desktop_app.ui.app import _application
    from desktop_app.ui.dialogs.sign_in import SignInDialog, demo_accounts
    from desktop_app.ui.main_window import create_main_window
    from desktop_app.ui.pages.registry import pages_for

    app = _application()
    _check_text_services()
    say("Kazakh and Russian collation and code pages work")
    runner = ui_tasks.TaskRunner(sync=True)  # pages load at once: no waiting on threads
    ui_tasks.set_default_runner(runner)
    with tempfile.TemporaryDirectory(prefix="akimat-smoke-") as tmp:
        ctx = open_context(tmp, demo=True)
        try:
            accounts = demo_accounts(ctx)
            _check(accounts, "the demo office has no demo accounts")
            say(f"demo office opened in {tmp}")
            for account in accounts:
                ctx.user = ANONYMOUS
                dialog = SignInDialog(ctx)
                dialog.form.fill(account["login"], account.get("password", ""))
                dialog.form.submit()
                _check(ctx.user.login == account["login"],
                       f"{account['login']} could not sign in: {dialog.form.error.text()}")
                dialog.deleteLater()
                window = create_main_window(ctx, tasks=runner)
                window.show()
                keys = [spec.key for spec in pages_for(ctx)]
                _check(keys, f"{account['login']} sees no page")
                for key in keys:
                    window.show_page(key)
                    app.processEvents()
                    _check(window.current_key() == key, f"page {key} did not open")
                    _check(window.stack.currentWidget() is not None, f"page {key} is empty")
                say(f"signed in as {account['login']}: opened {', '.join(keys)}")
                if account["login"] == "specialist":
                    rows = applications.work_list(ctx)
                    _check(rows, "the demo village has no application")
                    pdf, title = papers.receipt_pdf(ctx, rows[0].row.reg_no, language="kk")
                    preview = window.open_pdf(pdf, title)
                    app.processEvents()
                    _check(preview.document.status() == QPdfDocument.Status.Ready
                           and preview.document.pageCount() >= 1, "the paper cannot be shown")
                    image = preview.document.render(0, QSize(595, 842))
                    _check(not image.isNull(), "the paper's first page did not render")
                    say(f"paper rendered: {title} ({len(pdf)} bytes, "
                        f"{preview.document.pageCount()} page(s))")
                    preview.close()
                window.close()
                window.deleteLater()
                app.processEvents()
        finally:
            runner.wait(10_000)
            ctx.close()
            ui_tasks.set_default_runner(None)
    QApplication.processEvents()
