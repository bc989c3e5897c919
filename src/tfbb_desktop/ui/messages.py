"""The core's messages as text in the user's language, through Qt's translators."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tfbb_desktop.core.errors import BuildRefused, ImportRefused, Problem
from tfbb_desktop.core.messages import Message


def translate(template: str) -> str:
    return QCoreApplication.translate("Messages", template)


def text(item: Message | Problem | ImportRefused | BuildRefused | str) -> str:
    """A message, a problem or a whole refusal, translated (a plain text as it is)."""
    return item if isinstance(item, str) else item.text(translate)


def described(exc: BaseException) -> str:
    """An error in the user's language: a refusal, or an error whose argument is a message."""
    if isinstance(exc, (ImportRefused, BuildRefused)):
        return text(exc)
    first = exc.args[0] if exc.args else None
    return text(first) if isinstance(first, Message) else str(exc)
