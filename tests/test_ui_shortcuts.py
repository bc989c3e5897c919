"""One fixed shortcut table: every key belongs to one action, and every action takes its keys
from the table."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.ui.app import create_window
from tfbb_desktop.ui.shortcuts import SHORTCUTS, keys


def _portable(sequences: list[QKeySequence]) -> list[str]:
    return [k.toString(QKeySequence.SequenceFormat.PortableText) for k in sequences]


def test_no_two_actions_share_a_key() -> None:
    all_keys = [key for name in SHORTCUTS for key in _portable(keys(name))]
    assert all(all_keys) and len(all_keys) == len(set(all_keys)), all_keys


def test_every_action_has_its_keys_from_the_table(qtbot: Any, paths: DataPaths) -> None:
    window = create_window(paths)
    qtbot.addWidget(window)
    actions = window.findChildren(QAction)
    named = {a.objectName(): a for a in actions if a.objectName()}
    assert set(SHORTCUTS) <= set(named)  # every key in the table is some action's
    menu_actions = [a for m in (window.file_menu, window.go_menu, window.entry_menu)
                    for a in m.actions() if not a.isSeparator()]
    assert len(menu_actions) > 20
    for action in [*menu_actions, window.find_action]:
        assert action.objectName(), action.text()
        assert _portable(action.shortcuts()) == _portable(keys(action.objectName())), \
            action.objectName()
    used = [k for a in actions for k in _portable(a.shortcuts())]
    assert len(used) == len(set(used)), used


def test_the_go_menu_has_every_row_of_the_navigation_in_its_order(qtbot: Any,
                                                                   paths: DataPaths) -> None:
    window = create_window(paths)
    qtbot.addWidget(window)
    rows = [window.nav.item(row).text() for row in range(window.nav.count())]
    go = [a.text() for a in window.go_menu.actions()
          if a.objectName().startswith("go-")]
    assert go == [f"&{number} {title}" for number, title in enumerate(rows, 1)]
    assert "&5 My favourites" in go and "&6 New and removed" in go
