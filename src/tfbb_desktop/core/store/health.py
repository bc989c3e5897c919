"""Damaged database files: found when a file is opened, set aside, never deleted.

A file is damaged when it is empty, does not begin with SQLite's header, or fails SQLite's
``PRAGMA quick_check`` (or cannot be read because SQLite finds it malformed). A damaged file is
renamed ``<name>.damaged-<YYYYMMDD-HHMMSS><suffix>`` (with its ``-wal`` and ``-shm`` files) and
:class:`DamagedDatabase` is raised. Until the user has chosen what to do (restore a copy, or
start anew: :mod:`.recovery`), a missing file with a damaged copy beside it is reported the same
way, so that a new empty file never takes the damaged one's place unannounced.

Only ``sqlite3`` is imported here: this module is on the GUI's start-up path.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from tfbb_desktop.core.messages import Message, Param, msg
from tfbb_desktop.core.store.db import DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_BYTES = 100
# Files up to this size get SQLite's full ``quick_check`` at each opening (a catalogue of a few
# thousand entries and the user's data are a few MB: a few milliseconds); larger ones the
# structural check only (a 100,000-entry catalogue is 390 MB: quick_check takes 0.5 s with the
# file in the page cache, seconds without). See docs/performance.md.
FULL_CHECK_UP_TO = 64 * 1024 * 1024
# SQLite's primary result codes for a file that is not a sound database.
_REASONS = {11: "corrupt", 26: "not_sqlite"}  # SQLITE_CORRUPT, SQLITE_NOTADB
COMPANIONS = ("-wal", "-shm", "-journal")


class DamagedDatabase(DatabaseError):
    """The catalogue or the user's own database is damaged; the message is a core Message.

    ``kind`` is "catalogue" or "userdata"; ``moved_to`` is where the damaged file now is (None
    when it could not be moved). ``backup`` is filled in by the caller that looks for a copy to
    restore (:func:`.recovery.last_good_copy`)."""

    def __init__(self, kind: str, path: Path, moved_to: Path | None, reason: str) -> None:
        told: dict[str, Param] = {"what": msg(f"db.what.{kind}"), "path": str(path),
                                  "reason": msg(f"db.reason.{reason}")}
        super().__init__(msg("db.damaged_in_place", **told) if moved_to is None
                         else msg("db.damaged", moved=str(moved_to), **told))
        self.kind = kind
        self.path = path
        self.moved_to = moved_to
        self.reason = reason
        self.backup: Path | None = None

    def hint(self) -> Message:
        """What a user of the command line can do (the app offers the choices itself)."""
        return msg("db.cli_damaged")


def damage(path: Path, *, full_check_up_to: int = FULL_CHECK_UP_TO) -> str | None:
    """Why the database file at ``path`` is damaged ("empty", "not_sqlite", "corrupt"), or
    None if it is sound or does not exist. Other errors (a locked or unreadable file) are
    raised as they are: they say nothing about the file's content.

    A file of at most ``full_check_up_to`` bytes (:data:`FULL_CHECK_UP_TO`) gets SQLite's
    ``PRAGMA quick_check``, which reads every page; a larger one gets the structural check only
    (the header's page count against the file's size, and the schema read), which finds a
    truncated or overwritten beginning but not a page overwritten further in."""
    try:
        header, size = _header(path)
    except FileNotFoundError:
        return None
    if not header:
        return "empty"
    if not header.startswith(SQLITE_HEADER) or len(header) < HEADER_BYTES:
        return "not_sqlite"
    try:
        conn = sqlite3.connect(str(path), timeout=10)
    except sqlite3.DatabaseError as exc:
        return _corrupt_or_raise(exc)
    try:
        # Reading the schema first lets SQLite roll back a hot journal left by a crash, so
        # the header and size read after it are those of the committed database.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        header, size = _header(path)
        # With pages in a WAL the main file alone may be mid-checkpoint (page 1 with the new
        # page count written, the file not yet grown): SQLite reads it whole through the WAL.
        if not _has_wal(path) and _truncated(header, size):
            return "corrupt"
        if size > full_check_up_to:
            return None
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return _corrupt_or_raise(exc)
    finally:
        conn.close()
    return None if rows == [("ok",)] else "corrupt"


def _header(path: Path) -> tuple[bytes, int]:
    with path.open("rb") as file:
        return file.read(HEADER_BYTES), os.fstat(file.fileno()).st_size


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except FileNotFoundError:
        return False


def _truncated(header: bytes, size: int) -> bool:
    """Whether the file is shorter than its header says, or not a whole number of pages."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return True
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]  # the page count is kept up to date
    return size % page_size != 0 or (counter_valid and pages * page_size > size)


def _corrupt_or_raise(exc: sqlite3.DatabaseError) -> str:
    reason = _REASONS.get(getattr(exc, "sqlite_errorcode", 0) & 0xFF)
    if reason is None:
        raise exc
    return reason


def damaged_copies(path: Path) -> list[Path]:
    """The damaged copies set aside from ``path``, newest first."""
    return sorted(path.parent.glob(f"{path.stem}.damaged-*{path.suffix}"), reverse=True)


def move_aside(path: Path) -> Path:
    """Rename the damaged file (and its -wal/-shm/-journal files) beside itself; the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{counter}{path.suffix}")
    path.replace(target)
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    return target


def ensure_sound(path: Path, kind: str) -> None:
    """Raise :class:`DamagedDatabase` if the file at ``path`` is damaged (after setting it
    aside), or if it is missing while a damaged copy set aside earlier waits for the user's
    choice. A sound file, or a first start, passes."""
    reason = damage(path)
    if reason is None:
        if not path.exists() and (earlier := damaged_copies(path)):
            raise DamagedDatabase(kind, path, earlier[0], "set_aside")
        return
    try:
        moved: Path | None = move_aside(path)
    except OSError:
        moved = None
    raise DamagedDatabase(kind, path, moved, reason)
