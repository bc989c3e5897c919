"""The main window: sections, the list of the current section, the detail pane, history."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    QSignalBlocker,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tfbb_desktop import APP_NAME, __version__
from tfbb_desktop.core.store import queries, storage
from tfbb_desktop.ui import focus, messages, shortcuts
from tfbb_desktop.ui import names as labels
from tfbb_desktop.ui.actions import EntryActions
from tfbb_desktop.ui.entry_menu import EntryMenus
from tfbb_desktop.ui.history import History, SearchState, Step
from tfbb_desktop.ui.icons import icon_for
from tfbb_desktop.ui.lazy_pages import LazyPage, LazyPages
from tfbb_desktop.ui.links import is_allowed_url
from tfbb_desktop.ui.list_bar import ListBar
from tfbb_desktop.ui.models import ID_ROLE, EntryTableModel
from tfbb_desktop.ui.pages.base import make_current
from tfbb_desktop.ui.pages.detail import DetailView, ask, message_box
from tfbb_desktop.ui.pages.entry_lists import ChangesPage, FavouritesPage
from tfbb_desktop.ui.refresh import CatalogueRefresher
from tfbb_desktop.ui.splitter import PaneWidths
from tfbb_desktop.ui.task_status import TaskStatus
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.update_check import UpdateBar, UpdateChecker
from tfbb_desktop.ui.worker import Task, error_text, run, with_catalogue
from tfbb_desktop.ui.zoom import ZOOM_MAX, ZOOM_MIN, fit_fonts, zoomed_font

if TYPE_CHECKING:
    from tfbb_desktop.core.store.userdata import Note
    from tfbb_desktop.core.sync.importer import ImportResult

    # Imported where they are used, not here: the window must show before they load (the
    # import dialog brings pydantic along; see docs/performance.md).
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.dialogs.import_file import ImportDialog
    from tfbb_desktop.ui.pages.search import SearchPanel
    from tfbb_desktop.ui.search_runner import SearchAnswer, SearchRunner

log = logging.getLogger(__name__)

SECTIONS = queries.ENTITY_TYPES  # a list of each listed type, in the registry's order
ZOOM_SETTING = "view/zoom"

# The window's size at first start, unless the screen is smaller; room left for the frame.
FIRST_SIZE = QSize(1200, 780)
FRAME = QSize(16, 40)


def first_size(available: QSize) -> QSize:
    """The first-start window size: :data:`FIRST_SIZE`, made to fit a smaller screen (on a
    1024 x 700 screen, or a laptop at 150 % scaling, all of the window is shown)."""
    return FIRST_SIZE.boundedTo(available - FRAME)


def _column(*widgets: QWidget) -> QWidget:
    """``widgets`` one above the other without margins; the last one takes the room left."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.setStretch(len(widgets) - 1, 1)
    return box


