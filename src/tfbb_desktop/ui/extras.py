"""The overview, upcoming events, suggestions, print/PDF and contact export, added to the main
window through its public API: :func:`install_extras` is the one entry point.

Pages: "Overview" (wide), "Upcoming events", "My suggestions". File menu: print and PDF of a
principal's sheet and of the booklet. Entry menu: copy contact details, export contacts as
vCard or CSV, add an event to the calendar, suggest a change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from ..core import contacts_export, queries
from ..core import events as core_events
from .events_page import EventsPage, save_ics
from .feedback_dialog import FeedbackDialog, SuggestionsPage
from .overview import OverviewPage

if TYPE_CHECKING:
    from .main_window import MainWindow

translate = QCoreApplication.translate

# Preferred shortcuts, each with fallbacks in case another part of the app already uses it
# (an ambiguous shortcut does nothing at all).
COPY_CONTACT_KEYS = ("Ctrl+Shift+C", "Ctrl+Alt+C")
SUGGEST_KEYS = ("Ctrl+Shift+F", "Ctrl+Alt+F", "Ctrl+Shift+J")
PRINT_KEYS = ("Ctrl+P",)


def _printing() -> ModuleType:
    """The printing module, loaded when first used: Qt's print support is not needed to start."""
    from . import printing

    return printing


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
        self._watched: object = None
        self.overview_page = OverviewPage(window)
        self.events_page = EventsPage(window)
        self.suggestions_page = SuggestionsPage(window)
        self.page_widgets: dict[str, OverviewPage | EventsPage | SuggestionsPage] = {
            "overview": self.overview_page, "events": self.events_page,
            "suggestions": self.suggestions_page}
        window.add_page("overview", translate("Extras", "Overview"), self.overview_page,
                        lambda: self.refresh_page("overview"), wide=True)
        window.add_page("events", translate("Extras", "Upcoming events"), self.events_page,
                        lambda: self.refresh_page("events"))
        window.add_page("suggestions", translate("Extras", "My suggestions"),
                        self.suggestions_page, lambda: self.refresh_page("suggestions"))
        self._file_actions()
        self._entry_actions()
        self._go_actions()

    # Pages -------------------------------------------------------------------------------------
    def refresh_page(self, key: str) -> None:
        """Fill a page as it is shown, and follow the catalogue while it stays shown."""
        self._watch_reloads()
        self.page_widgets[key].refresh()

    def _watch_reloads(self) -> None:
        """After an import or undo the window re-reads its lists (their models reset); a page
        of ours that is shown then is filled again, too."""
        model = self.window_.models.get("principals")
        if model is None or model is self._watched:
            return
        model.modelReset.connect(self._catalogue_reloaded)
        self._watched = model

    def _catalogue_reloaded(self) -> None:
        page = self.page_widgets.get(self.window_.section)
        if page is not None and page.isVisible():
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
        self.csv_action = self._action(translate("Extras", "Export contacts as CSV …"),
                                       lambda: self.export_contacts("csv"), "csvAction")
        self.calendar_action = self._action(translate("Extras", "Add to calendar …"),
                                            self.add_current_to_calendar, "calendarAction")
        menu.addActions([self.copy_contact_action, self.vcard_action, self.csv_action,
                         self.calendar_action])
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
    def contact_ids(self) -> tuple[list[str], str]:
        """The contacts to export and a file name stem: the contacts list when it is shown,
        else the contacts of the principal shown, else the contact shown."""
        w = self.window_
        if w.ctx is None:
            return [], ""
        if w.section == "contacts" and "contacts" in w.models:
            return list(w.models["contacts"].ids()), "tfbb-kontaktpersoner"
        current = w.detail.current
        if current is not None and current.entity_type == "principals":
            ids = contacts_export.principal_contact_ids(w.ctx.conn, current.entity_id)
            return ids, f"{_file_stem(current.title)}-kontaktpersoner"
        if current is not None and current.entity_type == "contacts":
            return [current.entity_id], _file_stem(current.title)
        return [], ""

    def copy_contact(self) -> str | None:
        """Copy the shown contact's details to the clipboard as plain text."""
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

    def export_contacts(self, fmt: str, path: Path | None = None) -> Path | None:
        """Export the current contacts as vCard (``fmt`` "vcf") or CSV ("csv")."""
        w = self.window_
        ids, stem = self.contact_ids()
        if w.ctx is None or not ids:
            self._status(translate("Extras", "Show the contact persons, or open a principal, "
                                   "to export contacts."))
            return None
        if path is None:
            start = str(w.settings.value("export/folder", str(Path.home())))
            if fmt == "vcf":
                title = translate("Extras", "Export contacts as vCard")
                filters = translate("Extras", "vCard files (*.vcf)")
            else:
                title = translate("Extras", "Export contacts as CSV")
                filters = translate("Extras", "CSV files for Excel (*.csv)")
            chosen, _ = QFileDialog.getSaveFileName(w, title, str(Path(start) / f"{stem}.{fmt}"),
                                                    filters)
            if not chosen:
                return None
            path = Path(chosen)
            if path.suffix.lower() != f".{fmt}":
                path = path.with_suffix(f".{fmt}")
            w.settings.setValue("export/folder", str(path.parent))
        records = contacts_export.contact_records(w.ctx.conn, ids)
        try:
            if fmt == "vcf":
                count = contacts_export.write_vcard(path, records)
            else:
                count = contacts_export.write_csv(path, records)
        except OSError as exc:
            self._status(str(exc))
            return None
        self._status(translate("Extras", "Exported %n contact person(s) to %1.", "", count)
                     .replace("%1", str(path)))
        return path

    # Events and suggestions ---------------------------------------------------------------------
    def add_current_to_calendar(self, path: Path | None = None) -> Path | None:
        """Save the event shown in the detail pane (or chosen on the events page) as .ics."""
        w = self.window_
        if w.ctx is None:
            return None
        current = w.detail.current
        work_id = current.entity_id if current is not None and \
            current.entity_type == "work" else None
        if work_id is None and w.section == "events":
            chosen = self.events_page.selected()
            work_id = chosen.work_id if chosen else None
        event = next((e for e in core_events.all_events(w.ctx.conn) if e.work_id == work_id),
                     None)
        if event is None:
            self._status(translate("Extras", "Open an event (a work item with a date) first."))
            return None
        return save_ics(w, event, path)

    def suggest_change(self) -> FeedbackDialog | None:
        """Open the dialog for a suggestion about the entry shown."""
        w = self.window_
        current = w.detail.current
        if w.ctx is None or current is None or not w.detail.isVisible():
            self._status(translate("Extras", "Open an entry first, then suggest a change "
                                   "to it."))
            return None
        dialog = FeedbackDialog(w, current.entity_type, current.entity_id, current.title)
        dialog.saved.connect(lambda _id: self.suggestions_page.refresh())
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
