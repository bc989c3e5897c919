"""Search in the real window: as you type, grouped and highlighted, filters, keyboard."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtCore import Qt

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.search import query as search
from tfbb_desktop.ui.app import create_window
from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.main_window import MainWindow
from tfbb_desktop.ui.models import ID_ROLE, TYPE_ROLE
from tfbb_desktop.ui.pages.search import SPANS_ROLE, SearchResultModel
from tfbb_desktop.ui.search_runner import SearchAnswer, facet_pause


@pytest.fixture
def window(qtbot, paths: DataPaths, ctx: AppContext) -> Iterator[MainWindow]:
    win = create_window(paths)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.attach(ctx)
    yield win
    win.close()


def type_and_wait(qtbot, window: MainWindow, text: str, *, counts: bool = False) -> None:
    """Type ``text`` and wait for its hits (and with ``counts`` for its facet counts too)."""
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest
                          and (a.facets is not None or not counts)):
        window.search_field.setText(text)


def groups(window: MainWindow) -> dict[str, list[str]]:
    """Type -> ids, from the flat list of headings and hits."""
    model = window.search_panel.model
    out: dict[str, list[str]] = {}
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        entity_id = index.data(ID_ROLE)
        if entity_id is None:
            out[index.data(TYPE_ROLE)] = []
        else:
            out[index.data(TYPE_ROLE)].append(entity_id)
    return out


def first_hit(window: MainWindow):
    model = window.search_panel.model
    return model.index(model.first_hit_row(), 0)


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
    assert not first_group.flags() & Qt.ItemFlag.ItemIsSelectable
    hit = first_hit(window)
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
    type_and_wait(qtbot, window, "kommun", counts=True)
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
    assert window.list_pane.currentWidget() is window.list_box


def test_ctrl_f_focuses_the_search_field(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()


class _NoIteration(Sequence[str]):
    """A hit list that may be indexed and sliced but never copied whole."""

    def __init__(self, ids: Sequence[str]) -> None:
        self._ids = list(ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self._ids[index]

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the model copied the whole hit list")


def test_result_model_keeps_the_lazy_hit_lists(qtmodeltester, ctx: AppContext) -> None:
    result = search.search(ctx.conn, "a")
    hits = {t: _NoIteration(ids[:]) for t, ids in result.hits.items()}
    model = SearchResultModel(ctx.conn)
    model.set_result(hits, result.counts, lambda t: [])
    assert model.total() == result.total
    shown = [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]
    assert [i for i in shown if i is not None] == [i for t in ("principals", "contacts",
                                                                "examples", "work")
                                                   for i in result.hits[t]]
    assert all(model.index(r, 0).data() for r in range(model.rowCount()))
    qtmodeltester.check(model, force_py=True)


def test_hits_come_first_then_the_counts(qtbot, window: MainWindow) -> None:
    runner = window.search_runner
    answers: list[SearchAnswer] = []
    runner.answered.connect(answers.append)
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.facets is not None):
        window.search_field.setText("kommun")
    mine = [a for a in answers if a.generation == runner.latest]
    assert [a.facets is None for a in mine] == [True, False]
    assert mine[0].result is mine[1].result, "the counts come with the same result"
    assert mine[1].facets["type"]
    assert groups(window), "the hits were shown"


def test_stale_searches_are_dropped_and_never_fail(qtbot, window: MainWindow) -> None:
    runner = window.search_runner
    answers: list[SearchAnswer] = []
    failures: list[str] = []
    runner.answered.connect(answers.append)
    runner.failed.connect(failures.append)
    typed = "samverkan kommun"
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.text == typed and a.facets is not None):
        for end in range(1, len(typed) + 1):
            window.search_field.setText(typed[:end])
    qtbot.wait(int(facet_pause(1.0) * 1000) + 200)
    assert not failures
    assert answers[-1].text == typed and answers[-1].generation == runner.latest
    shown = [a for a in answers if a.facets is not None]
    assert [a.text for a in shown] == [typed], "no counts for a text typed over"
    assert window.search_panel.summary.text()


def test_arrow_keys_step_over_the_headings(qtbot, window: MainWindow) -> None:
    type_and_wait(qtbot, window, "a")
    model = window.search_panel.model
    headings = model.heading_rows()
    assert len(headings) >= 2
    window.search_field.setFocus()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    view = window.search_panel.view
    assert view.currentIndex().row() == model.first_hit_row()
    second = headings[1]
    view.setCurrentIndex(model.index(second - 1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == second + 1, "the heading is stepped over"
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == second - 1
    view.setCurrentIndex(model.index(model.first_hit_row(), 0))
    with qtbot.waitSignal(view.leave_up, timeout=1000):
        qtbot.keyClick(view, Qt.Key.Key_Up)


def test_a_long_hit_is_cut_with_an_ellipsis_and_shown_whole_in_its_tooltip(
        qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from tfbb_desktop.ui.pages.search import hit_layout

    type_and_wait(qtbot, window, "skol")
    view = window.search_panel.view
    model = window.search_panel.model
    rows = [model.index(row, 0) for row in range(model.first_hit_row(), model.rowCount())]
    hit = max((index for index in rows if index.data(ID_ROLE) is not None),
              key=lambda index: len(index.data()))
    text, spans = hit.data(), hit.data(SPANS_ROLE)
    assert spans and " – " in text
    option = QStyleOptionViewItem()
    view.itemDelegate().initStyleOption(option, hit)
    width = option.fontMetrics.horizontalAdvance(text) // 2
    layout = hit_layout(text, spans, option, width)
    shown = layout.text()
    assert shown.endswith("…") and len(shown) < len(text)
    assert text.startswith(shown[:-1].rstrip())
    assert layout.lineAt(0).naturalTextWidth() <= width
    assert layout.lineCount() == 1
    whole = hit_layout(text, spans, option, width * 3)
    assert whole.text() == text  # room enough: not cut
    tooltip = hit.data(Qt.ItemDataRole.ToolTipRole)
    for part in text.split(" – "):
        assert part.strip("\u2068\u2069") in tooltip
