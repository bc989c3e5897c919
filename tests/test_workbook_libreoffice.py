"""A workbook saved by LibreOffice Calc is read as the one the app wrote (tests/fixtures/README.md
says how the fixture was made; the test itself needs no LibreOffice)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook

from test_workbook import assert_reads_as_the_bundled_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "workbook_libreoffice.xlsx"


def test_the_fixture_was_written_by_libreoffice() -> None:
    with zipfile.ZipFile(FIXTURE) as archive:
        app = archive.read("docProps/app.xml").decode("utf-8")
    assert "<Application>LibreOffice/" in app


def test_a_workbook_saved_by_libreoffice_gives_the_bundled_catalogue() -> None:
    assert_reads_as_the_bundled_catalogue(FIXTURE)


def test_libreoffice_keeps_the_dates_as_dates() -> None:
    sheet = load_workbook(FIXTURE)["contacts"]
    names = [cell.value for cell in sheet[2]]
    column = names.index("valid_until") + 1
    dated = [sheet.cell(row, column) for row in range(3, sheet.max_row + 1)
             if sheet.cell(row, column).value is not None]
    assert dated and all(cell.is_date for cell in dated)
