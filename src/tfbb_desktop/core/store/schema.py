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

Columns = dict[str, tuple[Any, Any]]  # column -> (type, sqlmodel Field)


def _table(class_name: str, table: str, columns: Columns, *indexes: Index) -> type[SQLModel]:
    def body(namespace: dict[str, Any]) -> None:
        namespace["__tablename__"] = table
        namespace["__annotations__"] = {c: kind for c, (kind, _f) in columns.items()}
        namespace.update({c: f for c, (_kind, f) in columns.items()})
        if indexes:
            namespace["__table_args__"] = indexes
    return types.new_class(class_name, (SQLModel,), {"table": True}, exec_body=body)


def _key(kind: Any = str) -> tuple[Any, Any]:
    return kind, Field(primary_key=True)


def _plain(kind: Any = str) -> tuple[Any, Any]:
    return kind, Field()


def entity_table(entity: Entity) -> type[SQLModel]:
    """The table of an entity type, its columns from the registry (then the sort key of a
    listed type, and the document)."""
    columns: Columns = {}
    for f in entity.fields:
        if f.column is not None:
            kind: Any = str | None if f.type in NULLABLE_TYPES else str
            columns[f.column] = (kind, Field(primary_key=f.name in entity.key, index=f.indexed))
    if entity.listed:
        columns["sort_key"] = (str, Field(index=True))
    columns["doc"] = _plain()
    return _table(f"{entity.model}Row", entity.table, columns)


# The other tables. ``relation`` links an entry to another entry, a vocabulary term or a tag,
# named by the export's field (``contact.roles``); ``import_log`` is the import history;
# ``change_mark`` and ``removed_entry`` what the last import added, changed or removed (with
# the name it had); ``key_high_water`` the highest dataset version each trusted key has
# signed that was imported here (an export below it is refused; never lowered, not even by an
# undo).
CATALOGUE_TABLES = [
    _table("CatalogueInfo", "catalogue_info", {"key": _key(), "value": _plain()}),
    _table("VocabTerm", "vocab_term", {
        "vocabulary": _key(), "id": _key(), "label": _plain(), "description": _plain(),
        "sort_order": _plain(int), "doc": _plain()}),
    *(entity_table(e) for e in REGISTRY.entities),
    _table("WorkLinkRow", "work_link", {
        "work_id": _key(), "position": _key(int), "label": _plain(), "url": _plain()}),
    _table("RelationRow", "relation", {
        "relation": _key(), "source_id": _key(), "target_id": _key(), "position": _plain(int)},
        Index("ix_relation_target", "relation", "target_id")),
    _table("ImportLogRow", "import_log", {
        "seq": (int | None, Field(default=None, primary_key=True)), "action": _plain(),
        "at": _plain(), "file_name": _plain(), "dataset_version": _plain(int),
        "publisher": _plain(), "counts": _plain()}),
    _table("ChangeMarkRow", "change_mark", {
        "entity_type": _key(), "entity_id": _key(), "change": _plain()}),
    _table("RemovedEntryRow", "removed_entry", {
        "entity_type": _key(), "entity_id": _key(), "name": _plain()}),
    _table("KeyHighWaterRow", "key_high_water", {"key_id": _key(), "version": _plain(int)}),
]
