"""The one serial runner for all work on the data files (imports, undo, update checks,
exports, booklets): one task at a time on one worker thread, never on the GUI thread.

A task is a function ``fn(progress, cancelled) -> result``, the hooks the core's import
pipeline takes; its signals come on the GUI thread. A task started while another runs waits
in line, and the status bar says so (:mod:`.task_status`); one cancelled while it waits never
starts and fails with :class:`TaskCancelled`.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal

from tfbb_desktop.core.messages import Message
from tfbb_desktop.core.store import storage
from tfbb_desktop.ui import messages

Progress = Callable[[str | Message, float], None]  # a step's text, or the core's message
Cancelled = Callable[[], bool]
TaskFn = Callable[[Progress, Cancelled], Any]
CatalogueFn = Callable[[Any, Progress, Cancelled], Any]

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class TaskCancelled(Exception):
    """The task was cancelled before or while it ran."""

    def __init__(self) -> None:
        super().__init__(translate("Runner", "Cancelled."))


def check_cancelled(cancelled: Cancelled) -> None:
    """Raise :class:`TaskCancelled` if the task was cancelled (for work done in steps)."""
    if cancelled():
        raise TaskCancelled


def _os_reason(code: int) -> str:
    return {
        errno.EACCES: translate("Runner", "permission denied"),
        errno.EPERM: translate("Runner", "permission denied"),
        errno.ENOENT: translate("Runner", "the file or folder does not exist"),
        errno.ENOSPC: translate("Runner", "the disk is full"),
        errno.EROFS: translate("Runner", "the disk is write-protected"),
        errno.EISDIR: translate("Runner", "it is a folder"),
    }.get(code, "")


def error_text(exc: BaseException) -> str:
    """What to tell the user about a failed task, in the user's language: the core's errors
    and storage faults through ui/messages, a file system error with its file and a reason,
    anything else logged and told as an unexpected error."""
    if isinstance(exc, TaskCancelled):
        return str(exc)
    if type(exc).__module__.startswith("tfbb_desktop.core") or (
            isinstance(exc, sqlite3.Error) and storage.problem(exc) is not None):
        return messages.described(exc)
    if isinstance(exc, OSError):
        why = _os_reason(exc.errno or 0) or exc.strerror or str(exc)
        if exc.filename:
            # The temporary file of an atomic write is told as the file it was to become.
            name = str(exc.filename).removesuffix(".part")
            return translate("Runner", "%1 could not be read or written: %2").replace(
                "%1", name).replace("%2", why)
        return translate("Runner", "A file could not be read or written: %1").replace("%1", why)
    log.error("task failed", exc_info=exc)
    return translate("Runner", "Something unexpected went wrong: %1").replace(
        "%1", messages.described(exc))


class Task(QObject):
    """One piece of work for the runner. Its public signals are sent on the GUI thread (the
    worker's are queued to it), so a connection made before control returns to the event loop,
    even just after :meth:`start`, misses nothing. ``cancellable``: whether it can be stopped
    once started (a waiting task always can)."""

    progress = Signal(str, float)
    finished = Signal(object)
    failed = Signal(object)

    # Emitted on the worker thread, delivered to this object (on the GUI thread).
    _began = Signal()
    _progressed = Signal(object, float)  # a step's text or message, the fraction done
    _ended = Signal(bool, object)
    runner: Runner  # set by Runner.submit, before the task can run

    def __init__(self, fn: TaskFn, parent: QObject | None = None, *, label: str = "",
                 cancellable: bool = True) -> None:
        super().__init__(parent)
        self._fn = fn
        self.label = label
        self.cancellable = cancellable
        self._cancel = threading.Event()
        self.done = threading.Event()
        self.running = False
        self.follow_up: Task | None = None  # a task this one's result started, if any
        self.outcome: tuple[bool, object] | None = None  # (ok, result or exception), at the end
        queued = Qt.ConnectionType.QueuedConnection
        self._began.connect(self._on_began, queued)
        self._progressed.connect(self._on_progress, queued)
        self._ended.connect(self._on_ended, queued)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> Task:
        default_runner().submit(self)
        return self

    def _run(self) -> None:  # on the worker thread
        self._began.emit()
        try:
            if self._cancel.is_set():
                raise TaskCancelled
            outcome = (True, self._fn(self._progressed.emit, self._cancel.is_set))
        except BaseException as exc:  # handed to the GUI thread, which shows it
            outcome = (False, exc)
        self.done.set()
        self._ended.emit(*outcome)

    def _on_began(self) -> None:
        self.running = True
        self.runner.started.emit(self)

    def _on_progress(self, step: str | Message, fraction: float) -> None:
        text = messages.text(step)
        self.progress.emit(text, fraction)
        self.runner.progress.emit(self, text, fraction)

    def _on_ended(self, ok: bool, value: object) -> None:
        self.running = False
        self.outcome = (ok, value)
        # The runner first, before the task's own handlers, which may open a dialog.
        self.runner.forget(self)
        self.runner.ended.emit(self)
        (self.finished if ok else self.failed).emit(value)


class Runner(QObject):
    """Runs tasks one at a time on its one worker thread, in the order they came; its signals
    come on the GUI thread (``queued`` when a task must wait for another)."""

    queued = Signal(object)  # Task
    started = Signal(object)  # Task
    progress = Signal(object, str, float)  # Task, text, fraction
    ended = Signal(object)  # Task

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.pool.setExpiryTimeout(-1)  # the same worker thread throughout
        self.tasks: list[Task] = []  # submitted and not yet ended, in order

    def submit(self, task: Task) -> None:
        task.runner = self
        self.tasks.append(task)
        # A task deleted with its window before it ended is no longer waited for.
        task.destroyed.connect(lambda _obj=None: self.forget(task))
        if len(self.tasks) > 1:
            self.queued.emit(task)
        self.pool.start(task._run)

    def current(self) -> Task | None:
        """The task running or next to run, if any."""
        return self.tasks[0] if self.tasks else None

    def busy(self) -> bool:
        return bool(self.tasks)

    def forget(self, task: Task) -> None:
        self.tasks = [t for t in self.tasks if t is not task]


_RUNNER: Runner | None = None


def default_runner() -> Runner:
    """The application's one runner (made on first use, on the GUI thread)."""
    global _RUNNER
    if _RUNNER is None:
        _RUNNER = Runner(QCoreApplication.instance())
    return _RUNNER


def run(fn: TaskFn, parent: QObject | None = None, *, label: str = "",
        cancellable: bool = True, done: Callable[[Any], object] | None = None,
        failed: Callable[[BaseException], object] | None = None) -> Task:
    """Make a task, connect ``done`` and ``failed``, and hand it to the runner."""
    task = Task(fn, parent, label=label, cancellable=cancellable)
    if done is not None:
        task.finished.connect(done)
    if failed is not None:
        task.failed.connect(failed)
    return task.start()


def with_catalogue(paths: Any, fn: CatalogueFn) -> TaskFn:
    """A task function that runs ``fn(conn, progress, cancelled)`` with its own connection to
    the catalogue (``paths.catalogue``): the GUI's connection stays on the GUI thread."""

    def work(progress: Progress, cancelled: Cancelled) -> Any:
        from tfbb_desktop.core.store.db import open_sqlite

        conn = open_sqlite(paths.catalogue)
        try:
            return fn(conn, progress, cancelled)
        finally:
            conn.close()

    return work


def run_on_catalogue(window: Any, paths: Any, work: CatalogueFn, done: Callable[[Any], object],
                     label: str, *, cancellable: bool = True) -> Task:
    """Run ``work(conn, progress, cancelled)`` on the runner with its own catalogue connection;
    ``done(result)`` runs on the GUI thread; a failure is told in ``window``'s status bar."""
    return run(with_catalogue(paths, work), window if isinstance(window, QObject) else None,
               label=label, cancellable=cancellable, done=done,
               failed=lambda exc: window.statusBar().showMessage(error_text(exc), 8000))
