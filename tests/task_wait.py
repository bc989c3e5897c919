"""Waiting in a test for work handed to the runner (ui.worker), on the GUI thread's loop."""

from __future__ import annotations

from typing import Any

from tfbb_desktop.ui.worker import Task


def wait_task(qtbot: Any, task: Task | None, timeout: int = 30000) -> Any:
    """The task's result once it (and any ``follow_up`` task it started) has ended on the GUI
    thread; its exception is raised here."""
    assert task is not None, "no task was started"
    qtbot.waitUntil(lambda: task.outcome is not None, timeout=timeout)
    assert task.outcome is not None
    ok, value = task.outcome
    if not ok:
        raise value
    if task.follow_up is not None:
        return wait_task(qtbot, task.follow_up, timeout)
    return value
