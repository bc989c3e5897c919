"""“Did you mean …?”: a near miss corrected from the catalogue's own words, in the core and in
the window."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.search.query import SearchFilters, search
from tfbb_desktop.core.search.suggest import did_you_mean
from tfbb_desktop.core.sync import importer, signing
from tfbb_desktop.ui.main_window import MainWindow


@pytest.mark.parametrize(("typed", "meant"), [
    ("Katrinehom", "Katrineholm"),
    ("katrinehom", "katrineholm"),
    ("Oxelösnd", "Oxelösund"),
    ("sormlnad", "sörmland"),  # shown with the catalogue's å, ä, ö
    ("Katrinehom skola", "Katrineholm skola"),  # a known word stays as it is
])
def test_a_near_miss_is_corrected(catalogue_conn: sqlite3.Connection, typed: str,
                                  meant: str) -> None:
    assert search(catalogue_conn, typed).total == 0
    assert did_you_mean(catalogue_conn, typed) == meant
    assert search(catalogue_conn, meant).total > 0


@pytest.mark.parametrize("typed", ["Katrineholm", "oxel", "xqzwvk", "qqqqqqqq kkkkkkk",
                                   "12345", "", "   "])
def test_nothing_is_offered_for_hits_or_nonsense(catalogue_conn: sqlite3.Connection,
                                                  typed: str) -> None:
    assert did_you_mean(catalogue_conn, typed) is None


def test_a_correction_is_offered_only_if_it_finds_something_with_the_filters(
        catalogue_conn: sqlite3.Connection) -> None:
    assert did_you_mean(catalogue_conn, "Katrinehom",
                        SearchFilters(principal="oxelosund")) is None
    assert did_you_mean(catalogue_conn, "Katrinehom",
                        SearchFilters(principal="katrineholm")) == "Katrineholm"


def test_the_suggestion_only_reads(catalogue_conn: sqlite3.Connection) -> None:
    before = catalogue_conn.total_changes
    catalogue_conn.execute("PRAGMA query_only=1")  # a write would fail here
    try:
        assert did_you_mean(catalogue_conn, "Katrinehom") == "Katrineholm"
    finally:
        catalogue_conn.execute("PRAGMA query_only=0")
    assert catalogue_conn.total_changes == before
    assert not catalogue_conn.in_transaction


def type_and_wait_for_counts(qtbot, window: MainWindow, text: str) -> None:
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest
                          and a.facets is not None):
        window.search_field.setText(text)


def test_the_window_offers_the_correction_and_searches_it(qtbot, window: MainWindow) -> None:
    panel = window.search_panel
    type_and_wait_for_counts(qtbot, window, "Katrinehom")
    assert panel.model.total() == 0
    assert panel.suggestion.isVisible()
    assert panel.suggestion.text() == "Did you mean Katrineholm?"
    assert panel.suggestion.accessibleName() == "Did you mean Katrineholm?"
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest
                          and a.facets is not None):
        qtbot.mouseClick(panel.suggestion, Qt.MouseButton.LeftButton)
    assert window.search_field.text() == "Katrineholm"
    assert panel.model.total() > 0
    assert not panel.suggestion.isVisible()  # found: nothing to offer

    type_and_wait_for_counts(qtbot, window, "xqzwvk")
    assert panel.model.total() == 0 and not panel.suggestion.isVisible()


def test_a_new_catalogue_brings_its_own_words(catalogue_conn: sqlite3.Connection,
                                              paths: DataPaths, source: dict[str, Any],
                                              make_export: Any,
                                              trust: signing.TrustPolicy) -> None:
    assert did_you_mean(catalogue_conn, "Malmköpng") is None  # read, and kept, once
    source["data"]["principals"].append(
        {"id": "malmkoping", "name": "Malmköpings kommun", "kind": "kommun",
         "short_name": "Malmköping", "description": "En kommun som inte finns."})
    export = make_export(source, version=2)
    importer.commit(catalogue_conn, paths,
                    importer.prepare(catalogue_conn, paths, export, trust))
    assert did_you_mean(catalogue_conn, "Malmköpng") == "Malmköping"


def test_the_vocabulary_is_read_once_per_build_of_the_index(
        catalogue_conn: sqlite3.Connection) -> None:
    reads: list[str] = []
    catalogue_conn.set_trace_callback(
        lambda sql: reads.append(sql) if sql.startswith("SELECT term, doc") else None)
    try:
        assert did_you_mean(catalogue_conn, "Katrinehom") == "Katrineholm"
        assert did_you_mean(catalogue_conn, "Eskilstna") == "Eskilstuna"
    finally:
        catalogue_conn.set_trace_callback(None)
    assert len(reads) == 1
