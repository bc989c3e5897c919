"""The publisher's page "Inkorg": the users' suggestion files from the feedback folder, by
entry (activating one opens the entry), their text, and marks of the ones handled (kept in the
publisher's own data folder, never in the export)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from tfbb_desktop.core.outputs import inbox
from tfbb_desktop.core.store import queries
from tfbb_desktop.ui import messages
from tfbb_desktop.ui.models import ID_ROLE, AnyIndex, bold_font
from tfbb_desktop.ui.pages.base import ItemTable, ListPage, show_text
from tfbb_desktop.ui.pages.detail import heading_label, plain_label, push_button, row
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.worker import Task, error_text, run

if TYPE_CHECKING:
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.navigation import Navigator


class InboxModel(ItemTable[inbox.InboxItem], QAbstractTableModel):
    """The suggestions, newest first: the entry and category; new or handled, and the date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.handled: dict[str, str] = {}

    def item_key(self, item: inbox.InboxItem) -> str:
        return item.id

    def set_handled(self, marks: dict[str, str]) -> None:
        self.handled = dict(marks)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 1))

    def headings(self) -> tuple[str, ...]:
        return (self.tr("Entry"), self.tr("Status"))

    def status(self, item: inbox.InboxItem) -> str:
        return self.tr("Handled") if item.id in self.handled else self.tr("New")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_of(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return f"{item.entity_name}\n{item.category_label}"
            return f"{self.status(item)}\n{item.created[:10]}"
        if role == Qt.ItemDataRole.FontRole:
            return bold_font() if index.column() == 1 and item.id not in self.handled else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(item.text)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.entity_name}, {item.category_label}, {self.status(item)}"
        return item.id if role == ID_ROLE else None


class InboxPage(ListPage[inbox.InboxItem]):
    """The suggestions in the feedback folder; the chosen one's entry opens beside the list."""

    section = "inbox"
    model: InboxModel

    def __init__(self, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(nav, "inboxPage", self.tr("Inbox"), parent)
        self.read_task: Task | None = None
        self.folder: Path | None = None
        layout = self.page_layout
        layout.addWidget(heading_label(self.tr("Inbox: the users' suggestions")))
        self.notice = plain_label("", selectable=False, object_name="inboxNotice")
        self.folder_button = push_button(self.tr("Choose folder …"), "inboxFolderButton",
                                         self.choose_folder)
        layout.addLayout(row(self.notice, self.folder_button))
        self.model = InboxModel(self)
        view = self.setup_table("inboxList", self.tr("Suggestions"))
        view.activated.connect(lambda _index: self.open_selected())
        layout.addWidget(view, 1)
        self.text = plain_label("", object_name="inboxText")
        show_text(self.text, "")
        layout.addWidget(self.text)
        self.open_button = push_button(self.tr("Open entry"), "inboxOpenButton",
                                       self.open_selected)
        self.handled_button = push_button(self.tr("Mark as handled"), "inboxHandledButton",
                                          self.toggle_handled)
        layout.addLayout(row(self.open_button, None, self.handled_button))
        view.selectionModel().currentRowChanged.connect(self._update)
        self.model.modelReset.connect(self._update)
        self.model.dataChanged.connect(self._update)
        self._update()

    def choose_folder(self) -> Task | None:
        start = str(self.folder or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the feedback folder"),
                                                  start)
        if not chosen:
            return None
        self.nav.settings.setValue(inbox.FOLDER_SETTING, chosen)
        return self.read_folder()

    def fill(self, ctx: AppContext) -> None:
        self.read_folder()

    def read_folder(self) -> Task | None:
        """Read the suggestion files on the runner (the folder is often on a share)."""
        ctx = self.nav.ctx
        if ctx is None or self.read_task is not None:
            return None
        meta = queries.meta(ctx.conn)
        where = self.folder = inbox.folder(
            ctx.config.source, meta.feedback_folder if meta else "",
            str(self.nav.settings.value(inbox.FOLDER_SETTING, "") or ""))
        if where is None:
            self.model.set_items([])
            show_text(self.notice, self.tr("No feedback folder is known: the catalogue names none "
                                        "that this computer reaches. Choose the folder."))
            return None
        show_text(self.notice, self.tr("Reading %1 …").replace("%1", str(where)))
        handled_path = _handled_path(ctx)

        def work(_progress: Any, _cancelled: Any) -> tuple[inbox.Inbox, dict[str, str]]:
            return inbox.read(where), inbox.handled(handled_path)

        self.read_task = run(work, self, label=self.tr("Reading the suggestions"),
                             done=self._read, failed=self._failed)
        return self.read_task

    def _read(self, result: tuple[inbox.Inbox, dict[str, str]]) -> None:
        self.read_task = None
        found, marks = result
        current = self.selected()
        self.model.set_items(found.items)
        self.model.set_handled(marks)
        new = sum(1 for i in found.items if i.id not in marks)
        text = self.tr("%n suggestion(s) in %1; not yet handled: %2.", "",
                       len(found.items)).replace("%1", str(found.folder)).replace("%2", str(new))
        if found.unreadable:
            files = ", ".join(f"{u.file_name} ({messages.text(u.reason)})"
                              for u in found.unreadable)
            text += "\n" + self.tr("Files that could not be read: %1").replace("%1", files)
        show_text(self.notice, text)
        if current is not None:
            self.select(current.id)

    def _failed(self, exc: BaseException) -> None:
        self.read_task = None
        self.model.set_items([])
        show_text(self.notice, error_text(exc))

    def entry_of(self, item: inbox.InboxItem) -> tuple[str, str]:
        return item.entity_type, item.entity_id

    def toggle_handled(self) -> bool:
        """Mark the chosen suggestion handled, or new again if it was handled."""
        item, ctx = self.selected(), self.nav.ctx
        if item is None or ctx is None:
            return False
        try:
            marks = inbox.set_handled(_handled_path(ctx), item.id,
                                      item.id not in self.model.handled)
        except OSError as exc:
            self.nav.statusBar().showMessage(error_text(exc), 8000)
            return False
        self.model.set_handled(marks)
        return True

    def _update(self, *_args: object) -> None:
        item = self.selected()
        self.open_button.setEnabled(item is not None)
        self.handled_button.setEnabled(item is not None)
        if item is None:
            show_text(self.text, "")
            return
        handled = item.id in self.model.handled
        self.handled_button.setText(self.tr("Mark as new") if handled
                                    else self.tr("Mark as handled"))
        sender = ", ".join(v for v in (item.sender_name, item.sender_email) if v)
        lines = [f"{item.entity_name} – {item.category_label}", item.text]
        if sender:
            lines.append(self.tr("From: %1").replace("%1", sender))
        lines.append(self.tr("Written %1 in catalogue version %2 (file %3)").replace(
            "%1", item.created[:16].replace("T", " ")).replace(
            "%2", str(item.dataset_version)).replace("%3", item.file_name))
        show_text(self.text, "\n\n".join(lines))


def _handled_path(ctx: AppContext) -> Path:
    return ctx.paths.root / inbox.HANDLED_NAME
