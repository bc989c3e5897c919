"""What the pages, dialogs and actions may ask of the main window: :class:`Navigator`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QStatusBar, QWidget

    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.entry_menu import EntryMenus
    from tfbb_desktop.ui.pages.detail import DetailView


class Navigator(Protocol):
    """The application context (None until the catalogue is open), the detail pane, the
    settings, and going from page to page."""

    ctx: AppContext | None
    detail: DetailView
    entry_menus: EntryMenus
    settings: QSettings

    def window(self) -> QWidget: ...  # the parent of dialogs and tasks

    def today(self) -> date: ...  # the day the app takes for today (tests give their own)

    def statusBar(self) -> QStatusBar: ...

    def open_entry(self, entity_type: str, entity_id: str, *, record: bool = True) -> bool: ...

    def open_from_page(self, entity_type: str, entity_id: str, stay_on: str | None = None, *,
                       record: bool = True) -> bool: ...

    def show_section(self, page: str) -> None: ...

    def go_back(self) -> None: ...

    def open_url(self, url: str) -> None: ...
