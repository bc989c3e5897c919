"""The main window's panes: none collapses, a layout from a larger screen is fitted to a smaller
one, each section gets sensible widths, and the detail pane follows the section."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.ui.app import create_window
from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.main_window import MainWindow
from tfbb_desktop.ui.splitter import MINIMUMS, NAV_MOST, default_sizes, fitted_sizes


def open_window(qtbot: Any, paths: DataPaths, ctx: AppContext, width: int,
                height: int) -> MainWindow:
    """The app's window at ``width`` x ``height`` (a window of that size on a larger screen)."""
    window = create_window(paths)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    window.attach(ctx)
    qtbot.wait(20)
    assert window.width() == width
    return window


def total(window: MainWindow) -> int:
    return sum(window.splitter.sizes())


def assert_no_pane_squeezed(window: MainWindow) -> None:
    sizes = window.splitter.sizes()
    panes = [window.splitter.widget(i) for i in range(3)]
    for pane, size, minimum in zip(panes, sizes, MINIMUMS, strict=True):
        assert size >= minimum or pane.isHidden(), sizes  # a wide page hides the detail


def save_layout_at_1920(qtbot: Any, paths: DataPaths, ctx: AppContext) -> list[int]:
    """A layout made on a 1920 x 1080 screen: a wide section list and entry list."""
    big = open_window(qtbot, paths, ctx, 1920, 1080)
    big.splitter.moveSplitter(260, 1)  # what dragging the handles does
    big.splitter.moveSplitter(260 + 900, 2)
    sizes = big.splitter.sizes()
    assert sizes[0] >= 255 and sizes[1] >= 890
    big.close()
    return sizes


def test_fitted_sizes_keep_proportions_and_minimums() -> None:
    assert fitted_sizes((1, 2, 3), 600, (0, 0, 0)) == [100, 200, 300]
    assert fitted_sizes((0.15, 0.33, 0.52), 1000, (150, 280, 340)) == [150, 330, 520]
    assert fitted_sizes((0.15, 0.33, 0.52), 800, (150, 280, 340)) == [150, 280, 370]
    assert sum(fitted_sizes((0.15, 0.33, 0.52), 1273, MINIMUMS)) == 1273
    assert fitted_sizes((1, 1, 1), 100, (150, 280, 340)) == [150, 280, 340]  # too narrow
    assert fitted_sizes((1, 0, 0), 100, (200, 0, 0)) == [200, 0, 0]  # the rest weigh nothing
    assert default_sizes(1000, (150, 280, 340)) == [150, 400, 450]
    assert default_sizes(1000)[0] == MINIMUMS[0]  # room for the names
    wide = default_sizes(1900)
    assert wide[0] == NAV_MOST and sum(wide) == 1900 and wide[2] > 0.45 * 1900


def test_a_layout_from_1920_is_fitted_at_1024x700(qtbot: Any, paths: DataPaths,
                                                  ctx: AppContext) -> None:
    save_layout_at_1920(qtbot, paths, ctx)
    small = open_window(qtbot, paths, ctx, 1024, 700)
    small.open_entry("contacts", "kp-jennie-nimborg")
    qtbot.wait(20)
    assert_no_pane_squeezed(small)
    # Scaled down, the 1920 layout would leave the section list too narrow: the defaults.
    assert small.splitter.sizes() == default_sizes(total(small))
    assert small.detail.width() >= 0.42 * total(small)
    # The title beside its type: the list's first column has room for a title's first words.
    small.show_section("examples")
    assert small.list_view.columnWidth(0) >= 190, small.list_view.columnWidth(0)


def test_a_layout_from_1920_keeps_its_proportions_at_1280(qtbot: Any, paths: DataPaths,
                                                          ctx: AppContext) -> None:
    saved = save_layout_at_1920(qtbot, paths, ctx)
    window = open_window(qtbot, paths, ctx, 1280, 800)
    sizes = window.splitter.sizes()
    assert_no_pane_squeezed(window)
    for size, old in zip(sizes, saved, strict=True):
        assert abs(size / total(window) - old / sum(saved)) < 0.01, (sizes, saved)


