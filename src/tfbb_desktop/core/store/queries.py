"""Read-only queries over the catalogue, returning plain dataclasses for the views.

Lists are two-step so that a view of 100,000 rows stays instant: :func:`list_ids` returns the
ordered ids, and :func:`list_rows` fetches the few rows a view is showing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date

from tfbb_desktop.core.entities import (
    LISTED_TYPES,
    REGISTRY,
    WHEN_LABEL,
    Entity,
    Field,
    Registry,
)

ENTITY_TYPES = LISTED_TYPES


@dataclass(frozen=True)
class Ref:
    """A link to an entry: its type, id and what to show."""

    entity_type: str
    entity_id: str
    title: str
    subtitle: str = ""


@dataclass(frozen=True)
class ListRow:
    entity_type: str
    entity_id: str
    title: str
    subtitle: str
    detail: str


@dataclass(frozen=True)
class Term:
    vocabulary: str
    id: str
    label: str
    description: str
    order: int


@dataclass(frozen=True)
class CatalogueMeta:
    dataset_version: int
    created: str
    expires: str
    publisher_name: str
    feedback_email: str
    feedback_folder: str
    imported_at: str
    file_name: str

    def has_expired(self, today: date | None = None) -> bool:
        """Whether the catalogue's last valid day (``expires``) is before ``today``."""
        try:
            last_day = date.fromisoformat(self.expires)
        except ValueError:
            return False
        return last_day < (today or date.today())


@dataclass(frozen=True)
class ComponentState:
    component: Term
    status: Term | None
    note: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass
class Detail:
    """Everything the detail pane shows for one entry: fields, then related entries.

    ``fields`` are (field name, English label, text) and ``related`` are (entity type,
    links); the views translate the labels and give the types their headings.
    """

    entity_type: str
    entity_id: str
    title: str
    kind_label: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    related: list[tuple[str, list[Ref]]] = field(default_factory=list)
    components: list[ComponentState] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    doc: str = ""


# What a list row shows under its title: (subtitle field, detail field) per listed type.
_LISTING = {"principals": ("kind", "short_name"), "contacts": ("title", "principal"),
            "examples": ("kind", "summary"), "work": ("status", "kind")}


def subtitle_field(entity_type: str) -> str:
    """The field a list of ``entity_type`` shows in its second column."""
    return _LISTING[entity_type][0]


def label_sql(registry: Registry, f: Field, value: str, missing: str) -> str:
    """The SQL of a referring field's text: a term by its label, an entry by its name
    (``missing`` if there is none)."""
    if f.refers is None:
        return value
    if f.refers[0] == "vocab":
        return (f"ifnull((SELECT label FROM vocab_term WHERE vocabulary = '{f.refers[1]}' "
                f"AND id = {value}), {value})")
    other = registry.entity(f.refers[1])
    return f"ifnull((SELECT {other.named_by} FROM {other.table} WHERE id = {value}), {missing})"


def _list_sql(entity: Entity) -> str:
    shown = [label_sql(REGISTRY, f, f"t.{f.column}", "''") for f in
             (entity.field(entity.named_by), *map(entity.field, _LISTING[entity.name]))]
    return f"SELECT t.id, {', '.join(shown)} FROM {entity.table} t WHERE t.id IN ({{ids}})"


_LIST_SQL = {t: _list_sql(REGISTRY.entity(t)) for t in LISTED_TYPES}
_TABLES = {e.name: e.table for e in REGISTRY.entities}


def meta(conn: sqlite3.Connection) -> CatalogueMeta | None:
    info = dict(conn.execute("SELECT key, value FROM catalogue_info").fetchall())
    if "dataset_version" not in info:
        return None
    return CatalogueMeta(int(info["dataset_version"]),
                         *(info.get(f.name, "") for f in fields(CatalogueMeta)[1:]))


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: int(conn.execute(f"SELECT COUNT(*) FROM {_TABLES[t]}").fetchone()[0])
            for t in ENTITY_TYPES}


