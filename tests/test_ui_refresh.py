"""The window never shows a stale catalogue: after an undo in the app, after an import by
another process (the command line) while the window is open, and after an import offered by
the update check, every view shows the catalogue as it is now, in the real window, offscreen.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import queries
from tfbb_desktop.core.store.db import open_sqlite
from tfbb_desktop.core.sync import importer, signing
from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.dialogs.import_file import ImportDialog
from tfbb_desktop.ui.main_window import SECTIONS, MainWindow
from tfbb_desktop.ui.models import ID_ROLE, NEW_ROLE, EntryTableModel
from tfbb_desktop.ui.update_check import SOURCE_KEY

ROOT = Path(__file__).resolve().parents[1]
CONTACT = "kp-johan-lindeberg"
OLD_TITLE = "Skolchef"
NEW_TITLE = "Skolchef och förvaltningschef"
REMOVED = "ex-katrineholm-skolworkshops"
ADDED = "habo-skola"
GONE = "The entry no longer exists in the catalogue."


def version_two(source: dict[str, Any]) -> dict[str, Any]:
    """The bundled catalogue with one principal added, one contact changed and one example
    removed."""
    src = copy.deepcopy(source)
    data = src["data"]
    data["principals"].append({"id": ADDED, "name": "Håbo friskola",
                               "kind": data["principals"][0]["kind"]})
    for contact in data["contacts"]:
        if contact["id"] == CONTACT:
            contact["title"] = NEW_TITLE
    data["examples"] = [e for e in data["examples"] if e["id"] != REMOVED]
    return src


def import_elsewhere(paths: DataPaths, export: Path, trust: signing.TrustPolicy) -> None:
    """A real second writer: the core's import on a connection of its own."""
    conn = open_sqlite(paths.catalogue)
    try:
        prepared = importer.prepare(conn, paths, export, trust)
        importer.commit(conn, paths, prepared)
    finally:
        conn.close()


def cli_import(tmp_path: Path, paths: DataPaths, export: Path,
               publisher_key: signing.Ed25519PrivateKey) -> None:
    """``tfbb-desktop import FILE --yes`` in another process, on the window's data folder."""
    config = tmp_path / "cli-machine-config.json"
    config.write_text(json.dumps(
        {"trusted_keys": [signing.public_key_text(publisher_key.public_key())]}),
        encoding="utf-8")
    env = dict(os.environ, TFBB_MACHINE_CONFIG=str(config), PYTHONIOENCODING="utf-8",
               PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-m", "tfbb_desktop", "--data-dir", str(paths.root),
                           "import", str(export), "--yes"], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr


def detail_texts(window: MainWindow) -> list[str]:
    page = window.detail.widget()
    return [label.text() for label in page.findChildren(QLabel)] if page else []


def empty_hint(window: MainWindow) -> str:
    hint = window.detail.widget().findChild(QLabel, "emptyHint")
    return hint.text() if hint is not None else ""


def nav_texts(window: MainWindow) -> dict[str, str]:
    return {window.pages[row]: window.nav.item(row).text() for row in range(window.nav.count())}


def selected_id(window: MainWindow) -> str | None:
    index = window.list_view.selectionModel().currentIndex()
    rows = window.list_view.selectionModel().selectedRows()
    return index.data(ID_ROLE) if index.isValid() and rows else None


def list_titles(window: MainWindow, entity_type: str) -> list[str]:
    model = window.models[entity_type]
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def assert_shows(window: MainWindow, ctx: AppContext, version: int) -> None:
    """Lists, navigation counts and the status bar show the catalogue as it is in the file."""
    conn = open_sqlite(ctx.paths.catalogue)  # what is really there, read afresh
    try:
        counts = queries.counts(conn)
        for entity_type in SECTIONS:
            assert window.models[entity_type].ids() == queries.list_ids(conn, entity_type)
            assert nav_texts(window)[entity_type].endswith(f"({counts[entity_type]})")
            assert None not in list_titles(window, entity_type)
    finally:
        conn.close()
    assert window.catalogue_label.text().startswith(f"Catalogue version {version} ")


def open_contact(window: MainWindow) -> None:
    window.show_section("contacts")
    assert window.open_entry("contacts", CONTACT)
    assert selected_id(window) == CONTACT


# Undo in the app ------------------------------------------------------------------------------
def test_undo_in_the_app_shows_the_restored_catalogue_everywhere(
        qtbot, window: MainWindow, ctx: AppContext, trust, source, make_export) -> None:
    import_elsewhere(ctx.paths, make_export(version_two(source), version=2), trust)
    window.reload()
    open_contact(window)
    assert any(NEW_TITLE in text for text in detail_texts(window))
    assert "Changed in the last update" in detail_texts(window)
    assert nav_texts(window)["principals"].endswith("(13)")

    reloads: list[str] = []
    window.reloaded.connect(lambda: reloads.append("reloaded"))
    task = window.run_undo()
    assert task is not None
    qtbot.waitUntil(lambda: bool(reloads), timeout=20000)

    assert_shows(window, ctx, 1)
    assert nav_texts(window)["principals"].endswith("(12)")
    assert window.models["examples"].row_of(REMOVED) >= 0
    assert window.models["principals"].row_of(ADDED) == -1
    # The open detail page shows the entry as it is again, still chosen in its list.
    texts = detail_texts(window)
    assert OLD_TITLE in texts and not any(NEW_TITLE in text for text in texts)
    assert "Changed in the last update" not in texts
    assert window.detail.current is not None and window.detail.current.entity_id == CONTACT
    assert selected_id(window) == CONTACT
    assert nav_texts(window)["changes"] == "New and removed"  # no marks of the undone import


