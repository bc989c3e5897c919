"""The overview page ("Helheten"): principals × model components, colour-coded.

On screen each cell shows only a glyph on a colour from the palette (overview_colours.py), so
the matrix stays compact and reads in grey-scale and without telling colours apart: ○ ◔ ◑ ◕ ●
from the lowest status to the highest; the tooltip gives the status in words and the note. One
more row and column give the totals ("in place / known status"): "in place" is the status with
the highest order, known any status above the lowest ("no information"). A click or Enter on a
cell opens the principal at that component.

The image and print versions (render_image, printing.py) are for paper: they write the status
in words in every cell on a fixed, colour-blind safe ramp (ColorBrewer YlGnBu) on white.
"""

from __future__ import annotations

import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from tfbb_desktop.core.store import overview as core_overview
from tfbb_desktop.core.store import queries
from tfbb_desktop.core.store.queries import Term
from tfbb_desktop.ui.bidi import isolated
from tfbb_desktop.ui.models import ENABLED, ID_ROLE, ROOT, AnyIndex, bold_font
from tfbb_desktop.ui.names import catalogue_version
from tfbb_desktop.ui.pages.base import Page, ask_save_path, clear_layout
from tfbb_desktop.ui.pages.detail import heading_label, plain_label, push_button, row
from tfbb_desktop.ui.pages.overview_colours import step_colours
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.zoom import FONT_SCALE, fit_fonts, scaled_font

if TYPE_CHECKING:
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.navigation import Navigator

translate = QCoreApplication.translate

COMPONENT_ROLE = Qt.ItemDataRole.UserRole + 20
DETAILS_ROLE = Qt.ItemDataRole.UserRole + 21  # a cell's tooltip as plain text
CELL_LINES = 2  # the chosen cell's status and note under the matrix: at most this many lines
GLYPHS = ("○", "◔", "◑", "◕", "●")
NO_STATUS_GLYPH = "–"
# Lowest status: neutral grey (it means "no information"); then ColorBrewer YlGnBu, from light
# to dark. CIE L* 97, 82, 68, 55, 27: every step differs clearly in grey-scale, too. Text is
# black (contrast at least 4.6:1; the fourth step is lightened from YlGnBu's #2c7fb8, on which
# black has 4.0:1) except on the darkest step, where it is white (10.5:1).
PALETTE = ("#f7f7f7", "#a1dab4", "#41b6c4", "#3b8bc2", "#253494")
DARK_TEXT = "#1a1a1a"
WHITE = "#ffffff"
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _step(overview: core_overview.Overview, status: Term | None) -> int:
    """The status's step on the 5-step scale of glyphs and colours (-1 for no status)."""
    rank = overview.rank(status)
    count = len(overview.statuses)
    if rank < 0 or count <= 1:
        return min(rank, 0)
    return round(rank * (len(GLYPHS) - 1) / (count - 1))


def glyph(overview: core_overview.Overview, status: Term | None) -> str:
    step = _step(overview, status)
    return NO_STATUS_GLYPH if step < 0 else GLYPHS[step]


def colours(overview: core_overview.Overview, status: Term | None) -> tuple[str, str]:
    """(background, text) colours for a status on paper."""
    step = _step(overview, status)
    if step < 0:
        return WHITE, DARK_TEXT
    return PALETTE[step], (WHITE if step == len(PALETTE) - 1 else DARK_TEXT)


def status_text(status: Term | None) -> str:
    return status.label if status else translate("Overview", "No status")


def glyph_and_words(overview: core_overview.Overview, status: Term | None) -> str:
    """The status on paper, e.g. "◑ Påbörjad"."""
    return f"{glyph(overview, status)} {status_text(status)}"


def in_place_label(overview: core_overview.Overview) -> str:
    """The label of the in-place status(es), e.g. "På plats"."""
    labels = [isolated(s.label) for s in overview.in_place_statuses]
    return " / ".join(labels) if labels else translate("Overview", "In place")


def _totals(o: core_overview.Overview, principal_id: str | None = None,
            component_id: str | None = None) -> tuple[int, int, int]:
    """(in place, known, of) for a row, a column, or the whole matrix (neither given)."""
    if principal_id is not None:
        return (o.principal_in_place(principal_id), o.principal_known(principal_id),
                len(o.components))
    if component_id is not None:
        return o.component_in_place(component_id), o.component_known(component_id), len(o.rows)
    return o.total_in_place(), o.total_known(), len(o.rows) * len(o.components)


