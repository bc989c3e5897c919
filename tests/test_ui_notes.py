"""The user's own note on an entry is never lost: it saves itself as it is typed, and before
any other entry, section, import or the end of the app takes its place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.sync import signing
from tfbb_desktop.ui.app import create_window
from tfbb_desktop.ui.context import AppContext, load_context
from tfbb_desktop.ui.main_window import MainWindow


class Session:
    """The app over one data folder, started and ended as often as a test needs."""

    def __init__(self, qtbot: Any, paths: DataPaths, trust: signing.TrustPolicy) -> None:
        self.qtbot, self.paths, self.trust = qtbot, paths, trust
        self.window: MainWindow | None = None
        self.ctx: AppContext | None = None

    def start(self) -> MainWindow:
        self.ctx = load_context(self.paths)
        self.ctx.trust = self.trust
        window = create_window(self.paths)
        self.qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        self.qtbot.waitExposed(window)
        window.attach(self.ctx)
        self.window = window
        return window

    def stop(self) -> None:
        """Close the window, then its data, as the app does when it ends."""
        assert self.window is not None and self.ctx is not None
        self.window.close()
        self.window.ctx = None
        self.ctx.close()
        self.window = self.ctx = None

    def note(self, entity_type: str, entity_id: str) -> str | None:
        """The note as stored, read from the file by a fresh connection."""
        ctx = load_context(self.paths)
        try:
            note = ctx.userdata.note(entity_type, entity_id)
            return note.text if note else None
        finally:
            ctx.close()


@pytest.fixture
def session(qtbot: Any, paths: DataPaths, trust: signing.TrustPolicy) -> Iterator[Session]:
    app = Session(qtbot, paths, trust)
    yield app
    if app.window is not None:
        app.stop()


def type_note(qtbot: Any, window: MainWindow, text: str) -> None:
    """Type ``text`` (ASCII: QTest types no other letters) at the end of the note."""
    edit = window.detail.note_edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def click_row(qtbot: Any, window: MainWindow, entity_id: str) -> None:
    model = window.list_view.model()
    index = model.index(model.row_of(entity_id), 0)
    window.list_view.scrollTo(index)
    qtbot.mouseClick(window.list_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.list_view.visualRect(index).center())


def test_a_note_survives_navigation_and_a_restart(qtbot: Any, session: Session) -> None:
    window = session.start()
    window.show_section("principals")
    click_row(qtbot, window, "oxelosund")
    type_note(qtbot, window, "Ring Katarina")
    click_row(qtbot, window, "gnesta")  # another entry, at once
    assert window.detail.current.entity_id == "gnesta"
    click_row(qtbot, window, "oxelosund")
    assert window.detail.note_edit.toPlainText() == "Ring Katarina"

    type_note(qtbot, window, " i maj")
    window.show_section("events")  # another section
    window.show_section("principals")
    window.open_entry("principals", "oxelosund")
    assert window.detail.note_edit.toPlainText() == "Ring Katarina i maj"

    type_note(qtbot, window, ".")
    window.open_entry("contacts", "kp-jennie-nimborg")
    window.go_back()
    assert window.detail.current.entity_id == "oxelosund"
    assert window.detail.note_edit.toPlainText() == "Ring Katarina i maj."
    window.go_forward()
    type_note(qtbot, window, "Ny kontakt")
    window.go_back()  # Back keeps the note of the contact too
    window.go_forward()
    assert window.detail.note_edit.toPlainText() == "Ny kontakt"

    session.stop()
    window = session.start()
    window.open_entry("principals", "oxelosund")
    assert window.detail.note_edit.toPlainText() == "Ring Katarina i maj."
    window.open_entry("contacts", "kp-jennie-nimborg")
    assert window.detail.note_edit.toPlainText() == "Ny kontakt"


def test_a_note_saves_itself_when_the_typing_pauses(qtbot: Any, session: Session) -> None:
    window = session.start()
    window.open_entry("examples", window.models["examples"].ids()[0])
    entry = window.detail.current
    type_note(qtbot, window, "Bra exempel")
    state = window.detail.findChild(QLabel, "noteState")
    assert state is not None
    qtbot.waitUntil(lambda: session.note("examples", entry.entity_id) == "Bra exempel",
                    timeout=5000)
    assert state.text() == "Saved"  # the quiet sign that it is kept
    type_note(qtbot, window, "!")
    assert state.text() == ""  # typing again: not saved yet
    qtbot.waitUntil(lambda: state.text() == "Saved", timeout=5000)
    assert session.note("examples", entry.entity_id) == "Bra exempel!"


def test_closing_right_after_typing_keeps_the_note(qtbot: Any, session: Session) -> None:
    window = session.start()
    window.open_entry("principals", "trosa")
    type_note(qtbot, window, "Sista raden")
    session.stop()  # before the pause in typing has saved it
    assert session.note("principals", "trosa") == "Sista raden"


def test_an_import_right_after_typing_keeps_the_note(qtbot: Any, session: Session,
                                                     source: dict[str, Any],
                                                     make_export: Any) -> None:
    window = session.start()
    window.open_entry("principals", "katrineholm")
    type_note(qtbot, window, "Inte glomma importen")
    dialog = window.import_file(make_export(source, version=2))
    assert dialog is not None
    assert session.note("principals", "katrineholm") == "Inte glomma importen"  # saved first
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    window.open_entry("principals", "katrineholm")
    assert window.detail.note_edit.toPlainText() == "Inte glomma importen"
    assert session.note("principals", "katrineholm") == "Inte glomma importen"


def test_an_undo_right_after_typing_keeps_the_note(qtbot: Any, session: Session) -> None:
    window = session.start()
    window.open_entry("principals", "gnesta")
    type_note(qtbot, window, "Inte glomma")
    task = window.run_undo()  # nothing to undo here; the note is saved before it starts
    assert task is not None
    assert session.note("principals", "gnesta") == "Inte glomma"
    qtbot.waitUntil(lambda: task.done.is_set(), timeout=20000)


def test_closing_with_a_note_that_cannot_be_saved_asks_first(qtbot: Any,
                                                             session: Session) -> None:
    """The note's file refuses writes (here SQLite's query_only; a full disk or a locked file
    in use): closing asks, Cancel keeps the window and the text, "Close anyway" closes."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    window = session.start()
    window.open_entry("principals", "trosa")
    assert session.ctx is not None
    session.ctx.userdata.conn.execute("PRAGMA query_only=1")
    type_note(qtbot, window, "Viktig rad")
    asked: list[str] = []

    def answer(button_text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "unsavedNotesBox"
        asked.append(box.text())
        chosen = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        chosen.click()

    QTimer.singleShot(0, lambda: answer("Cancel"))
    window.close()
    assert asked and "could not be saved" in asked[0]
    assert window.isVisible()
    assert window.detail.note_edit.toPlainText() == "Viktig rad"

    QTimer.singleShot(0, lambda: answer("Close anyway"))
    window.close()
    assert len(asked) == 2
    assert not window.isVisible()
    session.ctx.userdata.conn.execute("PRAGMA query_only=0")
    assert session.note("principals", "trosa") is None  # lost, as the box said
