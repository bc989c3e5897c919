"""Accessibility, walked: on every page (publisher mode's too) and in every dialog opened the
way a user opens it, each widget the Tab key reaches has a name for a screen reader, each menu
action has an access key, and a read-only text widget takes a tab stop only for a reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from windows import ONE_OF_EACH, open_and_wait

# Read-only text widgets that take a tab stop, and why.
READ_ONLY_TAB_STOPS = {
    "manualText": "the manual is read with the keys: arrows and Page Down scroll it",
    "changeReport": "the publisher reads the change report and copies from it with the keys",
    "changeDetail": "a long text's changed words in the import preview are scrolled with the keys",
}


def named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip():
        return True
    if id(widget) in buddies:
        return True
    if isinstance(widget, QAbstractButton):
        return bool(widget.text().replace("&", "").strip())
    if isinstance(widget, QLabel):
        return bool(widget.text().strip())
    return False


def describe(widget: QWidget) -> str:
    parent = widget.parentWidget()
    return (f"{type(widget).__name__} {widget.objectName()!r} in "
            f"{type(parent).__name__ if parent else None} "
            f"{parent.objectName() if parent else ''!r}")


def problems(root: QWidget) -> list[str]:
    """What a keyboard or screen reader user would stumble on under ``root``."""
    widgets = [root, *root.findChildren(QWidget)]
    buddies = {id(w.buddy()) for w in widgets if isinstance(w, QLabel) and w.buddy()}
    found = []
    for widget in widgets:
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy():
            continue
        if not named(widget, buddies):
            found.append(f"no accessible name: {describe(widget)}")
        read_only = (isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit)
                     and widget.isReadOnly())
        if read_only and widget.objectName() not in READ_ONLY_TAB_STOPS:
            found.append(f"read-only tab stop without a reason: {describe(widget)}")
    return found


def menu_problems(menu: QMenu) -> list[str]:
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        text = action.text().replace("&&", "")
        if "&" not in text:
            found.append(f"{menu.title()!r}: {action.text()!r} has no access key")
        if action.menu() is not None:
            found += menu_problems(action.menu())
    return found


def test_the_check_finds_what_it_should(qtbot: Any) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    edit, log = QLineEdit(root), QPlainTextEdit(root)
    log.setReadOnly(True)
    log.setAccessibleName("Log")
    root.show()
    assert len(problems(root)) == 2  # the edit has no name; the log is a read-only tab stop
    label = QLabel("&Name", root)
    label.setBuddy(edit)
    log.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    assert problems(root) == []
    menu = QMenu("&File")
    menu.addAction("Print")
    menu.addAction("&Quit")
    assert menu_problems(menu) == ["'&File': 'Print' has no access key"]


def test_every_menu_action_has_an_access_key(window: Any) -> None:
    found = []
    for action in window.menuBar().actions():
        if "&" not in action.text():
            found.append(f"menu {action.text()!r} has no access key")
        found += menu_problems(action.menu())
    assert not found, "\n".join(found)


@pytest.fixture
def publisher_config(tmp_path: Path) -> Path:
    """Publisher mode on (the machine configuration, written before the context loads)."""
    path = tmp_path / "machine-config.json"
    path.write_text(json.dumps({"publisher": True}), encoding="utf-8")
    return path


def test_every_page_is_named_for_the_keyboard(qtbot: Any, publisher_config: Path,
                                              window: Any) -> None:
    assert "publish" in window.pages and "inbox" in window.pages
    found = []
    for page in window.pages:
        window.show_section(page)
        QApplication.processEvents()
        found += [f"{page}: {p}" for p in problems(window)]
    for entity_type, entity_id in ONE_OF_EACH:
        open_and_wait(qtbot, window, entity_type, entity_id)
        found += [f"{entity_type} {entity_id}: {p}" for p in problems(window)]
    window.show_welcome()
    found += [f"welcome: {p}" for p in problems(window)]
    window.search_field.setText("skol")
    qtbot.waitUntil(lambda: window.search_panel.isVisible())
    found += [f"search: {p}" for p in problems(window)]
    assert not found, "\n".join(found)


def trigger(window: Any, name: str) -> None:
    action = window.findChild(QAction, name)
    assert action is not None, name
    action.trigger()


def shown_dialog(qtbot: Any, window: Any, kind: type[QWidget]) -> QWidget:
    def find() -> QWidget | None:
        return next((d for d in window.findChildren(kind) if d.isVisible()), None)
    qtbot.waitUntil(lambda: find() is not None)
    dialog = find()
    assert dialog is not None
    return dialog


def choose_file(path: Path) -> Callable[[], None]:
    """Answer the file dialog that is about to open with ``path``."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, answer)
            return
        dialog.selectFile(str(path))
        dialog.accept()
    return answer


@pytest.mark.parametrize("action", ["settingsAction", "manualAction", "aboutAction",
                                    "suggestAction", "importAction"])
def test_every_dialog_is_named_for_the_keyboard(qtbot: Any, window: Any, action: str,
                                                make_export: Any,
                                                source: dict[str, Any]) -> None:
    kind: type[QWidget] = QMessageBox if action == "aboutAction" else QDialog
    if action == "suggestAction":
        window.open_entry("contacts", "kp-jennie-nimborg")
        qtbot.waitUntil(lambda: window.detail.current is not None)
    if action == "importAction":
        export = make_export(source, version=source["manifest"]["dataset_version"] + 1)
        QTimer.singleShot(0, choose_file(export))
        from tfbb_desktop.ui.dialogs.import_file import ImportDialog
        kind = ImportDialog
    trigger(window, action)
    dialog = shown_dialog(qtbot, window, kind)
    qtbot.wait(100)
    assert not problems(dialog), "\n".join(problems(dialog))
    dialog.close()


