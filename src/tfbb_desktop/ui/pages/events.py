"""The page of upcoming events: workshops, webinars and meetings from the ongoing work.

Upcoming events are shown from today on, sorted by date; past ones only when the user ticks
"Show earlier" (the bundled catalogue's events are in 2025: the page then says that nothing is
upcoming, and how to see the earlier ones).
A click or Enter opens the work item in the detail pane while the list stays; "Add to
calendar …" saves the chosen event as an ``.ics`` file.
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
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QListView,
    QPushButton,
    QWidget,
)

from tfbb_desktop.core.paths import write_atomically
from tfbb_desktop.core.store import events as core_events
from tfbb_desktop.ui.bidi import isolated
from tfbb_desktop.ui.models import ID_ROLE, TITLE_ROLE, TYPE_ROLE, bold_font
from tfbb_desktop.ui.pages.base import ItemRows, ListPage, ask_save_path
from tfbb_desktop.ui.pages.detail import heading_label, plain_label
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.worker import Task, error_text, run

if TYPE_CHECKING:
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.navigation import Navigator

translate = QCoreApplication.translate

AnyIndex = QModelIndex | QPersistentModelIndex
PAST_ROLE = Qt.ItemDataRole.UserRole + 30


class EventsModel(ItemRows[core_events.Event], QAbstractListModel):
    """Events, one per row: title, then when · kind · place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = date.today()

    def item_key(self, item: core_events.Event) -> str:
        return item.work_id

    def set_events(self, found: list[core_events.Event], today: date) -> None:
        self._today = today
        self.set_items(found)

    def _past(self, event: core_events.Event) -> bool:
        return event.last_day < self._today

    def details(self, event: core_events.Event) -> str:
        parts = [event.when, event.kind]
        if event.location:
            parts.append(event.location)
        elif event.url:
            parts.append(self.tr("link: %1").replace("%1", event.url))
        text = " · ".join(p for p in parts if p)
        if self._past(event):
            text += " · " + self.tr("past")
        return text

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        event = self.item_at(index.row())
        if event is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{isolated(event.title)}\n{self.details(event)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{isolated(event.title)}, {self.details(event)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip("\n\n".join(p for p in (event.title, event.summary) if p))
        if role == Qt.ItemDataRole.ForegroundRole and self._past(event):
            return QBrush(QPalette().color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.FontRole and not self._past(event):
            return bold_font()
        if role == TITLE_ROLE:
            return event.title
        if role == ID_ROLE:
            return event.work_id
        if role == TYPE_ROLE:
            return "work"
        if role == PAST_ROLE:
            return self._past(event)
        return None


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
        self.notice = plain_label("", selectable=False)
        self.notice.setObjectName("eventsNotice")
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

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openEventButton")
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.calendar_button = QPushButton(self.tr("Add to calendar …"))
        self.calendar_button.setObjectName("addToCalendarButton")
        self.calendar_button.setToolTip(self.tr("Save the chosen event as a calendar file (.ics) "
                                                "that Outlook and other calendars open."))
        self.calendar_button.clicked.connect(lambda: self.save_selected())
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.calendar_button)
        layout.addLayout(buttons)
        view.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # Data -----------------------------------------------------------------------------------
    def fill(self, ctx: AppContext) -> None:
        selected = self.selected()
        today = self.today()
        found = core_events.all_events(ctx.conn)
        coming = core_events.upcoming(found, today)
        if self.show_past.isChecked():
            shown = found
            notice = self.tr("All %n event(s), past ones included.", "", len(found))
        elif coming:
            shown = coming
            notice = self.tr("%n upcoming event(s) from today on.", "", len(coming))
        elif found:
            shown = []
            notice = self.tr("No upcoming events. Tick “Show earlier” to see the %n past "
                             "event(s).", "", len(found))
        else:
            shown = []
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

    # Actions ----------------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.open_selected()

    def save_selected(self, path: Path | None = None) -> Task | None:
        """Save the chosen event as ``.ics`` (asking where, unless ``path`` is given), on the
        runner."""
        event = self.selected()
        if event is None:
            return None
        return save_ics(self.nav, event, path)


def save_ics(nav: Navigator, event: core_events.Event, path: Path | None = None
             ) -> Task | None:
    """Ask where (unless ``path`` is given), then write the event's .ics file on the runner."""
    if path is None:
        path = ask_save_path(nav, translate("EventsPage", "Add to calendar"),
                             core_events.file_name(event),
                             translate("EventsPage", "Calendar files (*.ics)"), ".ics")
        if path is None:
            return None
    target = path

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
