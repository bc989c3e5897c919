"""Help → Manual: the Swedish manual (``resources/help/manual_sv.md``) as Markdown, ending with
the keyboard shortcuts, made from :mod:`ui.shortcuts` and the window's actions so that the
table always says what the keys do."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tfbb_desktop.core.paths import resource_path
from tfbb_desktop.ui import shortcuts
from tfbb_desktop.ui.zoom import follow_window_font

translate = QCoreApplication.translate


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("&&", "\x00").replace("&", "").replace("\x00", "&")


def shortcut_table(actions: Iterable[QAction]) -> str:
    """A Markdown table of every key in :data:`shortcuts.SHORTCUTS`: the key, and the text of
    the action it triggers (the action's menu text, without its access key)."""
    by_name = {a.objectName(): a for a in actions if a.objectName()}
    head = translate("ManualDialog", "Key"), translate("ManualDialog", "What it does")
    rows = [f"| {head[0]} | {head[1]} |", "|---|---|"]
    for name, keys in shortcuts.SHORTCUTS.items():
        if name in by_name:
            shown = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                              for k in keys)
            # The Go menu's number, its access key, is left out.
            text = re.sub(r"^&\d+ ", "", by_name[name].text().rstrip(" …"))
            rows.append(f"| {_cell(shown)} | {_cell(text)} |")
    return "\n".join(rows)


class ManualDialog(QDialog):
    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        follow_window_font(self)
        self.setObjectName("manualDialog")
        self.setWindowTitle(self.tr("Manual"))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("manualText")
        self.browser.setAccessibleName(self.tr("Manual"))
        self.browser.setOpenLinks(False)  # the manual has no links to follow
        manual = resource_path("help", "manual_sv.md").read_text(encoding="utf-8")
        self.browser.setMarkdown(f"{manual.rstrip()}\n\n{shortcut_table(actions)}\n")
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.browser.setFocus()
