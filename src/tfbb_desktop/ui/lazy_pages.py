"""The pages built when first needed: "Overview" (wide), "Upcoming events", "My suggestions".

They are added to the window before it is first shown, so this module stays light: each page
is built, and its module imported, when it is first shown, refreshed or asked for. The
suggestions (``dialogs.feedback`` → ``core.feedback``) bring pydantic along, which alone takes
about as long as showing a bare window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from tfbb_desktop.ui.zoom import fit_fonts

if TYPE_CHECKING:
    from tfbb_desktop.ui.dialogs.feedback import SuggestionsPage
    from tfbb_desktop.ui.main_window import MainWindow
    from tfbb_desktop.ui.navigation import Navigator
    from tfbb_desktop.ui.pages.events import EventsPage
    from tfbb_desktop.ui.pages.overview import OverviewPage

PageT = TypeVar("PageT", bound=QWidget)


class LazyPage(QWidget, Generic[PageT]):
    """A navigation page whose content (``build()``, which imports its module) is made when it
    is first shown, refreshed or asked for with :meth:`page`."""

    def __init__(self, build: Callable[[], PageT], accessible_name: str) -> None:
        super().__init__()
        self._build: Callable[[], PageT] | None = build
        self._page: PageT | None = None
        self.setAccessibleName(accessible_name)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def page(self) -> PageT:
        if self._page is None:
            assert self._build is not None
            self._page, self._build = self._build(), None
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._page)
            self._page.show()  # added to a page that may be shown already
            fit_fonts(self._page)  # its styled widgets took the font they were made with
        return self._page

    def is_built(self) -> bool:
        return self._page is not None

    def refresh(self) -> None:
        self.page().refresh()  # type: ignore[attr-defined]

    def chosen_entry(self) -> tuple[str, str] | None:
        """The entry chosen on the page, if the page is built and has a choice."""
        chosen = getattr(self._page, "chosen_entry", None)
        return chosen() if callable(chosen) else None

    def select_entry(self, entity_type: str, entity_id: str) -> bool:
        """Choose the item of that entry on the page, if the page is built and lists it."""
        select = getattr(self._page, "select_entry", None)
        return bool(select(entity_type, entity_id)) if callable(select) else False


def _overview(nav: Navigator) -> OverviewPage:
    from tfbb_desktop.ui.pages.overview import OverviewPage

    return OverviewPage(nav)


def _events(nav: Navigator) -> EventsPage:
    from tfbb_desktop.ui.pages.events import EventsPage

    return EventsPage(nav)


def _suggestions(nav: Navigator) -> SuggestionsPage:
    from tfbb_desktop.ui.dialogs.feedback import SuggestionsPage

    return SuggestionsPage(nav)


class LazyPages(QObject):
    """The three pages, added to ``window``'s navigation; every one that has been built is
    filled again after an import or undo (the window's ``reloaded``), shown or not: a hidden
    page still serves its menu actions (the overview's image, for one)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.titles = {"overview": self.tr("Overview"), "events": self.tr("Upcoming events"),
                       "suggestions": self.tr("My suggestions")}
        self._overview = LazyPage(lambda: _overview(window), self.titles["overview"])
        self._events = LazyPage(lambda: _events(window), self.titles["events"])
        self._suggestions = LazyPage(lambda: _suggestions(window), self.titles["suggestions"])
        self.widgets: dict[str, LazyPage[Any]] = {
            "overview": self._overview, "events": self._events,
            "suggestions": self._suggestions}
        for key, widget in self.widgets.items():
            window.add_page(key, self.titles[key], widget, widget.refresh,
                            wide=key == "overview", kind="entries" if key == "overview"
                            else "pages")
        window.reloaded.connect(self._catalogue_reloaded)

    @property
    def overview_page(self) -> OverviewPage:
        return self._overview.page()

    @property
    def events_page(self) -> EventsPage:
        return self._events.page()

    @property
    def suggestions_page(self) -> SuggestionsPage:
        return self._suggestions.page()

    def _catalogue_reloaded(self) -> None:
        for page in self.widgets.values():
            if page.is_built():
                page.refresh()
