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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from tfbb_desktop.core.entities import REGISTRY, Entity, Registry
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.outputs.workbook import TERM_LABELS, TranslateIn, _english
from tfbb_desktop.core.sorting import sort_key
from tfbb_desktop.core.sync import export_format as fmt

VOCABULARIES = "vocabularies"
REPORT_TYPES = (*REGISTRY.types, VOCABULARIES)
CHANGES = ("added", "changed", "removed")
# A changed text of this type is shown word by word.
_WORD_TYPES = frozenset({"long"})
_EMPTY: tuple[Any, ...] = (None, "", [])


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
    entries: dict[str, list[EntryDiff]] = field(
        default_factory=lambda: {t: [] for t in REPORT_TYPES})

    def count(self, entity_type: str, change: str) -> int:
        return sum(1 for e in self.entries[entity_type] if e.change == change)

    def total(self) -> int:
        return sum(len(v) for v in self.entries.values())


# -- reading the catalogues ---------------------------------------------------------------


def catalogue_data(conn: sqlite3.Connection, registry: Registry = REGISTRY) -> dict[str, Any]:
    """The installed catalogue as the content of a data.json (from the stored documents)."""
    data: dict[str, Any] = {}
    vocabularies: dict[str, list[Any]] = {name: [] for name in registry.vocabularies}
    for vocabulary, doc in conn.execute("SELECT vocabulary, doc FROM vocab_term"):
        vocabularies.setdefault(vocabulary, []).append(json.loads(doc))
    data[VOCABULARIES] = vocabularies
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
    out: dict[str, dict[str, dict[str, Any]]] = {}
    terms: dict[str, dict[str, Any]] = {}
    found = data.get(VOCABULARIES)
    vocabularies: dict[str, Any] = found if isinstance(found, dict) else {}
    for name in registry.vocabularies:
        for term in vocabularies.get(name) or []:
            plain = _plain(term, fmt.Term)
            terms.setdefault(f"{name}/{plain.get('id')}", plain)
    out[VOCABULARIES] = terms
    models = fmt.entity_models(registry)
    for entity in registry.entities:
        records: dict[str, dict[str, Any]] = {}
        for record in data.get(entity.name) or []:
            plain = _plain(record, models[entity.name])
            records.setdefault(entity.key_of(plain), plain)
        out[entity.name] = records
    return out


def installed_title(conn: sqlite3.Connection) -> Message:
    row = conn.execute(
        "SELECT value FROM catalogue_info WHERE key = 'dataset_version'").fetchone()
    return msg("report.installed", version=row[0] if row else 0)


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
            principal = self.entries.get(("principals", str(record.get("principal"))),
                                         str(record.get("principal")))
            component = self.terms.get(f"components/{record.get('component')}",
                                       str(record.get("component")))
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


def _field_diffs(fields: list[tuple[str, str, str, tuple[str, str] | None]],
                 old: dict[str, Any], new: dict[str, Any], names: Referrer
                 ) -> tuple[FieldDiff, ...]:
    out = []
    for name, label, field_type, refers in fields:
        if old.get(name) == new.get(name):
            continue
        before = _shown(old.get(name), field_type, refers, names)
        after = _shown(new.get(name), field_type, refers, names)
        if before == after:  # e.g. a reference to another entry of the same name
            after = _shown(new.get(name), field_type, None, names)
            before = _shown(old.get(name), field_type, None, names)
        words = word_diff(before, after) if field_type in _WORD_TYPES and before and after \
            else ()
        out.append(FieldDiff(name, label, before, after, words))
    return tuple(out)


def _fields_of(entity_type: str, registry: Registry
               ) -> list[tuple[str, str, str, tuple[str, str] | None]]:
    """(name, English label, type, reference) of each field a report compares."""
    if entity_type == VOCABULARIES:
        return [(n, TERM_LABELS[n], "long" if n == "description" else "text", None)
                for n in ("label", "description", "order")]
    return [(f.name, f.label or TERM_LABELS["id"], f.type, f.refers)
            for f in registry.entity(entity_type).fields]


def entry_fields(entity_type: str, old: dict[str, Any], new: dict[str, Any], names: Referrer,
                 registry: Registry = REGISTRY) -> tuple[FieldDiff, ...]:
    """The changed fields of one entry (its old and new documents; "vocabularies" for a
    term), with labels, names for references and word-level differences for long texts."""
    drop = _EMPTY
    return _field_diffs(_fields_of(entity_type, registry),
                        {k: v for k, v in old.items() if v not in drop},
                        {k: v for k, v in new.items() if v not in drop}, names)


