"""The catalogue's tables (SQLModel).

Every entry keeps the export's stable string id. ``doc`` holds the entry's canonical JSON as
the export gave it; it is what the change set compares. ``sort_key`` holds the Swedish
alphabetical key (see :mod:`tfbb_desktop.core.sorting`).

The DDL that creates these tables lives in the numbered migrations
(``core/store/migrations/catalogue_*.sql``); a test checks that the two agree.
"""

from __future__ import annotations

import types
from typing import Any

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from tfbb_desktop.core.entities import NULLABLE_TYPES, REGISTRY, Entity


class CatalogueInfo(SQLModel, table=True):
    __tablename__ = "catalogue_info"
    key: str = Field(primary_key=True)
    value: str


class VocabTerm(SQLModel, table=True):
    __tablename__ = "vocab_term"
    vocabulary: str = Field(primary_key=True)
    id: str = Field(primary_key=True)
    label: str
    description: str = ""
    sort_order: int = 0
    doc: str


def entity_table(entity: Entity) -> type[SQLModel]:
    """The table of an entity type, its columns from the registry (then the sort key of a
    listed type, and the document)."""
    columns: dict[str, Any] = {}
    for f in entity.fields:
        if f.column is not None:
            kind: Any = str | None if f.type in NULLABLE_TYPES else str
            columns[f.column] = (kind, Field(primary_key=f.name in entity.key, index=f.indexed))
    if entity.listed:
        columns["sort_key"] = (str, Field(index=True))
    columns["doc"] = (str, Field())

    def body(namespace: dict[str, Any]) -> None:
        namespace["__tablename__"] = entity.table
        namespace["__annotations__"] = {c: kind for c, (kind, _f) in columns.items()}
        namespace.update({c: f for c, (_kind, f) in columns.items()})
    return types.new_class(f"{entity.model}Row", (SQLModel,), {"table": True}, exec_body=body)


ENTITY_ROWS = {e.name: entity_table(e) for e in REGISTRY.entities}


class WorkLinkRow(SQLModel, table=True):
    __tablename__ = "work_link"
    work_id: str = Field(primary_key=True)
    position: int = Field(primary_key=True)
    label: str
    url: str


class RelationRow(SQLModel, table=True):
    """A link from an entry to another entry, a vocabulary term or a tag.

    ``relation`` names the field of the export it comes from, for example ``contact.roles``
    or ``example.principals``.
    """

    __tablename__ = "relation"
    __table_args__ = (Index("ix_relation_target", "relation", "target_id"),)
    relation: str = Field(primary_key=True)
    source_id: str = Field(primary_key=True)
    target_id: str = Field(primary_key=True)
    position: int = 0


class ImportLogRow(SQLModel, table=True):
    """One line of the import history, written in the same transaction as the import."""

    __tablename__ = "import_log"
    seq: int | None = Field(default=None, primary_key=True)
    action: str
    at: str
    file_name: str
    dataset_version: int
    publisher: str
    counts: str


class ChangeMarkRow(SQLModel, table=True):
    """What the last import added or changed ("Nytt sedan senaste uppdateringen")."""

    __tablename__ = "change_mark"
    entity_type: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    change: str


class RemovedEntryRow(SQLModel, table=True):
    """What the last import removed, with the name it had ("Borttaget")."""

    __tablename__ = "removed_entry"
    entity_type: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    name: str


class KeyHighWaterRow(SQLModel, table=True):
    """The highest dataset version each trusted key has signed that was imported here; an
    export below the mark of a key that signed it is refused. Never lowered, not even by an
    undo."""

    __tablename__ = "key_high_water"
    key_id: str = Field(primary_key=True)
    version: int


CATALOGUE_TABLES = [
    CatalogueInfo,
    VocabTerm,
    *ENTITY_ROWS.values(),
    WorkLinkRow,
    RelationRow,
    ImportLogRow,
    ChangeMarkRow,
    RemovedEntryRow,
    KeyHighWaterRow,
]
