"""The one serial runner (ui.worker): one task at a time, never on the GUI thread, progress and
cancel in the status bar, Swedish messages; and the window's work on the data files goes
through it (contacts, calendar, sheets, booklets, the update check)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QLabel, QProgressBar, QToolButton

from task_wait import wait_task
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.outputs import contacts as contacts_export
from tfbb_desktop.core.store import events, queries
from tfbb_desktop.ui import printing
from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.main_window import MainWindow
from tfbb_desktop.ui.update_check import SOURCE_KEY
from tfbb_desktop.ui.worker import Task, TaskCancelled, default_runner


def blocker(release: threading.Event, log: list[str], name: str) -> Callable[..., str]:
    def work(_progress: object, _cancelled: object) -> str:
        log.append(f"{name} start")
        release.wait(10)
        log.append(f"{name} end")
        return name
    return work


def test_two_tasks_run_one_after_the_other(qtbot: Any, window: MainWindow) -> None:
    release_first, release_second = threading.Event(), threading.Event()
    log: list[str] = []
    first = Task(blocker(release_first, log, "first"), window, label="Första")
    second = Task(blocker(release_second, log, "second"), window, label="Andra")
    first.start()
    second.start()
    qtbot.waitUntil(lambda: log == ["first start"])
    time.sleep(0.3)  # room for a second thread, if there were one
    assert log == ["first start"], "the second waits while the first runs"
    status = window.findChild(QLabel, "taskText")
    qtbot.waitUntil(lambda: status.isVisible() and "Första" in status.text())
    assert "1" in status.text()  # one more waiting
    assert "Andra" in window.statusBar().currentMessage()  # told it waits
    release_first.set()
    release_second.set()
    assert wait_task(qtbot, first) == "first" and wait_task(qtbot, second) == "second"
    assert log == ["first start", "first end", "second start", "second end"]
    qtbot.waitUntil(lambda: not status.isVisible())  # idle again


def test_a_second_request_is_told_in_swedish_that_it_waits(
        qtbot: Any, swedish: list[QTranslator], window: MainWindow) -> None:
    release = threading.Event()
    log: list[str] = []
    first = Task(blocker(release, log, "first"), window, label="Importerar")
    first.start()
    second = Task(blocker(release, log, "second"), window, label="Exporterar kontaktpersoner")
    second.start()
    assert window.statusBar().currentMessage() == \
        "”Exporterar kontaktpersoner” väntar tills ”Importerar” är klart."
    release.set()
    wait_task(qtbot, second)


def test_tasks_never_run_on_the_gui_thread(qtbot: Any, window: MainWindow) -> None:
    seen: list[threading.Thread] = []
    task = Task(lambda _p, _c: seen.append(threading.current_thread()), window)
    wait_task(qtbot, task.start())
    assert seen and seen[0] is not threading.main_thread()


def test_progress_and_cancel_reach_the_status_bar(qtbot: Any, swedish: list[QTranslator],
                                                  window: MainWindow) -> None:
    reached = threading.Event()

    def work(progress: Callable[[str | Message, float], None],
             cancelled: Callable[[], bool]) -> int:
        steps = 0
        while not cancelled():
            # A step of the core comes as its message, in the user's language once shown.
            progress("Steg" if steps % 2 else msg("progress.indexing"), 0.4)
            reached.set()
            steps += 1
            time.sleep(0.01)
            if steps > 2000:
                return steps
        raise TaskCancelled

    task = Task(work, window, label="Sparar häftet").start()
    bar = window.findChild(QProgressBar, "taskProgress")
    text = window.findChild(QLabel, "taskText")
    qtbot.waitUntil(lambda: bar.isVisible() and bar.value() == 40)
    qtbot.waitUntil(lambda: text.text() == "Sparar häftet – Bygger sökindexet")
    qtbot.waitUntil(lambda: text.text() == "Sparar häftet – Steg")
    button = window.findChild(QToolButton, "taskCancel")
    assert button.isEnabled() and button.text() == "Avbryt"
    button.click()
    with pytest.raises(TaskCancelled, match="Avbrutet"):
        wait_task(qtbot, task)
    qtbot.waitUntil(lambda: not bar.isVisible())


def test_a_waiting_task_that_is_cancelled_never_starts(qtbot: Any, window: MainWindow) -> None:
    release = threading.Event()
    log: list[str] = []
    first = Task(blocker(release, log, "first"), window).start()
    second = Task(blocker(release, log, "second"), window).start()
    second.cancel()
    release.set()
    wait_task(qtbot, first)
    with pytest.raises(TaskCancelled):
        wait_task(qtbot, second)
    assert log == ["first start", "first end"]


def test_a_failed_export_says_why_in_swedish(qtbot: Any, tmp_path: Path,
                                             swedish: list[QTranslator],
                                             window: MainWindow) -> None:
    actions = window.entry_actions
    window.open_entry("principals", "oxelosund")
    target = tmp_path / "saknas" / "kontakter.vcf"  # the folder does not exist
    with pytest.raises(FileNotFoundError):
        wait_task(qtbot, actions.export_contacts("vcf", target))
    message = window.statusBar().currentMessage()
    assert message == f"{target} kunde inte läsas eller skrivas: filen eller mappen finns inte"
    assert not target.exists()


def test_an_unexpected_error_is_told_in_swedish(qtbot: Any, swedish: list[QTranslator],
                                                window: MainWindow) -> None:
    from tfbb_desktop.ui.worker import error_text

    def work(_progress: object, _cancelled: object) -> None:
        raise ValueError("trasig rad")

    task = Task(work, window).start()
    with pytest.raises(ValueError):
        wait_task(qtbot, task)
    assert task.outcome is not None
    assert error_text(task.outcome[1]) == "Något oväntat gick fel: trasig rad"  # type: ignore[arg-type]


def record_threads(monkeypatch: pytest.MonkeyPatch, module: Any, name: str,
                   seen: list[str]) -> None:
    """Let ``module.name`` note the thread it is called on, then do its work."""
    original = getattr(module, name)

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append("gui" if threading.current_thread() is threading.main_thread()
                    else "worker")
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, recording)


def test_exports_booklets_and_sheets_query_off_the_gui_thread(
        qtbot: Any, tmp_path: Path, window: MainWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    actions = window.entry_actions
    window.open_entry("principals", "oxelosund")  # before the spies: the detail pane's query
    seen: list[str] = []
    record_threads(monkeypatch, queries, "detail", seen)
    record_threads(monkeypatch, contacts_export, "contact_records", seen)
    record_threads(monkeypatch, contacts_export, "write_vcard", seen)
    record_threads(monkeypatch, printing, "write_pdf", seen)
    record_threads(monkeypatch, printing, "booklet_html", seen)

    wait_task(qtbot, printing.save_booklet_pdf_action(window, tmp_path / "bok.pdf"))
    assert "worker" in seen and "gui" not in seen, seen
    seen.clear()
    wait_task(qtbot, printing.save_principal_pdf_action(window, tmp_path / "blad.pdf"))
    assert seen.count("worker") >= 2 and "gui" not in seen, seen
    seen.clear()
    wait_task(qtbot, actions.export_contacts("vcf", tmp_path / "kontakter.vcf"))
    assert seen == ["worker", "worker"]
    assert (tmp_path / "kontakter.vcf").exists() and (tmp_path / "bok.pdf").exists()

    seen.clear()
    record_threads(monkeypatch, events, "all_events", seen)
    window.open_entry("work", "arb-webbinarium-2025-11-07")
    seen.clear()
    record_threads(monkeypatch, events, "ics_text", seen)
    wait_task(qtbot, actions.add_current_to_calendar(tmp_path / "webbinarium.ics"))
    assert seen == ["worker", "worker"]  # looked up, then written


def test_the_booklet_can_be_cancelled_while_it_is_made(qtbot: Any, tmp_path: Path,
                                                       window: MainWindow) -> None:
    release = threading.Event()
    log: list[str] = []
    hold = Task(blocker(release, log, "hold"), window).start()
    target = tmp_path / "bok.pdf"
    task = printing.save_booklet_pdf_action(window, target)
    assert task is not None and task.cancellable
    progressed: list[float] = []
    task.progress.connect(lambda _text, fraction: (progressed.append(fraction), task.cancel()))
    release.set()
    wait_task(qtbot, hold)
    with pytest.raises(TaskCancelled):
        wait_task(qtbot, task)
    assert progressed and not target.exists()


def test_the_update_check_waits_for_the_runner(qtbot: Any, tmp_path: Path, ctx: AppContext,
                                               window: MainWindow) -> None:
    """The check reads the catalogue and may copy into the data folder: never beside an
    import or undo."""
    folder = tmp_path / "share"
    folder.mkdir()
    ctx.userdata.set_setting(SOURCE_KEY, str(folder))
    release = threading.Event()
    log: list[str] = []
    hold = Task(blocker(release, log, "hold"), window).start()
    checker = window.update_checker
    assert checker is not None
    checked: list[object] = []
    checker.checked.connect(checked.append)
    task = checker.check_now(forced=True)
    assert task is not None
    time.sleep(0.3)
    qtbot.wait(50)
    assert not task.done.is_set() and not checked, "the check waits its turn"
    assert default_runner().tasks.index(task) > default_runner().tasks.index(hold)
    release.set()
    qtbot.waitUntil(lambda: bool(checked), timeout=20000)
