"""The context menu of every list row and link: open, copy, favourite, suggest a change.

:meth:`EntryMenus.install` gives a view the menu of the entry under the mouse (or the
current row, for the keyboard's menu key); :meth:`EntryMenus.install_url` gives a link
button the menu of its address. The menu's actions are the window's own: opening an entry,
the favourites of the user's data, the suggestion dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QMenu, QWidget

from tfbb_desktop.ui import messages
from tfbb_desktop.ui.models import ID_ROLE, TITLE_ROLE, TYPE_ROLE

if TYPE_CHECKING:
    from tfbb_desktop.ui.main_window import MainWindow

ENTRY_TYPES = frozenset({"principals", "contacts", "examples", "work"})


@dataclass(frozen=True)
class MenuEntry:
    entity_type: str
    entity_id: str
    title: str


def entry_at(view: QAbstractItemView, pos: QPoint | None) -> MenuEntry | None:
    """The entry of the row at ``pos`` in the view's viewport (``None``: the current row)."""
    index = view.indexAt(pos) if pos is not None else view.currentIndex()
    if not index.isValid():
        return None
    entity_type, entity_id = index.data(TYPE_ROLE), index.data(ID_ROLE)
    if entity_type not in ENTRY_TYPES or not entity_id:
        return None
    title = index.data(TITLE_ROLE) or index.data(Qt.ItemDataRole.DisplayRole) or ""
    return MenuEntry(str(entity_type), str(entity_id), str(title))


def address_of(url: str, label: str) -> str:
    """What "Copy" copies of a link: the e-mail address or number as shown, else the URL."""
    if url.startswith(("mailto:", "tel:")):
        return label or url.split(":", 1)[1]
    return url


class EntryMenus(QObject):
    """Builds the menus; :attr:`last_menu` is the one shown last."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_menu: QMenu | None = None

    # Entries --------------------------------------------------------------------------------
    def install(self, view: QAbstractItemView) -> None:
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos, v=view: self._show_for_view(v, pos))

    def _show_for_view(self, view: QAbstractItemView, pos: QPoint) -> None:
        entry = entry_at(view, pos)
        if entry is None and view.hasFocus():  # the menu key: the current row's menu
            entry = entry_at(view, None)
            pos = view.visualRect(view.currentIndex()).center()
        if entry is None:
            return
        self._popup(self.entry_menu(entry, view), view.viewport().mapToGlobal(pos))

    def entry_menu(self, entry: MenuEntry, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName("entryMenu")
        menu.setAccessibleName(self.tr("Actions for %1").replace("%1", entry.title))
        menu.addAction(self.tr("&Open"), lambda: self.window.open_entry(
            entry.entity_type, entry.entity_id)).setObjectName("menuOpen")
        menu.addAction(self.tr("&Copy"), lambda: self.copy_entry(entry)) \
            .setObjectName("menuCopy")
        ctx = self.window.ctx
        on = ctx is not None and ctx.userdata.is_favourite(entry.entity_type, entry.entity_id)
        favourite = menu.addAction(
            self.tr("&Remove from favourites") if on else self.tr("&Add to favourites"),
            lambda: self.window.set_favourite_of(entry.entity_type, entry.entity_id, not on))
        favourite.setObjectName("menuFavourite")
        self._add_suggest(menu, entry.entity_type, entry.entity_id, entry.title)
        return menu

    def copy_entry(self, entry: MenuEntry) -> str:
        """Copy a contact person's details, or another entry's name, as plain text."""
        text = entry.title
        ctx = self.window.ctx
        if entry.entity_type == "contacts" and ctx is not None:
            from tfbb_desktop.core.outputs import contacts as contacts_export

            records = contacts_export.contact_records(ctx.conn, [entry.entity_id])
            if records:
                text = contacts_export.plain_text(records[0], messages.translate)
        self.copy(text)
        return text

    # Links ----------------------------------------------------------------------------------
    def install_url(self, button: QAbstractButton, url: str, label: str) -> None:
        button.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        button.customContextMenuRequested.connect(
            lambda pos, b=button: self._popup(self.url_menu(url, label, b), b.mapToGlobal(pos)))

    def url_menu(self, url: str, label: str, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName("linkMenu")
        menu.setAccessibleName(self.tr("Actions for %1").replace("%1", label))
        menu.addAction(self.tr("&Open"), lambda: self.window.open_url(url)) \
            .setObjectName("menuOpen")
        menu.addAction(self.tr("&Copy"), lambda: self.copy(address_of(url, label))) \
            .setObjectName("menuCopy")
        current = self.window.detail.current
        if current is not None:
            self._add_suggest(menu, current.entity_type, current.entity_id, current.title)
        return menu

    # Shared ---------------------------------------------------------------------------------
    def _add_suggest(self, menu: QMenu, entity_type: str, entity_id: str, title: str) -> None:
        menu.addSeparator()
        menu.addAction(self.tr("&Suggest a change …"), lambda: self.window.entry_actions
                       .suggest_about(entity_type, entity_id, title)).setObjectName("menuSuggest")

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(self.tr("Copied: %1").replace(
            "%1", text.splitlines()[0] if text else ""), 5000)

    def _popup(self, menu: QMenu, where: QPoint) -> None:
        if self.last_menu is not None and self.last_menu is not menu:
            self.last_menu.deleteLater()
        self.last_menu = menu
        menu.popup(where)
