"""Refusals of an export, each with a stable code and a message for the user (see messages.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tfbb_desktop.core.messages import TEMPLATES, Message, Translate, lines, msg


@dataclass(frozen=True)
class Problem:
    """One validation problem and its place in the export."""

    entity_type: str
    entity_id: str
    field: str
    problem: Message

    def as_message(self) -> Message:
        entity = f"entity.{self.entity_type}"
        place: Message | str = msg(entity) if entity in TEMPLATES else self.entity_type
        if self.entity_id:
            place = msg("place.entry", entity=place, id=self.entity_id)
        if self.field:
            place = msg("place.field", place=place, field=self.field)
        return msg("place.problem", place=place, problem=self.problem)

    def text(self, translate: Translate | None = None) -> str:
        return self.as_message().text(translate)

    def __str__(self) -> str:
        return self.text()


class _Refusal(Exception):
    """A refusal: a head line, then every problem found (English unless translated)."""

    problems: Sequence[Problem | Message]

    def __post_init__(self) -> None:
        super().__init__(self.text())

    def head(self) -> Message:
        raise NotImplementedError

    def text(self, translate: Translate | None = None) -> str:
        """The refusal and its problems, through ``translate`` (none: English)."""
        details = [p.as_message() if isinstance(p, Problem) else p for p in self.problems]
        return lines(self.head(), details, translate)

    def __str__(self) -> str:
        return self.text()


@dataclass
class ImportRefused(_Refusal):
    """The export was refused; nothing was changed."""

    code: str
    reason: Message
    file_name: str = ""
    problems: list[Problem] = field(default_factory=list)

    def head(self) -> Message:
        if self.file_name:
            return msg("refused.file", file=self.file_name, reason=self.reason)
        return msg("refused.export", reason=self.reason)


class UndoRefused(ImportRefused):
    """The last import could not be undone; nothing was changed."""

    def head(self) -> Message:
        return msg("refused.undo", reason=self.reason)


class ImportCancelled(Exception):
    """The user cancelled the import; nothing was changed."""


@dataclass
class BuildRefused(_Refusal):
    """No export was written; ``reason`` and every problem found."""

    reason: Message
    problems: list[Problem | Message] = field(default_factory=list)

    def head(self) -> Message:
        return msg("build.refused", reason=self.reason)
