"""The overview, upcoming events, suggestions, print/PDF and contact export, added to the main
window through its public API: :func:`install_extras` is the one entry point.

Pages: "Overview" (wide), "Upcoming events", "My suggestions". File menu: print and PDF of a
principal's sheet and of the booklet. Entry menu: copy contact details, export contacts as
vCard or CSV, add an event to the calendar, suggest a change.

The extras are installed before the window is first shown, so this module stays light: each
page is built, and its module imported, when it is first needed (:class:`LazyPage`). The
suggestions (``feedback_dialog`` → ``core.feedback``) bring pydantic along, which alone takes
about as long as showing a bare window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QVBoxLayout, QWidget

from tfbb_desktop.core.store import queries
from tfbb_desktop.ui.worker import Task, run_on_catalogue

if TYPE_CHECKING:
    from tfbb_desktop.ui.dialogs.feedback import FeedbackDialog, SuggestionsPage
    from tfbb_desktop.ui.main_window import MainWindow
    from tfbb_desktop.ui.pages.events import EventsPage
    from tfbb_desktop.ui.pages.overview import OverviewPage

translate = QCoreApplication.translate

# Preferred shortcuts, each with fallbacks in case another part of the app already uses it
# (an ambiguous shortcut does nothing at all).
COPY_CONTACT_KEYS = ("Ctrl+Shift+C", "Ctrl+Alt+C")
SUGGEST_KEYS = ("Ctrl+Shift+F", "Ctrl+Alt+F", "Ctrl+Shift+J")
PRINT_KEYS = ("Ctrl+P",)


def _printing() -> ModuleType:
    """The printing module, loaded when first used: Qt's print support is not needed to start."""
    from tfbb_desktop.ui import printing

    return printing


class _Page(Protocol):
    def refresh(self) -> None: ...


PageT = TypeVar("PageT", bound=QWidget)


class LazyPage(QWidget, Generic[PageT]):
    """A navigation page whose content (``build()``, which imports its module) is made when it
    is first shown, refreshed or asked for with :meth:`page`."""

    def __init__(self, build: Callable[[], PageT], accessible_name: str) -> None:
        super().__init__()
        self._build: Callable[[], PageT] | None = build
        self._page: PageT | None = None
        self.setAccessibleName(accessible_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> PageT:
        if self._page is None:
            assert self._build is not None
            self._page, self._build = self._build(), None
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._page)
            self._page.show()  # added to a page that may be shown already
        return self._page

    def is_built(self) -> bool:
        return self._page is not None

    def refresh(self) -> None:
        cast(_Page, self.page()).refresh()

    def chosen_entry(self) -> tuple[str, str] | None:
        """The entry chosen on the page, if the page is built and has a choice."""
        chosen = getattr(self._page, "chosen_entry", None)
        return cast(tuple[str, str] | None, chosen()) if callable(chosen) else None


def _overview_page(window: MainWindow) -> OverviewPage:
    from tfbb_desktop.ui.pages.overview import OverviewPage

    return OverviewPage(window)


def _events_page(window: MainWindow) -> EventsPage:
    from tfbb_desktop.ui.pages.events import EventsPage

    return EventsPage(window)


def _suggestions_page(window: MainWindow) -> SuggestionsPage:
    from tfbb_desktop.ui.dialogs.feedback import SuggestionsPage

    return SuggestionsPage(window)


def _file_stem(name: str) -> str:
    """A file name from an entry's name: "Oxelösunds kommun" -> "oxelösunds-kommun"."""
    keep = "".join(ch if ch.isalnum() else "-" for ch in name.lower())
    return "-".join(part for part in keep.split("-") if part) or "tfbb"


def _used_shortcuts(window: MainWindow) -> set[str]:
    used: set[str] = set()
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            used.add(key.toString(QKeySequence.SequenceFormat.PortableText))
    return used


def _set_free_shortcut(window: MainWindow, action: QAction, candidates: tuple[str, ...]) -> str:
    """Give ``action`` the first of ``candidates`` no other action uses; return it ("" if
    none is free)."""
    used = _used_shortcuts(window)
    for key in candidates:
        if QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText) not in used:
            action.setShortcut(QKeySequence(key))
            return key
    return ""


