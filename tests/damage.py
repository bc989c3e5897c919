"""Test helpers: damaging a database file the ways disks and programs damage them."""

from __future__ import annotations

import random
from pathlib import Path

PAGE = 4096
HOWS = ("overwritten_pages", "truncated", "zero_bytes", "not_sqlite")


def damage_file(path: Path, how: str) -> None:
    """Damage the (closed, checkpointed) database file at ``path`` in the way ``how`` names."""
    data = path.read_bytes()
    assert len(data) >= 4 * PAGE, "the file is large enough to damage page by page"
    if how == "overwritten_pages":
        noise = random.Random(17).randbytes(len(data) // 2)
        data = data[:PAGE] + noise + data[PAGE + len(noise):]
    elif how == "truncated":
        data = data[: len(data) * 2 // 5 + 100]
    elif how == "zero_bytes":
        data = b""
    elif how == "not_sqlite":
        data = b"PK\x03\x04 this is a ZIP file saved under the database's name\n" * 100
    else:
        raise ValueError(how)
    path.write_bytes(data)
