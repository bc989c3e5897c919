"""One search over the whole catalogue: results grouped by type, filters, facet counts, highlights.

Matching
    Every word of the query must match (in any order) the start of a word of the entry, or,
    for a query word of three characters or more, an inner part of a longer word ("psykolog"
    finds "skolpsykolog"). Case never matters and accents other than å/ä/ö are always folded
    ("cafe" finds "Café"). A query word without å/ä/ö also finds the forms with them
    ("sormland" finds "Sörmland"); a query word with å/ä/ö keeps them as letters of their own
    ("håbo" does not find "Habo"). Phone numbers match with or without spaces and dashes.

Index (migrations ``catalogue_002`` to ``catalogue_004``; built by :mod:`.search_index`)
    Texts are folded and split here, in Python; FTS5 only splits the result on spaces (its
    ``ascii`` tokenizer). Each word is indexed fully folded (``sörmland`` -> ``sormland``); a
    word with å/ä/ö is indexed once more in its exact form behind :data:`MARK_EXACT`; inner
    parts of longer words (their suffixes) are indexed behind :data:`MARK_INNER` (fully
    folded) and :data:`MARK_INNER_EXACT` (exact, only those with å/ä/ö) - every inner part in
    names and numbers, the likely compound parts elsewhere (see ``search_index._Tokens``).
    So each query word is one or two FTS5 prefix queries on the right kind of token. The index
    is one contentless FTS5 table (``detail=column``, prefix indexes for 1 and 2 characters)
    with three columns: the entry's name or title, its short fields, its long texts. Rowids
    follow type and then Swedish alphabetical order.

Ranking
    Hits are put in tiers without FTS5's ``ORDER BY rank``, which costs five times as much as
    the match itself: a few unranked queries with column filters (which return rowids in
    Swedish order) split them into every word whole in the name; every word in the name;
    every word in the name or the short fields; the rest. The first :data:`TIER_TOP` hits of
    each type are then ordered finely from their stored words: name before short fields
    before long texts, then whole word before prefix before inner part, then exact accents
    before folded ones. Ties keep Swedish alphabetical order.

Results are ordered ids only (per type); the lists fetch the rows with
:func:`tfbb_desktop.core.queries.list_rows`. The index is written in the import's transaction
(:func:`search_index.write_index`), rebuilt from the tables by
:func:`search_index.index_catalogue`, and lives in the catalogue file, so an undo restores it
with the rest.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from typing import overload

from .sorting import fold_char

ENTITY_TYPES = ("principals", "contacts", "examples", "work")

# Facet names, as returned by :func:`facet_counts`.
FACETS = ("type", "principal", "professional_group", "level", "domain", "work_status",
          "favourites", "new")
# The value of the two yes/no facets.
YES = "true"

# Token markers: private-use characters, which FTS5's ascii tokenizer keeps inside tokens (as it
# does every non-ASCII character) and which :func:`fold_exact` turns into spaces in every text,
# so no word can carry one.
MARK_EXACT = "\ue001"
MARK_INNER = "\ue002"
MARK_INNER_EXACT = "\ue003"

MAX_TOKEN = 64          # longer words are cut, in the index and in queries alike
MAX_QUERY_TOKENS = 16   # further query words are ignored
INNER_START = 2         # an inner part starts after at least this many characters
INNER_MIN = 3           # an inner part (and a query word looking for one) is this long at least
INNER_WORD = INNER_START + INNER_MIN + 1  # words shorter than this are not split
TIER_TOP = 100          # hits per type ordered by fine tier; the rest by coarse tier

_FULL = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
_SWEDISH_LETTER = re.compile("[åäö]")
_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f]+")
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
    for cp in range(0x300, 0x370):
        table[cp] = None  # combining accents
    for cp in range(0xE000, 0xF900):
        table[cp] = " "  # private-use characters (our markers) separate words
    return table


_EXACT = _exact_table()


def fold_exact(text: str) -> str:
    """Lower case with every accent dropped except å, ä and ö (æ counts as ä, ø as ö)."""
    return unicodedata.normalize("NFC", text).lower().translate(_EXACT)


def fold_full(text: str) -> str:
    """:func:`fold_exact` with å and ä folded to a and ö to o as well."""
    return fold_exact(text).translate(_FULL)


class _Folded(dict[str, str]):
    """Raw lower-case word -> exact form, computed once per distinct word."""

    def __missing__(self, raw: str) -> str:
        word = raw.translate(_EXACT)[:MAX_TOKEN]
        self[raw] = word
        return word


def words(text: str, cache: dict[str, str] | None = None) -> list[str]:
    """The words of ``text`` in exact form, as the index and the queries see them.

    The same as splitting :func:`fold_exact` of the text, but faster: only the distinct words
    are folded. ``cache`` (a :class:`_Folded`) keeps them across calls, and makes equal
    words one shared string.
    """
    low = unicodedata.normalize("NFC", text).lower()
    if not low.isascii() and len(low.encode("latin-1", "ignore")) != len(low):
        low = _COMBINING.sub("", low)  # combining accents lie outside Latin-1
    found = _WORD.findall(low)
    if cache is None:
        return [w.translate(_EXACT)[:MAX_TOKEN] for w in found]
    return list(map(cache.__getitem__, found))


def phone_words(phone: str) -> list[str]:
    """A phone number's words: its pieces, all its digits as one word, and the same number in
    the other form (0155... as 46155..., +46 155... as 0155...), so that any way of typing it
    finds it."""
    out = words(phone)
    for form, _ in _phone_forms(phone, list(range(len(phone)))):
        out.append(form[:MAX_TOKEN])
    return out


def _phone_forms(run: str, positions: list[int]) -> list[tuple[str, list[int]]]:
    """The digits of ``run`` as one string, and the other form; with each digit's position
    (the position of a character of ``run`` is given by ``positions``)."""
    where = [positions[i] for i, ch in enumerate(run) if ch.isdigit()]
    digits = "".join(ch for ch in run if ch.isdigit())
    if not digits:
        return []
    forms = [(digits, where)]
    if run.lstrip().startswith("+") and digits.startswith("46") and len(digits) > 2:
        forms.append(("0" + digits[2:], [where[2], *where[2:]]))
    elif digits.startswith("0") and not digits.startswith("00") and len(digits) > 1:
        forms.append(("46" + digits[1:], [where[0], *where]))
    return forms


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


class HitList(Sequence[str]):
    """The ordered ids of one type's hits; an id is looked up only when it is read.

    Behaves as a read-only list of str (``len``, indexing, slices, iteration, ``==``), so a
    view can show 100,000 hits without building 100,000 strings first.
    """

    __slots__ = ("_ids", "_rowids")

    def __init__(self, ids: Sequence[str], rowids: Sequence[int]) -> None:
        self._ids = ids
        self._rowids = rowids

    def __len__(self) -> int:
        return len(self._rowids)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            ids = self._ids
            return [ids[r] for r in self._rowids[index]]
        return self._ids[self._rowids[index]]

    def __iter__(self) -> Iterator[str]:
        ids = self._ids
        return (ids[r] for r in self._rowids)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other,
                                                                          strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(repr(i) for i in self[:5])
        more = ", ..." if len(self) > 5 else ""
        return f"HitList([{shown}{more}], {len(self)} ids)"


def _no_hits() -> dict[str, Sequence[str]]:
    return {t: HitList([], []) for t in ENTITY_TYPES}


@dataclass
class SearchResult:
    """Ordered ids per entity type (best first, or Swedish order without a text) and counts.

    ``hits`` holds every hit (or the first ``limit_per_type``) as a :class:`HitList`;
    ``counts`` always counts them all.
    """

    query: str
    hits: dict[str, Sequence[str]] = field(default_factory=_no_hits)
    counts: dict[str, int] = field(default_factory=lambda: {t: 0 for t in ENTITY_TYPES})

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# Building the index (core/search_index.py) ----------------------------------------------------

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
                from .search_index import index_catalogue  # it builds on this module

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
        self._lock = threading.Lock()
        self._rowid_of: dict[tuple[str, str], int] | None = None
        self._sets: dict[tuple[str, str], frozenset[int]] = {}
        self._codes: tuple[list[tuple[int, ...]], list[tuple[str, str]]] | None = None

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

    def facet_codes(self, conn: sqlite3.Connection
                    ) -> tuple[list[tuple[int, ...]], list[tuple[str, str]]]:
        """Per rowid the codes of its (facet, value) pairs, and the pair of each code."""
        if self._codes is None:
            keys: dict[tuple[str, str], int] = {}
            found: dict[int, list[int]] = {}
            for facet, value, doc in conn.execute("SELECT facet, value, doc FROM search_facet"):
                code = keys.setdefault((facet, value), len(keys))
                found.setdefault(doc, []).append(code)
            codes: list[tuple[int, ...]] = [()] * len(self.ids)
            for doc, listed in found.items():
                codes[doc] = tuple(listed)
            self._codes = (codes, list(keys))
        return self._codes


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

    def fts(self, prefix: bool = True, inner: bool = True) -> str:
        """The FTS5 expression for this word: word start, or (3+ characters) inner part."""
        if self.marked:
            alternatives = [MARK_EXACT + self.exact]
            inner_token = MARK_INNER_EXACT + self.exact
        else:
            alternatives = [self.folded]
            inner_token = MARK_INNER + self.folded
        if inner and len(self.exact) >= INNER_MIN:
            alternatives.append(inner_token)
        # A term holds only letters, digits and one marker: nothing FTS5 could read as syntax.
        star = "*" if prefix else ""
        joined = " OR ".join(f'"{a}"{star}' for a in alternatives)
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


def _matching(conn: sqlite3.Connection, match: str,
              bounds: tuple[int, int] | None = None) -> list[int]:
    """Rowids matching the FTS5 expression ``match``, ascending (that is, Swedish order)."""
    # One string instead of one Python row per hit: a third less time for a broad query.
    sql = "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH ?"
    params: list[object] = [match]
    if bounds is not None:
        sql += " AND rowid BETWEEN ? AND ?"
        params.extend(bounds)
    try:
        joined = conn.execute(sql, params).fetchone()[0]
    except sqlite3.OperationalError:
        # Only a character FTS5 splits but Python does not could get here; no match then.
        return []
    if not joined:
        return []
    rowids = list(map(int, joined.split(",")))
    rowids.sort()  # already ascending: a single pass
    return rowids


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
            _order_heads(conn, terms, groups)
        for entity_type, rowids in groups.items():
            result.counts[entity_type] = len(rowids)
            shown = rowids if limit_per_type is None else rowids[:max(0, limit_per_type)]
            result.hits[entity_type] = HitList(snap.ids, shown)
    return result


def _filter(rowids: Iterable[int], allowed: list[frozenset[int]]) -> list[int]:
    if not allowed:
        return list(rowids)
    first, *rest = allowed
    return [r for r in rowids if r in first and all(r in s for s in rest)]


def _ranked_groups(conn: sqlite3.Connection, snap: _Snapshot, terms: Sequence[_Term],
                   types: Sequence[str], allowed: list[frozenset[int]]) -> dict[str, list[int]]:
    """The hits of each type, best first.

    Every FTS5 query here is unranked, so it returns ascending rowids, that is Swedish order,
    at a fraction of the cost of ``ORDER BY rank``. When there are more hits than
    :data:`TIER_TOP`, three more such queries split them into coarse tiers: every word whole
    in the name; every word in the name; every word in the name or the short fields; the
    rest. :func:`_order_heads` then orders the head of each type finely.
    """
    bounds = snap.bounds[types[0]] if len(types) == 1 else None
    full = _match(terms)
    matched = _matching(conn, full, bounds)
    if allowed:
        matched = _filter(matched, allowed)
    parts = [matched]
    if len(matched) > TIER_TOP:
        whole = " AND ".join(t.fts(prefix=False, inner=False) for t in terms)
        keep = set(matched) if allowed else None
        parts = []
        taken: set[int] = set()
        for match in (f"{{name}} : ({whole})", f"{{name}} : ({full})",
                      f"{{name meta}} : ({full})"):
            tier = _matching(conn, match, bounds)
            if keep is not None:
                tier = [r for r in tier if r in keep]
            parts.append([r for r in tier if r not in taken] if taken else tier)
            taken = set(tier)
        parts.append([r for r in matched if r not in taken])
    groups: dict[str, list[int]] = {t: [] for t in types}
    for part in parts:
        for entity_type in types:
            low, high = snap.bounds[entity_type]
            groups[entity_type].extend(part[bisect_left(part, low):bisect_right(part, high)])
    return groups


# Fine tiers of one query word in one field: 0/1 whole word, 2/3 prefix, 4/5 inner part
# (even: exact accents, odd: folded), 6 no match. A field adds 6 (name 0, short fields 6,
# long texts 12); an entry's tier is the sum over the query's words.
_NO_MATCH = 6


def _kind(term: _Term, exact: str) -> int:
    """The fine tier of ``term`` in ``exact``: a field's words, space-separated and padded."""
    needle = term.needle
    forms = (exact,) if term.marked else (exact, _fold_words(exact))
    best = _NO_MATCH
    for accent, form in enumerate(forms):
        if f" {needle} " in form:
            kind = 0
        elif f" {needle}" in form:
            kind = 2
        elif len(needle) >= INNER_MIN and needle in form:
            kind = 4
        else:
            continue
        best = min(best, kind + accent)
        if best <= kind + 1:
            break  # the folded form could only add the accent's penalty
    return best


