"""Failing storage while the window is open (issue 17 item 4): the disk fills while a note or a
favourite is saved, and the data folder becomes write-protected while the app runs. The user
is told in Swedish, the note's text stays in the editor, the user's earlier data is intact,
reading goes on, and once the storage is writable again the next save stores the text.

Real widgets (offscreen), real files and real file systems: a small tmpfs for the full disk,
the immutable flag (``chattr +i``) for the write-protected folder. Linux refuses to remount a
file system read-only while the app holds its databases open for writing ("mount point is
busy"), so a read-only remount cannot happen under a running app; the immutable flag stops
writes through the files already open as well. SQLite's shared-memory file (``-shm``) is left
writable, since it is mapped into memory. Both need root (CI runs as root); elsewhere the
tests are skipped with the reason.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextCursor

from test_storage_faults import _mount, _umount, catalogue_state, fill
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store.userdata import UserData
from tfbb_desktop.ui.main_window import MainWindow
from windows import shown_window

NOTED = ("principals", "region-sormland")
STARRED = ("contacts", "kp-jennie-nimborg")


def type_note(qtbot: Any, window: MainWindow, text: str) -> None:
    """Type ``text`` (ASCII) at the end of the note, as the user does."""
    edit = window.detail.note_edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def stored(paths: DataPaths) -> tuple[list[tuple[object, ...]], str | None]:
    """The user's data as stored (every row, read by a fresh connection, after an integrity
    check) and the note on ``trosa``."""
    check = sqlite3.connect(f"file:{paths.userdata}?mode=ro", uri=True)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        row = check.execute("SELECT text FROM note WHERE entity_id = 'trosa'").fetchone()
    finally:
        check.close()
    userdata = UserData(paths.userdata)
    try:
        return userdata.snapshot(), row[0] if row else None
    finally:
        userdata.close()


def earlier_data(qtbot: Any, window: MainWindow) -> None:
    """A note and a favourite saved the ordinary way, before the storage fails."""
    window.open_entry(*NOTED)
    type_note(qtbot, window, "Ring Anna om motet")
    window.detail.flush_note()
    window.set_favourite_of(*STARRED, True)


def wait_state(qtbot: Any, window: MainWindow, text: str) -> None:
    """Wait for the note's state (beside the editor) to contain ``text``."""
    qtbot.waitUntil(lambda: text in window.detail.note_state.text(), timeout=5000)


# The disk fills ------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    point = tmp_path / "small-disk"
    point.mkdir()
    why = _mount("-t", "tmpfs", "-o", "size=8m", "tmpfs", str(point))
    if why:
        pytest.skip(why)
    yield point
    _umount(point)


@pytest.fixture
def full_disk_paths(small_disk: Path) -> DataPaths:
    paths = DataPaths(small_disk / "data")
    paths.ensure()
    return paths


def _window_over(qtbot: Any, paths: DataPaths, trust: Any) -> Iterator[MainWindow]:
    """The window over the data folder ``paths``, its context closed afterwards."""
    from tfbb_desktop.ui.context import load_context

    ctx = load_context(paths)
    ctx.trust = trust
    try:
        with shown_window(qtbot, paths, ctx) as win:
            yield win
    finally:
        ctx.close()


@pytest.fixture
def full_window(qtbot: Any, swedish: Any, full_disk_paths: DataPaths, trust: Any
                ) -> Iterator[MainWindow]:
    """The window over a data folder on the small disk, in Swedish."""
    yield from _window_over(qtbot, full_disk_paths, trust)


