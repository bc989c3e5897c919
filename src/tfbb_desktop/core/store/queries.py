"""Read-only queries over the catalogue, returning plain dataclasses for the views.

Lists are two-step so that a view of 100,000 rows stays instant: :func:`list_ids` returns the
ordered ids, and :func:`list_rows` fetches the few rows a view is showing.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

ENTITY_TYPES = ("principals", "contacts", "examples", "work")


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

    ``fields`` are (field name, text) and ``related`` are (entity type, links); the views
    give them their translated headings.
    """

    entity_type: str
    entity_id: str
    title: str
    kind_label: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    related: list[tuple[str, list[Ref]]] = field(default_factory=list)
    components: list[ComponentState] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    doc: str = ""


# The list queries: (title column, subtitle SQL, detail SQL, table).
_LIST_SQL = {
    "principals": (
        "SELECT p.id, p.name, COALESCE(k.label, p.kind), p.short_name FROM principal p "
        "LEFT JOIN vocab_term k ON k.vocabulary = 'principal_kinds' AND k.id = p.kind "
        "WHERE p.id IN ({ids})"
    ),
    "contacts": (
        "SELECT c.id, c.name, c.title, COALESCE(p.name, '') FROM contact c "
        "LEFT JOIN principal p ON p.id = c.principal_id WHERE c.id IN ({ids})"
    ),
    "examples": (
        "SELECT e.id, e.title, COALESCE(k.label, e.kind), e.summary FROM example e "
        "LEFT JOIN vocab_term k ON k.vocabulary = 'example_kinds' AND k.id = e.kind "
        "WHERE e.id IN ({ids})"
    ),
    "work": (
        "SELECT w.id, w.title, COALESCE(s.label, w.status), COALESCE(k.label, w.kind) FROM work w "
        "LEFT JOIN vocab_term s ON s.vocabulary = 'work_statuses' AND s.id = w.status "
        "LEFT JOIN vocab_term k ON k.vocabulary = 'work_kinds' AND k.id = w.kind "
        "WHERE w.id IN ({ids})"
    ),
}

_TABLES = {"principals": "principal", "contacts": "contact", "examples": "example",
           "work": "work"}


def meta(conn: sqlite3.Connection) -> CatalogueMeta | None:
    info = dict(conn.execute("SELECT key, value FROM catalogue_info").fetchall())
    if "dataset_version" not in info:
        return None
    return CatalogueMeta(
        dataset_version=int(info["dataset_version"]),
        created=info.get("created", ""),
        expires=info.get("expires", ""),
        publisher_name=info.get("publisher_name", ""),
        feedback_email=info.get("feedback_email", ""),
        feedback_folder=info.get("feedback_folder", ""),
        imported_at=info.get("imported_at", ""),
        file_name=info.get("file_name", ""),
    )


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


def vocabulary(conn: sqlite3.Connection, name: str) -> list[Term]:
    return [Term(name, *row) for row in conn.execute(
        "SELECT id, label, description, sort_order FROM vocab_term WHERE vocabulary = ? "
        "ORDER BY sort_order, label", (name,))]


def _term(conn: sqlite3.Connection, name: str, term_id: str | None) -> Term | None:
    if term_id is None:
        return None
    row = conn.execute("SELECT id, label, description, sort_order FROM vocab_term "
                       "WHERE vocabulary = ? AND id = ?", (name, term_id)).fetchone()
    return Term(name, *row) if row else None


def _label(conn: sqlite3.Connection, name: str, term_id: str | None) -> str:
    term = _term(conn, name, term_id)
    return term.label if term else (term_id or "")


def _targets(conn: sqlite3.Connection, relation: str, source_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT target_id FROM relation WHERE relation = ? AND source_id = ? ORDER BY position",
        (relation, source_id))]


def _sources(conn: sqlite3.Connection, relation: str, target_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT source_id FROM relation WHERE relation = ? AND target_id = ?",
        (relation, target_id))]