def compare(old: dict[str, Any], new: dict[str, Any], *, old_title: Message,
            new_title: Message, registry: Registry = REGISTRY) -> ChangeReport:
    """The report of what changed from the catalogue ``old`` to ``new`` (data.json content)."""
    before, after = _by_key(old, registry), _by_key(new, registry)
    names = _Names(after, before, registry=registry)
    report = ChangeReport(old_title, new_title,
                          {t: [] for t in (*registry.types, VOCABULARIES)})
    for entity_type, bucket in report.entries.items():
        fields = _fields_of(entity_type, registry)
        entity = None if entity_type == VOCABULARIES else registry.entity(entity_type)

        def name(key: str, record: dict[str, Any], entity: Entity | None = entity) -> str:
            if entity is None:
                return names.terms.get(key, key)
            return names.name_of(entity, record)

        old_records, new_records = before[entity_type], after[entity_type]
        for key, record in new_records.items():
            if key not in old_records:
                bucket.append(EntryDiff(entity_type, key, name(key, record), "added"))
            elif (diffs := _field_diffs(fields, old_records[key], record, names)):
                bucket.append(EntryDiff(entity_type, key, name(key, record), "changed", diffs))
        for key, record in old_records.items():
            if key not in new_records:
                gone = names.name_of(entity, record) if entity else str(
                    record.get("label") or key)
                bucket.append(EntryDiff(entity_type, key, gone, "removed"))
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
        old, old_title = catalogue_data(conn), installed_title(conn)
    else:
        old, old_title = {}, msg("report.nothing")
    return compare(old, new, old_title=old_title, new_title=new_title)


# -- rendering ----------------------------------------------------------------------------


def _messages(translate: TranslateIn) -> Any:
    return lambda template: translate("Messages", template)


def _heading(report: ChangeReport) -> Message:
    if report.total() == 0:
        return msg("report.none", old=report.old_title, new=report.new_title)
    return msg("report.heading", old=report.old_title, new=report.new_title)


# Of a long run of unchanged words, this many are shown on each side of a change.
CONTEXT_WORDS = 6


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
    return _marked(words, markup=markup, tags=tags)


def _marked(words: tuple[Words, ...], *, markup: bool,
            tags: tuple[str, str] = ("del", "ins")) -> str:
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


def text(report: ChangeReport, translate: TranslateIn = _english) -> str:
    """The report as plain text, one entry a line and its changed fields indented below."""
    tr = _messages(translate)
    out = [_heading(report).text(tr)]
    for entity_type, entries in report.entries.items():
        if not entries:
            continue
        out.append("")
        out.append(msg(f"report.type.{entity_type}").text(tr))
        for entry in entries:
            out.append("  " + msg(f"report.{entry.change}", name=entry.name).text(tr))
            for diff in entry.fields:
                label = translate("Labels", diff.label)
                if diff.words:
                    out.append(f"    {label}: {_marked(diff.words, markup=False)}")
                    continue
                empty = msg("report.empty").text(tr)
                old = (diff.old or empty).replace("\n", ", ")
                new = (diff.new or empty).replace("\n", ", ")
                out.append(f"    {label}: {old} → {new}")
    return "\n".join(out) + "\n"


_STYLE = ("body{font-family:sans-serif;max-width:60em}del{background:#fdd;color:#700}"
          "ins{background:#dfd;color:#060;text-decoration:none}"
          "td,th{vertical-align:top;text-align:left;padding:2px 8px}"
          ".old{color:#700}.new{color:#060}")


def html_report(report: ChangeReport, translate: TranslateIn = _english,
                *, document: bool = True) -> str:
    """The report as HTML, every value escaped (``document``: a whole page, else a fragment)."""
    tr = _messages(translate)
    esc = html.escape

    def lines(value: str) -> str:
        return "<br>".join(esc(v) for v in value.split("\n")) if value else (
            f"<i>{esc(msg('report.empty').text(tr))}</i>")

    body = [f"<h1>{esc(_heading(report).text(tr))}</h1>"]
    for entity_type, entries in report.entries.items():
        if not entries:
            continue
        body.append(f"<h2>{esc(msg(f'report.type.{entity_type}').text(tr))}</h2>")
        body.append("<ul>")
        for entry in entries:
            body.append(f"<li>{esc(msg(f'report.{entry.change}', name=entry.name).text(tr))}")
            if entry.fields:
                body.append("<table>")
                for diff in entry.fields:
                    label = esc(translate("Labels", diff.label))
                    if diff.words:
                        change = _marked(diff.words, markup=True)
                    else:
                        change = (f'<span class="old">{lines(diff.old)}</span> → '
                                  f'<span class="new">{lines(diff.new)}</span>')
                    body.append(f"<tr><th>{label}</th><td>{change}</td></tr>")
                body.append("</table>")
            body.append("</li>")
        body.append("</ul>")
    fragment = "\n".join(body)
    if not document:
        return fragment
    title = esc(_heading(report).text(tr))
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{_STYLE}</style></head>\n<body>\n{fragment}\n"
            "</body></html>\n")
