"""After a damaged database: the copies that can be restored, and the user's two choices.

Copies of the catalogue are the backups each import makes of the catalogue it replaces
(``backups/catalogue-*.db``, the same files an undo uses). Copies of the user's own data are
made by :func:`backup_userdata` at each start that opened it soundly
(``backups/userdata-*.db``, the newest :data:`KEEP_USERDATA_BACKUPS`).

Only ``sqlite3`` is imported here: this module is on the GUI's start-up path.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from tfbb_desktop.core.messages import msg
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store.db import (
    DatabaseError,
    backup_copy,
    migration_files,
    transaction,
    user_version,
)
from tfbb_desktop.core.store.health import damage, damaged_copies, move_aside

log = logging.getLogger(__name__)

KEEP_USERDATA_BACKUPS = 5
T = TypeVar("T")


def target(paths: DataPaths, kind: str) -> Path:
    """The database file of ``kind`` ("catalogue" or "userdata"; another kind is a KeyError)."""
    return {"catalogue": paths.catalogue, "userdata": paths.userdata}[kind]


def copies(paths: DataPaths, kind: str) -> list[Path]:
    """The copies of ``kind`` in ``backups/`` (if any), newest first, sound or not."""
    return sorted(paths.backups.glob(f"{kind}-*.db"), reverse=True)


def last_good_copy(paths: DataPaths, kind: str) -> Path | None:
    """The newest copy of ``kind`` that is sound and not newer than this app's schema."""
    newest_schema = len(migration_files(kind))
    for copy in copies(paths, kind):
        try:
            if damage(copy) is None and 0 < _read(copy, user_version) <= newest_schema:
                return copy
        except (OSError, sqlite3.Error) as exc:
            log.warning("copy %s cannot be read: %s", copy, exc)
    return None


def _read(path: Path, reading: Callable[[sqlite3.Connection], T]) -> T:
    """``reading`` on a read-only connection to the database file at ``path``."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return reading(conn)


def restore(paths: DataPaths, kind: str) -> Path:
    """Copy the last good copy of ``kind`` into place (SQLite's backup API, so the copy itself
    stays as it is); return the copy used. The damaged file must have been set aside. The next
    opening migrates a copy made by an older version of the app."""
    copy = last_good_copy(paths, kind)
    if copy is None:
        raise DatabaseError(msg(f"db.no_copy.{kind}"))
    place = target(paths, kind)
    if not _clear(place):
        raise DatabaseError(msg("db.in_place", path=str(place)))
    marks = _known_marks(paths) if kind == "catalogue" else {}
    _read(copy, lambda source: backup_copy(source, place))
    _keep_marks(paths, marks)
    return copy


def _clear(place: Path) -> bool:
    """Whether ``place`` is free for a restored or new file. A damaged file still there (it
    could not be set aside at start, e.g. another program had it open) is set aside now;
    DatabaseError if that fails again. A sound file is left alone (False)."""
    if not place.exists():
        return True
    if damage(place) is None:
        return False
    try:
        move_aside(place)
    except OSError as exc:
        raise DatabaseError(msg("db.cannot_move", path=str(place), error=str(exc))) from exc
    return True


def start_anew(paths: DataPaths, kind: str) -> None:
    """The user's choice to begin with an empty file of ``kind`` (the catalogue is then filled
    from the bundled export by the ordinary first start). An existing file is left alone."""
    place = target(paths, kind)
    if not _clear(place):
        return
    marks = _known_marks(paths) if kind == "catalogue" else {}
    with closing(sqlite3.connect(str(place))) as conn:
        # A valid, empty database of schema 0: the next opening migrates it as a new one.
        conn.execute("PRAGMA user_version = 0")
        conn.execute("VACUUM")
    _keep_marks(paths, marks)


def _known_marks(paths: DataPaths) -> dict[str, int]:
    """The highest mark of each key in every catalogue file still here (the damaged ones set
    aside, where they can be read, and the backups): a restored or new catalogue must not
    forget a mark, or an older export signed by that key would be taken again."""
    marks: dict[str, int] = {}
    for path in [*damaged_copies(paths.catalogue), *copies(paths, "catalogue")]:
        try:
            rows = _read(path, lambda conn: conn.execute(
                "SELECT key_id, version FROM key_high_water").fetchall())
        except sqlite3.Error:
            continue  # damaged beyond reading, or older than the marks
        for key, version in rows:
            if isinstance(version, int):
                marks[str(key)] = max(marks.get(str(key), 0), version)
    return marks


def _keep_marks(paths: DataPaths, marks: dict[str, int]) -> None:
    """Write ``marks`` into the catalogue in place (migrated to this app's schema first)."""
    if not marks:
        return
    from tfbb_desktop.core.store.catalogue import open_catalogue  # not on the start-up path

    with closing(open_catalogue(paths)) as conn, transaction(conn):
        conn.executemany(
            "INSERT INTO key_high_water (key_id, version) VALUES (?, ?) ON CONFLICT "
            "(key_id) DO UPDATE SET version = max(version, excluded.version)",
            sorted(marks.items()))


def backup_userdata(conn: sqlite3.Connection, paths: DataPaths,
                    now: datetime | None = None) -> Path:
    """A copy of the user's own data in ``backups/``; keeps the newest few."""
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    copy = paths.backups / f"userdata-{stamp}.db"
    backup_copy(conn, copy)
    for old in copies(paths, "userdata")[KEEP_USERDATA_BACKUPS:]:
        old.unlink(missing_ok=True)
    return copy
