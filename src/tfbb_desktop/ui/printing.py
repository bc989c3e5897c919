"""Print and PDF: a principal's sheet and a booklet of the catalogue (or of a list of entries).

Documents are :class:`QTextDocument` s built from our own HTML, in which every text from the
catalogue is escaped (:func:`esc`): nothing in an export is ever read as HTML. Layout is at a
fixed 96 dots per inch, so that a page looks the same on every device; the painter is scaled to
the device's resolution.
"""

from __future__ import annotations

import functools
import html
import re
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QMarginsF,
    QObject,
    QPointF,
    QRectF,
    QSizeF,
    QUrl,
    qVersion,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextLayout,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

from tfbb_desktop import APP_NAME
from tfbb_desktop.core.outputs.contacts import contact_records, principal_contact_ids
from tfbb_desktop.core.store import overview as core_overview
from tfbb_desktop.core.store import queries
from tfbb_desktop.ui import names as labels
from tfbb_desktop.ui.bidi import isolated
from tfbb_desktop.ui.pages import overview as overview_page
from tfbb_desktop.ui.pages.base import ask_save_path, file_stem
from tfbb_desktop.ui.worker import Task, check_cancelled, run_on_catalogue

if TYPE_CHECKING:
    from tfbb_desktop.ui.navigation import Navigator

translate = QCoreApplication.translate
Progress = Callable[[str, float], None]
Make = Callable[[sqlite3.Connection, Progress, Callable[[], bool]], "PagedDocument"]

DPI = 96.0
HEADER_HEIGHT = 30.0
FOOTER_HEIGHT = 28.0
MARGIN_MM = 15.0
MARK_POINT_SIZE = 8.0  # header and footer
OVERVIEW_IMAGE = "tfbb-overview:matrix.png"
PDF_RESOLUTION = 300
DOCUMENT_LANGUAGE = "sv"  # the catalogue's language

STYLE = """<style>
body { font-size: 10pt; }
h1 { font-size: 17pt; margin-top: 0; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 11pt; margin-top: 10px; margin-bottom: 3px; }
p { margin-top: 2px; margin-bottom: 4px; }
.kind, .muted { color: #505050; }
table.grid { border-collapse: collapse; }
table.grid th { background-color: #e8e8e8; text-align: left; }
table.toc td { padding: 1px 4px; }
.note { color: #404040; font-size: 9pt; }
</style>"""


class Printing(QObject):
    """The plural forms of this module (a class, so that lupdate sees them as plurals)."""

    def per_component(self, principals: int) -> str:
        return self.tr("Per model component, of %n principal(s):", "", principals)

    def saved(self, pages: int) -> str:
        return self.tr("Saved %1 (%n page(s)).", "", pages)


def esc(text: object) -> str:
    """Catalogue text as HTML text: escaped, line breaks kept."""
    return html.escape(str(text)).replace("\r\n", "\n").replace("\n", "<br/>")


def catalogue_version_line(conn: sqlite3.Connection) -> str:
    return overview_page.catalogue_line(conn) or translate("Printing", "No catalogue")


def _printed() -> str:
    return translate("Printing", "Printed %1").replace("%1", date.today().isoformat())


# HTML ------------------------------------------------------------------------------------

def _heading(level: int, text: str, anchor: str = "", *, new_page: bool = False) -> str:
    """A heading; one with an ``anchor`` is marked for :meth:`PagedDocument.anchor_pages`."""
    style = "page-break-before: always; " if new_page else ""
    mark = f' data-anchor="{esc(anchor)}"' if anchor else ""
    style += "-qt-user-state: 1;" if anchor else ""
    return f'<h{level}{mark} style="{style}">{esc(text)}</h{level}>'


def _muted(text: str) -> str:
    return f"<p class='muted'>{esc(text)}</p>"


def _labelled(label: str, value_html: str) -> str:
    return f"<p><b>{esc(label)}:</b> {value_html}</p>"


