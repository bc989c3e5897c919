"""Building the search index (see :mod:`tfbb_desktop.core.search` for what it holds).

The index is made in two passes. The first takes each entry's texts (name, short fields, long
texts) and facets and makes each field's distinct words; an import does this entry by entry
while it writes the entry's row (:class:`IndexSource`), and a rebuild reads the tables
(:func:`index_catalogue`). The second (:func:`write_index`) gives the entries their rowids (by
type, then Swedish alphabetical order), writes ``search_doc`` and ``search_facet``, and makes
the tokens of every field for ``search_fts`` once the catalogue's word starts are all known.
All rows go through a :class:`BatchWriter`, so SQLite writes one batch while the next is made.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from .batch_writer import BatchWriter
from .search import (
    _FULL,
    _SWEDISH_LETTER,
    ENTITY_TYPES,
    INNER_MIN,
    INNER_START,
    INNER_WORD,
    MARK_EXACT,
    MARK_INNER,
    MARK_INNER_EXACT,
    _Folded,
    phone_words,
    words,
)

Progress = Callable[[float], None]

# ASCII letters lower-cased and digits kept, every other ASCII character made a space, every
# byte of a longer UTF-8 sequence kept: the pieces between spaces break only where words break.
_PIECE_BYTES = bytes(c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122
                                                        or c >= 128) else 32
                     for c in range(256))


class _Pieces(dict[bytes, tuple[bytes, ...]]):
    """The words of many texts in UTF-8, each distinct piece of text split and folded once.

    A piece is a run of text between ASCII characters that are not letters or digits, found
    by a byte translation and a split (far faster than splitting every text into words); each
    distinct piece goes through :func:`words`. The result is the same as :func:`words` of the
    whole text: no word spans two pieces, and nothing that :func:`words` does to a word
    depends on what lies beyond the piece, except the Greek final sigma, which ``Σ`` next to
    an apostrophe or a full stop would change; texts with ``Σ`` go through :func:`words`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.folded = _Folded()  # every word, so equal words are one shared string

    def __missing__(self, piece: bytes) -> tuple[bytes, ...]:
        found = tuple(w.encode() for w in words(piece.decode("utf-8", "surrogatepass"),
                                                self.folded))
        self[piece] = found
        return found

    def words(self, text: str) -> Iterable[bytes]:
        if "\u03a3" in text:
            return (w.encode() for w in words(text, self.folded))
        pieces = text.encode("utf-8", "surrogatepass").translate(_PIECE_BYTES).split()
        return chain.from_iterable(map(self.__getitem__, pieces))


@dataclass(slots=True)
class _Entry:
    order: tuple[str, str]  # (sort key, id): the order of rowids within a type
    entity_id: str
    name: bytes             # each column's distinct words, space-separated, in UTF-8
    meta: bytes
    body: bytes
    facets: list[tuple[str, str]]


def _distinct(found: Iterable[bytes]) -> bytes:
    """Distinct words, space-separated, in UTF-8: the form in which they are kept and handed
    to SQLite (see :meth:`BatchWriter.insert`)."""
    return b" ".join(dict.fromkeys(found))


