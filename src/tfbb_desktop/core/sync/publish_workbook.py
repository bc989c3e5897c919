"""Building the export from the publisher's workbook: read it with the import's checks, then
:func:`publish.build_data` (the next version by itself, checked as the app checks, renamed into
place only when the app would take it)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tfbb_desktop.core.errors import BuildRefused, Problem
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.sync import publish, workbook_reader


def previous_export(target: Path, previous: Path | None = None) -> Path | None:
    """The export a build at ``target`` follows: ``previous``, or the file at ``target``."""
    if previous is not None:
        return previous
    return target if target.exists() else None


def build(workbook: Path, target: Path, key: Ed25519PrivateKey | None = None, *,
          previous: Path | None = None, expires: date | None = None,
          now: datetime | None = None, today: date | None = None,
          read: workbook_reader.Read | None = None) -> publish.Built:
    """Build an export at ``target`` from ``workbook``; raise :class:`BuildRefused` listing
    every mistake of the workbook with its sheet, row and column, and write nothing then.

    The version is the previous export's + 1 (``previous``, or the file at ``target``): each
    build is a new version, never one already used. Without a previous export it is 1.
    """
    read = workbook_reader.read(workbook)
    if read.problems:
        problems: list[Problem | Message] = [p.as_message() for p in read.problems]
        raise BuildRefused(msg("build.workbook_invalid", file=workbook.name), problems)
    fields = dict(read.manifest)
    if expires is not None:
        fields["expires"] = expires.isoformat()
    created = (now or datetime.now(UTC)).astimezone()
    fields["created"] = created.isoformat(timespec="seconds")
    fields["dataset_version"] = 1
    version = None
    if previous is not None or target.exists():
        before = (publish.read_previous(previous) if previous is not None
                  else publish.read_previous(target, at_target=True))
        version = before.manifest.dataset_version + 1
    return publish.build_data(read.data, fields, workbook.name, target, key,
                              dataset_version=version, previous=previous, today=today)