def test_a_note_saved_on_a_full_disk_is_kept_and_saved_later(
        qtbot: Any, full_window: MainWindow, full_disk_paths: DataPaths, small_disk: Path
) -> None:
    window, paths = full_window, full_disk_paths
    earlier_data(qtbot, window)
    before, _ = stored(paths)
    filler = fill(small_disk, 0)

    window.open_entry("principals", "trosa")
    type_note(qtbot, window, "Ring om budgeten")  # saved by the pause in typing
    wait_state(qtbot, window, "Inte sparad")
    assert "Disken är full" in window.detail.note_state.text()
    message = window.statusBar().currentMessage()
    assert "Din anteckning kunde inte sparas: Disken är full" in message, message
    assert window.detail.note_edit.toPlainText() == "Ring om budgeten"

    window.open_entry("principals", "gnesta")  # leaving the entry tries again, and fails
    window.open_entry("principals", "trosa")
    assert window.detail.note_edit.toPlainText() == "Ring om budgeten", "the text is kept"
    assert "Inte sparad" in window.detail.note_state.text()
    assert stored(paths) == (before, None), "the earlier data is intact"

    filler.unlink()  # room made: leaving the entry saves it
    window.open_entry("principals", "gnesta")
    assert stored(paths)[1] == "Ring om budgeten"
    window.open_entry("principals", "trosa")
    assert window.detail.note_edit.toPlainText() == "Ring om budgeten"
    type_note(qtbot, window, " i maj")  # and the pause in typing saves the next change
    wait_state(qtbot, window, "Sparad")
    assert stored(paths)[1] == "Ring om budgeten i maj"
    snapshot = stored(paths)[0]
    assert all(row in snapshot for row in before if row[0] == "favourite")


def test_a_favourite_toggled_on_a_full_disk(qtbot: Any, full_window: MainWindow,
                                            full_disk_paths: DataPaths,
                                            small_disk: Path) -> None:
    window, paths = full_window, full_disk_paths
    earlier_data(qtbot, window)
    before, _ = stored(paths)
    filler = fill(small_disk, 0)

    window.open_entry(*STARRED)
    assert window.detail.star.isChecked()
    window.toggle_favourite()  # off: cannot be saved
    assert "Din favorit kunde inte sparas: Disken är full" in \
        window.statusBar().currentMessage()
    assert window.detail.star.isChecked(), "the star shows what is stored"
    window.open_entry("principals", "trosa")
    window.toggle_favourite()  # on: cannot be saved either
    assert not window.detail.star.isChecked()
    window.set_favourite_of("principals", "gnesta", True)  # from a list's menu
    assert "Din favorit kunde inte sparas" in window.statusBar().currentMessage()
    assert stored(paths) == (before, None)
    assert window.ctx is not None
    assert window.ctx.userdata.favourites() == [STARRED]

    filler.unlink()
    window.toggle_favourite()
    assert window.detail.star.isChecked()
    assert window.statusBar().currentMessage() == "Tillagd bland dina favoriter."
    assert window.ctx.userdata.favourites() == [STARRED, ("principals", "trosa")]


# The data folder becomes write-protected -----------------------------------------------------

def _chattr(flag: str, files: list[Path]) -> str | None:
    done = subprocess.run(["chattr", flag, *map(str, files)], capture_output=True, text=True)
    return None if done.returncode == 0 else done.stderr.strip()


def protectable(root: Path) -> list[Path]:
    """The data folder, its folders and files, but SQLite's shared-memory files."""
    found = [root]
    for folder, dirs, files in os.walk(root):
        found += [Path(folder, d) for d in dirs]
        found += [Path(folder, f) for f in files if not f.endswith("-shm")]
    return found


@pytest.fixture
def protect(paths: DataPaths) -> Iterator[Any]:
    """Write-protect the data folder (and everything in it) while the app runs; given back
    writable afterwards whatever happens."""
    if os.geteuid() != 0:
        pytest.skip("the immutable flag (chattr +i) needs root; CI runs as root")
    protected: list[Path] = []

    def on() -> None:
        protected[:] = protectable(paths.root)
        why = _chattr("+i", protected)
        if why:
            _chattr("-i", protected)
            pytest.skip(f"this file system has no immutable flag: {why}")

    def off() -> None:
        _chattr("-i", protected)

    on.off = off  # type: ignore[attr-defined]
    yield on
    off()


@pytest.fixture
def read_only_window(qtbot: Any, swedish: Any, window: MainWindow) -> MainWindow:
    return window


