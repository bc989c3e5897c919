"""Reading a large JSON object member by member, and its arrays item by item.

``json.loads`` of a whole ``data.json`` holds the file's text (two bytes a character as soon
as one character lies outside Latin-1) and every record at once. :func:`members` decodes the
UTF-8 bytes a piece at a time and hands out one array item or one other member value at a
time, so only the item being looked at is held as Python objects.

It reads well-formed input exactly as ``json.loads`` does; on anything else it raises
:class:`Unreadable` without saying why, and the caller reads the whole file the usual way to
tell the user what is wrong.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

CHUNK = 1 << 20  # bytes decoded at a time; a longer value makes the next piece as long
MAX_VALUE_CHARS = 32 << 20  # one record (or other member) longer than this is not read here

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_NUMBER_TAIL = re.compile(r"[0-9+\-.eE]+\Z")  # what may follow a number cut at the piece end
_TAIL = 16  # an error this close to the end of the piece may just be a cut value


class Unreadable(Exception):
    """The input is not what :func:`members` reads: broken, or not a JSON object."""


class _Text:
    """The decoded text, a piece at a time; ``pos`` is the reading position in ``buf``."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offset = 0
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.buf = ""
        self.pos = 0

    def more(self, at_least: int = 0) -> bool:
        """Decode the next piece (:data:`CHUNK` bytes, or ``at_least``), dropping what was
        read."""
        if self.offset >= len(self.data):
            return False
        end = self.offset + max(at_least, CHUNK)
        piece = self.data[self.offset:end]
        self.offset = min(end, len(self.data))
        try:
            text = self.decoder.decode(piece, final=self.offset >= len(self.data))
        except UnicodeDecodeError as exc:
            raise Unreadable() from exc
        self.buf = self.buf[self.pos:] + text
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space, or "" at the end."""
        while True:
            match = _SPACE.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise Unreadable()
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value. A value cut off at the end of the piece is read again with a
        longer piece (doubling, so a long value costs linear time); an error elsewhere is
        reported at once, without reading the rest of the file."""
        self.peek()
        while True:
            try:
                found, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                cut = (exc.msg.startswith("Unterminated string")
                       or exc.pos >= len(self.buf) - _TAIL)
                if cut and self._longer():
                    continue
                raise Unreadable() from None
            # A value that ends where the piece ends, or a number cut there ("12" of "12.5"),
            # is read again with the next piece.
            if self.offset < len(self.data) and (
                    end >= len(self.buf)
                    or (type(found) in (int, float) and _NUMBER_TAIL.match(self.buf, end))
            ) and self._longer():
                continue
            if end - self.pos > MAX_VALUE_CHARS:
                raise Unreadable()
            self.pos = end
            return found

    def _longer(self) -> bool:
        if len(self.buf) - self.pos > MAX_VALUE_CHARS:
            raise Unreadable()
        return self.more(2 * (len(self.buf) - self.pos))


def members(data: bytes, arrays: frozenset[str]) -> Iterator[tuple[str, int, Any]]:
    """``(key, index, item)`` for each item of the top-level members named in ``arrays`` (an
    empty array gives ``(key, -1, None)``), ``(key, -1, value)`` for every other member.

    Raises :class:`Unreadable` if the input is not one JSON object, or a member in ``arrays``
    is not an array, or a key comes twice.
    """
    text = _Text(data)
    seen: set[str] = set()
    text.take("{")
    if text.peek() == "}":
        text.pos += 1
    else:
        while True:
            key = text.value()
            if not isinstance(key, str) or key in seen:
                raise Unreadable()
            seen.add(key)
            text.take(":")
            if key in arrays:
                yield from _items(text, key)
            else:
                yield key, -1, text.value()
            if text.peek() == ",":
                text.pos += 1
                continue
            text.take("}")
            break
    if text.peek() != "":
        raise Unreadable()


def _items(text: _Text, key: str) -> Iterator[tuple[str, int, Any]]:
    text.take("[")
    if text.peek() == "]":
        text.pos += 1
        yield key, -1, None
        return
    index = 0
    while True:
        yield key, index, text.value()
        index += 1
        if text.peek() == ",":
            text.pos += 1
            continue
        text.take("]")
        return