def test_undo_of_the_import_that_added_the_open_entry_says_it_is_gone(
        qtbot, window: MainWindow, ctx: AppContext, trust, source, make_export) -> None:
    import_elsewhere(ctx.paths, make_export(version_two(source), version=2), trust)
    window.reload()
    assert window.open_entry("principals", ADDED)
    task = window.run_undo()
    assert task is not None
    qtbot.waitUntil(lambda: window.detail.current is None, timeout=20000)
    assert empty_hint(window) == GONE
    assert selected_id(window) is None
    assert_shows(window, ctx, 1)


def test_one_change_is_one_refresh(qtbot, window: MainWindow, ctx: AppContext, trust, source,
                                   make_export) -> None:
    """The undo's own refresh takes the change as seen: the timer does not refresh again, and
    nothing is refreshed while nothing changes."""
    import_elsewhere(ctx.paths, make_export(version_two(source), version=2), trust)
    window.reload()
    reloads: list[str] = []
    window.reloaded.connect(lambda: reloads.append("reloaded"))
    window.refresher.timer.setInterval(20)
    qtbot.wait(200)
    assert reloads == []
    window.run_undo()
    qtbot.waitUntil(lambda: bool(reloads), timeout=20000)
    assert reloads == ["reloaded"]


def test_no_timer_refresh_while_the_apps_own_work_writes(qtbot, window: MainWindow,
                                                        ctx: AppContext, trust, source,
                                                        make_export) -> None:
    """A change committed by a task of the app's own runner is the task's to show when it
    ends: the timer does not refresh halfway (which made an undo refresh twice)."""
    import threading

    from tfbb_desktop.ui.worker import Task

    export = make_export(version_two(source), version=2)
    committed, release = threading.Event(), threading.Event()

    def work(_progress: object, _cancelled: object) -> None:
        import_elsewhere(ctx.paths, export, trust)
        committed.set()
        release.wait(20)

    assert window.refresher is not None
    task = Task(work, window, label="import", cancellable=False).start()
    try:
        assert committed.wait(20)
        assert window.refresher.check() is False
        assert window.catalogue_label.text().startswith("Catalogue version 1 ")
    finally:
        release.set()
    # Seen by the timer once the runner is free (this task does not refresh by itself).
    qtbot.waitUntil(lambda: task.done.is_set(), timeout=20000)
    qtbot.waitUntil(lambda: window.catalogue_label.text().startswith("Catalogue version 2 "),
                    timeout=20000)


# An import by another process while the window is open ----------------------------------------
def test_a_command_line_import_shows_on_the_timer(
        qtbot, tmp_path: Path, window: MainWindow, ctx: AppContext, source, make_export,
        publisher_key) -> None:
    export = make_export(version_two(source), version=2)
    open_contact(window)
    scroll = window.list_view.verticalScrollBar().value()
    cli_import(tmp_path, ctx.paths, export, publisher_key)
    assert window.catalogue_label.text().startswith("Catalogue version 1 ")  # not yet looked

    # The timer's check (every few seconds) notices it; nothing else is done here.
    qtbot.waitUntil(lambda: window.catalogue_label.text().startswith("Catalogue version 2 "),
                    timeout=15000)
    assert_shows(window, ctx, 2)
    assert nav_texts(window)["principals"].endswith("(13)")
    assert nav_texts(window)["examples"].endswith("(8)")
    assert window.models["examples"].row_of(REMOVED) == -1
    added = window.models["principals"].row_of(ADDED)
    assert added >= 0 and window.models["principals"].index(added, 0).data(NEW_ROLE) is True
    assert nav_texts(window)["changes"].startswith("New and removed (")
    # The open page shows the contact's new title and its change badge, still chosen.
    texts = detail_texts(window)
    assert any(NEW_TITLE in text for text in texts)
    assert "Changed in the last update" in texts
    assert selected_id(window) == CONTACT
    assert window.list_view.verticalScrollBar().value() == scroll
    assert "outside" in window.statusBar().currentMessage()


