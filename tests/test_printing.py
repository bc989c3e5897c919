"""Principal sheets and booklets as PDF (text read back with pypdf), printing, escaping."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtGui import QColor, QImage, QTextTable
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from task_wait import wait_task
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import queries
from tfbb_desktop.ui import printing


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, with runs of white space as one space."""
    reader = pypdf.PdfReader(str(path))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_principal_sheet_pdf_has_the_principal_and_its_contacts(
        qapp: Any, tmp_path: Path, catalogue_conn: sqlite3.Connection) -> None:
    target = tmp_path / "oxelosund.pdf"
    assert printing.write_pdf(printing.make_sheet(catalogue_conn, "oxelosund"), target) == 1
    (text,) = pdf_pages(target)
    assert "Oxelösunds kommun" in text
    assert "Katarina Haddon" in text and "Vård- och omsorgschef" in text
    assert "Marita Encke Dahlin" in text and "Utbildningschef" in text
    assert "Representant för Länsstyrgruppen" in text
    assert "Barnets bästa-ansvarig" in text and "Uppgift saknas" in text  # the model's status
    assert "2025-11-26" in text  # the catalogue's date in the header
    reader = pypdf.PdfReader(str(target))
    assert reader.metadata is not None and reader.metadata.title == "Oxelösunds kommun"


def test_a_longer_sheet_has_the_catalogue_version_on_every_page(
        qapp: Any, tmp_path: Path, catalogue_conn: sqlite3.Connection) -> None:
    catalogue_conn.execute("UPDATE principal SET description = ? WHERE id = 'region-sormland'",
                           ("Lång beskrivning med åäö. " * 400,))
    target = tmp_path / "region.pdf"
    pages = printing.write_pdf(printing.make_sheet(catalogue_conn, "region-sormland"), target)
    assert pages >= 2
    texts = pdf_pages(target)
    assert len(texts) == pages
    for number, text in enumerate(texts, start=1):
        assert "version 1" in text and "2025-11-26" in text
        assert f"{number} of {pages}" in text
    assert "Mari Kampf Westerberg" in " ".join(texts)


def test_catalogue_text_is_never_read_as_html(qapp: Any, tmp_path: Path,
                                              catalogue_conn: sqlite3.Connection) -> None:
    evil = '<b>Fet</b> & <img src="x.png"> <a href="http://x">länk</a><script>x</script>'
    catalogue_conn.execute("UPDATE principal SET name = ?, description = ? WHERE id = 'trosa'",
                           (evil, "rad ett\n<h1>rad två</h1>"))
    catalogue_conn.execute("UPDATE contact SET title = ? WHERE id = 'kp-katarina-haddon'",
                           ("<i>Chef</i>",))
    html = printing.make_sheet(catalogue_conn, "trosa").html
    assert "<b>Fet</b>" not in html and "&lt;b&gt;Fet&lt;/b&gt; &amp; &lt;img" in html
    assert "rad ett<br/>&lt;h1&gt;" in html
    document = printing.make_sheet(catalogue_conn, "trosa")
    plain = document.document.toPlainText()
    assert evil in plain
    assert "<h1>rad två</h1>" in plain
    assert document.document.allFormats()  # laid out without error
    booklet = printing.booklet_html(catalogue_conn, [("principals", "trosa"),
                                                     ("principals", "oxelosund")])
    assert "<b>Fet</b>" not in booklet and "<i>Chef</i>" not in booklet
    target = tmp_path / "evil.pdf"
    printing.write_pdf(printing.make_sheet(catalogue_conn, "trosa"), target)
    assert "<b>Fet</b> &" in pdf_pages(target)[0]


