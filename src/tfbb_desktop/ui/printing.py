"""Print and PDF: a principal's sheet and a booklet of the catalogue (or of a list of entries).

Documents are :class:`QTextDocument` s built from our own HTML, in which every text that comes
from the catalogue is escaped with :func:`html.escape` (:func:`esc`): nothing in an export is
ever read as HTML. Pages are painted by :class:`PagedDocument`, which adds a header (the
document's title, the catalogue's version and date) and a footer (page number, print date) to
every page, the same way for the printer, a PDF file and a preview image.

Layout happens at a fixed 96 dots per inch, so a page looks the same on every screen; the
painter is scaled to the printer's resolution.
"""

from __future__ import annotations

import html
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QMarginsF,
    QObject,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
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
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLayout,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from tfbb_desktop import APP_NAME
from tfbb_desktop.core.outputs.contacts import contact_records, principal_contact_ids
from tfbb_desktop.core.store import overview as core_overview
from tfbb_desktop.core.store import queries
from tfbb_desktop.ui import names as labels
from tfbb_desktop.ui.pages.base import ask_save_path
from tfbb_desktop.ui.pages.overview import (
    colours,
    component_counts,
    glyph,
    in_place_label,
    render_image,
    status_text,
)
from tfbb_desktop.ui.worker import Task, check_cancelled, run_on_catalogue

Progress = Callable[[str, float], None]

if TYPE_CHECKING:
    from tfbb_desktop.ui.main_window import MainWindow

translate = QCoreApplication.translate

DPI = 96.0
HEADER_HEIGHT = 30.0
FOOTER_HEIGHT = 28.0
MARGIN_MM = 15.0
BASE_POINT_SIZE = 10.0
MARK_POINT_SIZE = 8.0  # header and footer


def esc(text: object) -> str:
    """Catalogue text as HTML text: escaped, line breaks kept."""
    return html.escape(str(text), quote=True).replace("\r\n", "\n").replace("\n", "<br/>")


# Catalogue facts for headers -------------------------------------------------------------

def catalogue_version_line(conn: sqlite3.Connection) -> str:
    meta = queries.meta(conn)
    if meta is None:
        return translate("Printing", "No catalogue")
    return translate("Printing", "Catalogue version %1 of %2").replace(
        "%1", str(meta.dataset_version)).replace("%2", meta.created[:10])


# HTML ------------------------------------------------------------------------------------

STYLE = """
<style>
body { font-size: 10pt; }
h1 { font-size: 17pt; margin-top: 0; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 11pt; margin-top: 10px; margin-bottom: 3px; }
p { margin-top: 2px; margin-bottom: 4px; }
.kind { color: #505050; }
.muted { color: #505050; }
table.grid { border-collapse: collapse; }
table.grid th { background-color: #e8e8e8; text-align: left; }
table.toc td { padding: 1px 4px; }
.note { color: #404040; font-size: 9pt; }
</style>
"""


def _heading(level: int, text: str, anchor: str = "", *, new_page: bool = False) -> str:
    style = ' style="page-break-before: always;"' if new_page else ""
    inner = f'<a name="{esc(anchor)}">{esc(text)}</a>' if anchor else esc(text)
    return f"<h{level}{style}>{inner}</h{level}>"


def _field_rows(fields: list[tuple[str, str, str]]) -> str:
    out = []
    for _name, label, value in fields:
        if value:
            out.append(f"<p><b>{esc(labels.translate('Labels', label))}:</b> {esc(value)}</p>")
    return "".join(out)


def _grid_start(head: Sequence[str]) -> str:
    """The start of a table with a header row, which is repeated on each page it runs on."""
    cells = "".join(f"<th>{esc(h)}</th>" for h in head)
    return ('<table class="grid" width="100%" border="1" cellspacing="0" cellpadding="4">'
            f"<thead><tr>{cells}</tr></thead>")


def anchor_for(entity_type: str, entity_id: str) -> str:
    return f"{entity_type}-{entity_id}"


def principal_html(conn: sqlite3.Connection, principal_id: str, *, level: int = 1,
                   new_page: bool = False) -> str:
    """A principal's sheet: description, contacts, examples, ongoing work, the model's status."""
    detail = queries.detail(conn, "principals", principal_id)
    if detail is None:
        return ""
    sub = level + 1
    parts = [_heading(level, detail.title, anchor_for("principals", principal_id),
                      new_page=new_page)]
    parts.append(f'<p class="kind">{esc(labels.type_name("principals"))} · '
                 f"{esc(detail.kind_label)}</p>")
    parts.append(_field_rows(detail.fields))
    website = translate("Printing", "Website")
    for link in detail.links:
        parts.append(f"<p><b>{esc(website)}:</b> {esc(link.url)}</p>")

    contacts = contact_records(conn, principal_contact_ids(conn, principal_id))
    parts.append(_heading(sub, f"{labels.section_title('contacts')} ({len(contacts)})"))
    if contacts:
        # E-mail and phone columns only when some contact has them.
        with_email = any(c.email for c in contacts)
        with_phone = any(c.phone for c in contacts)
        head = [translate("Printing", "Name"), labels.field_label("contacts", "title"),
                labels.field_label("contacts", "roles")]
        head += [labels.field_label("contacts", "email")] if with_email else []
        head += [labels.field_label("contacts", "phone")] if with_phone else []
        parts.append(_grid_start(head))
        for c in contacts:
            name = f"<b>{esc(c.name)}</b>" + (f"<br/>{esc(c.unit)}" if c.unit else "")
            if c.valid_until:
                name += "<br/>" + esc(translate("Printing", "Assignment until %1").replace(
                    "%1", c.valid_until))
            cells = [name, esc(c.title), esc(", ".join(c.roles))]
            cells += [esc(c.email)] if with_email else []
            cells += [esc(c.phone)] if with_phone else []
            parts.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        parts.append("</table>")
    else:
        parts.append(f"<p class='muted'>{esc(labels.empty_related('contacts'))}</p>")

    related = dict(detail.related)
    for entity_type in ("examples", "work"):
        refs = related.get(entity_type, [])
        parts.append(_heading(sub, f"{labels.section_title(entity_type)} ({len(refs)})"))
        if not refs:
            parts.append(f"<p class='muted'>{esc(labels.empty_related(entity_type))}</p>")
        for ref in refs:
            parts.append(_related_summary(conn, ref))

    parts.append(_heading(sub, translate("Printing", "Implementation of the model")))
    if detail.components:
        matrix = core_overview.build(conn)
        head = [translate("Printing", "Component"), translate("Printing", "Status"),
                translate("Printing", "Note")]
        parts.append(_grid_start(head))
        for state in detail.components:
            cell = core_overview.Cell(state.status, state.note)
            background, foreground = colours(matrix, state.status)
            parts.append(
                f"<tr><td>{esc(state.component.label)}</td>"
                f'<td bgcolor="{background}" style="color: {foreground};">'
                f"{esc(glyph(matrix, state.status))} {esc(status_text(matrix, cell))}</td>"
                f'<td class="note">{esc(state.note)}</td></tr>')
        parts.append("</table>")
    else:
        parts.append(f"<p class='muted'>{esc(_no_status())}</p>")
    return "".join(parts)


def _no_status() -> str:
    return translate("Printing", "No status is recorded.")


def _related_summary(conn: sqlite3.Connection, ref: queries.Ref) -> str:
    detail = queries.detail(conn, ref.entity_type, ref.entity_id)
    if detail is None:
        return ""
    facts = {name: value for name, _label, value in detail.fields}
    meta = [detail.kind_label]
    if ref.entity_type == "work":
        meta = [facts.get("status", ""), detail.kind_label, facts.get("when", "")]
    line = " · ".join(esc(m) for m in meta if m)
    summary = facts.get("summary", "")
    out = f"<p><b>{esc(detail.title)}</b>" + (f' <span class="muted">– {line}</span>'
                                               if line else "")
    if summary:
        out += f"<br/>{esc(summary)}"
    return out + "</p>"


def entry_html(conn: sqlite3.Connection, entity_type: str, entity_id: str, *,
               level: int = 2, new_page: bool = False) -> str:
    """One entry in full (a principal as its sheet)."""
    if entity_type == "principals":
        return principal_html(conn, entity_id, level=level, new_page=new_page)
    detail = queries.detail(conn, entity_type, entity_id)
    if detail is None:
        return ""
    parts = [_heading(level, detail.title, anchor_for(entity_type, entity_id),
                      new_page=new_page)]
    kind = labels.type_name(entity_type)
    if detail.kind_label and entity_type != "contacts":
        kind += f" · {detail.kind_label}"
    parts.append(f'<p class="kind">{esc(kind)}</p>')
    parts.append(_field_rows(detail.fields))
    for link in detail.links:
        if entity_type == "contacts":
            continue  # e-mail and phone are already among the fields
        parts.append(f"<p><b>{esc(link.label)}:</b> {esc(link.url)}</p>")
    for related_type, refs in detail.related:
        if refs:
            names = ", ".join(esc(r.title) for r in refs)
            parts.append(f"<p><b>{esc(labels.section_title(related_type))}:</b> {names}</p>")
    return "".join(parts)


OVERVIEW_IMAGE = "tfbb-overview:matrix.png"


def overview_html(matrix: core_overview.Overview, image_name: str = OVERVIEW_IMAGE) -> str:
    """The overview: the matrix as an image (resource ``image_name``, see
    :func:`overview_image`), then its counts per component as text."""
    if not matrix.rows:
        return f"<p class='muted'>{esc(_no_status())}</p>"
    parts = [f'<p><img src="{esc(image_name)}" width="{int(a4_body_size()[0])}"/></p>']
    intro = Printing().per_component(len(matrix.rows))
    parts.append(f"<p><b>{esc(intro)}</b></p><ul>")
    for component in matrix.components:
        first, second = component_counts(matrix, component.id)
        parts.append(f"<li>{esc(component.label)}: {esc(first)}; {esc(second)}</li>")
    parts.append("</ul>")
    explanation = translate("Printing", "“%1” is the highest status; a known status is any "
                            "status above “%2”.")
    lowest = matrix.statuses[0].label if matrix.statuses else ""
    explanation = esc(explanation).replace("%1", esc(in_place_label(matrix))).replace(
        "%2", esc(lowest))
    parts.append(f"<p class='note'>{explanation}</p>")
    return "".join(parts)


def overview_image(conn: sqlite3.Connection) -> QImage:
    """The overview matrix for print: compact, with short names, at print resolution."""
    return render_image(core_overview.build(conn),
                        translate("Printing", "The model at each principal"),
                        catalogue_version_line(conn), scale=3.0, column_width=100,
                        short_names=True)