def test_a_dragged_layout_is_remembered_and_defaults_are_not(qtbot: Any, paths: DataPaths,
                                                            ctx: AppContext) -> None:
    first = open_window(qtbot, paths, ctx, 1200, 800)
    first.close()
    assert first.settings.value("window/splitter") is None  # defaults: nothing to remember
    second = open_window(qtbot, paths, ctx, 1200, 800)
    second.splitter.moveSplitter(10, 1)  # dragged as far as it goes: no pane collapses
    second.splitter.moveSplitter(second.splitter.width(), 2)
    assert_no_pane_squeezed(second)
    sizes = second.splitter.sizes()
    second.close()
    third = open_window(qtbot, paths, ctx, 1200, 800)
    assert all(abs(a - b) <= 1 for a, b in zip(third.splitter.sizes(), sizes, strict=True))


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800)])
def test_every_section_leaves_the_detail_its_room(qtbot: Any, paths: DataPaths, ctx: AppContext,
                                                  size: tuple[int, int]) -> None:
    window = open_window(qtbot, paths, ctx, *size)
    window.open_entry("principals", "oxelosund")
    widths = {tuple(window.splitter.sizes())}  # the same panes on every section
    for page in ("events", "suggestions", "overview", "principals", "events", "suggestions",
                 "favourites", "changes", "work"):
        window.show_section(page)
        qtbot.wait(10)
        if page == "overview":  # wide: the detail pane gives it its room
            assert not window.detail.isVisible()
            continue
        assert_no_pane_squeezed(window)
        assert window.detail.width() >= 0.42 * total(window), (page, window.splitter.sizes())
        widths.add(tuple(window.splitter.sizes()))
    assert len(widths) == 1, widths


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800)])
def test_an_entry_opened_from_helheten_gets_the_detail_its_room(
        qtbot: Any, paths: DataPaths, ctx: AppContext, size: tuple[int, int]) -> None:
    window = open_window(qtbot, paths, ctx, *size)
    window.open_entry("principals", "oxelosund")
    before = window.splitter.sizes()
    window.show_section("overview")
    assert window.lazy_pages.overview_page.open_cell(0, 0)
    qtbot.wait(20)
    assert window.detail.isVisible() and window.splitter.sizes() == before
    assert_no_pane_squeezed(window)


def test_the_detail_follows_the_section(qtbot: Any, paths: DataPaths, ctx: AppContext) -> None:
    window = open_window(qtbot, paths, ctx, 1280, 800)
    window.open_entry("principals", "oxelosund")
    window.lazy_pages.events_page.today = lambda: date(2025, 11, 1)
    window.show_section("events")
    assert window.detail.current is None  # not the principal of the section before

    page = window.lazy_pages.events_page
    index = page.model.index(page.model.row_of("arb-webbinarium-2025-11-07"), 0)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.view.visualRect(index).center())
    assert window.detail.current.entity_id == "arb-webbinarium-2025-11-07"
    assert window.section == "events"

    for other in ("suggestions", "favourites", "changes", "principals", "contacts"):
        window.show_section(other)
        assert window.detail.current is None, other

    window.show_section("events")  # the page's own choice comes back
    assert window.section == "events" and page.isVisible()
    assert window.detail.current.entity_id == "arb-webbinarium-2025-11-07"

    window.open_entry("principals", "gnesta")
    window.show_section("favourites")
    assert window.detail.current is None
    window.show_section("principals")  # the list's own choice comes back
    assert window.detail.current.entity_id == "gnesta"
    assert window.list_view.currentIndex().row() == window.models["principals"].row_of("gnesta")



