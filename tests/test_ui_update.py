"""The automatic check in the real window: a newer export in the watched folder is offered in
a bar that does not block; a missing source is mentioned quietly."""

from __future__ import annotations

import copy
import os
import shutil
import time
from pathlib import Path

from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.dialogs.import_file import ImportDialog
from tfbb_desktop.ui.dialogs.settings import SettingsDialog
from tfbb_desktop.ui.main_window import MainWindow
from tfbb_desktop.ui.update_check import AUTO_KEY, SOURCE_KEY


def drop(folder: Path, export: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / export.name
    shutil.copy(export, target)
    old = time.time() - 3600
    os.utime(target, (old, old))  # finished writing an hour ago
    return target


def check(qtbot, window: MainWindow):
    checker = window.update_checker
    with qtbot.waitSignal(checker.checked, timeout=20000) as blocker:
        assert checker.check_now(forced=True) is not None
    return blocker.args[0]


def test_a_newer_export_in_the_folder_is_offered_and_imported(
        qtbot, tmp_path: Path, window: MainWindow, ctx: AppContext, source, make_export) -> None:
    src = copy.deepcopy(source)
    src["data"]["contacts"][0]["title"] = "Ny titel"
    folder = tmp_path / "share"
    drop(folder, make_export(src, version=3, name="tfbb-export-v3.zip"))
    ctx.userdata.set_setting(SOURCE_KEY, str(folder))

    result = check(qtbot, window)
    if result.offer is None and result.status == "waiting":  # first sight of the file
        result = check(qtbot, window)
    assert result.offer is not None, result.message
    assert window.update_bar.isVisible()
    assert "3" in window.update_bar.text.text()
    assert window.isEnabled()  # nothing modal

    window.update_bar.import_button.click()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.apply_button.isVisible(), timeout=20000)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert "3" in window.catalogue_label.text(), dialog.message.toPlainText()


def test_a_missing_source_is_reported_quietly(qtbot, tmp_path: Path, window: MainWindow,
                                              ctx: AppContext) -> None:
    ctx.userdata.set_setting(SOURCE_KEY, str(tmp_path / "no-such-share"))
    result = check(qtbot, window)
    assert result.offer is None
    assert not window.update_bar.isVisible()
    assert window.statusBar().currentMessage()


def test_nothing_is_checked_without_a_source(window: MainWindow) -> None:
    assert window.update_checker.check_now(forced=True) is None


def test_automatic_checks_can_be_turned_off(qtbot, tmp_path: Path, window: MainWindow,
                                            ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx, window.update_checker, window)
    qtbot.addWidget(dialog)
    dialog.source.setText(str(tmp_path / "share"))
    dialog.auto.setChecked(False)
    dialog.accept()
    assert ctx.userdata.setting(SOURCE_KEY) == str(tmp_path / "share")
    assert ctx.userdata.setting(AUTO_KEY) == "0"
    assert window.update_checker.check_now() is None  # not forced: off


def test_a_closed_settings_dialog_is_gone(qtbot, window: MainWindow) -> None:
    """Each closed Settings dialog is deleted: none is left to follow the update checks."""
    for _ in range(2):
        window.open_settings()
        dialog = window.findChild(SettingsDialog)
        assert dialog is not None
        dialog.reject()
        qtbot.waitUntil(lambda: not window.findChildren(SettingsDialog))


def test_the_administrators_source_wins(qtbot, tmp_path: Path, window: MainWindow,
                                        ctx: AppContext) -> None:
    ctx.config.source = str(tmp_path / "admin-share")
    dialog = SettingsDialog(ctx, window.update_checker, window)
    qtbot.addWidget(dialog)
    assert dialog.source.text() == str(tmp_path / "admin-share")
    assert dialog.source.isReadOnly()


def test_a_check_left_waiting_after_the_data_is_closed_does_nothing(
        tmp_path: Path, window: MainWindow, ctx: AppContext) -> None:
    """A check the timer fires after the window's data was closed (the first check waits a few
    seconds after start) neither reads the closed databases nor fails."""
    ctx.userdata.set_setting(SOURCE_KEY, str(tmp_path / "share"))
    ctx.close()
    assert window.update_checker.check_now(forced=True) is None
    assert window.update_checker.check_now() is None


def test_the_settings_show_their_texts_in_full_and_fit_the_screen(
        qtbot, window: MainWindow, ctx: AppContext) -> None:
    """At the normal text size everything shows in full (Qt would open the dialog at 2/3 of the
    screen); at the largest the dialog is no wider than the screen, unless its layout cannot be
    narrower (the field's whole hint is wanted, not required)."""
    for steps in (0, 10):
        window.set_zoom(steps)
        dialog = SettingsDialog(ctx, window.update_checker, window)
        dialog.show()
        qtbot.waitExposed(dialog)
        available = dialog.screen().availableGeometry().width()
        assert dialog.width() <= max(available, dialog.minimumSizeHint().width()), steps
        assert dialog.source.minimumWidth() == 0
        if steps == 0:
            assert dialog.auto.width() >= dialog.auto.sizeHint().width()
            hint = dialog.fontMetrics().horizontalAdvance(dialog.source.placeholderText())
            assert dialog.source.width() >= hint
        dialog.reject()
    window.set_zoom(0)
