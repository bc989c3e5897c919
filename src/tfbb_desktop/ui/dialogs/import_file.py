"""Importing an export from the GUI: verify off the GUI thread, preview the change, apply.

Cancel at any point leaves everything as it was: before the apply nothing has been written, and
during it the transaction is rolled back.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QProgressBar,
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
from tfbb_desktop.ui.messages import count_text, totals_text
from tfbb_desktop.ui.models import ROOT, AnyIndex
from tfbb_desktop.ui.pages.detail import plain_label
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.worker import CatalogueFn, Task, TaskCancelled, error_text, run, with_catalogue
from tfbb_desktop.ui.zoom import follow_window_font

if TYPE_CHECKING:
    from tfbb_desktop.core.sync.importer import ImportResult, PreparedImport
    from tfbb_desktop.ui.context import AppContext

translate = QCoreApplication.translate


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

    def shown(value: str, tag: str) -> str:
        if not value:
            return f"<i>{empty}</i>"
        return f"<{tag}>" + "<br>".join(esc(v) for v in value.split("\n")) + f"</{tag}>"

    rows = []
    for diff in diffs:
        label = esc(field_label(entity_type, diff))
        change = marked(diff.words, markup=True, tags=("s", "b")) if diff.words \
            else f"{shown(diff.old, 's')} → {shown(diff.new, 'b')}"
        rows.append(f"<tr><th align='left' valign='top'>{label}</th><td>{change}</td></tr>")
    return f"<h3>{esc(name)}</h3><table cellpadding='3'>{''.join(rows)}</table>"


class ChangeTreeModel(QAbstractItemModel):
    """Types → changed entries → changed fields, each made when the view first asks for it,
    so that a change set of 100,000 entries opens at once.

    An index's internal id names its parent: 0 the root, ``1 + t`` the type row ``t``, above
    that an entry whose fields are shown (:attr:`_entries`)."""

    def __init__(self, change_set: ChangeSet, names: PreviewNames,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._set, self._names, self._counts = change_set, names, change_set.counts()
        self._types = [t for t in CHANGE_TYPES if change_set.changes[t]]
        self._entries: list[tuple[int, int]] = []  # (type row, entry row) by id
        self._entry_ids: dict[tuple[int, int], int] = {}
        self._diffs: dict[tuple[int, int], tuple[FieldDiff, ...]] = {}
        self._kinds = {"added": translate("ImportDialog", "New"),
                       "changed": translate("ImportDialog", "Changed"),
                       "removed": translate("ImportDialog", "Removed")}

    def _where(self, index: AnyIndex) -> tuple[int, int, int]:
        """(type row, entry row, field row) of ``index``; -1 below its depth."""
        parent = index.internalId()
        if parent == 0:
            return index.row(), -1, -1
        if parent <= len(self._types):
            return parent - 1, index.row(), -1
        return *self._entries[parent - 1 - len(self._types)], index.row()

    def _id(self, t: int, c: int) -> int:
        if c < 0:
            return 1 + t
        if (t, c) not in self._entry_ids:
            self._entry_ids[(t, c)] = 1 + len(self._types) + len(self._entries)
            self._entries.append((t, c))
        return self._entry_ids[(t, c)]

    def _change(self, t: int, c: int) -> EntityChange:
        return self._set.changes[self._types[t]][c]

    def _fields(self, t: int, c: int) -> tuple[FieldDiff, ...]:
        if (t, c) not in self._diffs:
            self._diffs[(t, c)] = field_diffs(self._change(t, c), self._names)
        return self._diffs[(t, c)]

    def change_at(self, index: AnyIndex) -> tuple[EntityChange, str, tuple[FieldDiff, ...]] | None:
        """The change, name and changed fields of the entry at ``index`` (or of the field's
        entry); None for a type or no index."""
        t, c, _f = self._where(index) if index.isValid() else (0, -1, -1)
        if c < 0:
            return None
        change = self._change(t, c)
        return change, self._names.entry_name(change), self._fields(t, c)

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._id(*self._where(parent)[:2])
                                if parent.isValid() else 0)

    def parent(self, index: AnyIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        t, c, f = self._where(index)
        return self.createIndex(t, 0, 0) if f < 0 else self.createIndex(c, 0, 1 + t)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        if not parent.isValid():
            return len(self._types)
        t, c, f = self._where(parent)
        if parent.column() > 0 or f >= 0:
            return 0
        return len(self._set.changes[self._types[t]]) if c < 0 else len(self._fields(t, c))

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("ImportDialog", "Change")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.AccessibleTextRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        t, c, f = self._where(index)
        entity_type = self._types[t]
        if c < 0:
            text = f"{labels.section_title(entity_type)}: {count_text(self._counts[entity_type])}"
        elif f < 0:
            change = self._change(t, c)
            text = f"{self._kinds[change.change]}: {isolated(self._names.entry_name(change))}"
        else:
            text = diff_line(entity_type, self._fields(t, c)[f])
        return tip(text) if role == Qt.ItemDataRole.ToolTipRole else text


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
        self.heading = plain_label("", selectable=False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.tree = QTreeView()
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderHidden(True)
        self.changes = QTextBrowser()  # the chosen entry's changed fields, word by word
        self.changes.setOpenLinks(False)  # and so no external ones either
        self.message = QPlainTextEdit()
        self.message.setReadOnly(True)
        self.message.hide()
        for widget, name, accessible in (
                (self.tree, "changeTree", self.tr("Changes")),
                (self.changes, "changeDetail", self.tr("What changed in the chosen entry")),
                (self.message, "importMessage", self.tr("Message"))):
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
        self.preview = QSplitter(Qt.Orientation.Vertical)
        self.preview.addWidget(self.tree)
        self.preview.addWidget(self.changes)
        self.preview.setStretchFactor(0, 3)
        self.preview.setStretchFactor(1, 2)
        self.preview.hide()
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(self.tr("&Import"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("applyButton")
        self.apply_button.clicked.connect(self._apply)
        self.undo_button = buttons.addButton(self.tr("&Restore"),
                                             QDialogButtonBox.ButtonRole.ResetRole)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setToolTip(self.tr("Restore the catalogue as it was before this "
                                            "import"))
        self.undo_button.clicked.connect(self._undo)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.apply_button.hide()
        self.undo_button.hide()
        for part, stretch in ((self.heading, 0), (self.progress, 0), (self.preview, 1),
                              (self.message, 1), (buttons, 0)):
            layout.addWidget(part, stretch)

    # Steps -----------------------------------------------------------------------------------
    def start(self) -> Task:
        from tfbb_desktop.core.sync import importer

        ctx, source = self.ctx, self.source
        self.heading.setText(self.tr("Checking %1 …").replace("%1", source.name))
        return self._run(lambda conn, progress, cancelled: importer.prepare(
            conn, ctx.paths, source, ctx.trust, max_version_step=ctx.config.max_version_step,
            progress=progress, cancelled=cancelled),
            self._prepared, self.tr("Checking the export file"))

    def _run(self, work: CatalogueFn, done: Callable[[Any], None], label: str) -> Task:
        """Run ``work`` on the runner with its own connection to the catalogue."""
        self.task = run(with_catalogue(self.ctx.paths, work), self, label=label, done=done,
                        failed=self._failed)
        self.task.progress.connect(self._progress)  # queued from the worker: none is missed
        return self.task

    def _progress(self, text: str, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))
        self.progress.setFormat(f"{text} … %p%")

    def _prepared(self, prepared: PreparedImport) -> None:
        from tfbb_desktop.core.sync.importer import totals

        self.task = None
        self.prepared = prepared
        manifest = prepared.manifest
        self.progress.hide()
        if prepared.is_noop:
            self._finish(self.tr("The catalogue already has version %1. Nothing was changed.")
                         .replace("%1", str(manifest.dataset_version)))
            return
        self.heading.setText(
            self.tr("%1: version %2 → %3, published by %4 on %5.\n%6. Import?")
            .replace("%1", prepared.file_name)
            .replace("%2", str(prepared.base_version))
            .replace("%3", str(manifest.dataset_version))
            .replace("%4", manifest.publisher.name)
            .replace("%5", manifest.created.date().isoformat())
            .replace("%6", totals_text(totals(prepared.change_set))))
        self.tree.setModel(ChangeTreeModel(prepared.change_set,
                                           PreviewNames(self.ctx.conn, prepared.change_set),
                                           self.tree))
        self.tree.selectionModel().currentChanged.connect(self._show_change)
        self._show_change(QModelIndex())
        self.preview.show()
        self.apply_button.show()
        self.apply_button.setDefault(True)
        self.apply_button.setFocus()

    def _show_change(self, current: QModelIndex, _previous: object = None) -> None:
        """Show what changed in the chosen entry (or the chosen field's entry) under the tree."""
        model = self.tree.model()
        found = model.change_at(current) if isinstance(model, ChangeTreeModel) else None
        if found is None:
            self.changes.setPlainText(self.tr("Choose a changed entry to see what changed "
                                              "in it."))
            return
        change, name, diffs = found
        if change.change == "changed" and diffs:
            self.changes.setHtml(diff_html(change.entity_type, name, diffs))
            return
        texts = {"added": self.tr("%1 is new in the catalogue."),
                 "removed": self.tr("%1 is removed from the catalogue."),
                 "changed": self.tr("%1: only the order or the form of its details changed.")}
        self.changes.setPlainText(texts[change.change].replace("%1", name))

    def _apply(self) -> None:
        from tfbb_desktop.core.sync import importer

        prepared, paths = self.prepared, self.ctx.paths
        if prepared is None:
            return
        self.apply_button.setEnabled(False)
        self.progress.show()
        self._run(lambda conn, progress, cancelled: importer.commit(
            conn, paths, prepared, progress=progress, cancelled=cancelled),
            self._applied, self.tr("Importing"))

    def _applied(self, result: ImportResult) -> None:
        self.task = None
        self.imported.emit(result)
        self._finish(self.tr("The catalogue is updated to version %1.")
                     .replace("%1", str(result.dataset_version)), self.result_text(result))
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
                lines.append(f"• {labels.section_title(entity_type)}: {count_text(counts)}")
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
        else:
            self._finish(self.tr("The file was not imported. Nothing was changed."),
                         error_text(exc))

    def _finish(self, heading: str, message: str = "") -> None:
        self.heading.setText(heading)
        for widget in (self.progress, self.preview, self.apply_button):
            widget.hide()
        if message:
            self.message.setPlainText(message)
            self.message.show()
        self.cancel_button.setText(self.tr("Close"))

    def reject(self) -> None:
        """Cancel the step that runs first (the dialog closes once it has stopped)."""
        if self.task is not None and not self.task.done.is_set():
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.heading.setText(self.tr("Cancelling …"))
            return
        super().reject()
