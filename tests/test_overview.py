"""The overview matrix: principals × model components, with counts per row and column."""

from __future__ import annotations

import copy
import sqlite3
from typing import Any

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import overview
from tfbb_desktop.core.sync import importer
from tfbb_desktop.core.sync.signing import TrustPolicy


def test_rows_are_the_principals_with_a_status_in_swedish_order(
        catalogue_conn: sqlite3.Connection) -> None:
    matrix = overview.build(catalogue_conn)
    names = [r.name for r in matrix.rows]
    assert len(names) == 10
    assert names[0] == "Eskilstuna kommun" and names[-1] == "Vingåkers kommun"
    assert "Region Sörmland" in names and "Oxelösunds kommun" in names
    ids = {r.principal_id for r in matrix.rows}
    assert "fou-i-sormland" not in ids and "lansgemensamt-stod" not in ids  # no status at all
    assert matrix.components[0].label == "Barnets bästa-ansvarig"
    assert len(matrix.components) == 7


def test_cells_carry_the_status_term_and_note(catalogue_conn: sqlite3.Connection) -> None:
    matrix = overview.build(catalogue_conn)
    cell = matrix.cell("katrineholm", "kommunikation-goda-exempel")
    assert cell.status is not None
    assert cell.status.label == "Prövas i liten skala" and cell.status.order == 3
    assert "Katrineholm" in cell.note
    assert matrix.rank(cell.status) == 3
    empty = matrix.cell("oxelosund", "sip")
    assert empty.status is not None and empty.status.label == "Uppgift saknas"
    assert matrix.rank(empty.status) == 0
    assert [s.order for s in matrix.statuses] == [0, 1, 2, 3, 4]


def test_counts_in_place_and_known(catalogue_conn: sqlite3.Connection) -> None:
    matrix = overview.build(catalogue_conn)
    assert [s.label for s in matrix.in_place_statuses] == ["På plats"]
    assert all(matrix.component_in_place(c.id) == 0 for c in matrix.components)
    assert matrix.component_in_place("barnets-basta-ansvarig") == 0 and len(matrix.rows) == 10
    assert matrix.component_known("implementeringsplan") == 1  # Region Sörmland: Planerad
    assert matrix.component_known("kommunikation-goda-exempel") == 1  # Katrineholm
    assert matrix.component_known("sip") == 0
    assert matrix.principal_known("region-sormland") == 1
    assert matrix.principal_known("katrineholm") == 1
    assert matrix.principal_known("oxelosund") == 0
    assert matrix.status_count("uppgift-saknas") == 68
    assert matrix.empty_count() == 0


def test_an_update_that_puts_a_component_in_place_is_counted(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: Any) -> None:
    src = copy.deepcopy(source)
    data = src["data"]
    for status in data["component_status"]:
        if status["principal"] == "katrineholm" and \
                status["component"] == "barnets-basta-ansvarig":
            status["status"] = "pa-plats"
            status["note"] = "Tillsatt."
        if status["principal"] == "flen" and status["component"] == "sip":
            status["status"] = "ej-paborjad"
    # A principal without any status stays out; one with a single status comes in.
    data["component_status"].append({"principal": "fou-i-sormland", "component": "sip",
                                     "status": "planerad"})
    importer.import_file(catalogue_conn, paths, make_export(src, version=2), trust)

    matrix = overview.build(catalogue_conn)
    assert len(matrix.rows) == 11
    assert matrix.component_in_place("barnets-basta-ansvarig") == 1
    assert matrix.principal_in_place("katrineholm") == 1
    assert matrix.principal_known("katrineholm") == 2
    assert matrix.component_known("sip") == 2  # "Ej påbörjad" is known, too
    assert matrix.component_in_place("sip") == 0
    fou = matrix.cell("fou-i-sormland", "gemensam-malbild")
    assert fou.status is None  # nothing recorded for this component
    assert matrix.empty_count() == 6


def test_unknown_status_ids_and_components_are_tolerated(
        catalogue_conn: sqlite3.Connection) -> None:
    # The importer validates references; the matrix still copes with a database that holds a
    # status the vocabulary does not know (older schema, hand-made test data).
    catalogue_conn.execute("UPDATE component_status SET status = 'okand' "
                           "WHERE principal_id = 'trosa' AND component_id = 'sip'")
    catalogue_conn.execute("INSERT INTO component_status VALUES "
                           "('trosa', 'ingen-sadan-del', 'pa-plats', '', '{}')")
    matrix = overview.build(catalogue_conn)
    cell = matrix.cell("trosa", "sip")
    assert cell.status is None and cell.status_id == "okand"
    assert not matrix.is_known(cell) and not matrix.is_in_place(cell)
    assert len(matrix.components) == 7
    assert matrix.principal_in_place("trosa") == 0


def test_the_principals_without_any_status_are_named_as_left_out(
        catalogue_conn: sqlite3.Connection) -> None:
    matrix = overview.build(catalogue_conn)
    assert {r.principal_id for r in matrix.left_out} == {"fou-i-sormland", "lansgemensamt-stod"}
    assert len(matrix.rows) + len(matrix.left_out) == catalogue_conn.execute(
        "SELECT count(*) FROM principal").fetchone()[0]
    assert matrix.total_in_place() == 0 and matrix.total_known() == 2
