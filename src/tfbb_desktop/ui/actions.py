"""What the File and Entry menus do besides the window's own actions: print and PDF of an
entry or of the booklet, the overview as an image, copying and exporting contacts, an event
to the calendar, and a suggestion about an entry. The window's menu table holds the actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from tfbb_desktop.ui import messages
from tfbb_desktop.ui.pages.base import ask_save_path, file_stem
from tfbb_desktop.ui.worker import Task, run_on_catalogue

if TYPE_CHECKING:
    from tfbb_desktop.ui.dialogs.feedback import FeedbackDialog
    from tfbb_desktop.ui.lazy_pages import LazyPages
    from tfbb_desktop.ui.main_window import MainWindow


class EntryActions(QObject):
    def __init__(self, window: MainWindow, pages: LazyPages) -> None:
        super().__init__(window)
        self.window, self.pages = window, pages

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

    def printing(self, name: str) -> Callable[[], Task | None]:
        """The print or PDF action ``name`` of ``ui.printing`` for the window (Qt's print
        support is loaded when it is first used)."""
        def run() -> Task | None:
            from tfbb_desktop.ui import printing

            return getattr(printing, name)(self.window)  # type: ignore[no-any-return]
        return run

    def overview_png(self) -> object:
        return self.pages.overview_page.export_png()

    # Contacts ---------------------------------------------------------------------------------
    def copy_contact(self) -> str | None:
        """Copy the shown contact's details to the clipboard as plain text."""
        from tfbb_desktop.core.outputs import contacts as contacts_export

        w = self.window
        current = w.detail.current
        if w.ctx is None or current is None or current.entity_type != "contacts":
            self._status(self.tr("Open a contact person first."))
            return None
        records = contacts_export.contact_records(w.ctx.conn, [current.entity_id])
        if not records:
            return None
        text = contacts_export.plain_text(records[0], messages.translate)
        QGuiApplication.clipboard().setText(text)
        self._status(self.tr("Copied the details of %1.").replace("%1", records[0].name))
        return text

    def export_contacts(self, fmt: str, path: Path | None = None) -> Task | None:
        """Export as vCard (``fmt`` "vcf"), as one vCard per contact into a folder ("vcf-each",
        ``path`` is the folder) or as CSV ("csv"), on the runner: the contacts list when it is
        shown, else the contacts of the principal shown, else the contact shown. The task's
        result is the path written, or None."""
        from tfbb_desktop.core.outputs import contacts as contacts_export

        w, current = self.window, self.window.detail.current
        principal = False
        if w.section == "contacts" and "contacts" in w.models:
            ids, stem = list(w.models["contacts"].ids()), self.tr("tfbb-contact-persons")
        elif current is not None and current.entity_type in ("principals", "contacts"):
            principal = current.entity_type == "principals"
            ids = [current.entity_id]
            stem = file_stem(current.title) + (self.tr("-contact-persons") if principal else "")
        else:
            ids = []
        if w.ctx is None or not ids:
            self._no_contacts()
            return None
        if path is None and fmt == "vcf-each":
            chosen = QFileDialog.getExistingDirectory(
                w, self.tr("Choose a folder for the vCard files"), str(Path.home()))
            path = Path(chosen) if chosen else None
        elif path is None and fmt == "vcf":
            path = ask_save_path(w, self.tr("Export contacts as vCard"), f"{stem}.vcf",
                                 self.tr("vCard files (*.vcf)"), ".vcf")
        elif path is None:
            path = ask_save_path(w, self.tr("Export contacts as CSV"), f"{stem}.csv",
                                 self.tr("CSV files for Excel (*.csv)"), ".csv")
        if path is None:
            return None
        target = path

        def work(conn: Any, _progress: object, _cancelled: object) -> int:
            chosen = contacts_export.principal_contact_ids(conn, ids[0]) if principal else ids
            records = contacts_export.contact_records(conn, chosen)
            if not records:
                return -1
            words = messages.translate  # the files' labels in the UI's language
            if fmt == "vcf-each":
                return len(contacts_export.write_vcard_files(target, records, words))
            if fmt == "vcf":
                return contacts_export.write_vcard(target, records, words)
            return contacts_export.write_csv(target, records, words)

        def done(count: int) -> Path | None:
            if count < 0:
                self._no_contacts()
                return None
            self._status(self.tr("Exported %n contact person(s) to %1.", "", count)
                         .replace("%1", str(target)))
            return target

        return run_on_catalogue(w, w.ctx.paths, work, done, self.tr("Exporting contacts"))

    def _no_contacts(self) -> None:
        self._status(self.tr("Show the contact persons, or open a principal, to export "
                             "contacts."))

    # Events and suggestions ---------------------------------------------------------------------
    def add_current_to_calendar(self, path: Path | None = None) -> Task | None:
        """Save the event shown in the detail pane (or chosen on the events page) as .ics: the
        event is looked up on the runner, then written there (its ``follow_up`` task)."""
        w = self.window
        if w.ctx is None:
            return None
        current = w.detail.current
        work_id = current.entity_id if current is not None and \
            current.entity_type == "work" else None
        if work_id is None and w.section == "events":
            chosen = self.pages.events_page.selected()
            work_id = chosen.work_id if chosen else None
        if work_id is None:  # said at once, not after the runner's other work
            self._status(self.tr("Open an event (a work item with a date) first."))
            return None
        from tfbb_desktop.core.store import events as core_events
        from tfbb_desktop.ui.pages.events import save_ics

        def find(conn: Any, _progress: object, _cancelled: object) -> Any:
            return next(iter(core_events.all_events(conn, work_id)), None)

        def found(event: Any) -> None:
            if event is None:
                self._status(self.tr("Open an event (a work item with a date) first."))
            else:
                task.follow_up = save_ics(w, event, path)

        task = run_on_catalogue(w, w.ctx.paths, find, found,
                                self.tr("Exporting to the calendar"))
        return task

    def suggest_change(self) -> FeedbackDialog | None:
        """Open the dialog for a suggestion about the entry shown."""
        w = self.window
        current = w.detail.current
        if w.ctx is None or current is None or not w.detail.isVisible():
            self._status(self.tr("Open an entry first, then suggest a change to it."))
            return None
        return self.suggest_about(current.entity_type, current.entity_id, current.title)

    def suggest_about(self, entity_type: str, entity_id: str, title: str, *,
                      missing: str = "") -> FeedbackDialog | None:
        """Open the dialog for a suggestion about an entry; ``missing`` ("email", "phone")
        starts the text with the detail that is missing."""
        if self.window.ctx is None:
            return None
        from tfbb_desktop.ui.dialogs.feedback import FeedbackDialog

        start = {"email": self.tr("E-mail address of %1: "),
                 "phone": self.tr("Phone number of %1: ")}.get(missing, "")
        dialog = FeedbackDialog(self.window, entity_type, entity_id, title,
                                category="other" if missing else None,
                                text=start.replace("%1", title))
        dialog.saved.connect(lambda _id: self.pages.widgets["suggestions"].refresh())
        dialog.open()
        return dialog
