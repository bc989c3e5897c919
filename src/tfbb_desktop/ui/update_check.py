"""Looking for a newer export at the configured source, at start and every few hours, and
offering it in a bar that never blocks the window. A missing or unreachable source is only
mentioned quietly in the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from tfbb_desktop.ui import messages
from tfbb_desktop.ui.pages.detail import plain_label
from tfbb_desktop.ui.worker import Task, run_on_catalogue

if TYPE_CHECKING:
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.main_window import MainWindow

CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000
FIRST_CHECK_MS = 3000
SOURCE_KEY = "update_source"
AUTO_KEY = "auto_check"
STATE_KEY = "update_check_state"


class UpdateBar(QFrame):
    """"A newer catalogue is available" with Show and import / Not now."""

    accepted = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateBar")
        self.setStyleSheet("#updateBar { background: palette(alternate-base); "
                           "border-bottom: 1px solid palette(mid); }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        self.text = plain_label("", selectable=False)
        layout.addWidget(self.text, 1)
        self.import_button = QPushButton(self.tr("Show and import …"))
        self.import_button.setObjectName("updateImportButton")
        self.later_button = QPushButton(self.tr("Not now"))
        for button, signal in ((self.import_button, self.accepted),
                               (self.later_button, self.dismissed)):
            button.clicked.connect(signal)
            layout.addWidget(button)
        self.setAccessibleName(self.tr("Update available"))
        self.hide()

    def offer(self, text: str) -> None:
        self.text.setText(text)
        self.show()


def effective_source(ctx: AppContext) -> tuple[str, bool]:
    """The source to look at, and whether the administrator set it (then users cannot)."""
    if ctx.config.source:
        return ctx.config.source, True
    return ctx.userdata.setting(SOURCE_KEY), False


class UpdateChecker(QObject):
    """Runs :func:`core.source_check.check_source` off the GUI thread and shows the result."""

    checked = Signal(object)  # core.source_check.CheckResult

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.offer: Any = None
        self.task: Task | None = None
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_now)
        window.update_bar.accepted.connect(self._import_offer)
        window.update_bar.dismissed.connect(window.update_bar.hide)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self.check_now)

    def stop(self) -> None:
        """No more checks (the window is closing)."""
        self.timer.stop()
        self.stopped = True

    def check_now(self, *, forced: bool = False) -> Task | None:
        ctx = self.window.ctx
        if self.stopped or ctx is None or ctx.closed:
            return None  # a check left waiting by a window that has closed its data
        source, _ = effective_source(ctx)
        if not source or not (forced or ctx.userdata.setting(AUTO_KEY, "1") == "1"):
            return None
        if self.task is not None and not self.task.done.is_set():
            return self.task
        from tfbb_desktop.core.sync import importer, source_check

        paths, trust = ctx.paths, ctx.trust
        state = source_check.CheckState.from_json(ctx.userdata.setting(STATE_KEY))
        # On the one runner, as it reads the catalogue and may copy a file into the data folder.
        self.task = run_on_catalogue(
            self.window, paths, lambda conn, _p, _c: source_check.check_source(
                source, paths, trust, importer.current_version(conn), state),
            self._checked, self.tr("Looking for a newer catalogue"), cancellable=False)
        return self.task

    def _checked(self, result: Any) -> None:
        ctx = self.window.ctx
        if ctx is None or self.stopped:
            return
        ctx.userdata.set_setting(STATE_KEY, result.state.to_json())
        self.checked.emit(result)
        if result.offer is not None:
            self.offer = result.offer
            self.window.update_bar.offer(
                self.tr("A newer catalogue (version %1) is available from %2.")
                .replace("%1", str(result.offer.dataset_version))
                .replace("%2", result.offer.file_name))
        elif result.message:
            self.window.statusBar().showMessage(messages.text(result.message), 10000)
        if result.recheck_after:
            QTimer.singleShot(int(result.recheck_after * 1000), self.check_now)

    def withdraw_stale_offer(self) -> None:
        """After the catalogue has changed: an offered version that is no longer newer (it was
        imported some other way, say from the command line) is no longer offered."""
        ctx = self.window.ctx
        if self.offer is None or ctx is None or ctx.closed:
            return
        from tfbb_desktop.core.store import queries

        meta = queries.meta(ctx.conn)
        if meta is not None and meta.dataset_version >= self.offer.dataset_version:
            self.offer = None
            self.window.update_bar.hide()

    def _import_offer(self) -> None:
        self.window.update_bar.hide()
        if self.offer is not None:
            self.window.import_file(self.offer.path)
