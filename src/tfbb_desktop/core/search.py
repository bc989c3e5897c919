"""One search over the whole catalogue: results grouped by type, filters, facet counts, highlights.

Matching
    Every word of the query must match (in any order) the start of a word of the entry, or,
    for a query word of three characters or more, an inner part of a longer word ("psykolog"
    finds "skolpsykolog"). Case never matters and accents other than å/ä/ö are always folded
    ("cafe" finds "Café"). A query word without å/ä/ö also finds the forms with them
    ("sormland" finds "Sörmland"); a query word with å/ä/ö keeps them as letters of their own
    ("håbo" does not find "Habo"). Phone numbers match with or without spaces and dashes.

Index (migration ``catalogue_002``)
    Texts are folded here, in Python, and FTS5 only splits them on spaces. Each word is
    indexed fully folded (``sörmland`` -> ``sormland``); a word with å/ä/ö is indexed once more
    in its exact form behind :data:`MARK_EXACT`; the suffixes of longer words are indexed
    behind :data:`MARK_INNER` (fully folded) and :data:`MARK_INNER_EXACT` (exact, only those
    with å/ä/ö). So a query word is a single FTS5 prefix query on the right kind of token, and
    the index is one contentless FTS5 table (``detail=column``, prefix indexes 1-3) with three
    columns weighted by bm25: the entry's name or title, its short fields, its long texts.

Ranking
    FTS5 orders every match by bm25 (name 10, short fields 4, long texts 1). The first
    :data:`TIER_TOP` hits of each type are then ordered by a tier computed here from their
    words: name before short fields before long texts, then whole word before prefix before
    inner part, then exact accents before folded ones; bm25 breaks ties.

Results are ordered ids only (per type); the lists fetch the rows with
:func:`tfbb_desktop.core.queries.list_rows`. The index is rebuilt by :func:`index_catalogue` in
the import's transaction and lives in the catalogue file, so an undo restores it with the rest.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain

from .sorting import fold_char

ENTITY_TYPES = ("principals", "contacts", "examples", "work")

# Facet names, as returned by :func:`facet_counts`.
FACETS = ("type", "principal", "professional_group", "level", "domain", "work_status",
          "favourites", "new")
# The value of the two yes/no facets.
YES = "true"

# Token markers: private-use characters, which FTS5's unicode61 tokenizer keeps inside tokens
# and which :func:`fold_exact` removes from every text, so no word of a text can carry one.
MARK_EXACT = "\ue001"
MARK_INNER = "\ue002"
MARK_INNER_EXACT = "\ue003"

MAX_TOKEN = 64          # longer words are cut, in the index and in queries alike
MAX_QUERY_TOKENS = 16   # further query words are ignored
INNER_START = 2         # an inner part starts after at least this many characters
INNER_MIN = 3           # an inner part (and a query word looking for one) is this long at least
INNER_WORD = INNER_START + INNER_MIN + 1  # words shorter than this are not split
TIER_TOP = 100          # hits per type ordered by tier; the rest stay in bm25 order

_FULL = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
_SWEDISH_LETTER = re.compile("[åäö]")
_WORD = re.compile(r"[^\W_]+")
_PHONE_RUN = re.compile(r"\+?\d[\d \-()./]*\d")


def _exact_table() -> dict[int, str | None]:
    """Lower-case text -> exact form: å/ä/ö kept (æ as ä, ø as ö), other accents dropped."""
    table: dict[int, str | None] = {}
    for cp in chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        ch = chr(cp)
        special = {"æ": "ä", "ø": "ö", "ü": "u"}.get(ch.lower())
        folded = special if special is not None else fold_char(ch)
        if folded != ch:
            table[cp] = folded
    for cp in chain(range(0x300, 0x370), range(0xE000, 0xF900)):
        table[cp] = None  # combining accents; private-use characters (our markers)
    table[0] = " "
    return table


_EXACT = _exact_table()


def fold_exact(text: str) -> str:
    """Lower case with every accent dropped except å, ä and ö (æ counts as ä, ø as ö)."""
    return unicodedata.normalize("NFC", text).lower().translate(_EXACT)


def fold_full(text: str) -> str:
    """:func:`fold_exact` with å and ä folded to a and ö to o as well."""
    return fold_exact(text).translate(_FULL)


def words(text: str) -> list[str]:
    """The words of ``text`` in exact form, as the index and the queries see them."""
    return [w[:MAX_TOKEN] for w in _WORD.findall(fold_exact(text))]


def phone_words(phone: str) -> list[str]:
    """A phone number's words: its pieces, all its digits as one word, and 0... for +46..."""
    out = words(phone)
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits:
        out.append(digits[:MAX_TOKEN])
        if phone.lstrip().startswith("+46") and len(digits) > 2:
            out.append(("0" + digits[2:])[:MAX_TOKEN])
    return out


