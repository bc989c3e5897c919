"""Parsing and validating ``data.json``: every problem at once, each with its place, in Swedish."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from tfbb_desktop.core.errors import ImportRefused, Problem
from tfbb_desktop.core.sync import changes, json_stream
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.changes import Documents

log = logging.getLogger(__name__)

# Which fields refer to what: ("entity", type) or ("vocab", vocabulary).
REFERENCES: dict[str, dict[str, tuple[str, str]]] = {
    "principals": {"kind": ("vocab", "principal_kinds")},
    "contacts": {"principal": ("entity", "principals"), "roles": ("vocab", "roles")},
    "examples": {
        "kind": ("vocab", "example_kinds"),
        "principals": ("entity", "principals"),
        "contacts": ("entity", "contacts"),
        "professional_groups": ("vocab", "professional_groups"),
        "levels": ("vocab", "levels"),
        "domains": ("vocab", "domains"),
    },
    "work": {
        "kind": ("vocab", "work_kinds"),
        "status": ("vocab", "work_statuses"),
        "principals": ("entity", "principals"),
        "contacts": ("entity", "contacts"),
        "components": ("vocab", "components"),
    },
    "component_status": {
        "principal": ("entity", "principals"),
        "component": ("vocab", "components"),
        "status": ("vocab", "component_statuses"),
    },
}

_PATTERN_ERRORS = {
    fmt.ID_PATTERN: "ogiltigt id (bara a–z, 0–9, punkt, bindestreck och understreck; högst 100 "
                    "tecken)",
    fmt.EMAIL_PATTERN: "ogiltig e-postadress",
    fmt.PHONE_PATTERN: "ogiltigt telefonnummer",
    fmt.URL_PATTERN: "ogiltig webbadress (den ska börja med https:// eller http://)",
    fmt.NO_CONTROL_PATTERN: "texten innehåller otillåtna styrtecken",
}

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "ett heltal",
    "int_parsing": "ett heltal",
    "list_type": "en lista",
    "dict_type": "ett objekt",
    "model_type": "ett objekt",
    "model_attributes_type": "ett objekt",
}


def parse_data(data_bytes: bytes, manifest: fmt.Manifest, file_name: str) -> fmt.CatalogueData:
    """Validate ``data.json``; raise :class:`ImportRefused` listing every problem found."""
    try:
        data = fmt.CatalogueData.model_validate_json(data_bytes)
    except ValidationError as exc:
        raw = _load_raw(data_bytes, file_name)
        problems = [_problem(err, raw) for err in exc.errors(include_input=False)]
        if isinstance(raw, dict):
            problems.extend(semantic_problems(raw, manifest))
        raise ImportRefused("invalid", "innehållet är ogiltigt.", file_name,
                            _unique(problems)) from exc
    problems = semantic_problems(data, manifest)
    if problems:
        raise ImportRefused("invalid", "innehållet är ogiltigt.", file_name, problems)
    return data


def parse_documents(data_bytes: bytes, manifest: fmt.Manifest, file_name: str) -> Documents:
    """:func:`parse_data` followed by :func:`changes.new_documents`, without ever holding the
    whole export as Python objects: each record is validated with the same model and turned
    into its document as soon as it is read (:mod:`json_stream`), then dropped.

    Anything this reading does not accept - broken JSON, a schema error, a duplicate id, a
    reference to nothing, counts that do not match - sends the file through
    :func:`parse_data`, which lists every problem in Swedish.
    """
    try:
        return _stream_documents(data_bytes, manifest)
    except Exception:  # whatever it was, parse_data reports it (or accepts the file)
        log.debug("read again as a whole file", exc_info=True)
    return changes.new_documents(parse_data(data_bytes, manifest, file_name))


class _NotPlain(Exception):
    """Something :func:`parse_data` has to look at."""


def _stream_documents(data_bytes: bytes, manifest: fmt.Manifest) -> Documents:
    docs: Documents = {t: {} for t in changes.CHANGE_TYPES}
    members: set[str] = set()
    wanted: dict[tuple[str, str], set[Any]] = {}  # (kind, target) -> every id referred to
    total = 0
    for key, index, item in json_stream.members(data_bytes, frozenset(fmt.ENTITY_TYPES)):
        members.add(key)
        if key == "vocabularies":
            vocabularies = fmt.Vocabularies.model_validate(item)
            docs[key] = changes.term_documents(vocabularies)
            if len(docs[key]) != sum(len(getattr(vocabularies, n)) for n in fmt.VOCABULARIES):
                raise _NotPlain("a repeated term")
            continue
        if key not in fmt.ENTITY_MODELS:
            raise _NotPlain(key)
        if index < 0:
            continue  # an empty list
        total += 1
        if total > fmt.MAX_ENTITIES:
            raise _NotPlain("too many")
        record = fmt.ENTITY_MODELS[key].model_validate(item)
        ident, document = changes.entry_document(key, record)
        if ident in docs[key]:
            raise _NotPlain(ident)
        docs[key][ident] = document
        for field_name, kind_target in REFERENCES.get(key, {}).items():
            value = getattr(record, field_name)
            refs = wanted.setdefault(kind_target, set())
            if isinstance(value, list):
                refs.update(value)
            else:
                refs.add(value)
    if members != {"vocabularies", *fmt.ENTITY_TYPES}:
        raise _NotPlain("members")
    terms = docs["vocabularies"]
    for (kind, target), refs in wanted.items():
        refs.discard(None)
        for ref in refs:
            if (ref not in docs[target]) if kind == "entity" else (f"{target}/{ref}" not in terms):
                raise _NotPlain(ref)
    if any(manifest.counts.get(t) != len(docs[t]) for t in fmt.ENTITY_TYPES):
        raise _NotPlain("counts")
    return docs


def _load_raw(data_bytes: bytes, file_name: str) -> Any:
    try:
        return json.loads(data_bytes)
    except UnicodeDecodeError as exc:
        raise ImportRefused("bad_json", "data.json är inte kodad i UTF-8.", file_name) from exc
    except RecursionError as exc:
        raise ImportRefused("bad_json", "data.json har för många nivåer av listor och objekt "
                            "inuti varandra.", file_name) from exc
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            "bad_json",
            f"data.json är inte giltig JSON (rad {exc.lineno}, kolumn {exc.colno}: {exc.msg}).",
            file_name,
        ) from exc


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _get(record: Any, name: str) -> Any:
    if isinstance(record, dict):
        return record.get(name)
    return getattr(record, name, None)


def _problem(err: Any, raw: Any) -> Problem:
    loc = list(err["loc"])
    text = message(err)
    if not loc:
        return Problem("data", "", "", text)
    top = str(loc[0])
    if top == "vocabularies" and len(loc) >= 3 and isinstance(loc[2], int):
        term = _at(raw, ["vocabularies", loc[1], loc[2]])
        term_id = _get(term, "id") if isinstance(term, dict) else None
        ident = f"{loc[1]}/{term_id if isinstance(term_id, str) else f'#{loc[2] + 1}'}"
        return Problem("vocabularies", ident, _field(loc[3:]), text)
    if top in fmt.ENTITY_TYPES and len(loc) >= 2 and isinstance(loc[1], int):
        record = _at(raw, [top, loc[1]])
        ident = fmt.entity_key(top, record) if isinstance(record, dict) else ""
        if not ident or ident == "None" or "None" in ident.split("/"):
            ident = f"#{loc[1] + 1}"
        return Problem(top, ident, _field(loc[2:]), text)
    return Problem("data", "", _field(loc), text)


def _at(raw: Any, path: list[Any]) -> Any:
    node = raw
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _field(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def message(err: Any) -> str:
    """The Swedish message of one pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "saknas"
    if kind == "extra_forbidden":
        return "okänt fält"
    if kind == "string_too_long":
        return f"texten är för lång (högst {ctx.get('max_length')} tecken)"
    if kind == "string_too_short":
        return "får inte vara tom"
    if kind == "too_long":
        return f"för många värden (högst {ctx.get('max_length')})"
    if kind == "string_pattern_mismatch":
        return _PATTERN_ERRORS.get(str(ctx.get("pattern")), "ogiltigt värde")
    if kind in _TYPE_NAMES:
        return f"fel typ (väntade {_TYPE_NAMES[kind]})"
    if kind.startswith("datetime") or kind.startswith("timezone"):
        if ctx.get("pattern") == fmt.DATE_TIME_PATTERN:
            return "ogiltig tidpunkt (väntade ÅÅÅÅ-MM-DDTtt:mm:ss med tidszon, t.ex. +01:00)"
        return "ogiltig tidpunkt (väntade ÅÅÅÅ-MM-DDTtt:mm:ss, med eller utan tidszon)"
    if kind.startswith("date"):
        return "ogiltigt datum (väntade ÅÅÅÅ-MM-DD)"
    if kind.startswith("greater_than") or kind.startswith("less_than"):
        return "värdet är utanför det tillåtna intervallet"
    if kind == "literal_error":
        return "ogiltigt värde"
    if kind == "json_invalid" and "recursion" in str(ctx.get("error", "")):
        return "för många nivåer av listor och objekt inuti varandra"
    return f"ogiltigt värde ({kind})"


