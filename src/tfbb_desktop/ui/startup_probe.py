"""Start-up helpers: load after the first paint, and the start-up probe of the benchmark.

:class:`AfterFirstPaint` runs the catalogue loading once the window has been painted;
:class:`StartupProbe` (``TFBB_STARTUP_PROBE=1``) prints time stamps for
``benchmarks/startup_bench.py``. Both are used by :func:`tfbb_desktop.ui.app.run_gui`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from tfbb_desktop.ui.main_window import MainWindow


class AfterFirstPaint(QObject):
    """Call ``then`` once ``window`` has been painted for the first time.

    The catalogue is loaded on a worker thread, but its imports (the core, cryptography; on the
    first start the import pipeline with SQLAlchemy, SQLModel and pydantic) and the opening are
    Python code that holds the GIL; started before the first paint, they slow the GUI
    thread's Python callbacks during that paint down, and the window shows late. Started right
    after it, the window shows at once and the catalogue is ready just as soon. ``limit_ms`` is
    a fallback for a window that is never painted (e.g. started minimised).
    """

    def __init__(self, window: QWidget, then: Callable[[], None], limit_ms: int = 1000) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        self._window = window
        window.installEventFilter(self)
        QTimer.singleShot(limit_ms, self._fire)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)  # runs once this paint is done
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.removeEventFilter(self)
            then()


class StartupProbe(QObject):
    """``TFBB_STARTUP_PROBE=1``: time the start-up for benchmarks/startup_bench.py, then quit.

    Prints ``TFBB_PROBE <event> <time.time()>`` lines: ``window_shown`` once the main window
    has been painted, ``catalogue_loaded``, ``first_rows`` once the list (the principals, on a
    new data folder) has painted rows, and ``first_search`` once the results of a search for
    ``TFBB_STARTUP_PROBE_QUERY``
    (default "skola"; typed into the search field as soon as the rows show) have been painted.
    Off (no event filter at all) unless the variable is set.
    """

    ENV = "TFBB_STARTUP_PROBE"

    @classmethod
    def install(cls, app: QApplication, window: MainWindow,
                translators: int) -> StartupProbe | None:
        if os.environ.get(cls.ENV) != "1" or sys.stdout is None:
            return None
        probe = cls(app, window)
        probe.mark("translators", str(translators))
        app.installEventFilter(probe)
        QTimer.singleShot(60_000, lambda: probe.finish("timeout", code=1))
        return probe

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(window)
        self.app, self.window = app, window
        self.query = os.environ.get(f"{self.ENV}_QUERY", "skola")
        self.stage = "window_shown"
        self.answered = False

    def mark(self, event: str, value: str = "") -> None:
        print(f"TFBB_PROBE {event} {value or f'{time.time():.6f}'}", flush=True)

    def finish(self, event: str, code: int = 0) -> None:
        if self.stage != "done":
            self.stage = "done"
            self.mark(event)
            self.window.close()  # stops the window's worker threads
            self.app.exit(code)

    def _painted(self, event: str, then: str) -> None:
        """Record ``event`` once the paint under way is done, then wait for ``then``."""
        self.stage = "pending"

        def record() -> None:
            self.mark(event)
            if then == "done":
                self.finish("done")
                return
            self.stage = then
            if then == "first_search":
                self._search()

        QTimer.singleShot(0, record)

    def _search(self) -> None:
        runner = getattr(self.window, "search_runner", None)
        field = getattr(self.window, "search_field", None)
        if runner is None or field is None or not self.query:
            self.finish("no_search")
            return
        runner.answered.connect(lambda _answer: setattr(self, "answered", True))
        runner.failed.connect(self._search_failed)
        field.setText(self.query)

    def _search_failed(self, message: str) -> None:
        print(f"TFBB_PROBE search failed: {message}", file=sys.stderr, flush=True)
        self.finish("search_failed", code=1)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(obj, QWidget) \
                or self.stage in ("pending", "done") or obj.window() is not self.window:
            return False
        w = self.window
        if self.stage == "window_shown":
            self._painted("window_shown", "first_rows")
        elif self.stage == "first_rows":
            model = w.list_view.model()
            if obj is w.list_view.viewport() and model is not None and model.rowCount():
                self._painted("first_rows", "first_search")
        elif self.stage == "first_search" and self.answered:
            panel = getattr(w, "search_panel", None)
            if panel is not None and panel.isAncestorOf(obj):
                self._painted("first_search", "done")
        return False
