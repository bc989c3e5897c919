"""Following a changed catalogue, whoever changed it.

An import or an undo in the app, an import from the command line (``tfbb-desktop import``,
another process writing the same catalogue.db) and the update check's import all end in
:meth:`CatalogueRefresher.refresh`, the window's one way of reading the catalogue again: the
lists, the counts in the navigation, the pages, the status bar and the open detail page.

A change by another program is noticed with :class:`core.change_watch.ChangeWatch` on the
window's own connection, when the application becomes active again and every few seconds.

The entry shown stays shown, read afresh and still chosen in its list, if it still exists;
otherwise the detail pane says that it is gone. A note being written is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QWidget

from tfbb_desktop.core.store import queries
from tfbb_desktop.core.store.change_watch import ChangeWatch
from tfbb_desktop.ui.worker import default_runner

if TYPE_CHECKING:
    from tfbb_desktop.ui.main_window import MainWindow

# How often the window asks whether another program has changed the catalogue. Asking is a
# PRAGMA that reads no table (microseconds); only a change costs a refresh.
CHECK_INTERVAL_MS = 3000
# How long a re-read detail page may take to get its height (see _scroll_detail).
SCROLL_SETTLE_MS = 1000


class CatalogueRefresher(QObject):
    """Keeps ``window`` showing the catalogue as it is in the file."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        assert window.ctx is not None
        self.window = window
        self.watch = ChangeWatch(window.ctx.conn)
        self.stopped = False
        self._scroll_to: int | None = None  # where the detail page is to scroll, once it can
        self._scroll_page: QWidget | None = None  # the page that is to scroll there
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        """No more checks (the window is closing)."""
        self.timer.stop()
        self.stopped = True

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def check(self) -> bool:
        """Refresh if another connection has committed to the catalogue since the window last
        read it; True if it did."""
        ctx = self.window.ctx
        if self.stopped or ctx is None or ctx.closed or default_runner().busy():
            return False  # the app's own work on the files refreshes when it ends
        if not self.watch.changed():
            return False
        self.refresh()
        self.window.statusBar().showMessage(
            self.tr("The catalogue was changed outside the app and is shown as it is now."),
            8000)
        return True

    def check_soon(self) -> None:
        """Check once control is back in the event loop (not while a view is painting)."""
        QTimer.singleShot(0, self.check)

    def refresh(self) -> None:
        """Read the whole catalogue again into every view, then emit the window's
        ``reloaded``."""
        window, ctx = self.window, self.window.ctx
        if ctx is None or ctx.closed:
            return
        from tfbb_desktop.core.store.catalogue import refresh_note_names

        window.detail.flush_note()  # a note being written is saved before anything is re-read
        self.watch.mark()  # first: a commit during the reading is seen by the next check
        shown = Shown.capture(window)
        refresh_note_names(ctx.conn, ctx.userdata)
        window.read_catalogue()
        if shown.restore(window, self.tr("The entry no longer exists in the catalogue.")):
            self._scroll_detail(shown.detail_scroll)
        checker = window.update_checker
        if checker is not None:
            checker.withdraw_stale_offer()
        window.reloaded.emit()

    def _scroll_detail(self, value: int) -> None:
        """Back to where the page was read. The new page gets its height a moment later:
        until then each change of the scroll bar's range scrolls there again (as far as the
        new page reaches)."""
        bar = self.window.detail.verticalScrollBar()
        bar.setValue(value)
        if bar.value() == value:
            self._scrolled()  # there already: nothing to wait for
            return
        if self._scroll_to is None:
            bar.rangeChanged.connect(self._range_changed)
            QTimer.singleShot(SCROLL_SETTLE_MS, self._scrolled)
        self._scroll_to = value
        self._scroll_page = self.window.detail.widget()

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        if self.window.detail.widget() is not self._scroll_page:
            self._scrolled()  # another page is shown meanwhile: it starts at its top
        elif self._scroll_to is not None:
            self.window.detail.verticalScrollBar().setValue(min(self._scroll_to, maximum))
            if maximum >= self._scroll_to:
                self._scrolled()

    def _scrolled(self) -> None:
        if self._scroll_to is not None:
            self._scroll_to = self._scroll_page = None
            self.window.detail.verticalScrollBar().rangeChanged.disconnect(self._range_changed)


@dataclass(frozen=True)
class Shown:
    """What the window showed before a refresh: the entry of the detail pane, a note being
    written there, and how far the list and the page were scrolled."""

    entry: tuple[str, str] | None
    note: str | None  # the note editor's text, if it is not the saved note
    note_focused: bool
    detail_scroll: int
    list_scroll: int

    @classmethod
    def capture(cls, window: MainWindow) -> Shown:
        detail, ctx = window.detail, window.ctx
        current = detail.current
        list_scroll = window.list_view.verticalScrollBar().value()
        if current is None or ctx is None:
            return cls(None, None, False, 0, list_scroll)
        entry = (current.entity_type, current.entity_id)
        saved = ctx.userdata.note(*entry)
        typed = detail.note_edit.toPlainText()
        return cls(entry, typed if typed != (saved.text if saved else "") else None,
                   detail.note_edit.hasFocus(), detail.verticalScrollBar().value(), list_scroll)

    def restore(self, window: MainWindow, gone_text: str) -> bool:
        """Show it again as the catalogue is now; True if the entry's page is shown again."""
        ctx = window.ctx
        assert ctx is not None
        window.list_view.verticalScrollBar().setValue(self.list_scroll)
        if self.entry is None:
            return False
        entity_type, entity_id = self.entry
        detail = queries.detail(ctx.conn, entity_type, entity_id)
        if detail is None:
            window.detail.show_empty(gone_text)
            return False
        saved = ctx.userdata.note(entity_type, entity_id)
        window.detail.show_detail(
            detail, favourite=ctx.userdata.is_favourite(entity_type, entity_id),
            note=self.note if self.note is not None else (saved.text if saved else ""),
            change=window.change_of(entity_type, entity_id))
        if self.note_focused:
            window.detail.note_edit.setFocus()
            window.detail.note_edit.moveCursor(QTextCursor.MoveOperation.End)
        if window.section == entity_type:
            window._select_row(entity_type, entity_id)
        return True
