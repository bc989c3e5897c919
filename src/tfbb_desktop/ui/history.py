"""Back and Forward: the entries shown one after the other, each with where it was opened
from (a search and its filters, or a page shown beside it such as the events), and a wide
page such as Helheten that an entry was opened from (it is not shown beside the entry)."""

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
    entity_type: str  # "": the wide page ``page`` itself (its key also as ``entity_id``)
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
        return self.steps[self.position] if self.position >= 0 else None

    def record(self, step: Step) -> None:
        """Add ``step`` after the current one (the steps ahead are dropped); the same entry
        again only updates where it was shown."""
        current = self.current()
        if current is None or current.entry != step.entry:
            del self.steps[self.position + 1:]
            self.position += 1
            self.steps.append(step)
        self.steps[self.position] = step

    def can_go_back(self) -> bool:
        return self.position > 0

    def can_go_forward(self) -> bool:
        return self.position + 1 < len(self.steps)

    def back(self) -> Step | None:
        return self._go(-1) if self.can_go_back() else None

    def forward(self) -> Step | None:
        return self._go(1) if self.can_go_forward() else None

    def _go(self, delta: int) -> Step:
        self.position += delta
        return self.steps[self.position]
