"""Importing an export from the GUI: verify off the GUI thread, preview the change, apply.

Cancel at any point leaves everything as it was: before the apply nothing has been written, and
during it the transaction is rolled back.
"""

from __future__ import annotations

import html
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
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tfbb_desktop.core.outputs.change_report import FieldDiff, marked
from tfbb_desktop.core.sync.changes import CHANGE_TYPES, ChangeSet, EntityChange
from tfbb_desktop.core.sync.preview import PreviewNames, field_diffs
from tfbb_desktop.ui import names as labels
from tfbb_desktop.ui.bidi import isolated
from tfbb_desktop.ui.models import AnyIndex
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.worker import Task, TaskCancelled, error_text
from tfbb_desktop.ui.zoom import follow_window_font

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


def _value(text: str) -> str:
    """A field's value on one line of the tree (lists one item a line become "a, b")."""
    if not text:
        return "–"
    line = ", ".join(part for part in text.split("\n") if part)
    line = " ".join(line.split())
    return isolated(line if len(line) <= 160 else line[:159] + "…")


def diff_line(entity_type: str, diff: FieldDiff) -> str:
    """"Titel: Skolchef → Skolchef och förvaltningschef"; a long text as its changed words,
    the removed ones [-so-] and the added ones {+so+}, with a few words around them."""
    label = field_label(entity_type, diff)
    if diff.words:
        return f"{label}: {isolated(marked(diff.words, markup=False))}"
    return f"{label}: {_value(diff.old)} → {_value(diff.new)}"


def field_label(entity_type: str, diff: FieldDiff) -> str:
    if entity_type == "vocabularies":
        return translate("Labels", diff.label)
    return labels.field_label(entity_type, diff.field)


def diff_html(entity_type: str, name: str, diffs: tuple[FieldDiff, ...]) -> str:
    """The changed fields of one entry as HTML for the pane under the tree: every value is
    escaped; removed words are struck through, added ones underlined and bold."""
    esc = html.escape
    empty = esc(translate("ImportDialog", "(empty)"))

    def lines(value: str) -> str:
        return "<br>".join(esc(v) for v in value.split("\n")) if value else f"<i>{empty}</i>"

    rows = []
    for diff in diffs:
        label = esc(field_label(entity_type, diff))
        if diff.words:
            change = marked(diff.words, markup=True, tags=("s", "b"))
        else:
            before = f"<s>{lines(diff.old)}</s>" if diff.old else f"<i>{empty}</i>"
            after = f"<b>{lines(diff.new)}</b>" if diff.new else f"<i>{empty}</i>"
            change = f"{before} → {after}"
        rows.append(f"<tr><th align='left' valign='top'>{label}</th><td>{change}</td></tr>")
    return f"<h3>{esc(name)}</h3><table cellpadding='3'>{''.join(rows)}</table>"


