"""Translated headings for the core's field names and entity types."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tfbb_desktop.core.entities import REGISTRY

translate = QCoreApplication.translate


def section_title(entity_type: str) -> str:
    return {
        "principals": translate("Labels", "Principals"),
        "contacts": translate("Labels", "Contact persons"),
        "examples": translate("Labels", "Examples"),
        "work": translate("Labels", "Ongoing work"),
    }[entity_type]


def type_name(entity_type: str) -> str:
    """The singular name of one entry of a type."""
    return {
        "principals": translate("Labels", "Principal"),
        "contacts": translate("Labels", "Contact person"),
        "examples": translate("Labels", "Example"),
        "work": translate("Labels", "Ongoing work item"),
    }[entity_type]


def list_headers(entity_type: str) -> tuple[str, str]:
    return {
        "principals": (translate("Labels", "Name"), translate("Labels", "Kind")),
        "contacts": (translate("Labels", "Name"), translate("Labels", "Title")),
        "examples": (translate("Labels", "Title"), translate("Labels", "Kind")),
        "work": (translate("Labels", "Title"), translate("Labels", "Status")),
    }[entity_type]


def field_label(entity_type: str, name: str) -> str:
    """The translated label of a field (see core/entities.py), or its name if it has none
    (a vocabulary term's fields)."""
    entity = next((e for e in REGISTRY.entities if e.name == entity_type), None)
    found = next((f.label for f in entity.fields if f.name == name), "") if entity else ""
    return translate("Labels", found) if found else name


def empty_related(entity_type: str) -> str:
    return {
        "principals": translate("Labels", "No principal is linked."),
        "contacts": translate("Labels", "No contact person is registered."),
        "examples": translate("Labels", "No example is registered yet."),
        "work": translate("Labels", "No ongoing work is registered."),
    }[entity_type]
