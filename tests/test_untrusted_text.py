"""Hostile text from an export and in the user's notes is shown literally, loads nothing and
opens nothing.

Every text field of every entity type (taken from the entity registry), every tag, link label
and vocabulary label holds HTML (bold, an image of a local file, a javascript: link), a file:
and a UNC path, a right-to-left override (U+202E) and, in long fields, as much text as the
format allows; a 1 MB string is refused by the format. Notes hold the same, one of them 1 MB.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from tfbb_desktop.core.entities import REGISTRY
from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import catalogue, queries
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync import importer, signing
from tfbb_desktop.ui import bidi, printing
from tfbb_desktop.ui.models import ID_ROLE

RLO = "\u202e"
HOSTILE = ('<b>x</b> <img src="file:///etc/passwd"> <a href="javascript:alert(1)">j</a> '
           f"file:///etc/passwd \\\\server\\share\\x {RLO}reversed")
MEGABYTE = 1024 * 1024
TEXT_TYPES = ("text", "long")
FILLER = string.ascii_letters + "åäöÅÄÖ  <>&;\\/\n"


def hostile(tag: str, limit: int) -> str:
    """The hostile text, marked with ``tag`` and filled up to ``limit`` characters."""
    text = f"{tag} {HOSTILE}"
    if limit <= 1000:
        return text
    # Varied filler: the same letters over and over would make the export look like a zip bomb.
    return text + "".join(random.Random(tag).choices(FILLER, k=limit - len(text)))


def limit_of(field_type: str, number: int) -> int:
    """The longest text the format allows in the first entry of each type; shorter ones (still
    long) in the others, so that the test stays quick."""
    if field_type != "long":
        return fmt.MAX_SHORT_CHARS
    return fmt.MAX_TEXT_CHARS if number == 0 else 2000


def make_hostile(source: dict[str, Any]) -> dict[str, Any]:
    """Every text of ``source`` made hostile, through the registry's fields."""
    data = source["data"]
    for entity in REGISTRY.entities:
        for number, record in enumerate(data[entity.name]):
            tag = f"{entity.name}-{number}"
            for field in entity.fields:
                if field.type in TEXT_TYPES:
                    record[field.name] = hostile(f"{tag}-{field.name}",
                                                limit_of(field.type, number))
                elif field.type == "tags":
                    record[field.name] = [hostile(f"{tag}-tag", fmt.MAX_SHORT_CHARS)]
                elif field.type == "links":
                    for link in record.get(field.name, []):
                        link["label"] = hostile(f"{tag}-link", fmt.MAX_SHORT_CHARS)
    for name, terms in data["vocabularies"].items():
        for number, term in enumerate(terms):
            term["label"] = hostile(f"{name}-{number}", fmt.MAX_SHORT_CHARS)
            term["description"] = hostile(f"{name}-{number}-d", limit_of("long", number))
    return source


@pytest.fixture
def hostile_catalogue(paths: DataPaths, trust: signing.TrustPolicy, source: dict[str, Any],
                      make_export: Callable[..., Path]) -> dict[str, Any]:
    """The hostile export imported into ``paths``, and a hostile note on every entry (1 MB on
    the first of each type). Before ``ctx``: the window opens on it."""
    hostile_source = make_hostile(source)
    conn = catalogue.open_catalogue(paths)
    try:
        importer.import_file(conn, paths, make_export(hostile_source, version=2), trust)
    finally:
        conn.close()
    from tfbb_desktop.core.store.userdata import UserData

    userdata = UserData(paths.userdata)
    try:
        for entity_type in REGISTRY.listed:
            for number, record in enumerate(hostile_source["data"][entity_type]):
                size = MEGABYTE if number == 0 else 0
                userdata.set_note(entity_type, record["id"],
                                  hostile(f"note-{entity_type}-{number}", size), "")
    finally:
        userdata.close()
    return hostile_source


def labels_with_hostile_text(widget: Any) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if "<img" in label.text()]


def test_a_megabyte_string_in_any_text_field_is_refused(
        paths: DataPaths, trust: signing.TrustPolicy, source: dict[str, Any],
        make_export: Callable[..., Path], catalogue_conn: Any) -> None:
    before = queries.meta(catalogue_conn)
    changed = make_hostile(source)
    wanted = set()
    for entity in REGISTRY.entities:
        record = changed["data"][entity.name][0]
        for field in (f for f in entity.fields if f.type in TEXT_TYPES):
            record[field.name] = hostile(f"big-{entity.name}-{field.name}", MEGABYTE)
            wanted.add((entity.name, field.name))
    with pytest.raises(ImportRefused) as refused:
        importer.import_file(catalogue_conn, paths, make_export(changed, version=2), trust)
    assert {(p.entity_type, p.field) for p in refused.value.problems} >= wanted
    assert queries.meta(catalogue_conn) == before


