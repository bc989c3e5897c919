"""The one description of the catalogue's entity types and vocabularies.

For each entity type of the export: its fields (name, type, required or not, English label
translated by the views, what it refers to, where the search finds it, whether the detail
pane shows it), its table, and the field that names an entry. The export's models, the
tables' columns, the relation rows, the reference checks, the change set and the search
document follow from it.

Adding a field to a type means: its :class:`Field` here, a migration adding its column (or
none, for a list stored as relation rows), and the Swedish translation of its label.

Plain Python only: the views read this at every start, without pydantic or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks an English label for translation in ``context``; the views translate it (see
    ui/names.py), and scripts/update_translations.py collects it from this file."""
    return text

# The field types of the export (see export_format.field_type):
#   "id"     a stable id; a reference to an entry or a vocabulary term
#   "text"   a short text on one line (required: at least one character)
#   "long"   a long text
#   "url", "email", "phone", "date", "datetime"  (optional: absent or null when not given)
#   "ids"    a list of ids (stored as relation rows)
#   "tags"   a list of short texts (stored as relation rows)
#   "links"  a list of {label, url} (stored in work_link)
LIST_TYPES = frozenset({"ids", "tags", "links"})
NULLABLE_TYPES = frozenset({"url", "email", "phone", "date", "datetime"})


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: str = ""
    required: bool = False
    # What the value refers to: ("vocab", vocabulary) or ("entity", entity type).
    refers: tuple[str, str] | None = None
    # The search document's column holding it: "name", "meta" (short fields, with weight
    # META_WEIGHT) or "body" (long texts); None: not searched.
    search: str | None = None
    # Whether the detail pane shows it (in field order, under its label).
    shown: bool = True
    # The table column when it differs from the name ("principal_id").
    column_name: str = ""
    indexed: bool = False

    @property
    def column(self) -> str | None:
        """The table column, or None for a list (relation rows or work_link)."""
        return None if self.type in LIST_TYPES else self.column_name or self.name


@dataclass(frozen=True)
class Entity:
    name: str  # the export's key, e.g. "principals"
    table: str
    fields: tuple[Field, ...]
    named_by: str = ""  # the field that names an entry
    listed: bool = True  # whether the user lists and opens its entries
    model: str = ""  # the name of its model in the export's JSON Schema
    key: tuple[str, ...] = ("id",)  # the fields of an entry's stable key (joined by "/")
    # Display names (context "Labels"): the type's title, one entry, no linked entry.
    title: str = ""
    one: str = ""
    none_linked: str = ""

    def key_of(self, record: dict[str, object]) -> str:
        """The stable key of a record: its id, or "principal/component"."""
        return "/".join(str(record.get(k)) for k in self.key)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def columns(self) -> tuple[str, ...]:
        """The table's columns, in order (then sort_key for listed types, and doc)."""
        own = tuple(c for f in self.fields if (c := f.column) is not None)
        return (*own, "sort_key", "doc") if self.listed else (*own, "doc")

    def relations(self) -> dict[str, str]:
        """The list fields stored as relation rows: field -> relation name."""
        return {f.name: f"{self.table}.{f.name}" for f in self.fields
                if f.type in ("ids", "tags")}

    def references(self) -> dict[str, tuple[str, str]]:
        return {f.name: f.refers for f in self.fields if f.refers is not None}


VOCABULARIES = (
    "principal_kinds",
    "roles",
    "example_kinds",
    "work_kinds",
    "work_statuses",
    "levels",
    "domains",
    "professional_groups",
    "components",
    "component_statuses",
)


def _vocab(name: str) -> tuple[str, str]:
    return ("vocab", name)


# The fields that several types share.
_ID = Field("id", "id", required=True, shown=False)
_NAME = Field("name", "text", QT_TRANSLATE_NOOP("Labels", "Name"),
              required=True, search="name", shown=False)
_TITLE = Field("title", "text", QT_TRANSLATE_NOOP("Labels", "Title"),
               required=True, search="name", shown=False)
_SUMMARY = Field("summary", "long", QT_TRANSLATE_NOOP("Labels", "Summary"), search="body")
_SOURCE = Field("source", "text", QT_TRANSLATE_NOOP("Labels", "Source"), search="meta")
_PRINCIPALS = Field("principals", "ids", QT_TRANSLATE_NOOP("Labels", "Principals"),
                    refers=("entity", "principals"), search="meta", shown=False)
