"""Noticing that another connection has changed a database, cheaply.

SQLite's ``PRAGMA data_version`` on a connection changes when any *other* connection (another
thread, another process such as ``tfbb-desktop import``) has committed to the database since
the last time it was asked; the connection's own commits leave it alone. Asking costs a few
microseconds and reads no table, so a window may ask every few seconds.
"""

from __future__ import annotations

import sqlite3


class ChangeWatch:
    """Tells whether another connection has committed to the database of ``conn`` since the
    watch was made or last :meth:`mark`-ed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.mark()

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """True if another connection has committed since the last :meth:`mark`."""
        return self._version() != self._seen

    def mark(self) -> None:
        """Take the database as it is now as seen. Call it *before* reading the database
        again: a commit that comes during the reading is then still reported next time."""
        self._seen = self._version()
