"""Suggestions of changes to the catalogue ("Föreslå ändring").

A suggestion is about one entry: a category, a free text and optionally the sender's name and
e-mail. It is saved in the user's own data first (``userdata.db``, table ``suggestion``; no
import ever writes that file) and then sent as a small JSON file (:class:`FeedbackFile`, see
``docs/feedback-format.md``) or as a prefilled ``mailto:`` e-mail; :func:`delivery` decides
which. Texts meant for the publisher (the e-mail, the category labels in the file) are Swedish.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from tfbb_desktop.core.entities import LISTED_TYPES
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.paths import resource_path, write_atomically
from tfbb_desktop.core.store.db import transaction

# The types, checks and schema patterns are the export format's: a suggestion accepts exactly
# what a catalogue accepts.
from tfbb_desktop.core.sync.export_format import (
    ID_PATTERN,
    INTEGER,
    AwareDateTime,
    Email,
    Id,
    has_control,
    is_email,
    json_schema_patterns,
    text,
)
from tfbb_desktop.core.sync.validate import message

if TYPE_CHECKING:
    from tfbb_desktop.core.store.userdata import UserData

FORMAT_NAME = "tfbb-katalog-feedback"
FORMAT_VERSION = 1
MAX_TEXT_CHARS = 5000
MAX_NAME_CHARS = 200
MAX_FILE_BYTES = 64 * 1024
# Windows hands a mailto: link of more than about 2,000 characters to no mail program.
MAX_MAILTO_CHARS = 2000
FOLDER_SETTING = "feedback/folder"
SCHEMA_NAME = "feedback-v1.schema.json"

CATEGORIES: dict[str, str] = {
    "person_left": "Någon har slutat",
    "new_contact": "Ny kontaktperson",
    "example_failed": "Ett exempel som inte fungerade",
    "remove": "Något som bör tas bort",
    "other": "Annat",
}
Category = Literal["person_left", "new_contact", "example_failed", "remove", "other"]
ENTITY_TYPE_NAMES = {"principals": "Huvudman", "contacts": "Kontaktperson",
                     "examples": "Exempel", "work": "Pågående arbete"}

_UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Name = Annotated[str, text(300, 1)]
SenderName = Annotated[str, text(MAX_NAME_CHARS)]
Text = Annotated[str, text(MAX_TEXT_CHARS, 1)]


# The file format ------------------------------------------------------------------------

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntryRef(_Strict):
    """The entry the suggestion is about, by its stable id in the export."""

    type: Literal["principals", "contacts", "examples", "work"]
    id: Id
    name: Name


class CatalogueRef(_Strict):
    """The catalogue the user was looking at."""

    dataset_version: Annotated[int, Field(ge=0), INTEGER]
    publisher: Annotated[str, text(300)] = ""


class Sender(_Strict):
    name: SenderName = ""
    email: Email | None = None


class FeedbackFile(_Strict):
    """One suggestion as a file: format ``tfbb-katalog-feedback``, version 1."""

    format: Literal["tfbb-katalog-feedback"]
    format_version: Annotated[Literal[1], INTEGER]
    id: Annotated[str, StringConstraints(pattern=_UUID_PATTERN)]
    created: AwareDateTime
    app_version: Annotated[str, text(50)] = ""
    catalogue: CatalogueRef
    entry: EntryRef
    category: Category
    category_label: Annotated[str, text(100)] = ""
    text: Text
    sender: Sender = Sender()


def schema_text() -> str:
    """The JSON Schema of :class:`FeedbackFile`, as ``resources/feedback-v1.schema.json``
    holds it (:func:`write_schema` writes it there)."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tfbb-katalog.invalid/feedback-v1.schema.json",
        **json_schema_patterns(FeedbackFile.model_json_schema()),
        "title": "TFBB Katalog feedback file v1",
        "description": "One suggestion of a change to the catalogue, written by TFBB Katalog. "
                       "See docs/feedback-format.md.",
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path | None = None) -> Path:
    target = path if path is not None else resource_path(SCHEMA_NAME)
    target.write_text(schema_text(), encoding="utf-8", newline="\n")
    return target


