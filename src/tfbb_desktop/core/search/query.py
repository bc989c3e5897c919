"""One search over the whole catalogue: results grouped by type, filters, facet counts, highlights.

Matching
    Every word of the query must match (in any order) the start of a word of the entry, or,
    for a query word of three characters or more, a part of a word ("psykolog" finds
    "skolpsykolog"). Case never matters and accents other than å/ä/ö are always folded
    ("cafe" finds "Café"). A query word without å/ä/ö also finds the forms with them
    ("sormland" finds "Sörmland"); a query word with å/ä/ö keeps them as letters of their own
    ("håbo" does not find "Habo"). Phone numbers match with or without spaces and dashes.

Index (migration ``catalogue_005``; built by :func:`.search_index.build_index`)
    Two FTS5 tables over the same texts (the view ``search_source``), with three columns
    each: the name or title, the short fields, the long texts. ``search_text`` is split by
    ``unicode61`` with every accent removed (å/ä to a, ö to o, é to e): a query word without
    å/ä/ö searches there. ``search_exact`` keeps the accents: a query word with å/ä/ö
    searches there. Parts of words come from ``search_parts``, a ``trigram`` table over the
    distinct terms of both: the terms holding a query word are added to it as alternatives.
    Rowids follow type and then Swedish alphabetical order (``search_entry`` maps them to
    ids).

Ranking
    Hits are put in tiers by a few column-filtered FTS5 queries: every word whole in the
    name; every word starting a word of the name; every word in the name; every word in the
    name or the short fields; the rest. In each tier the hits whose words all match in their
    exact form (not only folded) come first. Hits in the name keep Swedish alphabetical order
    within their tier, as the lists have them; the others are ordered by FTS5's ``bm25()``
    with column weights (short fields above long texts).

Results are ordered ids only (per type); the lists fetch the rows with
:func:`tfbb_desktop.core.store.queries.list_rows`. Searching only reads: the index is made by
imports, undo and migrations (:mod:`.search_index`), in the catalogue file.
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

from tfbb_desktop.core.sorting import fold_char

ENTITY_TYPES = ("principals", "contacts", "examples", "work")

# Facet names, as returned by :func:`facet_counts`.
FACETS = ("type", "principal", "professional_group", "level", "domain", "work_status",
          "favourites", "new")
# The value of the two yes/no facets.
YES = "true"

MAX_TOKEN = 64          # longer query words are cut
MAX_QUERY_TOKENS = 16   # further query words are ignored
INNER_MIN = 3           # a query word looking for parts of words is this long at least
INNER_TERMS = 100       # terms holding a query word taken at most (the most frequent ones):
                        # FTS5 steps through every alternative of an OR for each hit
SHORT_WORD = 4          # a query word this long or shorter takes fewer such terms:
SHORT_INNER_TERMS = 20  # it is held by very many, and each costs FTS5 time for every hit
TIER_TOP = 100          # hits per type ordered finely; the rest by tier, then Swedish order
SCORED_HITS = 5000      # bm25() orders hits outside the name up to this many hits in all: for
                        # a broad query it would cost FTS5 as much as the whole search

# bm25() weights of the index's columns: name, short fields, long texts.
_WEIGHTS = "10.0, 4.0, 1.0"
_NAME_COLUMNS = "{name}"
_SHORT_COLUMNS = "{name meta}"
_NORDIC = str.maketrans({"æ": "ä", "ø": "ö"})  # as the index's texts have them

_FULL = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f]+")
_PHONE_RUN = re.compile(r"\+?\d[\d \-()./]*\d")


def _exact_table() -> dict[int, str | None]:
    """Lower-case text -> exact form: å/ä/ö kept (æ as ä, ø as ö), other accents dropped.

    A piece of our own beside unicode61: its ``remove_diacritics`` drops either every accent
    or none, and the rule keeps å/ä/ö as letters of their own (tests/test_search.py,
    test_query_with_swedish_letters_keeps_them_distinct and
    test_other_accents_are_always_folded)."""
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
        table[cp] = " "  # private-use characters, which unicode61 would keep in words
    return table


_EXACT = _exact_table()
# The characters _EXACT changes: str.translate looks every character up, a regular expression
# finds the few to change far faster.
_FOLDED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_EXACT)) + "]+")


def _fold_one(match: re.Match[str]) -> str:
    return match.group().translate(_EXACT)


def fold_exact(text: str) -> str:
    """Lower case with every accent dropped except å, ä and ö (æ counts as ä, ø as ö)."""
    return _FOLDED.sub(_fold_one, unicodedata.normalize("NFC", text).lower())


def fold_full(text: str) -> str:
    """:func:`fold_exact` with å and ä folded to a and ö to o as well."""
    return fold_exact(text).translate(_FULL)


def words(text: str) -> list[str]:
    """The words of ``text`` in exact form, as a query is split (unicode61 splits the index's
    texts the same way: at every character that is no letter or digit)."""
    return [w[:MAX_TOKEN] for w in _WORD.findall(fold_exact(text))]


def phone_words(phone: str) -> list[str]:
    """The extra words indexed with a phone number: all its digits as one word, and the same
    number in the other form (0155... as 46155..., +46 155... as 0155...), so that any way of
    typing it finds it."""
    return [form for form, _ in _phone_forms(phone, list(range(len(phone))))]


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


# The per-generation cache ----------------------------------------------------------------------


class _Snapshot:
    """What one generation of the index maps rowids to; shared by every connection."""

    def __init__(self, conn: sqlite3.Connection, generation: str) -> None:
        self.generation = generation
        info = dict(conn.execute("SELECT key, value FROM search_info"))
        self.bounds = {t: (int(info[f"{t}.first"]), int(info[f"{t}.last"]))
                       for t in ENTITY_TYPES}
        size = max(high for _, high in self.bounds.values())
        self.ids: list[str] = [""] * (size + 1)
        for doc, entity_id in conn.execute("SELECT doc, entity_id FROM search_entry"):
            self.ids[doc] = entity_id
        self._lock = threading.Lock()
        self._rowid_of: dict[tuple[str, str], int] | None = None
        self._sets: dict[tuple[str, str], frozenset[int]] = {}
        self._codes: tuple[list[tuple[int, ...]], list[tuple[str, str]]] | None = None
        self._parts: dict[str, list[str]] = {}

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

    def _remember(self, cache: dict[str, list[str]] | dict[tuple[str, str], frozenset[int]],
                  key: object, value: object) -> None:
        with self._lock:
            if len(cache) > 256:
                cache.clear()
            cache[key] = value  # type: ignore[index,assignment]

    def facet_set(self, conn: sqlite3.Connection, facet: str, value: str) -> frozenset[int]:
        key = (facet, value)
        found = self._sets.get(key)
        if found is None:
            found = frozenset(r for (r,) in conn.execute(
                "SELECT doc FROM search_facet WHERE facet = ? AND value = ?", key))
            self._remember(self._sets, key, found)
        return found

    def parts(self, conn: sqlite3.Connection, needle: str) -> list[str]:
        """The index's terms that hold ``needle`` (3+ characters) but do not start with it,
        from the trigram table; the most frequent first, at most :data:`INNER_TERMS`."""
        found = self._parts.get(needle)
        if found is None:
            found = [term for (term,) in conn.execute(
                "SELECT p.term FROM search_parts p LEFT JOIN search_terms t ON t.term = p.term "
                "WHERE search_parts MATCH ? AND substr(p.term, 1, ?) != ? "
                "ORDER BY t.doc DESC LIMIT ?",
                (f'"{needle}"', len(needle), needle,
                 INNER_TERMS if len(needle) > SHORT_WORD else SHORT_INNER_TERMS))]
            self._remember(self._parts, needle, found)
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
    row = conn.execute("SELECT value FROM search_info WHERE key = 'generation'").fetchone()
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
    word: str          # the query word, lower case (æ as ä, ø as ö)
    folded: str        # fully folded
    marked: bool       # it has å/ä/ö, so only exact forms match
    parts: list[str]   # the index's terms that hold it further in

    def fts(self, prefix: bool = True, parts: bool = True) -> str:
        """The FTS5 expression for this word: a word start, or a term holding it. The word
        and the terms hold only letters and digits: nothing FTS5 could read as syntax."""
        star = "*" if prefix else ""
        alternatives = [f'"{self.word}"{star}']
        decomposed = unicodedata.normalize("NFD", self.word)
        if self.marked and decomposed != self.word:  # search_exact keeps a text's own form
            alternatives.append(f'"{decomposed}"{star}')
        if parts:
            alternatives.extend(f'"{t}"' for t in self.parts)
        joined = " OR ".join(alternatives)
        return f"({joined})" if len(alternatives) > 1 else joined


def _query_words(text: str) -> list[tuple[str, str, bool]]:
    """(word, folded form, has å/ä/ö) of each distinct word of a query."""
    low = unicodedata.normalize("NFC", text[:20_000]).lower().translate(_NORDIC)
    found: dict[str, None] = {}
    for word in _WORD.findall(low):
        found.setdefault(word[:MAX_TOKEN])
        if len(found) >= MAX_QUERY_TOKENS:
            break
    out = []
    for word in found:
        folded = fold_full(word)
        out.append((word, folded, any(c in word for c in "åäö")))
    return out


def _terms(conn: sqlite3.Connection, snap: _Snapshot, text: str) -> list[_Term]:
    out = []
    for word, folded, marked in _query_words(text):
        needle = word if marked else folded
        parts = snap.parts(conn, needle) if len(needle) >= INNER_MIN else []
        out.append(_Term(word, folded, marked, parts))
    return out


def _expression(terms: Sequence[_Term], columns: str, prefix: bool, parts: bool) -> str:
    expression = " AND ".join(f"({t.fts(prefix, parts)})" for t in terms)
    return f"{columns} : ({expression})" if columns else expression


def _matching(conn: sqlite3.Connection, terms: Sequence[_Term],
              bounds: tuple[int, int] | None = None, *, columns: str = "",
              prefix: bool = True, parts: bool = True, exact: bool = False) -> list[int]:
    """Rowids of the entries every term matches, ascending (that is, Swedish order): words
    without å/ä/ö in search_text, those with them in search_exact (``exact``: all of them)."""
    selects: list[str] = []
    params: list[object] = []
    for table, group in (("search_text", [t for t in terms if not (t.marked or exact)]),
                         ("search_exact", [t for t in terms if t.marked or exact])):
        if not group:
            continue
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
        params.append(_expression(group, columns, prefix, parts))
        if bounds is not None:
            sql += " AND rowid BETWEEN ? AND ?"
            params.extend(bounds)
        selects.append(sql)
    # One string instead of one Python row per hit: a third less time for a broad query.
    joined = conn.execute(f"SELECT group_concat(rowid) FROM ({' INTERSECT '.join(selects)})",
                          params).fetchone()[0]
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
    result = SearchResult(text)
    with _reading(conn):
        snap = _snapshot(conn)
        if snap is None:
            return result
        types = _types(filters)
        allowed = _allowed(conn, snap, filters)
        terms = _terms(conn, snap, text)
        if not terms:
            if text.strip():
                return result
            groups = {t: _filter(snap.all_rowids(t), allowed) for t in types}
        else:
            groups = _ranked_groups(conn, snap, terms, types, allowed)
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


# The tier queries (columns, prefix, parts of words), best first: every word whole in the
# name, starting a word of the name, anywhere in the name, in the name or the short fields.
_TIERS = ((_NAME_COLUMNS, False, False), (_NAME_COLUMNS, True, False),
          (_NAME_COLUMNS, True, True), (_SHORT_COLUMNS, True, False))
# The first tier of hits outside the name: the fourth of _TIERS.
_OUTSIDE_NAME = 6


def _ranked_groups(conn: sqlite3.Connection, snap: _Snapshot, terms: Sequence[_Term],
                   types: Sequence[str], allowed: list[frozenset[int]]) -> dict[str, list[int]]:
    """The hits of each type, best first: by tier, exact forms first, then bm25()."""
    bounds = snap.bounds[types[0]] if len(types) == 1 else None
    matched = _matching(conn, terms, bounds)
    if allowed:
        matched = _filter(matched, allowed)
    groups: dict[str, list[int]] = {}
    for entity_type in types:
        low, high = snap.bounds[entity_type]
        groups[entity_type] = matched[bisect_left(matched, low):bisect_right(matched, high)]
    if len(matched) < 2:
        return groups
    if len(matched) > SCORED_HITS:
        return _broad_groups(conn, snap, terms, groups)
    # The tiers, best first: every word whole in the name, starting a word of the name,
    # anywhere in the name, in the name or the short fields; a hit gets 2 * level + 1 by the
    # first that finds it (level 4: none), one less if every word matched in its exact form.
    tiers = [_matching(conn, terms, bounds, columns=columns, prefix=prefix, parts=parts)
             for columns, prefix, parts in _TIERS]
    # A hit's tier is 2 * the level of the first of these that finds it (4: none); the first
    # TIER_TOP of each type are then ordered finely: in each tier, every word matched in its
    # exact form (not only folded) first, and outside the name by bm25().
    tier = dict.fromkeys(matched, 2 * len(tiers))
    for level, found in enumerate(tiers):
        for rowid in found:
            if tier.get(rowid, 0) > 2 * level:
                tier[rowid] = 2 * level
    heads: list[list[int]] = []
    for rowids in groups.values():
        rowids.sort(key=tier.__getitem__)
        if len(rowids) > 1:
            heads.append(rowids[:TIER_TOP])
    fine = _fine_tiers(conn, terms, heads, tier, score=len(matched) <= SCORED_HITS)
    for rowids in groups.values():
        if len(rowids) > 1:
            rowids[:TIER_TOP] = sorted(rowids[:TIER_TOP], key=fine.__getitem__)
    return groups


def _broad_groups(conn: sqlite3.Connection, snap: _Snapshot, terms: Sequence[_Term],
                  groups: dict[str, list[int]]) -> dict[str, list[int]]:
    """The hits of a broad query (more than :data:`SCORED_HITS`): the first
    :data:`TIER_TOP` of each type by tier (parts of words and exact forms left out: either
    would cost a pass over every hit), then the rest in Swedish order. Each tier query reads
    its hits in rowid order and stops as soon as the type has its first ones, so a one-letter
    query costs little more than its match."""
    for entity_type, rowids in groups.items():
        if len(rowids) < 2:
            continue
        members = set(rowids)
        bounds = snap.bounds[entity_type]
        head: dict[int, int] = {}
        for level, (columns, prefix, parts) in enumerate(_TIERS):
            if parts:  # an OR of many terms read hit by hit costs FTS5 far more than it gives
                continue
            for rowid in _first_matching(conn, terms, bounds, columns, prefix):
                if len(head) >= TIER_TOP:
                    break
                if rowid in members and rowid not in head:
                    head[rowid] = 2 * level
            if len(head) >= TIER_TOP:
                break
        for rowid in rowids:  # the rest of the head: hits in none of the tiers
            if len(head) >= TIER_TOP:
                break
            head.setdefault(rowid, 2 * len(_TIERS))
        order = sorted(head, key=lambda r: (head[r], r))
        rowids[:] = order + [r for r in rowids if r not in head]
    return groups


def _first_matching(conn: sqlite3.Connection, terms: Sequence[_Term], bounds: tuple[int, int],
                    columns: str, prefix: bool) -> Iterator[int]:
    """Rowids every term matches in ``columns``, ascending, read one at a time (FTS5 gives
    them as it finds them, so a reader that stops early pays only for what it read)."""
    selects: list[str] = []
    params: list[object] = []
    for table, group in (("search_text", [t for t in terms if not t.marked]),
                         ("search_exact", [t for t in terms if t.marked])):
        if group:
            selects.append(f"SELECT rowid FROM {table} WHERE {table} MATCH ? "
                           "AND rowid BETWEEN ? AND ?")
            params.extend([_expression(group, columns, prefix, False), *bounds])
    sql = selects[0] if len(selects) == 1 else (
        f"SELECT rowid FROM ({' INTERSECT '.join(selects)}) ORDER BY rowid")
    for (rowid,) in conn.execute(sql, params):
        yield rowid


def _fine_tiers(conn: sqlite3.Connection, terms: Sequence[_Term], heads: list[list[int]],
                tier: dict[int, int], score: bool) -> dict[int, tuple[int, float]]:
    """The fine order of the heads' hits: the tier, one less if every word matched in its
    exact form (not only folded), then (with ``score``, outside the name) bm25(). One query
    each over the heads' rowid range; parts of words are left out of them, as an OR of many
    terms costs FTS5 time for every hit."""
    wanted = [r for head in heads for r in head]
    if not wanted:
        return {}
    span = (min(wanted), max(wanted))
    fine = {r: tier[r] + 1 for r in wanted}
    exact = wanted if all(t.marked for t in terms) else _matching(conn, terms, span,
                                                                  exact=True, parts=False)
    for rowid in exact:
        if rowid in fine:
            fine[rowid] -= 1
    scores: dict[int, float] = {}
    if score and any(t >= _OUTSIDE_NAME for t in fine.values()):
        scores = _scores(conn, _expression(terms, "", True, False), span)
    return {r: (t, scores.get(r, 0.0) if t >= _OUTSIDE_NAME else 0.0) for r, t in fine.items()}


def _scores(conn: sqlite3.Connection, match: str,
            bounds: tuple[int, int] | None) -> dict[int, float]:
    """bm25() of the hits (lower is better), with the column weights of :data:`_WEIGHTS`."""
    sql = (f"SELECT rowid, bm25(search_text, {_WEIGHTS}) FROM search_text "
           "WHERE search_text MATCH ?")
    params: list[object] = [match]
    if bounds is not None:
        sql += " AND rowid BETWEEN ? AND ?"
        params.extend(bounds)
    return dict(conn.execute(sql, params).fetchall())


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
    out: dict[str, dict[str, int]] = {f: {} for f in FACETS}
    with _reading(conn):
        snap = _snapshot(conn)
        if snap is None:
            return out
        terms = _terms(conn, snap, text)
        if terms:
            matched = _matching(conn, terms)
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
    more, parts of words; accents as in the search; digits of phone numbers
    across spaces and dashes. The spans are sorted and do not overlap. ``text`` is treated as
    plain text; draw the spans as formatting, never as markup.

    A piece of our own beside FTS5's ``highlight()``, which marks the tokens of an indexed
    row: it would mark a whole term ("Skolpsykologer") where a part of it matched
    ("psykolog"), cannot join a phone number's digits across spaces, and the views highlight
    display texts rather than index rows (tests/test_search.py,
    test_highlight_follows_the_matching_rules).
    """
    terms = _query_words(query)
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
        for word, folded, marked in terms:
            form, needle = (exact, fold_exact(word)) if marked else (full, folded)
            found = form.find(needle, begin, stop)
            if found == begin or (found > begin and len(needle) >= INNER_MIN):
                add(found, found + len(needle) - 1)
    digit_terms = [word for word, _folded, _marked in terms if word.isdigit()]
    if digit_terms:
        for run in _PHONE_RUN.finditer(text):
            forms = _phone_forms(run.group(), list(range(run.start(), run.end())))
            for needle in digit_terms:
                for form, where in forms:
                    found = form.find(needle)
                    if found == 0 or (found > 0 and len(needle) >= INNER_MIN):
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

