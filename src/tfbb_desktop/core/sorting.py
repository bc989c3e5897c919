"""Swedish alphabetical order as a plain string key, stored at import time.

Swedish sorts Å, Ä, Ö as letters of their own after Z; other accents fold to their base letter
(é as e, ü as y, æ as ä, ø as ö). The key is ASCII-ordered so SQLite can sort it with its
binary collation.
"""

from __future__ import annotations

import unicodedata

# Characters above "z" in ASCII keep Å, Ä, Ö after Z in binary order.
_SWEDISH = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"}


def fold_char(ch: str) -> str:
    """Lower-case ``ch`` and drop accents that are not Swedish letters of their own."""
    low = ch.lower()
    if low in _SWEDISH:
        return low
    decomposed = unicodedata.normalize("NFD", low)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _KeyTable(dict[int, str]):
    """Code point -> its part of a sort key, computed once per distinct character."""

    def __missing__(self, cp: int) -> str:
        part = "".join(_SWEDISH.get(c, c) for c in fold_char(chr(cp)))
        self[cp] = part
        return part


_KEYS = _KeyTable()


def sort_key(text: str) -> str:
    """A key whose binary order is Swedish alphabetical order, ties broken by the text itself."""
    text = unicodedata.normalize("NFC", text)
    return text.strip().translate(_KEYS) + "\x00" + text
