"""Starting the GUI: show the window first, then load the catalogue on a worker thread."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tfbb_desktop import APP_NAME, __version__
from tfbb_desktop.core.paths import DataPaths, resource_path
from tfbb_desktop.ui import single_instance
from tfbb_desktop.ui.i18n import install_translators
from tfbb_desktop.ui.main_window import SECTIONS, MainWindow
from tfbb_desktop.ui.messages import described
from tfbb_desktop.ui.pages.detail import message_box
from tfbb_desktop.ui.worker import Task, error_text, run

log = logging.getLogger("tfbb_desktop")
# A Python file whose ``install(app, window, translators)`` is called before the window is
# shown: benchmarks/startup_probe.py times the start-up with it.
STARTUP_HOOK = "TFBB_STARTUP_HOOK"


class AfterFirstPaint(QObject):
    """Call ``then`` once ``window`` has been painted for the first time.

    Loading the catalogue on the worker thread is Python code that holds the GIL: started
    before the first paint, it makes the window show late. ``limit_ms`` is for a window that
    is never painted (e.g. started minimised).
    """

    def __init__(self, window: QWidget, then: Callable[[], None], limit_ms: int = 1000) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        self._window = window
        window.installEventFilter(self)
        QTimer.singleShot(limit_ms, self._fire)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)  # runs once this paint is done
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.removeEventFilter(self)  # the limit came first
            then()


def setup_logging(paths: DataPaths) -> None:
    """The log file in the data folder. Called once the window is shown: ``logging.handlers``
    brings socket, pickle and queue along, which the first paint does not need."""
    from logging.handlers import RotatingFileHandler

    if any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        return
    try:
        handler = RotatingFileHandler(paths.log, maxBytes=1_000_000, backupCount=2,
                                      encoding="utf-8")
    except OSError as exc:  # no log file, but the app works
        print(f"Loggfilen {paths.log} kan inte öppnas: {exc}", file=sys.stderr)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def make_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("TFBB")
    # The desktop entry packaging/tfbb-katalog.desktop (its name and icon for the task bar),
    # for desktops that ask the app for it (docs/deployment.md).
    app.setDesktopFileName("tfbb-katalog")
    app.setWindowIcon(QIcon(str(resource_path("icons", "tfbb-katalog.png"))))
    return app


def create_window(paths: DataPaths) -> MainWindow:
    return MainWindow(QSettings(str(paths.settings), QSettings.Format.IniFormat))


def start_loading(window: MainWindow, paths: DataPaths) -> Task:
    """Open the catalogue off the GUI thread; the window fills in when it is ready."""
    from tfbb_desktop.ui.context import load_context

    task = run(lambda _progress, _cancelled: load_context(paths), window,
               label=QCoreApplication.translate("App", "Opening the catalogue"),
               cancellable=False, done=window.attach,
               failed=lambda exc: _load_failed_or_recover(window, paths, exc))
    task.finished.connect(lambda _ctx: log.info("catalogue opened: %s", paths.catalogue))
    return task


def _load_failed_or_recover(window: MainWindow, paths: DataPaths, exc: BaseException) -> None:
    """A damaged database is offered a way back (a good copy, or anew); the rest is told."""
    from tfbb_desktop.core.store.health import DamagedDatabase
    from tfbb_desktop.ui.dialogs.recovery import offer_recovery

    log.error("could not open the catalogue: %s", exc)
    if isinstance(exc, DamagedDatabase):
        window.detail.show_empty(described(exc))
        offer_recovery(window, paths, exc, lambda: start_loading(window, paths))
        return
    message = window.tr("The catalogue could not be opened.") + "\n\n" + error_text(exc)
    window.detail.show_empty(message)
    message_box(window, message, icon=QMessageBox.Icon.Critical)


def claim_instance(paths: DataPaths, files: list[str]) -> single_instance.Claim:
    """Become the running app of this data folder, or hand ``files`` to the one running."""
    found = single_instance.claim(paths.root, [str(Path(f).absolute()) for f in files])
    if found.no_answer:
        text = QCoreApplication.translate(
            "App", "TFBB Katalog is already running with the data folder %1 but does not "
            "answer. Wait a moment and try again.").replace("%1", str(paths.root))
        if sys.stderr is not None:
            print(text, file=sys.stderr)
        else:  # the windowed build has no console
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
    return found


def run_gui(data_dir: Path | None, *, self_check: bool = False,
            files: list[str] | None = None) -> int:
    if self_check and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    paths = DataPaths(data_dir) if data_dir else DataPaths()
    try:
        paths.ensure()
    except OSError as exc:
        print(f"Datamappen {paths.root} kan inte skapas: {described(exc)}", file=sys.stderr)
        return 1
    app = make_app()
    translators = install_translators(app)
    instance = single_instance.Claim() if self_check else claim_instance(paths, files or [])
    if instance.handed_over or instance.no_answer:
        return 0 if instance.handed_over else 1
    window = create_window(paths)
    if instance.server is not None:
        single_instance.serve(instance.server, window, lambda: setup_logging(paths))
    single_instance.open_files(window, files or [])
    if self_check:
        setup_logging(paths)
        return run_self_check(window, paths)
    loaded = len(translators)
    hook = os.environ.get(STARTUP_HOOK)
    if hook:
        import runpy

        runpy.run_path(hook)["install"](app, window, loaded)
    tasks: list[Task] = []

    def load() -> None:  # once the window has been painted: show first, load after
        setup_logging(paths)
        log.info("window shown with %d translators", loaded)
        tasks.append(start_loading(window, paths))

    AfterFirstPaint(window, load)
    app.aboutToQuit.connect(window.detail.flush_note)  # a note being written is kept
    window.show()
    code = app.exec()
    del translators
    if window.ctx is not None:
        window.ctx.close()
    return code


def run_self_check(window: MainWindow, paths: DataPaths) -> int:
    """Open the catalogue, every view and one detail page; print a one-line summary."""
    from tfbb_desktop.core.store import queries
    from tfbb_desktop.ui.context import load_context

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
        print(f"Självtest misslyckades: {described(exc)}", file=sys.stderr)
        return 1
