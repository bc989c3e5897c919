"""The publisher's page "Publicera": read the workbook (off the GUI thread), list every
problem with its sheet, row and column, show the change report, and publish with one button
through the same core function as ``tfbb-desktop publish workbook``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tfbb_desktop.core.sync import publish_workbook
from tfbb_desktop.core.sync.workbook_reader import CellProblem
from tfbb_desktop.ui import messages
from tfbb_desktop.ui.pages.base import ItemTable, Page, show_text
from tfbb_desktop.ui.pages.detail import heading_label, plain_label
from tfbb_desktop.ui.worker import Task, error_text, with_catalogue

if TYPE_CHECKING:
    from tfbb_desktop.core.sync.publish import Built
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.navigation import Navigator

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
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
        row = QHBoxLayout()
        self.workbook_label = plain_label(self.tr("No workbook chosen."))
        self.workbook_label.setObjectName("publishWorkbook")
        row.addWidget(self.workbook_label, 1)
        self.choose_button = QPushButton(self.tr("Choose workbook …"))
        self.choose_button.setObjectName("chooseWorkbookButton")
        self.choose_button.clicked.connect(lambda: self.choose_workbook())
        self.reread_button = QPushButton(self.tr("Read again"))
        self.reread_button.setObjectName("rereadWorkbookButton")
        self.reread_button.clicked.connect(lambda: self.reread())
        row.addWidget(self.choose_button)
        row.addWidget(self.reread_button)
        layout.addLayout(row)
        self.status = plain_label("", selectable=False)
        self.status.setObjectName("publishStatus")
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
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems.selectionModel().currentRowChanged.connect(self._problem_chosen)
        problems_layout.addWidget(self.problems, 1)
        self.place = plain_label("")
        self.place.setObjectName("problemPlace")
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

        buttons = QHBoxLayout()
        self.result = plain_label("")
        self.result.setObjectName("publishResult")
        show_text(self.result, "")
        buttons.addWidget(self.result, 1)
        self.publish_button = QPushButton(self.tr("Publish …"))
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setToolTip(self.tr("Sign the export with your key and write it "
                                               "to the shared folder"))
        self.publish_button.clicked.connect(lambda: self.publish_clicked())
        buttons.addWidget(self.publish_button)
        layout.addLayout(buttons)
        self._update()

    # Reading --------------------------------------------------------------------------------
    def fill(self, ctx: AppContext) -> None:
        self._update()

    def workbook(self) -> Path | None:
        value = str(self.nav.settings.value(WORKBOOK_SETTING, "") or "")
        return Path(value) if value else None

    def export_file(self) -> Path | None:
        value = str(self.nav.settings.value(EXPORT_SETTING, "") or "")
        return Path(value) if value else None

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
        target = self.export_file()

        def work(conn: Any, progress: Any, _cancelled: Any) -> publish_workbook.Checked:
            return publish_workbook.check(
                path, conn, target=target,
                progress=lambda step, fraction: progress(messages.text(step), fraction))

        task = Task(with_catalogue(ctx.paths, work), self, label=self.tr("Reading the workbook"),
                    cancellable=False)
        task.finished.connect(self._read)
        task.failed.connect(self._read_failed)
        self.read_task = task
        self._update()
        return task.start()

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
        self.report.setPlainText(change_report.text(checked.report, _translate))
        self._update()

    def _read_failed(self, exc: BaseException) -> None:
        self.read_task = None
        show_text(self.status, error_text(exc))
        self._update()

    def _problem_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item_at(current.row()) if current.isValid() else None
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

    # Publishing -----------------------------------------------------------------------------
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
        previous = self.export_file()
        suggested = previous or self.checked.workbook.with_name(EXPORT_NAME)
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Where the export is written"), str(suggested),
            self.tr("Export files (*.zip)"))
        if not target:
            return None
        path = Path(target)
        if path.suffix.lower() != ".zip":
            path = path.with_suffix(".zip")
        return self.publish(Path(key), passphrase, path)

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

        task = Task(work, self, label=self.tr("Publishing the catalogue"), cancellable=False)
        task.finished.connect(self._published)
        task.failed.connect(self._publish_failed)
        self.publish_task = task
        self._update()
        return task.start()

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


def _translate(context: str, text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)
