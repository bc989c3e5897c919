"""Refusals of an export, each with a stable code and a Swedish message for the user."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One validation problem and its place in the export."""

    entity_type: str
    entity_id: str
    field: str
    message: str

    def __str__(self) -> str:
        place = ENTITY_LABELS.get(self.entity_type, self.entity_type)
        parts = [place]
        if self.entity_id:
            parts.append(f'"{self.entity_id}"')
        where = " ".join(parts)
        if self.field:
            where += f', fält "{self.field}"'
        return f"{where}: {self.message}"


ENTITY_LABELS = {
    "manifest": "manifest",
    "principals": "huvudman",
    "contacts": "kontaktperson",
    "examples": "exempel",
    "work": "pågående arbete",
    "component_status": "komponentstatus",
    "vocabularies": "ordlista",
    "data": "data",
}


@dataclass
class ImportRefused(Exception):
    """The export was refused; nothing was changed."""

    code: str
    reason: str
    file_name: str = ""
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @property
    def message(self) -> str:
        head = f"Filen {self.file_name} kan inte importeras: {self.reason}"
        if not self.file_name:
            head = f"Exporten kan inte importeras: {self.reason}"
        if not self.problems:
            return head
        lines = [head]
        shown = self.problems[:50]
        lines.extend(f"  - {problem}" for problem in shown)
        if len(self.problems) > len(shown):
            lines.append(f"  ... och {len(self.problems) - len(shown)} problem till.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message


class ImportCancelled(Exception):
    """The user cancelled the import; nothing was changed."""
