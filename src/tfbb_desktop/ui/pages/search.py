"""Search results grouped by type, best first, with matched words highlighted, and the filters
that combine with the text, each showing live counts."""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPointF,
    QRectF,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tfbb_desktop.core.store import queries
from tfbb_desktop.ui import focus
from tfbb_desktop.ui import names as labels
from tfbb_desktop.ui.models import (
    ENABLED,
    ID_ROLE,
    ROOT,
    TITLE_ROLE,
    TYPE_ROLE,
    AnyIndex,
    RowBlocks,
    bold_font,
    entry_text,
    entry_tip,
)
from tfbb_desktop.ui.pages.base import make_current
from tfbb_desktop.ui.pages.detail import link_button, plain_label

SPANS_ROLE = Qt.ItemDataRole.UserRole + 10


class SearchResultModel(QAbstractListModel):
    """One flat list: for each type with hits a heading row ("Contacts (1,234)"), then its hits.

    Holds the result's id lists; the rows a view shows are fetched in blocks. The list is
    flat so that a view (a table view) never has to walk every hit: 88,000 hits show as fast
    as 10.
    """

    def __init__(self, conn: sqlite3.Connection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = RowBlocks(conn)
        self._groups: list[tuple[str, Sequence[str]]] = []
        self._starts: list[int] = []  # the row of each group's heading
        self._size = 0
        self._counts: dict[str, int] = {}
        self._spans: Callable[[str], list[tuple[int, int]]] = lambda _text: []
        self._bold = bold_font()

    def set_result(self, hits: Mapping[str, Sequence[str]], counts: Mapping[str, int],
                   spans: Callable[[str], list[tuple[int, int]]]) -> None:
        self.beginResetModel()
        self._groups = [(t, found) for t in queries.ENTITY_TYPES if (found := hits.get(t))]
        self._starts, self._size = [], 0
        for _entity_type, ids in self._groups:
            self._starts.append(self._size)
            self._size += 1 + len(ids)
        self._counts = dict(counts)
        self._rows.clear()
        self._spans = spans
        self.endResetModel()

    def total(self) -> int:
        return sum(len(ids) for _, ids in self._groups)

    def locate(self, row: int) -> tuple[int, int]:
        """(group, hit) of a row; hit is -1 for the group's heading. (-1, -1) if outside."""
        if not 0 <= row < self._size:
            return -1, -1
        group = bisect_right(self._starts, row) - 1
        return group, row - self._starts[group] - 1

    def row_of(self, entity_type: str, entity_id: str) -> int:
        """The row of that entry's hit, -1 if it is not among the hits."""
        for (kind, ids), start in zip(self._groups, self._starts, strict=True):
            if kind == entity_type and entity_id in ids:
                return start + 1 + ids.index(entity_id)
        return -1

    def heading_rows(self) -> list[int]:
        return list(self._starts)

    def first_hit_row(self) -> int:
        """The row of the first hit, -1 if there is none."""
        return self._starts[0] + 1 if self._groups else -1

    def is_hit(self, index: AnyIndex) -> bool:
        return index.isValid() and self.locate(index.row())[1] >= 0

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else self._size

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        group, hit = self.locate(index.row()) if index.isValid() else (-1, -1)
        if group < 0:
            return None
        r = Qt.ItemDataRole
        entity_type, ids = self._groups[group]
        if role == TYPE_ROLE:
            return entity_type
        if hit < 0:
            if role in (r.DisplayRole, r.AccessibleTextRole):
                total = self._counts.get(entity_type, len(ids))
                return f"{labels.section_title(entity_type)} ({total})"
            return self._bold if role == r.FontRole else None
        if role == ID_ROLE:
            return ids[hit]
        if role not in (r.DisplayRole, r.AccessibleTextRole, r.ToolTipRole, SPANS_ROLE,
                        TITLE_ROLE):
            return None
        entry = self._rows.get(entity_type, ids, hit)
        if entry is None:
            return None
        if role == TITLE_ROLE:
            return entry.title
        if role == r.ToolTipRole:
            return entry_tip(entry)
        return self._spans(entry_text(entry)) if role == SPANS_ROLE else entry_text(entry)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.locate(index.row())[1] < 0:  # a heading: shown, never chosen
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return ENABLED | Qt.ItemFlag.ItemNeverHasChildren


def hit_layout(text: str, spans: list[tuple[int, int]], opt: QStyleOptionViewItem,
               width: int) -> QTextLayout:
    """``text`` on one line with its ``spans`` highlighted, cut with "…" at the right
    when it is wider than ``width``."""
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)
    formats = []
    for start, end in spans:
        fmt = QTextLayout.FormatRange()
        fmt.start, fmt.length = start, end - start
        char = QTextCharFormat()
        char.setFontWeight(700)
        if selected:
            char.setFontUnderline(True)
        else:  # the palette's own pair, so a dark palette stays readable
            char.setBackground(opt.palette.color(QPalette.ColorRole.Highlight))
            char.setForeground(opt.palette.color(QPalette.ColorRole.HighlightedText))
        fmt.format = char
        formats.append(fmt)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)

    def laid_out(shown: str) -> QTextLayout:
        layout = QTextLayout(shown, opt.font)
        layout.setFormats(formats)  # ranges past the cut are drawn on nothing
        layout.setTextOption(option)
        layout.beginLayout()
        layout.createLine().setLineWidth(max(width, 1))
        layout.endLayout()
        return layout

    layout = laid_out(text)
    if layout.lineAt(0).naturalTextWidth() <= width:
        return layout
    # The highlighted parts are bold, wider than the font alone measures: leave room for that.
    metrics, bold = QFontMetrics(opt.font), QFontMetrics(bold_font(opt.font))
    wider = sum(bold.horizontalAdvance(text[start:end]) - metrics.horizontalAdvance(text[start:end])
                for start, end in spans)
    return laid_out(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - wider))


