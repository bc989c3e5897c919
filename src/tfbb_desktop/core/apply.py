"""Writing a validated export into the catalogue: every table replaced in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from . import export_format as fmt
from .schema import (
    CatalogueInfo,
    ComponentStatusRow,
    ContactRow,
    ExampleRow,
    PrincipalRow,
    RelationRow,
    VocabTerm,
    WorkLinkRow,
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


Documents = dict[str, dict[str, tuple[str, str]]]


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """The values a canonical document leaves out (it holds only what differs from them)."""
    return {name: info.get_default(call_default_factory=True)
            for name, info in model.model_fields.items() if not info.is_required()}


def _day(value: str | None) -> str | None:
    return date.fromisoformat(value).isoformat() if value is not None else None


def _moment(value: str | None) -> str | None:
    return datetime.fromisoformat(value).isoformat() if value is not None else None


def _records(docs: dict[str, tuple[str, str]], model: type[BaseModel]
             ) -> Iterator[tuple[dict[str, Any], str]]:
    """Each record of one type read back from its canonical document, defaults filled in."""
    defaults = _defaults(model)
    for doc, _name in docs.values():
        yield {**defaults, **json.loads(doc)}, doc


def _entity_rows(entity_type: str, docs: Documents, extra: list[tuple[Any, Row]]
                 ) -> Iterator[Row]:
    """The rows of one entity type's table; its relation and link rows go to ``extra``."""
    model = fmt.ENTITY_MODELS[entity_type]
    relations = [(f, r) for (t, f), r in RELATION_FIELDS.items() if t == entity_type]
    for r, doc in _records(docs[entity_type], model):
        if entity_type == "principals":
            yield (r["id"], r["name"], r["kind"], r["short_name"], r["description"],
                   r["website"], sort_key(r["name"]), doc)
        elif entity_type == "contacts":
            yield (r["id"], r["name"], r["title"], r["principal"], r["unit"], r["email"],
                   r["phone"], _day(r["valid_until"]), r["note"], sort_key(r["name"]), doc)
        elif entity_type == "examples":
            yield (r["id"], r["title"], r["kind"], r["summary"], r["target_group"], r["purpose"],
                   r["method"], r["results"], r["lessons"], r["source"], _day(r["date"]),
                   sort_key(r["title"]), doc)
        elif entity_type == "work":
            yield (r["id"], r["title"], r["kind"], r["status"], r["summary"],
                   _day(r["start_date"]), _day(r["end_date"]), _moment(r["starts_at"]),
                   _moment(r["ends_at"]), r["location"], r["next_step"], r["decision"],
                   r["risks"], r["source"], sort_key(r["title"]), doc)
            extra.extend((WorkLinkRow, (r["id"], position, link["label"], link["url"]))
                         for position, link in enumerate(r["links"]))
        else:
            yield (r["principal"], r["component"], r["status"], r["note"], doc)
        for field_name, relation in relations:
            seen: set[str] = set()
            for position, target in enumerate(r[field_name]):
                if target not in seen:
                    seen.add(target)
                    extra.append((RelationRow, (relation, r["id"], target, position)))


def _vocab_rows(docs: Documents) -> Iterator[Row]:
    for key, (doc, _label) in docs["vocabularies"].items():
        term = {**_defaults(fmt.Term), **json.loads(doc)}
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
        extra: list[tuple[Any, Row]] = []
        conn.executemany(insert_sql(TABLES[entity_type]), _entity_rows(entity_type, docs, extra))
        for linked in (WorkLinkRow, RelationRow):
            conn.executemany(insert_sql(linked), (row for t, row in extra if t is linked))
        if progress:
            progress(index / len(TABLES))
    conn.executemany(insert_sql(CatalogueInfo), sorted(info.items()))
