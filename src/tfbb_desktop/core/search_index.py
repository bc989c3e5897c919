"""Building the search index (see :mod:`tfbb_desktop.core.search` for what it holds).

The index is made in two passes. The first (:class:`IndexSource`) takes each entry's texts
(name, short fields, long texts) and facets, in rowid order (by type, then Swedish alphabetical
order), writes ``search_facet`` and keeps the texts; an import does this entry by entry while
it writes the entry's row, a rebuild reads the tables (:func:`index_catalogue`). The second
(:func:`write_index`), once the catalogue's word starts are all known, makes each entry's
distinct words and tokens and writes ``search_doc`` and ``search_fts``. All rows go through a
:class:`BatchWriter`, so SQLite writes one batch while the next is made.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Any

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


def utf8(text: str) -> bytes:
    """A text in the form the index keeps it (lone surrogates kept as they are)."""
    return text.encode("utf-8", "surrogatepass")


_SIGMA = utf8("\u03a3")
# Texts split together are joined by a lone surrogate, which is no letter or digit, so it is a
# piece of its own.
_SEPARATOR = utf8("\ud800")
_JOINER = b" " + _SEPARATOR + b" "


class _Pieces(dict[bytes, tuple[bytes, ...]]):
    """The words of many texts (in UTF-8), each distinct piece of text split and folded once.

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
        self.seen: set[bytes] = set()  # pieces collected, not split into words yet

    def __missing__(self, piece: bytes) -> tuple[bytes, ...]:
        found = tuple(utf8(w) for w in words(piece.decode("utf-8", "surrogatepass"),
                                             self.folded))
        self[piece] = found
        return found

    def collect(self, text: bytes) -> None:
        """Remember the pieces of ``text``; :meth:`split_collected` makes their words."""
        if _SIGMA in text:
            words(text.decode("utf-8", "surrogatepass"), self.folded)
            return
        self.seen.update(text.translate(_PIECE_BYTES).split())
        if len(self.seen) > 100_000:
            self.split_collected()

    def split_collected(self) -> None:
        """Make the words of every piece collected (:attr:`folded` then holds them all)."""
        for piece in self.seen - self.keys():
            self.__missing__(piece)
        self.seen.clear()

    def words(self, text: bytes) -> Iterable[bytes]:
        if _SIGMA in text:
            return map(utf8, words(text.decode("utf-8", "surrogatepass"), self.folded))
        return chain.from_iterable(map(self.__getitem__, text.translate(_PIECE_BYTES).split()))

    def columns(self, *texts: bytes) -> list[Iterable[bytes]]:
        """The words of each text, as :meth:`words`, with one translation and split for all
        (each text alone if one holds a lone surrogate itself, or a ``Σ``)."""
        joined = _JOINER.join(texts)
        if _SIGMA in joined or joined.count(_SEPARATOR) != len(texts) - 1:
            return [self.words(text) for text in texts]
        pieces = joined.translate(_PIECE_BYTES).split()
        out: list[Iterable[bytes]] = []
        start = 0
        for _ in range(len(texts) - 1):
            end = pieces.index(_SEPARATOR, start)
            out.append(chain.from_iterable(map(self.__getitem__, pieces[start:end])))
            start = end + 1
        out.append(chain.from_iterable(map(self.__getitem__, pieces[start:])))
        return out


# One entry of the first pass: type, id, the texts of its three columns (in UTF-8), phone
# words.
_Entry = tuple[str, str, bytes, bytes, bytes, Sequence[str]]


