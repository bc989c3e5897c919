"""Writing a validated export into the catalogue: every table replaced in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any

from pydantic import BaseModel

from tfbb_desktop.core.entities import REGISTRY, Entity, Registry
from tfbb_desktop.core.sorting import sort_key
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.changes import Documents

Row = tuple[Any, ...]

# Tables an import replaces (import_log, change_mark and removed_entry are written separately).
DATA_TABLES = ("vocab_term", *(e.table for e in REGISTRY.entities), "work_link", "relation",
               "catalogue_info")

# Fields stored as relation rows: (entity type, field) -> relation name.
RELATION_FIELDS = {(e.name, f): r for e in REGISTRY.entities for f, r in e.relations().items()}


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """The values a canonical document leaves out (it holds only what differs from them)."""
    return {name: info.get_default(call_default_factory=True)
            for name, info in model.model_fields.items() if not info.is_required()}


def _entity_rows(entity: Entity, docs: Documents) -> Iterator[Row]:
    """The rows of one entity type's table, each read back from its canonical document
    (which leaves out default values); the listed types get the sort key of their display
    name."""
    defaults = {f.name: fmt.field_type(f)[1] for f in entity.fields if not f.required}
    columns = itemgetter(*(f.name for f in entity.fields if f.column))
    times = [f.name for f in entity.fields if f.type == "datetime"]
    for doc, name in docs[entity.name].values():
        record = {**defaults, **json.loads(doc)}
        for field_name in times:  # stored as isoformat(); pydantic writes a UTC time with "Z"
            if record[field_name] is not None:
                record[field_name] = datetime.fromisoformat(record[field_name]).isoformat()
        if entity.listed:
            yield (*columns(record), sort_key(name), doc)
        else:
            yield (*columns(record), doc)


def _linked_sql(entity: Entity) -> list[str]:
    """The rows an entity type's documents give other tables (from its documents just
    written, each read once): the relation rows, each target once at its first position; the
    links."""
    out = []
    if fields := entity.relations():
        names = " ".join(f"WHEN '{f}' THEN '{r}'" for f, r in fields.items())
        listed = ", ".join(f"'{f}'" for f in fields)
        out.append(f"INSERT INTO relation (relation, source_id, target_id, position) "
                   f"SELECT CASE f.key {names} END, t.id, j.value, min(j.key) "
                   f"FROM {entity.table} t, json_each(t.doc) f, json_each(f.value) j "
                   f"WHERE f.key IN ({listed}) GROUP BY f.key, t.id, j.value")
    out += [f"INSERT INTO work_link (work_id, position, label, url) SELECT t.id, j.key, "
            f"json_extract(j.value, '$.label'), json_extract(j.value, '$.url') "
            f"FROM {entity.table} t, json_each(t.doc, '$.{f.name}') j ORDER BY t.rowid, j.key"
            for f in entity.fields if f.type == "links"]
    return out


def _vocab_rows(docs: Documents) -> Iterator[Row]:
    defaults = _defaults(fmt.Term)
    for key, (doc, _label) in docs["vocabularies"].items():
        term = {**defaults, **json.loads(doc)}
        yield (key.partition("/")[0], term["id"], term["label"], term["description"],
               term["order"], doc)


def replace_catalogue(conn: sqlite3.Connection, docs: Documents, info: dict[str, str],
                      progress: Callable[[float], None] | None = None,
                      registry: Registry = REGISTRY) -> None:
    """Replace the catalogue's tables with the export's documents (see
    :func:`validate.parse_documents`), inside the caller's transaction."""
    for table in DATA_TABLES:
        conn.execute(f"DELETE FROM {table}")
    _insert(conn, "vocab_term", ("vocabulary", "id", "label", "description", "sort_order",
                                 "doc"), _vocab_rows(docs))
    for index, entity in enumerate(registry.entities, start=1):
        _insert(conn, entity.table, entity.columns(), _entity_rows(entity, docs))
        for sql in _linked_sql(entity):
            conn.execute(sql)
        if progress:
            progress(index / (len(registry.entities) + 1))
    _insert(conn, "catalogue_info", ("key", "value"), sorted(info.items()))
    if progress:
        progress(1.0)


def _insert(conn: sqlite3.Connection, table: str, columns: Sequence[str],
            rows: Iterable[Row]) -> None:
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    conn.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)