def _grid(head: Sequence[str], rows: Sequence[str]) -> str:
    """A table of ``rows`` (each its <td> cells); the header row repeats on each page."""
    cells = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join(f"<tr>{row}</tr>" for row in rows)
    return ('<table class="grid" width="100%" border="1" cellspacing="0" cellpadding="4">'
            f"<thead><tr>{cells}</tr></thead>{body}</table>")


def entry_html(conn: sqlite3.Connection, entity_type: str, entity_id: str, *,
               level: int = 2, new_page: bool = False) -> str:
    """One entry in full; a principal as its sheet."""
    detail = queries.detail(conn, entity_type, entity_id)
    if detail is None:
        return ""
    kind = labels.type_name(entity_type)
    if detail.kind_label and entity_type != "contacts":
        kind += f" · {isolated(detail.kind_label)}"
    parts = [_heading(level, detail.title, f"{entity_type}-{entity_id}", new_page=new_page),
             f'<p class="kind">{esc(kind)}</p>']
    parts += [_labelled(labels.translate("Labels", label), esc(value))
              for _name, label, value in detail.fields if value]
    if entity_type != "contacts":  # a contact's e-mail and phone are among its fields
        website = translate("Printing", "Website")
        parts += [_labelled(website if entity_type == "principals" else link.label,
                            esc(link.url)) for link in detail.links]
    if entity_type == "principals":
        parts.append(_principal_sections(conn, detail, level + 1))
    else:
        parts += [_labelled(labels.section_title(related_type),
                            ", ".join(esc(isolated(r.title)) for r in refs))
                  for related_type, refs in detail.related if refs]
    return "".join(parts)


def _principal_sections(conn: sqlite3.Connection, detail: queries.Detail, level: int) -> str:
    """A principal's contacts, examples, ongoing work and the model's status."""
    contacts = contact_records(conn, principal_contact_ids(conn, detail.entity_id))
    parts = [_heading(level, f"{labels.section_title('contacts')} ({len(contacts)})")]
    # E-mail and phone columns only when some contact has them.
    with_email, with_phone = any(c.email for c in contacts), any(c.phone for c in contacts)
    head = [translate("Printing", "Name"), *(labels.field_label("contacts", f) for f in (
        "title", "roles", *("email",) * with_email, *("phone",) * with_phone))]
    rows = []
    for c in contacts:
        name = f"<b>{esc(isolated(c.name))}</b>" + (f"<br/>{esc(isolated(c.unit))}" if c.unit
                                                     else "")
        if c.valid_until:
            name += "<br/>" + esc(translate("Printing", "Assignment until %1").replace(
                "%1", c.valid_until))
        cells = [name, esc(c.title), esc(", ".join(c.roles))]
        cells += [esc(c.email)] * with_email + [esc(c.phone)] * with_phone
        rows.append("".join(f"<td>{cell}</td>" for cell in cells))
    parts.append(_grid(head, rows) if rows else _muted(labels.empty_related("contacts")))

    related = dict(detail.related)
    for entity_type in ("examples", "work"):
        refs = related.get(entity_type, [])
        parts.append(_heading(level, f"{labels.section_title(entity_type)} ({len(refs)})"))
        parts += [_summary(conn, ref) for ref in refs] or [_muted(
            labels.empty_related(entity_type))]

    parts.append(_heading(level, translate("Printing", "Implementation of the model")))
    matrix = core_overview.build(conn) if detail.components else None
    rows = [_status_row(matrix, state) for state in detail.components] if matrix else []
    head = [translate("Printing", "Component"), translate("Printing", "Status"),
            translate("Printing", "Note")]
    parts.append(_grid(head, rows) if rows else _muted(translate(
        "Printing", "No status is recorded.")))
    return "".join(parts)


def _status_row(matrix: core_overview.Overview, state: queries.ComponentState) -> str:
    background, foreground = overview_page.colours(matrix, state.status)
    return (f"<td>{esc(state.component.label)}</td>"
            f'<td bgcolor="{background}" style="color: {foreground};">'
            f"{esc(overview_page.glyph_and_words(matrix, state.status))}</td>"
            f'<td class="note">{esc(state.note)}</td>')


def _summary(conn: sqlite3.Connection, ref: queries.Ref) -> str:
    """An example or work item in short: title, kind (status and date), summary."""
    detail = queries.detail(conn, ref.entity_type, ref.entity_id)
    if detail is None:
        return ""
    facts = {name: value for name, _label, value in detail.fields}
    meta = ([facts.get("status", ""), detail.kind_label, facts.get("when", "")]
            if ref.entity_type == "work" else [detail.kind_label])
    line = " · ".join(esc(isolated(m)) for m in meta if m)
    summary = facts.get("summary", "")
    return (f"<p><b>{esc(isolated(detail.title))}</b>"
            + (f' <span class="muted">– {line}</span>' if line else "")
            + (f"<br/>{esc(summary)}" if summary else "") + "</p>")


def overview_html(matrix: core_overview.Overview) -> str:
    """The overview: the matrix as an image (:func:`overview_image`), then its counts per
    component as text."""
    if not matrix.rows:
        return _muted(translate("Printing", "No status is recorded."))
    parts = [f'<p><img src="{OVERVIEW_IMAGE}" width="{int(a4_body_size()[0])}"/></p>',
             f"<p><b>{esc(Printing().per_component(len(matrix.rows)))}</b></p><ul>"]
    for component in matrix.components:
        first, second = overview_page.totals_text(matrix, component_id=component.id)
        parts.append(f"<li>{esc(component.label)}: {esc(first)}; {esc(second)}</li>")
    explanation = translate("Printing", "“%1” is the highest status; a known status is any "
                            "status above “%2”.")
    lowest = matrix.statuses[0].label if matrix.statuses else ""
    explanation = esc(explanation).replace(
        "%1", esc(overview_page.in_place_label(matrix))).replace("%2", esc(lowest))
    return "".join(parts) + f"</ul><p class='note'>{explanation}</p>"


def overview_image(conn: sqlite3.Connection) -> QImage:
    """The overview matrix for print: compact, with short names, at print resolution."""
    return overview_page.render_image(
        core_overview.build(conn), translate("Printing", "The model at each principal"),
        catalogue_version_line(conn), scale=3.0, column_width=100, short_names=True)


def booklet_html(conn: sqlite3.Connection, entries: Sequence[tuple[str, str]] | None = None,
                 *, title: str = "", pages: dict[str, int] | None = None,
                 overview: bool | None = None,
                 step: Callable[[int, int], None] = lambda _done, _total: None) -> str:
    """The booklet: title page with contents, the overview, then the entries by type.

    ``entries`` is a list of (entity type, id), e.g. a search result; None is every principal,
    example and work item (contacts are on their principal's sheet). ``pages`` maps anchors to
    page numbers for the contents. ``overview`` says whether the overview (of all principals)
    is in it; None: when the booklet has principals. ``step(done, total)`` is called before
    each entry (for progress and cancel).
    """
    if entries is None:
        entries = [(t, i) for t in ("principals", "examples", "work")
                   for i in queries.list_ids(conn, t)]
    found = [(t, queries.refs(conn, t, [i for k, i in entries if k == t], keep_order=True))
             for t in queries.ENTITY_TYPES]
    chosen = {t: refs for t, refs in found if refs}  # no duplicates, no entries that are gone
    if overview is None:
        overview = "principals" in chosen

    meta = queries.meta(conn)
    subtitle = translate("Printing", "Tillsammans för barnens bästa in Sörmland")
    title = title or translate("Printing", "TFBB Katalog – the catalogue")
    parts = [STYLE, _heading(1, title), f"<p>{esc(subtitle)}</p>"]
    if meta is not None:
        publisher = f" · {meta.publisher_name}" if meta.publisher_name else ""
        parts.append(_muted(catalogue_version_line(conn) + publisher))
    parts += [_muted(_printed()), _heading(2, translate("Printing", "Contents")),
              '<table class="toc" width="100%" cellspacing="0">']

    def toc_row(text_html: str, anchor: str) -> str:
        number = pages.get(anchor, "") if pages else "000"
        return f"<tr><td>{text_html}</td><td align='right' width='40'>{number}</td></tr>"

    overview_title = translate("Printing", "Overview")
    if overview:
        parts.append(toc_row(f"<b>{esc(overview_title)}</b>", "overview"))
    for entity_type, refs in chosen.items():
        parts.append(toc_row(f"<b>{esc(labels.section_title(entity_type))}</b>",
                             f"section-{entity_type}"))
        parts += [toc_row("&nbsp;" * 6 + esc(r.title), f"{entity_type}-{r.entity_id}")
                  for r in refs]
    parts.append("</table>")

    if overview:
        parts.append(_heading(1, overview_title, "overview", new_page=True))
        parts.append(overview_html(core_overview.build(conn)))
    total, done = sum(len(refs) for refs in chosen.values()), 0
    for entity_type, refs in chosen.items():
        parts.append(_heading(1, labels.section_title(entity_type), f"section-{entity_type}",
                              new_page=True))
        principal = entity_type == "principals"  # each on its own page
        for position, ref in enumerate(refs):
            step(done, total)
            done += 1
            parts += [entry_html(conn, entity_type, ref.entity_id,
                                 new_page=principal and position > 0), "" if principal else "<hr/>"]
    return "".join(parts)


