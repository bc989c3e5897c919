"""The publisher's workbook: template, the bundled catalogue written into it and read back,
and every mistake of a workbook reported at once with its sheet, row and column."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tfbb_desktop.core.entities import REGISTRY
from tfbb_desktop.core.outputs import workbook
from tfbb_desktop.core.store.catalogue import bundled_export
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync import publish, workbook_reader

ROOT = Path(__file__).resolve().parents[1]


def _normal(data: dict[str, Any]) -> dict[str, Any]:
    """The data as the app takes it: defaults filled in, every value in its JSON form."""
    return fmt.CatalogueData.model_validate(data).model_dump(mode="json")


def _bundled_book(tmp_path: Path) -> Path:
    return workbook.save(workbook.from_export(bundled_export()), tmp_path / "katalog.xlsx")


def _row_of(sheet: Any, entry_id: str) -> int:
    return next(row for row in range(workbook.FIRST_ROW, sheet.max_row + 1)
                if sheet.cell(row, 1).value == entry_id)


def _col_of(sheet: Any, field: str) -> int:
    return next(col for col in range(1, sheet.max_column + 1)
                if sheet.cell(2, col).value == field)


def test_template_has_a_sheet_per_type_and_vocabulary_from_the_registry() -> None:
    book = workbook.template()
    assert book.sheetnames == [workbook.INSTRUCTIONS_SHEET, workbook.MANIFEST_SHEET,
                               *REGISTRY.types, *REGISTRY.vocabularies]
    for entity in REGISTRY.entities:
        sheet = book[entity.name]
        assert [c.value for c in sheet[2]] == [f.name for f in entity.fields]
        assert [c.value for c in sheet[1]] == [workbook.field_label(f) for f in entity.fields]
        assert sheet.freeze_panes == "A3"
    contacts = book["contacts"]
    lists = {str(v.sqref): v.formula1 for v in contacts.data_validations.dataValidation}
    column = chr(ord("A") + _col_of(contacts, "principal") - 1)
    assert lists[f"{column}3:{column}{workbook.MAX_ROWS}"] == (
        f"'principals'!$A$3:$A${workbook.MAX_ROWS}")
    work = book["work"]
    formulas = {v.formula1 for v in work.data_validations.dataValidation}
    assert f"'work_statuses'!$A$3:$A${workbook.MAX_ROWS}" in formulas


def assert_reads_as_the_bundled_catalogue(path: Path) -> None:
    """The workbook at ``path`` reads without problems as the bundled export's data and
    manifest fields."""
    read = workbook_reader.read(path)
    previous = publish.read_previous(bundled_export())
    assert read.problems == []
    assert _normal(read.data) == _normal(previous.data)
    assert read.manifest == {
        "publisher": previous.manifest.publisher.model_dump(mode="json"),
        "feedback": previous.manifest.feedback.model_dump(mode="json"),
        "expires": previous.manifest.expires.isoformat()}


def test_bundled_catalogue_goes_to_a_workbook_and_back_to_the_same_data(
        tmp_path: Path) -> None:
    path = _bundled_book(tmp_path)
    assert_reads_as_the_bundled_catalogue(path)
    sheet = load_workbook(path)["contacts"]
    date_col = _col_of(sheet, "valid_until")
    dated = [sheet.cell(r, date_col) for r in range(3, sheet.max_row + 1)
             if sheet.cell(r, date_col).value is not None]
    assert dated and all(c.is_date for c in dated)  # dates are dates, not text


def test_spaces_and_number_typed_phone_numbers_are_read_as_text(tmp_path: Path) -> None:
    path = _bundled_book(tmp_path)
    book = load_workbook(path)
    sheet = book["contacts"]
    row = workbook.FIRST_ROW
    sheet.cell(row, _col_of(sheet, "phone"), 701234567)
    name = sheet.cell(row, _col_of(sheet, "name")).value
    sheet.cell(row, _col_of(sheet, "name"), f"  {name} ")
    sheet.cell(row, _col_of(sheet, "unit"), "   ")  # blank: a missing value
    book.save(path)
    read = workbook_reader.read(path)
    assert read.problems == []
    contact = read.data["contacts"][0]
    assert contact["phone"] == "0701234567"
    assert contact["name"] == name
    assert "unit" not in contact


def test_a_workbook_with_ten_mistakes_reports_all_ten_with_sheet_row_and_column(
        tmp_path: Path) -> None:
    path = _bundled_book(tmp_path)
    book = load_workbook(path)
    labels = {f"{e.name}.{f.name}": workbook.field_label(f)
              for e in REGISTRY.entities for f in e.fields}
    expected: set[tuple[str, int, str, str]] = set()

    def put(sheet_name: str, row: int, field: str, value: Any, code: str) -> None:
        sheet = book[sheet_name]
        sheet.cell(row, _col_of(sheet, field)).value = value  # cell(r, c, None) sets nothing
        expected.add((sheet_name, row, labels[f"{sheet_name}.{field}"], code))

    examples, work, contacts = book["examples"], book["work"], book["contacts"]
    put("examples", 3, "id", None, "value.missing")
    put("work", 4, "id", work.cell(3, 1).value, "data.duplicate")
    put("contacts", 3, "principal", "okand-huvudman", "data.missing_entry")
    put("contacts", 4, "email", "inte-en-adress", "value.bad_email")
    put("contacts", 5, "valid_until", "2025-02-30", "value.bad_date")
    put("work", 5, "status", "okand-status", "data.missing_term")
    contact_ids = examples.cell(4, _col_of(examples, "contacts")).value or ""
    put("examples", 4, "contacts", f"{contact_ids}\nkp-finns-inte", "data.missing_entry")
    put("principals", 3, "website", "ftp://example.se", "value.bad_url")
    put("contacts", 6, "phone", "ring mig", "value.bad_phone")
    put("examples", 5, "title", "   ", "value.missing")
    book.save(path)
    assert contacts.max_row >= 6 and len(expected) == 10

    problems = workbook_reader.read(path).problems
    found = {(p.sheet, p.row, p.column, p.problem.code) for p in problems}
    assert found == expected
    text = str(next(p for p in problems if p.problem.code == "value.bad_email"))
    assert text == 'sheet "contacts", row 4, column "E-mail": invalid e-mail address'


def test_missing_sheets_and_unknown_columns_are_reported(tmp_path: Path) -> None:
    path = _bundled_book(tmp_path)
    book = load_workbook(path)
    del book["roles"]
    book["principals"].cell(1, 20, "Extra")
    book["principals"].cell(2, 20, "extra")
    book.save(path)
    found = {(p.sheet, p.row, p.column, p.problem.code)
             for p in workbook_reader.read(path).problems}
    assert ("roles", 0, "", "workbook.missing_sheet") in found
    assert ("principals", 2, "Extra", "workbook.unknown_column") in found


@pytest.mark.parametrize("command", ["template", "from-catalogue"])
def test_the_command_line_writes_the_workbook_in_swedish(tmp_path: Path, command: str) -> None:
    out = tmp_path / "arbetsbok.xlsx"
    env = {**os.environ, "TFBB_LANG": "sv", "HOME": str(tmp_path),
           "TFBB_MACHINE_CONFIG": str(tmp_path / "machine.json"),
           "TFBB_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "tfbb_desktop", "publish", command,
                           "--out", str(out)], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    book: Workbook = load_workbook(out)
    assert [c.value for c in book["contacts"][1]][:3] == ["Id", "Namn", "Titel"]
    rows = book["principals"].max_row
    assert rows == (2 if command == "template" else 2 + len(
        publish.read_previous(bundled_export()).data["principals"]))


def test_publish_workbook_lists_the_mistakes_in_swedish_and_writes_nothing(
        tmp_path: Path) -> None:
    path = _bundled_book(tmp_path)
    book = load_workbook(path)
    contacts = book["contacts"]
    contacts.cell(4, _col_of(contacts, "email")).value = "inte-en-adress"
    book.save(path)
    out = tmp_path / "ut.zip"
    env = {**os.environ, "TFBB_LANG": "sv", "HOME": str(tmp_path),
           "TFBB_MACHINE_CONFIG": str(tmp_path / "machine.json"),
           "TFBB_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "tfbb_desktop", "publish", "workbook",
                           str(path), "--out", str(out)], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Ingen export skrevs: arbetsboken katalog.xlsx har fel; rätta dem och bygg igen.",
        # the heading as the workbook has it (this one was written with English headings)
        '  - bladet "contacts", rad 4, kolumnen "E-mail": ogiltig e-postadress']
    assert not out.exists()
