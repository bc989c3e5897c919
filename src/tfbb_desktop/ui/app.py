"""Starting the GUI: show the window first, then load the catalogue on a worker thread."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import APP_NAME, __version__
from ..core.paths import DataPaths, resource_path
from .i18n import install_translators
from .main_window import SECTIONS, MainWindow
from .worker import Task

log = logging.getLogger("tfbb_desktop")


def setup_logging(paths: DataPaths) -> None:
    if any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        return
    handler = RotatingFileHandler(paths.log, maxBytes=1_000_000, backupCount=2,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def make_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("TFBB")
    app.setWindowIcon(QIcon(str(resource_path("icons", "tfbb-katalog.png"))))
    return app


def create_window(paths: DataPaths) -> MainWindow:
    from .extras import install_extras

    settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    install_extras(window)
    return window


def start_loading(window: MainWindow, paths: DataPaths) -> Task:
    """Open the catalogue off the GUI thread; the window fills in when it is ready."""
    from .context import load_context

    task = Task(lambda _progress, _cancelled: load_context(paths), window)
    task.finished.connect(window.attach)
    task.failed.connect(lambda exc: _load_failed(window, exc))
    task.start()
    return task


def _load_failed(window: MainWindow, exc: BaseException) -> None:
    log.error("could not open the catalogue: %s", exc)
    message = window.tr("The catalogue could not be opened.") + "\n\n" + str(exc)
    window.detail.show_empty(message)
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message,
                      QMessageBox.StandardButton.Ok, window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()


class AfterFirstPaint(QObject):
    """Call ``then`` once ``window`` has been painted for the first time.

    The catalogue is loaded on a worker thread, but its imports (SQLAlchemy, SQLModel, pydantic)
    are Python code that holds the GIL; started before the first paint, they slow the GUI
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


def run_gui(data_dir: Path | None, *, self_check: bool = False) -> int:
    if self_check and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    paths = DataPaths(data_dir) if data_dir else DataPaths()
    try:
        paths.ensure()
    except OSError as exc:
        print(f"Datamappen {paths.root} kan inte skapas: {exc}", file=sys.stderr)
        return 1
    setup_logging(paths)
    app = make_app()
    translators = install_translators(app)
    window = create_window(paths)
    if self_check:
        return run_self_check(window, paths)
    probe = StartupProbe.install(app, window, len(translators))
    tasks: list[Task] = []

    def load() -> None:
        task = start_loading(window, paths)
        if probe is not None:
            task.finished.connect(lambda _ctx: probe.mark("catalogue_loaded"))
        tasks.append(task)

    AfterFirstPaint(window, load)
    window.show()
    code = app.exec()
    del translators
    if window.ctx is not None:
        window.ctx.close()
    return code


def run_self_check(window: MainWindow, paths: DataPaths) -> int:
    """Open the catalogue, every view and one detail page; print a one-line summary."""
    from ..core import queries
    from .context import load_context

    try:
        window.show()
        ctx = load_context(paths)
        window.attach(ctx)
        for entity_type in SECTIONS:
            window.show_section(entity_type)
            model = window.models[entity_type]
            if model.rowCount() and model.index(0, 0).data() is None:
                raise RuntimeError(f"listan {entity_type} kan inte visas")
        counts = queries.counts(ctx.conn)
        if not counts["principals"]:
            raise RuntimeError("katalogen innehåller inga huvudmän")
        first = window.models["principals"].ids()[0]
        if not window.open_entry("principals", first):
            raise RuntimeError("detaljsidan kan inte visas")
        meta = queries.meta(ctx.conn)
        version = meta.dataset_version if meta else 0
        print(f"Självtest OK: katalogversion {version}, {counts['principals']} huvudmän, "
              f"{counts['contacts']} kontaktpersoner, {counts['examples']} exempel, "
              f"{counts['work']} pågående arbeten.")
        window.close()
        ctx.close()
        return 0
    except Exception as exc:
        print(f"Självtest misslyckades: {exc}", file=sys.stderr)
        return 1
