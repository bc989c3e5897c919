"""Reading and validating ``data.json`` in one pass, for the import and the publisher's tools.

The file is read as a stream (ijson): each top-level member, and each record of an entity
type's list, is built on its own, checked with its model, turned into its document and
dropped. Every problem is collected with its place (entity type, id or #n, field); duplicates,
references and the manifest's counts are checked across the records. Broken JSON is refused
at the record where the parser stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import ijson
from pydantic import ValidationError

from tfbb_desktop.core.entities import REGISTRY
from tfbb_desktop.core.errors import ImportRefused, Problem
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.sync import changes
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.changes import Documents

# Which fields refer to what: ("entity", type) or ("vocab", vocabulary).
REFERENCES: dict[str, dict[str, tuple[str, str]]] = {
    e.name: e.references() for e in REGISTRY.entities}

MAX_NESTING = 32  # levels of lists and objects in one record (the format has at most three)
MAX_JSON_DEPTH = 1000  # deeper than this, the file is not read at all
CHUNK = 1 << 20  # bytes given to the parser at a time
MAX_VALUE_BYTES = 64 << 20  # a string much longer than this (up to twice) is not read

_PATTERN_ERRORS = {
    fmt.ID_PATTERN: "value.bad_id",
    fmt.EMAIL_PATTERN: "value.bad_email",
    fmt.PHONE_PATTERN: "value.bad_phone",
    fmt.URL_PATTERN: "value.bad_url",
    fmt.NO_CONTROL_PATTERN: "value.control",
}

_PLAIN_ERRORS = {"missing": "value.missing", "extra_forbidden": "value.unknown_field",
                 "string_too_short": "value.empty", "literal_error": "value.invalid"}

_TYPE_NAMES = {
    "string_type": "type.text",
    "int_type": "type.int",
    "int_parsing": "type.int",
    "list_type": "type.list",
    "dict_type": "type.object",
    "model_type": "type.object",
    "model_attributes_type": "type.object",
}


class _Unreadable(Exception):
    """``data.json`` is not read to its end: (code, reason, problems) of the refusal."""


class _Reader:
    """``data.json`` for the parser, a piece at a time. yajl lexes a string cut by the end of a
    piece again from its start with each piece, so a piece that lies wholly inside a string
    (every quote in it escaped) makes the next one twice as long: linear, not quadratic."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at, self.size = data, 0, CHUNK

    def read(self, size: int = -1) -> bytes:
        piece = self.data[self.at:self.at + self.size] if size else b""
        self.at += len(piece)
        if len(piece) == self.size and piece.count(b'"') == piece.count(b'\\"'):
            if self.size >= MAX_VALUE_BYTES:
                raise _Unreadable("bad_json", msg("data.too_long_value",
                                                  size=MAX_VALUE_BYTES >> 20), [])
            self.size *= 2
        else:
            self.size = CHUNK
        return piece


class _Deep(NamedTuple):  # a value nested deeper than MAX_NESTING: what was built above it
    value: Any


_STARTS = frozenset({"start_map", "start_array"})
_ENDS = frozenset({"end_map", "end_array"})


def _value(events: Iterator[tuple[str, Any]], event: str, value: Any) -> Any:
    """The JSON value that starts with ``event``, built from the events that follow (not
    beyond :data:`MAX_NESTING` levels: then a :class:`_Deep`). Inline rather than with ijson's
    ObjectBuilder, and a key with its value at once: this loop runs for every value read."""
    if event not in _STARTS:
        return value
    root: Any = {} if event == "start_map" else []
    stack, top, key, deep, following = [root], root, None, False, events.__next__
    for event, value in events:
        if event == "map_key":
            key = value
            event, value = following()
            if event not in _STARTS:  # a key's plain value (an end cannot follow a key)
                top[key] = value
                continue
        elif event in _ENDS:
            stack.pop()
            if not stack:
                break
            top = stack[-1]
            continue
        elif event not in _STARTS:  # a plain value in a list
            top.append(value)
            continue
        if len(stack) >= MAX_NESTING:  # a list or object begins, one level too deep
            _skip(events, len(stack) + 1)
            deep = True
            continue
        value = {} if event == "start_map" else []
        if type(top) is dict:
            top[key] = value
        else:
            top.append(value)
        stack.append(value)
        top = value
    return _Deep(root) if deep else root


def _skip(events: Iterator[tuple[str, Any]], depth: int) -> None:
    """Read past the list or object just begun at ``depth``."""
    level = depth
    for event, _ in events:
        if event == "start_map" or event == "start_array":
            level += 1
            if level > MAX_JSON_DEPTH:
                raise _Unreadable("bad_json", msg("data.too_deep_file"), [])
        elif event == "end_map" or event == "end_array":
            level -= 1
            if level < depth:
                return


