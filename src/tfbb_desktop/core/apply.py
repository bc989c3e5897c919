"""Writing a validated export into the catalogue: every table replaced in one transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from operator import itemgetter
from typing import Any

from pydantic import BaseModel

from . import export_format as fmt
from .batch_writer import BatchWriter
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
from .search_index import IndexSource, clear_index
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


def _insert_head(table: Any) -> tuple[str, int]:
    """``INSERT INTO table (columns)`` for :meth:`BatchWriter.insert`, and the column count."""
    columns = [c.name for c in table.__table__.columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table.__tablename__} ({quoted})", len(columns)


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


def _once(ids: list[str]) -> list[str]:
    """Each id once, at its first place (as the relation rows hold them)."""
    return list(dict.fromkeys(ids))


def _index_principal(source: IndexSource, r: dict[str, Any]) -> None:
    source.add_principal(r["id"], r["name"], r["short_name"], r["kind"], r["description"])


def _index_contact(source: IndexSource, r: dict[str, Any]) -> None:
    source.add_contact(r["id"], r["name"], r["title"], r["principal"], r["unit"],
                       r["email"], r["phone"], r["note"], _once(r["roles"]))


def _index_example(source: IndexSource, r: dict[str, Any]) -> None:
    source.add_example(r["id"], r["title"], r["kind"], r["source"],
                       [r["summary"], r["target_group"], r["purpose"], r["method"],
                        r["results"], r["lessons"]],
                       _once(r["principals"]), _once(r["professional_groups"]),
                       _once(r["levels"]), _once(r["domains"]), _once(r["tags"]))


def _index_work(source: IndexSource, r: dict[str, Any]) -> None:
    source.add_work(r["id"], r["title"], r["kind"], r["status"], r["location"],
                    r["source"], [r["summary"], r["next_step"], r["decision"], r["risks"]],
                    _once(r["principals"]), _once(r["components"]))


# How each listed entry type goes into the search index's first pass; these types have a sort
# key (from the display name, see _in_order).
_INDEXED = {"principals": _index_principal, "contacts": _index_contact,
            "examples": _index_example, "work": _index_work}


def _in_order(entity_type: str, docs: Documents) -> Iterator[tuple[str, str]]:
    """(sort key, document) of one type's entries, in Swedish alphabetical order (the sort
    key of the name or title, which is also the display name, then id): the order of the
    index's rowids. Component statuses have no sort key and keep their order."""
    listed = docs[entity_type]
    if entity_type not in _INDEXED:
        return (("", doc) for doc, _name in listed.values())
    keyed = sorted((sort_key(name), key) for key, (_doc, name) in listed.items())
    return ((order, listed[key][0]) for order, key in keyed)


def _entity_rows(entity_type: str, docs: Documents, source: IndexSource) -> Iterator[Row]:
    """The rows of one entity type's table in the index's order, each read back from its
    canonical document (which leaves out default values; the document itself goes in UTF-8);
    each entry is handed to the search index's first pass too."""
    defaults = _defaults(fmt.ENTITY_MODELS[entity_type])
    columns = itemgetter(*_FIELDS[entity_type])
    times = _TIMES.get(entity_type, {}).items()
    indexed = _INDEXED.get(entity_type)
    for key, doc in _in_order(entity_type, docs):
        loaded = json.loads(doc)
        for field_name, convert in times:
            if field_name in loaded:
                loaded[field_name] = convert(loaded[field_name])
        record = {**defaults, **loaded}
        if indexed is None:
            yield (*columns(record), doc.encode())
            continue
        indexed(source, record)
        yield (*columns(record), key, doc.encode())


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


def replace_catalogue(writer: BatchWriter, docs: Documents, info: dict[str, str],
                      progress: Callable[[float], None] | None = None,
                      written: Callable[[str], None] | None = None) -> IndexSource:
    """Queue the statements that replace the catalogue's tables with the export's documents
    (see :func:`validate.parse_documents`); the writer runs inside the caller's transaction.

    The search index is emptied, and its first pass made from the same entries while their
    rows are (their facet rows are queued with them). Returns that first pass: the
    caller finishes the index with :func:`search_index.write_index` in the same
    transaction. ``written`` is told each type once its documents are no longer needed.
    """
    for table in DATA_TABLES:
        writer.execute(f"DELETE FROM {table}")
    clear_index(writer)
    vocab_rows = list(_vocab_rows(docs))
    _insert(writer, VocabTerm, vocab_rows)
    source = IndexSource(writer, {(row[0], row[1]): row[2] for row in vocab_rows})
    for index, entity_type in enumerate(TABLES, start=1):
        indexed = entity_type in _INDEXED
        if indexed:
            source.begin(entity_type)
        _insert(writer, TABLES[entity_type], _entity_rows(entity_type, docs, source))
        if indexed:
            source.end(entity_type)
        for sql in _LINKED_SQL.get(entity_type, []):
            writer.execute(sql)
        if written:
            written(entity_type)
        if progress:
            progress(index / (len(TABLES) + 1))
    if progress:
        progress(1.0)
    writer.insert(*_insert_head(CatalogueInfo), sorted(info.items()))
    return source


def _insert(writer: BatchWriter, table: Any, rows: Iterable[Row]) -> None:
    """Queue a table's rows. The last column is the document, which the change set keeps
    after it is written: it is handed over in UTF-8 (see :meth:`BatchWriter.insert`)."""
    head, width = _insert_head(table)
    writer.insert(head, width, rows, utf8=(width - 1,))