class IndexSource:
    """The first pass: each entry's texts and facets, added entry by entry.

    The entries of a type are added between :meth:`begin` and :meth:`end`, in Swedish
    alphabetical order (sort key, then id), each getting the next rowid; the types go in the
    order of :data:`ENTITY_TYPES` (principals first: the others name them). The ``add_*``
    methods take the values of the catalogue's columns and the entry's lists of related ids
    in their order (each id once; a repeated facet row would be ignored). The facet rows go to
    the writer in sorted batches (every :data:`_FACET_BATCH` rows and at the end of each
    type); each entry's texts are kept for the second pass, and their pieces collected for the
    word starts.
    """

    def __init__(self, writer: BatchWriter, labels: dict[tuple[str, str], str]) -> None:
        self.writer = writer  # for the facet rows
        self.labels = labels  # (vocabulary, term id) -> label
        self.principal_names: dict[str, str] = {}
        self.pieces = _Pieces()
        self.numbers: set[str] = set()  # every word made of a phone number
        self.entries: list[_Entry] = []  # in rowid order: the rowid of entries[i] is i + 1
        self.bounds: dict[str, tuple[int, int]] = {}  # type -> (first, last rowid)
        self._type = ""  # the type being added
        self._facet_rows: list[tuple[str, str, int]] = []

    def begin(self, entity_type: str) -> None:
        expected = ENTITY_TYPES[len(self.bounds)]
        if self._type or entity_type != expected:
            raise ValueError(f"the index's entries go by type: {expected}, not {entity_type}")
        self._type = entity_type
        self.bounds[entity_type] = (len(self.entries) + 1, len(self.entries))

    def end(self, entity_type: str) -> None:
        if entity_type != self._type:
            raise ValueError(f"{entity_type} was not begun")
        self.bounds[entity_type] = (self.bounds[entity_type][0], len(self.entries))
        self._type = ""
        self._write_facets()

    def _write_facets(self) -> None:
        self._facet_rows.sort()  # in the table's order: fewer pages to touch
        self.writer.insert("INSERT OR IGNORE INTO search_facet (facet, value, doc)", 3,
                           self._facet_rows)
        self._facet_rows.clear()

    def _label(self, vocabulary: str, term: str) -> str:
        return self.labels.get((vocabulary, term), term)

    def _add(self, entity_type: str, entity_id: str, name: Sequence[str | None],
             meta: Sequence[str | None], body: Sequence[str | None],
             facets: list[tuple[str, str]], numbers: Sequence[str] = ()) -> None:
        """One entry: the texts of each column (``None`` or empty for none), and words made
        of phone numbers for its short fields."""
        if entity_type != self._type:
            raise ValueError(f"{entity_type} was not begun")
        texts = (utf8(" ".join(filter(None, name))), utf8(" ".join(filter(None, meta))),
                 utf8(" ".join(filter(None, body))))
        self.pieces.collect(b" ".join(texts))
        if numbers:
            self.numbers.update(numbers)
        self.entries.append((entity_type, entity_id, *texts, numbers))
        rowid = len(self.entries)
        self._facet_rows.extend((facet, value, rowid) for facet, value in facets)
        if len(self._facet_rows) >= _FACET_BATCH:
            self._write_facets()

    def add_principal(self, pid: str, name: str, short_name: str | None,
                      kind: str, description: str | None) -> None:
        self.principal_names[pid] = name
        self._add("principals", pid, (name, short_name),
                  (self._label("principal_kinds", kind),), (description,), [("principal", pid)])

    def add_contact(self, cid: str, name: str, title: str | None,
                    principal: str, unit: str | None, email: str | None, phone: str | None,
                    note: str | None, roles: Sequence[str]) -> None:
        meta = (title, *(self._label("roles", r) for r in roles),
                self.principal_names.get(principal, ""), unit, email)
        self._add("contacts", cid, (name,), meta, (note,), [("principal", principal)],
                  phone_words(phone) if phone else ())

    def add_example(self, eid: str, title: str, kind: str, source: str | None,
                    body: Sequence[str | None], principals: Sequence[str],
                    groups: Sequence[str], levels: Sequence[str], domains: Sequence[str],
                    tags: Sequence[str]) -> None:
        meta = (self._label("example_kinds", kind), source,
                *(self.principal_names.get(p, "") for p in principals),
                *(self._label("professional_groups", g) for g in groups),
                *(self._label("levels", v) for v in levels),
                *(self._label("domains", d) for d in domains), *tags)
        facets = ([("principal", p) for p in principals]
                  + [("professional_group", g) for g in groups]
                  + [("level", v) for v in levels] + [("domain", d) for d in domains])
        self._add("examples", eid, (title,), meta, body, facets)

    def add_work(self, wid: str, title: str, kind: str, status: str,
                 location: str | None, source: str | None, body: Sequence[str | None],
                 principals: Sequence[str], components: Sequence[str]) -> None:
        meta = (self._label("work_kinds", kind), self._label("work_statuses", status),
                location, source, *(self.principal_names.get(p, "") for p in principals),
                *(self._label("components", c) for c in components))
        facets = [("principal", p) for p in principals] + [("work_status", status)]
        self._add("work", wid, (title,), meta, body, facets)


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

    def column(self, words_: Iterable[bytes], every_part: bool) -> bytes:
        """The index text of a field from its distinct words, in UTF-8. Two words may give the
        same token (an inner part both share); FTS5 takes it twice, which changes nothing that
        is searched or ranked."""
        cache = self.every if every_part else self.parts
        return b" ".join(map(cache.__getitem__, words_))


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
_FTS_BATCH = 6144
_FACET_BATCH = 10_000  # facet rows queued together
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
    """The second pass: queue every row of the index made from ``source`` (after
    :func:`clear_index`, every type begun and ended, even with no entries); ``source`` is
    emptied on the way."""
    # The word starts that decide which inner parts are indexed, from the distinct words.
    pieces = source.pieces
    pieces.split_collected()
    known = {w[:4].translate(_FULL) for w in chain(set(pieces.folded.values()), source.numbers)
             if len(w) >= INNER_MIN}
    if progress:
        progress(0.4)  # the first pass is done
    tokens = _Tokens(known)
    entries = source.entries
    total = len(entries)
    step = writer.batch_rows(4, _FTS_BATCH)
    rowid = 0
    while entries:
        batch = entries[:step]
        del entries[:step]  # each entry's texts go as soon as its rows are made
        doc_rows: list[tuple[int, str, str, bytes, bytes, bytes]] = []
        fts_rows: list[tuple[int, bytes, bytes, bytes]] = []
        for entity_type, entity_id, name, meta, body, numbers in batch:
            rowid += 1
            found = pieces.columns(name, meta, body)
            if numbers:
                found[1] = chain(found[1], (w.encode() for w in numbers))
            name_words, meta_words, body_words = (dict.fromkeys(f) for f in found)
            doc_rows.append((rowid, entity_type, entity_id, b" ".join(name_words),
                             b" ".join(meta_words), b" ".join(body_words)))
            fts_rows.append((rowid, tokens.column(name_words, True),
                             tokens.column(meta_words, False), tokens.column(body_words, False)))
        writer.insert("INSERT INTO search_doc (doc, entity_type, entity_id, name_words, "
                      "meta_words, body_words)", 6, doc_rows, utf8=(3, 4, 5))
        writer.insert("INSERT INTO search_fts (rowid, name, meta, body)", 4, fts_rows, step,
                      utf8=(1, 2, 3))
        if progress:
            progress(0.4 + 0.6 * rowid / total)
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