def members(data: bytes, arrays: Iterable[str], where: list[tuple[str, int]],
            backend: Any = ijson) -> Iterator[tuple[str, int, Any]]:
    """``(key, index, item)`` for each item of the top-level lists named in ``arrays`` (an
    empty list gives ``(key, -1, [])``), ``(key, -1, value)`` for any other member; the key
    and index being read are kept in ``where[0]``. Raises ijson's errors for broken JSON."""
    where[:] = [("", -1)]
    events = iter(backend.basic_parse(_Reader(data), buf_size=CHUNK))
    if next(events)[0] != "start_map":
        raise _Unreadable("invalid", msg("data.invalid"), [Problem(
            "data", "", "", msg("value.wrong_type", type=msg("type.object")))])
    for event, key in events:
        if event == "end_map":
            break
        where[0] = (key, -1)
        event, value = next(events)
        if key not in arrays or event != "start_array":
            yield key, -1, _value(events, event, value)
            continue
        index = -1
        for index, (event, value) in enumerate(events):
            if event == "end_array":
                break
            where[0] = (key, index)
            yield key, index, _value(events, event, value)
        if index == 0:
            yield key, -1, []
        where[0] = (key, -1)
    where[0] = ("", -1)
    for _ in events:  # anything after the object is an error of the parser
        pass


class _Check:
    """The documents and problems of one ``data.json``, a member or record at a time."""

    def __init__(self, manifest: fmt.Manifest) -> None:
        self.manifest = manifest
        self.docs: Documents = {t: {} for t in changes.CHANGE_TYPES}
        self.problems: list[Problem] = []
        self.counts = dict.fromkeys(fmt.ENTITY_TYPES, 0)
        # The ids read, per entity type and per vocabulary (the names differ).
        self.known: dict[str, set[str]] = {n: set() for n in (*fmt.ENTITY_TYPES,
                                                               *fmt.VOCABULARIES)}
        self.total = 0
        self.seen: set[str] = set()
        self.done: set[str] = set()  # the members read to their end
        self.pending: list[tuple[str, str, str, tuple[str, str], str]] = []  # for the end
        self.skip = False  # in a member that came before

    def add(self, key: str, index: int, item: Any) -> None:
        if index <= 0:  # a member starts
            self.done.update(self.seen)
            self.skip = key in self.seen
            if self.skip:
                self.problems.append(Problem("data", "", key, msg("data.member_twice")))
            self.seen.add(key)
        if self.skip:
            return
        if key == "vocabularies":
            self.vocabularies(item)
        elif key not in fmt.ENTITY_MODELS:
            self.problems.append(Problem("data", "", key, msg("value.unknown_field")))
        elif index < 0 and item != []:
            self.problems.append(Problem("data", "", key, msg("value.wrong_type",
                                                              type=msg("type.list"))))
        elif index >= 0:
            self.counts[key] += 1
            self.total += 1
            if self.total <= fmt.MAX_ENTITIES:
                self.record(key, index, item)

    def vocabularies(self, item: Any) -> None:
        if isinstance(item, _Deep):
            self.problems.append(Problem("data", "", "vocabularies", msg("value.too_deep")))
            return
        try:
            self.docs["vocabularies"] = changes.term_documents(
                fmt.Vocabularies.model_validate(item))
        except ValidationError as exc:
            for err in exc.errors(include_input=False):
                loc = list(err["loc"])
                if len(loc) < 2 or not isinstance(loc[1], int):
                    self.problems.append(Problem("data", "", _field(["vocabularies", *loc]),
                                                 message(err)))
                    continue
                term_id = _get(item[loc[0]][loc[1]], "id")
                ident = f"{loc[0]}/{term_id if isinstance(term_id, str) else f'#{loc[1] + 1}'}"
                self.problems.append(Problem("vocabularies", ident, _field(loc[2:]),
                                             message(err)))
        for name in fmt.VOCABULARIES:
            terms = _get(item, name)
            for term in terms if isinstance(terms, list) else []:
                if isinstance(term_id := _get(term, "id"), str):
                    self.unique(name, term_id, "vocabularies", f"{name}/{term_id}", "id")

    def unique(self, known: str, key: str, entity_type: str, ident: str, field: str) -> None:
        if key in self.known[known]:
            self.problems.append(Problem(entity_type, ident, field, msg("data.duplicate")))
        self.known[known].add(key)

    def record(self, entity_type: str, index: int, item: Any) -> None:
        entity = REGISTRY.entity(entity_type)
        built = item.value if isinstance(item, _Deep) else item
        ident = entity.key_of(built) if isinstance(built, dict) else ""
        if not ident or ident == "None" or "None" in ident.split("/"):
            ident = f"#{index + 1}"
        if isinstance(item, _Deep):
            self.problems.append(Problem(entity_type, ident, "", msg("value.too_deep")))
            return
        try:
            record = fmt.ENTITY_MODELS[entity_type].model_validate(item)
            key, document = changes.entry_document(entity_type, record)
            self.docs[entity_type][key] = document
        except ValidationError as exc:
            self.problems.extend(Problem(entity_type, ident, _field(err["loc"]), message(err))
                                 for err in exc.errors(include_input=False))
        if not isinstance(item, dict):
            return
        if all(isinstance(item.get(n), str) for n in entity.key):
            self.unique(entity_type, ident, entity_type, ident, "/".join(entity.key))
        for name, (kind, target) in REFERENCES[entity_type].items():
            if (value := item.get(name)) is None:
                continue
            known = self.known[target]
            for ref in value if type(value) is list else (value,):
                if type(ref) is str and ref not in known:
                    if (target if kind == "entity" else "vocabularies") in self.done:
                        self.refer(entity_type, ident, name, (kind, target), ref)
                    else:  # what it refers to comes later in the file
                        self.pending.append((entity_type, ident, name, (kind, target), ref))

    def refer(self, entity_type: str, ident: str, field: str, target: tuple[str, str],
              ref: str) -> None:
        kind, name = target
        if ref in self.known[name]:
            return
        problem = (msg("data.missing_entry", ref=ref) if kind == "entity" else
                   msg("data.missing_term", ref=ref, vocabulary=name))
        self.problems.append(Problem(entity_type, ident, field, problem))

    def finish(self) -> list[Problem]:
        for pending in self.pending:
            self.refer(*pending)
        self.problems.extend(Problem("data", "", key, msg("value.missing"))
                             for key in ("vocabularies", *fmt.ENTITY_TYPES)
                             if key not in self.seen)
        for entity_type, found in self.counts.items():
            if (said := self.manifest.counts.get(entity_type)) != found:
                self.problems.append(Problem("manifest", "", f"counts.{entity_type}",
                                             msg("data.counts", said=str(said), found=found)))
        if self.total > fmt.MAX_ENTITIES:
            self.problems.append(Problem("data", "", "", msg(
                "data.too_many", count=self.total, limit=fmt.MAX_ENTITIES)))
        return list(dict.fromkeys(self.problems))


