""""Did you mean …?": a near miss corrected from the catalogue's own words.

For a text that found nothing, each word that no word of the catalogue begins with is put
beside the catalogue's vocabulary (the ``fts5vocab`` tables over the search index, made with
it in migration ``catalogue_005``) and replaced by its closest word there
(:func:`difflib.get_close_matches`). The corrected text is offered only if it finds something
with the same filters. Only reads: nothing is written on the way.
"""

from __future__ import annotations

import re
import sqlite3
from difflib import SequenceMatcher, get_close_matches

from tfbb_desktop.core.search.query import WORD, SearchFilters, current_index, fold_full, search

MIN_WORD = 4  # shorter words are left as they are: too many words are near them
CUTOFF = 0.8  # how alike a word of the catalogue must be (difflib's ratio)
LENGTH_SLACK = 2  # a candidate is at most this many letters longer or shorter


def _known(conn: sqlite3.Connection, folded: str) -> bool:
    """Whether a term of the index begins with ``folded`` (the search finds word starts)."""
    row = conn.execute("SELECT term FROM search_terms WHERE term >= ? ORDER BY term LIMIT 1",
                       (folded,)).fetchone()
    return row is not None and str(row[0]).startswith(folded)


class _Vocabulary:
    """The index's terms (folded, with how many entries have each) and their forms as the
    catalogue writes them."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.docs = {str(term): int(docs) for term, docs in
                     conn.execute("SELECT term, doc FROM search_terms") if not str(term).isdigit()}
        self.shown: dict[str, str] = {}
        for (term,) in conn.execute("SELECT term FROM search_exact_terms"):
            folded = fold_full(str(term))
            if folded != term and (folded not in self.shown or term < self.shown[folded]):
                self.shown[folded] = str(term)

    def closest(self, folded: str) -> str | None:
        """The term nearest to ``folded``, the more common one of equals."""
        near = [t for t in self.docs if abs(len(t) - len(folded)) <= LENGTH_SLACK]
        found = get_close_matches(folded, near, n=5, cutoff=CUTOFF)
        if not found:
            return None
        return max(found, key=lambda t: (round(SequenceMatcher(None, folded, t).ratio(), 3),
                                         self.docs[t], t))


def did_you_mean(conn: sqlite3.Connection, text: str,
                 filters: SearchFilters | None = None) -> str | None:
    """The text with its unknown words replaced by the catalogue's nearest words, if that
    finds something with ``filters``; ``None`` when there is nothing better to offer.

    Meant for a text that found nothing: a word is unknown when no word of the catalogue
    begins with it. A word written with a capital keeps it ("Katrinehom" → "Katrineholm")."""
    changed = False
    vocabulary: _Vocabulary | None = None

    def replace(match: re.Match[str]) -> str:
        nonlocal changed, vocabulary
        word = match.group()
        folded = fold_full(word)
        if len(folded) < MIN_WORD or any(c.isdigit() for c in folded) or _known(conn, folded):
            return word
        if vocabulary is None:  # read once per build of the index: 0.8 s at 100,000 entries
            index = current_index(conn)
            vocabulary = index.kept("vocabulary", lambda: _Vocabulary(conn)) if index \
                else _Vocabulary(conn)
        term = vocabulary.closest(folded)
        if term is None:
            return word
        changed = True
        shown = vocabulary.shown.get(term, term)
        return shown[:1].upper() + shown[1:] if word[:1].isupper() else shown

    corrected = WORD.sub(replace, text[:500])
    if not changed or fold_full(corrected) == fold_full(text):
        return None
    found = search(conn, corrected, filters or SearchFilters(), limit_per_type=0)
    return corrected if found.total else None