def _labels(conn: sqlite3.Connection, vocab: str, relation: str, source_id: str) -> str:
    return ", ".join(_label(conn, vocab, t) for t in _targets(conn, relation, source_id))


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


def detail(conn: sqlite3.Connection, entity_type: str, entity_id: str) -> Detail | None:
    builder = {"principals": _principal, "contacts": _contact, "examples": _example,
               "work": _work}[entity_type]
    return builder(conn, entity_id)


def _principal(conn: sqlite3.Connection, pid: str) -> Detail | None:
    row = conn.execute("SELECT name, kind, short_name, description, website, doc FROM principal "
                       "WHERE id = ?", (pid,)).fetchone()
    if row is None:
        return None
    name, kind, short_name, description, website, doc = row
    d = Detail("principals", pid, name, _label(conn, "principal_kinds", kind), doc=doc)
    d.fields = [("short_name", short_name), ("description", description)]
    if website:
        d.links.append(Link(website, website))
    contact_ids = [r[0] for r in conn.execute("SELECT id FROM contact WHERE principal_id = ?",
                                              (pid,))]
    d.related = [
        ("contacts", refs(conn, "contacts", contact_ids)),
        ("examples", refs(conn, "examples", _sources(conn, "example.principals", pid))),
        ("work", refs(conn, "work", _sources(conn, "work.principals", pid))),
    ]
    status_of = {c: (s, n) for c, s, n in conn.execute(
        "SELECT component_id, status, note FROM component_status WHERE principal_id = ?", (pid,))}
    for component in vocabulary(conn, "components"):
        status_id, note = status_of.get(component.id, (None, ""))
        if status_id is None:
            continue
        d.components.append(
            ComponentState(component, _term(conn, "component_statuses", status_id), note))
    return d


def _contact(conn: sqlite3.Connection, cid: str) -> Detail | None:
    row = conn.execute("SELECT name, title, principal_id, unit, email, phone, valid_until, note, "
                       "doc FROM contact WHERE id = ?", (cid,)).fetchone()
    if row is None:
        return None
    name, title, principal_id, unit, email, phone, valid_until, note, doc = row
    d = Detail("contacts", cid, name, title, doc=doc)
    d.fields = [
        ("title", title),
        ("unit", unit),
        ("roles", _labels(conn, "roles", "contact.roles", cid)),
        ("email", email or ""),
        ("phone", phone or ""),
        ("valid_until", valid_until or ""),
        ("note", note),
    ]
    if email:
        d.links.append(Link(email, f"mailto:{email}"))
    if phone:
        d.links.append(Link(phone, "tel:" + "".join(ch for ch in phone if ch in "+0123456789")))
    d.related = [
        ("principals", refs(conn, "principals", [principal_id])),
        ("examples", refs(conn, "examples", _sources(conn, "example.contacts", cid))),
        ("work", refs(conn, "work", _sources(conn, "work.contacts", cid))),
    ]
    return d


def _example(conn: sqlite3.Connection, eid: str) -> Detail | None:
    row = conn.execute("SELECT title, kind, summary, target_group, purpose, method, results, "
                       "lessons, source, date, doc FROM example WHERE id = ?", (eid,)).fetchone()
    if row is None:
        return None
    (title, kind, summary, target_group, purpose, method, results, lessons, source, when,
     doc) = row
    d = Detail("examples", eid, title, _label(conn, "example_kinds", kind), doc=doc)
    d.fields = [
        ("summary", summary),
        ("target_group", target_group),
        ("purpose", purpose),
        ("method", method),
        ("results", results),
        ("lessons", lessons),
        ("professional_groups", _labels(conn, "professional_groups", "example.professional_groups",
                                 eid)),
        ("levels", _labels(conn, "levels", "example.levels", eid)),
        ("domains", _labels(conn, "domains", "example.domains", eid)),
        ("tags", ", ".join(_targets(conn, "example.tags", eid))),
        ("source", source),
        ("date", when or ""),
    ]
    d.related = [
        ("principals", refs(conn, "principals", _targets(conn, "example.principals", eid))),
        ("contacts", refs(conn, "contacts", _targets(conn, "example.contacts", eid))),
    ]
    return d