def list_ids(conn: sqlite3.Connection, entity_type: str) -> list[str]:
    """Every id of ``entity_type`` in Swedish alphabetical order."""
    table = _TABLES[entity_type]
    return [r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY sort_key")]


def list_rows(conn: sqlite3.Connection, entity_type: str, ids: Sequence[str]) -> list[ListRow]:
    """The rows for ``ids``, in the order given; ids that do not exist are left out."""
    rows: dict[str, ListRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        sql = _LIST_SQL[entity_type].format(ids=", ".join("?" for _ in chunk))
        for entity_id, title, subtitle, detail in conn.execute(sql, chunk):
            rows[entity_id] = ListRow(entity_type, entity_id, title, subtitle or "",
                                      _first_line(detail or ""))
    return [rows[i] for i in ids if i in rows]


def _first_line(text: str, limit: int = 160) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


_TERMS = "SELECT id, label, description, sort_order FROM vocab_term WHERE vocabulary = ?"


def vocabulary(conn: sqlite3.Connection, name: str) -> list[Term]:
    return [Term(name, *row) for row in conn.execute(f"{_TERMS} ORDER BY sort_order, label",
                                                     (name,))]


def _term(conn: sqlite3.Connection, name: str, term_id: str | None) -> Term | None:
    row = conn.execute(f"{_TERMS} AND id = ?", (name, term_id)).fetchone()
    return Term(name, *row) if row else None


def _label(conn: sqlite3.Connection, name: str, term_id: str | None) -> str:
    term = _term(conn, name, term_id)
    return term.label if term else (term_id or "")


def _targets(conn: sqlite3.Connection, relation: str, source_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT target_id FROM relation WHERE relation = ? AND source_id = ? ORDER BY position",
        (relation, source_id))]


def refs(conn: sqlite3.Connection, entity_type: str, ids: Sequence[str], *,
         keep_order: bool = False) -> list[Ref]:
    """Links to ``ids`` (Swedish alphabetical order unless ``keep_order``)."""
    rows = list_rows(conn, entity_type, list(dict.fromkeys(ids)))
    if not keep_order:
        table = _TABLES[entity_type]
        order = {i: k for i, k in conn.execute(
            f"SELECT id, sort_key FROM {table} WHERE id IN ({', '.join('?' for _ in rows)})",
            [r.entity_id for r in rows])}
        rows.sort(key=lambda r: order.get(r.entity_id, ""))
    return [Ref(r.entity_type, r.entity_id, r.title, r.subtitle) for r in rows]


# The field shown beside an entry's type (its kind's label, or a contact's title).
_KIND_FIELD = {"contacts": "title"}


def detail(conn: sqlite3.Connection, entity_type: str, entity_id: str,
           registry: Registry = REGISTRY) -> Detail | None:
    """One entry's shown fields in the registry's order, its links and related entries."""
    entity = registry.entity(entity_type)
    cursor = conn.execute(f"SELECT * FROM {entity.table} WHERE id = ?", (entity_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip([c[0] for c in cursor.description], row, strict=True))
    kind = _text(conn, entity, _KIND_FIELD.get(entity_type, "kind"), values)
    d = Detail(entity_type, entity_id, values[entity.named_by], kind, doc=values["doc"])
    d.fields = [(f.name, f.label, _text(conn, entity, f.name, values))
                for f in entity.fields if f.shown]
    if entity_type == "work":  # its four dates as one field, after the summary
        at = [name for name, _l, _t in d.fields].index("summary") + 1
        d.fields.insert(at, ("when", WHEN_LABEL, format_when(
            values["start_date"], values["end_date"], values["starts_at"], values["ends_at"])))
    for f in entity.fields:
        value = values.get(f.column or "")
        if f.type == "url" and value:
            d.links.append(Link(value, value))
        elif f.type == "email" and value:
            d.links.append(Link(value, f"mailto:{value}"))
        elif f.type == "phone" and value:
            d.links.append(Link(value, "tel:" + "".join(c for c in value if c in "+0123456789")))
        elif f.type == "links":
            d.links += [Link(label, url) for label, url in conn.execute(
                "SELECT label, url FROM work_link WHERE work_id = ? ORDER BY position",
                (entity_id,))]
    d.related = _related(conn, registry, entity, values)
    if entity_type == "principals":
        d.components = _components(conn, entity_id)
    return d


def _text(conn: sqlite3.Connection, entity: Entity, name: str, values: dict[str, str]) -> str:
    """A field's value as the detail pane shows it: terms by their labels, lists joined."""
    f = entity.field(name)
    vocab = f.refers[1] if f.refers and f.refers[0] == "vocab" else ""
    if f.type in ("ids", "tags"):
        targets = _targets(conn, entity.relations()[name], values["id"])
        return ", ".join(_label(conn, vocab, t) for t in targets) if vocab else ", ".join(targets)
    value = values[str(f.column)]
    return _label(conn, vocab, value) if vocab else str(value or "")


def _related(conn: sqlite3.Connection, registry: Registry, entity: Entity,
             values: dict[str, str]) -> list[tuple[str, list[Ref]]]:
    """The entries this one refers to, then those that refer to it (of the listed types)."""
    out = []
    for f in entity.fields:
        if f.refers and f.refers[0] == "entity":
            ids = ([values[str(f.column)]] if f.column else
                   _targets(conn, entity.relations()[f.name], values["id"]))
            out.append((f.refers[1], refs(conn, f.refers[1], ids)))
    for other in registry.entities:
        for f in other.fields:
            if other.listed and f.refers == ("entity", entity.name):
                sql = (f"SELECT id FROM {other.table} WHERE {f.column} = ?" if f.column else
                       "SELECT source_id FROM relation WHERE relation = ? AND target_id = ?")
                params = (values["id"],) if f.column else (other.relations()[f.name], values["id"])
                ids = [r[0] for r in conn.execute(sql, params)]
                out.append((other.name, refs(conn, other.name, ids)))
    return out


def _components(conn: sqlite3.Connection, pid: str) -> list[ComponentState]:
    """Each model component's status at a principal (those with a status)."""
    status_of = {c: (s, n) for c, s, n in conn.execute(
        "SELECT component_id, status, note FROM component_status WHERE principal_id = ?", (pid,))}
    return [ComponentState(component, _term(conn, "component_statuses", status_of[component.id][0]),
                           status_of[component.id][1])
            for component in vocabulary(conn, "components") if component.id in status_of]


def format_when(start_date: str | None, end_date: str | None, starts_at: str | None,
                ends_at: str | None) -> str:
    """For example "2025-11-07 12.00–12.45", "2025-11-05" or "2025-09-01 – 2026-06-30"."""
    if starts_at:
        day, _, clock = starts_at.partition("T")
        text = f"{day} {clock[:5].replace(':', '.')}" if clock else day
        if ends_at:
            end_day, _, end_clock = ends_at.partition("T")
            end = end_clock[:5].replace(":", ".") if end_day == day else ends_at.replace("T", " ")
            text += f"–{end}"
        return text
    if start_date and end_date:
        return f"{start_date} – {end_date}"
    return start_date or end_date or ""


def name_of(conn: sqlite3.Connection, entity_type: str, entity_id: str) -> str | None:
    col = REGISTRY.entity(entity_type).named_by
    row = conn.execute(f"SELECT {col} FROM {_TABLES[entity_type]} WHERE id = ?",
                       (entity_id,)).fetchone()
    return str(row[0]) if row else None


# What changed, and the user's view of it -----------------------------------------------------

def doc_hash(doc: str) -> str:
    """A short fingerprint of an entry's content, for "seen" markers."""
    import hashlib  # here: the window is shown before any entry is read

    return hashlib.sha256(doc.encode()).hexdigest()[:16]


def unseen_changes(conn: sqlite3.Connection, seen: dict[tuple[str, str], str]
                   ) -> dict[tuple[str, str], str]:
    """(type, id) -> "added" or "changed": the marks of the last import that the user has not
    yet opened in their new form."""
    out = {}
    for entity_type in ENTITY_TYPES:  # the marked: the entries the lists show
        for entity_id, change, doc in conn.execute(
                f"SELECT m.entity_id, m.change, t.doc FROM change_mark m JOIN "
                f"{_TABLES[entity_type]} t "
                "ON t.id = m.entity_id WHERE m.entity_type = ?", (entity_type,)):
            if seen.get((entity_type, entity_id)) != doc_hash(doc):
                out[(entity_type, entity_id)] = change
    return out


@dataclass(frozen=True)
class Removed:
    entity_type: str
    entity_id: str
    name: str


def removed_entries(conn: sqlite3.Connection) -> list[Removed]:
    """What the last import removed, with the names the entries had."""
    return [Removed(*row) for row in conn.execute(
        "SELECT entity_type, entity_id, name FROM removed_entry ORDER BY entity_type, name")]


def exists(conn: sqlite3.Connection, entity_type: str, entity_id: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {_TABLES[entity_type]} WHERE id = ?",
                        (entity_id,)).fetchone() is not None


def refs_for(conn: sqlite3.Connection, keys: Sequence[tuple[str, str]]) -> list[Ref]:
    """Links to the given (type, id) pairs in the given order; entries that are gone are left
    out."""
    by_type: dict[str, list[str]] = {}
    for entity_type, entity_id in keys:
        by_type.setdefault(entity_type, []).append(entity_id)
    found = {(r.entity_type, r.entity_id): r
             for entity_type, ids in by_type.items()
             for r in refs(conn, entity_type, ids, keep_order=True)}
    return [found[k] for k in keys if k in found]
