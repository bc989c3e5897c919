"""What the entry lists show: the ids of one kind of entry, and the lists in another order.

A list mixes kinds when its entries have a ``kind`` from a vocabulary (principals: municipality,
region, ...; examples; ongoing work: meeting, webinar, ...): :func:`kinds` gives the kinds in
use, :func:`ids_of_kind` the entries of one. :func:`by_subtitle` orders a list by its second
column in Swedish order (:mod:`core.sorting`), as the first column is already ordered.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from tfbb_desktop.core.entities import REGISTRY
from tfbb_desktop.core.sorting import sort_key
from tfbb_desktop.core.store.queries import Term, label_sql, list_ids, subtitle_field


def _kind_vocabulary(entity_type: str) -> str | None:
    refers = REGISTRY.entity(entity_type).references().get("kind")
    return refers[1] if refers is not None and refers[0] == "vocab" else None


def kinds(conn: sqlite3.Connection, entity_type: str) -> list[Term]:
    """The kinds that entries of ``entity_type`` have, in the vocabulary's order; empty for a
    type without kinds, or with one kind only (nothing to choose)."""
    vocabulary = _kind_vocabulary(entity_type)
    if vocabulary is None:
        return []
    table = REGISTRY.entity(entity_type).table
    found = [Term(vocabulary, *row) for row in conn.execute(
        "SELECT v.id, v.label, v.description, v.sort_order FROM vocab_term v "
        f"WHERE v.vocabulary = ? AND EXISTS (SELECT 1 FROM {table} t WHERE t.kind = v.id) "
        "ORDER BY v.sort_order, v.label", (vocabulary,))]
    return found if len(found) > 1 else []


def ids_of_kind(conn: sqlite3.Connection, entity_type: str, kind: str | None) -> list[str]:
    """The ids of ``entity_type`` in Swedish order, only those of ``kind`` if given."""
    if kind is None or _kind_vocabulary(entity_type) is None:
        return list_ids(conn, entity_type)
    table = REGISTRY.entity(entity_type).table
    return [r[0] for r in conn.execute(
        f"SELECT id FROM {table} WHERE kind = ? ORDER BY sort_key", (kind,))]


def by_subtitle(conn: sqlite3.Connection, entity_type: str, ids: Sequence[str],
                descending: bool = False) -> list[str]:
    """``ids`` ordered by the list's second column in Swedish order; equal ones keep their
    order (by name). Ids no longer in the catalogue go last."""
    entity = REGISTRY.entity(entity_type)
    second = entity.field(subtitle_field(entity_type))
    text = label_sql(REGISTRY, second, f"t.{second.column}", "''")  # the column, or its label
    # One pass over the table, not the ids in chunks: 45,000 contacts in a tenth of a second.
    wanted = set(ids)
    subtitles = {entity_id: subtitle or "" for entity_id, subtitle in conn.execute(
        f"SELECT t.id, {text} FROM {entity.table} t") if entity_id in wanted}
    known = [i for i in ids if i in subtitles]
    ordered = sorted(known, key=lambda i: sort_key(subtitles[i]).split("\x00", 1)[0],
                     reverse=descending)
    return ordered + [i for i in ids if i not in subtitles]