class IndexSource:
    """The first pass: each entry's distinct words and facets, added entry by entry.

    Principals must be added before the entries that name them. The ``add_*`` methods take
    the values of the catalogue's columns and the entry's lists of related ids in their order
    (each id once).
    """

    def __init__(self, labels: dict[tuple[str, str], str]) -> None:
        self.labels = labels  # (vocabulary, term id) -> label
        self.principal_names: dict[str, str] = {}
        self.pieces = _Pieces()
        self.numbers: set[str] = set()  # every word made of a phone number
        self.entries: dict[str, list[_Entry]] = {t: [] for t in ENTITY_TYPES}
        self.written: list[str] = []  # the types whose entries have rowids (in order)
        self.fields: list[tuple[int, bytes, bytes, bytes]] = []  # rowid, each column's words
        self.bounds: dict[str, tuple[int, int]] = {}

    def write_entries(self, writer: BatchWriter, entity_type: str) -> None:
        """Give one type's entries (all added) their rowids and queue their ``search_doc``
        and ``search_facet`` rows; the types go in the order of :data:`ENTITY_TYPES`."""
        expected = ENTITY_TYPES[len(self.written)]
        if entity_type != expected:
            raise ValueError(f"the index's entries go by type: {expected} before {entity_type}")
        self.written.append(entity_type)
        entries = self.entries[entity_type]
        entries.sort(key=lambda e: e.order)
        first = len(self.fields) + 1
        doc_rows: list[tuple[int, str, str, bytes, bytes, bytes]] = []
        facet_rows: list[tuple[str, str, int]] = []
        for rowid, entry in enumerate(entries, start=first):
            doc_rows.append((rowid, entity_type, entry.entity_id, entry.name, entry.meta,
                             entry.body))
            self.fields.append((rowid, entry.name, entry.meta, entry.body))
            facet_rows.extend((facet, value, rowid) for facet, value in entry.facets)
        self.bounds[entity_type] = (first, first + len(entries) - 1)
        entries.clear()
        writer.insert("INSERT INTO search_doc (doc, entity_type, entity_id, name_words, "
                      "meta_words, body_words)", 6, doc_rows, utf8=(3, 4, 5))
        writer.insert("INSERT OR IGNORE INTO search_facet (facet, value, doc)", 3, facet_rows)

    def _label(self, vocabulary: str, term: str) -> str:
        return self.labels.get((vocabulary, term), term)

    def _text(self, *parts: str | None) -> Iterable[bytes]:
        return self.pieces.words(" ".join(filter(None, parts)))

    def _add(self, entity_type: str, sort_key: str, entity_id: str, name: Iterable[bytes],
             meta: Iterable[bytes], body: Iterable[bytes], facets: list[tuple[str, str]]
             ) -> None:
        self.entries[entity_type].append(_Entry(
            (sort_key, entity_id), entity_id, _distinct(name), _distinct(meta), _distinct(body),
            list(dict.fromkeys(facets))))

    def add_principal(self, sort_key: str, pid: str, name: str, short_name: str | None,
                      kind: str, description: str | None) -> None:
        self.principal_names[pid] = name
        self._add("principals", sort_key, pid, self._text(name, short_name),
                  self._text(self._label("principal_kinds", kind)), self._text(description),
                  [("principal", pid)])

    def add_contact(self, sort_key: str, cid: str, name: str, title: str | None,
                    principal: str, unit: str | None, email: str | None, phone: str | None,
                    note: str | None, roles: Sequence[str]) -> None:
        meta = self._text(title, *(self._label("roles", r) for r in roles),
                          self.principal_names.get(principal, ""), unit, email)
        if phone:
            found = phone_words(phone)
            self.numbers.update(found)
            meta = chain(meta, (w.encode() for w in found))
        self._add("contacts", sort_key, cid, self._text(name), meta, self._text(note),
                  [("principal", principal)])

    def add_example(self, sort_key: str, eid: str, title: str, kind: str, source: str | None,
                    body: Sequence[str | None], principals: Sequence[str],
                    groups: Sequence[str], levels: Sequence[str], domains: Sequence[str],
                    tags: Sequence[str]) -> None:
        meta = self._text(self._label("example_kinds", kind), source,
                          *(self.principal_names.get(p, "") for p in principals),
                          *(self._label("professional_groups", g) for g in groups),
                          *(self._label("levels", v) for v in levels),
                          *(self._label("domains", d) for d in domains), *tags)
        facets = ([("principal", p) for p in principals]
                  + [("professional_group", g) for g in groups]
                  + [("level", v) for v in levels] + [("domain", d) for d in domains])
        self._add("examples", sort_key, eid, self._text(title), meta, self._text(*body), facets)

    def add_work(self, sort_key: str, wid: str, title: str, kind: str, status: str,
                 location: str | None, source: str | None, body: Sequence[str | None],
                 principals: Sequence[str], components: Sequence[str]) -> None:
        meta = self._text(self._label("work_kinds", kind), self._label("work_statuses", status),
                          location, source,
                          *(self.principal_names.get(p, "") for p in principals),
                          *(self._label("components", c) for c in components))
        facets = [("principal", p) for p in principals] + [("work_status", status)]
        self._add("work", sort_key, wid, self._text(title), meta, self._text(*body), facets)