def test_every_detail_page_shows_the_text_literally(
        hostile_catalogue: dict[str, Any], window: Any, qtbot: Any) -> None:
    data = hostile_catalogue["data"]
    for entity_type in REGISTRY.listed:
        entity = REGISTRY.entity(entity_type)
        for number, record in enumerate(data[entity_type]):
            assert window.open_entry(entity_type, record["id"])
            page = window.detail.widget()
            shown = {label.text() for label in page.findChildren(QLabel)}
            for field in entity.fields:
                value = record.get(field.name)
                if field.type in TEXT_TYPES and field.shown and value:
                    assert value in shown, (entity_type, field.name)
            assert record[entity.named_by] in shown  # the title
            for label in labels_with_hostile_text(page):
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()[:80]
                assert not label.openExternalLinks()
            note = page.findChild(QPlainTextEdit, "noteEdit")
            expected = hostile(f"note-{entity_type}-{number}", MEGABYTE if number == 0 else 0)
            assert note.toPlainText() == expected
            assert len(labels_with_hostile_text(page)) >= 2


def test_the_lists_and_the_overview_show_the_text_literally(
        hostile_catalogue: dict[str, Any], window: Any) -> None:
    data = hostile_catalogue["data"]
    for entity_type in REGISTRY.listed:
        window.show_section(entity_type)
        model = window.models[entity_type]
        named_by = REGISTRY.entity(entity_type).named_by
        titles = {r["id"]: r[named_by] for r in data[entity_type]}
        assert model.rowCount() == len(titles)
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            assert index.data() == titles[index.data(ID_ROLE)]
    window.show_section("overview")
    page = window.lazy_pages.overview_page
    headers = [page.model.headerData(r, Qt.Orientation.Vertical)
               for r in range(page.model.rowCount() - 1)]  # the last row: the totals
    names = {bidi.isolated(p["name"]) for p in data["principals"]}
    assert headers and all(h.split("\n")[0] in names for h in headers)
    for label in labels_with_hostile_text(page):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_search_results_show_the_text_literally(
        hostile_catalogue: dict[str, Any], window: Any, qtbot: Any) -> None:
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest):
        window.search_field.setText("principals-0-name")
    model = window.search_panel.model
    hits = [model.index(r, 0) for r in range(model.rowCount())
            if model.index(r, 0).data(ID_ROLE) is not None]
    first = hostile_catalogue["data"]["principals"][0]
    hit = next(h for h in hits if h.data(ID_ROLE) == first["id"])
    assert_bounded(hit.data(), first["name"])


def open_after(text: str, end: int) -> list[str]:
    """The embeddings, overrides and isolates still open at ``end`` of ``text`` (UAX #9's
    stack, without its depth limit)."""
    stack: list[str] = []
    for char in text[:end]:
        if char in bidi.OPENERS:
            stack.append("embedding")
        elif char in bidi.ISOLATES:
            stack.append("isolate")
        elif char == bidi.PDF and stack and stack[-1] == "embedding":
            stack.pop()
        elif char == bidi.PDI and "isolate" in stack:
            while stack.pop() != "isolate":
                pass
    return stack


def assert_bounded(shown: str, text: str) -> None:
    """``shown`` begins with the export's ``text`` (isolated if need be), and nothing that
    ``text`` opens reaches the rest of ``shown``."""
    part = bidi.isolated(text)
    assert shown.startswith(part), (shown[:80], text[:80])
    assert RLO in text and open_after(shown, len(part)) == []


@pytest.mark.parametrize(("text", "shown"), [
    ("Anna", "Anna"), (f"a{RLO}b", f"\u2068a{RLO}b\u2069"),
    (f"\u2069{RLO}b", f"\u2068{RLO}b\u2069"),
    ("\u2067x\u2069y\u2069", "\u2068\u2067x\u2069y\u2069"),
])
def test_directional_characters_are_isolated(text: str, shown: str) -> None:
    assert bidi.isolated(text) == shown
    assert open_after(shown + " – tail", len(shown)) == []


