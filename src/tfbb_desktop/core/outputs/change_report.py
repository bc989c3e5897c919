"""The change report between two catalogues, in the words users see in their import preview:
entries by name (not id), fields by their label, references by the referenced entry's name,
and for a long text the words that changed inside it. As plain text and as HTML.

The catalogues are the content of ``data.json`` (an export's, or a workbook's as it was read),
or the installed catalogue's documents (:func:`catalogue_data`). A text from an export is
never markup: every value in the HTML is escaped.
"""

from __future__ import annotations

import contextlib
import difflib
import html
import json
import sqlite3
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from tfbb_desktop.core.entities import REGISTRY, Entity, Registry, title_of
from tfbb_desktop.core.messages import TEMPLATES, Message, msg
from tfbb_desktop.core.outputs.workbook import (
    TERM_FIELDS,
    TERM_LABELS,
    TERM_TYPES,
    TranslateIn,
    _english,
)
from tfbb_desktop.core.sorting import sort_key
from tfbb_desktop.core.sync import export_format as fmt

VOCABULARIES = "vocabularies"
CHANGES = ("added", "changed", "removed")
_EMPTY: tuple[Any, ...] = (None, "", [])
# Of a long run of unchanged words, this many are shown on each side of a change.
CONTEXT_WORDS = 6


@dataclass(frozen=True)
class Words:
    """One run of a word-level difference: "same", "removed" or "added", and its words."""

    kind: str
    text: str


@dataclass(frozen=True)
class FieldDiff:
    field: str
    label: str  # in English, for ``translate("Labels", label)``
    old: str
    new: str
    words: tuple[Words, ...] = ()  # for a long text: what changed inside it


@dataclass(frozen=True)
class EntryDiff:
    entity_type: str
    key: str
    name: str
    change: str  # "added", "changed" or "removed"
    fields: tuple[FieldDiff, ...] = ()


