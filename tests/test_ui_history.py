"""Back and Forward follow every way of opening an entry, in the real window, offscreen."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from tfbb_desktop.ui.history import History, Step
from tfbb_desktop.ui.main_window import MainWindow
from tfbb_desktop.ui.models import ID_ROLE
from tfbb_desktop.ui.pages.detail import RelatedList
from tfbb_desktop.ui.pages.overview import COMPONENT_ROLE


def entries(window: MainWindow) -> list[tuple[str, str]]:
    return [step.entry for step in window.history.steps]


def shown(window: MainWindow) -> tuple[str, str] | None:
    current = window.detail.current
    return None if current is None else (current.entity_type, current.entity_id)


def back(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)


def start_at(window: MainWindow, entity_id: str = "katrineholm") -> None:
    """A first step, so that Back has somewhere to go."""
    assert window.open_entry("principals", entity_id)


def highlighted(window: MainWindow, entity_type: str, entity_id: str) -> bool:
    """The entry's section is chosen in the navigation and its row in the list."""
    item = window.nav.currentItem()
    index = window.list_view.currentIndex()
    return item is not None and item.data(ID_ROLE) == entity_type and \
        index.isValid() and index.data(ID_ROLE) == entity_id


def test_the_history_drops_the_steps_ahead_and_keeps_one_step_per_entry() -> None:
    history = History()
    for name in ("a", "b", "c"):
        history.record(Step("principals", name))
    assert history.back() == Step("principals", "b")
    history.record(Step("principals", "d"))
    assert [s.entity_id for s in history.steps] == ["a", "b", "d"]
    assert not history.can_go_forward()
    history.record(Step("principals", "d", page="overview"))
    assert len(history.steps) == 3 and history.current() == Step("principals", "d", "overview")


def test_a_row_of_a_list_goes_into_the_history_and_is_highlighted(
        qtbot: Any, window: MainWindow) -> None:
    start_at(window)
    window.show_section("contacts")
    model = window.list_view.model()
    window.list_view.setCurrentIndex(model.index(0, 0))
    contact = ("contacts", model.index(0, 0).data(ID_ROLE))
    assert entries(window)[-1] == contact
    back(qtbot, window)
    assert shown(window) == ("principals", "katrineholm")
    assert highlighted(window, "principals", "katrineholm")
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert shown(window) == contact and highlighted(window, *contact)


