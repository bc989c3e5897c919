"""Writing a validated export into the catalogue: every table replaced in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

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


def insert_sql(table: Any) -> str:
    columns = [c.name for c in table.__table__.columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table.__tablename__} ({quoted}) VALUES ({marks})"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _rows(data: fmt.CatalogueData,
          docs: dict[str, dict[str, tuple[str, str]]]) -> Iterator[tuple[Any, Iterable[Row]]]:
    """(table, rows) for every table of the catalogue, in the column order of the schema; the
    rows are made while they are written, so no table's rows are all held at once."""
    vocab_docs = docs["vocabularies"]
    yield VocabTerm, (
        (name, t.id, t.label, t.description, t.order, vocab_docs[f"{name}/{t.id}"][0])
        for name in fmt.VOCABULARIES
        for t in getattr(data.vocabularies, name)
    )
    pdocs = docs["principals"]
    yield PrincipalRow, (
        (p.id, p.name, p.kind, p.short_name, p.description, p.website, sort_key(p.name),
         pdocs[p.id][0])
        for p in data.principals
    )
    cdocs = docs["contacts"]
    yield ContactRow, (
        (c.id, c.name, c.title, c.principal, c.unit, c.email, c.phone, _iso(c.valid_until),
         c.note, sort_key(c.name), cdocs[c.id][0])
        for c in data.contacts
    )
    edocs = docs["examples"]
    yield ExampleRow, (
        (e.id, e.title, e.kind, e.summary, e.target_group, e.purpose, e.method, e.results,
         e.lessons, e.source, _iso(e.date), sort_key(e.title), edocs[e.id][0])
        for e in data.examples
    )
    wdocs = docs["work"]
    yield WorkRow, (
        (w.id, w.title, w.kind, w.status, w.summary, _iso(w.start_date), _iso(w.end_date),
         _iso(w.starts_at), _iso(w.ends_at), w.location, w.next_step, w.decision, w.risks,
         w.source, sort_key(w.title), wdocs[w.id][0])
        for w in data.work
    )
    yield WorkLinkRow, (
        (w.id, position, link.label, link.url)
        for w in data.work
        for position, link in enumerate(w.links)
    )
    sdocs = docs["component_status"]
    yield ComponentStatusRow, (
        (s.principal, s.component, s.status, s.note, sdocs[f"{s.principal}/{s.component}"][0])
        for s in data.component_status
    )
    yield RelationRow, _relation_rows(data)


def _relation_rows(data: fmt.CatalogueData) -> Iterator[Row]:
    for (entity_type, field_name), relation in RELATION_FIELDS.items():
        for record in getattr(data, entity_type):
            seen: set[str] = set()
            for position, target in enumerate(getattr(record, field_name)):
                if target not in seen:
                    seen.add(target)
                    yield relation, record.id, target, position


def replace_catalogue(conn: sqlite3.Connection, data: fmt.CatalogueData,
                      docs: dict[str, dict[str, tuple[str, str]]], info: dict[str, str],
                      progress: Callable[[float], None] | None = None) -> None:
    """Replace the catalogue's tables. Must run inside a transaction.

    The search index is not rebuilt here: the caller runs :func:`search.index_catalogue` in
    the same transaction once it has let go of the export's data (the index reads the tables).
    """
    for table in DATA_TABLES:
        conn.execute(f"DELETE FROM {table}")
    count = len(DATA_TABLES) - 1  # every table but catalogue_info comes from _rows
    for index, (table, rows) in enumerate(_rows(data, docs), start=1):
        conn.executemany(insert_sql(table), rows)
        if progress:
            progress(index / count)
    conn.executemany(insert_sql(CatalogueInfo), sorted(info.items()))
