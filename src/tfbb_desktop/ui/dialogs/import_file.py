"""Importing an export from the GUI: verify off the GUI thread, preview the change, apply.

Cancel at any point leaves everything as it was: before the apply nothing has been written, and
during it the transaction is rolled back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tfbb_desktop.core.sync.changes import CHANGE_TYPES, ChangeSet, EntityChange, FieldChange
from tfbb_desktop.ui import names as labels
from tfbb_desktop.ui.models import AnyIndex
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.worker import Task, TaskCancelled, error_text

if TYPE_CHECKING:
    from tfbb_desktop.core.sync.importer import ImportResult, PreparedImport
    from tfbb_desktop.ui.context import AppContext

_ROOT = QModelIndex()
_TYPE_BITS = 4
translate = QCoreApplication.translate


def _type_label(entity_type: str) -> str:
    if entity_type == "component_status":
        return translate("Labels", "Implementation status")
    if entity_type == "vocabularies":
        return translate("Labels", "Vocabularies")
    return labels.section_title(entity_type)


class ImportCounts(QObject):
    """The plural forms of the counts (a class, so that lupdate sees them as plurals)."""

    def text(self, added: int, changed: int, removed: int) -> str:
        return ", ".join([self.tr("%n new", "", added), self.tr("%n changed", "", changed),
                          self.tr("%n removed", "", removed)])


def count_text(added: int, changed: int, removed: int) -> str:
    """"12 nya, 3 ändrade, 1 borttagen" through the translation system."""
    return ImportCounts().text(added, changed, removed)


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:119] + "…"


class ChangeTreeModel(QAbstractItemModel):
    """Types → changed entries → changed fields. Field differences are computed when shown."""

    def __init__(self, change_set: ChangeSet, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._set = change_set
        self._types = [t for t in CHANGE_TYPES if change_set.changes[t]]
        self._fields: dict[tuple[int, int], list[FieldChange]] = {}

    def _change(self, t: int, c: int) -> EntityChange:
        return self._set.changes[self._types[t]][c]

    def _field_list(self, t: int, c: int) -> list[FieldChange]:
        key = (t, c)
        if key not in self._fields:
            change = self._change(t, c)
            self._fields[key] = change.fields() if change.change == "changed" else []
        return self._fields[key]

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        pid = parent.internalId()
        if pid == 0:
            return self.createIndex(row, column, parent.row() + 1)
        t = pid - 1
        return self.createIndex(row, column, ((parent.row() + 1) << _TYPE_BITS) | (t + 1))

    def parent(self, index: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        iid = index.internalId()
        if iid == 0:
            return QModelIndex()
        if iid < (1 << _TYPE_BITS):
            return self.createIndex(iid - 1, 0, 0)
        t = (iid & ((1 << _TYPE_BITS) - 1)) - 1
        c = (iid >> _TYPE_BITS) - 1
        return self.createIndex(c, 0, t + 1)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._types)
        pid = parent.internalId()
        if pid == 0:
            return len(self._set.changes[self._types[parent.row()]])
        if pid < (1 << _TYPE_BITS):
            return len(self._field_list(pid - 1, parent.row()))
        return 0

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 1

    def hasChildren(self, parent: AnyIndex = _ROOT) -> bool:
        if not parent.isValid():
            return bool(self._types)
        pid = parent.internalId()
        if parent.column() > 0 or pid >= (1 << _TYPE_BITS):
            return False
        if pid == 0:
            return True
        return self._change(pid - 1, parent.row()).change == "changed"

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (section == 0 and orientation == Qt.Orientation.Horizontal
                and role == Qt.ItemDataRole.DisplayRole):
            return translate("ImportDialog", "Change")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            return tip(self.data(index, Qt.ItemDataRole.DisplayRole))
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.AccessibleTextRole):
            return None
        iid = index.internalId()
        if iid == 0:
            entity_type = self._types[index.row()]
            counts = self._set.counts()[entity_type]
            return (f"{_type_label(entity_type)}: "
                    f"{count_text(counts['added'], counts['changed'], counts['removed'])}")
        if iid < (1 << _TYPE_BITS):
            change = self._change(iid - 1, index.row())
            kind = {"added": translate("ImportDialog", "New"),
                    "changed": translate("ImportDialog", "Changed"),
                    "removed": translate("ImportDialog", "Removed")}[change.change]
            return f"{kind}: {change.name}"
        t = (iid & ((1 << _TYPE_BITS) - 1)) - 1
        c = (iid >> _TYPE_BITS) - 1
        field = self._field_list(t, c)[index.row()]
        label = labels.field_label(self._types[t], field.field)
        return f"{label}: {_value(field.old)} → {_value(field.new)}"

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ImportDialog(QDialog):
    """Verify → preview → apply. Emits ``imported`` with the result after a successful apply."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = source
        self.prepared: PreparedImport | None = None
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Import export file"))
        self.setMinimumSize(640, 460)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Progress"))
        layout.addWidget(self.progress)
        self.tree = QTreeView()
        self.tree.setObjectName("changeTree")
        self.tree.setAccessibleName(self.tr("Changes"))
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderHidden(True)
        self.tree.hide()
        layout.addWidget(self.tree, 1)
        self.message = QPlainTextEdit()
        self.message.setObjectName("importMessage")
        self.message.setReadOnly(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.hide()
        layout.addWidget(self.message, 1)
        self.buttons = QDialogButtonBox()
        self.apply_button = QPushButton(self.tr("&Import"))
        self.apply_button.setObjectName("applyButton")
        self.apply_button.clicked.connect(self._apply)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.hide()  # after addButton, which shows it
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self._cancel)
        layout.addWidget(self.buttons)

    # Steps -----------------------------------------------------------------------------------
    def start(self) -> Task:
        from tfbb_desktop.core.store.db import open_sqlite
        from tfbb_desktop.core.sync import importer

        ctx, source = self.ctx, self.source
        self.heading.setText(self.tr("Checking %1 …").replace("%1", source.name))

        def work(progress: Any, cancelled: Any) -> PreparedImport:
            conn = open_sqlite(ctx.paths.catalogue)
            try:
                return importer.prepare(conn, ctx.paths, source, ctx.trust,
                                        max_version_step=ctx.config.max_version_step,
                                        progress=progress, cancelled=cancelled)
            finally:
                conn.close()

        return self._run(work, self._prepared, self.tr("Checking the export file"))

    def _run(self, work: Any, done: Any, label: str) -> Task:
        task = Task(work, self, label=label)
        task.progress.connect(self._progress)
        task.finished.connect(done)
        task.failed.connect(self._failed)
        self.task = task
        task.start()
        return task

    def _progress(self, text: str, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))
        self.progress.setFormat(f"{text} … %p%")

    def _prepared(self, prepared: PreparedImport) -> None:
        self.task = None
        self.prepared = prepared
        manifest = prepared.manifest
        self.progress.hide()
        if prepared.is_noop:
            self._finish(self.tr("The catalogue already has version %1. Nothing was changed.")
                         .replace("%1", str(manifest.dataset_version)))
            return
        from tfbb_desktop.core.sync.importer import totals

        self.heading.setText(
            self.tr("%1: version %2 → %3, published by %4 on %5.\n%6. Import?")
            .replace("%1", prepared.file_name)
            .replace("%2", str(prepared.base_version))
            .replace("%3", str(manifest.dataset_version))
            .replace("%4", manifest.publisher.name)
            .replace("%5", manifest.created.date().isoformat())
            .replace("%6", count_text(*totals(prepared.change_set))))
        self.tree.setModel(ChangeTreeModel(prepared.change_set, self.tree))
        self.tree.show()
        self.apply_button.show()
        self.apply_button.setDefault(True)
        self.apply_button.setFocus()

    def _apply(self) -> None:
        from tfbb_desktop.core.store.db import open_sqlite
        from tfbb_desktop.core.sync import importer

        prepared, ctx = self.prepared, self.ctx
        if prepared is None:
            return
        self.apply_button.setEnabled(False)
        self.progress.show()

        def work(progress: Any, cancelled: Any) -> ImportResult:
            conn = open_sqlite(ctx.paths.catalogue)
            try:
                return importer.commit(conn, ctx.paths, prepared, progress=progress,
                                       cancelled=cancelled)
            finally:
                conn.close()

        self._run(work, self._applied, self.tr("Importing"))

    def _applied(self, result: ImportResult) -> None:
        self.task = None
        self.progress.hide()
        self.tree.hide()
        self.imported.emit(result)
        self._finish(self.tr("Imported: %1.").replace("%1", result.message))

    def _failed(self, exc: BaseException) -> None:
        from tfbb_desktop.core.errors import ImportCancelled

        self.task = None
        if isinstance(exc, (ImportCancelled, TaskCancelled)):
            self.reject()
            return
        self.progress.hide()
        self.tree.hide()
        self.apply_button.hide()
        self._finish(error_text(exc), error=True)

    def _finish(self, text: str, *, error: bool = False) -> None:
        self.heading.setText(self.tr("The file was not imported. Nothing was changed.")
                             if error else text)
        if error:
            self.message.setPlainText(text)
            self.message.show()
        self.apply_button.hide()
        self.cancel_button.setText(self.tr("Close"))

    def _cancel(self) -> None:
        if self.task is not None and not self.task.done.is_set():
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.heading.setText(self.tr("Cancelling …"))
            return
        self.reject()

    def reject(self) -> None:
        if self.task is not None and not self.task.done.is_set():
            self._cancel()
            return
        super().reject()