# Public types ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    """Filters that combine with the text. Empty or ``None`` means "any".

    ``principal`` selects the principal itself, its contacts and the examples and work that
    name it; ``professional_group``, ``level`` and ``domain`` select examples, ``work_status``
    work. ``only`` is a set of (entity type, id), e.g. the user's favourites; ``new_only``
    keeps what the last import added or changed.
    """

    entity_types: frozenset[str] = frozenset()
    principal: str | None = None
    professional_group: str | None = None
    level: str | None = None
    domain: str | None = None
    work_status: str | None = None
    only: frozenset[tuple[str, str]] | None = None
    new_only: bool = False


@dataclass
class SearchResult:
    """Ordered ids per entity type (best first, or Swedish order without a text) and counts."""

    query: str
    hits: dict[str, list[str]] = field(default_factory=lambda: {t: [] for t in ENTITY_TYPES})
    counts: dict[str, int] = field(default_factory=lambda: {t: 0 for t in ENTITY_TYPES})

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# Building the index ----------------------------------------------------------------------------

_BODY_FIELDS = {
    "principals": ("principal", ("description",)),
    "contacts": ("contact", ("note",)),
    "examples": ("example", ("summary", "target_group", "purpose", "method", "results",
                             "lessons")),
    "work": ("work", ("summary", "next_step", "decision", "risks")),
}


@dataclass
class _Doc:
    entity_type: str
    entity_id: str
    name: list[str]
    meta: list[str]
    body: list[str]
    facets: list[tuple[str, str]]


def _labels(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    return {(v, i): label for v, i, label in
            conn.execute("SELECT vocabulary, id, label FROM vocab_term")}


def _relations(conn: sqlite3.Connection) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for relation, source, target in conn.execute(
            "SELECT relation, source_id, target_id FROM relation "
            "ORDER BY relation, source_id, position"):
        out.setdefault((relation, source), []).append(target)
    return out


def _documents(conn: sqlite3.Connection) -> Iterator[_Doc]:
    """Every searchable entry, by type and then in Swedish alphabetical order."""
    labels = _labels(conn)
    rel = _relations(conn)
    principal_names = dict(conn.execute("SELECT id, name FROM principal"))

    def label(vocabulary: str, term: str) -> str:
        return labels.get((vocabulary, term), term)

    def text(*parts: str | None) -> list[str]:
        return words(" ".join(p for p in parts if p))

    for pid, name, short_name, kind, description in conn.execute(
            "SELECT id, name, short_name, kind, description FROM principal "
            "ORDER BY sort_key, id"):
        yield _Doc("principals", pid, text(name, short_name), text(label("principal_kinds", kind)),
                   text(description), [("principal", pid)])

    for cid, name, title, principal, unit, email, phone, note in conn.execute(
            "SELECT id, name, title, principal_id, unit, email, phone, note FROM contact "
            "ORDER BY sort_key, id"):
        roles = [label("roles", r) for r in rel.get(("contact.roles", cid), [])]
        meta = text(title, *roles, principal_names.get(principal, ""), unit, email)
        if phone:
            meta.extend(phone_words(phone))
        yield _Doc("contacts", cid, text(name), meta, text(note), [("principal", principal)])

    for eid, title, kind, source, *body in conn.execute(
            "SELECT id, title, kind, source, summary, target_group, purpose, method, results, "
            "lessons FROM example ORDER BY sort_key, id"):
        principals = rel.get(("example.principals", eid), [])
        groups = rel.get(("example.professional_groups", eid), [])
        levels = rel.get(("example.levels", eid), [])
        domains = rel.get(("example.domains", eid), [])
        meta = text(label("example_kinds", kind), source,
                    *(principal_names.get(p, "") for p in principals),
                    *(label("professional_groups", g) for g in groups),
                    *(label("levels", v) for v in levels),
                    *(label("domains", d) for d in domains),
                    *rel.get(("example.tags", eid), []))
        facets = ([("principal", p) for p in principals]
                  + [("professional_group", g) for g in groups]
                  + [("level", v) for v in levels] + [("domain", d) for d in domains])
        yield _Doc("examples", eid, text(title), meta, text(*body), facets)

    for wid, title, kind, status, location, source, *body in conn.execute(
            "SELECT id, title, kind, status, location, source, summary, next_step, decision, "
            "risks FROM work ORDER BY sort_key, id"):
        principals = rel.get(("work.principals", wid), [])
        meta = text(label("work_kinds", kind), label("work_statuses", status), location, source,
                    *(principal_names.get(p, "") for p in principals),
                    *(label("components", c) for c in rel.get(("work.components", wid), [])))
        facets = [("principal", p) for p in principals] + [("work_status", status)]
        yield _Doc("work", wid, text(title), meta, text(*body), facets)


class _Tokens:
    """Index tokens of words, remembered per distinct word while one index is built."""

    def __init__(self) -> None:
        self.cache: dict[str, tuple[str, ...]] = {}

    def expand(self, word: str) -> tuple[str, ...]:
        found = self.cache.get(word)
        if found is not None:
            return found
        folded = word.translate(_FULL)
        marked = folded != word
        out = [folded]
        if marked:
            out.append(MARK_EXACT + word)
        if len(word) >= INNER_WORD:
            for i in range(INNER_START, len(word) - INNER_MIN + 1):
                out.append(MARK_INNER + folded[i:])
                if marked and _SWEDISH_LETTER.search(word, i):
                    out.append(MARK_INNER_EXACT + word[i:])
        result = tuple(out)
        self.cache[word] = result
        return result

    def column(self, words_: Iterable[str]) -> str:
        expand = self.expand
        return " ".join(dict.fromkeys(chain.from_iterable(
            expand(w) for w in dict.fromkeys(words_))))


def index_catalogue(conn: sqlite3.Connection) -> None:
    """(Re)build the search index from the catalogue's tables, inside the caller's transaction."""
    conn.execute("DELETE FROM search_doc")
    conn.execute("DELETE FROM search_facet")
    conn.execute("DELETE FROM search_info")
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    tokens = _Tokens()
    bounds: dict[str, list[int]] = {}
    doc_rows: list[tuple[int, str, str, str, str]] = []
    fts_rows: list[tuple[int, str, str, str]] = []
    facet_rows: set[tuple[str, str, int]] = set()
    rowid = 0
    for doc in _documents(conn):
        rowid += 1
        span = bounds.setdefault(doc.entity_type, [rowid, rowid])
        span[1] = rowid
        doc_rows.append((rowid, doc.entity_type, doc.entity_id, " ".join(doc.name),
                         " ".join(doc.meta)))
        fts_rows.append((rowid, tokens.column(doc.name), tokens.column(doc.meta),
                         tokens.column(doc.body)))
        facet_rows.update((facet, value, rowid) for facet, value in doc.facets)
        if len(fts_rows) >= 2000:
            _flush(conn, doc_rows, fts_rows)
    _flush(conn, doc_rows, fts_rows)
    conn.executemany("INSERT INTO search_facet (facet, value, doc) VALUES (?, ?, ?)",
                     sorted(facet_rows))
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    info = {"generation": secrets.token_hex(16)}
    next_low = 1
    for entity_type in ENTITY_TYPES:
        low, high = bounds.get(entity_type, [next_low, next_low - 1])
        next_low = high + 1
        info[f"{entity_type}.first"] = str(low)
        info[f"{entity_type}.last"] = str(high)
    conn.executemany("INSERT INTO search_info (key, value) VALUES (?, ?)", sorted(info.items()))


def _flush(conn: sqlite3.Connection, doc_rows: list[tuple[int, str, str, str, str]],
           fts_rows: list[tuple[int, str, str, str]]) -> None:
    conn.executemany("INSERT INTO search_doc (doc, entity_type, entity_id, name_words, "
                     "meta_words) VALUES (?, ?, ?, ?, ?)", doc_rows)
    conn.executemany("INSERT INTO search_fts (rowid, name, meta, body) VALUES (?, ?, ?, ?)",
                     fts_rows)
    doc_rows.clear()
    fts_rows.clear()


def ensure_index(conn: sqlite3.Connection) -> bool:
    """Build the index if it has never been built (a catalogue from before migration 2).

    Returns whether it was built. Needs a writable connection outside a transaction; else
    nothing happens and searches find nothing until the next import.
    """
    try:
        if _generation(conn) is not None or conn.in_transaction:
            return False
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _generation(conn) is None:
                index_catalogue(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error:
        return False
    return True


# The per-generation cache ----------------------------------------------------------------------


class _Snapshot:
    """What one generation of the index maps rowids to; shared by every connection."""

    def __init__(self, conn: sqlite3.Connection, generation: str) -> None:
        self.generation = generation
        info = dict(conn.execute("SELECT key, value FROM search_info"))
        self.bounds = {t: (int(info[f"{t}.first"]), int(info[f"{t}.last"]))
                       for t in ENTITY_TYPES}
        size = max(high for _, high in self.bounds.values()) if self.bounds else 0
        self.ids: list[str] = [""] * (size + 1)
        for doc, entity_id in conn.execute("SELECT doc, entity_id FROM search_doc"):
            self.ids[doc] = entity_id
        # The first rowid of each type after the first, for telling types apart.
        self.starts = [self.bounds[t][0] for t in ENTITY_TYPES[1:]]
        self._lock = threading.Lock()
        self._rowid_of: dict[tuple[str, str], int] | None = None
        self._sets: dict[tuple[str, str], frozenset[int]] = {}
        self._pairs: list[tuple[tuple[str, str], ...]] | None = None

    def type_of(self, rowid: int) -> str:
        s1, s2, s3 = self.starts
        if rowid < s2:
            return ENTITY_TYPES[0] if rowid < s1 else ENTITY_TYPES[1]
        return ENTITY_TYPES[2] if rowid < s3 else ENTITY_TYPES[3]

    def all_rowids(self, entity_type: str) -> range:
        low, high = self.bounds[entity_type]
        return range(low, high + 1)

    def rowids_of(self, keys: Iterable[tuple[str, str]]) -> frozenset[int]:
        if self._rowid_of is None:
            mapping: dict[tuple[str, str], int] = {}
            for entity_type in ENTITY_TYPES:
                for rowid in self.all_rowids(entity_type):
                    mapping[(entity_type, self.ids[rowid])] = rowid
            self._rowid_of = mapping
        found = self._rowid_of
        return frozenset(found[k] for k in keys if k in found)

    def facet_set(self, conn: sqlite3.Connection, facet: str, value: str) -> frozenset[int]:
        key = (facet, value)
        found = self._sets.get(key)
        if found is None:
            found = frozenset(r for (r,) in conn.execute(
                "SELECT doc FROM search_facet WHERE facet = ? AND value = ?", key))
            with self._lock:
                if len(self._sets) > 256:
                    self._sets.clear()
                self._sets[key] = found
        return found

    def pairs(self, conn: sqlite3.Connection) -> list[tuple[tuple[str, str], ...]]:
        """Per rowid: its (facet, value) pairs, the type included."""
        if self._pairs is None:
            collected: list[list[tuple[str, str]]] = [[] for _ in self.ids]
            for entity_type in ENTITY_TYPES:
                for rowid in self.all_rowids(entity_type):
                    collected[rowid].append(("type", entity_type))
            for facet, value, doc in conn.execute("SELECT facet, value, doc FROM search_facet"):
                collected[doc].append((facet, value))
            self._pairs = [tuple(p) for p in collected]
        return self._pairs


_CACHE: dict[str, _Snapshot] = {}
_CACHE_LOCK = threading.Lock()


def _generation(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM search_info WHERE key = 'generation'").fetchone()
    except sqlite3.OperationalError:
        return None  # not migrated yet
    return str(row[0]) if row else None


def _snapshot(conn: sqlite3.Connection) -> _Snapshot | None:
    generation = _generation(conn)
    if generation is None:
        return None
    snap = _CACHE.get(generation)
    if snap is None:
        snap = _Snapshot(conn, generation)
        with _CACHE_LOCK:
            while len(_CACHE) >= 3:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[generation] = snap
    return snap


@contextmanager
def _reading(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction (a consistent snapshot) unless the caller already holds one."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


# Queries ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    exact: str    # the query word in exact form
    folded: str   # fully folded
    marked: bool  # it has å/ä/ö, so only exact forms match

    @property
    def needle(self) -> str:
        return self.exact if self.marked else self.folded

    def fts(self) -> str:
        if self.marked:
            alternatives = [MARK_EXACT + self.exact]
            inner = MARK_INNER_EXACT + self.exact
        else:
            alternatives = [self.folded]
            inner = MARK_INNER + self.folded
        if len(self.exact) >= INNER_MIN:
            alternatives.append(inner)
        # A term holds only letters, digits and one marker: nothing FTS5 could read as syntax.
        joined = " OR ".join(f'"{a}"*' for a in alternatives)
        return f"({joined})" if len(alternatives) > 1 else joined


def _terms(text: str) -> list[_Term]:
    found: dict[str, None] = {}
    for word in words(text[:20_000]):
        found.setdefault(word)
        if len(found) >= MAX_QUERY_TOKENS:
            break
    out = []
    for word in found:
        folded = word.translate(_FULL)
        out.append(_Term(word, folded, folded != word))
    return out


def _match(terms: Sequence[_Term]) -> str:
    return " AND ".join(t.fts() for t in terms)


def _matching(conn: sqlite3.Connection, terms: Sequence[_Term], ranked: bool,
              bounds: tuple[int, int] | None = None) -> list[int]:
    """Rowids matching every term, best first when ``ranked``."""
    sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
    params: list[object] = [_match(terms)]
    if bounds is not None:
        sql += " AND rowid BETWEEN ? AND ?"
        params.extend(bounds)
    if ranked:
        sql += " ORDER BY rank"
    try:
        return [r for (r,) in conn.execute(sql, params)]
    except sqlite3.OperationalError:
        # Only a character FTS5 splits but Python does not could get here; no match then.
        return []


def _allowed(conn: sqlite3.Connection, snap: _Snapshot, filters: SearchFilters,
             skip: str = "") -> list[frozenset[int]]:
    """One rowid set per active filter (the facet ``skip`` left out), smallest first."""
    sets: list[frozenset[int]] = []
    for facet, value in (("principal", filters.principal),
                         ("professional_group", filters.professional_group),
                         ("level", filters.level), ("domain", filters.domain),
                         ("work_status", filters.work_status)):
        if value is not None and facet != skip:
            sets.append(snap.facet_set(conn, facet, value))
    if filters.only is not None and skip != "favourites":
        sets.append(snap.rowids_of(filters.only))
    if filters.new_only and skip != "new":
        sets.append(_new_rowids(conn, snap))
    sets.sort(key=len)
    return sets


def _active(filters: SearchFilters) -> set[str]:
    """The facets whose filter is set."""
    active = {facet for facet, value in (
        ("principal", filters.principal), ("professional_group", filters.professional_group),
        ("level", filters.level), ("domain", filters.domain),
        ("work_status", filters.work_status)) if value is not None}
    if filters.entity_types:
        active.add("type")
    if filters.only is not None:
        active.add("favourites")
    if filters.new_only:
        active.add("new")
    return active


def _new_rowids(conn: sqlite3.Connection, snap: _Snapshot) -> frozenset[int]:
    return snap.rowids_of(conn.execute("SELECT entity_type, entity_id FROM change_mark"))


def _types(filters: SearchFilters, skip: str = "") -> tuple[str, ...]:
    if not filters.entity_types or skip == "type":
        return ENTITY_TYPES
    return tuple(t for t in ENTITY_TYPES if t in filters.entity_types)


def search(conn: sqlite3.Connection, text: str, filters: SearchFilters = SearchFilters(),
           limit_per_type: int | None = None) -> SearchResult:
    """Search the catalogue. Any text is safe: it is only ever read as words.

    Without a text (blank) every entry passing the filters is returned in Swedish order; a
    text with no letters or digits at all (only punctuation or emoji) matches nothing.
    """
    ensure_index(conn)
    result = SearchResult(text)
    with _reading(conn):
        snap = _snapshot(conn)
        if snap is None:
            return result
        types = _types(filters)
        allowed = _allowed(conn, snap, filters)
        terms = _terms(text)
        if not terms:
            if text.strip():
                return result
            groups = {t: _filter(snap.all_rowids(t), allowed) for t in types}
        else:
            groups = _ranked_groups(conn, snap, terms, types, allowed)
            _order_heads(conn, snap, terms, groups)
        ids = snap.ids
        for entity_type, rowids in groups.items():
            result.counts[entity_type] = len(rowids)
            shown = rowids if limit_per_type is None else rowids[:max(0, limit_per_type)]
            result.hits[entity_type] = [ids[r] for r in shown]
    return result


def _filter(rowids: Iterable[int], allowed: list[frozenset[int]]) -> list[int]:
    if not allowed:
        return list(rowids)
    first, *rest = allowed
    return [r for r in rowids if r in first and all(r in s for s in rest)]


def _ranked_groups(conn: sqlite3.Connection, snap: _Snapshot, terms: Sequence[_Term],
                   types: Sequence[str], allowed: list[frozenset[int]]) -> dict[str, list[int]]:
    bounds = None
    if len(types) == 1:
        bounds = snap.bounds[types[0]]
    rowids = _matching(conn, terms, ranked=True, bounds=bounds)
    if allowed:
        rowids = _filter(rowids, allowed)
    groups: dict[str, list[int]] = {t: [] for t in ENTITY_TYPES}
    s1, s2, s3 = snap.starts
    a0, a1, a2, a3 = (groups[t].append for t in ENTITY_TYPES)
    for r in rowids:
        if r < s2:
            (a0 if r < s1 else a1)(r)
        elif r < s3:
            a2(r)
        else:
            a3(r)
    return {t: groups[t] for t in types}


# Tiers: (field, kind, accent) of the best match of one query word; lower is better.
_NAME, _META, _BODY = 0, 1, 2
_NO_MATCH = 6


def _kind(term: _Term, entry_words: Iterable[str]) -> int:
    """0/1 whole word, 2/3 prefix, 4/5 inner part (even: exact accents); 6 no match."""
    needle = term.needle
    long_enough = len(needle) >= INNER_MIN
    best = _NO_MATCH
    for word in entry_words:
        candidates = (word,) if term.marked else (word, word.translate(_FULL))
        for accent, form in enumerate(candidates):
            if form == needle:
                kind = 0
            elif form.startswith(needle):
                kind = 2
            elif long_enough and len(form) >= INNER_WORD and form.find(needle, INNER_START) >= 0:
                kind = 4
            else:
                continue
            best = min(best, kind + accent)
            if best == 0:
                return 0
    return best


def _order_heads(conn: sqlite3.Connection, snap: _Snapshot, terms: Sequence[_Term],
                 groups: dict[str, list[int]]) -> None:
    """Order the first :data:`TIER_TOP` hits of each type by tier, keeping bm25 for ties."""
    heads = {t: g[:TIER_TOP] for t, g in groups.items() if len(g) > 1}
    wanted = [r for head in heads.values() for r in head]
    if not wanted:
        return
    short: dict[int, tuple[list[str], list[str]]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for doc, name, meta in conn.execute(
                f"SELECT doc, name_words, meta_words FROM search_doc WHERE doc IN ({marks})",
                chunk):
            short[doc] = (name.split(), meta.split())
    for entity_type, head in heads.items():
        tiers: dict[int, int] = {}
        need_body: list[int] = []
        partial: dict[int, list[int | None]] = {}
        for rowid in head:
            name, meta = short.get(rowid, ([], []))
            classes: list[int | None] = []
            for term in terms:
                kind = _kind(term, name)
                if kind < _NO_MATCH:
                    classes.append(_NAME * 6 + kind)
                    continue
                kind = _kind(term, meta)
                classes.append(_META * 6 + kind if kind < _NO_MATCH else None)
            if None in classes:
                need_body.append(rowid)
                partial[rowid] = classes
            else:
                tiers[rowid] = sum(c for c in classes if c is not None)
        if need_body:
            bodies = _bodies(conn, entity_type, [snap.ids[r] for r in need_body])
            for rowid in need_body:
                body = bodies.get(snap.ids[rowid], [])
                total = 0
                for term, known in zip(terms, partial[rowid], strict=True):
                    total += known if known is not None else _BODY * 6 + _kind(term, body)
                tiers[rowid] = total
        position = {r: i for i, r in enumerate(head)}
        head.sort(key=lambda r: (tiers[r], position[r]))
        groups[entity_type][:len(head)] = head


def _bodies(conn: sqlite3.Connection, entity_type: str, ids: list[str]) -> dict[str, list[str]]:
    table, columns = _BODY_FIELDS[entity_type]
    joined = " || ' ' || ".join(columns)
    marks = ", ".join("?" for _ in ids)
    return {entity_id: list(dict.fromkeys(words(body))) for entity_id, body in conn.execute(
        f"SELECT id, {joined} FROM {table} WHERE id IN ({marks})", ids)}


# Facet counts ----------------------------------------------------------------------------------


def facet_counts(conn: sqlite3.Connection, text: str, filters: SearchFilters = SearchFilters(),
                 favourites: frozenset[tuple[str, str]] | None = None
                 ) -> dict[str, dict[str, int]]:
    """How many hits each filter value would give, with the text and the other filters.

    Returns facet -> value -> count for the facets in :data:`FACETS`: ``type`` (entity type),
    ``principal`` (principal id), ``professional_group``, ``level``, ``domain``,
    ``work_status`` (term ids), and the yes/no facets ``favourites`` and ``new`` whose only
    value is :data:`YES`. A facet's own filter is left out of its counts, so each count is
    what choosing that value would give. ``favourites`` is the set to count when
    ``filters.only`` is not set. Values with no hits are left out.
    """
    ensure_index(conn)
    out: dict[str, dict[str, int]] = {f: {} for f in FACETS}
    with _reading(conn):
        snap = _snapshot(conn)
        if snap is None:
            return out
        terms = _terms(text)
        if terms:
            matched: Iterable[int] = _matching(conn, terms, ranked=False)
        elif text.strip():
            return out
        else:
            matched = range(1, len(snap.ids))
        matched_set = frozenset(matched)
        pairs = snap.pairs(conn)
        active = _active(filters)
        bases: dict[str, list[int]] = {}

        def base(facet: str) -> list[int]:
            skip = facet if facet in active else ""
            found = bases.get(skip)
            if found is None:
                types = _types(filters, skip)
                rowids: Iterable[int] = matched_set
                if len(types) < len(ENTITY_TYPES):
                    rowids = [r for r in rowids if snap.type_of(r) in types]
                found = _filter(rowids, _allowed(conn, snap, filters, skip))
                bases[skip] = found
            return found

        counters: dict[str, Counter[tuple[str, str]]] = {}
        for facet in FACETS[:6]:
            skip = facet if facet in active else ""
            counter = counters.get(skip)
            if counter is None:
                counter = Counter(chain.from_iterable(pairs[r] for r in base(facet)))
                counters[skip] = counter
            out[facet] = {v: n for (f, v), n in counter.items() if f == facet}
        chosen = filters.only if filters.only is not None else favourites
        if chosen is not None:
            favourite_rows = snap.rowids_of(chosen)
            count = sum(1 for r in base("favourites") if r in favourite_rows)
            if count:
                out["favourites"] = {YES: count}
        new_rows = _new_rowids(conn, snap)
        if new_rows:
            count = sum(1 for r in base("new") if r in new_rows)
            if count:
                out["new"] = {YES: count}
    return out


# Highlighting ----------------------------------------------------------------------------------


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each character with the combining marks that follow it."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            yield start, i
            start = i


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """The (start, end) character spans of ``text`` that the words of ``query`` match.

    The same rules as the search: word starts and, for query words of three characters or
    more, inner parts of longer words; accents as in the search; digits of phone numbers
    across spaces and dashes. The spans are sorted and do not overlap. ``text`` is treated as
    plain text; draw the spans as formatting, never as markup.
    """
    terms = _terms(query)
    if not terms or not text:
        return []
    # The exact form of the text, one piece per character cluster, and where each came from.
    pieces: list[str] = []
    origin: list[tuple[int, int]] = []
    for start, end in _clusters(text):
        piece = fold_exact(text[start:end])
        pieces.append(piece)
        origin.extend([(start, end)] * len(piece))
    exact = "".join(pieces)
    full = exact.translate(_FULL)
    spans: list[tuple[int, int]] = []

    def add(first: int, last: int) -> None:  # positions in ``exact``, ``last`` inclusive
        spans.append((origin[first][0], origin[last][1]))

    for match in _WORD.finditer(exact):
        begin, stop = match.span()
        for term in terms:
            form = exact if term.marked else full
            needle = term.needle
            if form.startswith(needle, begin, stop):
                add(begin, begin + len(needle) - 1)
            elif len(needle) >= INNER_MIN and stop - begin >= INNER_WORD:
                found = form.find(needle, begin + INNER_START, stop)
                if found >= 0:
                    add(found, found + len(needle) - 1)
    digit_terms = [t.exact for t in terms if t.exact.isdigit()]
    if digit_terms:
        for run in _PHONE_RUN.finditer(text):
            positions = [run.start() + i for i, ch in enumerate(run.group()) if ch.isdigit()]
            digits = "".join(text[p] for p in positions)
            forms = [(digits, positions)]
            if run.group().startswith("+46") and len(digits) > 2:
                forms.append(("0" + digits[2:], [positions[2], *positions[2:]]))
            for needle in digit_terms:
                for form, where in forms:
                    found = form.find(needle)
                    if found >= 0 and (found == 0 or (len(needle) >= INNER_MIN
                                                      and found >= INNER_START)):
                        spans.append((where[found], where[found + len(needle) - 1] + 1))
                        break
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out

