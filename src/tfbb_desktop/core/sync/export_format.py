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
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from tfbb_desktop.core import entities

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
# A dataset version more than this far above the installed one is refused (a stolen key
# signing a huge version would lock every PC out of later updates). The machine's config may
# set another step; the bundled catalogue and the first import into an empty one are exempt.
MAX_VERSION_STEP = 100
SQL_INT_MAX = 2**63 - 1  # the largest integer SQLite stores

ENTITY_TYPES = entities.ENTITY_TYPES
VOCABULARIES = entities.VOCABULARIES

# Patterns ----------------------------------------------------------------------------------
# Each is checked by the app and written into the JSON Schema as it is. They use only syntax
# that ECMA-262 (with the "u" flag, as JSON Schema validators read patterns), Python's re and
# the Rust regex pydantic checks with read alike: no \s, \d or \w (whose sets differ), escapes
# \uXXXX. The schema adds "(?!\n)" after a final "$": see json_schema_patterns.

# Unicode category Cc (control characters) except tab, line feed and carriage return.
_CONTROL_CLASS = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"
# Every control character and every white space of Python (str.isspace) and of ECMA-262 (\s).
_BLANK_CLASS = ("\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f"
                "\\u205f\\u3000\\ufeff")

NO_CONTROL_PATTERN = f"^[^{_CONTROL_CLASS}]*$"
ID_PATTERN = "^[a-z0-9][a-z0-9._-]{0,99}$"
EMAIL_PATTERN = f'^[^@<>"{_BLANK_CLASS}]+@[^@<>"{_BLANK_CLASS}]+\\.[A-Za-z]{{2,}}$'
PHONE_PATTERN = "^\\+?[0-9][0-9 ()-]{4,24}$"
URL_PATTERN = f"^[hH][tT][tT][pP][sS]?://[^{_BLANK_CLASS}]+$"

# A calendar date (RFC 3339 full-date) of the years 0001-9999: the months' lengths and the
# leap years are in the pattern, so that it says exactly which dates exist.
_DAY = ("(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
        "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
        "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)")
# A time of day with seconds and at most six decimals (what the app keeps), then a UTC offset.
_CLOCK = "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,6})?"
_OFFSET = "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
DATE_PATTERN = f"^{_DAY}$"
# A date-time with a UTC offset: an RFC 3339 date-time, the letters T and Z in upper case.
DATE_TIME_PATTERN = f"^{_DAY}{_CLOCK}{_OFFSET}$"
# A date-time with or without an offset; without one it is Swedish local time.
LOCAL_DATE_TIME_PATTERN = f"^{_DAY}{_CLOCK}{_OFFSET}?$"

_CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
_EMAIL = re.compile(EMAIL_PATTERN)


def is_email(value: str) -> bool:
    return _EMAIL.fullmatch(value) is not None


def has_control(value: str) -> bool:
    """Whether ``value`` holds a control character other than tab, line feed or return."""
    return _CONTROL.search(value) is not None


def json_schema_patterns(node: Any) -> Any:
    """``node`` (a JSON Schema) with "(?!\\n)" after every pattern's final "$".

    In ECMA-262, as JSON Schema reads patterns, "$" is the end of the text; in Python's
    ``re.search``, which Python's jsonschema uses, it also matches before a final line break,
    so "kalle@example.se\\n" would pass. The look-ahead makes both refuse it. (The app checks
    with pydantic's Rust regex, whose "$" is the end of the text, or with ``re.fullmatch``.)
    """
    if isinstance(node, dict):
        return {key: (value + "(?!\\n)" if key == "pattern" and isinstance(value, str)
                      and value.endswith("$") else json_schema_patterns(value))
                for key, value in node.items()}
    if isinstance(node, list):
        return [json_schema_patterns(value) for value in node]
    return node


# Types -------------------------------------------------------------------------------------

def text(max_length: int, min_length: int = 0) -> StringConstraints:
    """The constraints of a text field: its length, and no control character other than tab,
    line feed and carriage return (every text field of the export and of feedback files)."""
    return StringConstraints(min_length=min_length or None, max_length=max_length,
                             pattern=NO_CONTROL_PATTERN)


def _integer(value: object) -> object:
    # pydantic alone would also take "10" and true.
    if isinstance(value, (bool, str)):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _matching(pattern: str, error: str, kind: type) -> BeforeValidator:
    """Only a string that matches ``pattern`` (or a ``kind`` from Python code): pydantic alone
    would also take numbers (seconds since 1970) and other spellings of dates and times."""
    compiled = re.compile(pattern)

    def check(value: object) -> object:
        if (isinstance(value, str) and compiled.fullmatch(value)) or type(value) is kind:
            return value
        raise PydanticCustomError(error, "Input should match {pattern}", {"pattern": pattern})
    return BeforeValidator(check)


