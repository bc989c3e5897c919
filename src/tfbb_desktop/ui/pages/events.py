"""The page of upcoming events: workshops, webinars and meetings from the ongoing work.

Events from today on, by date; past ones only when the user ticks "Show earlier" (the bundled
catalogue's events are in 2025: the page then says that nothing is upcoming, and how to see
the earlier ones). A click or Enter opens the work item beside the list; "Add to calendar …"
saves the chosen event as an ``.ics`` file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QListView, QWidget

from tfbb_desktop.core.paths import write_atomically
from tfbb_desktop.core.store import events as core_events
from tfbb_desktop.ui.bidi import isolated
from tfbb_desktop.ui.models import ID_ROLE, TITLE_ROLE, TYPE_ROLE, bold_font
from tfbb_desktop.ui.pages.base import ItemRows, ListPage, ask_save_path
from tfbb_desktop.ui.pages.detail import heading_label, plain_label, push_button, row
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.worker import Task, error_text, run

if TYPE_CHECKING:
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.navigation import Navigator

translate = QCoreApplication.translate
Role = Qt.ItemDataRole


class EventsModel(ItemRows[core_events.Event], QAbstractListModel):
    """Events, one per row: title, then when · kind · place; past ones greyed."""

    _today = date.min  # set with the events: those that ended before it are past

    def item_key(self, item: core_events.Event) -> str:
        return item.work_id

    def set_events(self, found: list[core_events.Event], today: date) -> None:
        self._today = today
        self.set_items(found)

    def details(self, event: core_events.Event) -> str:
        place = event.location or (event.url and self.tr("link: %1").replace("%1", event.url))
        text = " · ".join(p for p in (event.when, event.kind, place) if p)
        return text + " · " + self.tr("past") if event.last_day < self._today else text

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Role.DisplayRole) -> Any:
        event = self.item_at(index.row()) if index.isValid() else None
        if event is None:
            return None
        past = event.last_day < self._today
        if role == Role.ForegroundRole:
            return QBrush(QPalette().color(QPalette.ColorRole.PlaceholderText)) if past else None
        if role == Role.FontRole:
            return None if past else bold_font()
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            joint = "\n" if role == Role.DisplayRole else ", "
            return f"{isolated(event.title)}{joint}{self.details(event)}"
        if role == Role.ToolTipRole:
            return tip("\n\n".join(p for p in (event.title, event.summary) if p))
        return {TITLE_ROLE: event.title, ID_ROLE: event.work_id, TYPE_ROLE: "work"}.get(role)


class EventsPage(ListPage[core_events.Event]):
    section = "events"
    model: EventsModel

    def __init__(self, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(nav, "eventsPage", self.tr("Upcoming events"), parent)
        self.today: Callable[[], date] = lambda: nav.today()  # the window's today
        layout = self.page_layout
        layout.addWidget(heading_label(self.tr("Upcoming events")))
        self.show_past = QCheckBox(self.tr("Show earlier"))
        self.show_past.setObjectName("showPastEvents")
        self.show_past.setAccessibleName(self.tr("Show earlier events too"))
        self.show_past.toggled.connect(lambda _on: self.refresh())
        layout.addWidget(self.show_past)
        self.notice = plain_label("", selectable=False, object_name="eventsNotice")
        layout.addWidget(self.notice)

        self.model = EventsModel(self)
        view = QListView()
        self.setup_view(view, "eventList", self.tr("Events"))
        view.setWordWrap(True)
        view.setAlternatingRowColors(True)
        view.setSpacing(2)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.clicked.connect(self._open_index)
        view.activated.connect(self._open_index)
        nav.entry_menus.install(view)
        layout.addWidget(view, 1)

        self.open_button = push_button(self.tr("Open"), "openEventButton", self.open_selected)
        self.calendar_button = push_button(
            self.tr("Add to calendar …"), "addToCalendarButton", self.save_selected,
            tooltip=self.tr("Save the chosen event as a calendar file (.ics) that Outlook and "
                            "other calendars open."))
        layout.addLayout(row(self.open_button, None, self.calendar_button))
        view.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def fill(self, ctx: AppContext) -> None:
        selected = self.selected()
        today = self.today()
        found = core_events.all_events(ctx.conn)
        coming = core_events.upcoming(found, today)
        shown: list[core_events.Event] = []
        if self.show_past.isChecked():
            shown = found
            notice = self.tr("All %n event(s), past ones included.", "", len(found))
        elif coming:
            shown = coming
            notice = self.tr("%n upcoming event(s) from today on.", "", len(coming))
        elif found:
            notice = self.tr("No upcoming events. Tick “Show earlier” to see the %n past "
                             "event(s).", "", len(found))
        else:
            notice = self.tr("The catalogue has no dated events.")
        self.notice.setText(notice)
        self.model.set_events(shown, today)
        if selected is not None:
            self.select(selected.work_id)
        self._update_buttons()

    def entry_of(self, item: core_events.Event) -> tuple[str, str]:
        return "work", item.work_id

    def _update_buttons(self, *_args: object) -> None:
        has = self.selected() is not None
        self.open_button.setEnabled(has)
        self.calendar_button.setEnabled(has)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.open_selected()

    def save_selected(self, path: Path | None = None) -> Task | None:
        """Save the chosen event as ``.ics`` (asking where, unless ``path`` is given)."""
        event = self.selected()
        return save_ics(self.nav, event, path) if event is not None else None


def save_ics(nav: Navigator, event: core_events.Event, path: Path | None = None
             ) -> Task | None:
    """Ask where (unless ``path`` is given), then write the event's .ics file on the runner."""
    target = path or ask_save_path(nav, translate("EventsPage", "Add to calendar"),
                                   core_events.file_name(event),
                                   translate("EventsPage", "Calendar files (*.ics)"), ".ics")
    if target is None:
        return None

    def work(_progress: object, _cancelled: object) -> Path:
        write_atomically(target, core_events.ics_text([event]).encode("utf-8"))
        return target

    def done(_path: Path) -> None:
        nav.statusBar().showMessage(
            translate("EventsPage", "Saved %1. Open the file to add the event to your "
                      "calendar.").replace("%1", str(target)), 8000)

    return run(work, nav.window(), label=translate("EventsPage", "Exporting to the calendar"),
               done=done,
               failed=lambda exc: nav.statusBar().showMessage(error_text(exc), 8000))