@dataclass
class ChangeReport:
    old_title: Message  # what was compared: a file, or the installed catalogue
    new_title: Message
    entries: dict[str, list[EntryDiff]]  # per type, then "vocabularies"

    def total(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def heading(self) -> Message:
        code = "report.heading" if self.total() else "report.none"
        return msg(code, old=self.old_title, new=self.new_title)


# -- reading the catalogues ---------------------------------------------------------------


def catalogue_data(conn: sqlite3.Connection, registry: Registry = REGISTRY) -> dict[str, Any]:
    """The installed catalogue as the content of a data.json (from the stored documents)."""
    vocabularies: dict[str, list[Any]] = {name: [] for name in registry.vocabularies}
    for vocabulary, doc in conn.execute("SELECT vocabulary, doc FROM vocab_term"):
        vocabularies.setdefault(vocabulary, []).append(json.loads(doc))
    data: dict[str, Any] = {VOCABULARIES: vocabularies}
    for entity in registry.entities:
        data[entity.name] = [json.loads(doc) for (doc,) in
                             conn.execute(f"SELECT doc FROM {entity.table}")]
    return data


def _plain(record: Any, model: Any) -> dict[str, Any]:
    """A record as the export stores it (the model's JSON without defaults), or as it was
    given when it is not valid; empty values dropped either way."""
    if not isinstance(record, dict):
        return {}
    with contextlib.suppress(ValidationError):
        record = model.model_validate(record).model_dump(mode="json", exclude_defaults=True)
    return {k: v for k, v in record.items() if v not in _EMPTY}


def _by_key(data: dict[str, Any], registry: Registry) -> dict[str, dict[str, dict[str, Any]]]:
    """Per type: stable key -> record; vocabulary terms under "vocabularies" as "name/id"."""
    found = data.get(VOCABULARIES)
    vocabularies: dict[str, Any] = found if isinstance(found, dict) else {}
    terms: dict[str, dict[str, Any]] = {}
    for name in registry.vocabularies:
        for term in vocabularies.get(name) or []:
            plain = _plain(term, fmt.Term)
            terms.setdefault(f"{name}/{plain.get('id')}", plain)
    out = {VOCABULARIES: terms}
    models = fmt.entity_models(registry)
    for entity in registry.entities:
        records = out[entity.name] = {}
        for record in data.get(entity.name) or []:
            plain = _plain(record, models[entity.name])
            records.setdefault(entity.key_of(plain), plain)
    return out


def export_data(path: Path) -> tuple[dict[str, Any], Message]:
    """The catalogue of the export at ``path`` and its title (raises BuildRefused)."""
    from tfbb_desktop.core.sync.publish import read_previous

    previous = read_previous(path)
    return previous.data, msg("report.file", file=path.name,
                              version=previous.manifest.dataset_version)


def file_data(path: Path) -> tuple[dict[str, Any], Message]:
    """The catalogue of an export (.zip) or of a workbook (.xlsx), as it was read."""
    if path.suffix.lower() == ".xlsx":
        from tfbb_desktop.core.sync import workbook_reader

        return workbook_reader.read(path).data, msg("report.workbook", file=path.name)
    return export_data(path)


# -- comparing ----------------------------------------------------------------------------


class _Names:
    """The names of entries and the labels of terms, new ones first, for references."""

    def __init__(self, *catalogues: dict[str, dict[str, dict[str, Any]]],
                 registry: Registry) -> None:
        self.entries: dict[tuple[str, str], str] = {}
        self.terms: dict[str, str] = {}
        for catalogue in reversed(catalogues):
            for key, term in catalogue[VOCABULARIES].items():
                self.terms[key] = str(term.get("label") or key.partition("/")[2])
            for entity in registry.entities:
                for key, record in catalogue[entity.name].items():
                    self.entries[(entity.name, key)] = self.name_of(entity, record)

    def name_of(self, entity: Entity, record: dict[str, Any]) -> str:
        if entity.name == "component_status":
            principal = self.referred(("entity", "principals"), str(record.get("principal")))
            component = self.referred(("vocab", "components"), str(record.get("component")))
            return f"{principal}: {component}"
        return str(record.get(entity.named_by) or entity.key_of(record))

    def referred(self, refers: tuple[str, str], value: str) -> str:
        kind, target = refers
        if kind == "vocab":
            return self.terms.get(f"{target}/{value}", value)
        return self.entries.get((target, value), value)


class Referrer(Protocol):
    """What turns a reference (a vocabulary term's or an entry's id) into its name."""

    def referred(self, refers: tuple[str, str], value: str) -> str: ...


def _shown(value: Any, field_type: str, refers: tuple[str, str] | None,
           names: Referrer) -> str:
    """A field's value as the user reads it: references as names, lists one item a line."""
    if value in _EMPTY:
        return ""
    if field_type == "links" and isinstance(value, list):
        return "\n".join(f"{v.get('label', '')} ({v.get('url', '')})" if isinstance(v, dict)
                         else str(v) for v in value)
    items = value if isinstance(value, list) else [value]
    if refers is not None:
        items = [names.referred(refers, str(v)) for v in items]
    return "\n".join(str(v) for v in items)


def word_diff(old: str, new: str) -> tuple[Words, ...]:
    """The difference of two texts word by word: runs of the same, removed and added words."""
    a, b = old.split(), new.split()
    out: list[Words] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(Words("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Words("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(Words("added", " ".join(b[j1:j2])))
    return tuple(out)


def _fields_of(entity_type: str, registry: Registry
               ) -> list[tuple[str, str, str, tuple[str, str] | None]]:
    """(name, English label, type, reference) of each field a report compares."""
    if entity_type == VOCABULARIES:
        return [(n, TERM_LABELS[n], TERM_TYPES[n], None) for n in TERM_FIELDS if n != "id"]
    return [(f.name, f.label or TERM_LABELS["id"], f.type, f.refers)
            for f in registry.entity(entity_type).fields]


def entry_fields(entity_type: str, old: dict[str, Any], new: dict[str, Any], names: Referrer,
                 registry: Registry = REGISTRY) -> tuple[FieldDiff, ...]:
    """The changed fields of one entry (its old and new documents; "vocabularies" for a
    term), with labels, names for references and word-level differences for long texts."""
    out = []
    for name, label, field_type, refers in _fields_of(entity_type, registry):
        was, now = old.get(name), new.get(name)
        if was == now or (was in _EMPTY and now in _EMPTY):
            continue
        before = _shown(was, field_type, refers, names)
        after = _shown(now, field_type, refers, names)
        if before == after:  # e.g. a reference to another entry of the same name
            before, after = (_shown(v, field_type, None, names) for v in (was, now))
        long_text = field_type == "long" and before and after
        out.append(FieldDiff(name, label, before, after,
                             word_diff(before, after) if long_text else ()))
    return tuple(out)


def compare(old: dict[str, Any], new: dict[str, Any], *, old_title: Message,
            new_title: Message, registry: Registry = REGISTRY) -> ChangeReport:
    """The report of what changed from the catalogue ``old`` to ``new`` (data.json content)."""
    before, after = _by_key(old, registry), _by_key(new, registry)
    names = _Names(after, before, registry=registry)
    report = ChangeReport(old_title, new_title, {})
    for entity_type in (*registry.types, VOCABULARIES):
        entity = None if entity_type == VOCABULARIES else registry.entity(entity_type)

        def name(key: str, record: dict[str, Any], removed: bool = False,
                 entity: Entity | None = entity) -> str:
            if entity is not None:
                return names.name_of(entity, record)
            return str(record.get("label") or key) if removed else names.terms.get(key, key)

        old_records, new_records = before[entity_type], after[entity_type]
        bucket = report.entries[entity_type] = []
        for key, record in new_records.items():
            if key not in old_records:
                bucket.append(EntryDiff(entity_type, key, name(key, record), "added"))
            elif diffs := entry_fields(entity_type, old_records[key], record, names, registry):
                bucket.append(EntryDiff(entity_type, key, name(key, record), "changed", diffs))
        bucket.extend(EntryDiff(entity_type, key, name(key, record, True), "removed")
                      for key, record in old_records.items() if key not in new_records)
        bucket.sort(key=lambda e: (CHANGES.index(e.change), sort_key(e.name)))
    return report


def against(new: dict[str, Any], new_title: Message, *, previous: Path | None = None,
            conn: sqlite3.Connection | None = None) -> ChangeReport:
    """The report of ``new`` against the previous export (a file), else the installed
    catalogue in ``conn``, else an empty catalogue. Raises BuildRefused for a previous file
    that is not a readable export."""
    if previous is not None:
        old, old_title = export_data(previous)
    elif conn is not None:
        row = conn.execute(
            "SELECT value FROM catalogue_info WHERE key = 'dataset_version'").fetchone()
        old, old_title = catalogue_data(conn), msg("report.installed",
                                                   version=row[0] if row else 0)
    else:
        old, old_title = {}, msg("report.nothing")
    return compare(old, new, old_title=old_title, new_title=new_title)


# -- rendering ----------------------------------------------------------------------------


def _context(run: Words, first: bool, last: bool) -> str:
    """An unchanged run cut to the words next to the changes around it."""
    words = run.text.split(" ")
    if len(words) <= 2 * CONTEXT_WORDS + 1:
        return run.text
    head = [] if first else words[:CONTEXT_WORDS]
    tail = [] if last else words[-CONTEXT_WORDS:]
    return " ".join([*head, "…", *tail])


def marked(words: tuple[Words, ...], *, markup: bool,
           tags: tuple[str, str] = ("del", "ins")) -> str:
    """A word-level difference as one line: removed words [-so-] and added ones {+so+}, or
    with ``markup`` as HTML, the words escaped and wrapped in ``tags`` (removed, added)."""
    parts = []
    for index, run in enumerate(words):
        text = run.text
        if run.kind == "same":
            text = _context(run, index == 0, index == len(words) - 1)
        text = html.escape(text) if markup else text
        if run.kind == "removed":
            text = f"<{tags[0]}>{text}</{tags[0]}>" if markup else f"[-{text}-]"
        elif run.kind == "added":
            text = f"<{tags[1]}>{text}</{tags[1]}>" if markup else f"{{+{text}+}}"
        parts.append(text)
    return " ".join(parts)


def _sections(report: ChangeReport, translate: TranslateIn
              ) -> list[tuple[str, list[tuple[str, EntryDiff]]]]:
    """Per type with changes: its heading and each entry's line, translated."""
    tr = partial(translate, "Messages")
    return [(translate("Labels", title_of(entity_type)),
             [(msg(f"report.{e.change}", name=e.name).text(tr), e) for e in entries])
            for entity_type, entries in report.entries.items() if entries]


def text(report: ChangeReport, translate: TranslateIn = _english) -> str:
    """The report as plain text, one entry a line and its changed fields indented below."""
    empty = translate("Messages", TEMPLATES["report.empty"])
    out = [report.heading().text(partial(translate, "Messages"))]
    for heading, entries in _sections(report, translate):
        out += ["", heading]
        for line, entry in entries:
            out.append(f"  {line}")
            for diff in entry.fields:
                label = translate("Labels", diff.label)
                if diff.words:
                    out.append(f"    {label}: {marked(diff.words, markup=False)}")
                    continue
                old, new = ((v or empty).replace("\n", ", ") for v in (diff.old, diff.new))
                out.append(f"    {label}: {old} → {new}")
    return "\n".join(out) + "\n"


_STYLE = ("body{font-family:sans-serif;max-width:60em}del{background:#fdd;color:#700}"
          "ins{background:#dfd;color:#060;text-decoration:none}"
          "td,th{vertical-align:top;text-align:left;padding:2px 8px}"
          ".old{color:#700}.new{color:#060}")


def html_report(report: ChangeReport, translate: TranslateIn = _english) -> str:
    """The report as a whole HTML page, every value escaped."""
    esc = html.escape
    empty = f"<i>{esc(translate('Messages', TEMPLATES['report.empty']))}</i>"

    def lines(value: str) -> str:
        return "<br>".join(esc(v) for v in value.split("\n")) if value else empty

    title = esc(report.heading().text(partial(translate, "Messages")))
    body = [f"<h1>{title}</h1>"]
    for heading, entries in _sections(report, translate):
        body += [f"<h2>{esc(heading)}</h2>", "<ul>"]
        for line, entry in entries:
            body.append(f"<li>{esc(line)}")
            if entry.fields:
                body.append("<table>")
                for diff in entry.fields:
                    change = marked(diff.words, markup=True) if diff.words else (
                        f'<span class="old">{lines(diff.old)}</span> → '
                        f'<span class="new">{lines(diff.new)}</span>')
                    body.append(f"<tr><th>{esc(translate('Labels', diff.label))}</th>"
                                f"<td>{change}</td></tr>")
                body.append("</table>")
            body.append("</li>")
        body.append("</ul>")
    fragment = "\n".join(body)
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{_STYLE}</style></head>\n<body>\n{fragment}\n"
            "</body></html>\n")