def test_an_override_does_not_reach_the_rest_of_a_line(hostile_catalogue: dict[str, Any],
                                                       window: Any) -> None:
    contact = hostile_catalogue["data"]["contacts"][0]
    assert window.open_entry("contacts", contact["id"])
    page = window.detail.widget()
    kind = page.findChild(QLabel, "detailKind")
    assert open_after(kind.text(), len(kind.text())) == []
    for related in window.detail.related_lists():
        model = related.model()
        for row in range(model.rowCount()):
            shown = model.index(row, 0).data()
            if " – " in shown:
                assert open_after(shown, shown.index(" – ")) == []
    window.show_section("overview")
    model = window.lazy_pages.overview_page.model
    for row in range(model.rowCount()):
        header = model.headerData(row, Qt.Orientation.Vertical)
        assert open_after(header, len(header)) == []
    page = window.lazy_pages.overview_page
    left_out = page.left_out.text()
    assert open_after(left_out, len(left_out)) == []  # the names of the principals left out
    for column in range(model.columnCount()):  # name, component, status (the note is last)
        tooltip = model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
        end = tooltip.find("\n\n")
        assert open_after(tooltip, len(tooltip) if end < 0 else end) == []


class ImageRequests(QTextDocument):
    """A document that records every resource Qt asks it to load."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def loadResource(self, kind: int, name: QUrl) -> Any:
        self.requested.append(name.toString())
        return super().loadResource(kind, name)


def image_names(document: QTextDocument) -> set[str]:
    names = set()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            char_format: QTextCharFormat = it.fragment().charFormat()
            if char_format.isImageFormat():
                names.add(char_format.toImageFormat().name())
            it += 1
        block = block.next()
    return names


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_printed_sheet_and_booklet_show_the_text_and_load_no_image(
        hostile_catalogue: dict[str, Any], catalogue_conn: Any, tmp_path: Path) -> None:
    booklet = printing.make_booklet(catalogue_conn)
    text = booklet.document.toPlainText()
    for entity_type in REGISTRY.listed:
        for record in hostile_catalogue["data"][entity_type]:
            name = record[REGISTRY.entity(entity_type).named_by]
            assert words(name) in words(text)
    assert image_names(booklet.document) <= {printing.OVERVIEW_IMAGE}
    # The same HTML in a document that records what it is asked to load: only the overview.
    recording = ImageRequests()
    recording.addResource(QTextDocument.ResourceType.ImageResource,
                          QUrl(printing.OVERVIEW_IMAGE), printing.overview_image(catalogue_conn))
    recording.setHtml(booklet.html)
    recording.pageCount()
    assert all(not r.startswith("file:") and "passwd" not in r for r in recording.requested)
    first = hostile_catalogue["data"]["principals"][0]
    sheet = printing.make_sheet(catalogue_conn, first["id"])
    # HTML joins runs of spaces and line breaks; every character is there, in order.
    assert words(first["description"]) in words(sheet.document.toPlainText())
    assert image_names(sheet.document) == set()
    assert printing.write_pdf(sheet, tmp_path / "sheet.pdf") >= 1


class Opened(QObject):
    """The URL handler of the schemes under test: records what the app asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


SCHEMES = ("http", "https", "mailto", "tel", "javascript", "file", "data", "smb", "ftp")


@pytest.fixture
def opened() -> Iterator[Opened]:
    handler = Opened()
    for scheme in SCHEMES:
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    yield handler
    for scheme in SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "file:///etc/passwd",
    "FILE:///C:/Windows/System32/cmd.exe", "\\\\server\\share\\x.exe", "//server/share",
    "data:text/html,<script>alert(1)</script>", "smb://server/share", "ftp://example.org/",
    "https:relative", "http://", "mailto:", "tel:", "", "\u202ehttps://example.org",
])
def test_links_of_other_schemes_are_refused_with_a_message(url: str, window: Any,
                                                           opened: Opened) -> None:
    window.open_url(url)
    assert opened.urls == []
    assert "not opened" in window.statusBar().currentMessage()


@pytest.mark.parametrize("url", ["https://example.org/a?b=1", "http://example.org",
                                 "mailto:anna@example.org", "tel:+4616123456"])
def test_web_mail_and_phone_links_open_after_the_address_is_shown(url: str, window: Any,
                                                                  opened: Opened) -> None:
    window.open_url(url)
    assert opened.urls == [QUrl(url).toString()]
    assert url in window.statusBar().currentMessage()


def test_a_link_with_a_hostile_label_opens_only_its_address(
        hostile_catalogue: dict[str, Any], window: Any, qtbot: Any, opened: Opened) -> None:
    from PySide6.QtWidgets import QPushButton

    work = next(w for w in hostile_catalogue["data"]["work"] if w.get("links"))
    assert window.open_entry("work", work["id"])
    buttons = window.detail.widget().findChildren(QPushButton, "urlLink")
    assert [b.text() for b in buttons] == [link["label"] for link in work["links"]]
    tooltip = QTextDocument()
    tooltip.setHtml(buttons[0].toolTip())
    assert tooltip.toPlainText() == work["links"][0]["url"]  # the address, before a click
    buttons[0].click()
    qtbot.waitUntil(lambda: opened.urls != [])
    assert opened.urls == [QUrl(work["links"][0]["url"]).toString()]
