"""Translated headings for the core's field names and entity types."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tfbb_desktop.core.entities import REGISTRY, title_of
from tfbb_desktop.core.store.queries import CatalogueMeta, subtitle_field

translate = QCoreApplication.translate

def section_title(entity_type: str) -> str:
    """The title of a type (its list's), or of the export's vocabularies."""
    return translate("Labels", title_of(entity_type))


def type_name(entity_type: str) -> str:
    return translate("Labels", REGISTRY.entity(entity_type).one)


def empty_related(entity_type: str) -> str:
    return translate("Labels", REGISTRY.entity(entity_type).none_linked)


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


def catalogue_version(meta: CatalogueMeta) -> str:
    """"Catalogue version 3 of 2026-01-05": the catalogue's version and the day it was made."""
    return translate("Labels", "Catalogue version %1 of %2").replace(
        "%1", str(meta.dataset_version)).replace("%2", meta.created[:10])
