"""Translated headings for the core's field names and entity types."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tfbb_desktop.core.entities import REGISTRY
from tfbb_desktop.core.messages import QT_TRANSLATE_NOOP
from tfbb_desktop.core.store.queries import subtitle_field

translate = QCoreApplication.translate

# Per entity type: the section's title, the name of one entry and what an empty list of
# related entries says. A list's headings are the labels of the fields it shows.
_TEXTS = {
    "principals": (QT_TRANSLATE_NOOP("Labels", "Principals"),
                   QT_TRANSLATE_NOOP("Labels", "Principal"),
                   QT_TRANSLATE_NOOP("Labels", "No principal is linked.")),
    "contacts": (QT_TRANSLATE_NOOP("Labels", "Contact persons"),
                 QT_TRANSLATE_NOOP("Labels", "Contact person"),
                 QT_TRANSLATE_NOOP("Labels", "No contact person is registered.")),
    "examples": (QT_TRANSLATE_NOOP("Labels", "Examples"),
                 QT_TRANSLATE_NOOP("Labels", "Example"),
                 QT_TRANSLATE_NOOP("Labels", "No example is registered yet.")),
    "work": (QT_TRANSLATE_NOOP("Labels", "Ongoing work"),
             QT_TRANSLATE_NOOP("Labels", "Ongoing work item"),
             QT_TRANSLATE_NOOP("Labels", "No ongoing work is registered.")),
}


def section_title(entity_type: str) -> str:
    return translate("Labels", _TEXTS[entity_type][0])


def type_name(entity_type: str) -> str:
    return translate("Labels", _TEXTS[entity_type][1])


def empty_related(entity_type: str) -> str:
    return translate("Labels", _TEXTS[entity_type][2])


def list_headers(entity_type: str) -> tuple[str, str]:
    """The headings of a list: the labels of its naming field and of its second column."""
    named_by = REGISTRY.entity(entity_type).named_by
    return field_label(entity_type, named_by), field_label(entity_type, subtitle_field(entity_type))


def field_label(entity_type: str, name: str) -> str:
    """The translated label of a field (see core/entities.py), or its name if it has none
    (a vocabulary term's fields)."""
    entity = next((e for e in REGISTRY.entities if e.name == entity_type), None)
    found = next((f.label for f in entity.fields if f.name == name), "") if entity else ""
    return translate("Labels", found) if found else name
