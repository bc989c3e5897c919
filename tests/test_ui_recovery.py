"""The window at start with a damaged database: the box tells it in Swedish and offers the
choices as buttons; each choice runs off the GUI thread and the window then fills."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from damage import damage_file
from dbdump import version_two
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import queries, recovery
from tfbb_desktop.core.store.health import damaged_copies
from tfbb_desktop.core.sync import importer, signing
from tfbb_desktop.ui.app import create_window, start_loading
from tfbb_desktop.ui.context import load_context
from tfbb_desktop.ui.dialogs.recovery import RecoveryBox
from tfbb_desktop.ui.main_window import MainWindow


@pytest.fixture
def fresh_window(qtbot: Any, paths: DataPaths) -> Iterator[MainWindow]:
    win = create_window(paths)
    qtbot.addWidget(win)
    win.show()
    yield win
    if win.ctx is not None:
        win.ctx.close()
        win.ctx = None


def _started(paths: DataPaths) -> None:
    ctx = load_context(paths)
    ctx.userdata.set_note("principals", "region-sormland", "Ring Anna om mötet", "Region")
    ctx.close()


def _box(qtbot: Any, win: MainWindow) -> RecoveryBox:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in win.findChildren(RecoveryBox)),
                    timeout=20000)
    return next(b for b in win.findChildren(RecoveryBox) if b.isVisible())


def test_a_damaged_catalogue_is_restored_from_its_copy(
        qtbot: Any, swedish: Any, paths: DataPaths, fresh_window: MainWindow,
        make_export: Callable[..., Path], source: dict[str, Any],
        trust: signing.TrustPolicy) -> None:
    _started(paths)
    ctx = load_context(paths)
    importer.import_file(ctx.conn, paths, make_export(version_two(source)[0], version=2), trust)
    ctx.close()
    damage_file(paths.catalogue, "overwritten_pages")
    start_loading(fresh_window, paths)
    box = _box(qtbot, fresh_window)
    assert box.icon() == QMessageBox.Icon.Critical
    assert "Katalogen" in box.text() and "Den skadade filen har flyttats till" in box.text()
    assert str(damaged_copies(paths.catalogue)[0]) in box.text()
    assert box.restore_button is not None
    assert box.restore_button.text().startswith("Återställ kopian från ")
    assert box.anew_button.text() == "Importera katalogen som följer med appen"
    assert box.quit_button.text() == "Avsluta"
    assert box.defaultButton() is box.restore_button
    box.restore_button.click()
    qtbot.waitUntil(lambda: fresh_window.ctx is not None, timeout=20000)
    assert fresh_window.ctx is not None
    assert queries.meta(fresh_window.ctx.conn).dataset_version == 1  # the copy before v2
    assert fresh_window.models["principals"].rowCount() >= 12


def test_a_damaged_catalogue_without_a_copy_begins_anew(qtbot: Any, swedish: Any,
                                                        paths: DataPaths,
                                                        fresh_window: MainWindow) -> None:
    _started(paths)
    damage_file(paths.catalogue, "zero_bytes")
    start_loading(fresh_window, paths)
    box = _box(qtbot, fresh_window)
    assert box.restore_button is None
    assert "Det finns ingen tidigare kopia att återställa" in box.informativeText()
    box.anew_button.click()
    qtbot.waitUntil(lambda: fresh_window.ctx is not None, timeout=20000)
    assert fresh_window.ctx is not None
    assert fresh_window.ctx.first_import is not None  # the bundled catalogue, imported
    assert fresh_window.ctx.userdata.note("principals", "region-sormland") is not None


def test_damaged_notes_are_told_and_restored_from_their_backup(
        qtbot: Any, swedish: Any, paths: DataPaths, fresh_window: MainWindow) -> None:
    _started(paths)
    damage_file(paths.userdata, "truncated")
    start_loading(fresh_window, paths)
    box = _box(qtbot, fresh_window)
    assert "Filen med dina egna uppgifter (favoriter och anteckningar)" in box.text()
    assert box.anew_button.text() == "Börja med tomma favoriter och anteckningar"
    assert box.restore_button is not None
    box.restore_button.click()
    qtbot.waitUntil(lambda: fresh_window.ctx is not None, timeout=20000)
    assert fresh_window.ctx is not None
    note = fresh_window.ctx.userdata.note("principals", "region-sormland")
    assert note is not None and note.text == "Ring Anna om mötet"


def test_quit_leaves_the_damaged_file_aside_and_tells_again(qtbot: Any, paths: DataPaths,
                                                           fresh_window: MainWindow) -> None:
    _started(paths)
    for copy in recovery.copies(paths, "userdata"):
        copy.unlink()
    damage_file(paths.userdata, "not_sqlite")
    start_loading(fresh_window, paths)
    box = _box(qtbot, fresh_window)
    assert box.restore_button is None
    assert box.defaultButton() is box.quit_button, "no empty notes unless the user asks"
    box.quit_button.click()
    qtbot.waitUntil(lambda: not fresh_window.isVisible())
    assert fresh_window.ctx is None
    assert not paths.userdata.exists() and len(damaged_copies(paths.userdata)) == 1
