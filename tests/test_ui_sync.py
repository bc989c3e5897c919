"""Import, undo, what's new, favourites and notes in the real window, offscreen."""

from __future__ import annotations

import copy
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QPushButton

from tfbb_desktop.core.errors import ImportCancelled
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import queries
from tfbb_desktop.core.sync import importer
from tfbb_desktop.core.sync.changes import CHANGE_TYPES
from tfbb_desktop.core.sync.preview import PreviewNames, field_diffs
from tfbb_desktop.ui.app import create_window
from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.dialogs.import_file import ChangeTreeModel, ImportDialog
from tfbb_desktop.ui.main_window import MainWindow
from tfbb_desktop.ui.models import NEW_ROLE
from tfbb_desktop.ui.pages.detail import RelatedList
from tfbb_desktop.ui.worker import Task


def newer(source: dict[str, Any]) -> dict[str, Any]:
    """Version 2 of the bundled catalogue: one principal added, one contact changed, one
    example removed."""
    src = copy.deepcopy(source)
    data = src["data"]
    data["principals"].append({"id": "habo-skola", "name": "Håbo friskola", "kind":
                               data["principals"][0]["kind"]})
    for contact in data["contacts"]:
        if contact["id"] == "kp-johan-lindeberg":
            contact["title"] = "Skolchef och förvaltningschef"
    removed = data["examples"].pop(0)
    src["removed_example"] = removed
    return src


@pytest.fixture
def window(qtbot, paths: DataPaths, ctx: AppContext) -> MainWindow:
    win = create_window(paths)
    qtbot.addWidget(win)
    win.show()
    win.attach(ctx)
    return win


def run_import(qtbot, window: MainWindow, path: Path) -> ImportDialog:
    dialog = window.import_file(path)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    return dialog


def test_change_tree_model_passes_the_model_tester(qtmodeltester, ctx: AppContext,
                                                   source, make_export) -> None:
    v2 = newer(source)
    path = make_export(v2, version=2)
    prepared = importer.prepare(ctx.conn, ctx.paths, path, ctx.trust)
    model = ChangeTreeModel(prepared.change_set, PreviewNames(ctx.conn, prepared.change_set))
    qtmodeltester.check(model, force_py=True)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert any(t.startswith("Huvudmän") or t.startswith("Principals") for t in top)