def totals_text(overview: core_overview.Overview, principal_id: str | None = None,
                component_id: str | None = None) -> tuple[str, str]:
    """("På plats: 1 of 10", "Known status: 2") for a row, a column or the whole matrix."""
    in_place, known, of = _totals(overview, principal_id, component_id)
    first = translate("Overview", "%1: %2 of %3").replace("%1", in_place_label(overview)) \
        .replace("%2", str(in_place)).replace("%3", str(of))
    return first, translate("Overview", "Known status: %1").replace("%1", str(known))


def wrap(text: str, width: int = 12) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


class OverviewModel(QAbstractTableModel):
    """The matrix: rows are principals, columns are model components; one more row and one
    more column hold the totals ("in place / known status"). A cell shows only the status's
    glyph on its colour; the tooltip and the accessible text give the status in words."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.overview = core_overview.Overview([], [], [])
        self.fit_font(QFont())

    def fit_font(self, base: QFont) -> None:
        """Draw the glyphs a quarter larger than ``base`` (the view's, zoomed, font)."""
        self._glyph_font = scaled_font(base, 1.25)
        if rows := self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.FontRole])

    def set_overview(self, overview: core_overview.Overview) -> None:
        self.beginResetModel()
        self.overview = overview
        self.endResetModel()

    def _size(self, parent: AnyIndex, count: int) -> int:
        o = self.overview
        return 0 if parent.isValid() or not (o.rows and o.components) else count + 1

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return self._size(parent, len(self.overview.rows))

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return self._size(parent, len(self.overview.components))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o, r, row, column = self.overview, Qt.ItemDataRole, index.row(), index.column()
        # None stands for the totals row or column.
        principal = o.rows[row] if row < len(o.rows) else None
        component = o.components[column] if column < len(o.components) else None
        if role == r.TextAlignmentRole:
            return CENTRE
        if role == ID_ROLE:
            return principal.principal_id if principal is not None else None
        if role == COMPONENT_ROLE:
            return component.id if component is not None else None
        if principal is None or component is None:
            return self._total_data(principal, component, role)
        cell = o.cell(principal.principal_id, component.id)
        name, words = isolated(principal.name), (f"{isolated(component.label)}: "
                                                 f"{isolated(status_text(cell.status))}")
        if role == r.DisplayRole:
            return glyph(o, cell.status)
        if role in (r.BackgroundRole, r.ForegroundRole):
            background, foreground = step_colours(QGuiApplication.palette(),
                                                  _step(o, cell.status), len(GLYPHS))
            return QBrush(background if role == r.BackgroundRole else foreground)
        if role in (r.ToolTipRole, DETAILS_ROLE):
            details = f"{name}\n{words}" + (f"\n\n{cell.note}" if cell.note else "")
            return tip(details) if role == r.ToolTipRole else details
        if role == r.AccessibleTextRole:
            return f"{name}, {words}"
        return self._glyph_font if role == r.FontRole else None

    def _total_data(self, principal: core_overview.Row | None, component: Term | None,
                    role: int) -> Any:
        o, r = self.overview, Qt.ItemDataRole
        ids = principal.principal_id if principal else None, component.id if component else None
        if role == r.DisplayRole:
            in_place, known, _of = _totals(o, *ids)
            return f"{in_place} / {known}"
        if role == r.BackgroundRole:  # over the row's selection fill, as the cells' colours
            return QGuiApplication.palette().base()
        if role in (r.ToolTipRole, r.AccessibleTextRole, DETAILS_ROLE):
            about = (isolated(principal.name) if principal else isolated(component.label)
                     if component else translate("Overview", "All"))
            first, second = totals_text(o, *ids)
            text = f"{about}: {first}, {second.lower()}"
            return tip(text) if role == r.ToolTipRole else text
        return bold_font() if role == r.FontRole else None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        o, r = self.overview, Qt.ItemDataRole
        horizontal = orientation == Qt.Orientation.Horizontal
        count = self.columnCount() if horizontal else self.rowCount()
        if not 0 <= section < count:
            return None
        align = None if horizontal else LEFT
        values: dict[Any, Any]
        if section == count - 1:
            total = translate("Overview", "Total")
            total_tip = translate("Overview", "In place / known status")
            values = {r.DisplayRole: total, r.ToolTipRole: tip(total_tip),
                      r.AccessibleTextRole: f"{total}: {total_tip}", r.TextAlignmentRole: align}
        elif horizontal:
            component = o.components[section]
            label = isolated(component.label)
            values = {r.DisplayRole: isolated(wrap(component.label)),
                      r.ToolTipRole: tip(f"{label}\n\n{component.description}"
                                         if component.description else label),
                      r.AccessibleTextRole: label, COMPONENT_ROLE: component.id}
        else:
            principal = o.rows[section]
            name = isolated(principal.name)
            values = {r.DisplayRole: name, r.ToolTipRole: tip(name), r.AccessibleTextRole: name,
                      ID_ROLE: principal.principal_id, r.TextAlignmentRole: align}
        return values.get(role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return ENABLED if index.isValid() else Qt.ItemFlag.NoItemFlags


# Rendering the matrix as an image (PNG export) -------------------------------------------

def render_image(overview: core_overview.Overview, title: str, subtitle: str = "", *,
                 scale: float = 2.0, font: QFont | None = None, column_width: int = 130,
                 short_names: bool = False) -> QImage:
    """The matrix with its headers, counts and legend as an image, independent of any view.

    ``short_names`` uses the principals' short names (for print, where space is scarce)."""
    base = QFont(font) if font is not None else QFont()
    if base.pointSizeF() <= 0:
        base.setPointSizeF(10)
    bold = bold_font(base)
    big = bold_font(base, 1.4)
    probe = QImage(1, 1, QImage.Format.Format_ARGB32)  # measure as the painter will draw
    probe.setDevicePixelRatio(scale)
    fm, fm_bold = QFontMetrics(base, probe), QFontMetrics(bold, probe)
    line, title_line = fm.lineSpacing(), QFontMetrics(big, probe).lineSpacing()
    pad, margin = 6, 20
    names = {r.principal_id: (r.short_name or r.name) if short_names else r.name
             for r in overview.rows}
    col_width = max(column_width, fm_bold.horizontalAdvance("Implementeringsplan") + 2 * pad + 4)
    row_head = min(340, max([fm_bold.horizontalAdvance(n) for n in names.values()]
                            + [fm.horizontalAdvance(" · ".join(totals_text(
                                overview, r.principal_id))) for r in overview.rows]
                            + [120]) + 2 * pad + 4)
    header_lines = max([len(wrap(c.label).split("\n")) for c in overview.components] + [1]) + 2
    header_height = header_lines * line + 2 * pad
    row_height = 2 * line + 2 * pad
    width = max(row_head + col_width * len(overview.components), 600) + 2 * margin
    height = (margin + title_line + (line if subtitle else 0) + pad * 2 + header_height
              + row_height * len(overview.rows) + pad * 2 + line + 2 * pad + 2 * line + margin)
    image = QImage(QSize(round(width * scale), round(height * scale)),
                   QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(WHITE))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    grid = QPen(QColor("#9a9a9a"))
    grid.setWidthF(0.8)
    wrapped = LEFT | int(Qt.TextFlag.TextWordWrap)

    def box(rect: QRect, background: str = WHITE, text: str = DARK_TEXT) -> QRect:
        """Fill and frame ``rect``, set the pen for its text; the room inside the padding."""
        painter.fillRect(rect, QColor(background))
        painter.setPen(grid)
        painter.drawRect(rect)
        painter.setPen(QColor(text))
        return rect.adjusted(pad, pad, -pad, -pad)

    def text(at: QRect, font: QFont, words: str, flags: int = LEFT) -> None:
        painter.setPen(QColor(DARK_TEXT))
        painter.setFont(font)
        painter.drawText(at, flags, words)

    text(QRect(margin, margin, width - 2 * margin, title_line), big, title)
    y = margin + title_line
    if subtitle:
        text(QRect(margin, y, width - 2 * margin, line), base, subtitle)
        y += line
    y += pad * 2
    for column, component in enumerate(overview.components):
        inner = box(QRect(margin + row_head + column * col_width, y, col_width, header_height))
        text(QRect(inner.x(), inner.y(), inner.width(), line * (header_lines - 2)), bold,
             wrap(component.label), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom))
        text(QRect(inner.x(), inner.bottom() - 2 * line + 1, inner.width(), 2 * line), base,
             "\n".join(totals_text(overview, component_id=component.id)), wrapped)
    y += header_height
    for principal in overview.rows:
        inner = box(QRect(margin, y, row_head, row_height))
        text(QRect(inner.x(), inner.y(), inner.width(), line), bold, fm_bold.elidedText(
            names[principal.principal_id], Qt.TextElideMode.ElideRight, inner.width()))
        text(QRect(inner.x(), inner.y() + line, inner.width(), line), base, fm.elidedText(
            " · ".join(totals_text(overview, principal.principal_id)),
            Qt.TextElideMode.ElideRight, inner.width()))
        for column, component in enumerate(overview.components):
            cell = overview.cell(principal.principal_id, component.id)
            inner = box(QRect(margin + row_head + column * col_width, y, col_width, row_height),
                        *colours(overview, cell.status))
            painter.drawText(inner, wrapped, glyph_and_words(overview, cell.status))
        y += row_height
    y += pad * 2
    text(QRect(margin, y, width, line), bold, translate("Overview", "Legend"))
    y += line + pad
    x = margin
    painter.setFont(base)
    for status in overview.statuses:
        label = glyph_and_words(overview, status)
        rect = QRect(x, y, fm.horizontalAdvance(label) + 2 * pad, line + pad)
        if rect.right() > width - margin and x > margin:
            x, y = margin, y + line + 2 * pad
            rect.moveTo(x, y)
        box(rect, *colours(overview, status))
        painter.drawText(rect, CENTRE, label)
        x = rect.right() + pad * 2
    painter.end()
    return image