class _Tokens:
    """Index tokens of words, remembered per distinct word while one index is built.

    In names, and in numbers (phone numbers), every inner part is indexed: every suffix of at
    least :data:`INNER_MIN` characters starting :data:`INNER_START` or more characters in.
    Elsewhere only the inner parts that start like a word of the catalogue's own vocabulary
    (the same first four letters, or a whole three-letter word) are: the likely compound parts
    ("psykologerna" in "skolpsykologerna" when a word starting "psyk" occurs somewhere): in
    long texts an eighth as many tokens as every inner part would give.
    """

    def __init__(self, known: set[str]) -> None:
        self.known = known  # the first four letters of every word; whole three-letter words
        self.every = _Expanded(self, True)
        self.parts = _Expanded(self, False)

    def expand(self, word: str, every_part: bool) -> tuple[str, ...]:
        folded = word.translate(_FULL)
        marked = folded != word
        out = [folded]
        if marked:
            out.append(MARK_EXACT + word)
        if len(word) >= INNER_WORD:
            every_part = every_part or word.isdigit()
            for i in range(INNER_START, len(word) - INNER_MIN + 1):
                if not every_part and not self._starts_word(folded, i):
                    continue
                out.append(MARK_INNER + folded[i:])
                if marked and _SWEDISH_LETTER.search(word, i):
                    out.append(MARK_INNER_EXACT + word[i:])
        return tuple(out)

    def _starts_word(self, folded: str, start: int) -> bool:
        """Whether a word of the vocabulary could start at ``start``: its first four letters
        (or a whole three-letter word) are found there."""
        known = self.known
        return folded[start:start + 4] in known or folded[start:start + 3] in known

    def column(self, words_: bytes, every_part: bool) -> bytes:
        """The index text of a field from its space-separated distinct words, in UTF-8. Two
        words may give the same token (an inner part both share); FTS5 takes it twice, which
        changes nothing that is searched or ranked."""
        cache = self.every if every_part else self.parts
        return b" ".join(map(cache.__getitem__, words_.split()))


class _Expanded(dict[bytes, bytes]):
    """Word -> its index tokens as one space-separated string (UTF-8), made once per distinct
    word."""

    def __init__(self, tokens: _Tokens, every_part: bool) -> None:
        super().__init__()
        self.tokens = tokens
        self.every_part = every_part

    def __missing__(self, word: bytes) -> bytes:
        found = " ".join(self.tokens.expand(word.decode(), self.every_part)).encode()
        self[word] = found
        return found


# Rows per statement into FTS5. Each statement begins with a savepoint, at which FTS5 writes
# out what it holds as a segment: 4,096 rows a statement took a quarter longer than 8,192.
_FTS_BATCH = 8192
_PENDING_BYTES = 32 * 1024 * 1024


def clear_index(writer: BatchWriter) -> None:
    """Queue the statements that empty the index (before a new one is written)."""
    for table in ("search_doc", "search_facet", "search_info"):
        writer.execute(f"DELETE FROM {table}")
    writer.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    # FTS5 keeps this much of new index data in memory before writing it out as a segment;
    # fewer, larger segments leave less merging to do (1 MB by default). The setting is kept
    # in the index, so every later rebuild uses it too.
    writer.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?)",
                   (_PENDING_BYTES,))


