"""The core's messages as text in the user's language, through Qt's translators."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject

from tfbb_desktop.core.errors import BuildRefused, ImportRefused, Problem
from tfbb_desktop.core.messages import Message
from tfbb_desktop.core.store import storage


def translate(template: str) -> str:
    return QCoreApplication.translate("Messages", template)


def text(item: Message | Problem | ImportRefused | BuildRefused | str) -> str:
    """A message, a problem or a whole refusal, translated (a plain text as it is)."""
    return item if isinstance(item, str) else item.text(translate)


def described(exc: BaseException) -> str:
    """An error in the user's language: a refusal, a fault of the storage (a locked database, a
    full disk), or an error whose argument is a message."""
    if isinstance(exc, (ImportRefused, BuildRefused)):
        return text(exc)
    if isinstance(exc, (sqlite3.Error, OSError)):
        problem = storage.problem(exc)
        if problem is not None:
            return text(problem)
    first = exc.args[0] if exc.args else None
    return text(first) if isinstance(first, Message) else str(exc)


KINDS = ("added", "changed", "removed")


class ImportCounts(QObject):
    """The plural forms of the counts (a class, so that lupdate sees them as plurals)."""

    def text(self, counts: Mapping[str, int]) -> str:
        added, changed, removed = (counts.get(kind, 0) for kind in KINDS)
        return ", ".join([self.tr("%n new", "", added), self.tr("%n changed", "", changed),
                          self.tr("%n removed", "", removed)])


def count_text(counts: Mapping[str, int]) -> str:
    """"12 nya, 3 ändrade, 1 borttagen" through the translation system."""
    return ImportCounts().text(counts)


def totals_text(totals: tuple[int, int, int]) -> str:
    """:func:`count_text` of (added, changed, removed), as ``importer.totals`` gives them."""
    return count_text(dict(zip(KINDS, totals, strict=True)))