def test_a_search_result_and_back_to_the_search_as_it_was(qtbot: Any, window: MainWindow) -> None:
    start_at(window)
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest):
        window.search_field.setText("kommun")
    panel = window.search_panel
    kind = panel.combos["entity_type"]
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest):
        kind.setCurrentIndex(kind.findData("principals"))
    row = panel.model.row_of("principals", "oxelosund")
    assert row > 0
    panel.view.setCurrentIndex(panel.model.index(row, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert shown(window) == ("principals", "oxelosund")
    assert highlighted(window, "principals", "oxelosund")
    window.show_section("contacts")  # leaves the search
    assert not window.searching() and window.search_field.text() == ""
    window.list_view.setCurrentIndex(window.list_view.model().index(0, 0))
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest):
        back(qtbot, window)
    assert shown(window) == ("principals", "oxelosund")
    assert window.searching()
    assert window.search_field.text() == "kommun"
    assert kind.currentData() == "principals"
    current = panel.view.currentIndex()
    assert current.row() == panel.model.row_of("principals", "oxelosund")
    back(qtbot, window)  # the step before the search: the search ends
    assert shown(window) == ("principals", "katrineholm") and not window.searching()


def test_a_link_on_a_detail_page_goes_into_the_history(qtbot: Any, window: MainWindow) -> None:
    start_at(window)
    links = window.detail.widget().findChildren(RelatedList)
    assert links
    first = links[0].ref_model().ref(0)
    links[0].clicked.emit(links[0].model().index(0, 0))
    qtbot.waitUntil(lambda: shown(window) == (first.entity_type, first.entity_id))
    assert entries(window) == [("principals", "katrineholm"), (first.entity_type, first.entity_id)]
    back(qtbot, window)
    assert shown(window) == ("principals", "katrineholm")


def test_favourites_and_changes_go_into_the_history(qtbot: Any, window: MainWindow) -> None:
    window.ctx.userdata.set_favourite("principals", "oxelosund", True)
    window._refresh_pages()
    start_at(window)
    window.favourites_page.open_ref.emit("principals", "oxelosund")
    assert entries(window)[-1] == ("principals", "oxelosund")
    window.show_section("changes")
    window.changes_page.open_ref.emit("principals", "flen")
    assert entries(window)[-2:] == [("principals", "oxelosund"), ("principals", "flen")]
    assert highlighted(window, "principals", "flen")
    back(qtbot, window)
    assert shown(window) == ("principals", "oxelosund")


def test_a_cell_of_helheten_goes_into_the_history(qtbot: Any, window: MainWindow) -> None:
    start_at(window, "flen")
    window.show_section("overview")
    page = window.lazy_pages.overview_page
    row = next(r for r in range(page.model.rowCount())
               if page.model.index(r, 0).data(ID_ROLE) == "katrineholm")
    column = next(c for c in range(page.model.columnCount())
                  if page.model.index(0, c).data(COMPONENT_ROLE))
    assert page.open_cell(row, column)
    # Helheten is a step of its own: it is not shown beside the entry, Back shows it again.
    assert entries(window) == [("principals", "flen"), ("", "overview"),
                               ("principals", "katrineholm")]
    back(qtbot, window)
    assert window.section == "overview" and not window.detail.isVisible()
    window.go_forward()
    assert shown(window) == ("principals", "katrineholm") and window.detail.isVisible()
    back(qtbot, window)
    back(qtbot, window)
    assert shown(window) == ("principals", "flen")


def test_a_hit_of_a_search_begun_on_helheten_is_no_step_of_helheten(qtbot: Any,
                                                                    window: MainWindow) -> None:
    start_at(window, "flen")
    window.show_section("overview")
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest):
        window.search_field.setText("kommun")
    panel = window.search_panel
    panel.view.setCurrentIndex(panel.model.index(panel.model.row_of("principals", "trosa"), 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert entries(window) == [("principals", "flen"), ("principals", "trosa")]


def test_an_event_goes_into_the_history_and_back_shows_the_events_again(
        qtbot: Any, window: MainWindow) -> None:
    page = window.lazy_pages.events_page
    page.today = lambda: date(2025, 11, 1)
    window.show_section("events")
    page.select(page.model.item_key(page.model.item_at(0)))
    assert page.open_selected()
    first = shown(window)
    assert first is not None
    start_at(window)
    assert window.section == "principals"
    back(qtbot, window)
    assert shown(window) == first
    assert window.section == "events" and page.isVisible()
    assert window.history.current() == Step(*first, page="events")


def test_open_in_the_context_menu_goes_into_the_history(qtbot: Any, window: MainWindow) -> None:
    from tfbb_desktop.ui.entry_menu import MenuEntry

    start_at(window)
    menu = window.entry_menus.entry_menu(MenuEntry("principals", "flen", "Flens kommun"), window)
    opened = next(a for a in menu.actions() if a.objectName() == "menuOpen")
    opened.trigger()
    assert entries(window) == [("principals", "katrineholm"), ("principals", "flen")]
    assert highlighted(window, "principals", "flen")


def test_back_between_two_events_chooses_the_event_on_the_page_again(
        qtbot: Any, window: MainWindow) -> None:
    page = window.lazy_pages.events_page
    page.today = lambda: date(2025, 11, 1)
    window.show_section("events")
    assert page.model.rowCount() >= 2
    opened = []
    for row in (0, 1):
        page.select(page.model.item_key(page.model.item_at(row)))
        assert page.open_selected()
        opened.append(shown(window))
    assert opened[0] != opened[1]
    back(qtbot, window)
    assert shown(window) == opened[0]
    assert page.chosen_entry() == opened[0] and window.section == "events"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert shown(window) == opened[1] and page.chosen_entry() == opened[1]
