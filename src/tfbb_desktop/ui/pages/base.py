"""What the extra pages (overview, upcoming events, suggestions, inbox, publishing) share:
:class:`Page`, filled from the open catalogue; :class:`ItemRows` and :class:`ItemTable`, flat
models of keyed items; :class:`ListPage`, whose chosen item opens in the detail pane while the
page stays. Nothing here is translated: each page passes its own texts, so every string keeps
the translation context of the page that uses it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tfbb_desktop.ui import focus
from tfbb_desktop.ui.models import ENABLED, ROOT, AnyIndex

if TYPE_CHECKING:
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.navigation import Navigator

ItemT = TypeVar("ItemT")


def file_stem(name: str) -> str:
    """A file name from an entry's name: "Oxelösunds kommun" -> "oxelösunds-kommun"."""
    keep = "".join(ch if ch.isalnum() else "-" for ch in name.lower())
    return "-".join(part for part in keep.split("-") if part) or "tfbb"


def ask_save_path(nav: Navigator, title: str, name: str, filters: str, suffix: str,
                  parent: QWidget | None = None) -> Path | None:
    """Ask where to save ``name`` (starting in the folder used last for exports); the chosen
    path gets ``suffix`` (".pdf") if it has another one. ``None`` if the user cancelled."""
    start = str(nav.settings.value("export/folder", str(Path.home())))
    chosen, _ = QFileDialog.getSaveFileName(parent or nav.window(), title, str(Path(start) / name),
                                            filters)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_suffix(suffix)
    nav.settings.setValue("export/folder", str(path.parent))
    return path


def show_text(label: QLabel, text: str) -> None:
    """Put ``text`` in a selectable label and name it so for screen readers; an empty label
    takes no focus (Tab does not stop at nothing)."""
    label.setText(text)
    label.setAccessibleName(text[:200])
    if label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard:
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus if text else Qt.FocusPolicy.NoFocus)


def clear_layout(layout: QLayout) -> None:
    """Take every widget out of ``layout`` at once (Qt deletes them later): nothing, not a
    test and not a screen reader, finds the replaced widgets in the meantime."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()


def make_current(view: QAbstractItemView, index: QModelIndex) -> None:
    """Choose the row of ``index`` and scroll to it, without a click's signals."""
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
    view.scrollTo(index)


class Page(QWidget):
    """A page with an object name, an accessible name and a vertical layout
    (:attr:`page_layout`); subclasses fill it in :meth:`fill`."""

    def __init__(self, nav: Navigator, object_name: str, accessible_name: str,
                 parent: QWidget | None = None, *,
                 margins: tuple[int, int, int, int] = (4, 8, 4, 4)) -> None:
        super().__init__(parent)
        self.nav = nav
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(*margins)

    def refresh(self) -> None:
        """Fill the page from the open catalogue (nothing happens while none is open)."""
        if self.nav.ctx is not None:
            self.fill(self.nav.ctx)

    def fill(self, ctx: AppContext) -> None:
        raise NotImplementedError


class ItemRows(Generic[ItemT]):
    """A flat model's rows: one item per row, found again by :meth:`item_key`.

    Mix it in before the Qt model class, e.g. ``class M(ItemRows[X], QAbstractListModel)``.
    """

    _items: Sequence[Any] = ()

    def item_key(self, item: ItemT) -> str:
        raise NotImplementedError

    def set_items(self, items: Iterable[ItemT]) -> None:
        model = cast(QAbstractItemModel, self)
        model.beginResetModel()
        self._items = list(items)
        model.endResetModel()

    def item_at(self, row: int) -> ItemT | None:
        return cast(ItemT, self._items[row]) if 0 <= row < len(self._items) else None

    def row_of(self, key: str) -> int:
        return next((row for row, item in enumerate(self._items) if self.item_key(item) == key),
                    -1)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return ENABLED if index.isValid() else Qt.ItemFlag.NoItemFlags


class ItemTable(ItemRows[ItemT]):
    """:class:`ItemRows` in columns named by :meth:`headings`; mix in before
    ``QAbstractTableModel``."""

    def headings(self) -> tuple[str, ...]:
        raise NotImplementedError

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.headings())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        heads = self.headings()
        return heads[section] if 0 <= section < len(heads) else None

    def item_of(self, index: AnyIndex) -> ItemT | None:
        """The item in ``index``'s row, or None for an invalid index."""
        return self.item_at(index.row()) if index.isValid() else None


class ListPage(Page, Generic[ItemT]):
    """A page listing items in :attr:`view` from :attr:`model`. The chosen item's entry opens
    in the detail pane while the page (section :attr:`section`) stays shown."""

    section = ""
    model: ItemRows[ItemT]
    view: QAbstractItemView

    def setup_view(self, view: QAbstractItemView, object_name: str,
                   accessible_name: str) -> None:
        """Show :attr:`model` in ``view``: read-only, one item chosen at a time, wrapped."""
        self.view = view
        focus.dim_selection_without_focus(view)
        view.setObjectName(object_name)
        view.setAccessibleName(accessible_name)
        view.setModel(cast(QAbstractItemModel, self.model))
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def setup_table(self, object_name: str, accessible_name: str) -> QTableView:
        """A table of :attr:`model` by rows: the first column stretches, the second and each
        row's height fit their text."""
        view = QTableView()
        self.setup_view(view, object_name, accessible_name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.setTabKeyNavigation(False)
        view.setWordWrap(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    def entry_of(self, item: ItemT) -> tuple[str, str]:
        """The (type, id) of the entry that ``item`` is about."""
        raise NotImplementedError

    def selected(self) -> ItemT | None:
        return self.model.item_at(self.view.currentIndex().row())  # an invalid index: row -1

    def select(self, key: str) -> bool:
        row = self.model.row_of(key)
        if row < 0:
            return False
        make_current(self.view, cast(QAbstractItemModel, self.model).index(row, 0))
        return True

    def select_entry(self, entity_type: str, entity_id: str) -> bool:
        """Choose the first item about that entry (without opening it)."""
        for item in self.model._items:
            if self.entry_of(item) == (entity_type, entity_id):
                return self.select(self.model.item_key(item))
        return False

    def chosen_entry(self) -> tuple[str, str] | None:
        """The (type, id) of the chosen item's entry, shown in the detail pane beside it."""
        item = self.selected()
        return self.entry_of(item) if item is not None else None

    def open_selected(self) -> bool:
        """Show the chosen item's entry in the detail pane; the list stays."""
        item = self.selected()
        if item is None or not self.nav.open_from_page(*self.entry_of(item), stay_on=self.section):
            return False
        self.select(self.model.item_key(item))
        return True
