"""The real main window, offscreen: lists, detail links, history, layout memory, access."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import queries
from tfbb_desktop.ui.app import create_window, start_loading
from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.main_window import SECTIONS, MainWindow
from tfbb_desktop.ui.models import ID_ROLE, EntryTableModel, RefListModel
from tfbb_desktop.ui.pages.detail import RelatedList


@pytest.fixture
def window(qtbot, paths: DataPaths, ctx: AppContext) -> MainWindow:
    win = create_window(paths)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.attach(ctx)
    return win


def click_row(qtbot, view, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_entry_models_pass_the_model_tester(qtmodeltester, ctx: AppContext) -> None:
    for entity_type in SECTIONS:
        model = EntryTableModel(ctx.conn, entity_type)
        model.set_ids(queries.list_ids(ctx.conn, entity_type))
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_ref_model_passes_the_model_tester(qtmodeltester, ctx: AppContext) -> None:
    detail = queries.detail(ctx.conn, "principals", "oxelosund")
    assert detail is not None
    refs = dict(detail.related)["contacts"]
    model = RefListModel(refs)
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
    model.set_refs([])
    qtmodeltester.check(model, force_py=True)


def test_lists_are_in_swedish_order(window: MainWindow) -> None:
    model = window.models["principals"]
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names.index("Vingåkers kommun") == len(names) - 1
    assert names.index("Oxelösunds kommun") < names.index("Region Sörmland")
    assert names.index("Strängnäs kommun") < names.index("Trosa kommun")


def test_click_through_principal_contact_and_back(qtbot, window: MainWindow) -> None:
    window.show_section("principals")
    model = window.models["principals"]
    row = model.row_of("oxelosund")
    click_row(qtbot, window.list_view, row)
    assert window.detail.current is not None
    assert window.detail.current.title == "Oxelösunds kommun"

    contacts = window.findChild(RelatedList, "related-contacts")
    assert contacts is not None
    names = [contacts.model().index(r, 0).data() for r in range(contacts.model().rowCount())]
    assert any("Katarina Haddon" in n for n in names)
    click_row(qtbot, contacts, 0)
    qtbot.waitUntil(lambda: window.detail.current.entity_type == "contacts")
    first_contact = window.detail.current.entity_id
    assert window.section == "contacts"
    assert window.list_view.currentIndex().data(ID_ROLE) == first_contact

    # The contact's page links back to its principal.
    principal_link = window.findChild(RelatedList, "related-principals")
    assert principal_link.model().index(0, 0).data().startswith("Oxelösunds kommun")

    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.detail.current.entity_id == "oxelosund"
    assert window.section == "principals"
    assert window.forward_action.isEnabled()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.detail.current.entity_id == first_contact


def test_a_long_name_in_a_related_list_ends_in_an_ellipsis(qtbot, window: MainWindow) -> None:
    """A list of one long-named entry is not covered by a scroll bar of its own."""
    window.resize(1024, 700)
    window.open_entry("work", "arb-styrgruppsmote-2025-10-28")
    principals = window.findChild(RelatedList, "related-principals")
    assert principals is not None and principals.model().rowCount() == 1
    qtbot.waitUntil(lambda: principals.isVisible())
    assert principals.fontMetrics().horizontalAdvance(principals.model().index(0, 0).data()) \
        > principals.viewport().width()  # longer than the list is wide
    assert not principals.horizontalScrollBar().isVisible()
    row = principals.visualRect(principals.model().index(0, 0))
    assert principals.viewport().rect().contains(row)


def test_back_and_forward_buttons_are_on_the_toolbar(window: MainWindow) -> None:
    actions = window.toolbar.actions()
    assert window.back_action in actions and window.forward_action in actions
    assert not window.back_action.isEnabled()
    window.open_entry("principals", "katrineholm")
    window.open_entry("examples", window.models["examples"].ids()[0])
    assert window.back_action.isEnabled()
    window.back_action.trigger()
    assert window.detail.current.entity_id == "katrineholm"


def test_work_links_to_principals_and_contacts(window: MainWindow) -> None:
    assert window.open_entry("work", "arb-npf-delprojekt-2")
    related = dict(window.detail.current.related)
    assert {r.entity_id for r in related["contacts"]} >= {"kp-malin-sjoqvist"}
    assert "region-sormland" in {r.entity_id for r in related["principals"]}


def test_catalogue_version_is_always_visible(window: MainWindow) -> None:
    text = window.catalogue_label.text()
    assert "1" in text and "2025-11-26" in text
    assert window.catalogue_label.isVisible()


def test_export_text_is_shown_as_plain_text(qtbot, paths: DataPaths, ctx: AppContext,
                                            window: MainWindow) -> None:
    ctx.conn.execute("UPDATE principal SET description = '<b>fet</b> <a href=\"x\">länk</a>' "
                     "WHERE id = 'gnesta'")
    window.open_entry("principals", "gnesta")
    texts = [lab.text() for lab in window.detail.findChildren(QLabel)]
    assert '<b>fet</b> <a href="x">länk</a>' in texts
    for lab in window.detail.findChildren(QLabel):
        assert lab.textFormat() == Qt.TextFormat.PlainText


def test_empty_related_sections_say_so(window: MainWindow) -> None:
    window.open_entry("principals", "trosa")
    texts = [lab.text() for lab in window.detail.findChildren(QLabel)]
    assert any(t.startswith("Exempel (0)") or t.startswith("Examples (0)") for t in texts)


def test_window_size_and_splitter_are_remembered(qtbot, paths: DataPaths,
                                                 ctx: AppContext) -> None:
    first = create_window(paths)
    qtbot.addWidget(first)
    first.show()
    first.resize(800, 590)
    first.splitter.setSizes([150, 300, 600])
    sizes = first.splitter.sizes()
    first.attach(ctx)
    first.show_section("examples")
    first.close()

    second = create_window(paths)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (800, 590)
    assert second.splitter.sizes() == sizes
    second.attach(ctx)
    assert second.section == "examples"


def test_every_focusable_control_is_named_and_in_the_tab_chain(qtbot, window: MainWindow
                                                               ) -> None:
    window.open_entry("principals", "oxelosund")
    qtbot.wait(20)
    chain: list[QWidget] = []
    widget = window.nav
    for _ in range(5000):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is window.nav:
            break
    focusable = [w for w in chain if w.isVisible() and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert window.list_view in focusable
    assert any(isinstance(w, RelatedList) for w in focusable)
    for w in focusable:
        name = w.accessibleName() or getattr(w, "text", lambda: "")()
        assert name, f"{type(w).__name__} {w.objectName()} has no accessible name"


def test_keyboard_only_opens_an_entry(qtbot, window: MainWindow) -> None:
    window.show_section("contacts")
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Down)
    assert window.detail.current is not None
    assert window.detail.current.entity_type == "contacts"


def test_window_fits_the_smallest_supported_size(qtbot, window: MainWindow) -> None:
    window.resize(1024, 700)
    window.open_entry("contacts", "kp-jennie-nimborg")
    qtbot.wait(10)
    assert window.width() <= 1024 and window.height() <= 700
    assert window.detail.width() > 300


def test_loading_off_the_gui_thread_fills_the_window(qtbot, paths: DataPaths) -> None:
    win = create_window(paths)
    qtbot.addWidget(win)
    win.show()
    task = start_loading(win, paths)
    qtbot.waitUntil(lambda: win.ctx is not None, timeout=20000)
    assert task.done.is_set()
    assert win.models["principals"].rowCount() >= 12
    # Hidden before its database is closed: a paint must not read from a closed connection.
    loaded, win.ctx = win.ctx, None
    win.close()
    loaded.close()


def test_the_list_fills_when_its_section_is_already_current(qtbot, paths: DataPaths,
                                                          ctx: AppContext) -> None:
    """On a desktop with a window manager the section list takes the focus, and with it row 0,
    while the catalogue is still loading: attach() must fill the list all the same."""
    win = create_window(paths)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.nav.setCurrentRow(0)  # what the focus does before the catalogue is there
    assert win.list_view.model() is None
    win.attach(ctx)
    assert win.nav.currentRow() == 0
    assert win.list_view.model() is win.models["principals"]
    assert win.list_pane.currentWidget() is win.list_box
    assert win.models["principals"].rowCount() >= 12


def test_the_remembered_section_is_shown_after_loading(qtbot, paths: DataPaths,
                                                       ctx: AppContext) -> None:
    win = create_window(paths)
    qtbot.addWidget(win)
    win.settings.setValue("window/section", "contacts")
    win.show()
    win.nav.setCurrentRow(0)
    win.attach(ctx)
    assert win.nav.currentRow() == SECTIONS.index("contacts")
    assert win.list_view.model() is win.models["contacts"]


def test_reloaded_is_emitted_after_a_reload_only(qtbot, paths: DataPaths,
                                                 ctx: AppContext) -> None:
    win = create_window(paths)
    qtbot.addWidget(win)
    emitted: list[str] = []
    win.reloaded.connect(lambda: emitted.append(win.catalogue_label.text()))
    win.attach(ctx)
    assert emitted == []  # the first reading is not a reload
    ctx.conn.execute("UPDATE catalogue_info SET value = '4711' WHERE key = 'dataset_version'")
    win.reload()  # as after an import or undo
    assert len(emitted) == 1 and "4711" in emitted[0]  # emitted once all is re-read


def test_the_window_shows_before_the_heavy_modules_load(tmp_path: Path) -> None:
    """Building the main window (as run_gui does before showing it) imports neither the
    import pipeline (SQLAlchemy, SQLModel, pydantic) nor the search and dialog modules."""
    code = (
        "import sys\n"
        "from pathlib import Path\nfrom tfbb_desktop.core.paths import DataPaths\n"
        "from tfbb_desktop.ui.app import create_window, make_app\n"
        f"paths = DataPaths(Path({str(tmp_path / 'd')!r})); paths.ensure()\n"
        "app = make_app()\n"
        "window = create_window(paths)\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'pydantic', 'tfbb_desktop.core.sync.importer',\n"
        "         'tfbb_desktop.ui.dialogs.import_file', 'tfbb_desktop.ui.pages.search',\n"
        "         'tfbb_desktop.ui.search_runner', 'tfbb_desktop.ui.dialogs.settings',\n"
        "         'tfbb_desktop.ui.dialogs.feedback')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_newer_database_is_refused_with_a_message(qtbot, paths: DataPaths,
                                                    swedish: Any) -> None:
    """In the user's language (here Swedish), through the core's message."""
    paths.ensure()
    conn = sqlite3.connect(paths.catalogue)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    win = create_window(paths)
    qtbot.addWidget(win)
    win.show()
    task = start_loading(win, paths)
    qtbot.waitUntil(lambda: task.done.is_set(), timeout=10000)
    qtbot.waitUntil(lambda: any("Uppdatera appen" in lab.text()
                                for lab in win.detail.findChildren(QLabel)), timeout=5000)
    assert win.ctx is None
    for top in QApplication.topLevelWidgets():
        if top is not win and top.isVisible():
            top.close()


def test_self_check_runs_the_full_app_without_a_screen(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tfbb_desktop", "--data-dir", str(tmp_path / "d"), "--self-check"],
        capture_output=True, text=True, timeout=120,
        env={**_env(), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Självtest OK")
    assert "12 huvudmän" in result.stdout


def test_self_check_reports_a_broken_database(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "catalogue.db").write_bytes(b"this is not a database" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "tfbb_desktop", "--data-dir", str(folder), "--self-check"],
        capture_output=True, text=True, timeout=120, env=_env(),
    )
    assert result.returncode == 1
    assert "Självtest misslyckades" in result.stderr


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)



@pytest.mark.parametrize(("screen", "expected"), [
    ((1920, 1040), (1200, 780)),
    ((1280, 800), (1200, 760)),
    ((1200, 900), (1184, 780)),
    ((1024, 700), (1008, 660)),
])
def test_first_start_window_fits_the_screen(screen: tuple[int, int],
                                            expected: tuple[int, int]) -> None:
    from PySide6.QtCore import QSize

    from tfbb_desktop.ui.main_window import first_size

    assert first_size(QSize(*screen)) == QSize(*expected)


def test_first_start_window_is_no_larger_than_the_screen(qtbot, paths: DataPaths) -> None:
    win = create_window(paths)
    qtbot.addWidget(win)
    available = win.screen().availableGeometry()
    assert win.width() <= available.width() and win.height() <= available.height()
