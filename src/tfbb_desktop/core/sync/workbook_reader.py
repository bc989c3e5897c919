"""Reading the publisher's workbook back into an export's data, with the import's own checks.

Every problem is found at once and named by sheet, row and column heading. An empty cell is a
missing value (an error only where the field is required); spaces around a value are dropped;
a phone number typed as a number by the spreadsheet is read as text.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from tfbb_desktop.core.entities import REGISTRY, Registry
from tfbb_desktop.core.errors import BuildRefused, Problem
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.outputs.workbook import (
    FIRST_ROW,
    LINK_SEPARATOR,
    MANIFEST_FIELDS,
    MANIFEST_SHEET,
    TERM_TYPES,
)
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync import validate

_ID_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class CellProblem:
    """One problem of the workbook: its sheet, row (from 1) and column heading."""

    sheet: str
    row: int
    column: str
    problem: Message

    def as_message(self) -> Message:
        if self.row and self.column:
            return msg("workbook.cell", sheet=self.sheet, row=self.row, column=self.column,
                       problem=self.problem)
        if self.row:
            return msg("workbook.row", sheet=self.sheet, row=self.row, problem=self.problem)
        return msg("workbook.sheet", sheet=self.sheet, problem=self.problem)

    def __str__(self) -> str:
        return self.as_message().text()


@dataclass(frozen=True)
class Read:
    data: dict[str, Any]  # data.json's content
    manifest: dict[str, Any]  # the manifest's fields given in the workbook
    problems: list[CellProblem]


class _Sheet:
    """One data sheet: its columns (field name -> column number and heading) and its rows."""

    def __init__(self, sheet: Worksheet) -> None:
        self.title = sheet.title
        self.columns: dict[str, tuple[int, str]] = {}
        self.rows: list[tuple[int, tuple[Any, ...]]] = []
        rows = list(sheet.iter_rows(values_only=True))
        labels = rows[0] if rows else ()
        names = rows[1] if len(rows) > 1 else ()
        for col, name in enumerate(names):
            if name is None or str(name).strip() == "":
                continue
            label = labels[col] if col < len(labels) and labels[col] is not None else name
            self.columns[str(name).strip()] = (col, str(label))
        for number, values in enumerate(rows[FIRST_ROW - 1:], start=FIRST_ROW):
            if any(_blank(v) is not None for v in values):
                self.rows.append((number, values))

    def heading(self, name: str) -> str:
        return self.columns[name][1] if name in self.columns else name

    def value(self, values: tuple[Any, ...], name: str) -> Any:
        col = self.columns[name][0]
        return _blank(values[col]) if col < len(values) else None


def _blank(value: Any) -> Any:
    """A cell's value with spaces around it dropped; None for an empty cell."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _scalar(kind: str, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat() if kind == "date" else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if kind == "phone" and isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = str(int(value))  # the spreadsheet dropped the leading 0 or +
        return f"+{digits}" if digits.startswith("46") else f"0{digits}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if kind in ("text", "long", "id", "url", "email") and isinstance(value, (int, float)):
        return str(value)
    return value


def _cell(kind: str, value: Any) -> Any:
    """The export's value of one cell (a problem of the value is left to the validation)."""
    if kind in ("ids", "tags", "links"):
        text = str(value)
        if kind == "ids":
            return [v for v in _ID_SEPARATORS.split(text) if v]
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if kind == "tags":
            return lines
        parts = (line.rpartition(LINK_SEPARATOR.strip()) for line in lines)
        return [{"label": label.strip(), "url": url.strip()} for label, _, url in parts]
    return _scalar(kind, value)


