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
        self.timer.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

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

        detail, current = window.detail, window.detail.current
        detail.flush_note()  # a note being written is saved (or kept unsaved) before re-reading
        self.watch.mark()  # first: a commit during the reading is seen by the next check
        list_bar = window.list_view.verticalScrollBar()
        list_scroll, page_scroll = list_bar.value(), detail.verticalScrollBar().value()
        note_focused = current is not None and detail.note_edit.hasFocus()
        refresh_note_names(ctx.conn, ctx.userdata)
        window.read_catalogue()
        list_bar.setValue(list_scroll)
        if current is not None:
            entry = queries.detail(ctx.conn, current.entity_type, current.entity_id)
            if entry is None:
                detail.show_empty(self.tr("The entry no longer exists in the catalogue."))
            else:
                window.show_entry(entry)
                if note_focused:
                    detail.note_edit.setFocus()
                    detail.note_edit.moveCursor(QTextCursor.MoveOperation.End)
                if window.section == entry.entity_type:
                    window._select_row(entry.entity_type, entry.entity_id)
                self._scroll_detail(page_scroll)
        if window.update_checker is not None:
            window.update_checker.withdraw_stale_offer()
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
        self._scroll_to, self._scroll_page = value, self.window.detail.widget()

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
