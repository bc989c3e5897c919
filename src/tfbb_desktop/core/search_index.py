"""Building the search index from the catalogue's tables (see :mod:`.search` for its use).

:func:`build_index` is the only way the index is made: by every import, by an undo, and by
the migration that introduced it (schema version 5), always inside the caller's transaction.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable, Iterable, Iterator

from .search import ENTITY_TYPES, fold_exact, fold_full, phone_words

Progress = Callable[[float], None]

# The listed entries of each type, in rowid order: type order, then Swedish alphabetical order.
_ENTRIES = {
    "principals": "principal",
    "contacts": "contact",
    "examples": "example",
    "work": "work",
}

# (facet, value, doc) of every entry, from the tables (a repeated row is ignored).
_FACETS_SQL = """
INSERT OR IGNORE INTO search_facet (facet, value, doc)
SELECT 'principal', e.entity_id, e.doc FROM search_entry e WHERE e.entity_type = 'principals'
UNION ALL
SELECT 'principal', c.principal_id, e.doc FROM search_entry e
  JOIN contact c ON c.id = e.entity_id WHERE e.entity_type = 'contacts'
UNION ALL
SELECT 'work_status', w.status, e.doc FROM search_entry e
  JOIN work w ON w.id = e.entity_id WHERE e.entity_type = 'work'
UNION ALL
SELECT f.column3, r.target_id, e.doc FROM (VALUES  -- (type, relation, facet)
    ('examples', 'example.principals', 'principal'),
    ('examples', 'example.professional_groups', 'professional_group'),
    ('examples', 'example.levels', 'level'),
    ('examples', 'example.domains', 'domain'),
    ('work', 'work.principals', 'principal')) AS f
  JOIN search_entry e ON e.entity_type = f.column1
  JOIN relation r ON r.relation = f.column2 AND r.source_id = e.entity_id
"""

# Each type's columns for the index: id, then the texts of the name, and what the short
# fields and long texts are made of (see _Texts).
_ROWS_SQL = {
    "principals": "SELECT t.id, t.name, t.short_name, t.kind, t.description",
    "contacts": "SELECT t.id, t.name, t.title, t.principal_id, t.unit, t.email, t.phone, "
                "t.note",
    "examples": "SELECT t.id, t.title, t.kind, t.source, t.summary, t.target_group, "
                "t.purpose, t.method, t.results, t.lessons",
    "work": "SELECT t.id, t.title, t.kind, t.status, t.location, t.source, t.summary, "
            "t.next_step, t.decision, t.risks",
}

_FTS_INSERT = ("INSERT INTO search_text (rowid, name, meta, body, name_folded, meta_folded, "
               "body_folded) VALUES (?, ?, ?, ?, ?, ?, ?)")


def _columns(name: Iterable[str | None], meta: Iterable[str | None],
             body: Iterable[str | None], extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The six column texts of one entry: each field in exact form, then its words that
    have å/ä/ö, folded (the words of a field without them are the same in both forms)."""
    exact = [fold_exact(" ".join(filter(None, name))),
             fold_exact(" ".join([*filter(None, meta), *extra])),
             fold_exact(" ".join(filter(None, body)))]
    folded = [fold_full(" ".join(dict.fromkeys(w for w in text.split() if not w.isascii())))
              for text in exact]
    return (*exact, *folded)