_CONTACTS = Field("contacts", "ids", QT_TRANSLATE_NOOP("Labels", "Contact persons"),
                  refers=("entity", "contacts"), shown=False)

ENTITIES: tuple[Entity, ...] = (
    Entity("principals", "principal", (
        _ID,
        _NAME,
        Field("kind", "id", QT_TRANSLATE_NOOP("Labels", "Type"),
              required=True, shown=False, refers=_vocab("principal_kinds"), search="meta"),
        Field("short_name", "text", QT_TRANSLATE_NOOP("Labels", "Short name"), search="name"),
        Field("description", "long", QT_TRANSLATE_NOOP("Labels", "Description"), search="body"),
        Field("website", "url", QT_TRANSLATE_NOOP("Labels", "Website"), shown=False),
    ), named_by="name", model="Principal", title=QT_TRANSLATE_NOOP("Labels", "Principals"),
       one=QT_TRANSLATE_NOOP("Labels", "Principal"),
       none_linked=QT_TRANSLATE_NOOP("Labels", "No principal is linked.")),
    Entity("contacts", "contact", (
        _ID,
        _NAME,
        Field("title", "text", QT_TRANSLATE_NOOP("Labels", "Title"), search="meta"),
        Field("principal", "id", QT_TRANSLATE_NOOP("Labels", "Principal"),
              required=True, shown=False, column_name="principal_id", indexed=True,
              refers=("entity", "principals"), search="meta"),
        Field("unit", "text", QT_TRANSLATE_NOOP("Labels", "Unit"), search="meta"),
        Field("email", "email", QT_TRANSLATE_NOOP("Labels", "E-mail"), search="meta"),
        Field("phone", "phone", QT_TRANSLATE_NOOP("Labels", "Phone"), search="meta"),
        Field("roles", "ids", QT_TRANSLATE_NOOP("Labels", "Roles in TFBB"),
              refers=_vocab("roles"), search="meta"),
        Field("valid_until", "date", QT_TRANSLATE_NOOP("Labels", "Assignment valid until")),
        Field("note", "long", QT_TRANSLATE_NOOP("Labels", "Note"), search="body"),
    ), named_by="name", model="Contact", title=QT_TRANSLATE_NOOP("Labels", "Contact persons"),
       one=QT_TRANSLATE_NOOP("Labels", "Contact person"),
       none_linked=QT_TRANSLATE_NOOP("Labels", "No contact person is registered.")),
    Entity("examples", "example", (
        _ID,
        _TITLE,
        Field("kind", "id", QT_TRANSLATE_NOOP("Labels", "Type"),
              required=True, shown=False, refers=_vocab("example_kinds"), search="meta"),
        _SUMMARY,
        Field("target_group", "long", QT_TRANSLATE_NOOP("Labels", "Target group"), search="body"),
        Field("purpose", "long", QT_TRANSLATE_NOOP("Labels", "Purpose"), search="body"),
        Field("method", "long", QT_TRANSLATE_NOOP("Labels", "How it was done"), search="body"),
        Field("results", "long", QT_TRANSLATE_NOOP("Labels", "Results"), search="body"),
        Field("lessons", "long", QT_TRANSLATE_NOOP("Labels", "Lessons – what did not work"),
              search="body"),
        _SOURCE,
        Field("date", "date", QT_TRANSLATE_NOOP("Labels", "Date")),
        _PRINCIPALS,
        _CONTACTS,
        Field("professional_groups", "ids", QT_TRANSLATE_NOOP("Labels", "Professional groups"),
              refers=_vocab("professional_groups"), search="meta"),
        Field("levels", "ids", QT_TRANSLATE_NOOP("Labels", "Level in the model"),
              refers=_vocab("levels"), search="meta"),
        Field("domains", "ids", QT_TRANSLATE_NOOP("Labels", "Implementation domains"),
              refers=_vocab("domains"), search="meta"),
        Field("tags", "tags", QT_TRANSLATE_NOOP("Labels", "Tags"), search="meta"),
    ), named_by="title", model="Example", title=QT_TRANSLATE_NOOP("Labels", "Examples"),
       one=QT_TRANSLATE_NOOP("Labels", "Example"),
       none_linked=QT_TRANSLATE_NOOP("Labels", "No example is registered yet.")),
    Entity("work", "work", (
        _ID,
        _TITLE,
        Field("kind", "id", QT_TRANSLATE_NOOP("Labels", "Type"),
              required=True, shown=False, refers=_vocab("work_kinds"), search="meta"),
        Field("status", "id", QT_TRANSLATE_NOOP("Labels", "Status"),
              required=True, refers=_vocab("work_statuses"), search="meta"),
        _SUMMARY,
        Field("start_date", "date", QT_TRANSLATE_NOOP("Labels", "Start date"), shown=False),
        Field("end_date", "date", QT_TRANSLATE_NOOP("Labels", "End date"), shown=False),
        Field("starts_at", "datetime", QT_TRANSLATE_NOOP("Labels", "Starts at"), shown=False),
        Field("ends_at", "datetime", QT_TRANSLATE_NOOP("Labels", "Ends at"), shown=False),
        Field("location", "text", QT_TRANSLATE_NOOP("Labels", "Place"), search="meta"),
        Field("next_step", "long", QT_TRANSLATE_NOOP("Labels", "Next step"), search="body"),
        Field("decision", "long", QT_TRANSLATE_NOOP("Labels", "Decision"), search="body"),
        Field("risks", "long", QT_TRANSLATE_NOOP("Labels", "Risks"), search="body"),
        _SOURCE,
        _PRINCIPALS,
        _CONTACTS,
        Field("components", "ids", QT_TRANSLATE_NOOP("Labels", "Model components"),
              refers=_vocab("components"), search="meta"),
        Field("links", "links", QT_TRANSLATE_NOOP("Labels", "Links"), shown=False),
    ), named_by="title", model="WorkItem", title=QT_TRANSLATE_NOOP("Labels", "Ongoing work"),
       one=QT_TRANSLATE_NOOP("Labels", "Ongoing work item"),
       none_linked=QT_TRANSLATE_NOOP("Labels", "No ongoing work is registered.")),
    Entity("component_status", "component_status", (
        Field("principal", "id", QT_TRANSLATE_NOOP("Labels", "Principal"),
              required=True, column_name="principal_id", refers=("entity", "principals")),
        Field("component", "id", QT_TRANSLATE_NOOP("Labels", "Model component"),
              required=True, column_name="component_id", refers=_vocab("components")),
        Field("status", "id", QT_TRANSLATE_NOOP("Labels", "Status"),
              required=True, refers=_vocab("component_statuses")),
        Field("note", "long", QT_TRANSLATE_NOOP("Labels", "Note")),
    ), named_by="status", listed=False, model="ComponentStatus",
       key=("principal", "component"), title=QT_TRANSLATE_NOOP("Labels", "Implementation status")),
)