def test_the_whole_booklet(qapp: Any, tmp_path: Path,
                           catalogue_conn: sqlite3.Connection) -> None:
    document = printing.make_booklet(catalogue_conn)
    # Every block is laid out (a lazily laid-out block would print as empty space).
    block = document.document.begin()
    while block.isValid():
        if block.text().strip():
            assert block.layout().lineCount() > 0, block.text()
        block = block.next()
    pages = document.anchor_pages()
    assert pages["overview"] == 2
    assert pages["principals-eskilstuna"] == 3
    assert pages["principals-flen"] == 4  # each principal starts a page
    assert max(pages.values()) <= document.page_count()

    target = tmp_path / "katalog.pdf"
    count = printing.write_pdf(document, target)
    texts = pdf_pages(target)
    assert count == len(texts) == document.page_count() > 12
    assert all("2025-11-26" in t and "version 1" in t for t in texts)
    assert all(t.count("TFBB Katalog") == t.count("TFBB Katalog –") for t in texts)  # once
    whole = " ".join(texts)
    contents = texts[0]
    assert "Contents" in contents and "Oxelösunds kommun" in contents
    # The contents give the page each entry starts on.
    assert f"Oxelösunds kommun {pages['principals-oxelosund']}" in contents
    oxelosund_page = texts[pages["principals-oxelosund"] - 1]
    assert "Oxelösunds kommun" in oxelosund_page and "Katarina Haddon" in oxelosund_page
    assert "Barnets bästa-ansvarig: På plats: 0 of 10" in whole  # the overview's counts
    for ref_type in ("examples", "work"):
        for entity_id in queries.list_ids(catalogue_conn, ref_type):
            title = queries.name_of(catalogue_conn, ref_type, entity_id)
            assert title is not None and " ".join(title.split()) in whole
    assert "Webbinarium: Goda exempel i implementeringen" in whole
    assert "2025-11-07 12.00–12.45" in whole


def test_a_booklet_of_given_entries(qapp: Any, tmp_path: Path,
                                    catalogue_conn: sqlite3.Connection) -> None:
    entries = [("contacts", "kp-katarina-haddon"), ("work", "arb-webbinarium-2025-11-07"),
               ("contacts", "nobody"), ("contacts", "kp-katarina-haddon")]
    target = tmp_path / "urval.pdf"
    printing.write_pdf(printing.make_booklet(catalogue_conn, entries, title="Mitt urval"),
                       target)
    whole = " ".join(pdf_pages(target))
    assert "Mitt urval" in whole
    assert "Katarina Haddon" in whole and "Vård- och omsorgschef" in whole
    assert "Webbinarium: Goda exempel i implementeringen" in whole
    assert "Johan Lindeberg" not in whole  # not chosen
    assert whole.count("Representerar Länsstyrgruppen i styrgruppen") == 1  # no duplicates


def test_a_page_renders_as_an_image(qapp: Any, tmp_path: Path,
                                    catalogue_conn: sqlite3.Connection) -> None:
    image = printing.make_sheet(catalogue_conn, "oxelosund").page_image(0, dpi=60)
    assert 480 < image.width() < 520 and image.height() > image.width()
    dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if QColor(image.pixel(x, y)).lightness() < 128)
    assert dark > 100  # text was drawn
    target = tmp_path / "page.png"
    assert image.save(str(target))
    assert not QImage(str(target)).isNull()


def test_printing_goes_through_the_print_dialog(qtbot: Any, tmp_path: Path, paths: DataPaths,
                                                catalogue_conn: sqlite3.Connection,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "printed.pdf"

    class FakeDialog:
        def __init__(self, printer: QPrinter, _parent: object) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))

        def setWindowTitle(self, _title: str) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    class Window:
        ctx = type("Ctx", (), {"conn": catalogue_conn, "paths": paths})()
        detail = type("Detail", (), {"current": queries.detail(catalogue_conn, "contacts",
                                                               "kp-katarina-haddon")})()

        def window(self) -> None:  # the parent of the dialog (see navigation.Navigator)
            return None

    monkeypatch.setattr(printing, "QPrintDialog", FakeDialog)
    task = printing.print_principal_action(Window())  # type: ignore[arg-type]
    assert wait_task(qtbot, task) == 1
    (text,) = pdf_pages(target)
    assert "Oxelösunds kommun" in text and "Katarina Haddon" in text


