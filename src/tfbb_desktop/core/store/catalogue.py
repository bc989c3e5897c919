"""Opening the catalogue: schema migrations, and the bundled catalogue on first start.

Opening an existing catalogue needs nothing but ``sqlite3``: the import pipeline
(:mod:`.importer`, which brings SQLModel, SQLAlchemy and pydantic along) is loaded only when
there is something to import. This module is on the GUI's start-up path.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.paths import DataPaths, resource_path
from tfbb_desktop.core.search import index as search_index
from tfbb_desktop.core.store import queries
from tfbb_desktop.core.store.db import migrate, open_sqlite
from tfbb_desktop.core.store.health import ensure_sound

if TYPE_CHECKING:
    from tfbb_desktop.core.store.userdata import UserData
    from tfbb_desktop.core.sync.importer import ImportResult
    from tfbb_desktop.core.sync.signing import TrustPolicy

BUNDLED_NAME = "tfbb-sormland.zip"


def bundled_export() -> Path:
    return resource_path("catalogue", BUNDLED_NAME)


def open_catalogue(paths: DataPaths) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the catalogue database; a damaged one is set
    aside and reported (:class:`.health.DamagedDatabase`)."""
    paths.ensure()
    ensure_sound(paths.catalogue, "catalogue")
    conn = open_sqlite(paths.catalogue)
    try:
        migrate_catalogue(conn, paths.catalogue, msg("db.what.catalogue"))
    except Exception:
        conn.close()
        raise
    return conn


def migrate_catalogue(conn: sqlite3.Connection, path: Path, what: Message) -> int:
    """:func:`db.migrate` for a catalogue: schema version 5 builds the new search index."""
    return migrate(conn, "catalogue", path, what, {5: search_index.build_index})


def ensure_content(conn: sqlite3.Connection, paths: DataPaths,
                   trust: TrustPolicy) -> ImportResult | None:
    """On first start, import the bundled catalogue through the ordinary import pipeline."""
    if installed_version(conn):
        return None
    from tfbb_desktop.core.sync import importer

    return importer.import_file(conn, paths, bundled_export(), trust, builtin=True)


def installed_version(conn: sqlite3.Connection) -> int:
    """The dataset version of the installed catalogue, 0 for none (one query, no import
    pipeline; the importer's ``current_version``)."""
    row = conn.execute(
        "SELECT value FROM catalogue_info WHERE key = 'dataset_version'").fetchone()
    return int(row[0]) if row else 0


def refresh_note_names(conn: sqlite3.Connection, userdata: UserData) -> None:
    """After an import: notes on entries that still exist take their current names."""
    names: dict[tuple[str, str], str] = {}
    for note in userdata.notes():
        name = queries.name_of(conn, note.entity_type, note.entity_id)
        if name is not None and name != note.entity_name:
            names[(note.entity_type, note.entity_id)] = name
    if names:
        userdata.refresh_note_names(names)
