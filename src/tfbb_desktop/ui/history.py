"""Back and Forward: the entries shown one after the other, each with where it was opened
from (a search and its filters, or a page such as Helheten shown beside it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SearchState:
    """The search an entry was opened from: its text and the filters' values."""

    text: str
    filters: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Step:
    """One entry in the history, and where it was shown."""

    entity_type: str
    entity_id: str
    page: str | None = None  # a page shown beside the entry (Helheten, events, inbox …)
    search: SearchState | None = None

    @property
    def entry(self) -> tuple[str, str]:
        return self.entity_type, self.entity_id


class History:
    """The steps and the position in them, as a web browser keeps them."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.position = -1

    def current(self) -> Step | None:
        return self.steps[self.position] if 0 <= self.position < len(self.steps) else None

    def record(self, step: Step) -> None:
        """Add ``step`` after the current one (the steps ahead are dropped); the same entry
        again only updates where it was shown."""
        current = self.current()
        if current is not None and current.entry == step.entry:
            self.steps[self.position] = step
            return
        del self.steps[self.position + 1:]
        self.steps.append(step)
        self.position = len(self.steps) - 1

    def can_go_back(self) -> bool:
        return self.position > 0

    def can_go_forward(self) -> bool:
        return self.position + 1 < len(self.steps)

    def back(self) -> Step | None:
        if not self.can_go_back():
            return None
        self.position -= 1
        return self.steps[self.position]

    def forward(self) -> Step | None:
        if not self.can_go_forward():
            return None
        self.position += 1
        return self.steps[self.position]
