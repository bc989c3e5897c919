"""The page of upcoming events: workshops, webinars and meetings from the ongoing work.

Upcoming events are shown from today on; a tick shows past ones too. When nothing is upcoming
(the bundled catalogue's events are in 2025), the past events are shown, and the page says so.
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
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import events as core_events
from .detail import plain_label
from .models import ID_ROLE, TYPE_ROLE
from .overview import open_from_page

if TYPE_CHECKING:
    from .main_window import MainWindow

translate = QCoreApplication.translate

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
PAST_ROLE = Qt.ItemDataRole.UserRole + 30


class EventsModel(QAbstractListModel):
    """Events, one per row: title, then when · kind · place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[core_events.Event] = []
        self._today = date.today()

    def set_events(self, found: list[core_events.Event], today: date) -> None:
        self.beginResetModel()
        self._events = list(found)
        self._today = today
        self.endResetModel()

    def event_at(self, row: int) -> core_events.Event | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, work_id: str) -> int:
        for row, event in enumerate(self._events):
            if event.work_id == work_id:
                return row
        return -1

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._events)

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
        event = self.event_at(index.row())
        if event is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{event.title}\n{self.details(event)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{event.title}, {self.details(event)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n\n".join(p for p in (event.title, event.summary) if p)
        if role == Qt.ItemDataRole.ForegroundRole and self._past(event):
            return QBrush(QPalette().color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.FontRole and not self._past(event):
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return event.work_id
        if role == TYPE_ROLE:
            return "work"
        if role == PAST_ROLE:
            return self._past(event)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid() or self.event_at(index.row()) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class EventsPage(QWidget):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.today: Callable[[], date] = date.today
        self.setObjectName("eventsPage")
        self.setAccessibleName(self.tr("Upcoming events"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        heading = plain_label(self.tr("Upcoming events"), selectable=False)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.show_past = QCheckBox(self.tr("Show past events too"))
        self.show_past.setObjectName("showPastEvents")
        self.show_past.toggled.connect(lambda _on: self.refresh())
        layout.addWidget(self.show_past)
        self.notice = plain_label("", selectable=False)
        self.notice.setObjectName("eventsNotice")
        layout.addWidget(self.notice)

        self.model = EventsModel(self)
        self.view = QListView()
        self.view.setObjectName("eventList")
        self.view.setAccessibleName(self.tr("Events"))
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.clicked.connect(self._open_index)
        self.view.activated.connect(self._open_index)
        layout.addWidget(self.view, 1)

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
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # Data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx = self.window_.ctx
        if ctx is None:
            return
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
            shown = found
            notice = self.tr("No upcoming events. Showing the past events instead.")
        else:
            shown = []
            notice = self.tr("The catalogue has no dated events.")
        self.notice.setText(notice)
        self.model.set_events(shown, today)
        if selected is not None:
            self.select(selected.work_id)
        self._update_buttons()

    def selected(self) -> core_events.Event | None:
        index = self.view.currentIndex()
        return self.model.event_at(index.row()) if index.isValid() else None

    def select(self, work_id: str) -> bool:
        row = self.model.row_of(work_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return True

    def _update_buttons(self, *_args: object) -> None:
        has = self.selected() is not None
        self.open_button.setEnabled(has)
        self.calendar_button.setEnabled(has)

    # Actions ----------------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.open_selected()

    def open_selected(self) -> bool:
        """Show the chosen event's work item in the detail pane; the list stays."""
        event = self.selected()
        if event is None:
            return False
        if not open_from_page(self.window_, "work", event.work_id, stay_on="events"):
            return False
        self.select(event.work_id)
        return True

    def save_selected(self, path: Path | None = None) -> Path | None:
        """Save the chosen event as ``.ics`` (asking where, unless ``path`` is given)."""
        event = self.selected()
        if event is None:
            return None
        return save_ics(self.window_, event, path)


def save_ics(window: MainWindow, event: core_events.Event, path: Path | None = None
             ) -> Path | None:
    if path is None:
        start = str(window.settings.value("export/folder", str(Path.home())))
        chosen, _ = QFileDialog.getSaveFileName(
            window, translate("EventsPage", "Add to calendar"),
            str(Path(start) / core_events.file_name(event)),
            translate("EventsPage", "Calendar files (*.ics)"))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".ics":
            path = path.with_suffix(".ics")
        window.settings.setValue("export/folder", str(path.parent))
    try:
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(core_events.ics_text([event]).encode("utf-8"))
        partial.replace(path)
    except OSError as exc:
        window.statusBar().showMessage(str(exc), 8000)
        return None
    window.statusBar().showMessage(
        translate("EventsPage", "Saved %1. Open the file to add the event to your calendar.")
        .replace("%1", str(path)), 8000)
    return path
