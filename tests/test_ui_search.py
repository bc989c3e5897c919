"""Search in the real window: as you type, grouped and highlighted, filters, keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from tfbb_desktop.core import search
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.ui.app import create_window
from tfbb_desktop.ui.context import AppContext, load_context
from tfbb_desktop.ui.main_window import MainWindow
from tfbb_desktop.ui.models import ID_ROLE, TYPE_ROLE
from tfbb_desktop.ui.search_panel import SPANS_ROLE, SearchResultModel


@pytest.fixture
def ctx(paths: DataPaths) -> Iterator[AppContext]:
    context = load_context(paths)
    yield context
    context.close()


@pytest.fixture
def window(qtbot, paths: DataPaths, ctx: AppContext) -> Iterator[MainWindow]:
    win = create_window(paths)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.attach(ctx)
    yield win
    win.close()


def type_and_wait(qtbot, window: MainWindow, text: str) -> None:
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest):
        window.search_field.setText(text)


def groups(window: MainWindow) -> dict[str, list[str]]:
    model = window.search_panel.model
    out: dict[str, list[str]] = {}
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        out[group.data(TYPE_ROLE)] = [model.index(r, 0, group).data(ID_ROLE)
                                      for r in range(model.rowCount(group))]
    return out


def test_result_model_passes_the_model_tester(qtmodeltester, ctx: AppContext) -> None:
    result = search.search(ctx.conn, "kommun")
    model = SearchResultModel(ctx.conn)
    model.set_result(result.hits, result.counts, lambda t: search.highlight_spans(t, "kommun"))
    assert model.rowCount() >= 1
    qtmodeltester.check(model, force_py=True)


def test_typing_searches_without_accents_and_groups_by_type(qtbot, window: MainWindow) -> None:
    type_and_wait(qtbot, window, "oxelosund")
    assert window.searching()
    found = groups(window)
    assert "oxelosund" in found["principals"]
    first_group = window.search_panel.model.index(0, 0)
    assert "(" in first_group.data()  # "Huvudmän (n)"
    hit = window.search_panel.model.index(0, 0, first_group)
    spans = hit.data(SPANS_ROLE)
    assert spans, "the matched word is highlighted"
    start, end = spans[0]
    assert hit.data()[start:end].lower().startswith("oxel")


def test_down_and_enter_open_a_hit_from_the_keyboard(qtbot, window: MainWindow) -> None:
    type_and_wait(qtbot, window, "Haddon")
    window.search_field.setFocus()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert window.search_panel.view.hasFocus() or \
        window.search_panel.view.currentIndex().isValid()
    chosen = window.search_panel.view.currentIndex().data(ID_ROLE)
    assert chosen in {i for ids in groups(window).values() for i in ids}
    qtbot.keyClick(window.search_panel.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail.current is not None
                    and window.detail.current.entity_id == chosen)
    assert window.searching(), "the results stay while an entry is open"


def test_filters_combine_with_the_text_and_show_counts(qtbot, window: MainWindow) -> None:
    type_and_wait(qtbot, window, "kommun")
    assert len(groups(window)) >= 1
    combo = window.search_panel.combos["entity_type"]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert any("(" in text for text in labels[1:]), "each choice shows its live count"
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000):
        combo.setCurrentIndex(combo.findData("contacts"))
    assert set(groups(window)) <= {"contacts"}


def test_typing_in_a_list_goes_to_the_search_field(qtbot, window: MainWindow) -> None:
    window.show_section("contacts")
    window.list_view.setFocus()
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.text == "nimb"):
        qtbot.keyClicks(window.list_view, "nimb")
    assert window.search_field.text() == "nimb"
    assert "kp-jennie-nimborg" in groups(window).get("contacts", [])


@pytest.mark.parametrize("text", ['"', "*", "AND OR NOT", "(", "-", ":", "x" * 10_000,
                                  "🙂", "a\x00b", 'NEAR("a" b)'])
def test_hostile_input_gives_results_or_nothing(qtbot, window: MainWindow, text: str) -> None:
    type_and_wait(qtbot, window, text)
    assert window.search_panel.summary.text()
    assert window.isVisible()


def test_choosing_a_section_ends_the_search(qtbot, window: MainWindow) -> None:
    type_and_wait(qtbot, window, "processledare")
    window.show_section("examples")
    assert not window.searching()
    assert window.search_field.text() == ""
    assert window.list_pane.currentWidget() is window.list_view


def test_ctrl_f_focuses_the_search_field(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