class FeedbackFormatError(ValueError):
    """A feedback file that is not a valid ``tfbb-katalog-feedback`` v1 file; :attr:`reason`
    says why (its first problem), for the user."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


def parse_file(data: bytes) -> FeedbackFile:
    """Read and validate a feedback file; raise :class:`FeedbackFormatError` if it is not one."""
    if len(data) > MAX_FILE_BYTES:
        raise FeedbackFormatError(msg("feedback.too_large", max=MAX_FILE_BYTES))
    try:
        return FeedbackFile.model_validate_json(data)
    except ValidationError as exc:
        errors = exc.errors(include_input=False)
        first = errors[0]
        place = ".".join(str(p) for p in first["loc"]) or msg("feedback.the_file")
        reason = msg("place.problem", place=place, problem=message(first))
        if len(errors) > 1:
            reason = msg("feedback.more", first=reason, count=len(errors) - 1)
        raise FeedbackFormatError(reason) from exc


# The user's suggestions -------------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    id: str
    created_at: str
    entity_type: str
    entity_id: str
    entity_name: str
    category: str
    text: str
    sender_name: str
    sender_email: str
    dataset_version: int
    publisher: str
    sent_at: str
    sent_via: str
    sent_to: str

    @property
    def sent(self) -> bool:
        return bool(self.sent_at)

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)


_COLUMNS = ", ".join(f.name for f in fields(Suggestion))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def problems(category: str, text: str, sender_name: str = "", sender_email: str = "") -> list[str]:
    """What is wrong with a draft, as codes the UI translates: ``category``, ``empty_text``,
    ``text_too_long``, ``name_too_long``, ``invalid_email``, ``control_character``."""
    email = sender_email.strip()
    wrong = {
        "category": category not in CATEGORIES,
        "empty_text": not text.strip(),
        "text_too_long": bool(text.strip()) and len(text) > MAX_TEXT_CHARS,
        "name_too_long": len(sender_name) > MAX_NAME_CHARS,
        "invalid_email": bool(email) and not is_email(email),
        "control_character": any(has_control(v) for v in (text, sender_name, sender_email)),
    }
    return [code for code, found in wrong.items() if found]


def add(userdata: UserData, *, entity_type: str, entity_id: str, entity_name: str,
        category: str, text: str, sender_name: str = "", sender_email: str = "",
        dataset_version: int = 0, publisher: str = "") -> Suggestion:
    """Save a new, unsent suggestion; raise ValueError if :func:`problems` finds any."""
    issues = problems(category, text, sender_name, sender_email)
    if entity_type not in LISTED_TYPES:
        issues.append("entity_type")
    if not re.fullmatch(ID_PATTERN, entity_id):
        issues.append("entity_id")
    if issues:
        raise ValueError(", ".join(issues))
    entity_name = " ".join(entity_name.split())[:300] or entity_id
    publisher = " ".join(publisher.split())[:300]
    suggestion = Suggestion(str(uuid.uuid4()), _now(), entity_type, entity_id, entity_name,
                            category, text.strip(), sender_name.strip(), sender_email.strip(),
                            dataset_version, publisher, "", "", "")
    with transaction(userdata.conn):
        userdata.conn.execute(f"INSERT INTO suggestion ({_COLUMNS}) VALUES "
                              f"({', '.join('?' * len(fields(Suggestion)))})", astuple(suggestion))
    return suggestion


def suggestions(userdata: UserData) -> list[Suggestion]:
    """Every suggestion, newest first."""
    return [Suggestion(*row) for row in userdata.conn.execute(
        f"SELECT {_COLUMNS} FROM suggestion ORDER BY created_at DESC, id")]


def get(userdata: UserData, suggestion_id: str) -> Suggestion | None:
    row = userdata.conn.execute(f"SELECT {_COLUMNS} FROM suggestion WHERE id = ?",
                                (suggestion_id,)).fetchone()
    return Suggestion(*row) if row else None


def mark_sent(userdata: UserData, suggestion_id: str, via: str, to: str) -> None:
    """Record that the suggestion was sent (``via`` "email" or "file") to ``to``."""
    with transaction(userdata.conn):
        userdata.conn.execute(
            "UPDATE suggestion SET sent_at = ?, sent_via = ?, sent_to = ? WHERE id = ?",
            (_now(), via, to, suggestion_id))


def delete(userdata: UserData, suggestion_id: str) -> None:
    with transaction(userdata.conn):
        userdata.conn.execute("DELETE FROM suggestion WHERE id = ?", (suggestion_id,))


# Sending ----------------------------------------------------------------------------------

def file_bytes(suggestion: Suggestion, app_version: str = "") -> bytes:
    """The suggestion's file: a validated :class:`FeedbackFile` as JSON."""
    data = FeedbackFile.model_validate({
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "id": suggestion.id,
        "created": suggestion.created_at,
        "app_version": app_version,
        "catalogue": {"dataset_version": suggestion.dataset_version,
                      "publisher": suggestion.publisher},
        "entry": {"type": suggestion.entity_type, "id": suggestion.entity_id,
                  "name": suggestion.entity_name},
        "category": suggestion.category,
        "category_label": suggestion.category_label,
        "text": suggestion.text,
        "sender": {"name": suggestion.sender_name,
                   "email": suggestion.sender_email or None},
    }).model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def file_name(suggestion: Suggestion) -> str:
    """``forslag-<date>-<first 8 digits of the id>.json``: unique, and the same each time the
    suggestion is sent again (so the publisher gets one file per suggestion)."""
    return f"forslag-{suggestion.created_at[:10]}-{suggestion.id[:8]}.json"


