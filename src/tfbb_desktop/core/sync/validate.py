"""Reading and validating ``data.json`` in one pass, for the import and the publisher's tools.

The file is read as a stream (ijson): each top-level member, and each record of an entity
type's list, is built on its own, checked with the model of its type, turned into its document
and dropped, so memory holds one record at a time besides the documents. Every problem is
collected with its place (entity type, id or #n, field); duplicates, references and the
manifest's counts are checked across the records. Broken JSON is refused at the record where
the parser stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import ijson
from ijson.common import ObjectBuilder
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

_TYPE_NAMES = {
    "string_type": "type.text",
    "int_type": "type.int",
    "int_parsing": "type.int",
    "list_type": "type.list",
    "dict_type": "type.object",
    "model_type": "type.object",
    "model_attributes_type": "type.object",
}


class _TooDeep(Exception):
    """The file nests lists and objects deeper than :data:`MAX_JSON_DEPTH`."""


class _TooLong(Exception):
    """The file holds a string longer than :data:`MAX_VALUE_BYTES`."""


class _Reader:
    """``data.json`` for the parser, a piece at a time. yajl lexes a string cut by the end of a
    piece again from its start with each piece, so a piece that lies wholly inside a string
    (every quote in it escaped) makes the next one twice as long: linear, not quadratic."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0
        self.size = CHUNK

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        piece = self.data[self.at:self.at + self.size]
        self.at += len(piece)
        if len(piece) == self.size and piece.count(b'"') == piece.count(b'\\"'):
            if self.size >= MAX_VALUE_BYTES:
                raise _TooLong()
            self.size *= 2
        else:
            self.size = CHUNK
        return piece




class _Deep:
    """A value nested deeper than :data:`MAX_NESTING`: what was built above that depth."""

    def __init__(self, value: Any) -> None:
        self.value = value

_START = ("start_map", "start_array")
_END = ("end_map", "end_array")


class _NotObject(Exception):
    """The file is JSON, but not one object."""


def _value(events: Iterator[tuple[str, str, Any]], event: str, value: Any) -> Any:
    """The JSON value that starts with ``event``, built from the events that follow (not
    beyond :data:`MAX_NESTING` levels: then :class:`_Deep`)."""
    if event not in _START:
        return value
    builder = ObjectBuilder()
    builder.event(event, value)
    depth, deep = 1, False
    for _, event, value in events:
        if event in _START:
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise _TooDeep()
            if depth > MAX_NESTING:
                deep = True
                continue
        elif event in _END:
            depth -= 1
            if depth >= MAX_NESTING:
                continue
        elif depth > MAX_NESTING:
            continue
        builder.event(event, value)
        if depth == 0:
            break
    return _Deep(builder.value) if deep else builder.value


