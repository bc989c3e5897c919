"""The runner's work in the status bar: what runs, how far it is, what waits, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QProgressBar, QToolButton, QWidget

from tfbb_desktop.ui.worker import Runner, Task, default_runner


class TaskStatus(QWidget):
    """Shown in the status bar while the runner has work; hidden when it is idle."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskStatus")
        self.runner = runner
        self.window_: QMainWindow | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setObjectName("taskText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.text)
        self.bar = QProgressBar()
        self.bar.setObjectName("taskProgress")
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(160)
        self.bar.setAccessibleName(self.tr("Progress"))
        layout.addWidget(self.bar)
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("taskCancel")
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.cancel_button)
        # Bound methods: the runner outlives the window, and Qt drops these with the widget.
        runner.queued.connect(self._queued)
        runner.started.connect(self._started)
        runner.progress.connect(self._progress)
        runner.ended.connect(self._ended)
        self.hide()

    @classmethod
    def install(cls, window: QMainWindow, runner: Runner | None = None) -> TaskStatus:
        status = cls(runner or default_runner(), window)
        window.statusBar().addPermanentWidget(status)
        status.window_ = window
        return status

    def waiting_text(self, task: Task) -> str:
        """"Exporting contacts waits until Importing is done." for a task that must wait."""
        ahead = self.runner.current()
        first = ahead.label if ahead is not None and ahead.label else self.tr("other work")
        return self.tr("“%1” waits until “%2” is done.").replace(
            "%1", task.label or self.tr("The work")).replace("%2", first)

    def task(self) -> Task | None:
        return self.runner.current()

    def cancel(self) -> None:
        """Cancel the task running (when it can stop) and every task waiting."""
        for task in self.runner.tasks:
            if task.cancellable or not task.running:
                task.cancel()
        self.cancel_button.setEnabled(False)

    def _show(self) -> None:
        task = self.task()
        if task is None:
            self.hide()
            return
        waiting = len(self.runner.tasks) - 1
        text = task.label or self.tr("Working")
        text += " …"
        if waiting:
            text += " " + self.tr("(%n more waiting)", "", waiting)
        self.text.setText(text)
        self.cancel_button.setEnabled(task.cancellable or waiting > 0
                                      or not task.running)
        self.show()

    def _queued(self, task: Task) -> None:
        if self.window_ is not None:
            self.window_.statusBar().showMessage(self.waiting_text(task), 8000)
        self._show()

    def _ended(self, _task: Task) -> None:
        self._show()

    def _started(self, _task: Task) -> None:
        self.bar.setRange(0, 0)  # busy until the first progress
        self._show()

    def _progress(self, task: Task, text: str, fraction: float) -> None:
        if task is not self.task():
            return
        self.bar.setRange(0, 100)
        self.bar.setValue(int(fraction * 100))
        if text:
            self.text.setText(f"{task.label or text} – {text}" if task.label else text)
