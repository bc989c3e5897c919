"""Building the search index from the catalogue's tables (see :mod:`.search` for its use).

:func:`build_index` is the only way the index is made: by every import, by an undo, and by
the migration that introduced it (schema version 5), always inside the caller's transaction.
The texts come from the view ``search_source``, which it makes anew from the registry's
fields (see :func:`source_sql`; migration ``catalogue_005`` made the first); FTS5 splits and
folds them itself.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable

from tfbb_desktop.core.entities import REGISTRY, Field, Registry
from tfbb_desktop.core.store.queries import label_sql

Progress = Callable[[float], None]

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


def _digits(column: str) -> str:
    """A phone number's digits, and the other form of them (0155... or 46155...)."""
    digits = column
    for ch in " -()./+":
        digits = f"replace({digits}, '{ch}', '')"
    return (f"ifnull({digits}, '') || ' ' || CASE WHEN ltrim({column}) LIKE '+%' AND "
            f"{digits} LIKE '46_%' THEN '0' || substr({digits}, 3) WHEN {digits} LIKE '0_%' "
            f"AND {digits} NOT LIKE '00%' THEN '46' || substr({digits}, 2) ELSE '' END")


def _text(registry: Registry, f: Field) -> str:
    """One field's text in the search document (a list's from the view's ``related``)."""
    column = f"t.{f.column}"
    if f.column is None:
        return f"ifnull(l_{f.name}.labels, '')"
    if f.type == "phone":
        return f"ifnull({column}, '') || ' ' || {_digits(column)}"
    return label_sql(registry, f, column, "''") if f.refers else f"ifnull({column}, '')"


def _nordic(column: str) -> str:
    return (f"replace(replace(replace(replace({column}, 'æ', 'ä'), 'Æ', 'Ä'), 'ø', 'ö'), "
            f"'Ø', 'Ö') AS {column}")


def source_sql(registry: Registry = REGISTRY) -> str:
    """The SELECT of the view ``search_source``: the texts of each listed entry as the index
    sees them, from the fields' ``search``: the name or title; the short fields (a phone
    number with its digits in both forms); the long texts. æ counts as ä and ø as ö. The
    lists' labels are made once, in ``related``, by relation and entry."""
    lists = {e.relations()[f.name]: f for e in registry.entities for f in e.fields
             if f.search and f.type in ("ids", "tags")}
    labels = " ".join(f"WHEN '{r}' THEN {label_sql(registry, f, 'r.target_id', 'r.target_id')}"
                      for r, f in lists.items())
    selects = []
    for entity in registry.entities:
        if entity.listed:
            texts = [" || ' ' || ".join(_text(registry, f) for f in entity.fields
                                        if f.search == part) or "''"
                     for part in ("name", "meta", "body")]
            joins = "".join(f" LEFT JOIN related l_{f} ON l_{f}.relation = '{r}' AND "
                            f"l_{f}.source_id = t.id"
                            for f, r in entity.relations().items() if r in lists)
            selects.append(f"SELECT e.doc, {texts[0]} AS name, {texts[1]} AS meta, {texts[2]} "
                           f"AS body FROM search_entry e JOIN {entity.table} t ON t.id = "
                           f"e.entity_id{joins} WHERE +e.entity_type = '{entity.name}'")
    return (f"WITH related (relation, source_id, labels) AS MATERIALIZED ("
            f"SELECT relation, source_id, group_concat(label, ' ') FROM ("
            f"SELECT r.relation, r.source_id, CASE r.relation {labels} END AS label "
            f"FROM relation r WHERE r.relation IN ({', '.join(repr(r) for r in lists)}) "
            f"ORDER BY r.relation, r.source_id, r.position) GROUP BY relation, source_id) "
            f"SELECT doc, {_nordic('name')}, {_nordic('meta')}, {_nordic('body')} FROM ("
            + " UNION ALL ".join(selects) + ")")


def build_index(conn: sqlite3.Connection, progress: Progress = lambda _done: None,
                registry: Registry = REGISTRY) -> None:
    """(Re)build the whole search index from the catalogue's tables, inside the caller's
    transaction."""
    for table in ("search_entry", "search_facet", "search_info", "search_parts"):
        conn.execute(f"DELETE FROM {table}")
    for table in ("search_text", "search_exact"):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
    info = {"generation": secrets.token_hex(16)}
    last = 0
    for entity in registry.entities:  # in rowid order: type order, then Swedish order
        if not entity.listed:
            continue
        conn.execute("INSERT INTO search_entry (doc, entity_type, entity_id) "
                     "SELECT ? + row_number() OVER (ORDER BY sort_key, id), ?, id "
                     f"FROM {entity.table}", (last, entity.name))
        first, last = last + 1, conn.execute("SELECT count(*) FROM search_entry").fetchone()[0]
        info[f"{entity.name}.first"], info[f"{entity.name}.last"] = str(first), str(last)
    conn.execute(_FACETS_SQL)
    conn.executemany("INSERT INTO search_info (key, value) VALUES (?, ?)", sorted(info.items()))
    progress(0.4)
    # The texts are made once for both tables (the view's labels and names take as long as
    # FTS5's work), in rowid order, which FTS5 writes fastest.
    conn.execute("DROP VIEW IF EXISTS search_source")
    conn.execute(f"CREATE VIEW search_source AS {source_sql(registry)}")
    conn.execute("CREATE TEMP TABLE search_rows AS SELECT doc, name, meta, body "
                 "FROM search_source")
    try:
        for table, done in (("search_text", 0.7), ("search_exact", 0.9)):
            conn.execute(f"INSERT INTO {table} (rowid, name, meta, body) "
                         "SELECT doc, name, meta, body FROM temp.search_rows")
            progress(done)
    finally:
        conn.execute("DROP TABLE temp.search_rows")
    conn.execute("INSERT INTO search_parts (term) SELECT term FROM search_terms UNION "
                 "SELECT term FROM search_exact_terms WHERE term GLOB '*[åäö]*'")
    progress(1.0)