def semantic_problems(data: Any, manifest: fmt.Manifest | None) -> list[Problem]:
    """Duplicate ids, references to ids that do not exist, counts that do not match."""
    problems: list[Problem] = []
    vocab_ids: dict[str, set[str]] = {}
    vocabularies = _get(data, "vocabularies")
    for name in fmt.VOCABULARIES:
        terms = _get(vocabularies, name) if vocabularies is not None else None
        ids: set[str] = set()
        for term in terms if isinstance(terms, list) else []:
            term_id = _get(term, "id")
            if not isinstance(term_id, str):
                continue
            if term_id in ids:
                problems.append(Problem("vocabularies", f"{name}/{term_id}", "id",
                                        "id:t förekommer mer än en gång"))
            ids.add(term_id)
        vocab_ids[name] = ids

    entity_ids: dict[str, set[str]] = {}
    total = 0
    for entity_type in fmt.ENTITY_TYPES:
        records = _get(data, entity_type)
        records = records if isinstance(records, list) else []
        total += len(records)
        seen: set[str] = set()
        for record in records:
            if not _has_key(entity_type, record):
                continue  # a missing id is reported by the schema check
            key = fmt.entity_key(entity_type, _record_dict(entity_type, record))
            if key in seen:
                field = "id" if entity_type != "component_status" else "principal/component"
                problems.append(Problem(entity_type, key, field, "id:t förekommer mer än en gång"))
            seen.add(key)
        entity_ids[entity_type] = seen
        if manifest is not None and manifest.counts.get(entity_type) != len(records):
            problems.append(Problem("manifest", "", f"counts.{entity_type}",
                                    f"anger {manifest.counts.get(entity_type)} men data.json "
                                    f"innehåller {len(records)}"))
    if total > fmt.MAX_ENTITIES:
        problems.append(Problem("data", "", "", f"för många poster ({total}; högst "
                                                f"{fmt.MAX_ENTITIES})"))

    for entity_type, rules in REFERENCES.items():
        records = _get(data, entity_type)
        for record in records if isinstance(records, list) else []:
            key = fmt.entity_key(entity_type, _record_dict(entity_type, record))
            for field_name, (kind, target) in rules.items():
                known = entity_ids[target] if kind == "entity" else vocab_ids.get(target, set())
                value = _get(record, field_name)
                values = value if isinstance(value, list) else [value]
                for ref in values:
                    if isinstance(ref, str) and ref not in known:
                        what = "posten" if kind == "entity" else f"termen i ordlistan {target}"
                        problems.append(Problem(entity_type, key, field_name,
                                                f'hänvisar till "{ref}", men {what} finns inte'))
    return problems


def _has_key(entity_type: str, record: Any) -> bool:
    names = ("principal", "component") if entity_type == "component_status" else ("id",)
    return all(isinstance(_get(record, n), str) for n in names)


def _record_dict(entity_type: str, record: Any) -> dict[str, object]:
    if isinstance(record, dict):
        return record
    if entity_type == "component_status":
        return {"principal": _get(record, "principal"), "component": _get(record, "component")}
    return {"id": _get(record, "id")}