def test_change_tree_works_out_an_entrys_fields_only_when_asked(
        ctx: AppContext, source, make_export, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change set of 100,000 entries must open at once: no field differences up front."""
    from tfbb_desktop.ui.dialogs import import_file

    prepared = importer.prepare(ctx.conn, ctx.paths, make_export(newer(source), version=2),
                                ctx.trust)
    asked: list[str] = []

    def counted(change, names):
        asked.append(change.entity_id)
        return field_diffs(change, names)

    monkeypatch.setattr(import_file, "field_diffs", counted)
    model = ChangeTreeModel(prepared.change_set, PreviewNames(ctx.conn, prepared.change_set))
    assert asked == []
    types = [t for t in CHANGE_TYPES if prepared.change_set.changes[t]]
    row = types.index("contacts")
    assert prepared.change_set.changes["contacts"][0].change == "changed"
    assert model.index(row, 0).data().startswith(("Kontaktpersoner", "Contact persons"))
    entry = model.index(0, 0, model.index(row, 0))
    assert entry.data() is not None and asked == []  # its name is shown, not its fields
    found = model.change_at(entry)
    assert found is not None and asked == [found[0].entity_id] and found[2]
    model.rowCount(entry), model.change_at(model.index(0, 0, entry))
    assert len(asked) == 1  # worked out once


def test_preview_lists_the_change_then_apply_updates_the_window(
        qtbot, window: MainWindow, ctx: AppContext, source, make_export) -> None:
    v2 = newer(source)
    dialog = run_import(qtbot, window, make_export(v2, version=2))
    assert dialog.apply_button.isVisible()
    model = dialog.tree.model()
    rows = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert len(rows) == 3  # principals, contacts, examples
    # The changed contact shows its field-level difference.
    texts = []
    for r in range(model.rowCount()):
        parent = model.index(r, 0)
        for c in range(model.rowCount(parent)):
            child = model.index(c, 0, parent)
            texts.append(child.data())
            texts.extend(model.index(f, 0, child).data() for f in range(model.rowCount(child)))
    assert any("Håbo friskola" in t for t in texts)
    assert any("Title: Skolchef → Skolchef och förvaltningschef" in t for t in texts)
    assert any(v2["removed_example"]["title"] in t for t in texts)
    assert queries.meta(ctx.conn).dataset_version == 1  # nothing written before Apply

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert queries.meta(ctx.conn).dataset_version == 2
    assert "2" in window.catalogue_label.text()
    principals = window.models["principals"]
    row = principals.row_of("habo-skola")
    assert row >= 0
    assert principals.index(row, 0).data(NEW_ROLE) is True

    # The changes page lists the new entry and the removed example.
    window.show_section("changes")
    new_list = window.changes_page.findChild(RelatedList, "newList")
    names = [new_list.model().index(r, 0).data() for r in range(new_list.model().rowCount())]
    assert any("Håbo friskola" in n for n in names)
    removed = window.changes_page.findChild(QListWidget, "removedList")
    assert any(v2["removed_example"]["title"] in removed.item(r).text()
               for r in range(removed.count()))

    # Opening the entry clears its mark, also after a restart (seen-markers are user data).
    window.open_entry("principals", "habo-skola")
    assert principals.index(row, 0).data(NEW_ROLE) is False
    assert ("principals", "habo-skola") not in queries.unseen_changes(
        ctx.conn, ctx.userdata.seen())


@pytest.mark.parametrize(("lang", "words"), [
    ("sv", "kan inte importeras: filen är inte signerad. Osignerade filer tas bara emot om "
           "administratören har tillåtit det."),
    ("en", "cannot be imported: the file is not signed. Unsigned files are accepted only if "
           "the administrator has allowed it."),
])
def test_a_refused_file_says_why_and_changes_nothing(qtbot, window: MainWindow,
                                                     ctx: AppContext, source, make_export,
                                                     request: pytest.FixtureRequest,
                                                     lang: str, words: str) -> None:
    """In the user's language: Swedish with the translators installed, English without."""
    if lang == "sv":
        request.getfixturevalue("swedish")
    before = queries.meta(ctx.conn)
    dialog = run_import(qtbot, window, make_export(source, version=2, sign=False))
    assert dialog.message.isVisible()
    text = dialog.message.toPlainText()
    assert words in text and ".zip" in text
    assert not dialog.apply_button.isVisible()
    assert queries.meta(ctx.conn) == before
    dialog.reject()  # closed, it is gone (with the change set it held)
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None)


def test_the_same_version_says_nothing_changed(qtbot, window: MainWindow, source,
                                               make_export) -> None:
    dialog = run_import(qtbot, window, make_export(source, version=1))
    assert "1" in dialog.heading.text()
    assert not dialog.apply_button.isVisible()


def test_the_same_version_with_other_content_is_refused_in_swedish(
        qtbot, window: MainWindow, ctx: AppContext, source, make_export, swedish) -> None:
    before = queries.meta(ctx.conn)
    dialog = run_import(qtbot, window, make_export(newer(source), version=1, name="v1.zip"))
    assert dialog.message.isVisible()
    text = dialog.message.toPlainText()
    assert text.startswith("Filen v1.zip kan inte importeras: exporten har samma version som "
                           "den installerade katalogen (1) men annat innehåll.")
    assert "Be utgivaren om en ny export." in text
    assert not dialog.apply_button.isVisible()
    assert queries.meta(ctx.conn) == before


def test_cancel_while_checking_leaves_everything(qtbot, window: MainWindow, ctx: AppContext,
                                                 source, make_export) -> None:
    path = make_export(newer(source), version=2)
    dialog = ImportDialog(ctx, path, window)
    dialog.show()
    # Hold the database worker so the check is still queued when Cancel is pressed.
    release = threading.Event()
    blocker = Task(lambda _p, _c: release.wait(10))
    blocker.start()
    with qtbot.waitSignal(dialog.rejected, timeout=20000):
        task = dialog.start()
        assert not dialog.apply_button.isVisible(), "nothing to apply before the check is done"
        dialog.cancel_button.click()
        assert task.is_cancelled()
        release.set()
    assert task.done.is_set()
    assert queries.meta(ctx.conn).dataset_version == 1