@pytest.mark.parametrize("remembered", [False, True])
def test_larger_text_widens_the_sections_pane_to_its_names(
        qtbot: Any, paths: DataPaths, ctx: AppContext, remembered: bool,
        swedish: Any) -> None:
    """At a larger text size the sections' names (Swedish, the longer) show in full: with
    the default widths (the size kept from the last time) and with a layout the user chose
    (Ctrl+plus)."""
    first = open_window(qtbot, paths, ctx, 1008, 660)  # as on a 1024 x 700 screen
    if remembered:
        first.splitter.moveSplitter(0, 1)  # the sections as narrow as they go
    else:
        first.set_zoom(3)
        first.settings.setValue("view/zoom", 3)
    first.close()
    window = open_window(qtbot, paths, ctx, 1008, 660)
    nav = window.nav
    if remembered:
        assert nav.width() < 190
        for _step in range(3):
            window.zoom_text(1)  # Ctrl+plus
    assert window.zoom == 3

    def names_in_full() -> None:
        qtbot.waitUntil(lambda: nav.width() >= nav.sizeHintForColumn(0))
        qtbot.waitUntil(lambda: nav.horizontalScrollBar().maximum() == 0)  # no name cut off
        assert_no_pane_squeezed(window)

    names_in_full()
    window.show_section("contacts")  # another section keeps them in full
    names_in_full()
    window.show_section("overview")  # a wide page too
    names_in_full()
    window.show_section("contacts")
    names_in_full()
    window.close()  # and so does the next start, with the text size and the layout kept
    again = open_window(qtbot, paths, ctx, 1008, 660)
    nav = again.nav
    window = again
    names_in_full()


def test_larger_text_on_a_wide_page_widens_the_sections_pane(qtbot: Any, paths: DataPaths,
                                                            ctx: AppContext, swedish: Any) -> None:
    """Ctrl+plus on Helheten (which hides the detail pane) widens the sections' list to its
    names too; back beside the detail, every pane has its room."""
    window = open_window(qtbot, paths, ctx, 1008, 660)
    window.show_section("overview")
    for _step in range(3):
        window.zoom_text(1)
    nav = window.nav
    qtbot.waitUntil(lambda: nav.horizontalScrollBar().maximum() == 0)
    assert nav.width() >= nav.sizeHintForColumn(0)
    window.show_section("contacts")
    qtbot.wait(20)
    assert_no_pane_squeezed(window)
    assert nav.horizontalScrollBar().maximum() == 0


def test_the_detail_hints_at_a_choice_only_beside_an_entry_list(qtbot: Any, paths: DataPaths,
                                                               ctx: AppContext) -> None:
    """A page (favourites, events …) says itself what it lists and when it is empty: with
    nothing chosen, the detail pane beside it is blank; beside an entry list it asks for a
    choice."""
    from PySide6.QtWidgets import QLabel

    window = open_window(qtbot, paths, ctx, 1280, 800)

    def hint() -> str:
        return window.detail.widget().findChild(QLabel, "emptyHint").text()

    window.set_favourite_of("principals", "oxelosund", True)
    for page in ("favourites", "events", "suggestions", "changes"):
        window.show_section(page)
        assert window.detail.current is None and hint() == "", page
    window.show_section("examples")
    assert hint().startswith("Choose an entry in the list")


def test_tab_goes_from_the_sections_into_a_page_made_later(qtbot: Any, paths: DataPaths,
                                                           ctx: AppContext) -> None:
    """A page built when first shown (or a list made anew) is reached by Tab right after
    the sections, not after the toolbar's search field."""
    from PySide6.QtWidgets import QApplication

    window = open_window(qtbot, paths, ctx, 1280, 800)
    window.set_favourite_of("principals", "oxelosund", True)
    for page, first in (("events", "showPastEvents"), ("favourites", "favouriteList")):
        window.show_section(page)
        qtbot.wait(20)
        window.nav.setFocus()
        qtbot.keyClick(window.nav, Qt.Key.Key_Tab)
        assert QApplication.focusWidget().objectName() == first, page