def _insert_before_quit(window: MainWindow, menu: QMenu, actions: list[QAction]) -> None:
    """Put ``actions`` (after a separator) before the menu's last separator and Quit."""
    existing = menu.actions()
    quit_action = getattr(window, "quit_action", None)
    anchor = None
    if quit_action in existing:
        position = existing.index(quit_action)
        anchor = existing[position - 1] if position > 0 and existing[position - 1].isSeparator() \
            else quit_action
    if anchor is None:
        menu.addSeparator()
        menu.addActions(actions)
        return
    menu.insertSeparator(anchor)
    menu.insertActions(anchor, actions)


class Extras(QObject):
    """Owns the added pages and actions (a child of the window; find it with
    ``window.findChild(Extras)``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("tfbbExtras")
        self.window_ = window
        overview = translate("Extras", "Overview")
        events = translate("Extras", "Upcoming events")
        suggestions = translate("Extras", "My suggestions")
        self._overview = LazyPage(lambda: _overview_page(window), overview)
        self._events = LazyPage(lambda: _events_page(window), events)
        self._suggestions = LazyPage(lambda: _suggestions_page(window), suggestions)
        self.page_widgets: dict[str, LazyPage[Any]] = {
            "overview": self._overview, "events": self._events,
            "suggestions": self._suggestions}
        window.add_page("overview", overview, self._overview,
                        lambda: self.refresh_page("overview"), wide=True)
        window.add_page("events", events, self._events, lambda: self.refresh_page("events"),
                        kind="pages")
        window.add_page("suggestions", suggestions, self._suggestions,
                        lambda: self.refresh_page("suggestions"), kind="pages")
        self._file_actions()
        self._entry_actions()
        self._go_actions()
        window.reloaded.connect(self._catalogue_reloaded)

    # Pages -------------------------------------------------------------------------------------
    @property
    def overview_page(self) -> OverviewPage:
        return self._overview.page()

    @property
    def events_page(self) -> EventsPage:
        return self._events.page()

    @property
    def suggestions_page(self) -> SuggestionsPage:
        return self._suggestions.page()

    def refresh_page(self, key: str) -> None:
        """Fill a page as it is shown (it follows the catalogue while it stays shown, see
        :meth:`_catalogue_reloaded`)."""
        self.page_widgets[key].refresh()

    def _catalogue_reloaded(self) -> None:
        """After an import or undo (the window's ``reloaded``), every page of ours that has
        been built is filled again, shown or not: a hidden page still serves its menu actions
        (the overview's image, for one)."""
        for page in self.page_widgets.values():
            if page.is_built():
                page.refresh()

    # Menus ------------------------------------------------------------------------------------
    def _action(self, text: str, handler: Callable[[], object], name: str) -> QAction:
        action = QAction(text, self.window_)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: handler())
        return action

    def _file_actions(self) -> None:
        w = self.window_
        self.print_sheet_action = self._action(
            translate("Extras", "Print principal sheet …"),
            lambda: _printing().print_principal_action(w), "printSheetAction")
        self.sheet_pdf_action = self._action(
            translate("Extras", "Save principal sheet as PDF …"),
            lambda: _printing().save_principal_pdf_action(w), "sheetPdfAction")
        self.booklet_pdf_action = self._action(
            translate("Extras", "Save booklet as PDF …"),
            lambda: _printing().save_booklet_pdf_action(w), "bookletPdfAction")
        self.print_action = self._action(translate("Extras", "Print …"),
                                         lambda: _printing().print_preview_action(w), "printAction")
        _set_free_shortcut(w, self.print_action, PRINT_KEYS)
        self.overview_png_action = self._action(
            translate("Extras", "Save overview as image …"),
            lambda: self.overview_page.export_png(), "overviewPngAction")
        _insert_before_quit(w, w.file_menu, [
            self.print_action, self.print_sheet_action, self.sheet_pdf_action,
            self.booklet_pdf_action, self.overview_png_action])

    def _entry_actions(self) -> None:
        w = self.window_
        menu = w.entry_menu
        menu.addSeparator()
        self.copy_contact_action = self._action(translate("Extras", "Copy contact details"),
                                                self.copy_contact, "copyContactAction")
        _set_free_shortcut(w, self.copy_contact_action, COPY_CONTACT_KEYS)
        self.vcard_action = self._action(translate("Extras", "Export contacts as vCard …"),
                                         lambda: self.export_contacts("vcf"), "vcardAction")
        self.vcards_action = self._action(
            translate("Extras", "Export contacts as vCard, one file each …"),
            lambda: self.export_contacts("vcf-each"), "vcardsAction")
        self.csv_action = self._action(translate("Extras", "Export contacts as CSV …"),
                                       lambda: self.export_contacts("csv"), "csvAction")
        self.calendar_action = self._action(translate("Extras", "Add to calendar …"),
                                            self.add_current_to_calendar, "calendarAction")
        menu.addActions([self.copy_contact_action, self.vcard_action, self.vcards_action,
                         self.csv_action, self.calendar_action])
        menu.addSeparator()
        self.suggest_action = self._action(translate("Extras", "Suggest a change …"),
                                           self.suggest_change, "suggestAction")
        _set_free_shortcut(w, self.suggest_action, SUGGEST_KEYS)
        menu.addAction(self.suggest_action)
        for action in (self.copy_contact_action, self.suggest_action, self.print_action):
            w.addAction(action)  # the shortcuts work wherever the focus is

    def _go_actions(self) -> None:
        w = self.window_
        w.go_menu.addSeparator()
        for key, title in (("overview", translate("Extras", "Overview")),
                           ("events", translate("Extras", "Upcoming events")),
                           ("suggestions", translate("Extras", "My suggestions"))):
            action = w.go_menu.addAction(title)
            action.setObjectName(f"go-{key}")
            action.triggered.connect(lambda _checked=False, k=key: w.show_section(k))

    def _status(self, text: str) -> None:
        self.window_.statusBar().showMessage(text, 6000)

    # Contacts ---------------------------------------------------------------------------------
    def contact_choice(self) -> tuple[str, list[str], str]:
        """What to export and a file name stem: ("list", ids) for the contacts list when it
        is shown, else ("principal", [id]) for the contacts of the principal shown, else
        ("contact", [id]) for the contact shown; ("", [], "") for nothing."""
        w = self.window_
        if w.ctx is None:
            return "", [], ""
        if w.section == "contacts" and "contacts" in w.models:
            return "list", list(w.models["contacts"].ids()), "tfbb-kontaktpersoner"
        current = w.detail.current
        if current is not None and current.entity_type == "principals":
            return "principal", [current.entity_id], \
                f"{_file_stem(current.title)}-kontaktpersoner"
        if current is not None and current.entity_type == "contacts":
            return "contact", [current.entity_id], _file_stem(current.title)
        return "", [], ""

    def copy_contact(self) -> str | None:
        """Copy the shown contact's details to the clipboard as plain text."""
        from tfbb_desktop.core.outputs import contacts as contacts_export

        w = self.window_
        current = w.detail.current
        if w.ctx is None or current is None or current.entity_type != "contacts":
            self._status(translate("Extras", "Open a contact person first."))
            return None
        records = contacts_export.contact_records(w.ctx.conn, [current.entity_id])
        if not records:
            return None
        text = contacts_export.plain_text(records[0])
        QGuiApplication.clipboard().setText(text)
        self._status(translate("Extras", "Copied the details of %1.").replace(
            "%1", records[0].name))
        return text

    def export_contacts(self, fmt: str, path: Path | None = None) -> Task | None:
        """Export the current contacts as vCard (``fmt`` "vcf"), as one vCard per contact into
        a folder ("vcf-each", ``path`` is the folder) or as CSV ("csv"), on the runner. The
        task's result is the path written, or None."""
        from tfbb_desktop.ui.pages.base import ask_save_path

        w = self.window_
        kind, ids, stem = self.contact_choice()
        if w.ctx is None or not ids:
            self._no_contacts()
            return None
        if path is None and fmt == "vcf-each":
            chosen = QFileDialog.getExistingDirectory(
                w, translate("Extras", "Choose a folder for the vCard files"), str(Path.home()))
            if not chosen:
                return None
            path = Path(chosen)
        if path is None:
            if fmt == "vcf":
                title = translate("Extras", "Export contacts as vCard")
                filters = translate("Extras", "vCard files (*.vcf)")
            else:
                title = translate("Extras", "Export contacts as CSV")
                filters = translate("Extras", "CSV files for Excel (*.csv)")
            path = ask_save_path(w, title, f"{stem}.{fmt}", filters, f".{fmt}")
            if path is None:
                return None
        target = path

        def work(conn: Any, _progress: object, _cancelled: object) -> int:
            from tfbb_desktop.core.outputs import contacts as contacts_export

            chosen = contacts_export.principal_contact_ids(conn, ids[0]) \
                if kind == "principal" else ids
            records = contacts_export.contact_records(conn, chosen)
            if not records:
                return -1
            if fmt == "vcf-each":
                return len(contacts_export.write_vcard_files(target, records))
            if fmt == "vcf":
                return contacts_export.write_vcard(target, records)
            return contacts_export.write_csv(target, records)

        def done(count: int) -> Path | None:
            if count < 0:
                self._no_contacts()
                return None
            self._status(self.tr("Exported %n contact person(s) to %1.", "", count)
                         .replace("%1", str(target)))
            return target

        return self._run(work, done, translate("Extras", "Exporting contacts"))

    def _no_contacts(self) -> None:
        self._status(translate("Extras", "Show the contact persons, or open a principal, "
                               "to export contacts."))

    def _run(self, work: Callable[..., Any], done: Callable[[Any], object],
             label: str) -> Task | None:
        """Run ``work(conn, progress, cancelled)`` on the runner; ``done`` gets its result on
        the GUI thread; an error is told in the status bar."""
        ctx = self.window_.ctx
        if ctx is None:
            return None
        return run_on_catalogue(self.window_, ctx.paths, work, done, label)

    # Events and suggestions ---------------------------------------------------------------------
    def add_current_to_calendar(self, path: Path | None = None) -> Task | None:
        """Save the event shown in the detail pane (or chosen on the events page) as .ics: the
        event is looked up on the runner, then written there (its ``follow_up`` task)."""
        w = self.window_
        if w.ctx is None:
            return None
        current = w.detail.current
        work_id = current.entity_id if current is not None and \
            current.entity_type == "work" else None
        if work_id is None and w.section == "events":
            chosen = self.events_page.selected()
            work_id = chosen.work_id if chosen else None
        from tfbb_desktop.ui.pages.events import save_ics

        def find(conn: Any, _progress: object, _cancelled: object) -> Any:
            from tfbb_desktop.core.store import events as core_events

            return next((e for e in core_events.all_events(conn) if e.work_id == work_id),
                        None)

        def found(event: Any) -> None:
            if event is None:
                self._status(translate("Extras", "Open an event (a work item with a date) "
                                       "first."))
                return
            if task is not None:
                task.follow_up = save_ics(w, event, path)

        task = self._run(find, found, translate("Extras", "Exporting to the calendar"))
        return task

    def suggest_change(self) -> FeedbackDialog | None:
        """Open the dialog for a suggestion about the entry shown."""
        w = self.window_
        current = w.detail.current
        if w.ctx is None or current is None or not w.detail.isVisible():
            self._status(translate("Extras", "Open an entry first, then suggest a change "
                                   "to it."))
            return None
        from tfbb_desktop.ui.dialogs.feedback import FeedbackDialog

        dialog = FeedbackDialog(w, current.entity_type, current.entity_id, current.title)
        dialog.saved.connect(lambda _id: self._suggestions.refresh())
        dialog.open()
        return dialog


def install_extras(window: MainWindow) -> None:
    """Add the overview, events and suggestions pages and the print, PDF, export and
    suggestion actions to ``window``. Call once, right after the window is created (before or
    after :meth:`MainWindow.attach`)."""
    if window.findChild(Extras) is not None:
        return
    Extras(window)


def current_entries(window: MainWindow) -> list[tuple[str, str]]:
    """The entries of the list shown (e.g. a search result), as (type, id), for a booklet."""
    if window.section in queries.ENTITY_TYPES and window.section in window.models:
        return [(window.section, i) for i in window.models[window.section].ids()]
    return []