def _fold_words(exact: str) -> str:
    if "å" in exact or "ä" in exact or "ö" in exact:
        return exact.replace("å", "a").replace("ä", "a").replace("ö", "o")
    return exact


def _order_heads(conn: sqlite3.Connection, terms: Sequence[_Term],
                 groups: dict[str, list[int]]) -> None:
    """Order the first :data:`TIER_TOP` hits of each type by fine tier, ties kept in order."""
    heads = {t: g[:TIER_TOP] for t, g in groups.items() if len(g) > 1}
    wanted = [r for head in heads.values() for r in head]
    if not wanted:
        return
    texts: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for doc, name, meta, body in conn.execute(
                "SELECT doc, name_words, meta_words, body_words FROM search_doc "
                f"WHERE doc IN ({marks})", chunk):
            texts[doc] = (f" {name} ", f" {meta} ", f" {body} ")
    for entity_type, head in heads.items():
        tiers: dict[int, int] = {}
        for rowid in head:
            fields = texts.get(rowid, ("", "", ""))
            total = 0
            for term in terms:
                kind = _NO_MATCH
                for offset, text in enumerate(fields):
                    kind = _kind(term, text)
                    if kind < _NO_MATCH:
                        kind += 6 * offset
                        break
                total += kind
            tiers[rowid] = total
        position = {r: i for i, r in enumerate(head)}
        head.sort(key=lambda r: (tiers[r], position[r]))
        groups[entity_type][:len(head)] = head


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
            matched = _matching(conn, _match(terms))
        elif text.strip():
            return out
        else:
            matched = list(range(1, len(snap.ids)))
        codes, pairs = snap.facet_codes(conn)
        active = _active(filters)
        bases: dict[str, list[int]] = {}

        def base(facet: str) -> list[int]:
            """The hits counted for ``facet``: every filter applies but the facet's own."""
            skip = facet if facet in active else ""
            found = bases.get(skip)
            if found is None:
                found = _of_types(snap, matched, _types(filters, skip))
                found = _filter(found, _allowed(conn, snap, filters, skip))
                bases[skip] = found
            return found

        rows = base("type")
        for entity_type in ENTITY_TYPES:
            low, high = snap.bounds[entity_type]
            count = bisect_right(rows, high) - bisect_left(rows, low)
            if count:
                out["type"][entity_type] = count
        counters: dict[str, Counter[int]] = {}
        for facet in FACETS[1:6]:
            skip = facet if facet in active else ""
            counter = counters.get(skip)
            if counter is None:
                counter = Counter(chain.from_iterable(map(codes.__getitem__, base(facet))))
                counters[skip] = counter
            for code, count in counter.items():
                pair_facet, value = pairs[code]
                if pair_facet == facet:
                    out[facet][value] = count
        chosen = filters.only if filters.only is not None else favourites
        if chosen is not None:
            count = len(snap.rowids_of(chosen).intersection(base("favourites")))
            if count:
                out["favourites"] = {YES: count}
        new_rows = _new_rowids(conn, snap)
        if new_rows:
            count = len(new_rows.intersection(base("new")))
            if count:
                out["new"] = {YES: count}
    return out