class HighlightDelegate(QStyledItemDelegate):
    """Draws the display text as plain text with the matched parts highlighted."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | Any) -> None:
        spans = index.data(SPANS_ROLE)
        if not spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        # The margin the style leaves before an item's text, so that highlighted rows line up
        # with the others.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, opt.widget) + 1
        rect = rect.adjusted(margin, 0, -margin, 0)
        layout = hit_layout(text, spans, opt, rect.width())
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if opt.state
                                         & QStyle.StateFlag.State_Selected
                                         else QPalette.ColorRole.Text))
        painter.setClipRect(QRectF(rect))
        top = rect.top() + (rect.height() - layout.lineAt(0).height()) / 2
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


class ResultView(QTableView):
    """The hits under their headings, one column, rows of one height: showing 88,000 hits
    costs no more than showing 10, since a table view never walks its rows.

    Enter opens the current hit; Up from the first hit goes back to the search field.
    """

    open_hit = Signal(str, str)
    leave_up = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        focus.dim_selection_without_focus(self)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the window's text zoom
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.currentIndex())
            return
        model = self.model()
        if event.key() == Qt.Key.Key_Up and isinstance(model, SearchResultModel) and \
                self.currentIndex().row() <= model.first_hit_row():
            self.leave_up.emit()
            return
        super().keyPressEvent(event)

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Step over the headings: the cursor only ever rests on a hit."""
        index = super().moveCursor(cursorAction, modifiers)
        model = self.model()
        if not isinstance(model, SearchResultModel) or model.is_hit(index):
            return index
        up = cursorAction in (QAbstractItemView.CursorAction.MoveUp,
                              QAbstractItemView.CursorAction.MovePageUp,
                              QAbstractItemView.CursorAction.MovePrevious)
        row = index.row() + (-1 if up else 1)
        if not 0 <= row < model.rowCount() or not model.is_hit(model.index(row, 0)):
            row = index.row() + (1 if up else -1)  # no hit that way: the nearest other
        return model.index(row, 0) if 0 <= row < model.rowCount() else self.currentIndex()

    def _open(self, index: QModelIndex) -> None:
        entity_id = index.data(ID_ROLE)
        if index.isValid() and entity_id:
            self.open_hit.emit(index.data(TYPE_ROLE), entity_id)


FACETS = ("entity_type", "principal", "professional_group", "level", "domain", "work_status")
VOCABULARIES = {"professional_group": "professional_groups", "level": "levels",
                "domain": "domains", "work_status": "work_statuses"}
CHECKS = {"favourites": "only_favourites", "new": "new_only"}  # facet: filter