def read(path: Path, registry: Registry = REGISTRY) -> Read:
    """The export's data and manifest fields of the workbook at ``path`` (laid out for
    ``registry``, as :func:`~tfbb_desktop.core.outputs.workbook.template` makes it), and every
    problem. A file that is no workbook, or cannot be read, is refused (BuildRefused)."""
    try:
        book = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException) as exc:
        error = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BuildRefused(msg("workbook.unreadable", file=path.name, error=error)) from exc
    problems: list[CellProblem] = []
    places: dict[tuple[str, str], tuple[_Sheet, int]] = {}  # (type, ident) -> sheet, row
    data: dict[str, Any] = {"vocabularies": {}}
    term_kinds = {**TERM_TYPES, "order": "int"}
    tables = [(v, term_kinds, data["vocabularies"]) for v in registry.vocabularies]
    tables += [(e.name, {f.name: f.type for f in e.fields}, data) for e in registry.entities]
    for name, kinds, parent in tables:
        records: list[dict[str, Any]] = []
        parent[name] = records
        if name not in book.sheetnames:
            problems.append(CellProblem(name, 0, "", msg("workbook.missing_sheet")))
            continue
        sheet = _Sheet(book[name])
        _records(sheet, kinds, records, problems)
        for index, ((row, _), record) in enumerate(zip(sheet.rows, records, strict=True)):
            number = f"#{index + 1}"
            if parent is data:
                key = registry.entity(name).key_of(record)
                places[(name, number)] = (sheet, row)
                places[(name, number if "None" in key.split("/") else key)] = (sheet, row)
            else:
                places[("vocabularies", f"{name}/{record.get('id') or number}")] = (sheet, row)
    manifest = _manifest(book, problems)
    problems.extend(_checked(data, places))
    return Read(data, manifest, problems)


def _records(sheet: _Sheet, kinds: dict[str, str], out: list[dict[str, Any]],
             problems: list[CellProblem]) -> None:
    for name in sheet.columns:
        if name not in kinds:
            problems.append(CellProblem(sheet.title, 2, sheet.heading(name),
                                        msg("workbook.unknown_column")))
    for name in kinds:
        if name not in sheet.columns:
            problems.append(CellProblem(sheet.title, 0, "", msg("workbook.missing_column",
                                                                column=name)))
    for _, values in sheet.rows:
        record: dict[str, Any] = {}
        for name, kind in kinds.items():
            if name in sheet.columns and (value := sheet.value(values, name)) is not None:
                record[name] = _cell(kind, value)
        out.append(record)


def _manifest(book: Any, problems: list[CellProblem]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if MANIFEST_SHEET not in book.sheetnames:
        problems.append(CellProblem(MANIFEST_SHEET, 0, "", msg("workbook.missing_sheet")))
        return out
    for row in book[MANIFEST_SHEET].iter_rows(values_only=True):
        if len(row) < 3 or row[1] not in MANIFEST_FIELDS:
            continue
        value = _scalar("date" if row[1] == "expires" else "text", _blank(row[2]))
        group, _, name = str(row[1]).rpartition(".")
        (out.setdefault(group, {}) if group else out)[name] = value
    return out


def _checked(data: dict[str, Any],
             places: dict[tuple[str, str], tuple[_Sheet, int]]) -> list[CellProblem]:
    """The import's checks of ``data``, each problem placed in the workbook."""
    counts = {t: len(data[t]) for t in fmt.ENTITY_TYPES}
    # Only the counts of the manifest are read by the check; they are the rows read.
    manifest: Any = fmt.Manifest.model_construct(counts=counts)  # type: ignore[call-arg]
    check = validate._Check(manifest)
    check.add("vocabularies", -1, data["vocabularies"])
    for entity_type in fmt.ENTITY_TYPES:
        if not data[entity_type]:
            check.add(entity_type, -1, [])
        for index, record in enumerate(data[entity_type]):
            check.add(entity_type, index, record)
    return [_placed(p, places) for p in check.finish()]


def _placed(problem: Problem, places: dict[tuple[str, str], tuple[_Sheet, int]]) -> CellProblem:
    message = problem.problem if isinstance(problem.problem, Message) else msg(
        "workbook.other", text=problem.problem)
    field = re.split(r"[.\[]", problem.field, maxsplit=1)[0]
    found = places.get((problem.entity_type, problem.entity_id))
    if found is None:
        return CellProblem(problem.entity_type, 0, field, message)
    sheet, row = found
    if field == "principal/component":
        field = "principal"
    return CellProblem(sheet.title, row, sheet.heading(field) if field else "", message)
