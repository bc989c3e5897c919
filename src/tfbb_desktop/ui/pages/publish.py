"""The publisher's page "Publicera": read the workbook (off the GUI thread), list every
problem with its sheet, row and column, show the change report, and publish with one button
through the same core function as ``tfbb-desktop publish workbook``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tfbb_desktop.core.sync import publish_workbook
from tfbb_desktop.core.sync.workbook_reader import CellProblem
from tfbb_desktop.ui import messages
from tfbb_desktop.ui.models import AnyIndex
from tfbb_desktop.ui.pages.base import ItemTable, Page, show_text
from tfbb_desktop.ui.pages.detail import heading_label, plain_label, push_button, row
from tfbb_desktop.ui.worker import Task, error_text, run, with_catalogue

if TYPE_CHECKING:
    from tfbb_desktop.core.sync.publish import Built
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.navigation import Navigator

WORKBOOK_SETTING = "publisher/workbook"
EXPORT_SETTING = "publisher/export_file"
KEY_SETTING = "publisher/key"
EXPORT_NAME = "tfbb-export.zip"


class ProblemsModel(ItemTable[CellProblem], QAbstractTableModel):
    """The workbook's problems: sheet, row, column heading and the message."""

    def item_key(self, item: CellProblem) -> str:
        return f"{item.sheet}\x1f{item.row}\x1f{item.column}\x1f{item.problem}"

    def headings(self) -> tuple[str, ...]:
        return (self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Problem"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_of(index)
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (item.sheet, str(item.row) if item.row else "", item.column,
                      messages.text(item.problem))
            return values[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return messages.text(item.as_message())
        return None


class PublishPage(Page):
    """Choose a workbook, see its problems and changes, publish it."""

    section = "publish"

    def __init__(self, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(nav, "publishPage", self.tr("Publish"), parent)
        self.checked: publish_workbook.Checked | None = None
        self.read_task: Task | None = None
        self.publish_task: Task | None = None
        layout = self.page_layout
        layout.addWidget(heading_label(self.tr("Publish the catalogue")))
        layout.addWidget(plain_label(self.tr(
            "Choose the workbook (.xlsx) with this month's catalogue. It is checked as the "
            "app checks an import; when it has no problems, publish it."), selectable=False))
        self.workbook_label = plain_label(self.tr("No workbook chosen."),
                                          object_name="publishWorkbook")
        self.choose_button = push_button(self.tr("Choose workbook …"), "chooseWorkbookButton",
                                         self.choose_workbook)
        self.reread_button = push_button(self.tr("Read again"), "rereadWorkbookButton",
                                         self.reread)
        layout.addLayout(row(self.workbook_label, self.choose_button, self.reread_button))
        self.status = plain_label("", selectable=False, object_name="publishStatus")
        layout.addWidget(self.status)

        splitter = QSplitter(Qt.Orientation.Vertical)
        problems = QWidget()
        problems_layout = QVBoxLayout(problems)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        self.model = ProblemsModel(self)
        self.problems = QTableView()
        self.problems.setObjectName("workbookProblems")
        self.problems.setAccessibleName(self.tr("Problems in the workbook"))
        self.problems.setModel(self.model)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.problems.setTabKeyNavigation(False)
        self.problems.verticalHeader().setVisible(False)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems.selectionModel().currentRowChanged.connect(self._problem_chosen)
        problems_layout.addWidget(self.problems, 1)
        self.place = plain_label("", object_name="problemPlace")
        show_text(self.place, "")
        problems_layout.addWidget(self.place)
        splitter.addWidget(problems)
        self.report = QPlainTextEdit()
        self.report.setObjectName("changeReport")
        self.report.setAccessibleName(self.tr("Change report"))
        self.report.setReadOnly(True)
        self.report.setTabChangesFocus(True)
        self.report.setPlaceholderText(self.tr("The changes are shown here once the workbook "
                                               "is read."))
        splitter.addWidget(self.report)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.result = plain_label("", object_name="publishResult")
        show_text(self.result, "")
        self.publish_button = push_button(
            self.tr("Publish …"), "publishButton", self.publish_clicked,
            tooltip=self.tr("Sign the export with your key and write it to the shared folder"))
        layout.addLayout(row(self.result, self.publish_button))
        self._update()

    def fill(self, ctx: AppContext) -> None:
        self._update()

    def _path_setting(self, key: str) -> Path | None:
        value = str(self.nav.settings.value(key, "") or "")
        return Path(value) if value else None

    def workbook(self) -> Path | None:
        return self._path_setting(WORKBOOK_SETTING)

    def choose_workbook(self) -> Task | None:
        current = self.workbook()
        start = str(current.parent if current else Path.home())
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the workbook"), start,
            self.tr("Workbooks (*.xlsx);;All files (*)"))
        return self.read_workbook(Path(chosen)) if chosen else None

    def reread(self) -> Task | None:
        book = self.workbook()
        return self.read_workbook(book) if book is not None else None

    def read_workbook(self, path: Path) -> Task | None:
        """Read and check ``path`` on the runner, then show its problems and changes."""
        ctx = self.nav.ctx
        if ctx is None:
            return None
        self.nav.settings.setValue(WORKBOOK_SETTING, str(path))
        self.checked = None
        self.model.set_items([])
        self.report.setPlainText("")
        show_text(self.result, "")
        show_text(self.workbook_label, str(path))
        show_text(self.status, self.tr("Reading the workbook …"))
        target = self._path_setting(EXPORT_SETTING)

        def work(conn: Any, progress: Any, _cancelled: Any) -> publish_workbook.Checked:
            return publish_workbook.check(path, conn, target=target, progress=progress)

        self.read_task = run(with_catalogue(ctx.paths, work), self, cancellable=False,
                             label=self.tr("Reading the workbook"), done=self._read,
                             failed=self._read_failed)
        self._update()
        return self.read_task

    def _read(self, checked: publish_workbook.Checked) -> None:
        from tfbb_desktop.core.outputs import change_report

        self.read_task = None
        self.checked = checked
        problems = checked.read.problems
        self.model.set_items(problems)
        if problems:
            show_text(self.status, self.tr(
                "The workbook has %n problem(s). Correct them in the workbook, save it and "
                "choose Read again.", "", len(problems)))
            self.problems.setCurrentIndex(self.model.index(0, 0))
        else:
            show_text(self.status, self.tr("The workbook has no problems and can be published."))
            show_text(self.place, "")
        self.report.setPlainText(change_report.text(checked.report, QCoreApplication.translate))
        self._update()

    def _read_failed(self, exc: BaseException) -> None:
        self.read_task = None
        show_text(self.status, error_text(exc))
        self._update()

    def _problem_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item_of(current)
        if item is None:
            show_text(self.place, "")
            return
        parts = [self.tr("Sheet: %1").replace("%1", item.sheet)]
        if item.row:
            parts.append(self.tr("Row: %1").replace("%1", str(item.row)))
        if item.column:
            parts.append(self.tr("Column: %1").replace("%1", item.column))
        show_text(self.place, "   ".join(parts) + "\n" + messages.text(item.problem))

    def can_publish(self) -> bool:
        return self.checked is not None and not self.checked.read.problems \
            and self.read_task is None and self.publish_task is None

    def _update(self) -> None:
        self.publish_button.setEnabled(self.can_publish())
        self.reread_button.setEnabled(self.workbook() is not None and self.read_task is None)
        self.choose_button.setEnabled(self.read_task is None and self.publish_task is None)
        self.problems.setVisible(self.model.rowCount() > 0)
        self.place.setVisible(self.model.rowCount() > 0)

    def publish_clicked(self) -> Task | None:
        """Ask for the key, its passphrase and where to write, then publish."""
        if not self.can_publish() or self.checked is None:
            return None
        from tfbb_desktop.core.sync import signing

        start = str(self.nav.settings.value(KEY_SETTING, str(Path.home())))
        key, _ = QFileDialog.getOpenFileName(self, self.tr("Choose your private key"), start,
                                             self.tr("Private keys (*.pem);;All files (*)"))
        if not key:
            return None
        passphrase = ""
        try:
            protected = signing.is_encrypted(Path(key))
        except OSError:
            protected = False  # told when the key is loaded
        if protected:
            passphrase, ok = QInputDialog.getText(
                self, self.tr("Passphrase"),
                self.tr("The passphrase of the key %1:").replace("%1", Path(key).name),
                QLineEdit.EchoMode.Password)
            if not ok:
                return None
        suggested = (self._path_setting(EXPORT_SETTING)
                     or self.checked.workbook.with_name(EXPORT_NAME))
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Where the export is written"), str(suggested),
            self.tr("Export files (*.zip)"))
        if not target:
            return None
        path = Path(target)
        return self.publish(Path(key), passphrase,
                            path if path.suffix.lower() == ".zip" else path.with_suffix(".zip"))

    def publish(self, key: Path, passphrase: str, target: Path) -> Task | None:
        """Build, sign and write the export at ``target`` on the runner (a temporary name,
        checked as the app checks, then renamed; the next version by itself)."""
        checked = self.checked
        if checked is None or not self.can_publish():
            return None
        self.nav.settings.setValue(KEY_SETTING, str(key))
        self.nav.settings.setValue(EXPORT_SETTING, str(target))
        show_text(self.result, self.tr("Publishing …"))

        def work(_progress: Any, _cancelled: Any) -> Built:
            signing_key = publish_workbook.load_key(key, passphrase or None)
            return publish_workbook.build(checked.workbook, target, signing_key,
                                          read=checked.read)

        self.publish_task = run(work, self, label=self.tr("Publishing the catalogue"),
                                cancellable=False, done=self._published,
                                failed=self._publish_failed)
        self._update()
        return self.publish_task

    def _published(self, built: Built) -> None:
        self.publish_task = None
        show_text(self.result, self.tr("Published: %1, version %2.").replace(
            "%1", str(built.path)).replace("%2", str(built.dataset_version)))
        self.nav.statusBar().showMessage(self.result.text(), 8000)
        self._update()

    def _publish_failed(self, exc: BaseException) -> None:
        self.publish_task = None
        show_text(self.result, error_text(exc))
        self._update()
