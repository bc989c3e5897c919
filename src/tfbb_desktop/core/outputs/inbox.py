"""The publisher's inbox: the suggestion files (docs/feedback-format.md) in the feedback
folder, and which of them the publisher has handled.

The handled marks belong to the publisher: they are kept in a small JSON file in the data
folder (:data:`HANDLED_NAME`), never in the feedback folder and never in an export.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tfbb_desktop.core.messages import Message
from tfbb_desktop.core.outputs.feedback import (
    CATEGORIES,
    MAX_FILE_BYTES,
    FeedbackFormatError,
    parse_file,
    shared_folder,
)
from tfbb_desktop.core.paths import write_atomically

HANDLED_NAME = "inbox-handled.json"
FOLDER_SETTING = "publisher/inbox_folder"


@dataclass(frozen=True)
class InboxItem:
    """One suggestion file, as the publisher reads it."""

    id: str
    file_name: str
    created: str  # ISO date-time, as the file gives it
    entity_type: str
    entity_id: str
    entity_name: str
    category_label: str
    text: str
    sender_name: str
    sender_email: str
    dataset_version: int


@dataclass(frozen=True)
class Unreadable:
    file_name: str
    reason: Message | str  # a system error's own text as it is


@dataclass(frozen=True)
class Inbox:
    folder: Path
    items: list[InboxItem]  # newest first
    unreadable: list[Unreadable]


def folder(config_source: str, feedback_folder: str, chosen: str = "") -> Path | None:
    """The inbox's folder: the one the publisher chose, else the catalogue's feedback folder
    inside the configured source folder (where the users' apps write), else None."""
    return Path(chosen) if chosen else shared_folder(config_source, feedback_folder)


def read(where: Path) -> Inbox:
    """Every suggestion file in ``where`` (one with errors is listed as unreadable; hidden
    files, such as the temporary ``.*.tmp`` of a write in progress, are left out)."""
    items: list[InboxItem] = []
    unreadable: list[Unreadable] = []
    seen: set[str] = set()
    for path in sorted(where.glob("*.json")):
        if path.name.startswith(".") or not path.is_file():
            continue
        try:
            with path.open("rb") as file:  # parse_file refuses a larger one
                found = parse_file(file.read(MAX_FILE_BYTES + 1))
        except (OSError, FeedbackFormatError) as exc:
            reason = exc.reason if isinstance(exc, FeedbackFormatError) else \
                exc.strerror or str(exc)
            unreadable.append(Unreadable(path.name, reason))
            continue
        if found.id in seen:  # the same suggestion sent twice under another name
            continue
        seen.add(found.id)
        items.append(InboxItem(
            id=found.id, file_name=path.name, created=found.created.isoformat(),
            entity_type=found.entry.type, entity_id=found.entry.id,
            entity_name=found.entry.name,
            category_label=found.category_label or CATEGORIES.get(found.category, ""),
            text=found.text, sender_name=found.sender.name,
            sender_email=found.sender.email or "",
            dataset_version=found.catalogue.dataset_version))
    items.sort(key=lambda i: i.created, reverse=True)
    return Inbox(where, items, unreadable)


def handled(path: Path) -> dict[str, str]:
    """Suggestion id -> when it was marked handled (an unreadable file counts as none)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def set_handled(path: Path, suggestion_id: str, on: bool = True,
                now: datetime | None = None) -> dict[str, str]:
    """Mark a suggestion handled (or not); written atomically. Returns the marks."""
    marks = handled(path)
    if on:
        marks[suggestion_id] = (now or datetime.now(UTC)).astimezone().isoformat(
            timespec="seconds")
    else:
        marks.pop(suggestion_id, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (json.dumps(marks, ensure_ascii=False, indent=2) + "\n").encode())
    return marks
