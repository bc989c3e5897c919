"""The publisher's workbook (.xlsx): one sheet per entity type and per vocabulary, made from
the entity registry, and the catalogue of an export written into it.

Each data sheet has two frozen header rows: the field's label (in the user's language, through
``translate``) and the field's name in the export, which the reader goes by. Rows start at
:data:`FIRST_ROW`. Lists are one value per line in a cell; a link is "label | url".
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tfbb_desktop.core.entities import QT_TRANSLATE_NOOP, REGISTRY, Entity, Field, Registry
from tfbb_desktop.core.paths import write_atomically

# (context, English text) -> text in the user's language.
TranslateIn = Callable[[str, str], str]

INSTRUCTIONS_SHEET = "instruktioner"
MANIFEST_SHEET = "manifest"
FIRST_ROW = 3  # rows 1 and 2: the label and the field name
MAX_ROWS = 5000  # how far the drop-down lists reach
LINK_SEPARATOR = " | "
TERM_LABELS = {
    "id": QT_TRANSLATE_NOOP("Labels", "Id"),
    "label": QT_TRANSLATE_NOOP("Labels", "Label"),
    "description": QT_TRANSLATE_NOOP("Labels", "Description"),
    "order": QT_TRANSLATE_NOOP("Labels", "Order"),
}
TERM_FIELDS = tuple(TERM_LABELS)
# A term's fields and their types, as the sheet of a vocabulary has them.
TERM_TYPES = {name: "long" if name == "description" else "text" for name in TERM_FIELDS}
# The manifest's fields that the publisher gives (the rest is filled in by the build).
MANIFEST_FIELDS = ("publisher.id", "publisher.name", "feedback.email", "feedback.folder",
                   "expires")
MANIFEST_LABELS = {
    "publisher.id": QT_TRANSLATE_NOOP("Labels", "Publisher's id"),
    "publisher.name": QT_TRANSLATE_NOOP("Labels", "Publisher's name"),
    "feedback.email": QT_TRANSLATE_NOOP("Labels", "E-mail for suggestions"),
    "feedback.folder": QT_TRANSLATE_NOOP("Labels", "Folder for suggestions"),
    "expires": QT_TRANSLATE_NOOP("Labels", "Valid until"),
}
INSTRUCTIONS = (
    QT_TRANSLATE_NOOP("Workbook", "The catalogue's monthly export is made from this workbook."),
    QT_TRANSLATE_NOOP("Workbook", "Each sheet holds one kind of entry or one vocabulary; each "
                      "row is one entry. Row 2 names the field in the export: do not change it."),
    QT_TRANSLATE_NOOP("Workbook", "Leave a cell empty when the value is not known. A list (roles, "
                      "principals, tags) has one value per line in its cell."),
    QT_TRANSLATE_NOOP("Workbook", "A link is written as: label | https://address"),
    QT_TRANSLATE_NOOP("Workbook", "References are ids: a contact's principal is the id of a row "
                      "on the sheet principals, a kind is the id of a row of its vocabulary."),
    QT_TRANSLATE_NOOP("Workbook", "Dates are dates (YYYY-MM-DD)."),
)

_BOLD = Font(bold=True)
_GREY = Font(color="808080", size=8)
_WRAP = Alignment(wrap_text=True, vertical="top")
# A phone number is text ("@"), so that a spreadsheet keeps its leading + or 0.
_NUMBER_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss", "phone": "@"}


def _english(context: str, text: str) -> str:
    return text


def field_label(field: Field, translate: TranslateIn = _english) -> str:
    return translate("Labels", field.label or TERM_LABELS["id"])


def template(translate: TranslateIn = _english, registry: Registry = REGISTRY) -> Workbook:
    """An empty workbook: the instructions, the manifest and a sheet per type and vocabulary."""
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = INSTRUCTIONS_SHEET
    for row, line in enumerate(INSTRUCTIONS, start=1):
        notes.cell(row, 1, translate("Workbook", line))
    notes.column_dimensions["A"].width = 100
    manifest = book.create_sheet(MANIFEST_SHEET)
    for row, name in enumerate(MANIFEST_FIELDS, start=1):
        manifest.cell(row, 1, translate("Labels", MANIFEST_LABELS[name])).font = _BOLD
        manifest.cell(row, 2, name).font = _GREY
    manifest.column_dimensions["A"].width = 30
    manifest.column_dimensions["C"].width = 60
    for entity in registry.entities:
        sheet = book.create_sheet(entity.name)
        _header(sheet, [(f.name, field_label(f, translate), f.type) for f in entity.fields])
        _drop_downs(sheet, entity)
    for vocabulary in registry.vocabularies:
        sheet = book.create_sheet(vocabulary)
        _header(sheet, [(n, translate("Labels", TERM_LABELS[n]), TERM_TYPES[n])
                        for n in TERM_FIELDS])
    return book


def _header(sheet: Worksheet, columns: list[tuple[str, str, str]]) -> None:
    for col, (name, label, kind) in enumerate(columns, start=1):
        sheet.cell(1, col, label).font = _BOLD
        sheet.cell(2, col, name).font = _GREY
        width = 50 if kind in ("long", "links") else 22
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 1)


def _drop_downs(sheet: Worksheet, entity: Entity) -> None:
    """A drop-down list for each single reference: the ids of its sheet."""
    for col, field in enumerate(entity.fields, start=1):
        if field.refers is None or field.type != "id":
            continue
        ids = f"'{field.refers[1]}'!$A${FIRST_ROW}:$A${MAX_ROWS}"
        check = DataValidation(type="list", formula1=ids, allow_blank=not field.required)
        letter = get_column_letter(col)
        check.add(f"{letter}{FIRST_ROW}:{letter}{MAX_ROWS}")
        sheet.add_data_validation(check)


def cell_value(field_type: str, value: Any) -> Any:
    """The cell for one value of the export."""
    if value is None or value == [] or value == "":
        return None
    if field_type == "links":
        return "\n".join(f"{link['label']}{LINK_SEPARATOR}{link['url']}" for link in value)
    if field_type in ("ids", "tags"):
        return "\n".join(value)
    if field_type == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if field_type == "datetime" and isinstance(value, str):
        parsed = datetime.fromisoformat(value)
        return value if parsed.tzinfo is not None or parsed.microsecond else parsed
    return value


def _write_row(sheet: Worksheet, row: int, fields: list[tuple[str, str]],
               record: dict[str, Any]) -> None:
    for col, (name, kind) in enumerate(fields, start=1):
        value = cell_value(kind, record.get(name))
        cell = sheet.cell(row, col, value)
        if kind in _NUMBER_FORMATS and (kind != "datetime" or isinstance(value, datetime)):
            cell.number_format = _NUMBER_FORMATS[kind]
        if kind in ("long", "ids", "tags", "links"):
            cell.alignment = _WRAP


def fill(book: Workbook, data: dict[str, Any], manifest: dict[str, Any],
         registry: Registry = REGISTRY) -> Workbook:
    """Write an export's data and manifest fields into a workbook made by :func:`template`."""
    sheet = book[MANIFEST_SHEET]
    for row, name in enumerate(MANIFEST_FIELDS, start=1):
        value: Any = manifest
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        sheet.cell(row, 3, cell_value("date" if name == "expires" else "text", value))
    for entity in registry.entities:
        fields = [(f.name, f.type) for f in entity.fields]
        for row, record in enumerate(data.get(entity.name, []), start=FIRST_ROW):
            _write_row(book[entity.name], row, fields, record)
    terms = list(TERM_TYPES.items())
    for vocabulary in registry.vocabularies:
        for row, term in enumerate(data.get("vocabularies", {}).get(vocabulary, []),
                                   start=FIRST_ROW):
            _write_row(book[vocabulary], row, terms, term)
    return book


def save(book: Workbook, path: Path) -> Path:
    """Save under a temporary name, then rename: no one opens half a workbook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(path, buffer.getvalue())
    return path


def from_export(export: Path, translate: TranslateIn = _english) -> Workbook:
    """The workbook of an export's catalogue (checked as far as its checksums)."""
    from tfbb_desktop.core.sync.publish import read_previous

    previous = read_previous(export)
    manifest = previous.manifest.model_dump(mode="json")
    return fill(template(translate), previous.data, manifest)