def test_a_data_folder_that_becomes_write_protected(
        qtbot: Any, read_only_window: MainWindow, paths: DataPaths, protect: Any,
        source: dict[str, Any], make_export: Any) -> None:
    window = read_only_window
    export = make_export(source, version=2)
    earlier_data(qtbot, window)
    before, _ = stored(paths)
    catalogue_before = catalogue_state(paths)
    protect()

    window.open_entry("principals", "trosa")
    type_note(qtbot, window, "Skrivskyddat")
    window.detail.flush_note()  # as the "Save note" button does
    state = window.detail.note_state.text()
    assert state.startswith("Inte sparad: Det går inte att skriva i datamappen"), state
    assert window.statusBar().currentMessage().startswith(
        "Din anteckning kunde inte sparas: Det går inte att skriva i datamappen")
    assert window.detail.note_edit.toPlainText() == "Skrivskyddat"
    window.toggle_favourite()
    assert window.statusBar().currentMessage().startswith(
        "Din favorit kunde inte sparas: Det går inte att skriva i datamappen")
    assert not window.detail.star.isChecked()

    dialog = window.import_file(export)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    told = dialog.heading.text() + "\n" + dialog.message.toPlainText()
    assert "Filen importerades inte. Ingenting ändrades." in told, told
    assert "det går inte att skriva i datamappen" in told, told
    dialog.close()

    # Reading goes on: lists, detail pages and search.
    window.show_section("contacts")
    assert window.list_view.model().rowCount() > 0
    window.open_entry("principals", "gnesta")
    assert window.detail.current is not None and window.detail.current.entity_id == "gnesta"
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest):
        window.search_field.setText("nimborg")
    assert window.search_panel.model.rowCount() > 0
    window.search_field.clear()

    protect.off()  # writable again: the kept note is saved on the next save
    window.open_entry("principals", "trosa")
    assert window.detail.note_edit.toPlainText() == "Skrivskyddat"
    window.detail.flush_note()
    assert window.detail.note_state.text() == "Sparad"
    snapshot, note = stored(paths)
    assert note == "Skrivskyddat"
    assert all(row in snapshot for row in before if row[0] in ("favourite", "note"))
    assert catalogue_state(paths) == catalogue_before


@pytest.fixture
def bound(tmp_path: Path, paths: DataPaths) -> Iterator[DataPaths]:
    """The data folder seen through a bind mount (as root), for the app to run on."""
    view = tmp_path / "bound-view"
    view.mkdir()
    why = _mount("--bind", str(paths.root), str(view))
    if why:
        pytest.skip(why)
    yield DataPaths(view)
    _umount(view)  # the read-only mount over it, if any
    _umount(view)


@pytest.fixture
def bound_window(qtbot: Any, swedish: Any, bound: DataPaths, trust: Any
                 ) -> Iterator[MainWindow]:
    yield from _window_over(qtbot, bound, trust)


def test_a_data_folder_mounted_read_only_while_the_app_runs(
        qtbot: Any, bound_window: MainWindow, bound: DataPaths, source: dict[str, Any],
        make_export: Any) -> None:
    """Linux refuses to remount the folder read-only while the app has its databases open
    ("busy"); a read-only mount laid over the folder is allowed and stops new files only. The
    import (which copies the export into the folder) is refused with the message; a note is
    still saved through the file already open; nothing is lost."""
    window, paths = bound_window, bound
    export = make_export(source, version=2)
    earlier_data(qtbot, window)
    before, _ = stored(paths)
    catalogue_before = catalogue_state(paths)
    refused = subprocess.run(["mount", "-o", "remount,ro,bind", str(paths.root)],
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "busy" in refused.stderr, refused
    why = _mount("--bind", str(paths.root), str(paths.root))
    assert why is None, why
    why = _mount("-o", "remount,ro,bind", str(paths.root))
    assert why is None, why
    assert not os.access(paths.root, os.W_OK)

    dialog = window.import_file(export)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    told = dialog.heading.text() + "\n" + dialog.message.toPlainText()
    assert "Filen importerades inte. Ingenting ändrades." in told, told
    assert "det går inte att skriva i datamappen" in told, told
    dialog.close()

    window.open_entry("principals", "trosa")
    type_note(qtbot, window, "Under skrivskyddet")
    window.detail.flush_note()
    assert window.detail.note_state.text() == "Sparad"
    window.open_entry("principals", "gnesta")  # reading goes on
    assert window.detail.current is not None and window.detail.current.entity_id == "gnesta"

    _umount(paths.root)  # writable again
    snapshot, note = stored(paths)
    assert note == "Under skrivskyddet"
    assert all(row in snapshot for row in before if row[0] in ("favourite", "note"))
    assert catalogue_state(paths) == catalogue_before
    dialog = window.import_file(export)  # and the import now works
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert dialog.apply_button.isVisible()
    dialog.close()