def catalogue_line(conn: Any) -> str:
    """"Catalogue version 3 of 2026-01-05" for the catalogue in ``conn`` ("" if empty)."""
    meta = queries.meta(conn)
    return catalogue_version(meta) if meta is not None else ""


# The page ---------------------------------------------------------------------------------

MARKED = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus


class FramedCells(QStyledItemDelegate):
    """Cells in their status colours also when chosen: a frame marks the current cell
    instead of the selection's fill, which would hide the colour (the frame's inner white
    line sets it off from a blue cell)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        option.state &= ~MARKED

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        if option.state & MARKED:
            painter.save()
            painter.setPen(QPen(option.palette.highlight().color(), 3))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.setPen(QPen(option.palette.base().color(), 1))
            painter.drawRect(option.rect.adjusted(3, 3, -4, -4))
            painter.restore()


class OverviewPage(Page):
    """The wide page: explanation, legend, the matrix and the PNG export."""

    def __init__(self, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(nav, "overviewPage", self.tr("Overview"), parent,
                         margins=(8, 8, 8, 8))
        self.model = OverviewModel(self)
        self._last_open: tuple[int, int, float] = (-1, -1, 0.0)
        self._legend_width = 0  # the legend on one line, see _measure_legend
        layout = self.page_layout

        self.export_button = push_button(self.tr("Save as image …"), "overviewExportButton",
                                         self.export_png)
        layout.addLayout(row(heading_label(self.tr("The model at each principal"), 1.3),
                             self.export_button))

        self.summary = plain_label("", selectable=False)
        self.left_out = plain_label("", selectable=False)
        self.legend = QWidget()
        self.legend_layout = QHBoxLayout(self.legend)
        self.legend_layout.setContentsMargins(0, 2, 0, 2)
        self.view = QTableView()
        self.cell_details = plain_label("", selectable=False)  # the chosen cell's tooltip
        self.hint = plain_label(self.tr("Click a cell, or choose it with the arrow keys and "
                                        "press Enter, to open the principal at that "
                                        "component. Hover over a cell, or choose it, to see "
                                        "its note."), selectable=False)
        for widget, name in ((self.summary, "overviewSummary"), (self.left_out, "overviewLeftOut"),
                             (self.legend, "overviewLegend"), (self.view, "overviewTable"),
                             (self.cell_details, "overviewCell"), (self.hint, "overviewHint")):
            widget.setObjectName(name)
            layout.addWidget(widget, 1 if widget is self.view else 0)
        self.left_out.hide()

        view = self.view
        view.setAccessibleName(self.tr("Overview: principals and model components"))
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setTabKeyNavigation(False)  # Tab leaves the matrix; the arrow keys move in it
        view.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_cell(current))
        self.model.modelReset.connect(self.cell_details.clear)
        view.setWordWrap(True)
        view.setCornerButtonEnabled(False)
        view.setCursor(Qt.CursorShape.PointingHandCursor)
        view.setItemDelegate(FramedCells(view))
        for header, vertical in ((view.horizontalHeader(), Qt.AlignmentFlag.AlignBottom),
                                 (view.verticalHeader(), Qt.AlignmentFlag.AlignVCenter)):
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | vertical)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # see below
        view.horizontalHeader().setHighlightSections(False)
        view.horizontalHeader().setProperty(FONT_SCALE, 0.9)  # the column headers' text
        view.clicked.connect(self._open_index)
        view.activated.connect(self._open_index)
        self._fit_fonts()

    def fill(self, ctx: AppContext) -> None:
        current = self.view.currentIndex()
        matrix = core_overview.build(ctx.conn)
        self.model.set_overview(matrix)
        self._fill_legend(matrix)
        if matrix.rows:
            counts = ", ".join([self.tr("%n principal(s)", "", len(matrix.rows)),
                                self.tr("%n model component(s)", "", len(matrix.components))])
            explanation = self.tr("Each cell is the principal's status for the component; "
                                  "hover over it for the status in words and the note. "
                                  "Total: “%1” / known status (any status above “%2”).") \
                .replace("%1", in_place_label(matrix)) \
                .replace("%2", matrix.statuses[0].label if matrix.statuses else "")
            text = f"{counts}. {explanation}"
        else:
            text = self.tr("The catalogue records no status of the model for any principal.")
        line = catalogue_line(ctx.conn)
        self.summary.setText(f"{text} {line}." if line else text)
        self.left_out.setText(self.left_out_text(matrix))
        self.left_out.setVisible(bool(matrix.left_out and matrix.rows))
        self._fit_cells()
        if (same := self.model.index(current.row(), current.column())).isValid():
            self.view.setCurrentIndex(same)  # the cell chosen before, if it is still there

    def left_out_text(self, matrix: core_overview.Overview) -> str:
        """Why the matrix lists fewer principals than the principals list, or ""."""
        if not matrix.left_out:
            return ""
        every = len(matrix.rows) + len(matrix.left_out)
        return self.tr("The principals list has %1 principals; %n of them have no status "
                       "recorded for any model component and are not shown: %2.", "",
                       len(matrix.left_out)).replace("%1", str(every)).replace(
            "%2", ", ".join(isolated(r.name) for r in matrix.left_out))

    def _fit_cells(self) -> None:
        """Each column as wide as its header's longest line (a word like
        "Implementeringsplan" is never cut), so that the compact matrix fits without
        scrolling sideways, also at 1024 pixels; the principals' names take the rest. Rows
        fit their text. Qt would size a header for its text in bold (a highlighted section's),
        about a tenth wider; the sections are not highlighted (the current cell is framed)."""
        header = self.view.horizontalHeader()
        metrics = QFontMetrics(header.font())
        margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        least = metrics.horizontalAdvance("0 / 00") + 16
        for column in range(self.model.columnCount()):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
            header.resizeSection(column, max(least, widest + margin + 2))
        self.view.resizeRowsToContents()

    def _fill_legend(self, matrix: core_overview.Overview) -> None:
        clear_layout(self.legend_layout)
        self.legend_layout.addWidget(plain_label(self.tr("Legend:"), selectable=False))
        for status in matrix.statuses:
            background, foreground = step_colours(self.palette(), _step(matrix, status),
                                                  len(GLYPHS))
            count = matrix.status_count(status.id)
            swatch = plain_label(f"{glyph(matrix, status)} {isolated(status.label)} ({count})",
                                 selectable=False)
            swatch.setObjectName(f"legend-{status.id}")
            swatch.setToolTip(tip(status.description))
            swatch.setStyleSheet(f"background: {background.name()}; color: {foreground.name()}; "
                                 "border: 1px solid palette(mid); padding: 2px 6px;")
            self.legend_layout.addWidget(swatch)
        if matrix.empty_count():
            empty = plain_label(f"{NO_STATUS_GLYPH} {translate('Overview', 'No status')}",
                                selectable=False)
            empty.setObjectName("legend-none")
            self.legend_layout.addWidget(empty)
        self.legend_layout.addStretch(1)
        fit_fonts(self.legend)  # the swatches' style sheets keep the font they were made with
        self._measure_legend()

    def _show_cell(self, index: QModelIndex) -> None:
        """The chosen cell's status and note under the matrix, in at most :data:`CELL_LINES`
        lines (the whole note is on the principal's page, which Enter opens)."""
        text = " · ".join(part for part in str(index.data(DETAILS_ROLE) or "").split("\n")
                          if part)
        label = self.cell_details
        room = CELL_LINES * max(1, label.width() - 8) * 9 // 10  # lines wrap at words
        label.setText(label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room))

    def _fit_fonts(self) -> None:
        """The glyphs and the column headers' smaller text, against the page's font (which
        follows the window's zoom); the cell's line under the matrix keeps its height."""
        fit_fonts(self)  # the table's style sheet keeps the font it was made with
        self.model.fit_font(self.view.font())
        self.cell_details.setFixedHeight(CELL_LINES * self.fontMetrics().lineSpacing() + 4)
        self._fit_cells()
        self._measure_legend()

    def _measure_legend(self) -> None:
        """The legend's width on one line (when it is made, and when the text size changes);
        :meth:`_fit_legend` compares it with the room there is."""
        labels = self.legend.findChildren(QLabel)
        for label in labels:
            label.setWordWrap(False)  # for the width of its text on one line
        spacing = max(0, self.legend_layout.spacing())
        self._legend_width = sum(label.sizeHint().width() + spacing for label in labels)
        self._fit_legend()

    def _fit_legend(self) -> None:
        """The legend on one line while the row has room for it; else each swatch wraps its
        text (at a larger text), rather than being cut."""
        wrap = self._legend_width > self.legend.contentsRect().width()
        for label in self.legend.findChildren(QLabel):
            if label.wordWrap() != wrap:
                label.setWordWrap(wrap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._fill_legend(self.model.overview)  # the swatches' colours come from it
        if event.type() == QEvent.Type.FontChange:
            self._fit_fonts()
        super().changeEvent(event)

    def _open_index(self, index: QModelIndex) -> None:
        now = time.monotonic()
        last_row, last_column, at = self._last_open
        if (index.row(), index.column()) == (last_row, last_column) and now - at < 0.5:
            return  # a click that the style also reports as activation
        self._last_open = (index.row(), index.column(), now)
        self.open_cell(index.row(), index.column())

    def open_cell(self, row: int, column: int) -> bool:
        """Open the principal of ``row`` and scroll its page to the component of ``column``."""
        index = self.model.index(row, column)
        principal_id, component_id = index.data(ID_ROLE), index.data(COMPONENT_ROLE)
        if not principal_id or not self.nav.open_from_page("principals", principal_id):
            return False
        # The detail pane was hidden under this wide page: it gets its size on the next
        # events, so scroll then (and once more when the window has settled).
        self.scroll_to_component(component_id)
        for delay in (0, 100):  # not after the detail pane is gone (the window closed)
            QTimer.singleShot(delay, self.nav.detail,
                              lambda: self.scroll_to_component(component_id))
        return True

    def scroll_to_component(self, component_id: str) -> None:
        detail = self.nav.detail
        page = detail.widget()
        label = page.findChild(QLabel, f"component-{component_id}") if page else None
        if page is None or label is None:  # no principal shown (any more)
            return
        if (page_layout := page.layout()) is not None:
            page_layout.activate()
        detail.setWidgetResizable(True)  # fits the page to its content now, not on the next event
        bar = detail.verticalScrollBar()
        top = label.mapTo(page, QPoint(0, 0)).y()
        bar.setValue(min(bar.maximum(), max(0, top - 40)))  # the component near the top
        if detail.isVisible():
            label.setFocus(Qt.FocusReason.OtherFocusReason)

    def export_png(self, path: Path | None = None) -> Path | None:
        """Save the matrix as PNG (asking where, unless ``path`` is given)."""
        if path is None:
            path = ask_save_path(self.nav, self.tr("Save the overview as image"),
                                 "tfbb-helheten.png", self.tr("PNG images (*.png)"), ".png",
                                 parent=self)
            if path is None:
                return None
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.model.overview.rows:
            self.refresh()
        ctx = self.nav.ctx
        image = render_image(self.model.overview, self.tr("TFBB – the model at each principal"),
                             catalogue_line(ctx.conn) if ctx is not None else "",
                             font=self.font())
        if not image.save(str(path)):
            self.nav.statusBar().showMessage(
                self.tr("The image could not be saved: %1").replace("%1", str(path)), 8000)
            return None
        self.nav.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), 6000)
        return path
