"""Building the search index from the catalogue's tables (see :mod:`.search` for its use).

:func:`build_index` is the only way the index is made: by every import, by an undo, and by
the migration that introduced it (schema version 5), always inside the caller's transaction.
The texts come from the view ``search_source`` (migration ``catalogue_005``); FTS5 splits and
folds them itself.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable

Progress = Callable[[float], None]

# The listed entries' tables, in rowid order: type order, then Swedish alphabetical order.
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


def build_index(conn: sqlite3.Connection, progress: Progress | None = None) -> None:
    """(Re)build the whole search index from the catalogue's tables, inside the caller's
    transaction."""
    for table in ("search_entry", "search_facet", "search_info", "search_parts"):
        conn.execute(f"DELETE FROM {table}")
    for table in ("search_text", "search_exact"):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
    info = {"generation": secrets.token_hex(16)}
    last = 0
    for entity_type, table in _ENTRIES.items():
        conn.execute("INSERT INTO search_entry (doc, entity_type, entity_id) "
                     "SELECT ? + row_number() OVER (ORDER BY sort_key, id), ?, id "
                     f"FROM {table}", (last, entity_type))
        first, last = last + 1, conn.execute("SELECT count(*) FROM search_entry").fetchone()[0]
        info[f"{entity_type}.first"], info[f"{entity_type}.last"] = str(first), str(last)
    conn.execute(_FACETS_SQL)
    conn.executemany("INSERT INTO search_info (key, value) VALUES (?, ?)", sorted(info.items()))
    if progress:
        progress(0.4)
    # The texts are made once for both tables (the view's labels and names take as long as
    # FTS5's work), in rowid order, which FTS5 writes fastest.
    conn.execute("CREATE TEMP TABLE search_rows AS SELECT doc, name, meta, body "
                 "FROM search_source")
    try:
        for table, done in (("search_text", 0.7), ("search_exact", 0.9)):
            conn.execute(f"INSERT INTO {table} (rowid, name, meta, body) "
                         "SELECT doc, name, meta, body FROM temp.search_rows")
            if progress:
                progress(done)
    finally:
        conn.execute("DROP TABLE temp.search_rows")
    conn.execute("INSERT INTO search_parts (term) SELECT term FROM search_terms UNION "
                 "SELECT term FROM search_exact_terms WHERE term GLOB '*[åäö]*'")
    if progress:
        progress(1.0)