def _of_types(snap: _Snapshot, rowids: list[int], types: Sequence[str]) -> list[int]:
    """The ascending ``rowids`` of entries of ``types`` (still ascending)."""
    if len(types) == len(ENTITY_TYPES):
        return rowids
    out: list[int] = []
    for entity_type in types:
        low, high = snap.bounds[entity_type]
        out.extend(rowids[bisect_left(rowids, low):bisect_right(rowids, high)])
    return out


# Highlighting ----------------------------------------------------------------------------------


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each character with the combining marks that follow it."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            yield start, i
            start = i


def _exact_with_origin(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """The exact form of ``text`` and, for each of its characters, the span of ``text`` it
    comes from (``None``: character i from character i)."""
    if (unicodedata.is_normalized("NFC", text) and not _COMBINING.search(text)
            and "\u0130" not in text):
        exact = text.lower().translate(_EXACT)  # one character for one: positions agree
        if len(exact) == len(text):
            return exact, None
    pieces: list[str] = []
    origin: list[tuple[int, int]] = []
    for start, end in _clusters(text):  # a character with the combining marks after it
        piece = fold_exact(text[start:end])
        pieces.append(piece)
        origin.extend([(start, end)] * len(piece))
    return "".join(pieces), origin


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
    exact, origin = _exact_with_origin(text)
    full = exact.translate(_FULL)
    spans: list[tuple[int, int]] = []

    def add(first: int, last: int) -> None:  # positions in ``exact``, ``last`` inclusive
        if origin is None:
            spans.append((first, last + 1))
        else:
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
            forms = _phone_forms(run.group(), list(range(run.start(), run.end())))
            for needle in digit_terms:
                for form, where in forms:
                    found = form.find(needle)
                    if found > 0 and (len(needle) < INNER_MIN or found < INNER_START):
                        found = form.find(needle, INNER_START) if len(needle) >= INNER_MIN else -1
                    if found >= 0:
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