def test_tab_goes_from_the_list_through_the_detail_page(qtbot: Any, window: Any) -> None:
    """Tab from the list reaches the detail pane (framed while it has the focus), then the
    page's controls in their order, then the search field; Shift+Tab walks back."""
    window.open_entry("examples", window.models["examples"].ids()[0])
    window.list_view.setFocus()
    qtbot.wait(20)  # the page's widgets are shown once the event loop runs
    page = window.detail.widget()
    reached = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if reached[-1] is window.search_field:
            break
    assert reached[0] is window.detail
    assert reached[-1] is window.search_field
    inside = reached[1:-1]
    assert inside and all(page.isAncestorOf(widget) for widget in inside)
    assert inside[0].objectName() == "favouriteButton"
    assert window.detail.findChild(QWidget, "noteEdit") in inside
    inside[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(inside[0], Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is window.detail


def test_the_focused_detail_pane_is_framed(qtbot: Any, window: Any) -> None:
    window.resize(1024, 700)
    window.open_entry("examples", window.models["examples"].ids()[0])
    detail = window.detail

    def edge() -> Any:
        qtbot.wait(20)
        return detail.grab().toImage().pixelColor(0, detail.height() // 2)

    window.list_view.setFocus()
    unfocused = edge()
    detail.setFocus(Qt.FocusReason.TabFocusReason)
    assert edge() == detail.palette().highlight().color() != unfocused
    palette = QPalette(detail.palette())  # a change of palette (a dark mode) is followed
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#aa3300"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    detail.setPalette(palette)
    assert edge() == QColor("#aa3300")
    inside = detail.grab().toImage().pixelColor(8, detail.height() // 2)  # the page margin
    assert inside == QColor("#202020")


def test_a_new_page_keeps_the_focus_in_the_detail_pane(qtbot: Any, window: Any) -> None:
    """Enter on a related entry opens it: the focus stays in the pane (it was on the old
    page), and the next Tab goes into the new page."""
    window.open_entry("principals", "oxelosund")
    qtbot.wait(20)
    related = window.detail.findChild(QWidget, "related-contacts")
    related.setFocus(Qt.FocusReason.TabFocusReason)
    related.setCurrentIndex(related.model().index(0, 0))
    qtbot.keyClick(related, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail.current.entity_type == "contacts")
    qtbot.wait(20)
    assert QApplication.focusWidget() is window.detail
    qtbot.keyClick(window.detail, Qt.Key.Key_Tab)
    assert window.detail.widget().isAncestorOf(QApplication.focusWidget())


def test_the_go_keys_give_the_list_the_focus_and_an_empty_pane_is_no_stop(
        qtbot: Any, window: Any) -> None:
    """Ctrl+2 from the detail pane shows the contact persons with the focus in their list
    (not in the pane, emptied on the way); Go → a page gives its list the focus, else its
    first control, else the sections; Ctrl+1 under a search over the principals ends it; an
    empty detail pane is no tab stop."""
    window.open_entry("principals", "oxelosund")
    qtbot.wait(20)
    window.detail.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(window.detail, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.section == "contacts"
    assert QApplication.focusWidget() is window.list_view
    next(a for a in window.go_menu.actions() if a.objectName() == "go-events").trigger()
    assert QApplication.focusWidget().objectName() == "eventList"
    assert window.detail.current is None
    assert not window.detail.focusPolicy() & Qt.FocusPolicy.TabFocus
    window.go_to("overview")
    assert QApplication.focusWidget().objectName() == "overviewTable"  # its matrix
    window.go_to("favourites")  # no favourites: nothing to choose there
    assert QApplication.focusWidget() is window.nav
    window.go_to("principals")
    window.search_field.setText("kommun")
    assert window.searching()
    qtbot.keyClick(window.search_field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert not window.searching()  # the section shown under the search comes back
    assert QApplication.focusWidget() is window.list_view and window.list_view.isVisible()
    window.open_entry("contacts", "kp-katarina-haddon")
    assert window.detail.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_a_focused_text_of_the_detail_page_is_framed(qtbot: Any, window: Any) -> None:
    """A text the keys can select shows its focus: a frame (a text cursor is hard to see)."""
    window.open_entry("examples", window.models["examples"].ids()[0])
    qtbot.wait(20)
    title = window.detail.findChild(QLabel, "detailTitle")

    def edge() -> Any:
        qtbot.wait(20)
        return title.grab().toImage().pixelColor(0, title.height() // 2)

    before = edge()
    title.setFocus(Qt.FocusReason.TabFocusReason)
    assert edge() == title.palette().highlight().color() != before


def test_the_list_with_the_focus_has_the_strong_selection(qtbot: Any, window: Any) -> None:
    """The chosen row is in the highlight colour in the list the keys act on, dimmed in a
    list without the focus (and back when it has the focus again)."""
    window.open_entry("examples", window.models["examples"].ids()[0])
    view, nav = window.list_view, window.nav
    strong = QApplication.palette().color(QPalette.ColorRole.Highlight)

    def highlight(widget: Any) -> Any:
        return widget.palette().color(QPalette.ColorRole.Highlight)

    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: highlight(view) == strong)
    assert highlight(nav) != strong
    nav.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: highlight(nav) == strong)
    assert highlight(view) != strong
    row = view.visualRect(view.currentIndex())
    assert view.viewport().grab().toImage().pixelColor(row.center().x(), row.top() + 2).rgb() == \
        highlight(view).rgb()  # what the row is painted in
