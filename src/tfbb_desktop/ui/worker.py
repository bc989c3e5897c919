"""Run core work off the GUI thread, with progress, cancel, and results back on the GUI thread.

A task is a plain function ``fn(progress, cancelled) -> result``; ``progress(text, fraction)``
and ``cancelled()`` are the hooks the core's import pipeline already takes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

TaskFn = Callable[[Callable[[str, float], None], Callable[[], bool]], Any]


class Task(QObject):
    """One piece of background work. Connect to its signals before :meth:`start`."""

    progress = Signal(str, float)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: TaskFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or task_pool()).start(_Runnable(self))

    def _run(self) -> None:
        try:
            result = self._fn(self.progress.emit, self._cancel.is_set)
        except BaseException as exc:  # handed to the GUI thread, which shows it
            self.done.set()
            self.failed.emit(exc)
            return
        self.done.set()
        self.finished.emit(result)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


_POOL: QThreadPool | None = None


def task_pool() -> QThreadPool:
    """One serial worker thread for the database, as writes must not run side by side."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL
