"""The user's settings: where to look for the monthly export, and whether to look by itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tfbb_desktop.ui import messages
from tfbb_desktop.ui.pages.detail import plain_label, push_button, row
from tfbb_desktop.ui.update_check import AUTO_KEY, SOURCE_KEY, effective_source
from tfbb_desktop.ui.zoom import follow_window_font

if TYPE_CHECKING:
    from tfbb_desktop.core.sync.source_check import CheckResult
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.update_check import UpdateChecker


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, checker: UpdateChecker | None, parent: QWidget) -> None:
        super().__init__(parent)
        follow_window_font(self)
        self.ctx, self.checker = ctx, checker
        if checker is not None:  # once: every check's result is shown, not one per click
            checker.checked.connect(self._show_result)
        self.setWindowTitle(self.tr("Settings"))
        source, by_admin = effective_source(ctx)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.source = QLineEdit(source)
        self.source.setObjectName("sourceField")
        self.source.setAccessibleName(self.tr("Update source"))
        self.source.setPlaceholderText(self.tr(r"A folder, e.g. \\server\tfbb, or an https:// "
                                               "address"))
        self.source.setReadOnly(by_admin)
        browse = push_button(self.tr("Choose folder …"), "", self._browse)
        browse.setEnabled(not by_admin)
        label = QLabel(self.tr("&Update source:"))
        label.setBuddy(self.source)
        form.addRow(label, row(self.source, browse))
        if by_admin:
            note = QLabel(self.tr("Set by your administrator."))
            note.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow("", note)
        self.auto = QCheckBox(self.tr("Look for a newer catalogue at start and every four "
                                      "hours"))
        self.auto.setObjectName("autoCheck")
        self.auto.setChecked(ctx.userdata.setting(AUTO_KEY, "1") == "1")
        form.addRow("", self.auto)
        layout.addLayout(form)
        self.check_button = push_button(self.tr("Check now"), "", self._check_now)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.check_result = plain_label("", selectable=False)
        layout.addWidget(self.check_result)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # As wide as its content wants (Qt opens a dialog at most 2/3 of the screen wide, which
        # cut the check box's text at larger text sizes), and the field wide enough for its
        # whole hint (its own width is that of 17 letters), in the dialog's font (the field's
        # once it is laid out); never wider than the screen.
        metrics = self.fontMetrics()
        hint = metrics.horizontalAdvance(self.source.placeholderText()) + 2 * metrics.height()
        wanted = self.sizeHint()
        wanted.setWidth(wanted.width() + max(0, hint - self.source.sizeHint().width()))
        self.resize(wanted.boundedTo(self.screen().availableGeometry().size()))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the export folder"),
                                                  self.source.text())
        if folder:
            self.source.setText(folder)

    def save(self) -> None:
        if not self.source.isReadOnly():
            self.ctx.userdata.set_setting(SOURCE_KEY, self.source.text().strip())
        self.ctx.userdata.set_setting(AUTO_KEY, "1" if self.auto.isChecked() else "0")

    def accept(self) -> None:
        self.save()
        super().accept()

    def _check_now(self) -> None:
        self.save()
        if self.checker is None:
            return
        self.check_result.setText(self.tr("Checking …"))
        if self.checker.check_now(forced=True) is None:
            self.check_result.setText(self.tr("No update source is set."))

    def _show_result(self, result: CheckResult) -> None:
        if result.offer is not None:
            self.check_result.setText(self.tr("A newer catalogue was found; see the bar above "
                                              "the lists."))
        else:
            self.check_result.setText(messages.text(result.message)
                                      or self.tr("The catalogue is up to date."))