class SearchPanel(QWidget):
    """The filters above the grouped results. Emits ``filters_changed`` and ``open_ref``."""

    filters_changed = Signal()
    open_ref = Signal(str, str)
    suggestion_chosen = Signal(str)  # "Did you mean …?" was clicked: search for this text

    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Search results"))
        self.conn = conn
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setContentsMargins(4, 4, 4, 4)
        self.combos: dict[str, QComboBox] = {}
        titles = (self.tr("Type"), self.tr("Principal"), self.tr("Professional group"),
                  self.tr("Model level"), self.tr("Implementation domain"),
                  self.tr("Status of work"))
        for position, (facet, title) in enumerate(zip(FACETS, titles, strict=True)):
            label = QLabel(title)
            combo = QComboBox()
            combo.setObjectName(f"filter-{facet}")
            combo.setAccessibleName(title)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
            self.combos[facet] = combo
            grid.addWidget(label, position // 2 * 2, position % 2)
            grid.addWidget(combo, position // 2 * 2 + 1, position % 2)
        self._check_titles = {"favourites": self.tr("Only favourites"),
                              "new": self.tr("New since the last update")}
        self.checks: dict[str, QCheckBox] = {}
        for row, (facet, title) in enumerate(self._check_titles.items(), start=6):
            box = self.checks[facet] = QCheckBox(title)
            box.setObjectName(f"filter-{facet}")
            box.toggled.connect(lambda _on: self.filters_changed.emit())
            grid.addWidget(box, row, 0, 1, 2)  # a row each: room for the text
        layout.addLayout(grid)
        self.summary = plain_label("", selectable=False, object_name="searchSummary")
        self.summary.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.summary)
        self._suggested = ""
        self.suggestion = link_button("", "searchSuggestion",
                                      lambda: self.suggestion_chosen.emit(self._suggested),
                                      padding="2px 6px")
        self.suggestion.hide()
        layout.addWidget(self.suggestion)
        self.model = SearchResultModel(conn, self)
        self.view = ResultView()
        self.view.setObjectName("searchResults")
        self.view.setAccessibleName(self.tr("Search results"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(HighlightDelegate(self.view))
        self.view.open_hit.connect(self.open_ref)
        self.view.clicked.connect(self.view._open)
        layout.addWidget(self.view, 1)
        self._vocab_labels: dict[str, dict[str, str]] = {}
        self._hits: Mapping[str, Sequence[str]] | None = None
        self.reload_choices()

    def reload_choices(self) -> None:
        """The values each filter offers, from the catalogue's vocabularies and principals."""
        conn = self.conn
        principals = queries.list_ids(conn, "principals")
        self._vocab_labels = {
            "entity_type": {t: labels.section_title(t) for t in queries.ENTITY_TYPES},
            "principal": {r.entity_id: r.title
                          for r in queries.list_rows(conn, "principals", principals)},
            **{facet: {t.id: t.label for t in queries.vocabulary(conn, name)}
               for facet, name in VOCABULARIES.items()}}
        for facet, combo in self.combos.items():
            current = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(self.tr("All"), None)
                for value, label in self._vocab_labels[facet].items():
                    combo.addItem(label, value)
                combo.setCurrentIndex(max(combo.findData(current), 0))
        self.set_counts({})

    def set_counts(self, facets: dict[str, dict[str, int]]) -> None:
        """Show each choice with its live count, keeping the current choices (rewriting all
        3,000 principals of a large catalogue takes 3 to 7 ms)."""
        for facet, combo in self.combos.items():
            counts = facets.get("type" if facet == "entity_type" else facet, {})
            for position, (value, label) in enumerate(self._vocab_labels[facet].items(), 1):
                count = counts.get(value)
                combo.setItemText(position, label if count is None else f"{label} ({count})")
        for facet, box in self.checks.items():
            count = next(iter(facets.get(facet, {}).values()), None)
            title = self._check_titles[facet]
            box.setText(title if count is None else f"{title} ({count})")

    def filter_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {facet: combo.currentData()
                                  for facet, combo in self.combos.items()}
        return values | {CHECKS[facet]: box.isChecked() for facet, box in self.checks.items()}

    def has_filters(self) -> bool:
        return any(self.filter_values().values())

    def clear_filters(self) -> None:
        self.set_filter_values({})

    def set_filter_values(self, values: dict[str, Any]) -> None:
        """Set the filters to ``values`` (from :meth:`filter_values`) without a signal."""
        for facet, combo in self.combos.items():
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(combo.findData(values.get(facet)), 0))
        for facet, box in self.checks.items():
            with QSignalBlocker(box):
                box.setChecked(bool(values.get(CHECKS[facet])))

    def show_result(self, hits: Mapping[str, Sequence[str]], counts: Mapping[str, int],
                    spans: Callable[[str], list[tuple[int, int]]],
                    facets: dict[str, dict[str, int]] | None,
                    suggestion: str | None = None) -> None:
        """Show a result's hits, and its facet counts when given (``None``: not yet), with
        them a "Did you mean …?" for a text that found nothing.

        The search runner answers twice, the hits first and then the same result with the
        counts; for the second the hits shown already are kept as they are (the current
        row, the scroll position), and only the counts are written.
        """
        if hits is not self._hits:
            self._hits = hits
            self.show_suggestion(None)
            self.model.set_result(hits, counts, spans)
            total = sum(counts.get(t, len(hits.get(t, []))) for t in queries.ENTITY_TYPES)
            self.summary.setText(self.tr("%n hit(s)", "", total) if total else self.tr(
                "Nothing found. Try fewer or shorter words, or clear the filters."))
        if facets is not None:
            self.set_counts(facets)
            self.show_suggestion(suggestion)

    def show_suggestion(self, text: str | None) -> None:
        """Offer ``text`` as "Did you mean …?" (``None``: offer nothing)."""
        self._suggested = text or ""
        if text:
            label = self.tr("Did you mean %1?").replace("%1", text)
            self.suggestion.setText(label)
            self.suggestion.setAccessibleName(label)
        self.suggestion.setVisible(bool(text))

    def select_hit(self, entity_type: str, entity_id: str) -> bool:
        """Make the hit of that entry the current row (without opening it again)."""
        row = self.model.row_of(entity_type, entity_id)
        if row < 0:
            return False
        make_current(self.view, self.model.index(row, 0))
        return True

    def focus_results(self) -> None:
        first = self.model.first_hit_row()
        if first >= 0:
            self.view.setFocus()
            self.view.setCurrentIndex(self.model.index(first, 0))
