"""A first start that explains itself: the welcome on the start page, and Help → Manual with
the keyboard shortcuts made from the shortcut table."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from tfbb_desktop.ui import shortcuts
from tfbb_desktop.ui.dialogs.manual import ManualDialog, shortcut_table
from tfbb_desktop.ui.main_window import MainWindow


def welcome(window: MainWindow) -> list[str]:
    page = window.detail.widget()
    title = page.findChild(QLabel, "welcomeTitle")
    if title is None:
        return []
    texts = [title.text()]
    number = 0
    while (paragraph := page.findChild(QLabel, f"welcome-{number}")) is not None:
        texts.append(paragraph.text())
        number += 1
    return texts


def test_the_start_page_says_what_tfbb_is_and_what_the_catalogue_holds(
        qtbot: Any, window: MainWindow) -> None:
    texts = welcome(window)  # shown at start, nothing chosen yet
    assert texts[0] == "Welcome to TFBB Katalog"
    whole = "\n".join(texts)
    assert "Tillsammans för barnens bästa (TFBB)" in whole
    assert "Principals: 12 · Contact persons: 11 · Examples: 9 · Ongoing work: 12" in whole
    assert "version 1 of the catalogue, of 2025-11-26" in whole
    assert "Import export file (Ctrl+O)" in whole  # how it is updated
    window.open_entry("principals", "oxelosund")
    assert welcome(window) == []
    window.today = lambda: date(2025, 12, 1)
    window.show_welcome()
    meta_expires = window.ctx.conn.execute(
        "SELECT value FROM catalogue_info WHERE key = 'expires'").fetchone()[0][:10]
    assert f"It is valid until {meta_expires}." in "\n".join(welcome(window))
    window.today = lambda: date(2100, 1, 1)
    window.show_welcome()
    assert f"It expired on {meta_expires}" in "\n".join(welcome(window))


def test_the_welcome_is_swedish(swedish: Any, qtbot: Any, window: MainWindow) -> None:
    window.show_welcome()
    texts = welcome(window)
    assert texts[0] == "Välkommen till TFBB Katalog"
    assert "Huvudmän: 12 · Kontaktpersoner: 11" in "\n".join(texts)
    assert "inget barn faller mellan stolarna" in "\n".join(texts)


def test_the_manual_opens_with_every_shortcut(qtbot: Any, window: MainWindow) -> None:
    action = window.findChild(QAction, "manualAction")
    assert action is not None and action.shortcut() == QKeySequence("F1")
    assert action in window.help_menu.actions()
    action.trigger()
    dialog = window.findChild(ManualDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "Handbok för TFBB Katalog" in text
    assert "Kortkommandon" in text
    for name, keys in shortcuts.SHORTCUTS.items():
        found = window.findChild(QAction, name)
        assert found is not None, name  # every key in the table belongs to an action
        key = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        assert key in text, name
    assert "Suggest a change" in text  # the action's own text, without "…"
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(ManualDialog) is None)  # gone once closed


def test_the_shortcut_table_follows_the_shortcuts(window: MainWindow) -> None:
    table = shortcut_table(window.findChildren(QAction)).splitlines()
    assert len(table) == 2 + len(shortcuts.SHORTCUTS)
    assert "| Ctrl+D | Favourite |" in table  # "&Favourite": the access key left out
    back = next(row for row in table if "Alt+Left" in row)
    assert back.startswith("| Alt+Left, ") and back.endswith("| Back |")
    assert "| Ctrl+2 | Contact persons |" in table  # not "2 Contact persons" (its access key)