def index_catalogue(conn: sqlite3.Connection, progress: Progress | None = None) -> None:
    """(Re)build the search index from the catalogue's tables, inside the caller's
    transaction."""
    labels = {(v, i): label for v, i, label in
              conn.execute("SELECT vocabulary, id, label FROM vocab_term")}
    rel = _relations(conn)

    def related(relation: str, entity_id: str) -> list[str]:
        return rel.get((relation, entity_id), [])

    def rows(sql: str) -> list[Any]:
        writer.wait()  # the connection is the writer's while it runs
        return conn.execute(sql + " ORDER BY sort_key, id").fetchall()

    with BatchWriter(conn) as writer:
        clear_index(writer)
        source = IndexSource(writer, labels)
        source.begin("principals")
        for pid, name, short_name, kind, description in rows(
                "SELECT id, name, short_name, kind, description FROM principal"):
            source.add_principal(pid, name, short_name, kind, description)
        source.end("principals")
        source.begin("contacts")
        for cid, name, title, principal, unit, email, phone, note in rows(
                "SELECT id, name, title, principal_id, unit, email, phone, note FROM contact"):
            source.add_contact(cid, name, title, principal, unit, email, phone, note,
                               related("contact.roles", cid))
        source.end("contacts")
        source.begin("examples")
        for eid, title, kind, example_source, *body in rows(
                "SELECT id, title, kind, source, summary, target_group, purpose, method, "
                "results, lessons FROM example"):
            source.add_example(eid, title, kind, example_source, body,
                               related("example.principals", eid),
                               related("example.professional_groups", eid),
                               related("example.levels", eid), related("example.domains", eid),
                               related("example.tags", eid))
        source.end("examples")
        source.begin("work")
        for wid, title, kind, status, location, work_source, *body in rows(
                "SELECT id, title, kind, status, location, source, summary, next_step, "
                "decision, risks FROM work"):
            source.add_work(wid, title, kind, status, location, work_source, body,
                            related("work.principals", wid), related("work.components", wid))
        source.end("work")
        write_index(writer, source, progress)
