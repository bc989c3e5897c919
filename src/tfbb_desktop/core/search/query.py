"""One search over the whole catalogue: results grouped by type, filters, facet counts, highlights.

Matching: every query word must match the start of a word of the entry or, from three
characters, a part of a word ("psykolog" finds "skolpsykolog"). Case never matters; accents
other than å/ä/ö are folded ("cafe" finds "Café"); a word without å/ä/ö also finds the forms
with them ("sormland" finds "Sörmland"), one with them keeps them ("håbo" does not find
"Habo"). Phone numbers match with or without spaces and dashes.

Index (built by :func:`.index.build_index`): ``search_text`` (unicode61, every accent
removed) and ``search_exact`` (accents kept), each with the columns name, short fields and
long texts; ``search_parts``, a trigram table over their terms, gives the terms holding a
query word. Rowids follow type, then Swedish order (``search_entry`` maps them to ids).

Ranking: tiers by column-filtered FTS5 queries (the words whole in the name, starting a word
of the name, anywhere in the name, in the name or the short fields, the rest), each in
Swedish order; the first :data:`TIER_TOP` of each type finely: exact forms first, then
``bm25()`` with column weights outside the name. FTS5's own ranking alone breaks the first
rule: ``bm25()`` puts "Ekorrens bo" (a prefix) before "Ekorre i skolan" (the whole word), as
the shorter text (tests/test_search.py,
test_whole_word_before_prefix_before_inner_part_before_text). A broad query (over
:data:`SCORED_HITS` hits) ranks only its first :data:`TIER_TOP` by the two name tiers.

Searching only reads: imports, undo and migrations make the index.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from typing import TypeVar, cast

from tfbb_desktop.core.entities import LISTED_TYPES
from tfbb_desktop.core.sorting import fold_char

ENTITY_TYPES = LISTED_TYPES  # the types the index holds, in its rowid order

# Facet names, as returned by :func:`facet_counts` (the second to sixth are the facets of the
# index's search_facet and the fields of :class:`SearchFilters` that filter by them).
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
TIER_TOP = 100          # hits per type ordered finely (a broad query: put by tier at all)
SCORED_HITS = 5000      # a query with more hits in all is broad: ranking every hit would cost
                        # FTS5 as much as the whole search again

# bm25() weights of the index's columns: name, short fields, long texts.
_WEIGHTS = "10.0, 4.0, 1.0"
_NORDIC = str.maketrans({"æ": "ä", "ø": "ö"})  # as the index's texts have them

_FULL = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
WORD = re.compile(r"[^\W_]+")  # a word: letters and digits, as unicode61 splits
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
    table.update(dict.fromkeys(range(0x300, 0x370)))  # combining accents
    # Private-use characters, which unicode61 would keep in words.
    table.update(dict.fromkeys(range(0xE000, 0xF900), " "))
    return table


_EXACT = _exact_table()
# The characters _EXACT changes: str.translate looks every character up, a regular expression
# finds the few to change far faster.
_FOLDED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_EXACT)) + "]+")


def fold_exact(text: str) -> str:
    """Lower case with every accent dropped except å, ä and ö (æ counts as ä, ø as ö)."""
    return _FOLDED.sub(lambda m: m.group().translate(_EXACT),
                       unicodedata.normalize("NFC", text).lower())


def fold_full(text: str) -> str:
    """:func:`fold_exact` with å and ä folded to a and ö to o as well."""
    return fold_exact(text).translate(_FULL)


def words(text: str) -> list[str]:
    """The words of ``text`` in exact form, as a query is split (unicode61 splits the index's
    texts the same way: at every character that is no letter or digit)."""
    return [w[:MAX_TOKEN] for w in WORD.findall(fold_exact(text))]


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
    """Ordered ids per entity type (best first, or Swedish order without a text) and counts.

    ``hits`` holds every hit (or the first ``limit_per_type``); ``counts`` always counts them
    all.
    """

    hits: dict[str, Sequence[str]] = field(default_factory=lambda: {t: [] for t in ENTITY_TYPES})
    counts: dict[str, int] = field(default_factory=lambda: {t: 0 for t in ENTITY_TYPES})

    @property
    def total(self) -> int:
        return sum(self.counts.values())


T = TypeVar("T")


class _Index:
    """What one build of the index maps its rowids to, kept until the next build: mapping a
    broad query's hits to their ids, or counting their facets, through SQL would cost as much
    as the search again (the keystroke budget of docs/performance.md has no room for it)."""

    def __init__(self, conn: sqlite3.Connection, info: dict[str, str]) -> None:
        self.bounds = {t: (int(info[f"{t}.first"]), int(info[f"{t}.last"])) for t in ENTITY_TYPES}
        # Rowids run from 1 without gaps (see index.build_index).
        self.ids: list[str] = ["", *(r[0] for r in conn.execute(
            "SELECT entity_id FROM search_entry ORDER BY doc"))]
        self.pairs: list[tuple[str, str]] = []  # (facet, value) of each facet code
        self.parts: dict[str, list[str]] = {}  # query word -> the terms holding it further in
        self._codes: list[tuple[int, ...]] | None = None
        self._kept: dict[str, object] = {}

    def kept(self, key: str, make: Callable[[], T]) -> T:
        """``make()`` (e.g. the suggestion's vocabulary), made once for this build."""
        if key not in self._kept:
            self._kept[key] = make()
        return cast(T, self._kept[key])

    def codes(self, conn: sqlite3.Connection) -> list[tuple[int, ...]]:
        """Per rowid the codes of its (facet, value) pairs, read when first needed."""
        if self._codes is None:
            keys: dict[tuple[str, str], int] = {}
            found: list[list[int]] = [[] for _ in self.ids]
            for facet, value, doc in conn.execute("SELECT facet, value, doc FROM search_facet"):
                found[doc].append(keys.setdefault((facet, value), len(keys)))
            self.pairs = list(keys)
            self._codes = [tuple(f) for f in found]
        return self._codes


_CACHE: dict[str, _Index] = {}  # the index's generation -> its _Index (one kept)


def current_index(conn: sqlite3.Connection) -> _Index | None:
    """What the index's current build maps; None without an index."""
    info = dict(conn.execute("SELECT key, value FROM search_info"))
    if "generation" not in info:
        return None
    index = _CACHE.get(info["generation"])
    if index is None:
        index = _Index(conn, info)
        _CACHE.clear()
        _CACHE[info["generation"]] = index
    return index


@contextmanager
def _reading(conn: sqlite3.Connection, text: str
             ) -> Iterator[tuple[_Index, list[_Term]] | None]:
    """One read transaction (a consistent snapshot) unless the caller already holds one, with
    the index and the text's terms: None without an index, or for a text that is not blank
    but has no words (it matches nothing)."""
    held = conn.in_transaction
    if not held:
        conn.execute("BEGIN")
    try:
        index = current_index(conn)
        terms = _terms(conn, index, text) if index else []
        yield None if index is None or (not terms and text.strip()) else (index, terms)
    finally:
        if not held and conn.in_transaction:
            conn.execute("COMMIT")


# Queries ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    word: str          # the query word, lower case (æ as ä, ø as ö)
    marked: bool       # it has å/ä/ö, so only exact forms match
    parts: list[str]   # the index's terms that hold it further in

    def fts(self, prefix: bool, parts: bool, exact: bool) -> str:
        """The FTS5 expression for this word: a word start, or a term holding it, in
        search_exact (``exact``) or search_text (whose tokenizer folds the query's words as
        it folds the texts). The word and the terms hold only letters and digits: nothing
        FTS5 could read as syntax."""
        star = "*" if prefix else ""
        alternatives = [f'"{self.word}"{star}']
        decomposed = unicodedata.normalize("NFD", self.word)
        if exact and decomposed != self.word:  # search_exact keeps a text's own form
            alternatives.append(f'"{decomposed}"{star}')
        if parts:
            alternatives.extend(f'"{t}"' for t in self.parts)
        joined = " OR ".join(alternatives)
        return f"({joined})" if len(alternatives) > 1 else joined


def _query_words(text: str) -> list[tuple[str, bool]]:
    """(word, has å/ä/ö) of each distinct word of a query."""
    low = unicodedata.normalize("NFC", text[:20_000]).lower().translate(_NORDIC)
    found = list(dict.fromkeys(w[:MAX_TOKEN] for w in WORD.findall(low)))[:MAX_QUERY_TOKENS]
    return [(w, any(c in w for c in "åäö")) for w in found]


def _terms(conn: sqlite3.Connection, index: _Index, text: str) -> list[_Term]:
    """The query's words, each with the index's terms that hold it but do not start with it
    (from the trigram table; the most frequent first, at most :data:`INNER_TERMS`). The terms
    of a word are kept with the index: each keystroke looks up every word of the text again,
    and one lookup costs a few milliseconds at 100,000 entries."""
    out = []
    for word, marked in _query_words(text):
        needle = word if marked else fold_full(word)
        parts = index.parts.get(needle) if len(needle) >= INNER_MIN else []
        if parts is None:
            parts = [term for (term,) in conn.execute(
                "SELECT p.term FROM search_parts p LEFT JOIN search_terms t ON t.term = p.term "
                "WHERE search_parts MATCH ? AND substr(p.term, 1, ?) != ? "
                "ORDER BY t.doc DESC LIMIT ?",
                (f'"{needle}"', len(needle), needle,
                 INNER_TERMS if len(needle) > SHORT_WORD else SHORT_INNER_TERMS))]
            if len(index.parts) > 1000:
                index.parts.clear()
            index.parts[needle] = parts
        out.append(_Term(word, marked, parts))
    return out


def _matching(conn: sqlite3.Connection, terms: Sequence[_Term],
              bounds: tuple[int, int] | None = None, *, columns: str = "",
              prefix: bool = True, parts: bool = True, exact: bool = False) -> list[int]:
    """Rowids of the entries every term matches, ascending (that is, Swedish order).

    Every word is looked up folded in search_text, where FTS5 joins the words itself; the
    words with å/ä/ö (``exact``: all of them) must also match in search_exact."""
    searches = [("search_exact", [t for t in terms if t.marked or exact])]
    if not all(t.marked or exact for t in terms):
        searches.insert(0, ("search_text", list(terms)))
    selects: list[str] = []
    params: list[object] = []
    for table, group in searches:
        if not group:
            continue
        expression = " AND ".join(f"({t.fts(prefix, parts, table == 'search_exact')})"
                                  for t in group)
        selects.append(f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
                       + (" AND rowid BETWEEN ? AND ?" if bounds else ""))
        params.extend([f"{columns} : ({expression})" if columns else expression,
                       *(bounds or ())])
    # One string instead of one Python row per hit: a third less time for a broad query.
    joined = conn.execute(f"SELECT group_concat(rowid) FROM ({' INTERSECT '.join(selects)})",
                          params).fetchone()[0]
    return sorted(json.loads(f"[{joined}]")) if joined else []


# The rowids a filter keeps: a facet's value, the (type, id) pairs of ``only`` (as JSON), what
# the last import added or changed.
_FACET_SQL = "SELECT doc FROM search_facet WHERE facet = ? AND value = ?"
_ENTRIES_SQL = ("SELECT e.doc FROM json_each(?) j JOIN search_entry e ON e.entity_type = "
                "json_extract(j.value, '$[0]') AND e.entity_id = json_extract(j.value, '$[1]')")
_NEW_SQL = "SELECT e.doc FROM change_mark m JOIN search_entry e USING (entity_type, entity_id)"


def _active(filters: SearchFilters) -> dict[str, tuple[str, tuple[object, ...]]]:
    """The query and parameters of each filter that is set, by facet (``type`` aside)."""
    active: dict[str, tuple[str, tuple[object, ...]]] = {
        f: (_FACET_SQL, (f, v)) for f in FACETS[1:6] if (v := getattr(filters, f)) is not None}
    if filters.only is not None:
        active["favourites"] = (_ENTRIES_SQL, (json.dumps(sorted(filters.only)),))
    if filters.new_only:
        active["new"] = (_NEW_SQL, ())
    return active


def _rowids(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> frozenset[int]:
    return frozenset(r for (r,) in conn.execute(sql, params))


def _allowed(conn: sqlite3.Connection, filters: SearchFilters,
             skip: str = "") -> list[frozenset[int]]:
    """One rowid set per active filter (the facet ``skip`` left out), smallest first."""
    return sorted((_rowids(conn, sql, params) for facet, (sql, params)
                   in _active(filters).items() if facet != skip), key=len)


def _types(filters: SearchFilters, skip: str = "") -> tuple[str, ...]:
    if not filters.entity_types or skip == "type":
        return ENTITY_TYPES
    return tuple(t for t in ENTITY_TYPES if t in filters.entity_types)


def _filter(rowids: Iterable[int], allowed: list[frozenset[int]]) -> list[int]:
    if not allowed:
        return list(rowids)
    return sorted(allowed[0].intersection(rowids, *allowed[1:]))


def _within(rowids: list[int], bounds: tuple[int, int]) -> list[int]:
    return rowids[bisect_left(rowids, bounds[0]):bisect_right(rowids, bounds[1])]


def search(conn: sqlite3.Connection, text: str, filters: SearchFilters = SearchFilters(),
           limit_per_type: int | None = None) -> SearchResult:
    """Search the catalogue. Any text is safe: it is only ever read as words.

    Without a text (blank) every entry passing the filters is returned in Swedish order; a
    text with no letters or digits at all (only punctuation or emoji) matches nothing.
    """
    result = SearchResult()
    with _reading(conn, text) as found:
        if found is None:
            return result
        index, terms = found
        bounds = index.bounds
        types = _types(filters)
        allowed = _allowed(conn, filters)
        if terms:
            groups = _ranked_groups(conn, bounds, terms, types, allowed)
        else:
            groups = {t: _filter(range(bounds[t][0], bounds[t][1] + 1), allowed) for t in types}
    for entity_type, rowids in groups.items():
        result.counts[entity_type] = len(rowids)
        shown = rowids if limit_per_type is None else rowids[:max(0, limit_per_type)]
        result.hits[entity_type] = list(map(index.ids.__getitem__, shown))
    return result


# The tier queries (columns, prefix, parts of words), best first: every word whole in the
# name, starting a word of the name, anywhere in the name, in the name or the short fields.
# A broad query uses the first two only: the others cost FTS5 a pass over most hits.
_TIERS = (("{name}", False, False), ("{name}", True, False), ("{name}", True, True),
          ("{name meta}", True, False))
_BROAD_TIERS = 2
_OUTSIDE_NAME = 2 * 3  # the fine tier of the first tier outside the name


def _ranked_groups(conn: sqlite3.Connection, bounds: dict[str, tuple[int, int]],
                   terms: Sequence[_Term], types: Sequence[str],
                   allowed: list[frozenset[int]]) -> dict[str, list[int]]:
    """The hits of each type, best first: by tier, each tier in Swedish order. If the text
    has up to :data:`SCORED_HITS` hits in the types searched (before the other filters: the
    tier queries read them all), every hit is put by tier and each type's first
    :data:`TIER_TOP` are ordered finely (exact forms first, then bm25() outside the name); a
    broader text puts its first :data:`TIER_TOP` by the name tiers alone and leaves the rest
    in Swedish order."""
    span = bounds[types[0]] if len(types) == 1 else None
    found = _matching(conn, terms, span)
    broad = len(found) > SCORED_HITS
    matched = _filter(found, allowed)
    groups = {t: _within(matched, bounds[t]) for t in types}
    if len(matched) < 2:
        return groups
    tiers = [_filter(_matching(conn, terms, span, columns=columns, prefix=prefix,
                               parts=parts), allowed)
             for columns, prefix, parts in _TIERS[:_BROAD_TIERS if broad else len(_TIERS)]]
    head: dict[int, int] = {}  # rowid -> 2 * its tier
    for entity_type, rowids in groups.items():
        limit = TIER_TOP if broad else len(rowids)
        first: dict[int, int] = {}
        for level, tier in enumerate(tiers):
            for rowid in _within(tier, bounds[entity_type]):
                if len(first) >= limit:
                    break
                first.setdefault(rowid, 2 * level)
        rowids[:] = [*first, *_without(rowids, sorted(first))]
        head.update((r, first.get(r, 2 * len(_TIERS))) for r in rowids[:TIER_TOP])
    if not broad:
        fine = _fine_tiers(conn, terms, head)
        for rowids in groups.values():
            rowids[:TIER_TOP] = sorted(rowids[:TIER_TOP], key=fine.__getitem__)
    return groups


def _without(rowids: list[int], taken: list[int]) -> list[int]:
    """The ascending ``rowids`` but the ascending ``taken`` (a few of them), in slices."""
    out: list[int] = []
    start = 0
    for rowid in taken:
        at = bisect_left(rowids, rowid, start)
        out.extend(rowids[start:at])
        start = at + 1
    out.extend(rowids[start:])
    return out


def _fine_tiers(conn: sqlite3.Connection, terms: Sequence[_Term],
                head: dict[int, int]) -> dict[int, tuple[int, float]]:
    """The fine order of the head's hits: the tier, one less if every word matched in its
    exact form (not only folded), then outside the name bm25() (lower is better) with the
    column weights of :data:`_WEIGHTS` (in search_exact if every word has å/ä/ö: folded, they
    would read far more rows). Parts of words are left out of both queries, as an OR of many
    terms costs FTS5 time for every hit."""
    if not head:
        return {}
    span = (min(head), max(head))
    marked = all(t.marked for t in terms)
    exact = set(head if marked else _matching(conn, terms, span, exact=True, parts=False))
    fine = {r: t + (r not in exact) for r, t in head.items()}
    scores: dict[int, float] = {}
    if any(t >= _OUTSIDE_NAME for t in fine.values()):
        table = "search_exact" if marked else "search_text"
        scores = dict(conn.execute(
            f"SELECT rowid, bm25({table}, {_WEIGHTS}) FROM {table} "
            f"WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?",
            (" AND ".join(f"({t.fts(True, False, marked)})" for t in terms), *span)))
    return {r: (t, scores.get(r, 0.0) if t >= _OUTSIDE_NAME else 0.0) for r, t in fine.items()}


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
    with _reading(conn, text) as found:
        if found is None:
            return out
        index, terms = found
        bounds = index.bounds
        matched = _matching(conn, terms) if terms else list(range(1, len(index.ids)))
        active = {*_active(filters), *(["type"] if filters.entity_types else [])}
        chosen = filters.only if filters.only is not None else favourites
        marked = {"favourites": _rowids(conn, _ENTRIES_SQL, (json.dumps(sorted(chosen or ())),)),
                  "new": _rowids(conn, _NEW_SQL, ())}
        bases: dict[str, list[int]] = {}  # the facet left out -> the hits counted
        counters: dict[str, Counter[int]] = {}
        for facet in FACETS:
            skip = facet if facet in active else ""
            if skip not in bases:  # every filter applies but the facet's own
                rows = [r for t in _types(filters, skip) for r in _within(matched, bounds[t])]
                bases[skip] = _filter(rows, _allowed(conn, filters, skip))
            base = bases[skip]
            if facet == "type":
                out[facet] = {t: n for t in ENTITY_TYPES if (n := len(_within(base, bounds[t])))}
            elif facet in marked:
                if count := len(marked[facet].intersection(base)):
                    out[facet] = {YES: count}
            else:
                if skip not in counters:
                    codes = index.codes(conn)
                    counters[skip] = Counter(chain.from_iterable(map(codes.__getitem__, base)))
                out[facet] = {index.pairs[c][1]: n for c, n in counters[skip].items()
                              if index.pairs[c][0] == facet}
    return out


# Highlighting ----------------------------------------------------------------------------------


def _exact_with_origin(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The exact form of ``text`` and, for each of its characters, the span of ``text`` it
    comes from (a character with the combining marks that follow it)."""
    if (unicodedata.is_normalized("NFC", text) and not _COMBINING.search(text)
            and "\u0130" not in text):
        exact = text.lower().translate(_EXACT)  # most texts: one character for one,
        if len(exact) == len(text):  # three times as fast (the views highlight as they paint)
            return exact, [(i, i + 1) for i in range(len(text))]
    pieces: list[str] = []
    origin: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or not unicodedata.combining(text[end]):
            piece = fold_exact(text[start:end])
            pieces.append(piece)
            origin.extend([(start, end)] * len(piece))
            start = end
    return "".join(pieces), origin


def _phone_forms(run: str, start: int) -> list[tuple[str, list[int]]]:
    """The digits of ``run`` (found at ``start``) as one string, and the same number in the
    other form (0155... as 46155..., +46 155... as 0155...), as the index has them; with each
    digit's position."""
    where = [start + i for i, ch in enumerate(run) if ch.isdigit()]
    digits = "".join(ch for ch in run if ch.isdigit())
    forms = [(digits, where)]
    if run.startswith("+") and digits.startswith("46") and len(digits) > 2:
        forms.append(("0" + digits[2:], [where[2], *where[2:]]))
    elif digits.startswith("0") and not digits.startswith("00") and len(digits) > 1:
        forms.append(("46" + digits[1:], [where[0], *where]))
    return forms


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
    needles = [(exact, fold_exact(word)) if marked else (full, fold_full(word))
               for word, marked in terms]
    for match in WORD.finditer(exact):
        begin, stop = match.span()
        for form, needle in needles:
            found = form.find(needle, begin, stop)
            if found == begin or (found > begin and len(needle) >= INNER_MIN):
                spans.append((origin[found][0], origin[found + len(needle) - 1][1]))
    digit_terms = [word for word, _marked in terms if word.isdigit()]
    for run in _PHONE_RUN.finditer(text) if digit_terms else ():
        forms = _phone_forms(run.group(), run.start())
        for needle in digit_terms:
            for form, where in forms:
                found = form.find(needle)
                if found == 0 or (found > 0 and len(needle) >= INNER_MIN):
                    spans.append((where[found], where[found + len(needle) - 1] + 1))
                    break
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
