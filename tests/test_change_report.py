"""The change report between two catalogues: entries by name, fields by their Swedish label,
references by the referenced entry's name, what changed inside a long text; text and HTML."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication

from tfbb_desktop.core.messages import msg
from tfbb_desktop.core.outputs import change_report, workbook

ROOT = Path(__file__).resolve().parents[1]


def _filled(tmp_path: Path, source: dict[str, Any], name: str = "katalog.xlsx") -> Path:
    book = workbook.fill(workbook.template(), source["data"], source["manifest"])
    return workbook.save(book, tmp_path / name)


def _set_cells(path: Path, sheet_name: str, entry_id: str, **values: Any) -> None:
    """Write ``values`` (by field name) into the row of ``entry_id`` on a sheet."""
    book = load_workbook(path)
    sheet = book[sheet_name]
    columns = {cell.value: cell.column for cell in sheet[2]}
    row = next(r for r in range(workbook.FIRST_ROW, sheet.max_row + 1)
               if sheet.cell(r, columns["id"]).value == entry_id)
    for name, value in values.items():
        sheet.cell(row, columns[name], value)
    book.save(path)


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _changed_book(tmp_path: Path, source: dict[str, Any]) -> tuple[Path, dict[str, Any]]:
    """A workbook of the source with a contact's e-mail and principal, an example's summary
    (a few words inside) and a title (with markup in it) changed."""
    book = _filled(tmp_path, source)
    contact = source["data"]["contacts"][0]
    other = next(p for p in source["data"]["principals"] if p["id"] != contact["principal"])
    example = next(e for e in source["data"]["examples"] if len(e.get("summary", "")) > 200)
    words = example["summary"].split()
    words[20] = "ALDRIG"
    _set_cells(book, "contacts", contact["id"], email="ny.adress@example.se",
               principal=other["id"])
    _set_cells(book, "examples", example["id"], summary=" ".join(words),
               title="Nytt <script>alert(1)</script> namn")
    return book, {"contact": contact, "other": other, "example": example,
                  "old_word": example["summary"].split()[20]}


def test_the_report_names_entries_and_fields_as_users_read_them(
        tmp_path: Path, source: dict[str, Any], swedish: list[Any],
        make_export: Callable[..., Path]) -> None:
    book, changed = _changed_book(tmp_path, source)
    old, old_title = change_report.file_data(make_export(source, name="förra.zip"))
    new, new_title = change_report.file_data(book)
    report = change_report.compare(old, new, old_title=old_title, new_title=new_title)
    assert report.total() == 2
    text = change_report.text(report, _translate)
    contact, other = changed["contact"], changed["other"]
    assert f"Ändrad: {contact['name']}" in text
    assert "    E-post: (tomt) → ny.adress@example.se" in text
    principals = {p["id"]: p["name"] for p in source["data"]["principals"]}
    assert f"    Huvudman: {principals[contact['principal']]} → {other['name']}" in text
    assert contact["id"] not in text and other["id"] not in text
    # Inside the long text: the one word that changed, and not the whole text.
    assert f"[-{changed['old_word']}-] {{+ALDRIG+}}" in text
    assert changed["example"]["summary"] not in text
    assert "…" in text
    assert text.startswith("Ändringar från förra.zip (version 1) till arbetsboken katalog.xlsx")


def test_the_html_report_escapes_every_value(tmp_path: Path, source: dict[str, Any],
                                             make_export: Callable[..., Path]) -> None:
    book, changed = _changed_book(tmp_path, source)
    old, old_title = change_report.file_data(make_export(source))
    new, new_title = change_report.file_data(book)
    page = change_report.html_report(change_report.compare(
        old, new, old_title=old_title, new_title=new_title))
    assert "<script>" not in page
    assert "Nytt &lt;script&gt;alert(1)&lt;/script&gt; namn" in page
    assert f"<del>{changed['old_word']}</del> <ins>ALDRIG</ins>" in page
    assert page.startswith("<!DOCTYPE html>")


def test_added_and_removed_entries_and_terms(source: dict[str, Any]) -> None:
    old = source["data"]
    new = {**old, "work": old["work"][1:],
           "principals": [*old["principals"], {"id": "ny", "name": "Ny huvudman",
                                               "kind": old["principals"][0]["kind"]}],
           "vocabularies": {**old["vocabularies"], "roles": old["vocabularies"]["roles"][1:]}}
    report = change_report.compare(old, new, old_title=msg("report.nothing"),
                                   new_title=msg("report.nothing"))
    assert [(e.change, e.name) for e in report.entries["principals"]] == [
        ("added", "Ny huvudman")]
    assert [(e.change, e.name) for e in report.entries["work"]] == [
        ("removed", old["work"][0]["title"])]
    assert [(e.change, e.name) for e in report.entries["vocabularies"]] == [
        ("removed", old["vocabularies"]["roles"][0]["label"])]
    # A removed role is no change of the contacts that had it: only the vocabulary changed.
    assert report.entries["contacts"] == []


def test_the_installed_catalogue_against_its_own_workbook_is_no_change(
        tmp_path: Path, source: dict[str, Any], catalogue_conn: sqlite3.Connection) -> None:
    book = _filled(tmp_path, source)
    report = change_report.against(change_report.file_data(book)[0],
                                   msg("report.workbook", file=book.name), conn=catalogue_conn)
    assert report.total() == 0, change_report.text(report)
    _set_cells(book, "work", source["data"]["work"][0]["id"], location="Eskilstuna")
    report = change_report.against(change_report.file_data(book)[0],
                                   msg("report.workbook", file=book.name), conn=catalogue_conn)
    assert [e.name for e in report.entries["work"]] == [source["data"]["work"][0]["title"]]
    assert change_report.text(report).startswith(
        "Changes from the installed catalogue (version 1) to the workbook katalog.xlsx")


def _cli(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TFBB_LANG": "sv", "HOME": str(tmp_path),
           "TFBB_MACHINE_CONFIG": str(tmp_path / "machine.json"),
           "TFBB_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"}
    env.pop("TFBB_KEY_PASSPHRASE", None)
    return subprocess.run([sys.executable, "-m", "tfbb_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)


def test_publish_report_and_publish_workbook_show_the_report(
        tmp_path: Path, source: dict[str, Any], make_export: Callable[..., Path]) -> None:
    book, changed = _changed_book(tmp_path, source)
    previous = make_export(source, name="förra.zip")
    page = tmp_path / "rapport.html"
    done = _cli(tmp_path, "publish", "report", previous, book, "--html", page)
    assert done.returncode == 0, done.stderr
    assert "    E-post: (tomt) → ny.adress@example.se" in done.stdout
    assert "&lt;script&gt;" in page.read_text(encoding="utf-8")

    target = tmp_path / "ut.zip"
    built = _cli(tmp_path, "publish", "workbook", book, "--out", target, "--previous", previous)
    assert built.returncode == 0, built.stderr
    assert f"Ändrad: {changed['contact']['name']}" in built.stdout
    # The report comes before the line that says what was written.
    assert built.stdout.index("E-post") < built.stdout.index(str(target))


def test_a_file_that_is_no_workbook_is_refused_without_a_traceback(tmp_path: Path) -> None:
    fake = tmp_path / "inte-en-arbetsbok.xlsx"
    fake.write_text("bara text", encoding="utf-8")
    out = tmp_path / "ut.zip"
    for args in (("publish", "workbook", fake, "--out", out),
                 ("publish", "workbook", tmp_path / "finns-inte.xlsx", "--out", out),
                 ("publish", "report", fake, fake)):
        done = _cli(tmp_path, *args)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr and "kan inte läsas" in done.stderr, done.stderr
    assert not out.exists()
