"""SQLite connections, transactions and numbered schema migrations.

Each database file (the catalogue and the user's own data) carries its schema version in
``PRAGMA user_version``. Migration ``N`` is the file ``migrations/<kind>_<NNN>.sql`` and takes
the database from version ``N-1`` to ``N`` in one transaction. Before an existing database is
migrated, a copy is saved beside it. A database newer than the app is refused.

Only ``sqlite3`` is imported here: this module is on the GUI's start-up path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path

from tfbb_desktop.core.messages import Message, msg

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """A database that cannot be used; its argument is a :class:`Message` for the user."""


class NewerDatabaseError(DatabaseError):
    pass


def migration_files(kind: str) -> list[Path]:
    files = sorted(MIGRATIONS_DIR.glob(f"{kind}_*.sql"))
    for number, path in enumerate(files, start=1):
        if path.stem != f"{kind}_{number:03d}":
            raise RuntimeError(f"migration files out of sequence: {path.name}")
    return files


def open_sqlite(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode; transactions are explicit."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """Run the block in one write transaction: commit on success, roll back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


Step = Callable[[sqlite3.Connection], None]


def migrate(conn: sqlite3.Connection, kind: str, path: Path, what: Message,
            steps: Mapping[int, Step] | None = None) -> int:
    """Bring the database at ``path`` to the newest schema of ``kind``; return that version.

    ``steps`` maps a migration's number to work in Python that follows its SQL in the same
    transaction (e.g. building an index from the tables)."""
    files = migration_files(kind)
    target = len(files)
    current = user_version(conn)
    if current > target:
        raise NewerDatabaseError(msg("db.newer", what=what, path=str(path), current=current,
                                     target=target))
    # Only now, when the file is known to be ours to use, may it be changed (WAL is persistent).
    conn.execute("PRAGMA journal_mode=WAL")
    if current == target:
        return current
    if current > 0:
        backup_copy(conn, path.with_name(f"{path.stem}.before-v{target}{path.suffix}"))
    for number in range(current + 1, target + 1):
        script = files[number - 1].read_text(encoding="utf-8")
        with transaction(conn):
            for statement in _statements(script):
                conn.execute(statement)
            if steps and number in steps:
                steps[number](conn)
            conn.execute(f"PRAGMA user_version = {number}")
    return target


def _statements(script: str) -> list[str]:
    """Split a migration script into complete statements (triggers with ';' inside too)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and line.lstrip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def backup_copy(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of the open database, made with SQLite's backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(str(partial))) as dest:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)  # e.g. a full disk: no half copy is left behind
        raise