def whole_catalogue(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every principal, example and work item (contacts are on their principal's sheet)."""
    return [(t, i) for t in ("principals", "examples", "work") for i in queries.list_ids(conn, t)]


def booklet_html(conn: sqlite3.Connection, entries: Sequence[tuple[str, str]] | None = None,
                 *, title: str = "", pages: dict[str, int] | None = None,
                 overview: bool | None = None,
                 step: Callable[[int, int], None] | None = None) -> str:
    """The booklet: title page with contents, the overview, then the entries by type.

    ``entries`` is a list of (entity type, id), e.g. a search result; None is the whole
    catalogue. ``pages`` maps anchors to page numbers for the table of contents. ``overview``
    says whether the overview (of all principals) is in it; None: when the booklet has
    principals. ``step(done, total)`` is called before each entry (for progress and cancel).
    """
    chosen = whole_catalogue(conn) if entries is None else list(dict.fromkeys(entries))
    by_type: dict[str, list[str]] = {}
    for entity_type, entity_id in chosen:
        if entity_type in queries.ENTITY_TYPES and queries.exists(conn, entity_type, entity_id):
            by_type.setdefault(entity_type, []).append(entity_id)
    meta = queries.meta(conn)
    heading = title or translate("Printing", "TFBB Katalog – the catalogue")
    parts = [STYLE, _heading(1, heading)]
    subtitle = translate("Printing", "Tillsammans för barnens bästa in Sörmland")
    parts.append(f"<p>{esc(subtitle)}</p>")
    if meta is not None:
        parts.append(f"<p class='muted'>{esc(catalogue_version_line(conn))}"
                     + (f" · {esc(meta.publisher_name)}" if meta.publisher_name else "")
                     + "</p>")
    printed = translate("Printing", "Printed %1").replace("%1", date.today().isoformat())
    parts.append(f"<p class='muted'>{esc(printed)}</p>")

    if overview is None:
        overview = bool(by_type.get("principals"))
    # Table of contents.
    toc: list[tuple[int, str, str]] = []
    if overview:
        toc.append((1, translate("Printing", "Overview"), "overview"))
    names: dict[tuple[str, str], str] = {}
    for entity_type in queries.ENTITY_TYPES:
        ids = by_type.get(entity_type, [])
        if not ids:
            continue
        toc.append((1, labels.section_title(entity_type), f"section-{entity_type}"))
        for ref in queries.refs(conn, entity_type, ids, keep_order=True):
            names[(entity_type, ref.entity_id)] = ref.title
            toc.append((2, ref.title, anchor_for(entity_type, ref.entity_id)))
    parts.append(_heading(2, translate("Printing", "Contents")))
    parts.append('<table class="toc" width="100%" cellspacing="0">')
    for level, text, anchor in toc:
        number = str(pages.get(anchor, "")) if pages else "000"
        indent = "&nbsp;" * 6 if level == 2 else ""
        label = esc(text) if level == 2 else f"<b>{esc(text)}</b>"
        parts.append(f"<tr><td>{indent}{label}</td><td align='right' width='40'>{number}</td>"
                     "</tr>")
    parts.append("</table>")

    if overview:
        parts.append(_heading(1, translate("Printing", "Overview"), "overview", new_page=True))
        parts.append(overview_html(core_overview.build(conn)))
    total, done = len(names), 0
    for entity_type in queries.ENTITY_TYPES:
        ids = [i for i in by_type.get(entity_type, []) if (entity_type, i) in names]
        if not ids:
            continue
        parts.append(_heading(1, labels.section_title(entity_type), f"section-{entity_type}",
                              new_page=True))
        for position, entity_id in enumerate(ids):
            if step is not None:
                step(done, total)
            done += 1
            new_page = entity_type == "principals" and position > 0
            parts.append(entry_html(conn, entity_type, entity_id, level=2, new_page=new_page))
            if entity_type != "principals":
                parts.append("<hr/>")
    return "".join(parts)


def sheet_html(conn: sqlite3.Connection, principal_id: str) -> str:
    return STYLE + principal_html(conn, principal_id, level=1)


# Pages ------------------------------------------------------------------------------------

def _layout_device() -> QImage:
    """A paint device of exactly 96 dpi for the text layout (fonts are in points)."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    dots = round(DPI / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return image


_LAYOUT_DEVICE: QImage | None = None


def layout_device() -> QImage:
    global _LAYOUT_DEVICE
    if _LAYOUT_DEVICE is None:
        _LAYOUT_DEVICE = _layout_device()
    return _LAYOUT_DEVICE


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


class Printing(QObject):
    """The plural forms of this module (a class, so that lupdate sees them as plurals)."""

    def per_component(self, principals: int) -> str:
        return self.tr("Per model component, of %n principal(s):", "", principals)

    def saved(self, pages: int) -> str:
        return self.tr("Saved %1 (%n page(s)).", "", pages)


def draw_line(painter: QPainter, text: str, font: QFont, rect: QRectF,
              align: Qt.AlignmentFlag) -> None:
    """One line of ``text`` at the left or right of ``rect``, centred in its height.

    The line is laid out for the 96-dpi layout device, like the document itself, so that the
    painter's scale to the printer gives it its point size at any resolution (a font set on
    the painter would be sized for the printer and then scaled once more)."""
    layout = QTextLayout(text, font, layout_device())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(rect.width())
    layout.endLayout()
    x = rect.left()
    if align & Qt.AlignmentFlag.AlignRight:
        x = rect.right() - line.naturalTextWidth()
    layout.draw(painter, QPointF(x, rect.top() + (rect.height() - line.height()) / 2))


@dataclass
class PagedDocument:
    """A document laid out on pages of ``width`` × ``height`` (96-dpi units, the paintable
    area), with a header and a footer on each page."""

    html: str
    title: str
    header_right: str
    width: float
    height: float
    base_font: QFont | None = None
    images: dict[str, QImage] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.document = QTextDocument()
        self.document.documentLayout().setPaintDevice(layout_device())
        for name, image in self.images.items():
            self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                                      image)
        font = QFont(self.base_font) if self.base_font is not None else QFont()
        font.setPointSizeF(BASE_POINT_SIZE)
        self.document.setDefaultFont(font)
        self.document.setDocumentMargin(0)
        self.document.setHtml(self.html)
        self.document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, self.title)
        self._anchors = self._take_anchors()
        # Setting the page size last lays the whole document out at once; changes made after
        # a layout are laid out lazily (on a timer), which a print run never waits for.
        self.document.setPageSize(QSizeF(self.width, self.body_height))
        self.document.pageCount()  # finishes the layout, which Qt otherwise does in steps

    @property
    def body_height(self) -> float:
        return self.height - HEADER_HEIGHT - FOOTER_HEIGHT

    def page_count(self) -> int:
        return max(1, self.document.pageCount())

    def _take_anchors(self) -> dict[str, int]:
        """The block number of every named anchor; the anchors' own formatting is removed, as
        it would split the first letter of a heading from the rest in the PDF's text."""
        found: dict[str, int] = {}
        spans: list[tuple[int, int, QTextCharFormat]] = []
        block = self.document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                it += 1
                fmt = fragment.charFormat()
                if fmt.isAnchor() and fmt.anchorNames():
                    for name in fmt.anchorNames():
                        found.setdefault(name, block.blockNumber())
                    spans.append((fragment.position(), fragment.length(), fmt))
            block = block.next()
        cursor = QTextCursor(self.document)
        for position, length, fmt in spans:
            plain = QTextCharFormat(fmt)
            for prop in (QTextFormat.Property.IsAnchor, QTextFormat.Property.AnchorName,
                         QTextFormat.Property.AnchorHref):
                plain.clearProperty(prop)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(plain)
        return found

    def anchor_pages(self) -> dict[str, int]:
        """The page number (from 1) of every named anchor in the document."""
        layout = self.document.documentLayout()
        pages: dict[str, int] = {}
        for name, number in self._anchors.items():
            block = self.document.findBlockByNumber(number)
            top = layout.blockBoundingRect(block).top()
            pages[name] = int(top // self.body_height) + 1
        return pages

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint page ``index`` (from 0) at the painter's origin, in 96-dpi units."""
        total = self.page_count()
        small = QFont(self.document.defaultFont())
        small.setPointSizeF(MARK_POINT_SIZE)
        left = Qt.AlignmentFlag.AlignLeft
        right = Qt.AlignmentFlag.AlignRight
        painter.save()
        painter.setPen(QColor("#404040"))
        top = QRectF(0, 0, self.width, HEADER_HEIGHT - 8)
        draw_line(painter, header_title(self.title), small, top, left)
        draw_line(painter, self.header_right, small, top, right)
        painter.setPen(QColor("#9a9a9a"))
        painter.drawLine(0, int(HEADER_HEIGHT - 6), int(self.width), int(HEADER_HEIGHT - 6))
        bottom_y = HEADER_HEIGHT + self.body_height
        painter.drawLine(0, int(bottom_y + 6), int(self.width), int(bottom_y + 6))
        painter.setPen(QColor("#404040"))
        foot = QRectF(0, bottom_y + 8, self.width, FOOTER_HEIGHT - 8)
        printed = translate("Printing", "Printed %1").replace("%1", date.today().isoformat())
        draw_line(painter, f"{self.header_right} · {printed}", small, foot, left)
        draw_line(painter, translate("Printing", "Page %1 of %2").replace(
            "%1", str(index + 1)).replace("%2", str(total)), small, foot, right)
        painter.restore()

        painter.save()
        painter.translate(0, HEADER_HEIGHT)
        body = QRectF(0, 0, self.width, self.body_height)
        painter.setClipRect(body)
        painter.translate(0, -index * self.body_height)
        self.document.drawContents(painter, QRectF(0, index * self.body_height, self.width,
                                                   self.body_height))
        painter.restore()

    def paint(self, device: QPagedPaintDevice, pages: Sequence[int] | None = None) -> int:
        """Paint the pages (all unless ``pages``) on a printer or PDF writer; return how many."""
        painter = QPainter()
        if not painter.begin(device):
            raise OSError(translate("Printing", "Could not start printing."))
        try:
            scale = device.logicalDpiX() / DPI
            painter.scale(scale, device.logicalDpiY() / DPI)
            wanted = list(pages) if pages is not None else list(range(self.page_count()))
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
        full = layout.fullRectPoints()
        paint = layout.paintRectPoints()
        scale = dpi / 72.0
        image = QImage(round(full.width() * scale), round(full.height() * scale),
                       QImage.Format.Format_ARGB32)
        image.fill(QColor("#ffffff"))
        dots = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots)
        image.setDotsPerMeterY(dots)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(paint.x() * scale, paint.y() * scale)
        painter.scale(dpi / DPI, dpi / DPI)
        self.paint_page(painter, index)
        painter.end()
        return image


def a4_body_size() -> tuple[float, float]:
    """The paintable area of an A4 page with our margins, in 96-dpi units."""
    rect = a4_layout().paintRectPoints()
    return rect.width() * DPI / 72.0, rect.height() * DPI / 72.0


def _device_size(device: QPagedPaintDevice) -> tuple[float, float]:
    return (device.width() * DPI / device.logicalDpiX(),
            device.height() * DPI / device.logicalDpiY())


def make_sheet(conn: sqlite3.Connection, principal_id: str,
               size: tuple[float, float] | None = None) -> PagedDocument:
    width, height = size or a4_body_size()
    name = queries.name_of(conn, "principals", principal_id) or principal_id
    return PagedDocument(sheet_html(conn, principal_id), name, catalogue_version_line(conn),
                         width, height)


def header_title(title: str) -> str:
    """The page header's left text: the app's name and the title, the name once."""
    return title if title.startswith(APP_NAME) else f"{APP_NAME} · {title}"


def make_booklet(conn: sqlite3.Connection, entries: Sequence[tuple[str, str]] | None = None,
                 size: tuple[float, float] | None = None, title: str = "",
                 overview: bool | None = None, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> PagedDocument:
    """The booklet (see :func:`booklet_html`), laid out twice so that the contents give the
    right page numbers. The overview's image is drawn only for a booklet that shows it.

    ``progress(text, fraction)`` hears how far it is; when ``cancelled()`` turns true, it
    stops with :class:`~.worker.TaskCancelled`."""
    width, height = size or a4_body_size()
    heading = title or translate("Printing", "TFBB Katalog – the catalogue")
    version = catalogue_version_line(conn)

    def stepper(start: float, text: str) -> Callable[[int, int], None]:
        def step(done: int, total: int) -> None:
            if cancelled is not None:
                check_cancelled(cancelled)
            if progress is not None and total:
                progress(text, start + 0.45 * done / total)
        return step

    html_text = booklet_html(conn, entries, title=title, overview=overview,
                             step=stepper(0.0, translate("Printing", "Contents")))
    images = ({OVERVIEW_IMAGE: overview_image(conn)}
              if f'src="{esc(OVERVIEW_IMAGE)}"' in html_text else {})
    first = PagedDocument(html_text, heading, version, width, height, images=images)
    pages = first.anchor_pages()
    html_text = booklet_html(conn, entries, title=title, pages=pages, overview=overview,
                             step=stepper(0.5, translate("Printing", "Pages")))
    if cancelled is not None:
        check_cancelled(cancelled)
    return PagedDocument(html_text, heading, version, width, height, images=images)


PDF_RESOLUTION = 300
DOCUMENT_LANGUAGE = "sv"  # the catalogue's language


def xmp_metadata(title: str, creator: str, language: str = DOCUMENT_LANGUAGE) -> bytes:
    """The PDF's XMP metadata: title, creator tool and the document's language (dc:language).
    Qt writes no language of its own, and this packet takes the place of the one it writes."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    title_text = html.escape(title, quote=False)
    lang = html.escape(language)
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title_text}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <dc:format>application/pdf</dc:format>
   <xmp:CreatorTool>{html.escape(creator, quote=False)}</xmp:CreatorTool>
   <xmp:CreateDate>{now}</xmp:CreateDate>
   <xmp:ModifyDate>{now}</xmp:ModifyDate>
   <pdf:Producer>Qt {qVersion()}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


def pdf_writer(path: Path, title: str, resolution: int = PDF_RESOLUTION) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setPageLayout(a4_layout())
    writer.setResolution(resolution)
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    writer.setDocumentXmpMetadata(QByteArray(xmp_metadata(title, APP_NAME)))
    return writer


def write_pdf(document: PagedDocument, path: Path, resolution: int = PDF_RESOLUTION) -> int:
    """Write the document as PDF (at ``resolution`` dots per inch); return the number of
    pages."""
    writer = pdf_writer(path, document.title, resolution)
    return document.paint(writer)


def save_sheet_pdf(conn: sqlite3.Connection, principal_id: str, path: Path) -> int:
    return write_pdf(make_sheet(conn, principal_id), path)


def save_booklet_pdf(conn: sqlite3.Connection, path: Path,
                     entries: Sequence[tuple[str, str]] | None = None, title: str = "",
                     overview: bool | None = None) -> int:
    """The booklet of the whole catalogue (``entries`` None) or of the given entries, as PDF."""
    return write_pdf(make_booklet(conn, entries, title=title, overview=overview), path)


# With the window: dialogs and menu actions -----------------------------------------------------

def current_principal(window: MainWindow) -> str | None:
    """The principal shown, or the principal of the contact shown."""
    chosen = _current_principal(window)
    return chosen[0] if chosen else None


def _current_principal(window: MainWindow) -> tuple[str, str] | None:
    """(id, name) of the principal shown, or of the principal of the contact shown."""
    current = window.detail.current
    if current is None:
        return None
    if current.entity_type == "principals":
        return current.entity_id, current.title
    if current.entity_type == "contacts":
        refs = dict(current.related).get("principals", [])
        return (refs[0].entity_id, refs[0].title) if refs else None
    return None


def _ask_pdf_path(window: MainWindow, title: str, name: str) -> Path | None:
    return ask_save_path(window, title, name, translate("Printing", "PDF files (*.pdf)"), ".pdf")


def _file_stem(name: str) -> str:
    keep = "".join(ch if ch.isalnum() else "-" for ch in name.lower())
    return "-".join(part for part in keep.split("-") if part) or "tfbb"


def _no_principal(window: MainWindow) -> None:
    window.statusBar().showMessage(translate(
        "Printing", "Open a principal (or one of its contact persons) first."), 6000)


def save_principal_pdf_action(window: MainWindow, path: Path | None = None) -> Task | None:
    """Save the sheet of the principal shown as PDF, on the runner (the task's result is the
    number of pages)."""
    ctx = window.ctx
    chosen = _current_principal(window)
    if ctx is None or chosen is None:
        _no_principal(window)
        return None
    principal_id, name = chosen
    if path is None:
        path = _ask_pdf_path(window, translate("Printing", "Save principal sheet as PDF"),
                             f"{_file_stem(name)}.pdf")
        if path is None:
            return None
    target = path

    def work(conn: sqlite3.Connection, _progress: Progress, _cancelled: object) -> int:
        return write_pdf(make_sheet(conn, principal_id), target)

    return run_on_catalogue(window, ctx.paths, work, lambda pages: _saved(window, target, pages),
                            translate("Printing", "Saving the principal sheet"))


def save_booklet_pdf_action(window: MainWindow, path: Path | None = None,
                            entries: Sequence[tuple[str, str]] | None = None) -> Task | None:
    """Save the booklet as PDF, on the runner, with progress and cancel (the task's result is
    the number of pages)."""
    ctx = window.ctx
    if ctx is None:
        return None
    if path is None:
        path = _ask_pdf_path(window, translate("Printing", "Save booklet as PDF"),
                             "tfbb-katalog.pdf")
        if path is None:
            return None
    target = path

    def work(conn: sqlite3.Connection, progress: Progress, cancelled: Callable[[], bool]
             ) -> int:
        document = make_booklet(conn, entries, progress=progress, cancelled=cancelled)
        progress(translate("Printing", "Writing the PDF"), 0.95)
        return write_pdf(document, target)

    return run_on_catalogue(window, ctx.paths, work, lambda pages: _saved(window, target, pages),
                            translate("Printing", "Saving the booklet"))


def _saved(window: MainWindow, path: Path, pages: int) -> None:
    if not path.exists():
        window.statusBar().showMessage(
            translate("Printing", "The PDF could not be written: %1").replace("%1", str(path)),
            8000)
        return
    window.statusBar().showMessage(Printing().saved(pages).replace("%1", str(path)), 8000)


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(a4_layout())
    return printer


def print_principal_action(window: MainWindow) -> Task | None:
    """Print the current principal's sheet through the print dialog; the sheet is made and
    painted on the runner (Qt paints on a printer from any thread)."""
    ctx = window.ctx
    principal_id = current_principal(window)
    if ctx is None or principal_id is None:
        _no_principal(window)
        return None
    printer = _printer()
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle(translate("Printing", "Print principal sheet"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None

    def work(conn: sqlite3.Connection, _progress: Progress, _cancelled: object) -> int:
        document = make_sheet(conn, principal_id, _device_size(printer))
        return document.paint(printer, _chosen_pages(printer, document))

    return run_on_catalogue(window, ctx.paths, work, lambda _pages: None,
                            translate("Printing", "Printing"))


def _chosen_pages(printer: QPrinter, document: PagedDocument) -> list[int]:
    first, last = printer.fromPage(), printer.toPage()
    total = document.page_count()
    if first <= 0:
        return list(range(total))
    return list(range(first - 1, min(last if last > 0 else total, total)))


Shown = tuple[str, str, str]  # (entity type, id, title) of the entry shown


def _shown(window: MainWindow) -> Shown | None:
    current = window.detail.current if window.detail.isVisible() else None
    return (current.entity_type, current.entity_id, current.title) if current else None


def document_for(conn: sqlite3.Connection, shown: Shown | None,
                 progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> PagedDocument:
    """What "Print …" prints: the entry shown (a principal as its sheet), else the booklet."""
    if shown is not None and shown[0] == "principals":
        return make_sheet(conn, shown[1])
    if shown is not None:
        width, height = a4_body_size()
        return PagedDocument(STYLE + entry_html(conn, shown[0], shown[1], level=1),
                             shown[2], catalogue_version_line(conn), width, height)
    return make_booklet(conn, progress=progress, cancelled=cancelled)


def current_document(window: MainWindow) -> PagedDocument | None:
    """:func:`document_for` the window's entry, on the calling thread."""
    ctx = window.ctx
    return document_for(ctx.conn, _shown(window)) if ctx is not None else None


@dataclass
class DocumentParts:
    """A document's content without its layout, to lay out again on another thread."""

    html: str
    title: str
    header_right: str
    images: dict[str, QImage]


def print_preview_action(window: MainWindow, parent: QWidget | None = None) -> Task | None:
    """"Print …": the document (:func:`document_for`) is made on the runner, then shown in a
    print preview, from which it is printed (the preview's painting is on the GUI thread, as
    the dialog asks for it)."""
    ctx = window.ctx
    if ctx is None:
        return None
    shown = _shown(window)

    def work(conn: sqlite3.Connection, progress: Progress, cancelled: Callable[[], bool]
             ) -> DocumentParts:
        document = document_for(conn, shown, progress, cancelled)
        return DocumentParts(document.html, document.title, document.header_right,
                             document.images)

    return run_on_catalogue(window, ctx.paths, work,
                            lambda parts: _preview(window, parts, parent),
                            translate("Printing", "Preparing the print"))


def _preview(window: MainWindow, parts: DocumentParts, parent: QWidget | None) -> bool:
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent or window)
    dialog.setWindowTitle(translate("Printing", "Print"))

    def paint(target: QPrinter) -> None:
        laid_out = PagedDocument(parts.html, parts.title, parts.header_right,
                                 *_device_size(target), images=parts.images)
        laid_out.paint(target, _chosen_pages(target, laid_out))

    dialog.paintRequested.connect(paint)
    return dialog.exec() == QDialog.DialogCode.Accepted
