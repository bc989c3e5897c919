"""One field added to the registry (core/entities.py) reaches the export's schema, the table,
the import, the search and the detail pane, with no other declaration."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError
from PySide6.QtWidgets import QLabel

from tfbb_desktop.core.entities import REGISTRY, Field
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.search import index as search_index
from tfbb_desktop.core.search import query as search
from tfbb_desktop.core.store import catalogue, queries
from tfbb_desktop.core.store.db import transaction
from tfbb_desktop.core.sync import apply, changes
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.ui.pages.detail import DetailView

HOURS = Field("contact_hours", "text", "Contact hours", search="meta")
WITH_HOURS = REGISTRY.with_field("work", HOURS, after="location")
VALUE = "Tisdagar 9–11 på Kvarnbackens familjecentral"


def _source_with_hours(source: dict[str, Any]) -> tuple[dict[str, Any], str]:
    work = source["data"]["work"][0]
    work["contact_hours"] = VALUE
    return source["data"], work["id"]


@pytest.fixture
def imported(paths: DataPaths, source: dict[str, Any]) -> Iterator[tuple[sqlite3.Connection,
                                                                         str]]:
    """A catalogue with the new column (added as its migration would) and an export holding
    the field, written and indexed with the copied registry."""
    data, work_id = _source_with_hours(source)
    conn = catalogue.open_catalogue(paths)
    conn.execute("ALTER TABLE work ADD COLUMN contact_hours VARCHAR NOT NULL DEFAULT ''")
    parsed = fmt.data_model(WITH_HOURS).model_validate(data)
    with transaction(conn):
        apply.replace_catalogue(conn, changes.new_documents(parsed), {"dataset_version": "1"},
                                registry=WITH_HOURS)
        search_index.build_index(conn, registry=WITH_HOURS)
    yield conn, work_id
    conn.close()


def test_the_export_schema_has_the_field() -> None:
    schema = fmt.data_model(WITH_HOURS).model_json_schema()
    hours = schema["$defs"]["WorkItem"]["properties"]["contact_hours"]
    assert hours["maxLength"] == fmt.MAX_SHORT_CHARS and hours["default"] == ""
    assert "contact_hours" not in schema["$defs"]["WorkItem"].get("required", [])
    assert "contact_hours" not in fmt.CatalogueData.model_json_schema()["$defs"]["WorkItem"][
        "properties"]


def test_only_the_copied_registry_takes_the_field(source: dict[str, Any]) -> None:
    data, _work_id = _source_with_hours(source)
    with pytest.raises(ValidationError, match="contact_hours"):
        fmt.CatalogueData.model_validate(data)
    assert fmt.data_model(WITH_HOURS).model_validate(data).work[0].contact_hours == VALUE


def test_the_table_has_the_column(imported: tuple[sqlite3.Connection, str]) -> None:
    conn, _work_id = imported
    columns = [row[1] for row in conn.execute("PRAGMA table_info(work)")]
    assert sorted(columns) == sorted(WITH_HOURS.entity("work").columns())
    assert "contact_hours" not in REGISTRY.entity("work").columns()


def test_the_import_writes_it_and_reads_it_back(imported: tuple[sqlite3.Connection, str]
                                                ) -> None:
    conn, work_id = imported
    assert conn.execute("SELECT contact_hours FROM work WHERE id = ?",
                        (work_id,)).fetchone() == (VALUE,)
    others = conn.execute("SELECT count(*) FROM work WHERE contact_hours = ''").fetchone()[0]
    assert others == conn.execute("SELECT count(*) FROM work").fetchone()[0] - 1


def test_the_search_finds_the_value(imported: tuple[sqlite3.Connection, str]) -> None:
    conn, work_id = imported
    assert list(search.search(conn, "kvarnbackens").hits["work"]) == [work_id]
    assert list(search.search(conn, "tisdagar").hits["work"]) == [work_id]


def test_the_detail_pane_shows_label_and_value(
        qtbot: Any, imported: tuple[sqlite3.Connection, str]) -> None:
    conn, work_id = imported
    detail = queries.detail(conn, "work", work_id, registry=WITH_HOURS)
    assert detail is not None
    names = [name for name, _label, _value in detail.fields]
    assert names[names.index("location") + 1] == "contact_hours"
    view = DetailView()
    qtbot.addWidget(view)
    view.show_detail(detail)
    texts = [label.text() for label in view.widget().findChildren(QLabel)]
    assert texts[texts.index("Contact hours") + 1] == VALUE