class MainWindow(QMainWindow):
    # Emitted after the window has re-read a changed catalogue (:meth:`reload`, after an import,
    # an undo or a change by another program), once its lists, counts and pages are up to date.
    # Not emitted by :meth:`attach`, the first reading.
    reloaded = Signal()
    attached = Signal()  # :meth:`attach` has shown the catalogue for the first time

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ctx: AppContext | None = None
        self.refresher: CatalogueRefresher | None = None
        self.models: dict[str, EntryTableModel] = {}
        self.section = "principals"
        self.history = History()
        self._reselect: tuple[str, str] | None = None  # the hit to choose in a search shown again
        self.publisher_pages: dict[str, QWidget] = {}  # publisher mode's, see ui/publisher.py
        self.today: Callable[[], date] = date.today  # tests give a day of their own
        # The marks the lists show: the last import's changes not yet seen, favourites, notes.
        self._unseen: dict[tuple[str, str], str] = {}
        self._favourites: set[tuple[str, str]] = set()
        self._noted: set[tuple[str, str]] = set()
        # Notes whose saving failed (type, id) -> (text, why): shown again, saved again.
        self._unsaved_notes: dict[tuple[str, str], tuple[str, str]] = {}
        self.zoom = 0  # text zoom steps, see :meth:`set_zoom`
        self._choosing_row = False  # see :meth:`_select_row`
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(800, 560)
        self._build()
        self._restore_layout()
        self.detail.show_empty(self.tr("Loading the catalogue …"))

    # Building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("sections")
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        # Room for the sections' names: the small icon size of Qt's styles
        # (PM_SmallIconSize), without asking the style, whose type is slow to load.
        self.nav.setIconSize(QSize(16, 16))
        self.nav.currentRowChanged.connect(self._section_chosen)
        focus.dim_selection_without_focus(self.nav)
        self.pages: list[str] = []  # the keys of the navigation's rows
        # The pages after the sections: key -> (widget, called when shown, whether wide).
        self._pages: dict[str, tuple[QWidget, Callable[[], None], bool]] = {}
        for index, entity_type in enumerate(SECTIONS):
            self._nav_item(entity_type, labels.section_title(entity_type)).setToolTip(
                self.tr("Ctrl+%1").replace("%1", str(index + 1)))

        view = self.list_view = QTableView()
        view.setObjectName("entryList")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        self._fit_row_height()
        view.setTabKeyNavigation(False)
        view.setSortingEnabled(True)
        focus.dim_selection_without_focus(view)
        view.installEventFilter(self)
        self._typed = ("", 0.0)  # type-ahead: the letters typed in the list, and when

        self.detail = DetailView()
        self.detail.setObjectName("detail")
        self.detail.open_ref.connect(self.open_entry)
        self.detail.open_url.connect(self.open_url)
        self.detail.favourite_toggled.connect(self._set_favourite)
        self.detail.note_saved.connect(self._save_note)
        self.detail.suggest_requested.connect(self._suggest_missing)
        self.detail.manual_requested.connect(self.open_manual)

        self.list_bar = ListBar(self.settings)
        self.list_bar.changed.connect(self._list_choice_changed)
        self.list_box = _column(self.list_bar, view)
        self.list_box.setObjectName("listBox")
        self.list_pane = QStackedWidget()
        self.list_pane.addWidget(self.list_box)
        self.favourites_page = FavouritesPage(self.tr("My favourites"))
        self.changes_page = ChangesPage(self.tr("New and removed"))
        for key, page in (("favourites", self.favourites_page), ("changes", self.changes_page)):
            page.open_ref.connect(self.open_entry)
            self.add_page(key, page, self._refresh_pages)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for index, (pane, stretch) in enumerate(((self.nav, 0), (self.list_pane, 2),
                                                 (self.detail, 3))):
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setSizes([180, 340, 520])
        self.panes = PaneWidths(self.splitter)
        self.update_bar = UpdateBar()
        self.update_checker: UpdateChecker | None = None
        self.setCentralWidget(_column(self.update_bar, self.splitter))

        self.lazy_pages = LazyPages(self)
        self.entry_actions = EntryActions(self, self.lazy_pages)
        self.entry_menus = EntryMenus(self)
        self.detail.menus = self.favourites_page.menus = self.changes_page.menus = \
            self.entry_menus
        self.entry_menus.install(view)
        self._build_menus()
        self.back_action.setToolTip(self.tr("Back (Alt+Left)"))
        self.forward_action.setToolTip(self.tr("Forward (Alt+Right)"))
        self.search_field = QLineEdit()
        self.search_field.setObjectName("searchField")
        self.search_field.setAccessibleName(self.tr("Search"))
        self.search_field.setPlaceholderText(self.tr("Search the whole catalogue (Ctrl+F)"))
        self.search_field.setMinimumWidth(320)
        self.search_field.textChanged.connect(self._search_changed)
        self.search_field.installEventFilter(self)
        self.toolbar = QToolBar(self.tr("Navigation"))
        self.toolbar.setObjectName("navigationToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.back_action, self.forward_action])
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.search_field)
        self.addToolBar(self.toolbar)
        self.search_panel: SearchPanel | None = None
        self.search_runner: SearchRunner | None = None
        self.catalogue_label = QLabel()
        self.catalogue_label.setObjectName("catalogueInfo")
        self.catalogue_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.catalogue_label)
        TaskStatus(self)  # the runner's work: progress, waiting, Cancel
        self._update_history_actions()
        QWidget.setTabOrder(self.nav, self.list_pane)
        QWidget.setTabOrder(self.list_pane, self.detail)

    def _nav_item(self, key: str, title: str) -> QListWidgetItem:
        item = QListWidgetItem(icon_for(key), title)
        item.setData(ID_ROLE, key)
        self.nav.addItem(item)
        self.pages.append(key)
        return item

    def _action(self, name: str, text: str, handler: Callable[[], object]) -> QAction:
        """An action named ``name``, its keys from the shortcut table; one with keys is the
        window's too, so that they work wherever the focus is."""
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts(shortcuts.keys(name))
        action.setIcon(icon_for(name))
        action.triggered.connect(lambda _checked=False: handler())
        if not action.shortcut().isEmpty():
            self.addAction(action)
        return action

    def _menu(self, title: str, actions: list[QAction | None]) -> QMenu:  # None: a separator
        menu = self.menuBar().addMenu(title)
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def _build_menus(self) -> None:
        act, extra = self._action, self.entry_actions
        self.quit_action = act("quitAction", self.tr("&Quit"), self.close)
        # Enabled while there is an import to undo (see :meth:`read_catalogue`).
        self.undo_import_action = act("undoImportAction", self.tr("&Undo last import"),
                                      self.undo_import)
        self.file_menu = self._menu(self.tr("&File"), [
            act("importAction", self.tr("&Import export file …"), self.import_file),
            self.undo_import_action, None,
            act("settingsAction", self.tr("&Settings …"), self.open_settings), None,
            act("printAction", self.tr("&Print …"), extra.printing("print_preview_action")),
            act("printSheetAction", self.tr("Print principal s&heet …"),
                extra.printing("print_principal_action")),
            act("sheetPdfAction", self.tr("Save principal sheet as P&DF …"),
                extra.printing("save_principal_pdf_action")),
            act("bookletPdfAction", self.tr("Save &booklet as PDF …"),
                extra.printing("save_booklet_pdf_action")),
            act("overviewPngAction", self.tr("Save o&verview as image …"), extra.overview_png),
            None, self.quit_action])
        self.back_action = act("backAction", self.tr("&Back"), self.go_back)
        self.forward_action = act("forwardAction", self.tr("&Forward"), self.go_forward)
        self.find_action = act("findAction", self.tr("Search"), self.focus_search)
        # The sections and pages in the Go menu have their number as access key: "&1 …".
        # Every row of the navigation, in its order (favourites and changes too).
        titles = {key: labels.section_title(key) if key in SECTIONS
                  else self._pages[key][0].accessibleName() for key in self.pages}
        go = [act(f"go-{key}", f"&{number} {title}", partial(self.go_to, key))
              for number, (key, title) in enumerate(titles.items(), 1)]
        self.go_menu = self._menu(self.tr("&Go"), [
            self.back_action, self.forward_action, None, *go[:len(SECTIONS)], None,
            *go[len(SECTIONS):]])
        self._menu(self.tr("&View"), [
            act("zoomInAction", self.tr("&Larger text"), lambda: self.zoom_text(1)),
            act("zoomOutAction", self.tr("&Smaller text"), lambda: self.zoom_text(-1)),
            act("zoomResetAction", self.tr("&Normal text size"), lambda: self.zoom_text(None))])
        self.favourite_action = act("favouriteAction", self.tr("&Favourite"),
                                    self.toggle_favourite)
        self.entry_menu = self._menu(self.tr("&Entry"), [
            self.favourite_action, None,
            act("copyContactAction", self.tr("&Copy contact details"), extra.copy_contact),
            act("vcardAction", self.tr("Export contacts as &vCard …"),
                lambda: extra.export_contacts("vcf")),
            act("vcardsAction", self.tr("Export contacts as vCard, &one file each …"),
                lambda: extra.export_contacts("vcf-each")),
            act("csvAction", self.tr("Export contacts as C&SV …"),
                lambda: extra.export_contacts("csv")),
            act("calendarAction", self.tr("Add to c&alendar …"), extra.add_current_to_calendar),
            None, act("suggestAction", self.tr("Su&ggest a change …"), extra.suggest_change)])
        self.help_menu = self._menu(self.tr("&Help"), [
            act("manualAction", self.tr("&Manual"), self.open_manual), None,
            act("welcomeAction", self.tr("&Welcome page"), self.show_welcome),
            act("aboutAction", self.tr("&About TFBB Katalog"), self._about)])

    # Data -----------------------------------------------------------------------------------
    def attach(self, ctx: AppContext) -> None:
        """Show the catalogue of ``ctx``, once it is loaded."""
        from tfbb_desktop.ui import publisher
        from tfbb_desktop.ui.pages.search import SearchPanel
        from tfbb_desktop.ui.search_runner import SearchRunner

        self.ctx = ctx
        self.refresher = CatalogueRefresher(self)  # before the first reading: see refresh.py
        for entity_type in SECTIONS:
            model = EntryTableModel(ctx.conn, entity_type, self)
            model.set_new_marker(lambda t, i: (t, i) in self._unseen)
            model.set_user_marks(lambda t, i: (t, i) in self._favourites,
                                 lambda t, i: (t, i) in self._noted)
            model.entry_missing.connect(self.refresher.check_soon)
            self.models[entity_type] = model
        # Not before the first paint: it looks up the theme's "edit-clear" icon, a few ms (more
        # with a desktop's large icon themes). The button shows only once there is text anyway.
        self.search_field.setClearButtonEnabled(True)
        panel = self.search_panel = SearchPanel(ctx.conn)
        panel.setObjectName("searchPanel")
        panel.filters_changed.connect(self._search_changed)
        panel.open_ref.connect(self.open_entry)
        panel.view.leave_up.connect(self.focus_search)
        self.entry_menus.install(panel.view)
        panel.suggestion_chosen.connect(self.search_field.setText)
        self.list_pane.addWidget(panel)
        fit_fonts(panel)  # its styled widgets were made before it had a parent
        self.search_runner = SearchRunner(ctx.paths.catalogue, self)
        self.search_runner.answered.connect(self._search_answered)
        self.search_runner.failed.connect(
            lambda text: self.statusBar().showMessage(self.tr("Search failed: %1")
                                                      .replace("%1", text), 8000))
        self.search_runner.start()
        self.update_checker = UpdateChecker(self)
        self.update_checker.start()
        if not self.publisher_pages and publisher.enabled(ctx.config, self.settings):
            self.publisher_pages = dict(publisher.install(self))
        self.read_catalogue()
        last = str(self.settings.value("window/section", "principals"))
        row = self.pages.index(last if last in self.pages else "principals")
        if self.nav.currentRow() == row:
            # Already current, e.g. the section list took the focus (and row 0) while the
            # catalogue was loading, which every desktop with a window manager does:
            # setCurrentRow would change nothing and emit nothing, and the list would stay empty.
            self._section_chosen(row)
        else:
            self.nav.setCurrentRow(row)
        if self.detail.current is None and self.pages[row] in SECTIONS:
            self.show_welcome()  # the start page, until an entry is chosen
        self.attached.emit()

    def reload(self) -> None:
        """Re-read the catalogue into every view after an import or an undo, then emit
        :attr:`reloaded` (through the one refresh path, see ui/refresh.py)."""
        if self.refresher is not None:
            self.refresher.refresh()

    def read_catalogue(self) -> None:
        assert self.ctx is not None
        conn = self.ctx.conn
        self._unseen = queries.unseen_changes(conn, self.ctx.userdata.seen())
        self._refresh_pages()  # reads the user's marks too: first, the lists may sort by them
        counts = queries.counts(conn)
        for index, entity_type in enumerate(SECTIONS):
            self.models[entity_type].set_ids(self._list_ids(entity_type))
            self.nav.item(index).setText(
                f"{labels.section_title(entity_type)} ({counts[entity_type]})")
        self.undo_import_action.setEnabled(self.ctx.paths.may_undo())
        meta = queries.meta(conn)
        if meta is None:
            self.catalogue_label.setText(self.tr("No catalogue"))
        else:
            text = labels.catalogue_version(meta)
            self.catalogue_label.setText(text)
            self.catalogue_label.setToolTip(tip(meta.publisher_name))
            self.catalogue_label.setAccessibleName(text)
        if self.search_panel is not None:
            self.search_panel.reload_choices()
            self._search_changed()

    def _list_ids(self, entity_type: str) -> list[str]:
        """The ids the list of ``entity_type`` shows, with the choices of the bar above it."""
        from tfbb_desktop.core.store import events, lists

        assert self.ctx is not None
        ids = lists.ids_of_kind(self.ctx.conn, entity_type,
                                self.list_bar.chosen_kinds.get(entity_type))
        if entity_type != "work":
            return ids
        # Only when asked: reading every event takes a quarter of a second at 20,000.
        finished = events.finished_ids(self.ctx.conn, self.today()) \
            if self.list_bar.hide_finished.isChecked() else frozenset()
        shown = [i for i in ids if i not in finished]
        self.list_bar.set_hidden_count(len(ids) - len(shown))
        return shown

    def _list_choice_changed(self) -> None:
        entity_type = self.list_bar.entity_type
        if self.ctx is None or entity_type not in self.models:
            return
        current = self.detail.current
        self.models[entity_type].set_ids(self._list_ids(entity_type))
        if current is not None and current.entity_type == entity_type:
            self._select_row(entity_type, current.entity_id)

    def _read_user_marks(self) -> tuple[list[tuple[str, str]], list[Note]]:
        """Read the favourites and notes; the lists' marks follow them. Returns what it read."""
        assert self.ctx is not None
        favourites, notes = self.ctx.userdata.favourites(), self.ctx.userdata.notes()
        marked = set(favourites)
        noted = {(n.entity_type, n.entity_id) for n in notes if n.text.strip()}
        if (marked, noted) != (self._favourites, self._noted):
            self._favourites, self._noted = marked, noted
            for model in self.models.values():
                model.user_marks_changed()
        return favourites, notes

    def _refresh_pages(self) -> None:
        if self.ctx is None:
            return
        favourites, notes = self._read_user_marks()
        conn = self.ctx.conn
        self.favourites_page.set_favourites(queries.refs_for(conn, favourites))
        orphans = [(n.entity_name, n.text) for n in notes
                   if not queries.exists(conn, n.entity_type, n.entity_id)]
        self.changes_page.set_changes(queries.refs_for(conn, list(self._unseen)),
                                      queries.removed_entries(conn), orphans)
        self.nav.item(self.pages.index("changes")).setText(
            self.tr("New and removed") + (f" ({len(self._unseen)})" if self._unseen else ""))
        focus.follow(self.nav, self.list_pane.currentWidget())  # lists made anew

    # Navigation -----------------------------------------------------------------------------
    def add_page(self, key: str, widget: QWidget, refresh: Callable[[], None], *,
                 wide: bool = False) -> None:
        """Add a page to the navigation under its accessible name, shown in the list pane;
        ``refresh`` is called each time it is shown. A ``wide`` page is shown over the detail
        pane too. A page
        whose widget has ``chosen_entry()`` shows that entry in the detail pane, or none."""
        self._nav_item(key, widget.accessibleName())
        self._pages[key] = (widget, refresh, wide)
        self.list_pane.addWidget(widget)

    def _show_detail_pane(self) -> None:
        """Show the detail pane again after a wide page, with its width back."""
        if self.detail.isHidden():
            self.detail.setVisible(True)
            self.panes.section_shown()

    def show_section(self, page: str) -> None:
        self.nav.setCurrentRow(self.pages.index(page))

    def go_to(self, page: str) -> None:
        """Show a section or page from the Go menu (Ctrl+1 …), also the one under a search,
        and give the focus to its list, else to its first control, else to the sections."""
        row = self.pages.index(page)
        if self.nav.currentRow() == row:
            self._section_chosen(row)  # shown again: the search over it ends
        else:
            self.show_section(page)
        target: QWidget | None = self.list_view
        if page in self._pages:
            shown = self._pages[page][0]
            shown = shown.page() if isinstance(shown, LazyPage) else shown
            view = getattr(shown, "view", None)
            target = view if isinstance(view, QWidget) else focus.first_control(shown)
        (target or self.nav).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_from_page(self, entity_type: str, entity_id: str, stay_on: str | None = None, *,
                       record: bool = True) -> bool:
        """Open an entry from one of our pages; with ``stay_on``, show that page again beside the
        entry's detail (``record``: as a step in the history).

        The focus is taken off the page first: when a focused page is hidden, Qt gives the focus
        to the entry list, which then reports a "chosen" row while the window still thinks the
        page is shown (:meth:`_row_chosen` would look the row up under the page's name).
        """
        focused = QApplication.focusWidget()
        if focused is None or not self.list_pane.isAncestorOf(focused) or \
                self.list_box.isAncestorOf(focused):
            focused = None  # the focus is not on a page
        if focused is not None:
            focused.clearFocus()
        page = stay_on if stay_on in self.pages else None
        opened = self.open_entry(entity_type, entity_id, record=record, page=page)
        if opened and page is not None:
            self.show_section(page)
        if focused is not None and (page is not None or not opened):
            focused.setFocus()
        return opened

    def _section_chosen(self, row: int) -> None:
        if row < 0 or not self.models:
            return
        self.detail.flush_note()
        self._end_search()
        page = self.pages[row]
        widget, refresh, wide = self._pages.get(page, (self.list_box, lambda: None, False))
        self.detail.setVisible(not wide)
        self.panes.section_shown()
        if page not in SECTIONS:
            self.section = page
            self.list_pane.setCurrentWidget(widget)
            refresh()
            focus.follow(self.nav, widget)  # a page's widgets may be newer than the window
            self._detail_follows(page)
            return
        self._set_list(page)
        if self.models[page].rowCount() == 0:
            empty = self.ctx is None or queries.meta(self.ctx.conn) is None
            self.detail.show_empty(
                self.tr("The catalogue is empty. Import an export file to fill it.") if empty
                else labels.empty_related(page))
        elif self.detail.current is None or self.detail.current.entity_type != page:
            self._detail_follows(page)

    def _detail_follows(self, page: str) -> None:
        """Show the entry chosen in ``page`` in the detail pane, or none: never an entry of
        another section."""
        entry: tuple[str, str] | None = None
        if page in SECTIONS:
            index = self.list_view.currentIndex()
            if self.list_view.model() is self.models[page] and index.isValid():
                entry = (page, str(index.data(ID_ROLE)))
        else:
            chosen = getattr(self._pages[page][0], "chosen_entry", None)
            entry = chosen() if callable(chosen) else None
        current = self.detail.current
        if current is not None and entry == (current.entity_type, current.entity_id):
            return
        # From a page, the entry's own section is shown on the way: back to the page.
        if entry is not None and (self.open_entry(*entry, record=False) if page in SECTIONS
                                  else self.open_from_page(*entry, stay_on=page, record=False)):
            return
        # A page says itself what it lists and when it is empty: the pane stays blank.
        self.detail.show_empty(self.tr("Choose an entry in the list to see its details, "
                                       "contact persons and links.") if page in SECTIONS else "")

    def _set_list(self, entity_type: str) -> None:
        same = self.section == entity_type and \
            self.list_view.model() is self.models[entity_type]
        self.section = entity_type  # before the list shows: showing it may choose a row
        if not self.searching():
            self.list_pane.setCurrentWidget(self.list_box)
        if same:
            return
        from tfbb_desktop.core.store import lists

        assert self.ctx is not None
        self.list_bar.show_for(entity_type, lists.kinds(self.ctx.conn, entity_type))
        model = self.models[entity_type]
        self.list_view.setModel(model)
        self.list_view.setAccessibleName(labels.section_title(entity_type))
        header = self.list_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 150)
        header.setSortIndicator(*model.sort_order())  # each list keeps its own order
        self.list_view.selectionModel().currentRowChanged.connect(self._row_chosen)

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model = self.list_view.model()
        if current.isValid() and isinstance(model, EntryTableModel) and not self._choosing_row:
            self.open_entry(model.entity_type, current.data(ID_ROLE))

    def _select_row(self, entity_type: str, entity_id: str) -> None:
        """Choose the entry's row without opening the entry again. The selection's signals
        are not blocked: the view repaints the rows they name (blocked, a click left the
        row before highlighted and the chosen one only in its first column)."""
        model = self.models[entity_type]
        row = model.row_of(entity_id)
        self._choosing_row = True
        try:
            if row >= 0:
                make_current(self.list_view, model.index(row, 0))
            else:
                self.list_view.selectionModel().clearSelection()
        finally:
            self._choosing_row = False

    def open_entry(self, entity_type: str, entity_id: str, *, record: bool = True,
                   page: str | None = None) -> bool:
        """Show an entry: its section, its row in the list, its detail page. Every way of
        opening an entry comes here; ``record`` makes it a step of Back and Forward, with the
        search it was opened from or the ``page`` shown beside it."""
        if self.ctx is None:
            return False
        self.detail.flush_note()  # before its text is read again below
        detail = queries.detail(self.ctx.conn, entity_type, entity_id)
        if detail is None:
            self.statusBar().showMessage(self.tr("The entry no longer exists."), 5000)
            return False
        if record:
            if page is None and not self.searching() and \
                    self._pages.get(self.section, (None, None, False))[2]:
                self.history.record(Step("", self.section, self.section))  # Back shows it
            self.history.record(Step(entity_type, entity_id, page, self._search_state()))
        with QSignalBlocker(self.nav):
            self.nav.setCurrentRow(SECTIONS.index(entity_type))
        self._show_detail_pane()
        self._set_list(entity_type)
        self._select_row(entity_type, entity_id)
        self.show_entry(detail)
        key = (entity_type, entity_id)
        if key in self._unseen and self._mark_seen(entity_type, entity_id, detail):
            del self._unseen[key]  # opening an entry clears its "new" mark
            self.models[entity_type].refresh_row(entity_id)
            self._refresh_pages()
        self._update_history_actions()
        return True

    def show_entry(self, detail: queries.Detail) -> None:
        """Show ``detail`` in the detail pane with the user's favourite and note (a note whose
        saving failed is shown again, to be saved again) and the last import's mark."""
        assert self.ctx is not None
        key = (detail.entity_type, detail.entity_id)
        note = self.ctx.userdata.note(*key)
        unsaved = self._unsaved_notes.get(key)
        self.detail.show_detail(detail, favourite=self.ctx.userdata.is_favourite(*key),
                                note=unsaved[0] if unsaved else note.text if note else "",
                                change=self._unseen.get(key, ""))
        if unsaved:
            self.detail.note_is_saved(False, unsaved[1])

    # The user's own data ------------------------------------------------------------------------
    def toggle_favourite(self) -> None:
        if self.detail.current is not None:
            self.detail.star.toggle()

    def _set_favourite(self, on: bool) -> None:
        current = self.detail.current
        if self.ctx is not None and current is not None and \
                not self._store_favourite(current.entity_type, current.entity_id, on):
            self.detail.set_favourite(self.ctx.userdata.is_favourite(current.entity_type,
                                                                     current.entity_id))

    def set_favourite_of(self, entity_type: str, entity_id: str, on: bool) -> None:
        """Add an entry to the favourites (``on``) or remove it, shown or not."""
        current = self.detail.current
        if current is not None and (current.entity_type, current.entity_id) == \
                (entity_type, entity_id):
            self.detail.star.setChecked(on)  # the star's own path: saved and told
        elif self.ctx is not None:
            self._store_favourite(entity_type, entity_id, on)

    def _store_favourite(self, entity_type: str, entity_id: str, on: bool) -> bool:
        """Save a favourite and say so; on a storage error (a full disk, a folder that
        cannot be written) say why instead and return False: nothing was changed."""
        assert self.ctx is not None
        try:
            self.ctx.userdata.set_favourite(entity_type, entity_id, on)
        except (sqlite3.Error, OSError) as exc:
            self.statusBar().showMessage(self.tr("Your favourite could not be saved: %1")
                                         .replace("%1", self._storage_text(exc)), 15000)
            return False
        self._refresh_pages()
        self.statusBar().showMessage(self.tr("Added to your favourites.") if on
                                     else self.tr("Removed from your favourites."), 4000)
        return True

    def _storage_text(self, exc: BaseException) -> str:
        """Why the user's data could not be written, in the user's language."""
        problem = storage.problem(exc, self.ctx.paths.root if self.ctx else None)
        return messages.text(problem) if problem is not None else error_text(exc)

    def _mark_seen(self, entity_type: str, entity_id: str, detail: queries.Detail) -> bool:
        """Remember that the entry was seen; False (and it stays marked new) if the user's
        data cannot be written now: reading goes on."""
        assert self.ctx is not None
        try:
            self.ctx.userdata.mark_seen(entity_type, entity_id, queries.doc_hash(detail.doc))
        except (sqlite3.Error, OSError):
            log.warning("could not mark %s/%s as seen", entity_type, entity_id, exc_info=True)
            return False
        return True

    def _suggest_missing(self, field: str) -> None:
        current = self.detail.current
        if current is not None:
            self.entry_actions.suggest_about(current.entity_type, current.entity_id,
                                             current.title, missing=field)

    def _save_note(self, entity_type: str, entity_id: str, name: str, text: str) -> None:
        if self.ctx is None or self.ctx.closed:
            return
        try:
            self.ctx.userdata.set_note(entity_type, entity_id, text, name)
        except (sqlite3.Error, OSError) as exc:  # the text stays in the editor
            reason = self._storage_text(exc)
            self._unsaved_notes[(entity_type, entity_id)] = (text, reason)
            self.detail.note_is_saved(False, reason)
            self.statusBar().showMessage(self.tr("Your note could not be saved: %1")
                                         .replace("%1", reason), 15000)
            return
        self._unsaved_notes.pop((entity_type, entity_id), None)
        self.detail.note_is_saved()
        self._read_user_marks()

    # Import and undo ----------------------------------------------------------------------------
    def import_file(self, path: Path | None = None) -> ImportDialog | None:
        """Import an export file (asked for unless given) through the preview dialog."""
        if self.ctx is None:
            return None
        self.detail.flush_note()
        if path is None:
            start = str(self.settings.value("import/folder", str(Path.home())))
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose an export file"), start,
                self.tr("Export files (*.zip);;All files (*)"))
            if not chosen:
                return None
            path = Path(chosen)
            self.settings.setValue("import/folder", str(path.parent))
        from tfbb_desktop.ui.dialogs.import_file import ImportDialog

        dialog = ImportDialog(self.ctx, path, self)
        # Gone once closed, with the change set it shows.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._imported)
        dialog.undo_requested.connect(self.undo_import)
        dialog.open()
        dialog.start()
        return dialog

    def _imported(self, _result: object) -> None:
        if self.ctx is not None:
            self.reload()
            self.statusBar().showMessage(self.tr("The catalogue is updated."), 8000)

    def open_settings(self) -> None:
        if self.ctx is not None:
            from tfbb_desktop.ui.dialogs.settings import SettingsDialog

            dialog = SettingsDialog(self.ctx, self.update_checker, self)
            # Gone once closed: a dialog left behind would still follow every update check.
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def undo_import(self) -> Task | None:
        """Ask, with the buttons "Restore" and "Cancel", then undo the last import."""
        if self.ctx is None:
            return None
        restore = ask(self, QMessageBox.Icon.Question, self.tr("Undo last import"),
                      self.tr("Restore the catalogue as it was before the last import? "
                              "Your favourites and notes are not affected."),
                      self.tr("&Restore"), QMessageBox.ButtonRole.AcceptRole, self.tr("&Cancel"))
        return self.run_undo() if restore else None

    def run_undo(self) -> Task | None:
        if self.ctx is None:
            return None
        self.detail.flush_note()
        from tfbb_desktop.core.sync import importer

        paths = self.ctx.paths
        return run(with_catalogue(paths, lambda conn, _p, _c: importer.undo_last_import(
            conn, paths)), self, label=self.tr("Undoing the last import"), cancellable=False,
            done=self._undone, failed=lambda exc: message_box(self, error_text(exc)))

    def _undone(self, result: ImportResult) -> None:
        self.reload()
        self.statusBar().showMessage(messages.text(result.message), 8000)

    # History ------------------------------------------------------------------------------------
    def go_back(self) -> None:
        self._show_step(self.history.back())

    def go_forward(self) -> None:
        self._show_step(self.history.forward())

    def _show_step(self, step: Step | None) -> None:
        """Show a step of the history as it was: the entry, and the search (its text,
        filters and chosen hit) or the page beside it."""
        if step is None:
            return
        if not step.entity_type:  # a wide page (Helheten) that an entry was opened from
            if step.entity_id in self.pages:
                self.show_section(step.entity_id)
        elif step.page is not None:
            # The page's own choice first: shown again, the page opens the entry it has chosen.
            select = getattr(self._pages.get(step.page, (None,))[0], "select_entry", None)
            if callable(select):
                select(*step.entry)
            self.open_from_page(*step.entry, stay_on=step.page, record=False)
        elif self.open_entry(*step.entry, record=False) and step.search is None \
                and self.searching():
            self._end_search()
        if step.search is not None and self.search_panel is not None:
            # Search again as it was, and choose the hit once it is found.
            if self._search_state() == step.search:
                self.search_panel.select_hit(*step.entry)
            else:
                self._reselect = step.entry
                with QSignalBlocker(self.search_field):
                    self.search_field.setText(step.search.text)
                self.search_panel.set_filter_values(dict(step.search.filters))
                self._search_changed()
        self._update_history_actions()

    def _search_state(self) -> SearchState | None:
        if not self.searching() or self.search_panel is None:
            return None
        return SearchState(self.search_field.text(),
                           tuple(sorted(self.search_panel.filter_values().items())))

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    # Help and links -----------------------------------------------------------------------------
    def open_url(self, url: str) -> None:
        """Open a web, e-mail or phone link, showing its address in the status bar first;
        refuse every other kind (javascript:, file:, a UNC path, data: ...) with a message."""
        if is_allowed_url(url):
            address = url.strip()
            self.statusBar().showMessage(self.tr("Opening %1").replace("%1", address), 8000)
            QDesktopServices.openUrl(QUrl(address))
        else:
            self.statusBar().showMessage(self.tr("The link was not opened: only web, e-mail "
                                                 "and phone links are allowed."), 8000)

    def show_welcome(self) -> None:
        from tfbb_desktop.ui.welcome import welcome_texts

        if self.ctx is not None:
            conn = self.ctx.conn
            self._show_detail_pane()
            self.detail.show_welcome(*welcome_texts(queries.meta(conn), queries.counts(conn),
                                                    self.today()))

    def open_manual(self) -> QDialog:
        """The manual, with the keys of the window's actions."""
        from tfbb_desktop.ui.dialogs.manual import ManualDialog

        dialog = ManualDialog(self.findChildren(QAction), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _about(self) -> QMessageBox:
        meta = queries.meta(self.ctx.conn) if self.ctx else None
        text = self.tr("TFBB Katalog %1\nDirectory of Tillsammans för barnens bästa in "
                       "Sörmland.").replace("%1", __version__)
        if meta:
            text += "\n\n" + self.tr("Catalogue version %1 of %2, published by %3.").replace(
                "%1", str(meta.dataset_version)).replace("%2", meta.created[:10]).replace(
                "%3", meta.publisher_name)
        box = message_box(self, text, self.tr("About TFBB Katalog"), QMessageBox.Icon.Information)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return box

    # Window state -----------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            size = first_size(self.screen().availableGeometry().size())
            self.resize(size)
            if size != FIRST_SIZE:
                self.setWindowState(Qt.WindowState.WindowMaximized)
        state = self.settings.value("window/splitter")
        if isinstance(state, QByteArray):
            self.panes.restore(state)
        with contextlib.suppress(ValueError):  # a broken setting: the system's size
            self.set_zoom(int(str(self.settings.value(ZOOM_SETTING, 0))))

    def set_zoom(self, steps: int) -> int:
        """Show all the window's text ``steps`` zoom steps larger than the system's (within
        the zoom's limits); returns the steps set."""
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, steps))
        self.setFont(zoomed_font(self.zoom))
        fit_fonts(self)
        self._fit_row_height()
        return self.zoom

    def _fit_row_height(self) -> None:
        self.list_view.verticalHeader().setDefaultSectionSize(
            self.list_view.fontMetrics().height() + 10)

    def zoom_text(self, delta: int | None) -> None:
        """Make the window's text ``delta`` steps larger, or (None) the system's size again;
        remembered in the settings."""
        self.settings.setValue(ZOOM_SETTING, self.set_zoom(0 if delta is None
                                                           else self.zoom + delta))
        self.panes.fit()  # the sections' names may need more room now

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        state = self.panes.state()
        if state is None:  # the default widths
            self.settings.remove("window/splitter")
        else:
            self.settings.setValue("window/splitter", state)
        self.settings.setValue("window/section", self.section)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.detail.flush_note()
        if self._unsaved_notes and not ask(  # notes that could not be saved
                self, QMessageBox.Icon.Warning, APP_NAME,
                self.tr("%n note(s) could not be saved: %1", "", len(self._unsaved_notes))
                .replace("%1", next(iter(self._unsaved_notes.values()))[1]),
                self.tr("Close &anyway"), QMessageBox.ButtonRole.DestructiveRole,
                self.tr("Cancel"), self.tr("If you close now, they are lost. Cancel to keep them "
                                           "in the window: copy them, or make room and save "
                                           "again."), "unsavedNotesBox"):
            event.ignore()  # the notes stay in the window, to be copied or saved later
            return
        self._unsaved_notes.clear()  # none, or the user chose to let them go
        self.save_layout()
        for worker in (self.search_runner, self.update_checker, self.refresher):
            if worker is not None:
                worker.stop()
        super().closeEvent(event)

    # Search -----------------------------------------------------------------------------------
    def searching(self) -> bool:
        return self.list_pane.currentWidget() is self.search_panel  # the pane is never empty

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def search_filters(self) -> object:
        from tfbb_desktop.core.search.query import SearchFilters

        assert self.search_panel is not None and self.ctx is not None
        values = self.search_panel.filter_values()  # the combos are named for the filters
        kind, favourites = values.pop("entity_type"), values.pop("only_favourites")
        return SearchFilters(entity_types=frozenset({kind}) if kind else frozenset(),
                             only=frozenset(self._favourites) if favourites
                             else None, **values)

    def _search_changed(self) -> None:
        panel, runner = self.search_panel, self.search_runner
        if panel is None or runner is None or self.ctx is None:
            return
        text = self.search_field.text()
        if not text.strip() and not panel.has_filters():
            if self.searching():
                self._end_search(clear=False)
            return
        if not self.searching():
            self.list_pane.setCurrentWidget(panel)
            self._show_detail_pane()
        runner.request(text, self.search_filters(), frozenset(self._favourites))

    def _search_answered(self, answer: SearchAnswer) -> None:
        if self.search_panel is None or self.search_runner is None or \
                answer.generation != self.search_runner.latest:
            return  # stale: a newer request is on its way
        from tfbb_desktop.core.search.query import highlight_spans

        self.search_panel.show_result(answer.result.hits, answer.result.counts,
                                      partial(highlight_spans, query=answer.text), answer.facets,
                                      answer.suggestion)
        if self._reselect is not None:  # a search shown again by Back or Forward
            self.search_panel.select_hit(*self._reselect)
            self._reselect = None

    def _end_search(self, *, clear: bool = True) -> None:
        if self.search_panel is None:
            return
        if clear and (self.search_field.text() or self.search_panel.has_filters()):
            with QSignalBlocker(self.search_field):
                self.search_field.clear()
            self.search_panel.clear_filters()
        if self.searching():
            self.list_pane.setCurrentWidget(self._pages.get(self.section, (self.list_box,))[0])

    def _type_ahead(self, text: str) -> None:
        """Letters typed in a list go to the row whose name begins with them (typed quickly
        one after the other, they add up); letters that begin no name there search the whole
        catalogue instead."""
        typed, at = self._typed
        now = time.monotonic()
        if now - at > QApplication.keyboardInputInterval() / 1000:
            typed = ""
        typed += text
        model = self.list_view.model()
        found = model.match(model.index(0, 0), Qt.ItemDataRole.DisplayRole, typed, 1,
                            Qt.MatchFlag.MatchStartsWith) if model is not None else []
        if found:
            self._typed = (typed, now)
            self.list_view.setCurrentIndex(found[0])  # opens the entry, as any row chosen
            self.list_view.scrollTo(found[0])
            return
        self._typed = ("", 0.0)
        self.search_field.setFocus()
        self.search_field.insert(typed)  # typing in a list searches

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, panel = event.key(), self.search_panel
        if watched is self.search_field:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    panel is not None:
                panel.focus_results()
                if key != Qt.Key.Key_Down:
                    panel.view._open(panel.view.currentIndex())
                return True
            if key == Qt.Key.Key_Escape and self.search_field.text():
                self.search_field.clear()
                return True
        elif watched is self.list_view:
            text = event.text()
            if text and text.isprintable() and not text.isspace() and not (
                    event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                         | Qt.KeyboardModifier.AltModifier)):
                self._type_ahead(text)
                return True
        return super().eventFilter(watched, event)