def write_file(folder: Path, suggestion: Suggestion, app_version: str = "") -> Path:
    """Write the suggestion's file, at once complete, into ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name(suggestion)
    # docs/feedback-format.md: the temporary name is hidden and ends in .tmp
    write_atomically(target, file_bytes(suggestion, app_version), f".{target.name}.tmp")
    return target


def mail_subject(suggestion: Suggestion) -> str:
    return f"TFBB Katalog – förslag: {suggestion.entity_name}"


def mail_body(suggestion: Suggestion, app_version: str = "") -> str:
    kind = ENTITY_TYPE_NAMES.get(suggestion.entity_type, suggestion.entity_type)
    lines = [
        f"{kind}: {suggestion.entity_name} ({suggestion.entity_id})",
        f"Kategori: {suggestion.category_label}",
        "",
        suggestion.text,
        "",
    ]
    email = f"<{suggestion.sender_email}>" if suggestion.sender_email else ""
    if sender := " ".join(p for p in (suggestion.sender_name, email) if p):
        lines.append(f"Från: {sender}")
    lines.append(f"Katalogversion {suggestion.dataset_version}"
                 + (f", TFBB Katalog {app_version}" if app_version else ""))
    lines.append(f"Förslagets id: {suggestion.id}")
    return "\n".join(lines)


def mailto_url(address: str, suggestion: Suggestion, app_version: str = "") -> str:
    """A ``mailto:`` link with subject and body, percent-encoded (UTF-8). A body that would
    make the link longer than :data:`MAX_MAILTO_CHARS` is shortened, saying so (the whole
    text stays in the app)."""
    head = f"mailto:{quote(address, safe='@')}?subject={quote(mail_subject(suggestion), safe='')}"
    body = mail_body(suggestion, app_version).replace("\n", "\r\n")
    url = f"{head}&body={quote(body, safe='')}"
    if len(url) <= MAX_MAILTO_CHARS:
        return url
    marker = "\r\n[…förkortat – hela texten finns i appen under Mina förslag]"
    keep = len(body)
    while keep > 0:
        keep = keep * 9 // 10
        candidate = f"{head}&body={quote(body[:keep] + marker, safe='')}"
        if len(candidate) <= MAX_MAILTO_CHARS:
            return candidate
    return head


@dataclass(frozen=True)
class Delivery:
    """How suggestions are sent: ``method`` is "folder" (``target`` is the folder), "email"
    (``target`` is the address) or "choose_folder" (the user has to pick a folder first)."""

    method: Literal["folder", "email", "choose_folder"]
    target: str = ""


def shared_folder(config_source: str, folder_name: str) -> Path | None:
    """The feedback folder next to the shared export, if the source is a folder this computer
    reaches and the catalogue names a feedback folder: one plain folder name, never a path."""
    plain = folder_name not in ("", ".", "..") and folder_name.strip() == folder_name and all(
        ch not in '/\\:*?"<>|' and ord(ch) >= 32 for ch in folder_name)
    if not plain or not config_source or config_source.strip().lower().startswith(
            ("http://", "https://")):
        return None
    try:
        source = Path(config_source.strip())
        return source / folder_name if source.is_dir() else None
    except OSError:
        return None


def delivery(*, email: str, folder_name: str, config_source: str,
             chosen_folder: str = "") -> Delivery:
    """Where suggestions go: the shared folder, else the e-mail address, else the folder the
    user chose before, else the user has to choose one."""
    shared = shared_folder(config_source, folder_name)
    if shared is not None:
        return Delivery("folder", str(shared))
    if email:
        return Delivery("email", email)
    if chosen_folder:
        return Delivery("folder", chosen_folder)
    return Delivery("choose_folder")