def test_favourites_and_notes_survive_an_import_that_removes_the_entry(
        qtbot, window: MainWindow, ctx: AppContext, source, make_export) -> None:
    v2 = newer(source)
    removed_id = v2["removed_example"]["id"]
    removed_title = v2["removed_example"]["title"]
    window.open_entry("examples", removed_id)
    window.activateWindow()
    window.favourite_action.trigger()  # Ctrl+D
    assert ctx.userdata.is_favourite("examples", removed_id)
    window.detail.note_edit.setPlainText("Ring Malin om detta.")
    window.detail.findChild(QPushButton, "saveNoteButton").click()
    assert ctx.userdata.note("examples", removed_id).text == "Ring Malin om detta."

    window.open_entry("contacts", "kp-johan-lindeberg")
    window.favourite_action.trigger()
    dialog = run_import(qtbot, window, make_export(v2, version=2))
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)

    assert ctx.userdata.is_favourite("examples", removed_id)  # kept, by stable id
    window.show_section("favourites")
    favourites = window.favourites_page.findChild(RelatedList, "favouriteList")
    assert favourites.model().rowCount() == 1  # the removed example is not offered as a link
    window.show_section("changes")
    orphans = window.changes_page.findChild(QListWidget, "orphanNotes")
    assert orphans.count() == 1
    assert orphans.item(0).text() == f"{removed_title}: Ring Malin om detta."


def test_undo_restores_the_previous_catalogue_in_the_window(
        qtbot, window: MainWindow, ctx: AppContext, source, make_export) -> None:
    dialog = run_import(qtbot, window, make_export(newer(source), version=2))
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert window.models["principals"].row_of("habo-skola") >= 0
    task = window.run_undo()
    qtbot.waitUntil(lambda: queries.meta(ctx.conn).dataset_version == 1, timeout=20000)
    qtbot.waitUntil(lambda: window.models["principals"].row_of("habo-skola") == -1,
                    timeout=5000)
    assert task is not None and task.done.is_set()


def test_undo_is_offered_while_there_is_an_import_to_undo(
        qtbot, window: MainWindow, ctx: AppContext, source, make_export) -> None:
    assert not window.undo_import_action.isEnabled()  # the first catalogue: nothing before it
    dialog = run_import(qtbot, window, make_export(newer(source), version=2))
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    qtbot.waitUntil(window.undo_import_action.isEnabled)
    window.run_undo()
    qtbot.waitUntil(lambda: queries.meta(ctx.conn).dataset_version == 1, timeout=20000)
    qtbot.waitUntil(lambda: not window.undo_import_action.isEnabled())  # its backup is used


def test_cancel_during_apply_rolls_back(ctx: AppContext, source, make_export) -> None:
    prepared = importer.prepare(ctx.conn, ctx.paths, make_export(newer(source), version=2),
                                ctx.trust)
    steps: list[str] = []

    def progress(step: str, _fraction: float) -> None:
        steps.append(step)

    def cancel_after_writing_started() -> bool:
        return len(steps) >= 3

    with pytest.raises(ImportCancelled):
        importer.commit(ctx.conn, ctx.paths, prepared, progress=progress,
                        cancelled=cancel_after_writing_started)
    assert queries.meta(ctx.conn).dataset_version == 1
    assert queries.name_of(ctx.conn, "principals", "habo-skola") is None


def test_a_refreshed_page_leaves_no_old_list_to_find(window: MainWindow) -> None:
    """The lists a page replaces leave it at once, not when Qt gets round to deleting them:
    nothing (a test, a screen reader) finds the old list in the meantime."""
    page = window.favourites_page
    refs = [queries.Ref("contacts", "kp-johan-lindeberg", "Johan Lindeberg", "")]
    page.set_favourites(refs)
    page.set_favourites(refs + refs)
    lists = page.findChildren(RelatedList, "favouriteList")
    assert len(lists) == 1
    assert lists[0].model().rowCount() == 2


def tree_texts(model) -> list[str]:
    """Every row of the change tree, depth first."""
    out: list[str] = []

    def walk(parent) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            out.append(index.data())
            walk(index)

    walk(model.index(-1, -1))
    return out