def _work(conn: sqlite3.Connection, wid: str) -> Detail | None:
    row = conn.execute("SELECT title, kind, status, summary, start_date, end_date, starts_at, "
                       "ends_at, location, next_step, decision, risks, source, doc FROM work "
                       "WHERE id = ?", (wid,)).fetchone()
    if row is None:
        return None
    (title, kind, status, summary, start_date, end_date, starts_at, ends_at, location,
     next_step, decision, risks, source, doc) = row
    d = Detail("work", wid, title, _label(conn, "work_kinds", kind), doc=doc)
    d.fields = [
        ("status", _label(conn, "work_statuses", status)),
        ("summary", summary),
        ("when", format_when(start_date, end_date, starts_at, ends_at)),
        ("location", location),
        ("next_step", next_step),
        ("decision", decision),
        ("risks", risks),
        ("components", _labels(conn, "components", "work.components", wid)),
        ("source", source),
    ]
    d.links = [Link(label, url) for label, url in conn.execute(
        "SELECT label, url FROM work_link WHERE work_id = ? ORDER BY position", (wid,))]
    d.related = [
        ("principals", refs(conn, "principals", _targets(conn, "work.principals", wid))),
        ("contacts", refs(conn, "contacts", _targets(conn, "work.contacts", wid))),
    ]
    return d


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
    col = "name" if entity_type in ("principals", "contacts") else "title"
    row = conn.execute(f"SELECT {col} FROM {_TABLES[entity_type]} WHERE id = ?",
                       (entity_id,)).fetchone()
    return str(row[0]) if row else None


# What changed, and the user's view of it -----------------------------------------------------

def doc_hash(doc: str) -> str:
    """A short fingerprint of an entry's content, for "seen" markers."""
    return hashlib.sha256(doc.encode()).hexdigest()[:16]


def change_marks(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(type, id) -> "added" or "changed", for what the last import added or changed."""
    return {(t, i): c for t, i, c in conn.execute(
        "SELECT entity_type, entity_id, change FROM change_mark")}


def doc_hashes(conn: sqlite3.Connection, keys: Sequence[tuple[str, str]]
               ) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for entity_type, entity_id in keys:
        row = conn.execute(f"SELECT doc FROM {_TABLES[entity_type]} WHERE id = ?",
                           (entity_id,)).fetchone()
        if row:
            out[(entity_type, entity_id)] = doc_hash(row[0])
    return out


def unseen_changes(conn: sqlite3.Connection, seen: dict[tuple[str, str], str]
                   ) -> dict[tuple[str, str], str]:
    """The marks of the last import that the user has not yet opened in their new form."""
    marks = change_marks(conn)
    hashes = doc_hashes(conn, list(marks))
    return {key: change for key, change in marks.items()
            if key in hashes and seen.get(key) != hashes[key]}


@dataclass(frozen=True)
class Removed:
    entity_type: str
    entity_id: str
    name: str


def removed_entries(conn: sqlite3.Connection) -> list[Removed]:
    """What the last import removed, with the names the entries had."""
    return [Removed(*row) for row in conn.execute(
        "SELECT entity_type, entity_id, name FROM removed_entry ORDER BY entity_type, name")]


@dataclass(frozen=True)
class HistoryLine:
    action: str
    at: str
    file_name: str
    dataset_version: int
    publisher: str


def import_history(conn: sqlite3.Connection, limit: int = 20) -> list[HistoryLine]:
    return [HistoryLine(*row) for row in conn.execute(
        "SELECT action, at, file_name, dataset_version, publisher FROM import_log "
        "ORDER BY seq DESC LIMIT ?", (limit,))]


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