class ChangeTreeModel(QAbstractItemModel):
    """Types → changed entries → changed fields. Field differences are computed when shown."""

    def __init__(self, change_set: ChangeSet, names: PreviewNames,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._set = change_set
        self.names = names
        self._types = [t for t in CHANGE_TYPES if change_set.changes[t]]
        self._fields: dict[tuple[int, int], tuple[FieldDiff, ...]] = {}

    def _change(self, t: int, c: int) -> EntityChange:
        return self._set.changes[self._types[t]][c]

    def _field_list(self, t: int, c: int) -> tuple[FieldDiff, ...]:
        key = (t, c)
        if key not in self._fields:
            self._fields[key] = field_diffs(self._change(t, c), self.names)
        return self._fields[key]

    def entry_at(self, index: AnyIndex) -> tuple[EntityChange, tuple[FieldDiff, ...]] | None:
        """The change of the entry at ``index`` (or of the field's entry) and its fields."""
        if not index.isValid():
            return None
        iid = index.internalId()
        if iid == 0:
            return None
        if iid >= (1 << _TYPE_BITS):
            index = self.parent(index)
            iid = index.internalId()
        t, c = iid - 1, index.row()
        return self._change(t, c), self._field_list(t, c)

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
        return bool(self._field_list(pid - 1, parent.row()))

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
            return f"{kind}: {isolated(self.names.entry_name(change))}"
        t = (iid & ((1 << _TYPE_BITS) - 1)) - 1
        c = (iid >> _TYPE_BITS) - 1
        return diff_line(self._types[t], self._field_list(t, c)[index.row()])

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ImportDialog(QDialog):
    """Verify → preview → apply. Emits ``imported`` with the result after a successful apply."""

    imported = Signal(object)
    undo_requested = Signal()

    def __init__(self, ctx: AppContext, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        follow_window_font(self)
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
        self.changes = QTextBrowser()  # the chosen entry's changed fields, word by word
        self.changes.setObjectName("changeDetail")
        self.changes.setAccessibleName(self.tr("What changed in the chosen entry"))
        self.changes.setOpenLinks(False)
        self.changes.setOpenExternalLinks(False)
        self.preview = QSplitter(Qt.Orientation.Vertical)
        self.preview.addWidget(self.tree)
        self.preview.addWidget(self.changes)
        self.preview.setStretchFactor(0, 3)
        self.preview.setStretchFactor(1, 2)
        self.preview.hide()
        layout.addWidget(self.preview, 1)
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
        self.undo_button = QPushButton(self.tr("&Restore"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setToolTip(self.tr("Restore the catalogue as it was before this "
                                            "import"))
        self.undo_button.clicked.connect(self._undo)
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.undo_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("&Cancel"))
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
        self.tree.setModel(ChangeTreeModel(prepared.change_set,
                                           PreviewNames(self.ctx.conn, prepared.change_set),
                                           self.tree))
        self.tree.selectionModel().currentChanged.connect(self._show_change)
        self.changes.setPlainText(self.tr("Choose a changed entry to see what changed in it."))
        self.preview.show()
        self.apply_button.show()
        self.apply_button.setDefault(True)
        self.apply_button.setFocus()

    def _show_change(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Show what changed in the chosen entry under the tree."""
        model = self.tree.model()
        found = model.entry_at(current) if isinstance(model, ChangeTreeModel) else None
        if found is None or not isinstance(model, ChangeTreeModel):
            self.changes.setPlainText(self.tr("Choose a changed entry to see what changed "
                                              "in it."))
            return
        change, diffs = found
        name = model.names.entry_name(change)
        if change.change == "changed" and diffs:
            self.changes.setHtml(diff_html(change.entity_type, name, diffs))
        elif change.change == "added":
            self.changes.setPlainText(self.tr("%1 is new in the catalogue.").replace("%1", name))
        elif change.change == "removed":
            self.changes.setPlainText(self.tr("%1 is removed from the catalogue.")
                                      .replace("%1", name))
        else:
            self.changes.setPlainText(self.tr("%1: only the order or the form of its details "
                                              "changed.").replace("%1", name))

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
        self.preview.hide()
        self.imported.emit(result)
        self._finish(self.tr("The catalogue is updated to version %1.")
                     .replace("%1", str(result.dataset_version)))
        self.message.setPlainText(self.result_text(result))
        self.message.show()
        self.undo_button.show()

    def result_text(self, result: ImportResult) -> str:
        """What the import did: the version and its date, per type how many entries were
        added, changed and removed, and how to undo it."""
        created = self.prepared.manifest.created.date().isoformat() if self.prepared else ""
        lines = [self.tr("Version %1 of %2 is imported from %3 (it was version %4).")
                 .replace("%1", str(result.dataset_version)).replace("%2", created)
                 .replace("%3", result.file_name).replace("%4", str(result.previous_version)),
                 "", self.tr("What changed:")]
        for entity_type in CHANGE_TYPES:
            counts = result.counts.get(entity_type, {})
            if any(counts.values()):
                lines.append(f"• {_type_label(entity_type)}: " + count_text(
                    counts.get("added", 0), counts.get("changed", 0), counts.get("removed", 0)))
        if len(lines) == 3:
            lines.append("• " + self.tr("Nothing in the entries, only the catalogue's details."))
        lines += ["", self.tr("Your favourites, notes and suggestions are kept. If the new "
                              "catalogue is not right, “Restore” (here, or File → Undo last "
                              "import) brings back the catalogue as it was before.")]
        return "\n".join(lines)

    def _undo(self) -> None:
        """Hand the undo to the window (which asks first) and close."""
        self.undo_requested.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from tfbb_desktop.core.errors import ImportCancelled

        self.task = None
        if isinstance(exc, (ImportCancelled, TaskCancelled)):
            self.reject()
            return
        self.progress.hide()
        self.preview.hide()
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