def reworded(source: dict[str, Any]) -> dict[str, Any]:
    """Version 2: a few words of an example's summary changed (one with markup in it), a
    contact moved to another principal and given a role, a component status set."""
    src = copy.deepcopy(source)
    data = src["data"]
    example = data["examples"][0]
    words = example["summary"].split()
    words[2] = "<b>helt</b>"
    example["summary"] = " ".join(words)
    src["old_summary_word"] = source["data"]["examples"][0]["summary"].split()[2]
    contact = next(c for c in data["contacts"] if c["id"] == "kp-johan-lindeberg")
    src["old_principal"] = contact["principal"]
    contact["principal"] = "flen"
    for status in data["component_status"]:
        if status["principal"] == "katrineholm" and status["component"] == "sip":
            status["status"] = "planerad"
    return src


def test_the_preview_speaks_of_names_labels_and_changed_words(
        qtbot, window: MainWindow, ctx: AppContext, source, make_export, swedish) -> None:
    v2 = reworded(source)
    dialog = run_import(qtbot, window, make_export(v2, version=2))
    model = dialog.tree.model()
    texts = tree_texts(model)
    example = v2["data"]["examples"][0]
    # Field labels in Swedish, references by name, a component status by its names.
    assert any(t.startswith("Huvudman: ") and t.endswith(" → Flens kommun") for t in texts)
    assert not any("kp-johan-lindeberg" in t or t.startswith("principal:") for t in texts)
    assert any(t.endswith("Katrineholms kommun: SIP (samordnad individuell plan)")
               for t in texts), texts
    assert any(t.startswith("Status: Uppgift saknas → Planerad") for t in texts)
    # A long text: only the changed words, marked, in plain text.
    summary = next(t for t in texts if t.startswith("Sammanfattning: "))
    assert f"[-{v2['old_summary_word']}-] {{+<b>helt</b>+}}" in summary
    assert len(summary) < len(example["summary"]) + 40
    # The chosen entry's change under the tree: HTML built from escaped values only.
    top = next(r for r in range(model.rowCount())
               if model.index(r, 0).data().startswith("Exempel"))
    entry = model.index(0, 0, model.index(top, 0))
    dialog.tree.setCurrentIndex(entry)
    shown = dialog.changes.toHtml()
    assert "&lt;b&gt;helt&lt;/b&gt;" in shown
    assert "<b>helt</b>" in dialog.changes.toPlainText()  # shown literally, as text
    assert "Sammanfattning" in dialog.changes.toPlainText()
    # The buttons say what they do.
    assert dialog.apply_button.text() == "&Importera"
    assert dialog.cancel_button.text() == "&Avbryt"


def test_the_result_says_what_happened_and_offers_to_restore(
        qtbot, window: MainWindow, ctx: AppContext, source, make_export) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    dialog = run_import(qtbot, window, make_export(newer(source), version=2))
    assert not dialog.undo_button.isVisible()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert dialog.heading.text() == "The catalogue is updated to version 2."
    text = dialog.message.toPlainText()
    created = dialog.prepared.manifest.created.date().isoformat()
    assert text.startswith(f"Version 2 of {created} is imported from ")
    assert "(it was version 1)" in text
    assert "• Principals: 1 new, 0 changed, 0 removed" in text
    assert "• Contact persons: 0 new, 1 changed, 0 removed" in text
    assert "• Examples: 0 new, 0 changed, 1 removed" in text
    assert "“Restore”" in text
    assert dialog.undo_button.isVisible() and dialog.undo_button.text() == "&Restore"
    assert dialog.cancel_button.text() == "Close"

    asked: list[list[str]] = []

    def answer(choice: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == choice).click()

    QTimer.singleShot(0, lambda: answer("&Cancel"))
    dialog.undo_button.click()  # asks first; Cancel keeps version 2
    assert asked == [["&Restore", "&Cancel"]]
    assert queries.meta(ctx.conn).dataset_version == 2 and not dialog.isVisible()
    QTimer.singleShot(0, lambda: answer("&Restore"))
    task = window.undo_import()
    assert task is not None
    qtbot.waitUntil(lambda: queries.meta(ctx.conn).dataset_version == 1, timeout=20000)
