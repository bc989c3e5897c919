"""Item models fed by the core's queries. Read-only; no SQL here.

The entry lists and the search results hold only ids and fetch the rows a view shows in
blocks (:class:`RowBlocks`), so that a list of 100,000 entries opens at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from tfbb_desktop.core.store import lists, queries
from tfbb_desktop.ui.bidi import isolated
from tfbb_desktop.ui.names import list_headers
from tfbb_desktop.ui.tooltips import tip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TYPE_ROLE = Qt.ItemDataRole.UserRole + 2
NEW_ROLE = Qt.ItemDataRole.UserRole + 3
TITLE_ROLE = Qt.ItemDataRole.UserRole + 4  # the entry's name alone

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
BLOCK = 100
TITLE, SUBTITLE, MARKS = range(3)  # the columns of an entry list
FAVOURITE_MARK, NOTE_MARK = "★", "✎"
ENABLED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
Marker = Callable[[str, str], bool]  # (type, id) -> is the entry marked


def bold_font(base: QFont | None = None, scale: float = 1.0) -> QFont:
    """``base`` (else the default font) in bold, ``scale`` times as large."""
    font = QFont(base) if base is not None else QFont()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    return font


def entry_text(row: queries.ListRow | queries.Ref, between: str = " – ") -> str:
    """The title, and the subtitle after it if there is one."""
    if not row.subtitle:
        return row.title
    return f"{isolated(row.title)}{between}{isolated(row.subtitle)}"


def entry_tip(row: queries.ListRow) -> str:
    return tip("\n".join(t for t in (row.title, row.subtitle, row.detail) if t))


class RowBlocks:
    """The rows of lists of ids, fetched a block at a time as a view shows them; ``None``
    for an id no longer in the catalogue. At most 20 blocks are kept."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._blocks: dict[tuple[str, int], list[queries.ListRow | None]] = {}

    def clear(self) -> None:
        self._blocks.clear()

    def get(self, entity_type: str, ids: Sequence[str], row: int,
            missing: Callable[[], object] = lambda: None) -> queries.ListRow | None:
        """The row of ``ids[row]``; ``missing()`` when a block is read with a gone id."""
        start = row - row % BLOCK
        block = self._blocks.get((entity_type, start))
        if block is None:
            if len(self._blocks) >= 20:  # keep memory flat while scrolling far
                self._blocks.clear()
            wanted = list(ids[start:start + BLOCK])
            found = {r.entity_id: r for r in queries.list_rows(self._conn, entity_type, wanted)}
            block = self._blocks[(entity_type, start)] = [found.get(i) for i in wanted]
            if len(found) < len(wanted):
                missing()
        return block[row - start]


