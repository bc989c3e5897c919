"""The pages built when first needed: "Overview" (wide), "Upcoming events", "My suggestions".

They are added to the window before it is first shown, so this module stays light: each page
is built, and its module imported, when it is first shown, refreshed or asked for. The
suggestions (``dialogs.feedback`` → ``core.feedback``) bring pydantic along, which alone takes
about as long as showing a bare window.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from tfbb_desktop.ui.zoom import fit_fonts

if TYPE_CHECKING:
    from tfbb_desktop.ui.dialogs.feedback import SuggestionsPage
    from tfbb_desktop.ui.main_window import MainWindow
    from tfbb_desktop.ui.pages.events import EventsPage
    from tfbb_desktop.ui.pages.overview import OverviewPage


class LazyPage(QWidget):
    """A navigation page whose content, ``module.cls(window)``, is made when it is first
    shown, refreshed or asked for with :meth:`page`."""

    def __init__(self, window: MainWindow, module: str, cls: str, accessible_name: str) -> None:
        super().__init__()
        self._window, self._module, self._cls = window, module, cls
        self._page: Any = None
        self.setAccessibleName(accessible_name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> Any:
        if self._page is None:
            self._page = getattr(import_module(self._module), self._cls)(self._window)
            self._layout.addWidget(self._page)
            self._page.show()  # added to a page that may be shown already
            fit_fonts(self._page)  # its styled widgets took the font they were made with
        return self._page

    def refresh(self) -> None:
        self.page().refresh()

    def chosen_entry(self) -> tuple[str, str] | None:
        """The entry chosen on the page, if the page is built and has a choice."""
        chosen = getattr(self._page, "chosen_entry", None)
        return chosen() if callable(chosen) else None

    def select_entry(self, entity_type: str, entity_id: str) -> bool:
        """Choose the item of that entry on the page, if the page is built and lists it."""
        select = getattr(self._page, "select_entry", None)
        return bool(select(entity_type, entity_id)) if callable(select) else False


def add_pages(window: MainWindow,
              pages: dict[str, tuple[str, str, str, bool]]) -> dict[str, LazyPage]:
    """Add each page ``key: (title, module, class, wide)`` to ``window``'s navigation."""
    widgets = {}
    for key, (title, module, cls, wide) in pages.items():
        widgets[key] = LazyPage(window, f"tfbb_desktop.ui.{module}", cls, title)
        window.add_page(key, widgets[key], widgets[key].refresh, wide=wide)
    return widgets


class LazyPages(QObject):
    """The three pages; every one that has been built is filled again after an import or
    undo (the window's ``reloaded``), shown or not: a hidden page still serves its menu
    actions (the overview's image, for one)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.widgets = add_pages(window, {
            "overview": (self.tr("Overview"), "pages.overview", "OverviewPage", True),
            "events": (self.tr("Upcoming events"), "pages.events", "EventsPage", False),
            "suggestions": (self.tr("My suggestions"), "dialogs.feedback", "SuggestionsPage",
                            False)})
        window.reloaded.connect(self._catalogue_reloaded)

    @property
    def overview_page(self) -> OverviewPage:
        return cast("OverviewPage", self.widgets["overview"].page())

    @property
    def events_page(self) -> EventsPage:
        return cast("EventsPage", self.widgets["events"].page())

    @property
    def suggestions_page(self) -> SuggestionsPage:
        return cast("SuggestionsPage", self.widgets["suggestions"].page())

    def _catalogue_reloaded(self) -> None:
        for page in self.widgets.values():
            if page._page is not None:
                page.refresh()
