"""The runner's work in the status bar: what runs, how far it is, what waits, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QProgressBar, QToolButton, QWidget

from tfbb_desktop.ui.worker import Task, default_runner


class TaskStatus(QWidget):
    """Shown in the status bar of ``window`` while the runner has work; hidden when idle."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("taskStatus")
        self.window_ = window
        self.runner = default_runner()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setObjectName("taskText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setObjectName("taskProgress")
        self.bar.setMaximumWidth(160)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("taskCancel")
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.text, self.bar, self.cancel_button):
            layout.addWidget(widget)
        # Bound methods: the runner outlives the window, and Qt drops these with the widget.
        self.runner.queued.connect(self._queued)
        self.runner.started.connect(self._started)
        self.runner.progress.connect(self._progress)
        self.runner.ended.connect(self._show)
        self.hide()
        window.statusBar().addPermanentWidget(self)

    def cancel(self) -> None:
        """Cancel the task running (when it can stop) and every task waiting."""
        for task in self.runner.tasks:
            if task.cancellable or not task.running:
                task.cancel()
        self.cancel_button.setEnabled(False)

    def _show(self, _task: object = None) -> None:
        task = self.runner.current()
        if task is None:
            self.hide()
            return
        waiting = len(self.runner.tasks) - 1
        text = (task.label or self.tr("Working")) + " …"
        if waiting:
            text += " " + self.tr("(%n more waiting)", "", waiting)
        self.text.setText(text)
        self.cancel_button.setEnabled(task.cancellable or waiting > 0 or not task.running)
        self.show()

    def _queued(self, task: Task) -> None:
        """Say that ``task`` waits: "Exporting contacts waits until Importing is done."."""
        ahead = self.runner.current()
        first = ahead.label if ahead is not None and ahead.label else self.tr("other work")
        self.window_.statusBar().showMessage(self.tr("“%1” waits until “%2” is done.").replace(
            "%1", task.label or self.tr("The work")).replace("%2", first), 8000)
        self._show()

    def _started(self, _task: Task) -> None:
        self.bar.setRange(0, 0)  # busy until the first progress
        self._show()

    def _progress(self, task: Task, text: str, fraction: float) -> None:
        if task is not self.runner.current():
            return
        self.bar.setRange(0, 100)
        self.bar.setValue(int(fraction * 100))
        if text:
            self.text.setText(f"{task.label} – {text}" if task.label else text)
