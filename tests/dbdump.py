"""Test helpers: a full dump of a catalogue database, and the "version 2" changes to the source.

A dump is ``{table: [rows...]}`` with every row of every ordinary table, ordered by all its
columns, so two dumps compare equal exactly when the databases hold the same content.
FTS/virtual tables and their shadow tables are left out (their internal segments may differ
between two databases with the same content); everything else is in.
"""

from __future__ import annotations

import copy
import sqlite3
from typing import Any

# The tables an import writes apart from the import history.
CONTENT_TABLES = ("vocab_term", "principal", "contact", "example", "work", "work_link",
                  "component_status", "relation", "catalogue_info", "change_mark",
                  "removed_entry")

Dump = dict[str, list[tuple[Any, ...]]]


def ordinary_tables(conn: sqlite3.Connection) -> list[str]:
    """Every ordinary table of the main schema (no sqlite_*, virtual or shadow tables)."""
    rows = conn.execute("PRAGMA main.table_list").fetchall()
    # columns: schema, name, type ('table', 'view', 'shadow', 'virtual'), ncol, wr, strict
    return sorted(name for _schema, name, kind, *_ in rows
                  if kind == "table" and not name.startswith("sqlite_"))


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def dump_table(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    cols = columns(conn, table)
    order = ", ".join(f'"{c}"' for c in cols)
    return [tuple(r) for r in conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}')]


def dump(conn: sqlite3.Connection, *, exclude: tuple[str, ...] = (),
         only: tuple[str, ...] | None = None) -> Dump:
    """The full content of the database (``only`` those tables, or all but ``exclude``)."""
    tables = list(only) if only is not None else ordinary_tables(conn)
    return {t: dump_table(conn, t) for t in tables if t not in exclude}


def content_dump(conn: sqlite3.Connection) -> Dump:
    """The catalogue's content: every table an import writes, without the import history."""
    return dump(conn, only=CONTENT_TABLES)


def without_info(d: Dump, *keys: str) -> Dump:
    """``d`` with the given catalogue_info keys (e.g. the import time) dropped."""
    out = dict(d)
    out["catalogue_info"] = [row for row in d["catalogue_info"] if row[0] not in keys]
    return out


# The "version 2" change used by several test files ---------------------------------------

NEW_PRINCIPAL = {
    "id": "test-nya-huvudmannen",
    "name": "Ängsbackens testkommun",
    "kind": "kommun",
    "short_name": "Ängsbacken",
    "description": "En huvudman som bara finns i testernas version 2.",
}
CHANGED_CONTACT_TITLE = "Biträdande enhetschef (ändrad i version 2)"


def version_two(source: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A copy of ``source`` with one principal added, one contact's title changed and one
    example removed; returns (new source, facts about the change)."""
    src = copy.deepcopy(source)
    data = src["data"]
    data["principals"].append(dict(NEW_PRINCIPAL))
    contact = data["contacts"][0]
    old_title = contact.get("title", "")
    contact["title"] = CHANGED_CONTACT_TITLE
    removed = data["examples"].pop()
    facts = {
        "added_principal": NEW_PRINCIPAL["id"],
        "changed_contact": contact["id"],
        "old_title": old_title,
        "new_title": CHANGED_CONTACT_TITLE,
        "removed_example": removed["id"],
        "removed_example_title": removed["title"],
    }
    return src, facts
