"""Opening the catalogue: schema migrations, and the bundled catalogue on first start."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import importer, queries
from .db import migrate, open_sqlite
from .paths import DataPaths, resource_path
from .signing import TrustPolicy
from .userdata import UserData

BUNDLED_NAME = "tfbb-sormland.zip"


def bundled_export() -> Path:
    return resource_path("catalogue", BUNDLED_NAME)


def open_catalogue(paths: DataPaths) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the catalogue database."""
    paths.ensure()
    conn = open_sqlite(paths.catalogue)
    try:
        migrate(conn, "catalogue", paths.catalogue, "Katalogen")
    except Exception:
        conn.close()
        raise
    return conn


def ensure_content(conn: sqlite3.Connection, paths: DataPaths,
                   trust: TrustPolicy) -> importer.ImportResult | None:
    """On first start, import the bundled catalogue through the ordinary import pipeline."""
    if importer.current_version(conn):
        return None
    return importer.import_file(conn, paths, bundled_export(), trust, builtin=True)


def refresh_note_names(conn: sqlite3.Connection, userdata: UserData) -> None:
    """After an import: notes on entries that still exist take their current names."""
    names: dict[tuple[str, str], str] = {}
    for note in userdata.notes():
        name = queries.name_of(conn, note.entity_type, note.entity_id)
        if name is not None and name != note.entity_name:
            names[(note.entity_type, note.entity_id)] = name
    if names:
        userdata.refresh_note_names(names)
