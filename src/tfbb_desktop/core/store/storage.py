"""Errors of the storage (a locked database, a full disk, a folder that cannot be written) as
messages for the user. They are faults of the computer, not of the app: each one says that
nothing was changed and what the user can do.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from tfbb_desktop.core.messages import Message, msg

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_CODES = {
    3: "db.readonly",    # SQLITE_PERM
    5: "db.busy",        # SQLITE_BUSY
    6: "db.busy",        # SQLITE_LOCKED
    8: "db.readonly",    # SQLITE_READONLY
    10: "db.io",         # SQLITE_IOERR
    11: "db.corrupt",    # SQLITE_CORRUPT
    13: "db.full",       # SQLITE_FULL
    14: "db.readonly",   # SQLITE_CANTOPEN
    26: "db.corrupt",    # SQLITE_NOTADB
}
_OS_CODES = {
    errno.ENOSPC: "db.full",
    errno.EDQUOT: "db.full",
    errno.EROFS: "db.readonly",
    errno.EACCES: "db.readonly",
    errno.EPERM: "db.readonly",
    errno.ENOTDIR: "db.not_folder",
    errno.EEXIST: "db.not_folder",
}


def problem(exc: BaseException, folder: Path | None = None) -> Message | None:
    """The message for a storage error, or None if ``exc`` is not one.

    SQLite tells a write refused through a file it already has open (a folder made read-only
    while the app runs) as a disk error; given the data ``folder``, such an error is told as
    the folder that cannot be written when the folder indeed cannot be written now."""
    code: str | None = None
    if isinstance(exc, sqlite3.Error):
        code = _SQLITE_CODES.get(getattr(exc, "sqlite_errorcode", 0) & 0xFF)
    elif isinstance(exc, OSError):
        code = _OS_CODES.get(exc.errno or 0)
    if code == "db.io" and folder is not None and not os.access(folder, os.W_OK):
        code = "db.readonly"
    return msg(code) if code else None
