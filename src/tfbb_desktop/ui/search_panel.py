"""Search results grouped by type, best first, with matched words highlighted, and the filters
that combine with the text, each showing live counts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core import queries
from . import labels
from .models import ID_ROLE, TYPE_ROLE, AnyIndex

SPANS_ROLE = Qt.ItemDataRole.UserRole + 10
_ROOT = QModelIndex()
BLOCK = 100
RESULT_TYPES = ("principals", "contacts", "examples", "work")


class SearchResultModel(QAbstractItemModel):
    """Groups (one per type with hits) → hits. Holds ids only; rows are fetched when shown."""

    def __init__(self, conn: sqlite3.Connection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._groups: list[tuple[str, list[str]]] = []
        self._counts: dict[str, int] = {}
        self._rows: dict[tuple[int, int], queries.ListRow] = {}
        self._spans: Callable[[str], list[tuple[int, int]]] = lambda _text: []

    def set_result(self, hits: dict[str, list[str]], counts: dict[str, int],
                   spans: Callable[[str], list[tuple[int, int]]]) -> None:
        self.beginResetModel()
        self._groups = [(t, list(hits.get(t, []))) for t in RESULT_TYPES if hits.get(t)]
        self._counts = dict(counts)
        self._rows.clear()
        self._spans = spans
        self.endResetModel()

    def total(self) -> int:
        return sum(len(ids) for _, ids in self._groups)

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 1

    def _row(self, group: int, row: int) -> queries.ListRow | None:
        key = (group, row)
        if key not in self._rows:
            entity_type, ids = self._groups[group]
            start = (row // BLOCK) * BLOCK
            block = ids[start:start + BLOCK]
            fetched = {r.entity_id: r for r in queries.list_rows(self._conn, entity_type, block)}
            for offset, entity_id in enumerate(block):
                if entity_id in fetched:
                    self._rows[(group, start + offset)] = fetched[entity_id]
        return self._rows.get(key)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            entity_type, ids = self._groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                total = self._counts.get(entity_type, len(ids))
                return f"{labels.section_title(entity_type)} ({total})"
            if role == TYPE_ROLE:
                return entity_type
            return None
        group = index.internalId() - 1
        entity_type, ids = self._groups[group]
        if role == ID_ROLE:
            return ids[index.row()]
        if role == TYPE_ROLE:
            return entity_type
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                        Qt.ItemDataRole.ToolTipRole, SPANS_ROLE):
            return None
        entry = self._row(group, index.row())
        if entry is None:
            return None
        text = f"{entry.title} – {entry.subtitle}" if entry.subtitle else entry.title
        if role == SPANS_ROLE:
            return self._spans(text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(t for t in (entry.title, entry.subtitle, entry.detail) if t)
        return text

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


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
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        layout = QTextLayout(text, opt.font)
        formats = []
        for start, end in spans:
            fmt = QTextLayout.FormatRange()
            fmt.start, fmt.length = start, end - start
            char = QTextCharFormat()
            char.setFontWeight(700)
            if not selected:
                char.setBackground(QColor("#ffe680"))
                char.setForeground(QColor("#000000"))
            fmt.format = char
            formats.append(fmt)
        layout.setFormats(formats)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(rect.width())
        layout.endLayout()
        painter.save()
        role = (QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        painter.setPen(opt.palette.color(role))
        painter.setClipRect(QRectF(rect))
        top = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


class ResultView(QTreeView):
    """Enter opens the current hit; Up from the first row goes back to the search field."""

    open_hit = Signal(str, str)
    leave_up = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Up and self.currentIndex() == self.model().index(0, 0):
            self.leave_up.emit()
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        entity_id = index.data(ID_ROLE)
        if index.isValid() and entity_id:
            self.open_hit.emit(index.data(TYPE_ROLE), entity_id)


FACETS = ("entity_type", "principal", "professional_group", "level", "domain", "work_status")


class SearchPanel(QWidget):
    """The filters above the grouped results. Emits ``filters_changed`` and ``open_ref``."""

    filters_changed = Signal()
    open_ref = Signal(str, str)

    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Search results"))
        self.conn = conn
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setContentsMargins(4, 4, 4, 4)
        self.combos: dict[str, QComboBox] = {}
        titles = {
            "entity_type": self.tr("Type"),
            "principal": self.tr("Principal"),
            "professional_group": self.tr("Professional group"),
            "level": self.tr("Model level"),
            "domain": self.tr("Implementation domain"),
            "work_status": self.tr("Status of work"),
        }
        for position, facet in enumerate(FACETS):
            label = QLabel(titles[facet])
            combo = QComboBox()
            combo.setObjectName(f"filter-{facet}")
            combo.setAccessibleName(titles[facet])
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
            self.combos[facet] = combo
            grid.addWidget(label, position // 2 * 2, position % 2)
            grid.addWidget(combo, position // 2 * 2 + 1, position % 2)
        self.only_favourites = QCheckBox(self.tr("Only favourites"))
        self._check_titles = {"favourites": self.tr("Only favourites"),
                              "new": self.tr("New since the last update")}
        self.only_favourites.setObjectName("filter-favourites")
        self.only_new = QCheckBox(self.tr("New since the last update"))
        self.only_new.setObjectName("filter-new")
        for box in (self.only_favourites, self.only_new):
            box.toggled.connect(lambda _on: self.filters_changed.emit())
        grid.addWidget(self.only_favourites, 6, 0)
        grid.addWidget(self.only_new, 6, 1)
        layout.addLayout(grid)
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.summary)
        self.model = SearchResultModel(conn, self)
        self.view = ResultView()
        self.view.setObjectName("searchResults")
        self.view.setAccessibleName(self.tr("Search results"))
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setItemDelegate(HighlightDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.open_hit.connect(self.open_ref)
        self.view.clicked.connect(self.view._open)
        layout.addWidget(self.view, 1)
        self._vocab_labels: dict[str, dict[str, str]] = {}
        self.reload_choices()

    def reload_choices(self) -> None:
        """The values each filter offers, from the catalogue's vocabularies and principals."""
        conn = self.conn
        principals = queries.list_ids(conn, "principals")
        names = {r.entity_id: r.title for r in queries.list_rows(conn, "principals", principals)}
        self._vocab_labels = {
            "entity_type": {t: labels.section_title(t) for t in RESULT_TYPES},
            "principal": {p: names[p] for p in principals if p in names},
            "professional_group": {t.id: t.label for t in
                                   queries.vocabulary(conn, "professional_groups")},
            "level": {t.id: t.label for t in queries.vocabulary(conn, "levels")},
            "domain": {t.id: t.label for t in queries.vocabulary(conn, "domains")},
            "work_status": {t.id: t.label for t in queries.vocabulary(conn, "work_statuses")},
        }
        self.set_counts({})

    def set_counts(self, facets: dict[str, dict[str, int]]) -> None:
        """Show each choice with its live count, keeping the current choices."""
        for facet, combo in self.combos.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
            counts = facets.get("type" if facet == "entity_type" else facet, {})
            for value, label in self._vocab_labels.get(facet, {}).items():
                count = counts.get(value)
                combo.addItem(label if count is None else f"{label} ({count})", value)
            found = combo.findData(current)
            combo.setCurrentIndex(found if found >= 0 else 0)
            combo.blockSignals(False)
        for facet, box in (("favourites", self.only_favourites), ("new", self.only_new)):
            count = next(iter(facets.get(facet, {}).values()), None)
            title = self._check_titles[facet]
            box.setText(title if count is None else f"{title} ({count})")

    def filter_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {facet: combo.currentData()
                                  for facet, combo in self.combos.items()}
        values["only_favourites"] = self.only_favourites.isChecked()
        values["new_only"] = self.only_new.isChecked()
        return values

    def has_filters(self) -> bool:
        values = self.filter_values()
        return any(v for v in values.values())

    def clear_filters(self) -> None:
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for box in (self.only_favourites, self.only_new):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)

    def show_result(self, hits: dict[str, list[str]], counts: dict[str, int],
                    spans: Callable[[str], list[tuple[int, int]]],
                    facets: dict[str, dict[str, int]]) -> None:
        self.model.set_result(hits, counts, spans)
        self.view.expandAll()
        self.set_counts(facets)
        total = sum(counts.get(t, len(hits.get(t, []))) for t in RESULT_TYPES)
        if total:
            self.summary.setText(self.tr("%n hit(s)", "", total))
        else:
            self.summary.setText(self.tr("Nothing found. Try fewer or shorter words, or clear "
                                         "the filters."))

    def focus_results(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.view.setFocus()
        first_group = self.model.index(0, 0)
        target = self.model.index(0, 0, first_group) if self.model.rowCount(first_group) else \
            first_group
        self.view.setCurrentIndex(target)
