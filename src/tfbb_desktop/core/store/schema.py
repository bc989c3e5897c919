"""The catalogue's tables (SQLModel).

Every entry keeps the export's stable string id. ``doc`` holds the entry's canonical JSON as
the export gave it; it is what the change set compares. ``sort_key`` holds the Swedish
alphabetical key (see :mod:`tfbb_desktop.core.sorting`).

The DDL that creates these tables lives in the numbered migrations
(``core/migrations/catalogue_*.sql``); a test checks that the two agree.
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class CatalogueInfo(SQLModel, table=True):
    __tablename__ = "catalogue_info"
    key: str = Field(primary_key=True)
    value: str


class VocabTerm(SQLModel, table=True):
    __tablename__ = "vocab_term"
    vocabulary: str = Field(primary_key=True)
    id: str = Field(primary_key=True)
    label: str
    description: str = ""
    sort_order: int = 0
    doc: str


class PrincipalRow(SQLModel, table=True):
    __tablename__ = "principal"
    id: str = Field(primary_key=True)
    name: str
    kind: str
    short_name: str = ""
    description: str = ""
    website: str | None = None
    sort_key: str = Field(index=True)
    doc: str


class ContactRow(SQLModel, table=True):
    __tablename__ = "contact"
    id: str = Field(primary_key=True)
    name: str
    title: str = ""
    principal_id: str = Field(index=True)
    unit: str = ""
    email: str | None = None
    phone: str | None = None
    valid_until: str | None = None
    note: str = ""
    sort_key: str = Field(index=True)
    doc: str


class ExampleRow(SQLModel, table=True):
    __tablename__ = "example"
    id: str = Field(primary_key=True)
    title: str
    kind: str
    summary: str = ""
    target_group: str = ""
    purpose: str = ""
    method: str = ""
    results: str = ""
    lessons: str = ""
    source: str = ""
    date: str | None = None
    sort_key: str = Field(index=True)
    doc: str


class WorkRow(SQLModel, table=True):
    __tablename__ = "work"
    id: str = Field(primary_key=True)
    title: str
    kind: str
    status: str
    summary: str = ""
    start_date: str | None = None
    end_date: str | None = None
    starts_at: str | None = None
    ends_at: str | None = None
    location: str = ""
    next_step: str = ""
    decision: str = ""
    risks: str = ""
    source: str = ""
    sort_key: str = Field(index=True)
    doc: str


class WorkLinkRow(SQLModel, table=True):
    __tablename__ = "work_link"
    work_id: str = Field(primary_key=True)
    position: int = Field(primary_key=True)
    label: str
    url: str


class ComponentStatusRow(SQLModel, table=True):
    __tablename__ = "component_status"
    principal_id: str = Field(primary_key=True)
    component_id: str = Field(primary_key=True)
    status: str
    note: str = ""
    doc: str


class RelationRow(SQLModel, table=True):
    """A link from an entry to another entry, a vocabulary term or a tag.

    ``relation`` names the field of the export it comes from, for example ``contact.roles``
    or ``example.principals``.
    """

    __tablename__ = "relation"
    __table_args__ = (Index("ix_relation_target", "relation", "target_id"),)
    relation: str = Field(primary_key=True)
    source_id: str = Field(primary_key=True)
    target_id: str = Field(primary_key=True)
    position: int = 0


class ImportLogRow(SQLModel, table=True):
    """One line of the import history, written in the same transaction as the import."""

    __tablename__ = "import_log"
    seq: int | None = Field(default=None, primary_key=True)
    action: str
    at: str
    file_name: str
    dataset_version: int
    publisher: str
    counts: str


class ChangeMarkRow(SQLModel, table=True):
    """What the last import added or changed ("Nytt sedan senaste uppdateringen")."""

    __tablename__ = "change_mark"
    entity_type: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    change: str


class RemovedEntryRow(SQLModel, table=True):
    """What the last import removed, with the name it had ("Borttaget")."""

    __tablename__ = "removed_entry"
    entity_type: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    name: str


CATALOGUE_TABLES = [
    CatalogueInfo,
    VocabTerm,
    PrincipalRow,
    ContactRow,
    ExampleRow,
    WorkRow,
    WorkLinkRow,
    ComponentStatusRow,
    RelationRow,
    ImportLogRow,
    ChangeMarkRow,
    RemovedEntryRow,
]

# The entity types whose entries the user can open, with their table.
ENTITY_TABLES = {
    "principals": "principal",
    "contacts": "contact",
    "examples": "example",
    "work": "work",
}