class EntryTableModel(QAbstractTableModel):
    """One list of entries (principals, contacts, examples or work): title, subtitle, and the
    user's marks (a star for a favourite, a pencil for a note).

    :meth:`sort` orders it by a column in Swedish order (the ids as given are in Swedish order
    by title already); the order stays when new ids are given.

    An id that is no longer in the catalogue (another program has changed it since the list
    was read) shows as a row that says so, and :attr:`entry_missing` is emitted: the window
    then reads the catalogue again.
    """

    entry_missing = Signal()

    def __init__(self, conn: sqlite3.Connection, entity_type: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._rows = RowBlocks(conn)
        self.entity_type = entity_type
        self._ids: list[str] = []
        self._given: list[str] = []  # the ids in the order given (by title)
        self._sort = (TITLE, Qt.SortOrder.AscendingOrder)
        self._new: Marker = lambda _t, _i: False
        self._favourite: Marker = self._new
        self._noted: Marker = self._new

    def set_new_marker(self, is_new: Marker) -> None:
        self._new = is_new

    def set_user_marks(self, favourite: Marker, noted: Marker) -> None:
        self._favourite, self._noted = favourite, noted

    def user_marks_changed(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, MARKS), self.index(len(self._ids) - 1, MARKS))

    def set_ids(self, ids: Sequence[str]) -> None:
        self.beginResetModel()
        self._given = list(ids)
        self._ids = self._ordered()
        self._rows.clear()
        self.endResetModel()

    def sort_order(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < 3 or (column, order) == self._sort:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._ids[i.row()] for i in old]
        self._ids = self._ordered()
        self._rows.clear()
        rows = {entity_id: row for row, entity_id in enumerate(self._ids)}
        self.changePersistentIndexList(old, [self.index(rows[entity_id], i.column())
                                             for i, entity_id in zip(old, old_ids, strict=True)])
        self.layoutChanged.emit()

    def _ordered(self) -> list[str]:
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        ids = list(self._given)
        if column == SUBTITLE:
            return lists.by_subtitle(self._conn, self.entity_type, ids, descending)
        if column == MARKS:  # favourites first, then those with a note; by name within
            return sorted(ids, key=lambda i: (not self._favourite(self.entity_type, i),
                                              not self._noted(self.entity_type, i)),
                          reverse=descending)
        return ids[::-1] if descending else ids

    def refresh_row(self, entity_id: str) -> None:
        row = self.row_of(entity_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, MARKS))

    def ids(self) -> list[str]:
        return self._ids

    def row_of(self, entity_id: str) -> int:
        try:
            return self._ids.index(entity_id)  # one walk of the list, not two
        except ValueError:
            return -1

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 3:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return FAVOURITE_MARK if section == MARKS else list_headers(self.entity_type)[section]
        if section == MARKS and role in (Qt.ItemDataRole.ToolTipRole,
                                         Qt.ItemDataRole.AccessibleTextRole):
            return self.tr("Favourite and note")
        return None

    def _user_marks(self, entity_id: str, role: int) -> Any:
        marks = ((FAVOURITE_MARK, self.tr("favourite"), self._favourite),
                 (NOTE_MARK, self.tr("note"), self._noted))
        on = [(mark, word) for mark, word, test in marks if test(self.entity_type, entity_id)]
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(mark for mark, _word in on)
        words = ", ".join(word for _mark, word in on)
        if role == Qt.ItemDataRole.ToolTipRole:
            return words.capitalize() or None
        return words if role == Qt.ItemDataRole.AccessibleTextRole else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        r, column = Qt.ItemDataRole, index.column()
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == TYPE_ROLE:
            return self.entity_type
        if role not in (r.DisplayRole, r.ToolTipRole, r.AccessibleTextRole, NEW_ROLE,
                        r.FontRole, TITLE_ROLE):
            return None
        entry = self._rows.get(self.entity_type, self._ids, index.row(), self.entry_missing.emit)
        if entry is None:  # no longer in the catalogue: the row says so, never blank
            if role in (NEW_ROLE, r.FontRole, TITLE_ROLE):
                return False if role == NEW_ROLE else None
            text = self.tr("No longer in the catalogue")
            return text if column == 0 or role != r.DisplayRole else ""
        if role == TITLE_ROLE:
            return entry.title
        if column == MARKS:
            return self._user_marks(entry.entity_id, role)
        is_new = self._new(self.entity_type, entry.entity_id)
        if role in (NEW_ROLE, r.FontRole):
            return is_new if role == NEW_ROLE else (bold_font() if is_new and column == 0
                                                    else None)
        if role == r.ToolTipRole:
            return entry_tip(entry)
        if role == r.AccessibleTextRole:
            marks = self._user_marks(entry.entity_id, role)
            text = entry_text(entry, ", ")
            return f"{text} ({marks})" if marks else text
        return entry.title if column == 0 else entry.subtitle

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return ENABLED if index.isValid() else Qt.ItemFlag.NoItemFlags


class RefListModel(QAbstractListModel):
    """The related entries of a detail page (each a link)."""

    def __init__(self, refs: Sequence[queries.Ref] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._refs = list(refs)

    def set_refs(self, refs: Sequence[queries.Ref]) -> None:
        self.beginResetModel()
        self._refs = list(refs)
        self.endResetModel()

    def ref(self, row: int) -> queries.Ref:
        return self._refs[row]

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._refs)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._refs):
            return None
        ref = self._refs[index.row()]
        return {Qt.ItemDataRole.DisplayRole: entry_text(ref),
                Qt.ItemDataRole.AccessibleTextRole: entry_text(ref),
                Qt.ItemDataRole.ToolTipRole: tip(ref.title),
                TITLE_ROLE: ref.title, ID_ROLE: ref.entity_id,
                TYPE_ROLE: ref.entity_type}.get(role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return ENABLED if index.isValid() else Qt.ItemFlag.NoItemFlags
