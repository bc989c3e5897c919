"""The user's own data: favourites, notes, seen-markers and settings, in its own database file.

No import ever writes this file. Entries are referred to by the export's stable ids, so the
data survives every import, and a note on an entry removed upstream keeps its last known name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tfbb_desktop.core.messages import msg
from tfbb_desktop.core.store.db import migrate, open_sqlite, transaction
from tfbb_desktop.core.store.health import ensure_sound


@dataclass(frozen=True)
class Note:
    entity_type: str
    entity_id: str
    text: str
    entity_name: str
    updated_at: str


_NOTES = "SELECT entity_type, entity_id, text, entity_name, updated_at FROM note"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class UserData:
    def __init__(self, path: Path) -> None:
        self.path = path
        ensure_sound(path, "userdata")  # a damaged file is set aside and reported
        self.conn = open_sqlite(path)
        try:
            migrate(self.conn, "userdata", path, msg("db.what.userdata"))
        except BaseException:
            self.conn.close()  # refused (e.g. newer than the app): the file is not kept open
            raise

    def close(self) -> None:
        self.conn.close()

    def _write(self, sql: str, *params: object) -> None:
        with transaction(self.conn):
            self.conn.execute(sql, params)

    def is_favourite(self, entity_type: str, entity_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM favourite WHERE entity_type = ? AND "
                                 "entity_id = ?", (entity_type, entity_id)).fetchone() is not None

    def set_favourite(self, entity_type: str, entity_id: str, on: bool) -> None:
        if on:
            self._write("INSERT OR IGNORE INTO favourite VALUES (?, ?, ?)",
                        entity_type, entity_id, _now())
        else:
            self._write("DELETE FROM favourite WHERE entity_type = ? AND entity_id = ?",
                        entity_type, entity_id)

    def favourites(self) -> list[tuple[str, str]]:
        return [(t, i) for t, i in self.conn.execute(
            "SELECT entity_type, entity_id FROM favourite ORDER BY created_at")]

    def note(self, entity_type: str, entity_id: str) -> Note | None:
        row = self.conn.execute(f"{_NOTES} WHERE entity_type = ? AND entity_id = ?",
                                (entity_type, entity_id)).fetchone()
        return Note(*row) if row else None

    def set_note(self, entity_type: str, entity_id: str, text: str, entity_name: str) -> None:
        if text.strip():
            self._write("INSERT INTO note VALUES (?, ?, ?, ?, ?) ON CONFLICT(entity_type, "
                        "entity_id) DO UPDATE SET text = excluded.text, entity_name = "
                        "excluded.entity_name, updated_at = excluded.updated_at",
                        entity_type, entity_id, text, entity_name, _now())
        else:
            self._write("DELETE FROM note WHERE entity_type = ? AND entity_id = ?",
                        entity_type, entity_id)

    def notes(self) -> list[Note]:
        return [Note(*row) for row in self.conn.execute(f"{_NOTES} ORDER BY updated_at DESC")]

    def refresh_note_names(self, names: dict[tuple[str, str], str]) -> None:
        """Remember the current names of noted entries that still exist (after an import)."""
        with transaction(self.conn):
            self.conn.executemany(
                "UPDATE note SET entity_name = ? WHERE entity_type = ? AND entity_id = ?",
                [(name, t, i) for (t, i), name in names.items()])

    def mark_seen(self, entity_type: str, entity_id: str, doc_hash: str) -> None:
        self._write("INSERT INTO seen VALUES (?, ?, ?) ON CONFLICT(entity_type, entity_id) "
                    "DO UPDATE SET doc_hash = excluded.doc_hash", entity_type, entity_id, doc_hash)

    def seen(self) -> dict[tuple[str, str], str]:
        return {(t, i): h for t, i, h in self.conn.execute("SELECT * FROM seen")}

    def setting(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        self._write("INSERT INTO setting VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                    "value = excluded.value", key, value)

    def snapshot(self) -> list[tuple[object, ...]]:
        """Every row of every table, for tests that check nothing was lost."""
        tables = [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(table, *row) for table in tables
                for row in self.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