def write_index(writer: BatchWriter, source: IndexSource,
                progress: Progress | None = None) -> None:
    """The second pass: queue the rest of the index made from ``source`` (after
    :func:`clear_index`); ``source`` is emptied on the way."""
    for entity_type in ENTITY_TYPES[len(source.written):]:
        source.write_entries(writer, entity_type)
    if progress:
        progress(0.4)  # the first pass is done
    # The word starts that decide which inner parts are indexed, from the distinct words.
    known = {w[:4].translate(_FULL)
             for w in chain(set(source.pieces.folded.values()), source.numbers)
             if len(w) >= INNER_MIN}
    source.pieces = _Pieces()  # no longer needed
    tokens = _Tokens(known)
    fields = source.fields
    total = len(fields)
    step = writer.batch_rows(4, _FTS_BATCH)
    done = 0
    while fields:
        batch = fields[:step]
        del fields[:step]  # each entry's words go as soon as its tokens are made
        writer.insert("INSERT INTO search_fts (rowid, name, meta, body)", 4,
                      [(doc, tokens.column(name, True), tokens.column(meta, False),
                        tokens.column(body, False)) for doc, name, meta, body in batch],
                      step, utf8=(1, 2, 3))
        done += len(batch)
        if progress:
            progress(0.4 + 0.6 * done / total)
    info = {"generation": secrets.token_hex(16)}
    for entity_type, (first, last) in source.bounds.items():
        info[f"{entity_type}.first"] = str(first)
        info[f"{entity_type}.last"] = str(last)
    writer.insert("INSERT INTO search_info (key, value)", 2, sorted(info.items()))


def _relations(conn: sqlite3.Connection) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for relation, source, target in conn.execute(
            "SELECT relation, source_id, target_id FROM relation "
            "ORDER BY relation, source_id, position"):
        out.setdefault((relation, source), []).append(target)
    return out


def read_source(conn: sqlite3.Connection) -> IndexSource:
    """The first pass over the catalogue's tables."""
    source = IndexSource({(v, i): label for v, i, label in
                          conn.execute("SELECT vocabulary, id, label FROM vocab_term")})
    rel = _relations(conn)

    def related(relation: str, entity_id: str) -> list[str]:
        return rel.get((relation, entity_id), [])

    for key, pid, name, short_name, kind, description in conn.execute(
            "SELECT sort_key, id, name, short_name, kind, description FROM principal"):
        source.add_principal(key, pid, name, short_name, kind, description)
    for key, cid, name, title, principal, unit, email, phone, note in conn.execute(
            "SELECT sort_key, id, name, title, principal_id, unit, email, phone, note "
            "FROM contact"):
        source.add_contact(key, cid, name, title, principal, unit, email, phone, note,
                           related("contact.roles", cid))
    for key, eid, title, kind, example_source, *body in conn.execute(
            "SELECT sort_key, id, title, kind, source, summary, target_group, purpose, method, "
            "results, lessons FROM example"):
        source.add_example(key, eid, title, kind, example_source, body,
                           related("example.principals", eid),
                           related("example.professional_groups", eid),
                           related("example.levels", eid), related("example.domains", eid),
                           related("example.tags", eid))
    for key, wid, title, kind, status, location, work_source, *body in conn.execute(
            "SELECT sort_key, id, title, kind, status, location, source, summary, next_step, "
            "decision, risks FROM work"):
        source.add_work(key, wid, title, kind, status, location, work_source, body,
                        related("work.principals", wid), related("work.components", wid))
    return source


def index_catalogue(conn: sqlite3.Connection, progress: Progress | None = None) -> None:
    """(Re)build the search index from the catalogue's tables, inside the caller's
    transaction."""
    source = read_source(conn)
    with BatchWriter(conn) as writer:
        clear_index(writer)
        write_index(writer, source, progress)

