"""Pages that stand in the list pane beside the four entry lists: the user's favourites, and
what the last update brought (new, changed, removed, and notes on removed entries)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from tfbb_desktop.core.store import queries
from tfbb_desktop.ui import names as labels
from tfbb_desktop.ui.pages.base import clear_layout
from tfbb_desktop.ui.pages.detail import RelatedList, heading_label, plain_label
from tfbb_desktop.ui.tooltips import tip

if TYPE_CHECKING:
    from tfbb_desktop.ui.entry_menu import EntryMenus


class RefPage(QWidget):
    """A titled page of lists; each ``set_*`` call rebuilds it."""

    open_ref = Signal(str, str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.menus: EntryMenus | None = None  # the rows' context menu, when set
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def _list(self, title: str, count: int, empty: str, make: Callable[[], QWidget]) -> None:
        """A heading with the count, then the list that ``make`` builds, or ``empty``."""
        heading = heading_label(f"{title} ({count})")
        heading.setContentsMargins(4, 8, 4, 2)
        self._layout.addWidget(heading)
        if count:
            self._layout.addWidget(make(), 1)
            return
        hint = plain_label(empty, selectable=False)
        hint.setContentsMargins(4, 0, 4, 0)
        self._layout.addWidget(hint)

    def _links(self, title: str, refs: list[queries.Ref], empty: str, name: str) -> None:
        def make() -> QWidget:
            links = RelatedList(refs, title)
            links.setObjectName(name)
            links.setMaximumHeight(16777215)
            links.setMinimumHeight(120)
            links.open_ref.connect(self.open_ref, Qt.ConnectionType.QueuedConnection)
            if self.menus is not None:
                self.menus.install(links)
            return links

        self._list(title, len(refs), empty, make)

    def _texts(self, title: str, lines: list[tuple[str, str]], empty: str, name: str) -> None:
        def make() -> QWidget:
            box = QListWidget()
            box.setObjectName(name)
            box.setAccessibleName(title)
            box.setWordWrap(True)
            for text, tooltip in lines:
                item = QListWidgetItem(text)
                item.setToolTip(tip(tooltip))
                box.addItem(item)
            return box

        self._list(title, len(lines), empty, make)


class FavouritesPage(RefPage):
    def set_favourites(self, refs: list[queries.Ref]) -> None:
        clear_layout(self._layout)
        self._links(self.tr("My favourites"), refs,
                    self.tr("No favourites yet. Open an entry and press Ctrl+D or the star to "
                            "keep it here."), "favouriteList")
        self._layout.addStretch(0)


class ChangesPage(RefPage):
    def set_changes(self, new: list[queries.Ref], removed: list[queries.Removed],
                    orphan_notes: list[tuple[str, str]]) -> None:
        clear_layout(self._layout)
        self._links(self.tr("New or changed since the last update"), new,
                    self.tr("Nothing new that you have not opened yet."), "newList")
        self._texts(self.tr("Removed in the last update"),
                    [(f"{r.name} ({labels.type_name(r.entity_type)})", r.name) for r in removed],
                    self.tr("Nothing was removed."), "removedList")
        self._texts(self.tr("Notes on removed entries"),
                    [(f"{name}: {text}", text) for name, text in orphan_notes],
                    self.tr("None of your notes is about a removed entry."), "orphanNotes")
        self._layout.addStretch(0)
