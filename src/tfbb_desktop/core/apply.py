"""Writing a validated export into the catalogue: every table replaced in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from operator import itemgetter
from typing import Any

from pydantic import BaseModel

from . import export_format as fmt
from .changes import Documents
from .schema import (
    CatalogueInfo,
    ComponentStatusRow,
    ContactRow,
    ExampleRow,
    PrincipalRow,
    VocabTerm,
    WorkRow,
)
from .sorting import sort_key

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


def insert_sql(table: Any) -> str:
    columns = [c.name for c in table.__table__.columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table.__tablename__} ({quoted}) VALUES ({marks})"


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """The values a canonical document leaves out (it holds only what differs from them)."""
    return {name: info.get_default(call_default_factory=True)
            for name, info in model.model_fields.items() if not info.is_required()}


# The export fields of each entity type's columns, in the schema's order (the sort key and
# the document follow), and the field the sort key is made from.
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
_SORTED_BY = {"principals": "name", "contacts": "name", "examples": "title", "work": "title"}


def _moment(value: str) -> str:
    return datetime.fromisoformat(value).isoformat()


# Times are stored as Python's isoformat() of the value; pydantic writes a UTC time with "Z".
# (Dates it writes as isoformat() already.)
_TIMES = {"work": {"starts_at": _moment, "ends_at": _moment}}


def _entity_rows(entity_type: str, docs: Documents) -> Iterator[Row]:
    """The rows of one entity type's table, each read back from its canonical document (which
    leaves out default values)."""
    defaults = _defaults(fmt.ENTITY_MODELS[entity_type])
    columns = itemgetter(*_FIELDS[entity_type])
    sorted_by = _SORTED_BY.get(entity_type)
    times = _TIMES.get(entity_type, {}).items()
    for doc, _name in docs[entity_type].values():
        loaded = json.loads(doc)
        for field_name, convert in times:
            if field_name in loaded:
                loaded[field_name] = convert(loaded[field_name])
        record = {**defaults, **loaded}
        if sorted_by is None:
            yield (*columns(record), doc)
        else:
            yield (*columns(record), sort_key(record[sorted_by]), doc)


def _relation_sql(entity_type: str) -> str:
    """The relation rows of one entity type, from its documents just written (each document
    read once): each target once, at its first position."""
    fields = {f: r for (t, f), r in RELATION_FIELDS.items() if t == entity_type}
    names = " ".join(f"WHEN '{f}' THEN '{r}'" for f, r in fields.items())
    listed = ", ".join(f"'{f}'" for f in fields)
    return (f"INSERT INTO relation (relation, source_id, target_id, position) "
            f"SELECT CASE f.key {names} END, t.id, j.value, min(j.key) "
            f"FROM {TABLES[entity_type].__tablename__} t, json_each(t.doc) f, "
            f"json_each(f.value) j WHERE f.key IN ({listed}) GROUP BY t.rowid, f.key, j.value")


_LINKED_SQL = [
    *(_relation_sql(t) for t in dict.fromkeys(t for t, _f in RELATION_FIELDS)),
    "INSERT INTO work_link (work_id, position, label, url) SELECT w.id, j.key, "
    "json_extract(j.value, '$.label'), json_extract(j.value, '$.url') FROM work w, "
    "json_each(w.doc, '$.links') j ORDER BY w.rowid, j.key",
]


def _vocab_rows(docs: Documents) -> Iterator[Row]:
    defaults = _defaults(fmt.Term)
    for key, (doc, _label) in docs["vocabularies"].items():
        term = {**defaults, **json.loads(doc)}
        yield (key.partition("/")[0], term["id"], term["label"], term["description"],
               term["order"], doc)


def replace_catalogue(conn: sqlite3.Connection, docs: Documents, info: dict[str, str],
                      progress: Callable[[float], None] | None = None) -> None:
    """Replace the catalogue's tables with the export's documents (see
    :func:`validate.parse_documents`). Must run inside a transaction.

    The search index is not rebuilt here: the caller runs :func:`search.index_catalogue` in
    the same transaction once it has let go of the documents (the index reads the tables).
    Each type's rows are made from its documents while they are written.
    """
    for table in DATA_TABLES:
        conn.execute(f"DELETE FROM {table}")
    conn.executemany(insert_sql(VocabTerm), _vocab_rows(docs))
    for index, entity_type in enumerate(TABLES, start=1):
        conn.executemany(insert_sql(TABLES[entity_type]), _entity_rows(entity_type, docs))
        if progress:
            progress(index / (len(TABLES) + 1))
    for sql in _LINKED_SQL:
        conn.execute(sql)
    if progress:
        progress(1.0)
    conn.executemany(insert_sql(CatalogueInfo), sorted(info.items()))