def test_escape() -> None:
    assert printing.esc('<a href="x">&\n') == "&lt;a href=&quot;x&quot;&gt;&amp;<br/>"


def test_email_and_phone_columns_only_when_known(qapp: Any,
                                                 catalogue_conn: sqlite3.Connection) -> None:
    html = printing.make_sheet(catalogue_conn, "oxelosund").html
    assert "<th>E-mail</th>" not in html and "<th>Phone</th>" not in html
    catalogue_conn.execute("UPDATE contact SET email = 'katarina.haddon@oxelosund.se', "
                           "phone = '+46 155 380 00' WHERE id = 'kp-katarina-haddon'")
    html = printing.make_sheet(catalogue_conn, "oxelosund").html
    assert "<th>E-mail</th>" in html and "<th>Phone</th>" in html
    assert "<td>katarina.haddon@oxelosund.se</td><td>+46 155 380 00</td>" in html


# Text positions read back from the PDF ------------------------------------------------------

HEADER_FOOTER = re.compile(r"TFBB Katalog · |Catalogue version 1 of 2025-11-26|Page \d+ of \d+$")


def _times(a: Sequence[float], b: Sequence[float]) -> list[float]:
    """The product a × b of two PDF matrices [a b c d e f]."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def text_lines(path: Path) -> list[list[tuple[str, float, float, float]]]:
    """Per page: each run of text as (text, height in points, bottom, top), from the text
    matrix, the transformation matrix and the font size that the PDF gives it; bottom and top
    are the run's descent and ascent (a fifth and four fifths of its size from the baseline)
    in page coordinates."""
    pages = []
    for page in pypdf.PdfReader(str(path)).pages:
        runs: list[tuple[str, float, float, float]] = []

        def visit(text: str, cm: Sequence[float], tm: Sequence[float], _font: object,
                  size: float, runs: list[tuple[str, float, float, float]] = runs) -> None:
            text = " ".join(text.split())
            if not text:
                return
            matrix = _times(tm, cm)
            height = size * abs(matrix[3])
            baseline = matrix[5]
            runs.append((text, height, baseline - 0.2 * height, baseline + 0.8 * height))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def body_area(document: printing.PagedDocument) -> tuple[float, float]:
    """The bottom and top of a page's body, in PDF points from the foot of the page. (Lines
    next to a page break are also in the PDF, clipped away: only what lies inside is seen.)"""
    layout = printing.a4_layout()
    top = layout.fullRectPoints().height() - layout.paintRectPoints().top()
    top -= printing.HEADER_HEIGHT * 0.75
    return top - document.body_height * 0.75, top


@pytest.mark.parametrize("resolution", [72, 1200])
def test_header_and_footer_are_small_and_clear_of_the_text(
        qapp: Any, tmp_path: Path, catalogue_conn: sqlite3.Connection, resolution: int) -> None:
    catalogue_conn.execute("UPDATE principal SET description = ? WHERE id = 'oxelosund'",
                           ("Lång beskrivning med åäö. " * 300,))
    target = tmp_path / f"sheet-{resolution}.pdf"
    document = printing.make_sheet(catalogue_conn, "oxelosund")
    pages = printing.write_pdf(document, target, resolution=resolution)
    assert pages >= 2
    lines = text_lines(target)
    assert len(lines) == pages
    body_bottom, body_top = body_area(document)
    for runs in lines:
        marks = [r for r in runs if HEADER_FOOTER.search(r[0])]
        seen = [r for r in runs if r not in marks and r[3] > body_bottom and r[2] < body_top]
        assert len(marks) == 4, marks  # title, version; version and date, page number
        assert seen
        for text, height, bottom, top in marks:
            assert 6.0 < height < 10.0, (text, height)  # 8 pt
            assert bottom > body_top or top < body_bottom, text
            for other, _h, other_bottom, other_top in seen:
                assert top < other_bottom or bottom > other_top, (text, other)
    title = next(r for r in lines[0] if r[0] == "Oxelösunds kommun")
    assert 15.0 < title[1] < 22.0  # the same at any resolution


def test_the_pdf_says_its_language(qapp: Any, tmp_path: Path,
                                   catalogue_conn: sqlite3.Connection) -> None:
    catalogue_conn.execute("UPDATE principal SET name = ? WHERE id = 'trosa'",
                           ("Trosa <kommun> & co",))
    target = tmp_path / "trosa.pdf"
    printing.write_pdf(printing.make_sheet(catalogue_conn, "trosa"), target)
    reader = pypdf.PdfReader(str(target))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_language == ["sv"]
    assert xmp.dc_title == {"x-default": "Trosa <kommun> & co"}
    assert xmp.xmp_creator_tool == "TFBB Katalog"
    assert reader.metadata is not None and reader.metadata.title == "Trosa <kommun> & co"
    assert "Trosa <kommun> & co" in pdf_pages(target)[0]


def test_table_headers_repeat_on_the_following_pages(
        qapp: Any, tmp_path: Path, catalogue_conn: sqlite3.Connection) -> None:
    catalogue_conn.execute("UPDATE component_status SET note = ? WHERE principal_id = 'oxelosund'",
                           ("En lång anteckning om läget. " * 60,))
    document = printing.make_sheet(catalogue_conn, "oxelosund")
    tables = [f for f in document.document.rootFrame().childFrames()
              if isinstance(f, QTextTable)]
    assert len(tables) == 2  # contacts, the model's status
    assert all(t.format().headerRowCount() == 1 for t in tables)
    target = tmp_path / "oxelosund.pdf"
    pages = printing.write_pdf(document, target)
    assert pages >= 3
    texts = pdf_pages(target)
    first = next(n for n, text in enumerate(texts) if "Component Status Note" in text)
    assert first < pages - 1
    for text in texts[first + 1:]:
        assert "Component Status Note" in text  # the header row again
        assert text.index("Component Status Note") < text.index("En lång anteckning")


def test_the_overview_and_its_image_only_in_a_booklet_that_shows_it(
        qapp: Any, tmp_path: Path, catalogue_conn: sqlite3.Connection) -> None:
    chosen = [("contacts", "kp-katarina-haddon"), ("work", "arb-webbinarium-2025-11-07")]
    without = printing.make_booklet(catalogue_conn, chosen)
    assert without.images == {}  # no principal: no overview, and its image is not drawn
    assert "Overview" not in without.document.toPlainText()
    assert "overview" not in without.anchor_pages()
    target = tmp_path / "urval.pdf"
    printing.write_pdf(without, target)
    whole = " ".join(pdf_pages(target))
    assert "Overview" not in whole and "Per model component" not in whole
    assert "Webbinarium: Goda exempel i implementeringen" in whole

    asked = printing.make_booklet(catalogue_conn, chosen, overview=True)
    assert set(asked.images) == {printing.OVERVIEW_IMAGE}
    assert asked.anchor_pages()["overview"] == 2
    with_principal = printing.make_booklet(catalogue_conn, [*chosen, ("principals", "flen")])
    assert set(with_principal.images) == {printing.OVERVIEW_IMAGE}
    left_out = printing.make_booklet(catalogue_conn, overview=False)  # the whole catalogue
    assert left_out.images == {} and "overview" not in left_out.anchor_pages()
    assert "Per model component" not in left_out.document.toPlainText()


@pytest.mark.parametrize("dpi", [60, 240])
def test_a_page_image_has_its_header_at_8_pt(qapp: Any, catalogue_conn: sqlite3.Connection,
                                             dpi: int) -> None:
    image = printing.make_sheet(catalogue_conn, "oxelosund").page_image(0, dpi=dpi)
    top = round(printing.a4_layout().paintRectPoints().top() * dpi / 72)

    def inked(y: int) -> bool:
        return any(QColor(image.pixel(x, y)).lightness() < 160 for x in range(image.width()))

    first = next(y for y in range(top, image.height()) if inked(y))
    last = first
    while inked(last + 1):
        last += 1
    height = (last - first + 1) * 72 / dpi  # the header line's ink, from accents to tails
    assert 5.0 < height < 9.5, height