def members(data: bytes, arrays: Iterable[str], backend: Any = ijson,
            where: list[tuple[str, int]] | None = None) -> Iterator[tuple[str, int, Any]]:
    """``(key, index, item)`` for each item of the top-level lists named in ``arrays`` (an
    empty list gives ``(key, -1, [])``), ``(key, -1, value)`` for any other member; the key
    and index being read are kept in ``where``. Raises ijson's errors for broken JSON."""
    wanted = frozenset(arrays)
    where = where if where is not None else []
    where[:] = [("", -1)]
    events = iter(backend.parse(_Reader(data), buf_size=CHUNK))
    _, event, _ = next(events)
    if event != "start_map":
        raise _NotObject()
    for _, event, key in events:
        if event == "end_map":
            break
        where[0] = (key, -1)
        _, event, value = next(events)
        if key not in wanted or event != "start_array":
            yield key, -1, _value(events, event, value)
            continue
        index = -1
        for _, event, value in events:
            if event == "end_array":
                break
            index += 1
            where[0] = (key, index)
            yield key, index, _value(events, event, value)
        if index < 0:
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
        self.keys: dict[str, set[str]] = {t: set() for t in fmt.ENTITY_TYPES}
        self.seen: set[str] = set()
        self.done: set[str] = set()  # the members read to their end
        self.pending: list[tuple[Problem, tuple[str, str], str]] = []  # checked at the end
        self.total = 0
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
            vocabularies = fmt.Vocabularies.model_validate(item)
        except ValidationError as exc:
            self.problems.extend(self.vocabulary_problem(err, item)
                                 for err in exc.errors(include_input=False))
            vocabularies = None
        for name in fmt.VOCABULARIES:
            terms = item.get(name) if isinstance(item, dict) else None
            ids: set[str] = set()
            for term in terms if isinstance(terms, list) else []:
                term_id = term.get("id") if isinstance(term, dict) else None
                if isinstance(term_id, str) and term_id in ids:
                    self.problems.append(Problem("vocabularies", f"{name}/{term_id}", "id",
                                                 msg("data.duplicate")))
                elif isinstance(term_id, str):
                    ids.add(term_id)
                    self.docs["vocabularies"].setdefault(f"{name}/{term_id}", ("", ""))
        if vocabularies is not None:
            self.docs["vocabularies"] = changes.term_documents(vocabularies)

    @staticmethod
    def vocabulary_problem(err: Any, item: Any) -> Problem:
        loc = list(err["loc"])
        if len(loc) >= 2 and isinstance(loc[1], int):
            term = item[loc[0]][loc[1]]
            term_id = term.get("id") if isinstance(term, dict) else None
            ident = f"{loc[0]}/{term_id if isinstance(term_id, str) else f'#{loc[1] + 1}'}"
            return Problem("vocabularies", ident, _field(loc[2:]), message(err))
        return Problem("data", "", _field(["vocabularies", *loc]), message(err))

    def record(self, entity_type: str, index: int, item: Any) -> None:
        built = item.value if isinstance(item, _Deep) else item
        ident = fmt.entity_key(entity_type, built) if isinstance(built, dict) else ""
        if not ident or ident == "None" or "None" in ident.split("/"):
            ident = f"#{index + 1}"
        if isinstance(item, _Deep):
            self.problems.append(Problem(entity_type, ident, "", msg("value.too_deep")))
            return
        try:
            record = fmt.ENTITY_MODELS[entity_type].model_validate(item)
        except ValidationError as exc:
            self.problems.extend(Problem(entity_type, ident, _field(err["loc"]), message(err))
                                 for err in exc.errors(include_input=False))
        else:
            key, document = changes.entry_document(entity_type, record)
            self.docs[entity_type][key] = document
        if not isinstance(item, dict):
            return
        if _has_key(entity_type, item):
            if ident in self.keys[entity_type]:
                field = "id" if entity_type != "component_status" else "principal/component"
                self.problems.append(Problem(entity_type, ident, field, msg("data.duplicate")))
            self.keys[entity_type].add(ident)
        for name, target in REFERENCES[entity_type].items():
            value = item.get(name)
            for ref in value if isinstance(value, list) else [value]:
                if isinstance(ref, str):
                    self.refer(Problem(entity_type, ident, name, ""), target, ref)

    def refer(self, place: Problem, target: tuple[str, str], ref: str) -> None:
        """Check a reference now if what it refers to is read, else at the end."""
        member = "vocabularies" if target[0] == "vocab" else target[1]
        if member in self.done:
            self.check_reference(place, target, ref)
        else:
            self.pending.append((place, target, ref))

    def check_reference(self, place: Problem, target: tuple[str, str], ref: str) -> None:
        kind, name = target
        if kind == "entity" and ref not in self.keys[name]:
            problem = msg("data.missing_entry", ref=ref)
        elif kind == "vocab" and f"{name}/{ref}" not in self.docs["vocabularies"]:
            problem = msg("data.missing_term", ref=ref, vocabulary=name)
        else:
            return
        self.problems.append(Problem(place.entity_type, place.entity_id, place.field, problem))

    def finish(self) -> list[Problem]:
        self.done.update(self.seen)
        for place, target, ref in self.pending:
            self.check_reference(place, target, ref)
        self.problems.extend(Problem("data", "", key, msg("value.missing"))
                             for key in ("vocabularies", *fmt.ENTITY_TYPES)
                             if key not in self.seen)
        for entity_type, found in self.counts.items():
            said = self.manifest.counts.get(entity_type)
            if said != found:
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
        for key, index, item in members(data_bytes, fmt.ENTITY_TYPES, backend, where):
            check.add(key, index, item)
    except _TooDeep:
        raise ImportRefused("bad_json", msg("data.too_deep_file"), file_name) from None
    except _TooLong:
        raise ImportRefused("bad_json", msg("data.too_long_value", size=MAX_VALUE_BYTES >> 20),
                            file_name) from None
    except _NotObject:
        raise ImportRefused("invalid", msg("data.invalid"), file_name, [Problem(
            "data", "", "", msg("value.wrong_type", type=msg("type.object")))]) from None
    except ijson.JSONError as exc:
        key, index = where[0] if where else ("", -1)
        place: Message | str = msg("entity.data")
        if key in fmt.ENTITY_TYPES and index >= 0:
            place = msg("place.entry", entity=msg(f"entity.{key}"), id=f"#{index + 1}")
        elif key:
            place = msg("place.field", place=place, field=key)
        error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ImportRefused("bad_json", msg("data.bad_json", place=place, error=error),
                            file_name) from None
    problems = check.finish()
    if problems:
        raise ImportRefused("invalid", msg("data.invalid"), file_name, problems)
    return check.docs


def _has_key(entity_type: str, record: dict[str, Any]) -> bool:
    names = ("principal", "component") if entity_type == "component_status" else ("id",)
    return all(isinstance(record.get(n), str) for n in names)


def _field(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def message(err: Any) -> Message:
    """The message of one pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return msg("value.missing")
    if kind == "extra_forbidden":
        return msg("value.unknown_field")
    if kind == "string_too_long":
        return msg("value.too_long", max=str(ctx.get("max_length")))
    if kind == "string_too_short":
        return msg("value.empty")
    if kind == "too_long":
        return msg("value.too_many", max=str(ctx.get("max_length")))
    if kind == "string_pattern_mismatch":
        return msg(_PATTERN_ERRORS.get(str(ctx.get("pattern")), "value.invalid"))
    if kind in _TYPE_NAMES:
        return msg("value.wrong_type", type=msg(_TYPE_NAMES[kind]))
    if kind.startswith("datetime") or kind.startswith("timezone"):
        if ctx.get("pattern") == fmt.DATE_TIME_PATTERN:
            return msg("value.bad_aware_time")
        return msg("value.bad_time")
    if kind.startswith("date"):
        return msg("value.bad_date")
    if kind.startswith("greater_than") or kind.startswith("less_than"):
        return msg("value.out_of_range")
    if kind == "literal_error":
        return msg("value.invalid")
    if kind == "json_invalid" and "recursion" in str(ctx.get("error", "")):
        return msg("value.too_deep")
    return msg("value.invalid_kind", kind=kind)
