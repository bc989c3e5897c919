"""Lists people can work with: columns sorted in Swedish order, a type filter, the user's
star and note in the rows, and type-ahead from the keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QPaintEvent, QRegion
from PySide6.QtWidgets import QWidget

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import lists
from tfbb_desktop.core.sync import importer, signing
from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.main_window import MainWindow
from tfbb_desktop.ui.models import FAVOURITE_MARK, ID_ROLE, MARKS, NOTE_MARK, SUBTITLE

# Titles whose Swedish order differs from the order of their code points (Ä < Å there).
TITLES = {"kp-karin-dahlqvist-claesson": "Ärendehandläggare",
          "kp-malin-sjoqvist": "Åklagare",
          "kp-nettan-candolf": "Zonansvarig",
          "kp-johan-lindeberg": "Öppenvårdschef",
          "kp-marita-encke-dahlin": "Avdelningschef"}


@pytest.fixture
def ctx(ctx: AppContext, paths: DataPaths, source: dict[str, Any], make_export: Any,
        trust: signing.TrustPolicy) -> AppContext:
    """The context on a catalogue whose titles sort differently in Swedish."""
    for person in source["data"]["contacts"]:
        person["title"] = TITLES.get(person["id"], person["title"])
    export: Path = make_export(source, version=2)
    importer.commit(ctx.conn, paths, importer.prepare(ctx.conn, paths, export, trust))
    return ctx


def column(window: MainWindow, col: int) -> list[str]:
    model = window.list_view.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_a_click_on_a_column_sorts_it_in_swedish_order(qtbot: Any, qtmodeltester: Any,
                                                       window: MainWindow) -> None:
    window.show_section("contacts")
    model = window.models["contacts"]
    by_name = list(model.ids())
    window.open_entry("contacts", "kp-malin-sjoqvist")
    header = window.list_view.horizontalHeader()
    x = header.sectionViewportPosition(SUBTITLE) + header.sectionSize(SUBTITLE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))
    titles = column(window, SUBTITLE)
    assert titles.index("Avdelningschef") == 0
    tail = titles[-4:]
    assert tail == ["Zonansvarig", "Åklagare", "Ärendehandläggare", "Öppenvårdschef"]
    assert header.sortIndicatorSection() == SUBTITLE
    # The chosen entry stays chosen where its row went.
    assert window.list_view.currentIndex().data(ID_ROLE) == "kp-malin-sjoqvist"
    qtmodeltester.check(model, force_py=True)
    window.list_view.sortByColumn(SUBTITLE, Qt.SortOrder.DescendingOrder)
    assert column(window, SUBTITLE)[:4] == tail[::-1]
    window.list_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert list(model.ids()) == by_name[::-1]
    window.reload()  # the order stays after the catalogue is read again
    assert list(model.ids()) == by_name[::-1]
    window.show_section("principals")  # each list keeps its own order
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    window.show_section("contacts")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_by_subtitle_keeps_equal_ones_by_name(ctx: AppContext) -> None:
    ids = lists.ids_of_kind(ctx.conn, "principals", None)
    ordered = lists.by_subtitle(ctx.conn, "principals", ids)
    municipalities = [i for i in ordered if i in lists.ids_of_kind(ctx.conn, "principals",
                                                                   "kommun")]
    assert municipalities == lists.ids_of_kind(ctx.conn, "principals", "kommun")
    assert ordered.index("fou-i-sormland") < ordered.index("eskilstuna") < \
        ordered.index("region-sormland")  # "FoU", "Kommun", "Region"


def test_a_list_that_mixes_types_can_show_one(qtmodeltester: Any, window: MainWindow) -> None:
    window.show_section("principals")
    bar = window.list_bar
    assert bar.kind.isVisible() and bar.kind.accessibleName()
    labels = [bar.kind.itemText(i) for i in range(bar.kind.count())]
    assert labels[0] == "All types" and "Region" in labels and "Kommun" in labels
    bar.kind.setCurrentIndex(bar.kind.findData("region"))
    assert column(window, 0) == ["Region Sörmland"]
    qtmodeltester.check(window.models["principals"], force_py=True)
    window.show_section("contacts")  # contacts have no types: no choice
    assert not bar.kind.isVisible()
    window.show_section("principals")  # the choice is kept
    assert bar.kind.currentData() == "region" and column(window, 0) == ["Region Sörmland"]
    bar.kind.setCurrentIndex(0)
    assert len(column(window, 0)) == 12


def test_rows_show_the_users_star_and_note(qtbot: Any, window: MainWindow,
                                           ctx: AppContext) -> None:
    window.show_section("contacts")
    model = window.models["contacts"]
    row = model.row_of("kp-katarina-haddon")
    cell = model.index(row, MARKS)
    assert cell.data() == ""
    window.open_entry("contacts", "kp-katarina-haddon")
    window.detail.star.click()
    assert model.index(row, MARKS).data() == FAVOURITE_MARK
    window.detail.note_edit.setPlainText("Ringer tillbaka på fredag")
    window.detail.flush_note()
    assert model.index(row, MARKS).data() == f"{FAVOURITE_MARK} {NOTE_MARK}"
    assert model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole).endswith(
        "(favourite, note)")
    assert model.index(row, 0).data() == "Katarina Haddon"  # the name alone, for type-ahead
    window.set_favourite_of("contacts", "kp-elisabeth-kantor", True)  # from a context menu
    assert model.index(model.row_of("kp-elisabeth-kantor"), MARKS).data() == FAVOURITE_MARK
    window.list_view.sortByColumn(MARKS, Qt.SortOrder.AscendingOrder)
    assert model.ids()[:2] == ["kp-katarina-haddon", "kp-elisabeth-kantor"]


def test_typing_in_a_list_goes_to_the_name(qtbot: Any, window: MainWindow) -> None:
    window.show_section("contacts")
    window.list_view.setFocus()
    qtbot.keyClicks(window.list_view, "kat")
    assert window.list_view.currentIndex().data(ID_ROLE) == "kp-katarina-haddon"
    assert window.detail.current is not None
    assert window.detail.current.entity_id == "kp-katarina-haddon"
    assert window.search_field.text() == ""
    # Letters that begin no name there search the whole catalogue instead.
    qtbot.keyClick(window.list_view, "x")
    assert window.search_field.text() == "katx" and window.search_field.hasFocus()


class PaintedRegion(QObject):
    """The region of ``widget`` painted since :meth:`clear`."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.region = QRegion()
        widget.installEventFilter(self)

    def clear(self) -> None:
        self.region = QRegion()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.region = self.region.united(event.region())
        return False


def test_a_click_on_a_row_repaints_the_whole_row_and_the_one_it_leaves(
        qtbot: Any, window: MainWindow) -> None:
    """The list shows the chosen row highlighted in every column, and the row chosen before
    in none (the selection changes must reach the view, which repaints what they touch)."""
    window.show_section("principals")
    view = window.list_view
    window.activateWindow()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(view.model().index(0, 0)).center())
    qtbot.waitUntil(lambda: view.hasFocus() and view.currentIndex().row() == 0)
    painted = PaintedRegion(view.viewport())
    qtbot.wait(100)  # the focus's repaint done
    painted.clear()
    target = view.model().index(2, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(target).center())
    assert view.currentIndex().row() == 2
    for row in (0, 2):  # the row left and the row chosen, in their other columns too
        cell = view.visualRect(view.model().index(row, SUBTITLE))
        qtbot.waitUntil(lambda cell=cell: painted.region.contains(cell.center()))
