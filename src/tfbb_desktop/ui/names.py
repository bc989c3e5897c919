"""Translated headings for the core's field names and entity types."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

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


def field_label(name: str) -> str:
    labels = {
        "short_name": translate("Labels", "Short name"),
        "description": translate("Labels", "Description"),
        "title": translate("Labels", "Title"),
        "unit": translate("Labels", "Unit"),
        "roles": translate("Labels", "Roles in TFBB"),
        "email": translate("Labels", "E-mail"),
        "phone": translate("Labels", "Phone"),
        "valid_until": translate("Labels", "Assignment valid until"),
        "note": translate("Labels", "Note"),
        "summary": translate("Labels", "Summary"),
        "target_group": translate("Labels", "Target group"),
        "purpose": translate("Labels", "Purpose"),
        "method": translate("Labels", "How it was done"),
        "results": translate("Labels", "Results"),
        "lessons": translate("Labels", "Lessons – what did not work"),
        "professional_groups": translate("Labels", "Professional groups"),
        "levels": translate("Labels", "Level in the model"),
        "domains": translate("Labels", "Implementation domains"),
        "tags": translate("Labels", "Tags"),
        "source": translate("Labels", "Source"),
        "date": translate("Labels", "Date"),
        "status": translate("Labels", "Status"),
        "when": translate("Labels", "When"),
        "location": translate("Labels", "Place"),
        "next_step": translate("Labels", "Next step"),
        "decision": translate("Labels", "Decision"),
        "risks": translate("Labels", "Risks"),
        "components": translate("Labels", "Model components"),
    }
    return labels.get(name, name)


def empty_related(entity_type: str) -> str:
    return {
        "principals": translate("Labels", "No principal is linked."),
        "contacts": translate("Labels", "No contact person is registered."),
        "examples": translate("Labels", "No example is registered yet."),
        "work": translate("Labels", "No ongoing work is registered."),
    }[entity_type]
