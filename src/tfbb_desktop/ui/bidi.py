"""Text from an export inside a line of other text, bounded so that direction characters in it
cannot turn the rest of the line around.

A right-to-left override (U+202E) in an entry's name reverses everything after it up to the
end of the paragraph: alone in its own label or cell that is only the name itself, but in
"name – principal" it would also reverse the principal, and could make one entry look like
another. :func:`isolated` wraps such a text in a first-strong isolate (U+2068 … U+2069), which
ends every embedding, override and isolate opened inside it (Unicode UAX #9, rule X6a). Text
without such characters is returned as it is, so ordinary text is never changed.
"""

from __future__ import annotations

# The explicit directional formatting characters: embeddings, overrides, their end, isolates.
OPENERS = frozenset("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO
ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
PDF, PDI = "\u202c", "\u2069"
FSI = "\u2068"
DIRECTIONAL = OPENERS | ISOLATES | {PDF, PDI}


def isolated(text: str) -> str:
    """``text`` unchanged, or, if it holds directional formatting characters, inside a
    first-strong isolate. A closing isolate (U+2069) without an opening one inside the text
    would close the wrapping one early; it does nothing in the text alone, and is dropped."""
    if DIRECTIONAL.isdisjoint(text):
        return text
    depth = 0
    kept = []
    for char in text:
        if char in ISOLATES:
            depth += 1
        elif char == PDI:
            if depth == 0:
                continue
            depth -= 1
        kept.append(char)
    return FSI + "".join(kept) + PDI
