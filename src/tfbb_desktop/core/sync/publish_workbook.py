"""Building the export from the publisher's workbook: read it with the import's checks, then
:func:`publish.build_data` (the next version by itself, checked as the app checks, renamed into
place only when the app would take it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tfbb_desktop.core.errors import BuildRefused, Problem
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.outputs import change_report
from tfbb_desktop.core.sync import publish, signing, workbook_reader


def previous_export(target: Path, previous: Path | None = None) -> Path | None:
    """The export a build at ``target`` follows: ``previous``, or the file at ``target``."""
    if previous is not None:
        return previous
    return target if target.exists() else None


@dataclass(frozen=True)
class Checked:
    """A workbook read with the import's checks, and what it changes."""

    workbook: Path
    read: workbook_reader.Read
    report: change_report.ChangeReport


def check(workbook: Path, conn: sqlite3.Connection, *, target: Path | None,
          progress: Callable[[Message, float], None]) -> Checked:
    """Read ``workbook`` and report its changes against the export it follows (the file at
    ``target``), else against the installed catalogue in ``conn``."""
    progress(msg("progress.reading_workbook"), 0.1)
    read = workbook_reader.read(workbook)
    progress(msg("progress.comparing"), 0.7)
    before = previous_export(target) if target is not None else None
    report = change_report.against(read.data, msg("report.workbook", file=workbook.name),
                                   previous=before, conn=conn)
    return Checked(workbook, read, report)


def load_key(path: Path, passphrase: str | None = None) -> Ed25519PrivateKey:
    """The publisher's private key at ``path``, opened with ``passphrase`` if it is
    protected; BuildRefused (nothing is written) when it cannot be had."""
    try:
        if not signing.is_encrypted(path):
            return signing.load_private_key(path)
        if not passphrase:
            raise BuildRefused(msg("build.no_passphrase", key=path.name))
        try:
            return signing.load_private_key(path, passphrase.encode())
        except (ValueError, TypeError) as exc:
            raise BuildRefused(msg("build.wrong_passphrase", key=path.name)) from exc
    except OSError as exc:
        raise BuildRefused(msg("build.key_unreadable", key=path.name,
                               error=str(exc.strerror or exc))) from exc
    except (ValueError, TypeError) as exc:
        raise BuildRefused(msg("build.not_a_key", key=path.name)) from exc


def build(workbook: Path, target: Path, key: publish.SigningKeys = None, *,
          previous: Path | None = None, expires: date | None = None,
          now: datetime | None = None, today: date | None = None,
          read: workbook_reader.Read | None = None) -> publish.Built:
    """Build an export at ``target`` from ``workbook``; raise :class:`BuildRefused` listing
    every mistake of the workbook with its sheet, row and column, and write nothing then.

    The version is the previous export's + 1 (``previous``, or the file at ``target``): each
    build is a new version, never one already used. Without a previous export it is 1.
    """
    read = read or workbook_reader.read(workbook)
    if read.problems:
        problems: list[Problem | Message] = [p.as_message() for p in read.problems]
        raise BuildRefused(msg("build.workbook_invalid", file=workbook.name), problems)
    fields = dict(read.manifest)
    if expires is not None:
        fields["expires"] = expires.isoformat()
    created = (now or datetime.now(UTC)).astimezone()
    fields["created"] = created.isoformat(timespec="seconds")
    fields["dataset_version"] = 1  # without a previous export
    return publish.build_data(read.data, fields, workbook.name, target, key, previous=previous,
                              today=today, always_next=True)