class _Texts:
    """What an entry's short fields name: vocabulary labels, principals, related ids."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.labels: dict[tuple[str, str], str] = {(v, i): label for v, i, label in
                       conn.execute("SELECT vocabulary, id, label FROM vocab_term")}
        self.principals: dict[str, str] = dict(conn.execute("SELECT id, name FROM principal"))
        self.related: dict[tuple[str, str], list[str]] = {}
        for relation, source, target in conn.execute(
                "SELECT relation, source_id, target_id FROM relation "
                "ORDER BY relation, source_id, position"):
            self.related.setdefault((relation, source), []).append(target)

    def label(self, vocabulary: str, term: str) -> str:
        return self.labels.get((vocabulary, term), term)

    def labels_of(self, vocabulary: str, relation: str, entity_id: str) -> list[str]:
        return [self.label(vocabulary, t) for t in self.related.get((relation, entity_id), [])]

    def names_of(self, relation: str, entity_id: str) -> list[str]:
        return [self.principals.get(p, "") for p in self.related.get((relation, entity_id), [])]

    def row(self, entity_type: str, values: tuple[str | None, ...]) -> tuple[str, ...]:
        if entity_type == "principals":
            _pid, name, short_name, kind, description = values
            return _columns((name, short_name), (self.label("principal_kinds", str(kind)),),
                            (description,))
        if entity_type == "contacts":
            cid, name, title, principal, unit, email, phone, note = values
            meta = (title, *self.labels_of("roles", "contact.roles", str(cid)),
                    self.principals.get(str(principal), ""), unit, email, phone)
            return _columns((name,), meta, (note,), phone_words(phone) if phone else ())
        if entity_type == "examples":
            eid, title, kind, source, *body = values
            key = str(eid)
            meta = (self.label("example_kinds", str(kind)), source,
                    *self.names_of("example.principals", key),
                    *self.labels_of("professional_groups", "example.professional_groups", key),
                    *self.labels_of("levels", "example.levels", key),
                    *self.labels_of("domains", "example.domains", key),
                    *self.related.get(("example.tags", key), []))
            return _columns((title,), meta, body)
        wid, title, kind, status, location, source, *body = values
        key = str(wid)
        meta = (self.label("work_kinds", str(kind)), self.label("work_statuses", str(status)),
                location, source, *self.names_of("work.principals", key),
                *self.labels_of("components", "work.components", key))
        return _columns((title,), meta, body)


def _fts_rows(conn: sqlite3.Connection, texts: _Texts, entity_type: str
              ) -> Iterator[tuple[object, ...]]:
    table = _ENTRIES[entity_type]
    for doc, *values in conn.execute(
            f"SELECT e.doc, {_ROWS_SQL[entity_type].removeprefix('SELECT ')} "
            f"FROM search_entry e JOIN {table} t ON t.id = e.entity_id "
            f"WHERE e.entity_type = ? ORDER BY e.doc", (entity_type,)).fetchall():
        yield (doc, *texts.row(entity_type, tuple(values)))


def build_index(conn: sqlite3.Connection, progress: Progress | None = None) -> None:
    """(Re)build the whole search index from the catalogue's tables, inside the caller's
    transaction."""
    for table in ("search_entry", "search_facet", "search_info", "search_parts"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("INSERT INTO search_text (search_text) VALUES ('delete-all')")
    info = {"generation": secrets.token_hex(16)}
    for entity_type, table in _ENTRIES.items():
        first = conn.execute("SELECT count(*) FROM search_entry").fetchone()[0] + 1
        conn.execute("INSERT INTO search_entry (doc, entity_type, entity_id) "
                     f"SELECT ? + row_number() OVER (ORDER BY sort_key, id) - 1, ?, id "
                     f"FROM {table}", (first, entity_type))
        last = conn.execute("SELECT count(*) FROM search_entry").fetchone()[0]
        info[f"{entity_type}.first"], info[f"{entity_type}.last"] = str(first), str(last)
    conn.execute(_FACETS_SQL)
    conn.executemany("INSERT INTO search_info (key, value) VALUES (?, ?)", sorted(info.items()))
    if progress:
        progress(0.4)
    texts = _Texts(conn)
    for number, entity_type in enumerate(ENTITY_TYPES, start=1):
        conn.executemany(_FTS_INSERT, _fts_rows(conn, texts, entity_type))
        if progress:
            progress(0.4 + 0.5 * number / len(ENTITY_TYPES))
    conn.execute("INSERT INTO search_parts (term) SELECT term FROM search_terms")
    if progress:
        progress(1.0)
