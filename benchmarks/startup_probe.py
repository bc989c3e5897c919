"""The start-up probe of benchmarks/startup_bench.py, loaded into the app by its start-up hook:
``TFBB_STARTUP_HOOK=benchmarks/startup_probe.py`` (see :func:`tfbb_desktop.ui.app.run_gui`),
which calls :func:`install` before the window is shown.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class StartupProbe(QObject):
    """Time the start-up for benchmarks/startup_bench.py, then quit.

    Prints ``TFBB_PROBE <event> <time.time()>`` lines: ``window_shown`` once the main window
    has been painted, ``catalogue_loaded``, ``first_rows`` once the list (the principals, on a
    new data folder) has painted rows, and ``first_search`` once the results of a search for
    ``TFBB_STARTUP_PROBE_QUERY``
    (default "skola"; typed into the search field as soon as the rows show) have been painted.
    ``catalogue_loaded`` follows the window's ``attached`` signal.
    """

    ENV = "TFBB_STARTUP_PROBE"

    def __init__(self, app: QApplication, window: Any) -> None:
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


def install(app: QApplication, window: Any, translators: int) -> StartupProbe | None:
    """The app's start-up hook: probe this start (nothing without a standard output)."""
    if sys.stdout is None:
        return None
    probe = StartupProbe(app, window)
    probe.mark("translators", str(translators))
    window.attached.connect(lambda: probe.mark("catalogue_loaded"))
    app.installEventFilter(probe)
    QTimer.singleShot(60_000, lambda: probe.finish("timeout", code=1))
    return probe
