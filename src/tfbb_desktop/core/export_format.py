"""Export format v1: the pydantic models of the manifest and the data, and the format's limits.

An export is a ZIP file holding exactly these members:

* ``manifest.json``  - :class:`Manifest`, with the SHA-256 and size of ``data.json``;
* ``data.json``      - :class:`CatalogueData`, every entity and vocabulary;
* ``signature.json`` - optional :class:`Signature`, an Ed25519 signature of the exact bytes
  of ``manifest.json``.

See ``docs/export-format.md`` and ``resources/export-format-v1.schema.json``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

FORMAT_NAME = "tfbb-katalog-export"
FORMAT_VERSION = 1

MANIFEST_NAME = "manifest.json"
DATA_NAME = "data.json"
SIGNATURE_NAME = "signature.json"
MEMBER_NAMES = frozenset({MANIFEST_NAME, DATA_NAME, SIGNATURE_NAME})

# Limits. An export over any of them is refused before it is parsed.
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024
MAX_DATA_BYTES = 320 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024
MAX_SIGNATURE_BYTES = 4 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ENTITIES = 500_000
MAX_TEXT_CHARS = 20_000
MAX_SHORT_CHARS = 300
# A dataset version more than this far above the installed one is taken as an error.
MAX_VERSION_STEP = 1_000
SQL_INT_MAX = 2**63 - 1  # the largest integer SQLite stores

ENTITY_TYPES = ("principals", "contacts", "examples", "work", "component_status")
VOCABULARIES = (
    "principal_kinds",
    "roles",
    "example_kinds",
    "work_kinds",
    "work_statuses",
    "levels",
    "domains",
    "professional_groups",
    "components",
    "component_statuses",
)

# ``Example`` has a field named ``date``; inside that class the name no longer means the type.
Date = date

_EMAIL_PATTERN = r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$"
_PHONE_PATTERN = r"^\+?[0-9][0-9 ()-]{4,24}$"
_URL_PATTERN = r"^[hH][tT][tT][pP][sS]?://[^\s\u0000-\u001f\u007f-\u009f]+$"
_EMAIL = re.compile(_EMAIL_PATTERN)
_PHONE = re.compile(_PHONE_PATTERN)


def _check_email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("invalid_email")
    return value


def _check_phone(value: str) -> str:
    if not _PHONE.fullmatch(value):
        raise ValueError("invalid_phone")
    return value


# Unicode category Cc (control characters) except tab, line feed and carriage return: one
# regex search instead of a look-up per character (tests check it against unicodedata).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE_OR_CONTROL = re.compile("[\\s\x00-\x1f\x7f-\x9f]")


def _check_url(value: str) -> str:
    lowered = value[:8].lower()
    if (not (lowered.startswith("https://") or lowered.startswith("http://"))
            or _SPACE_OR_CONTROL.search(value)):
        raise ValueError("invalid_url")
    return value


def _check_no_control(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("control_character")
    return value


ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,99}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
_NO_CONTROL_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
NO_CONTROL = AfterValidator(_check_no_control)


def text_schema(max_length: int, min_length: int = 0) -> WithJsonSchema:
    """The JSON schema of a text field checked with :data:`NO_CONTROL`."""
    limits = {"minLength": min_length} if min_length else {}
    return WithJsonSchema({"type": "string", **limits, "maxLength": max_length,
                           "pattern": _NO_CONTROL_PATTERN})


ShortText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_SHORT_CHARS),
    NO_CONTROL,
    text_schema(MAX_SHORT_CHARS, 1),
]
LongText = Annotated[
    str,
    StringConstraints(max_length=MAX_TEXT_CHARS),
    NO_CONTROL,
    text_schema(MAX_TEXT_CHARS),
]
Email = Annotated[
    str,
    StringConstraints(max_length=254),
    AfterValidator(_check_email),
    WithJsonSchema({"type": "string", "maxLength": 254, "pattern": _EMAIL_PATTERN}),
]
Phone = Annotated[
    str,
    AfterValidator(_check_phone),
    WithJsonSchema({"type": "string", "pattern": _PHONE_PATTERN}),
]
Url = Annotated[
    str,
    StringConstraints(max_length=2000),
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "maxLength": 2000, "pattern": _URL_PATTERN}),
]
IdList = Annotated[list[Id], Field(max_length=1000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Term(_Strict):
    """One entry of a vocabulary: a stable id and its Swedish label."""

    id: Id
    label: ShortText
    description: LongText = ""
    order: Annotated[int, Field(ge=-SQL_INT_MAX, le=SQL_INT_MAX)] = 0


class Vocabularies(_Strict):
    principal_kinds: list[Term]
    roles: list[Term]
    example_kinds: list[Term]
    work_kinds: list[Term]
    work_statuses: list[Term]
    levels: list[Term]
    domains: list[Term]
    professional_groups: list[Term]
    components: list[Term]
    component_statuses: list[Term]


class Link(_Strict):
    label: ShortText
    url: Url


class Principal(_Strict):
    id: Id
    name: ShortText
    kind: Id
    short_name: Annotated[str, StringConstraints(max_length=MAX_SHORT_CHARS)] = ""
    description: LongText = ""
    website: Url | None = None


class Contact(_Strict):
    id: Id
    name: ShortText
    title: Annotated[str, StringConstraints(max_length=MAX_SHORT_CHARS)] = ""
    principal: Id
    unit: Annotated[str, StringConstraints(max_length=MAX_SHORT_CHARS)] = ""
    email: Email | None = None
    phone: Phone | None = None
    roles: IdList = []
    valid_until: date | None = None
    note: LongText = ""


class Example(_Strict):
    id: Id
    title: ShortText
    kind: Id
    summary: LongText = ""
    target_group: LongText = ""
    purpose: LongText = ""
    method: LongText = ""
    results: LongText = ""
    lessons: LongText = ""
    source: Annotated[str, StringConstraints(max_length=MAX_SHORT_CHARS)] = ""
    date: Date | None = None
    principals: IdList = []
    contacts: IdList = []
    professional_groups: IdList = []
    levels: IdList = []
    domains: IdList = []
    tags: Annotated[list[ShortText], Field(max_length=100)] = []


class WorkItem(_Strict):
    id: Id
    title: ShortText
    kind: Id
    status: Id
    summary: LongText = ""
    start_date: date | None = None
    end_date: date | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: Annotated[str, StringConstraints(max_length=MAX_SHORT_CHARS)] = ""
    next_step: LongText = ""
    decision: LongText = ""
    risks: LongText = ""
    source: Annotated[str, StringConstraints(max_length=MAX_SHORT_CHARS)] = ""
    principals: IdList = []
    contacts: IdList = []
    components: IdList = []
    links: Annotated[list[Link], Field(max_length=100)] = []


class ComponentStatus(_Strict):
    principal: Id
    component: Id
    status: Id
    note: LongText = ""


# The model of each entity type's records.
ENTITY_MODELS: dict[str, type[_Strict]] = {
    "principals": Principal,
    "contacts": Contact,
    "examples": Example,
    "work": WorkItem,
    "component_status": ComponentStatus,
}


class CatalogueData(_Strict):
    vocabularies: Vocabularies
    principals: list[Principal]
    contacts: list[Contact]
    examples: list[Example]
    work: list[WorkItem]
    component_status: list[ComponentStatus]


class Publisher(_Strict):
    id: Id
    name: ShortText


class Feedback(_Strict):
    email: Email | None = None
    folder: Annotated[str, StringConstraints(max_length=200)] = ""


class FileEntry(_Strict):
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    size: Annotated[int, Field(ge=0)]


class Manifest(_Strict):
    format: Literal["tfbb-katalog-export"]
    format_version: int
    dataset_version: Annotated[int, Field(ge=1, le=SQL_INT_MAX)]
    created: datetime
    expires: date
    publisher: Publisher
    feedback: Feedback = Feedback()
    counts: dict[str, Annotated[int, Field(ge=0)]]
    files: dict[str, FileEntry]


class Signature(_Strict):
    algorithm: Literal["ed25519"]
    key_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
    signature: Annotated[str, StringConstraints(max_length=200)]


def entity_key(entity_type: str, record: dict[str, object]) -> str:
    """The stable key of a record: its id, or principal/component for a component status."""
    if entity_type == "component_status":
        return f"{record.get('principal')}/{record.get('component')}"
    return str(record.get("id"))