def test_an_entry_removed_by_another_process_says_so_when_the_app_is_active_again(
        qtbot, window: MainWindow, ctx: AppContext, trust, source, make_export) -> None:
    window.show_section("examples")
    assert window.open_entry("examples", REMOVED)
    window.refresher.timer.stop()  # only the focus check is left
    import_elsewhere(ctx.paths, make_export(version_two(source), version=2), trust)
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert window.catalogue_label.text().startswith("Catalogue version 1 ")
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)

    assert window.catalogue_label.text().startswith("Catalogue version 2 ")
    assert window.detail.current is None
    assert empty_hint(window) == GONE
    assert selected_id(window) is None
    assert window.models["examples"].row_of(REMOVED) == -1
    assert_shows(window, ctx, 2)
    # The changes page lists the removed example.
    window.show_section("changes")
    removed = window.changes_page.findChild(type(window.nav), "removedList")
    assert any("Katrineholm" in removed.item(r).text() for r in range(removed.count()))


def test_a_list_row_of_an_entry_gone_meanwhile_says_so(ctx: AppContext) -> None:
    """Between another program's commit and the next check a list may hold an id that is no
    longer there: its row says so in words, never blank."""
    model = EntryTableModel(ctx.conn, "examples")
    first = queries.list_ids(ctx.conn, "examples")[0]
    model.set_ids(["no-such-example", first])
    gone = model.index(0, 0)
    assert gone.data() == "No longer in the catalogue"
    assert gone.data(Qt.ItemDataRole.AccessibleTextRole) == "No longer in the catalogue"
    assert model.index(0, 1).data() == ""
    assert model.index(1, 0).data() == queries.name_of(ctx.conn, "examples", first)


def test_a_gone_row_makes_the_window_look_at_once(
        qtbot, window: MainWindow, ctx: AppContext, trust, source, make_export) -> None:
    window.refresher.timer.stop()
    window.show_section("examples")
    import_elsewhere(ctx.paths, make_export(version_two(source), version=2), trust)
    model = window.models["examples"]
    model.set_ids(model.ids())  # forget the fetched rows, as scrolling far would
    model.index(model.row_of(REMOVED), 0).data()
    qtbot.waitUntil(lambda: model.row_of(REMOVED) == -1, timeout=5000)
    assert_shows(window, ctx, 2)


# The update check's import ---------------------------------------------------------------------
def drop(folder: Path, export: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / export.name
    shutil.copy(export, target)
    old = time.time() - 3600
    os.utime(target, (old, old))  # finished writing an hour ago


def offer(qtbot, window: MainWindow) -> None:
    checker = window.update_checker
    for _ in range(2):  # the first sight of a file may only note it
        with qtbot.waitSignal(checker.checked, timeout=20000) as blocker:
            assert checker.check_now(forced=True) is not None
        if blocker.args[0].offer is not None:
            break
    assert window.update_bar.isVisible()


def test_the_update_checks_import_shows_everywhere(
        qtbot, tmp_path: Path, window: MainWindow, ctx: AppContext, source, make_export) -> None:
    folder = tmp_path / "share"
    drop(folder, make_export(version_two(source), version=2, name="tfbb-export-v2.zip"))
    ctx.userdata.set_setting(SOURCE_KEY, str(folder))
    open_contact(window)
    offer(qtbot, window)

    window.update_bar.import_button.click()
    dialog = window.findChild(ImportDialog)
    qtbot.waitUntil(lambda: dialog.apply_button.isVisible(), timeout=20000)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)

    assert_shows(window, ctx, 2)
    assert nav_texts(window)["principals"].endswith("(13)")
    texts = detail_texts(window)
    assert any(NEW_TITLE in text for text in texts)
    assert "Changed in the last update" in texts
    assert selected_id(window) == CONTACT


def test_an_offer_already_imported_elsewhere_is_withdrawn(
        qtbot, tmp_path: Path, window: MainWindow, ctx: AppContext, trust, source,
        make_export) -> None:
    export = make_export(version_two(source), version=2, name="tfbb-export-v2.zip")
    folder = tmp_path / "share"
    drop(folder, export)
    ctx.userdata.set_setting(SOURCE_KEY, str(folder))
    offer(qtbot, window)
    import_elsewhere(ctx.paths, export, trust)
    assert window.refresher.check()
    assert not window.update_bar.isVisible()
    assert window.update_checker.offer is None


def test_a_note_being_written_and_the_place_on_the_page_are_kept(
        qtbot, window: MainWindow, ctx: AppContext, trust, source, make_export) -> None:
    window.resize(1000, 600)
    window.show_section("principals")
    assert window.open_entry("principals", "katrineholm")
    bar = window.detail.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100, timeout=5000)
    bar.setValue(100)
    window.detail.note_edit.setPlainText("Ring rektorn")
    import_elsewhere(ctx.paths, make_export(version_two(source), version=2), trust)
    assert window.refresher.check()
    assert window.detail.note_edit.toPlainText() == "Ring rektorn"
    saved = ctx.userdata.note("principals", "katrineholm")  # saved before the re-reading
    assert saved is not None and saved.text == "Ring rektorn"
    qtbot.waitUntil(lambda: bar.value() == 100, timeout=5000)
    assert selected_id(window) == "katrineholm"