# A number without fractional part, as JSON Schema's "integer" is: never a string or a boolean.
# It comes after any Field(ge=..., le=...), which then stays in the schema as minimum/maximum.
INTEGER = BeforeValidator(_integer)
Int = Annotated[int, INTEGER]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
ShortText = Annotated[str, text(MAX_SHORT_CHARS, 1)]
OptionalShortText = Annotated[str, text(MAX_SHORT_CHARS)]
LongText = Annotated[str, text(MAX_TEXT_CHARS)]
Email = Annotated[str, StringConstraints(max_length=254, pattern=EMAIL_PATTERN)]
Phone = Annotated[str, StringConstraints(pattern=PHONE_PATTERN)]
Url = Annotated[str, StringConstraints(max_length=2000, pattern=URL_PATTERN)]
IdList = Annotated[list[Id], Field(max_length=1000)]
IsoDate = Annotated[
    date,
    _matching(DATE_PATTERN, "date_type", date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]
AwareDateTime = Annotated[
    AwareDatetime,
    _matching(DATE_TIME_PATTERN, "datetime_type", datetime),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": DATE_TIME_PATTERN}),
]
# No "format": JSON Schema's "date-time" must have an offset.
LocalDateTime = Annotated[
    datetime,
    _matching(LOCAL_DATE_TIME_PATTERN, "datetime_type", datetime),
    WithJsonSchema({"type": "string", "pattern": LOCAL_DATE_TIME_PATTERN}),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Term(_Strict):
    """One entry of a vocabulary: a stable id and its Swedish label."""

    id: Id
    label: ShortText
    description: LongText = ""
    order: Annotated[int, Field(ge=-SQL_INT_MAX, le=SQL_INT_MAX), INTEGER] = 0


class Link(_Strict):
    label: ShortText
    url: Url


# Each field type of the registry: (its type when required, when optional, and the default).
_FIELD_TYPES: dict[str, tuple[Any, Any, Any]] = {
    "id": (Id, Id, ...),
    "text": (ShortText, OptionalShortText, ""),
    "long": (LongText, LongText, ""),
    "url": (Url, Url | None, None),
    "email": (Email, Email | None, None),
    "phone": (Phone, Phone | None, None),
    "date": (IsoDate, IsoDate | None, None),
    "datetime": (LocalDateTime, LocalDateTime | None, None),
    "ids": (IdList, IdList, []),
    "tags": (Annotated[list[ShortText], Field(max_length=100)],) * 2 + ([],),
    "links": (Annotated[list[Link], Field(max_length=100)],) * 2 + ([],),
}


def field_type(field: entities.Field) -> tuple[Any, Any]:
    """The pydantic (type, default) of a field of the registry."""
    required, optional, default = _FIELD_TYPES[field.type]
    return (required, ...) if field.required else (optional, default)


def entity_models(registry: entities.Registry = entities.REGISTRY) -> dict[str, type[_Strict]]:
    """The model of each entity type's records."""
    out = {}
    for entity in registry.entities:
        fields: dict[str, Any] = {f.name: field_type(f) for f in entity.fields}
        out[entity.name] = create_model(entity.model, __base__=_Strict, **fields)
    return out


def data_model(registry: entities.Registry = entities.REGISTRY,
               models: dict[str, type[_Strict]] | None = None) -> type[_Strict]:
    """The model of data.json: the vocabularies, then every entity type's records."""
    models = models or entity_models(registry)
    terms: dict[str, Any] = {v: (list[Term], ...) for v in registry.vocabularies}
    fields: dict[str, Any] = {t: (list[m], ...) for t, m in models.items()}  # type: ignore[valid-type]
    vocabularies = create_model("Vocabularies", __base__=_Strict, **terms)
    return create_model("CatalogueData", __base__=_Strict, vocabularies=(vocabularies, ...),
                        **fields)


ENTITY_MODELS = entity_models()
if TYPE_CHECKING:  # the models are made when the module is loaded
    CatalogueData = Any
    Vocabularies = Any
else:
    CatalogueData = data_model(models=ENTITY_MODELS)
    Vocabularies = CatalogueData.model_fields["vocabularies"].annotation


class Publisher(_Strict):
    id: Id
    name: ShortText


class Feedback(_Strict):
    email: Email | None = None
    folder: Annotated[str, text(200)] = ""


class FileEntry(_Strict):
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    size: Annotated[int, Field(ge=0), INTEGER]


class Manifest(_Strict):
    format: Literal["tfbb-katalog-export"]
    format_version: Int
    dataset_version: Annotated[int, Field(ge=1, le=SQL_INT_MAX), INTEGER]
    created: AwareDateTime
    expires: IsoDate
    publisher: Publisher
    feedback: Feedback = Feedback()
    counts: dict[str, Annotated[int, Field(ge=0), INTEGER]]
    files: dict[str, FileEntry]


class Signature(_Strict):
    algorithm: Literal["ed25519"]
    key_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
    signature: Annotated[str, text(200)]

