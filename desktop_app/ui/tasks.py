"""The one way to work in the background (STYLE 3): run a function on a thread pool and call back on
the main thread with its result or error; a progress dialog with Cancel only after ~600 ms.

Work that touches the database runs on a single-thread pool, so there is one writer at a time.
Tests use `TaskRunner(sync=True)`, which runs everything at once on the calling thread.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.i18n import _

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600


class Cancelled(Exception):
    """Raised inside a long job when the person pressed Cancel."""


class CancelToken:
    """Checked by long jobs between steps; set from the main thread by the Cancel button."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class _Relay(QObject):
    """One per runner, living on the main thread: workers emit here (queued to the main thread).

    Workers never hold per-task Qt objects, so nothing Qt-owned is released on a worker thread.
    """

    succeeded = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int)


class _Task:
    """A running task's callbacks and its progress dialog (main thread only)."""

    def __init__(self, on_result: ResultCallback | None, on_error: ErrorCallback | None,
                 on_cancelled: Callable[[], None] | None, token: CancelToken,
                 parent_widget: QWidget | None, label: str) -> None:
        self.on_result, self.on_error, self.on_cancelled = on_result, on_error, on_cancelled
        self.token, self.parent_widget, self.label = token, parent_widget, label
        self.dialog: QProgressDialog | None = None
        self.last_progress = (0, 0)

    def show_dialog(self) -> None:
        if self.dialog is not None:
            return
        dialog = QProgressDialog(self.label or _("Working…"), _("Cancel"), 0, 0,
                                 self.parent_widget)
        dialog.setWindowTitle(_("Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.token.cancel)
        self.dialog = dialog
        self.show_progress(*self.last_progress)
        dialog.show()

    def show_progress(self, done: int, total: int) -> None:
        self.last_progress = (done, total)
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(min(done, total) if total else 0)

    def close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


def _run_job(fn: Callable[..., Any], relay: _Relay, task_id: int, token: CancelToken,
             long: bool) -> None:
    """The worker-thread side: call `fn` and hand the outcome to the main thread."""
    try:
        if long:
            result = fn(progress=lambda done, total: relay.progressed.emit(task_id, int(done),
                                                                           int(total)),
                        cancel=token)
        else:
            result = fn()
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
        relay.failed.emit(task_id, exc)
    else:
        relay.succeeded.emit(task_id, result)


class TaskRunner(QObject):
    """Runs functions in the background and calls back on the main thread."""

    def __init__(self, *, sync: bool = False, delay_ms: int = PROGRESS_DELAY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.delay_ms = delay_ms
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(1)  # the one writer
        self._relay = _Relay(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.succeeded.connect(self._deliver_result, queued)
        self._relay.failed.connect(self._deliver_error, queued)
        self._relay.progressed.connect(self._deliver_progress, queued)
        self._tasks: dict[int, _Task] = {}
        self._next_id = 0
        self._timer = QTimer(self)  # one timer polls for tasks slower than `delay_ms`
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_slow_tasks)
        self._started: dict[int, float] = {}

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run(self, fn: Callable[..., Any], on_result: ResultCallback | None = None,
            on_error: ErrorCallback | None = None, *, parent: QWidget | None = None,
            label: str = "", long: bool = False, db: bool = True,
            on_cancelled: Callable[[], None] | None = None, quiet: bool = False) -> CancelToken:
        """Run `fn()` (or `fn(progress=, cancel=)` when `long`) and deliver its outcome.

        Without `on_error` an error is shown to the person with `errors.show_error`.
        `db=False` marks work that never touches the database (it may run in parallel), or that
        opens a connection of its own. `quiet` work is not waited for: it never shows the
        progress dialog.
        """
        token = CancelToken()
        if self.sync:
            self._run_now(fn, on_result, on_error, on_cancelled, token, parent, long)
            return token
        self._next_id += 1
        task_id = self._next_id
        self._tasks[task_id] = _Task(on_result, on_error, on_cancelled, token, parent, label)
        if not quiet:
            self._started[task_id] = time.monotonic()
            if not self._timer.isActive():
                self._timer.start()
        pool = self._db_pool if db else QThreadPool.globalInstance()
        # A plain callable, not a QRunnable subclass: Qt owns and deletes the runnable itself.
        pool.start(functools.partial(_run_job, fn, self._relay, task_id, token, long))
        return token

    def wait(self, msecs: int = -1) -> bool:
        """Block until the database pool is idle (for shutting down)."""
        return self._db_pool.waitForDone(msecs)

    # main-thread side ----------------------------------------------------------------------------
    def _show_slow_tasks(self) -> None:
        now = time.monotonic()
        for task_id, task in list(self._tasks.items()):
            if task_id in self._started and now - self._started[task_id] >= self.delay_ms / 1000:
                task.show_dialog()
        if not self._tasks:
            self._timer.stop()

    def _pop(self, task_id: int) -> _Task | None:
        task = self._tasks.pop(task_id, None)
        self._started.pop(task_id, None)
        if task is not None:
            task.close_dialog()
        if not self._tasks:
            self._timer.stop()
        return task

    def _deliver_progress(self, task_id: int, done: int, total: int) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            task.show_progress(done, total)

    def _deliver_result(self, task_id: int, result: Any) -> None:
        task = self._pop(task_id)
        if task is None:
            return
        if task.token.cancelled:
            if task.on_cancelled:
                task.on_cancelled()
        elif task.on_result:
            task.on_result(result)

    def _deliver_error(self, task_id: int, exc: BaseException) -> None:
        task = self._pop(task_id)
        if task is None:
            return
        if isinstance(exc, Cancelled):
            if task.on_cancelled:
                task.on_cancelled()
        elif task.on_error:
            task.on_error(exc)
        else:
            from desktop_app.ui.errors import show_error

            show_error(task.parent_widget, exc)

    @staticmethod
    def _run_now(fn, on_result, on_error, on_cancelled, token, parent, long) -> None:
        try:
            result = fn(progress=lambda done, total: None, cancel=token) if long else fn()
        except Cancelled:
            if on_cancelled:
                on_cancelled()
            return
        except Exception as exc:  # noqa: BLE001
            if on_error:
                on_error(exc)
            else:
                from desktop_app.ui.errors import show_error

                show_error(parent, exc)
            return
        if on_result:
            on_result(result)


_default: TaskRunner | None = None


def default_runner() -> TaskRunner:
    """The application's runner (pages use it unless one is handed to them)."""
    global _default
    if _default is None:
        _default = TaskRunner()
    return _default


def set_default_runner(runner: TaskRunner | None) -> None:
    global _default
    _default = runner
