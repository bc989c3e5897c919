"""Item models fed by the core's queries. Read-only; no SQL here.

:class:`EntryTableModel` holds only the ordered ids of a list and fetches the rows it shows in
blocks, so that a list of 100,000 entries opens at once.
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

from tfbb_desktop.core.store import queries
from tfbb_desktop.ui.bidi import isolated
from tfbb_desktop.ui.tooltips import tip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TYPE_ROLE = Qt.ItemDataRole.UserRole + 2
NEW_ROLE = Qt.ItemDataRole.UserRole + 3
TITLE_ROLE = Qt.ItemDataRole.UserRole + 4  # the entry's name alone

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
BLOCK = 200


def bold_font(base: QFont | None = None, scale: float = 1.0) -> QFont:
    """``base`` (else the default font) in bold, ``scale`` times as large."""
    font = QFont(base) if base is not None else QFont()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    return font


TITLE, SUBTITLE, MARKS = range(3)  # the columns of an entry list
FAVOURITE_MARK, NOTE_MARK = "★", "✎"


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
        self.entity_type = entity_type
        self._ids: list[str] = []
        self._rows: dict[int, queries.ListRow] = {}
        self._missing: set[int] = set()  # rows whose id was not found
        self._marks: Callable[[str, str], bool] = lambda _t, _i: False
        self._favourite: Callable[[str, str], bool] = lambda _t, _i: False
        self._noted: Callable[[str, str], bool] = lambda _t, _i: False
        self._given: list[str] = []  # the ids in the order given (by title)
        self._sort = (TITLE, Qt.SortOrder.AscendingOrder)

    def set_new_marker(self, is_new: Callable[[str, str], bool]) -> None:
        self._marks = is_new

    def set_user_marks(self, favourite: Callable[[str, str], bool],
                       noted: Callable[[str, str], bool]) -> None:
        self._favourite, self._noted = favourite, noted

    def user_marks_changed(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, MARKS), self.index(len(self._ids) - 1, MARKS))

    def set_ids(self, ids: Sequence[str]) -> None:
        self.beginResetModel()
        self._given = list(ids)
        self._ids = self._ordered()
        self._rows.clear()
        self._missing.clear()
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
        self._missing.clear()
        rows = {entity_id: row for row, entity_id in enumerate(self._ids)}
        self.changePersistentIndexList(old, [self.index(rows[entity_id], i.column())
                                             for i, entity_id in zip(old, old_ids, strict=True)])
        self.layoutChanged.emit()

    def _ordered(self) -> list[str]:
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        ids = list(self._given)
        if column == SUBTITLE:
            from tfbb_desktop.core.store import lists

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
            return self._ids.index(entity_id)
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
        if section == MARKS:
            if role == Qt.ItemDataRole.DisplayRole:
                return FAVOURITE_MARK
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("Favourite and note")
            return None
        return _headers(self.entity_type)[section] if role == Qt.ItemDataRole.DisplayRole \
            else None

    def _user_marks(self, entity_id: str, role: int) -> Any:
        favourite = self._favourite(self.entity_type, entity_id)
        noted = self._noted(self.entity_type, entity_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(m for m, on in ((FAVOURITE_MARK, favourite), (NOTE_MARK, noted))
                            if on)
        words = [w for w, on in ((self.tr("favourite"), favourite), (self.tr("note"), noted))
                 if on]
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(words).capitalize() or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(words)
        return None

    def _row(self, row: int) -> queries.ListRow | None:
        cached = self._rows.get(row)
        if cached is not None or row in self._missing:
            return cached
        start = (row // BLOCK) * BLOCK
        block = self._ids[start:start + BLOCK]
        fetched = {r.entity_id: r for r in queries.list_rows(self._conn, self.entity_type, block)}
        for offset, entity_id in enumerate(block):
            found = fetched.get(entity_id)
            if found is not None:
                self._rows[start + offset] = found
            else:
                self._missing.add(start + offset)
        if len(fetched) < len(block):
            self.entry_missing.emit()
        if len(self._rows) > 20 * BLOCK:  # keep memory flat while scrolling far
            self._rows = {k: v for k, v in self._rows.items() if abs(k - row) < 5 * BLOCK}
        return self._rows.get(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == TYPE_ROLE:
            return self.entity_type
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole, NEW_ROLE, Qt.ItemDataRole.FontRole,
                        TITLE_ROLE):
            return None
        entry = self._row(index.row())
        if entry is None:
            return self._gone(index.column(), role)
        if role == TITLE_ROLE:
            return entry.title
        if index.column() == MARKS:
            return self._user_marks(entry.entity_id, role)
        if role == NEW_ROLE:
            return self._marks(self.entity_type, entry.entity_id)
        if role == Qt.ItemDataRole.FontRole:
            if index.column() == 0 and self._marks(self.entity_type, entry.entity_id):
                return bold_font()
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip("\n".join(t for t in (entry.title, entry.subtitle, entry.detail) if t))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            marks = self._user_marks(entry.entity_id, role)
            text = (f"{isolated(entry.title)}, {isolated(entry.subtitle)}" if entry.subtitle
                    else entry.title)
            return f"{text} ({marks})" if marks else text
        return entry.title if index.column() == 0 else entry.subtitle

    def _gone(self, column: int, role: int) -> Any:
        """The row of an id that is no longer in the catalogue: it says so, never blank."""
        if role in (NEW_ROLE, Qt.ItemDataRole.FontRole, TITLE_ROLE):
            return False if role == NEW_ROLE else None
        text = self.tr("No longer in the catalogue")
        return text if column == 0 or role != Qt.ItemDataRole.DisplayRole else ""

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _headers(entity_type: str) -> tuple[str, str]:
    from tfbb_desktop.ui.names import list_headers

    return list_headers(entity_type)


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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (f"{isolated(ref.title)} – {isolated(ref.subtitle)}" if ref.subtitle
                    else ref.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(ref.title)
        if role == TITLE_ROLE:
            return ref.title
        if role == ID_ROLE:
            return ref.entity_id
        if role == TYPE_ROLE:
            return ref.entity_type
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
