"""Writing a validated export into the catalogue: every table replaced in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from operator import itemgetter
from typing import Any

from pydantic import BaseModel

from tfbb_desktop.core.sorting import sort_key
from tfbb_desktop.core.store.schema import (
    CatalogueInfo,
    ComponentStatusRow,
    ContactRow,
    ExampleRow,
    PrincipalRow,
    VocabTerm,
    WorkRow,
)
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.changes import Documents

Row = tuple[Any, ...]

# Tables an import replaces (import_log, change_mark and removed_entry are written separately).
DATA_TABLES = ("vocab_term", "principal", "contact", "example", "work", "work_link",
               "component_status", "relation", "catalogue_info")

# Fields stored as relation rows: (entity type, field) -> relation name.
RELATION_FIELDS = {
    ("contacts", "roles"): "contact.roles",
    ("examples", "principals"): "example.principals",
    ("examples", "contacts"): "example.contacts",
    ("examples", "professional_groups"): "example.professional_groups",
    ("examples", "levels"): "example.levels",
    ("examples", "domains"): "example.domains",
    ("examples", "tags"): "example.tags",
    ("work", "principals"): "work.principals",
    ("work", "contacts"): "work.contacts",
    ("work", "components"): "work.components",
}


# Each entity type's table, in the order they are written.
TABLES: dict[str, Any] = {
    "principals": PrincipalRow,
    "contacts": ContactRow,
    "examples": ExampleRow,
    "work": WorkRow,
    "component_status": ComponentStatusRow,
}


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """The values a canonical document leaves out (it holds only what differs from them)."""
    return {name: info.get_default(call_default_factory=True)
            for name, info in model.model_fields.items() if not info.is_required()}


# The export fields of each entity type's columns, in the schema's order (the sort key, for
# the listed types, and the document follow).
_FIELDS = {
    "principals": ("id", "name", "kind", "short_name", "description", "website"),
    "contacts": ("id", "name", "title", "principal", "unit", "email", "phone", "valid_until",
                 "note"),
    "examples": ("id", "title", "kind", "summary", "target_group", "purpose", "method",
                 "results", "lessons", "source", "date"),
    "work": ("id", "title", "kind", "status", "summary", "start_date", "end_date", "starts_at",
             "ends_at", "location", "next_step", "decision", "risks", "source"),
    "component_status": ("principal", "component", "status", "note"),
}


def _moment(value: str) -> str:
    return datetime.fromisoformat(value).isoformat()


# Times are stored as Python's isoformat() of the value; pydantic writes a UTC time with "Z".
# (Dates it writes as isoformat() already.)
_TIMES = {"work": {"starts_at": _moment, "ends_at": _moment}}


def _entity_rows(entity_type: str, docs: Documents) -> Iterator[Row]:
    """The rows of one entity type's table, each read back from its canonical document
    (which leaves out default values); the listed types get the sort key of their display
    name."""
    defaults = _defaults(fmt.ENTITY_MODELS[entity_type])
    columns = itemgetter(*_FIELDS[entity_type])
    times = _TIMES.get(entity_type, {}).items()
    listed = entity_type != "component_status"
    for doc, name in docs[entity_type].values():
        loaded = json.loads(doc)
        for field_name, convert in times:
            if field_name in loaded:
                loaded[field_name] = convert(loaded[field_name])
        record = {**defaults, **loaded}
        if listed:
            yield (*columns(record), sort_key(name), doc)
        else:
            yield (*columns(record), doc)


def _relation_sql(entity_type: str) -> str:
    """The relation rows of one entity type, from its documents just written (each document
    read once): each target once, at its first position."""
    fields = {f: r for (t, f), r in RELATION_FIELDS.items() if t == entity_type}
    names = " ".join(f"WHEN '{f}' THEN '{r}'" for f, r in fields.items())
    listed = ", ".join(f"'{f}'" for f in fields)
    return (f"INSERT INTO relation (relation, source_id, target_id, position) "
            f"SELECT CASE f.key {names} END, t.id, j.value, min(j.key) "
            f"FROM {TABLES[entity_type].__tablename__} t, json_each(t.doc) f, "
            f"json_each(f.value) j WHERE f.key IN ({listed}) GROUP BY f.key, t.id, j.value")


# The rows each type's documents give other tables, written once the type's table is.
_LINKED_SQL = {t: [_relation_sql(t)] for t in dict.fromkeys(t for t, _f in RELATION_FIELDS)}
_LINKED_SQL["work"].append(
    "INSERT INTO work_link (work_id, position, label, url) SELECT w.id, j.key, "
    "json_extract(j.value, '$.label'), json_extract(j.value, '$.url') FROM work w, "
    "json_each(w.doc, '$.links') j ORDER BY w.rowid, j.key")


def _vocab_rows(docs: Documents) -> Iterator[Row]:
    defaults = _defaults(fmt.Term)
    for key, (doc, _label) in docs["vocabularies"].items():
        term = {**defaults, **json.loads(doc)}
        yield (key.partition("/")[0], term["id"], term["label"], term["description"],
               term["order"], doc)


def replace_catalogue(conn: sqlite3.Connection, docs: Documents, info: dict[str, str],
                      progress: Callable[[float], None] | None = None,
                      written: Callable[[str], None] | None = None) -> None:
    """Replace the catalogue's tables with the export's documents (see
    :func:`validate.parse_documents`), inside the caller's transaction. ``written`` is told
    each type once its documents are no longer needed."""
    for table in DATA_TABLES:
        conn.execute(f"DELETE FROM {table}")
    _insert(conn, VocabTerm, _vocab_rows(docs))
    for index, entity_type in enumerate(TABLES, start=1):
        _insert(conn, TABLES[entity_type], _entity_rows(entity_type, docs))
        for sql in _LINKED_SQL.get(entity_type, []):
            conn.execute(sql)
        if written:
            written(entity_type)
        if progress:
            progress(index / (len(TABLES) + 1))
    _insert(conn, CatalogueInfo, sorted(info.items()))
    if progress:
        progress(1.0)


def _insert(conn: sqlite3.Connection, table: Any, rows: Iterable[Row]) -> None:
    columns = [c.name for c in table.__table__.columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"INSERT INTO {table.__tablename__} ({quoted}) VALUES ({marks})", rows)