# The detail pane shows the four dates of an ongoing work item as one field.
WHEN_LABEL = QT_TRANSLATE_NOOP("Labels", "When")
# The title of the export's vocabularies, beside the types' own.
VOCABULARIES_TITLE = QT_TRANSLATE_NOOP("Labels", "Vocabularies")


@dataclass(frozen=True)
class Registry:
    entities: tuple[Entity, ...]
    vocabularies: tuple[str, ...] = VOCABULARIES

    def entity(self, name: str) -> Entity:
        return next(e for e in self.entities if e.name == name)

    @property
    def types(self) -> tuple[str, ...]:
        """Every entity type of the export, in the export's order."""
        return tuple(e.name for e in self.entities)

    @property
    def listed(self) -> tuple[str, ...]:
        """The entity types whose entries the user lists and opens."""
        return tuple(e.name for e in self.entities if e.listed)

    def with_field(self, entity_type: str, new: Field, after: str | None = None) -> Registry:
        """A copy with ``new`` added to a type (after the field ``after``, or last)."""
        entities = []
        for entity in self.entities:
            if entity.name == entity_type:
                names = [f.name for f in entity.fields]
                at = names.index(after) + 1 if after else len(names)
                entity = replace(entity, fields=(*entity.fields[:at], new,
                                                 *entity.fields[at:]))
            entities.append(entity)
        return replace(self, entities=tuple(entities))


REGISTRY = Registry(ENTITIES)


def title_of(name: str) -> str:
    """The title (context "Labels", untranslated) of an entity type or of the vocabularies."""
    return VOCABULARIES_TITLE if name == "vocabularies" else REGISTRY.entity(name).title


ENTITY_TYPES = REGISTRY.types
LISTED_TYPES = REGISTRY.listed