def parse_documents(data_bytes: bytes, manifest: fmt.Manifest, file_name: str,
                    backend: Any = ijson) -> Documents:
    """The documents of every entry and term of ``data.json`` (see :func:`changes.compute`);
    raise :class:`ImportRefused` listing every problem found, each with its place."""
    check = _Check(manifest)
    where: list[tuple[str, int]] = []
    try:
        for key, index, item in members(data_bytes, fmt.ENTITY_TYPES, where, backend):
            check.add(key, index, item)
    except _Unreadable as exc:
        raise ImportRefused(exc.args[0], exc.args[1], file_name, exc.args[2]) from None
    # A lone surrogate ("\ud800") fails late, in decoding; yajl2_c may then raise SystemError.
    except (ijson.JSONError, UnicodeDecodeError, SystemError) as exc:
        key, index = where[0]
        place: Message = msg("place.field", place=msg("entity.data"), field=key) if key else (
            msg("entity.data"))
        if key in fmt.ENTITY_TYPES and index >= 0:
            place = msg("place.entry", entity=msg(f"entity.{key}"), id=f"#{index + 1}")
        error = (str(exc) or type(exc).__name__).splitlines()[0]
        raise ImportRefused("bad_json", msg("data.bad_json", place=place, error=error),
                            file_name) from None
    if problems := check.finish():
        raise ImportRefused("invalid", msg("data.invalid"), file_name, problems)
    return check.docs


def _get(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else None


def _field(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def message(err: Any) -> Message:
    """The message of one pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in _PLAIN_ERRORS:
        return msg(_PLAIN_ERRORS[kind])
    if kind in ("string_too_long", "too_long"):
        return msg("value.too_long" if kind == "string_too_long" else "value.too_many",
                   max=str(ctx.get("max_length")))
    if kind == "string_pattern_mismatch":
        return msg(_PATTERN_ERRORS.get(str(ctx.get("pattern")), "value.invalid"))
    if kind in _TYPE_NAMES:
        return msg("value.wrong_type", type=msg(_TYPE_NAMES[kind]))
    if kind.startswith(("datetime", "timezone")):
        aware = ctx.get("pattern") == fmt.DATE_TIME_PATTERN
        return msg("value.bad_aware_time" if aware else "value.bad_time")
    if kind.startswith("date"):
        return msg("value.bad_date")
    if kind.startswith(("greater_than", "less_than")):
        return msg("value.out_of_range")
    if kind == "json_invalid" and "recursion" in str(ctx.get("error", "")):
        return msg("value.too_deep")
    return msg("value.invalid_kind", kind=kind)
