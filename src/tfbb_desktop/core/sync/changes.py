"""The change set between the installed catalogue and an export: added, changed, removed."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from tfbb_desktop.core.entities import REGISTRY
from tfbb_desktop.core.sync import export_format as fmt

CHANGE_TYPES = ("vocabularies", *fmt.ENTITY_TYPES)

# Per type (vocabulary terms under "vocabularies"): key -> (canonical JSON, display name).
Documents = dict[str, dict[str, tuple[str, str]]]


def _old_docs_sql(entity_type: str) -> str:
    """The installed catalogue's (key, canonical JSON, display name) of one type."""
    if entity_type == "vocabularies":
        return "SELECT vocabulary || '/' || id, doc, label FROM vocab_term"
    entity = REGISTRY.entity(entity_type)
    key = " || '/' || ".join(str(entity.field(k).column) for k in entity.key)
    name = entity.field(entity.named_by).column
    return f"SELECT {key}, doc, {name} FROM {entity.table}"


@dataclass(frozen=True)
class EntityChange:
    entity_type: str
    entity_id: str
    change: str  # "added", "changed" or "removed"
    name: str
    old_doc: str | None
    new_doc: str | None  # the documents' differences are the preview's (preview.field_diffs)


@dataclass
class ChangeSet:
    changes: dict[str, list[EntityChange]] = field(
        default_factory=lambda: {t: [] for t in CHANGE_TYPES}
    )

    def counts(self) -> dict[str, dict[str, int]]:
        """Per type: how many were added, changed and removed (one pass over each list)."""
        out = {}
        for t in CHANGE_TYPES:
            found = Counter(c.change for c in self.changes[t])
            out[t] = {k: found[k] for k in ("added", "changed", "removed")}
        return out

    def __iter__(self) -> Iterator[EntityChange]:
        for entity_type in CHANGE_TYPES:
            yield from self.changes[entity_type]


def canonical(model: BaseModel) -> str:
    return model.model_dump_json(exclude_defaults=True)


def term_documents(vocabularies: fmt.Vocabularies) -> dict[str, tuple[str, str]]:
    """"vocabulary/id" -> (canonical JSON, label) for every term (a repeated id once)."""
    return {f"{name}/{term.id}": (canonical(term), term.label)
            for name in fmt.VOCABULARIES for term in getattr(vocabularies, name)}


def entry_document(entity_type: str, record: Any) -> tuple[str, tuple[str, str]]:
    """(key, (canonical JSON, display name)) of one validated record."""
    entity = REGISTRY.entity(entity_type)
    key = "/".join(str(getattr(record, k)) for k in entity.key)
    if entity_type == "component_status":
        return key, (canonical(record), f"{key}: {record.status}")
    return key, (canonical(record), str(getattr(record, entity.named_by)))


def new_documents(data: fmt.CatalogueData) -> Documents:
    """Per type: key -> (canonical JSON, display name) for every entry of the export."""
    out: Documents = {"vocabularies": term_documents(data.vocabularies)}
    for entity_type in fmt.ENTITY_TYPES:
        out[entity_type] = dict(entry_document(entity_type, r)
                                for r in getattr(data, entity_type))
    return out


def compute(conn: sqlite3.Connection, new_docs: Documents) -> ChangeSet:
    """Compare the catalogue in ``conn`` with the documents of an export."""
    result = ChangeSet()
    for entity_type in CHANGE_TYPES:
        old = {key: (doc, name) for key, doc, name in conn.execute(_old_docs_sql(entity_type))}
        new = new_docs[entity_type]
        bucket = result.changes[entity_type]
        for key, (doc, name) in new.items():
            previous = old.get(key)
            if previous is None:
                bucket.append(EntityChange(entity_type, key, "added", name, None, doc))
            elif previous[0] != doc:
                bucket.append(EntityChange(entity_type, key, "changed", name, previous[0], doc))
        for key, (doc, name) in old.items():
            if key not in new:
                bucket.append(EntityChange(entity_type, key, "removed", name, doc, None))
    return result