# Pages ------------------------------------------------------------------------------------

def _image(width: int, height: int, dpi: float) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    return image


@functools.cache
def _layout_device() -> QImage:
    """A paint device of exactly 96 dpi for the text layout (fonts are in points)."""
    return _image(1, 1, DPI)


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def a4_body_size() -> tuple[float, float]:
    """The paintable area of an A4 page with our margins, in 96-dpi units."""
    rect = a4_layout().paintRectPoints()
    return rect.width() * DPI / 72.0, rect.height() * DPI / 72.0


def _device_size(device: QPagedPaintDevice) -> tuple[float, float]:
    return (device.width() * DPI / device.logicalDpiX(),
            device.height() * DPI / device.logicalDpiY())


class PagedDocument:
    """``html`` laid out on pages of ``size`` (the paintable area in 96-dpi units; A4 with our
    margins by default), with a header and a footer on each page; ``images`` are the
    resources its HTML names."""

    def __init__(self, html_text: str, title: str, header_right: str,
                 size: tuple[float, float] | None = None,
                 images: dict[str, QImage] | None = None) -> None:
        self.html, self.title, self.header_right = html_text, title, header_right
        self.images = images or {}
        self.width, height = size or a4_body_size()
        self.body_height = height - HEADER_HEIGHT - FOOTER_HEIGHT
        self.document = QTextDocument()
        self.document.documentLayout().setPaintDevice(_layout_device())
        for name, image in self.images.items():
            self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                                      image)
        font = QFont()
        font.setPointSizeF(10.0)
        self.document.setDefaultFont(font)
        self.document.setDocumentMargin(0)
        self.document.setHtml(html_text)
        # Setting the page size last lays the whole document out at once; changes made after
        # a layout are laid out lazily (on a timer), which a print run never waits for.
        self.document.setPageSize(QSizeF(self.width, self.body_height))
        self.document.pageCount()  # finishes the layout, which Qt otherwise does in steps

    def page_count(self) -> int:
        return max(1, self.document.pageCount())

    def anchor_pages(self) -> dict[str, int]:
        """The page number (from 1) of every heading with an anchor: its block has the user
        state 1 (an anchor in the text would split the heading's first letter from the rest
        in the PDF's text), and its name is in the HTML, in the same order."""
        names = [html.unescape(n) for n in re.findall(r'data-anchor="([^"]*)"', self.html)]
        layout, tops = self.document.documentLayout(), []
        block = self.document.begin()
        while block.isValid():  # one pass (a lookup by number per block is a search each)
            if block.userState() == 1:
                tops.append(layout.blockBoundingRect(block).top())
            block = block.next()
        return {name: int(top // self.body_height) + 1
                for name, top in zip(names, tops, strict=True)}

    def _mark(self, painter: QPainter, text: str, top: float, height: float,
              right: bool = False) -> None:
        """A line of the header or footer, at 8 pt, centred in ``height`` below ``top``.

        It is laid out for the 96-dpi layout device, like the document itself, so that the
        painter's scale to the device gives it its point size at any resolution (a font set
        on the painter would be sized for the device and then scaled once more)."""
        font = QFont(self.document.defaultFont())
        font.setPointSizeF(MARK_POINT_SIZE)
        layout = QTextLayout(text, font, _layout_device())
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(self.width)
        layout.endLayout()
        x = self.width - line.naturalTextWidth() if right else 0.0
        layout.draw(painter, QPointF(x, top + (height - line.height()) / 2))

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint page ``index`` (from 0) at the painter's origin, in 96-dpi units."""
        title = self.title if self.title.startswith(APP_NAME) else f"{APP_NAME} · {self.title}"
        bottom = HEADER_HEIGHT + self.body_height
        page = translate("Printing", "Page %1 of %2").replace("%1", str(index + 1)).replace(
            "%2", str(self.page_count()))
        painter.save()
        painter.setPen(QColor("#404040"))
        self._mark(painter, title, 0, HEADER_HEIGHT - 8)
        self._mark(painter, self.header_right, 0, HEADER_HEIGHT - 8, right=True)
        self._mark(painter, f"{self.header_right} · {_printed()}", bottom + 8, FOOTER_HEIGHT - 8)
        self._mark(painter, page, bottom + 8, FOOTER_HEIGHT - 8, right=True)
        painter.setPen(QColor("#9a9a9a"))
        painter.drawLine(0, int(HEADER_HEIGHT - 6), int(self.width), int(HEADER_HEIGHT - 6))
        painter.drawLine(0, int(bottom + 6), int(self.width), int(bottom + 6))
        painter.translate(0, HEADER_HEIGHT - index * self.body_height)
        self.document.drawContents(painter, QRectF(0, index * self.body_height, self.width,
                                                   self.body_height))  # clipped to the page
        painter.restore()

    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint the pages on a PDF writer, or on a printer those it asks for; return how
        many."""
        total = self.page_count()
        first, last = ((device.fromPage(), device.toPage()) if isinstance(device, QPrinter)
                       else (0, 0))
        wanted = range(first - 1, min(last or total, total)) if first > 0 else range(total)
        painter = QPainter()
        if not painter.begin(device):
            raise OSError(translate("Printing", "Could not start printing."))
        try:
            painter.scale(device.logicalDpiX() / DPI, device.logicalDpiY() / DPI)
            for position, index in enumerate(wanted):
                if position:
                    device.newPage()
                self.paint_page(painter, index)
        finally:
            painter.end()
        return len(wanted)

    def page_image(self, index: int = 0, dpi: float = 110.0) -> QImage:
        """Page ``index`` as an image of the whole A4 sheet (margins included)."""
        layout = a4_layout()
        full, paint = layout.fullRectPoints(), layout.paintRectPoints()
        scale = dpi / 72.0
        image = _image(round(full.width() * scale), round(full.height() * scale), dpi)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        painter.translate(paint.x() * scale, paint.y() * scale)
        painter.scale(dpi / DPI, dpi / DPI)
        self.paint_page(painter, index)
        painter.end()
        return image


def make_sheet(conn: sqlite3.Connection, entity_id: str, size: tuple[float, float] | None = None,
               entity_type: str = "principals") -> PagedDocument:
    """A principal's sheet, or one entry of another type, on its pages."""
    title = queries.name_of(conn, entity_type, entity_id) or entity_id
    return PagedDocument(STYLE + entry_html(conn, entity_type, entity_id, level=1), title,
                         catalogue_version_line(conn), size)


def make_booklet(conn: sqlite3.Connection, entries: Sequence[tuple[str, str]] | None = None,
                 title: str = "", overview: bool | None = None,
                 progress: Progress = lambda _text, _fraction: None,
                 cancelled: Callable[[], bool] = lambda: False) -> PagedDocument:
    """The booklet (see :func:`booklet_html`), laid out twice so that the contents give the
    right page numbers. The overview's image is drawn only for a booklet that shows it.

    ``progress(text, fraction)`` hears how far it is; when ``cancelled()`` turns true, it
    stops with :class:`~.worker.TaskCancelled`."""

    def stepper(start: float, text: str) -> Callable[[int, int], None]:
        def step(done: int, total: int) -> None:
            check_cancelled(cancelled)
            if total:
                progress(text, start + 0.45 * done / total)
        return step

    title = title or translate("Printing", "TFBB Katalog – the catalogue")
    version = catalogue_version_line(conn)
    first = booklet_html(conn, entries, title=title, overview=overview,
                         step=stepper(0.0, translate("Printing", "Contents")))
    images = {OVERVIEW_IMAGE: overview_image(conn)} if f'src="{OVERVIEW_IMAGE}"' in first else {}
    pages = PagedDocument(first, title, version, images=images).anchor_pages()
    second = booklet_html(conn, entries, title=title, pages=pages, overview=overview,
                          step=stepper(0.5, translate("Printing", "Pages")))
    check_cancelled(cancelled)
    return PagedDocument(second, title, version, images=images)


# PDF --------------------------------------------------------------------------------------

def write_pdf(document: PagedDocument, path: Path, resolution: int = PDF_RESOLUTION) -> int:
    """Write the document as PDF (at ``resolution`` dots per inch); return the number of
    pages. Its XMP metadata takes the place of Qt's, to give the document's language
    (dc:language), which Qt writes none of."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    xmp = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{html.escape(document.title)}</rdf:li></rdf:Alt>
   </dc:title>
   <dc:language><rdf:Bag><rdf:li>{DOCUMENT_LANGUAGE}</rdf:li></rdf:Bag></dc:language>
   <dc:format>application/pdf</dc:format>
   <xmp:CreatorTool>{APP_NAME}</xmp:CreatorTool>
   <xmp:CreateDate>{now}</xmp:CreateDate>
   <xmp:ModifyDate>{now}</xmp:ModifyDate>
   <pdf:Producer>Qt {qVersion()}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()
    writer = QPdfWriter(str(path))
    writer.setPageLayout(a4_layout())
    writer.setResolution(resolution)
    writer.setTitle(document.title)
    writer.setCreator(APP_NAME)
    writer.setDocumentXmpMetadata(xmp)
    return document.paint(writer)


# With the window: dialogs and menu actions -----------------------------------------------------

def _principal_shown(nav: Navigator) -> tuple[str, str] | None:
    """(id, name) of the principal shown, or of the principal of the contact shown; None
    (and a word in the status bar) if there is none."""
    current = nav.detail.current if nav.ctx is not None else None
    if current is not None and current.entity_type == "principals":
        return current.entity_id, current.title
    if current is not None and current.entity_type == "contacts":
        refs = dict(current.related).get("principals", [])
        if refs:
            return refs[0].entity_id, refs[0].title
    nav.statusBar().showMessage(translate(
        "Printing", "Open a principal (or one of its contact persons) first."), 6000)
    return None


def _save_pdf(nav: Navigator, path: Path | None, title: str, name: str, label: str,
              make: Make) -> Task | None:
    """Ask for ``path`` unless given, then make the document on the runner, write it there as
    PDF and tell how many pages it has."""
    ctx = nav.ctx
    if ctx is None:
        return None
    target = path or ask_save_path(nav, title, name,
                                   translate("Printing", "PDF files (*.pdf)"), ".pdf")
    if target is None:
        return None

    def work(conn: sqlite3.Connection, progress: Progress, cancelled: Callable[[], bool]
             ) -> int:
        document = make(conn, progress, cancelled)
        progress(translate("Printing", "Writing the PDF"), 0.95)
        return write_pdf(document, target)

    def saved(pages: int) -> None:
        if target.exists():
            message = Printing().saved(pages).replace("%1", str(target))
        else:
            message = translate("Printing", "The PDF could not be written: %1").replace(
                "%1", str(target))
        nav.statusBar().showMessage(message, 8000)

    return run_on_catalogue(nav.window(), ctx.paths, work, saved, label)


def save_principal_pdf_action(nav: Navigator, path: Path | None = None) -> Task | None:
    """Save the sheet of the principal shown as PDF (the task's result: its page count)."""
    chosen = _principal_shown(nav)
    if chosen is None:
        return None
    principal_id, name = chosen
    return _save_pdf(nav, path, translate("Printing", "Save principal sheet as PDF"),
                     f"{file_stem(name)}.pdf", translate("Printing", "Saving the principal sheet"),
                     lambda conn, _progress, _cancelled: make_sheet(conn, principal_id))


def save_booklet_pdf_action(nav: Navigator, path: Path | None = None,
                            entries: Sequence[tuple[str, str]] | None = None) -> Task | None:
    """Save the booklet as PDF, with progress and cancel (the task's result: its page
    count)."""
    return _save_pdf(nav, path, translate("Printing", "Save booklet as PDF"),
                     "tfbb-katalog.pdf", translate("Printing", "Saving the booklet"),
                     lambda conn, progress, cancelled: make_booklet(
                         conn, entries, progress=progress, cancelled=cancelled))


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(a4_layout())
    return printer


def print_principal_action(nav: Navigator) -> Task | None:
    """Print the current principal's sheet through the print dialog; the sheet is made and
    painted on the runner (Qt paints on a printer from any thread)."""
    ctx = nav.ctx
    chosen = _principal_shown(nav)
    if ctx is None or chosen is None:
        return None
    printer = _printer()
    dialog = QPrintDialog(printer, nav.window())
    dialog.setWindowTitle(translate("Printing", "Print principal sheet"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    principal_id = chosen[0]
    return run_on_catalogue(
        nav, ctx.paths,
        lambda conn, _p, _c: make_sheet(conn, principal_id, _device_size(printer)).paint(printer),
        lambda _pages: None, translate("Printing", "Printing"))


def print_preview_action(nav: Navigator) -> Task | None:
    """"Print …": the entry shown, else the booklet, is made on the runner, then shown in a
    print preview, from which it is printed (the preview paints on the GUI thread, as the
    dialog asks for it, so the document is laid out there again for the printer's page)."""
    ctx = nav.ctx
    if ctx is None:
        return None
    current = nav.detail.current if nav.detail.isVisible() else None

    def work(conn: sqlite3.Connection, progress: Progress, cancelled: Callable[[], bool]
             ) -> tuple[str, str, str, dict[str, QImage]]:
        document = (make_booklet(conn, progress=progress, cancelled=cancelled) if current is None
                    else make_sheet(conn, current.entity_id, entity_type=current.entity_type))
        return document.html, document.title, document.header_right, document.images

    def preview(content: tuple[str, str, str, dict[str, QImage]]) -> bool:
        html_text, title, header_right, images = content
        printer = _printer()  # kept while the dialog is open
        dialog = QPrintPreviewDialog(printer, nav.window())
        dialog.setWindowTitle(translate("Printing", "Print"))
        dialog.resize(nav.window().size())  # room for its whole toolbar, Print included
        dialog.paintRequested.connect(lambda target: PagedDocument(
            html_text, title, header_right, _device_size(target), images).paint(target))
        return dialog.exec() == QDialog.DialogCode.Accepted

    return run_on_catalogue(nav.window(), ctx.paths, work, preview,
                            translate("Printing", "Preparing the print"))
