"""A damaged catalogue or user database at start: what happened, and the user's choices.

The core has set the damaged file aside (core/store/health.py) and looked for the last good
copy; this box tells it and offers to restore that copy, to begin anew (the bundled catalogue
through the ordinary import, or empty favourites and notes), or to quit. The choice runs on
the serial runner, then the catalogue is opened again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from tfbb_desktop import APP_NAME
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import recovery
from tfbb_desktop.core.store.health import DamagedDatabase
from tfbb_desktop.ui import messages
from tfbb_desktop.ui.pages.detail import message_box
from tfbb_desktop.ui.worker import error_text, run


class RecoveryBox(QMessageBox):
    """The message and its buttons: restore the last good copy (if there is one), begin anew,
    or quit."""

    def __init__(self, exc: DamagedDatabase, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical, APP_NAME, messages.described(exc),
                         QMessageBox.StandardButton.NoButton, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        catalogue, has_copy = exc.kind == "catalogue", exc.backup is not None
        self.restore_button: QAbstractButton | None = None
        if exc.backup is not None:
            when = datetime.fromtimestamp(exc.backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            self.restore_button = self.addButton(
                self.tr("Restore the copy from %1").replace("%1", when),
                QMessageBox.ButtonRole.AcceptRole)
        if catalogue:
            self.anew_button = self.addButton(self.tr("Import the bundled catalogue"),
                                              QMessageBox.ButtonRole.AcceptRole)
        else:
            self.anew_button = self.addButton(self.tr("Begin with empty favourites and notes"),
                                              QMessageBox.ButtonRole.DestructiveRole)
        self.quit_button = self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setInformativeText({
            (True, True): self.tr("You can restore the last good copy of the catalogue (it may "
                                  "be older than the damaged one), or import the catalogue that "
                                  "comes with the app. A newer export can be imported "
                                  "afterwards."),
            (True, False): self.tr("There is no earlier copy to restore. You can import the "
                                   "catalogue that comes with the app; a newer export can be "
                                   "imported afterwards."),
            (False, True): self.tr("Your favourites and notes were in the damaged file. You can "
                                   "restore the last backup of them, or begin with none. The "
                                   "damaged file is kept either way."),
            (False, False): self.tr("Your favourites and notes were in the damaged file, and "
                                    "there is no backup of them. If you begin with none, the "
                                    "damaged file is kept."),
        }[(catalogue, has_copy)])
        self.setDefaultButton(self.restore_button
                              or (self.anew_button if catalogue else self.quit_button))


def offer_recovery(window: QWidget, paths: DataPaths, exc: DamagedDatabase,
                   retry: Callable[[], object]) -> RecoveryBox:
    """Show the box; carry out the choice off the GUI thread, then call ``retry``."""
    box = RecoveryBox(exc, window)

    def chosen(button: QAbstractButton) -> None:
        if button is box.quit_button:
            window.close()
            return
        act = recovery.restore if button is box.restore_button else recovery.start_anew

        def failed(error: BaseException) -> None:
            told = message_box(window, error_text(error), icon=QMessageBox.Icon.Critical)
            # Then the same choices again (Quit among them), not an empty window.
            told.finished.connect(lambda _result: retry())

        run(lambda _p, _c: act(paths, exc.kind), window,
            label=QCoreApplication.translate("RecoveryBox", "Restoring"), cancellable=False,
            done=lambda _result: retry(), failed=failed)

    box.buttonClicked.connect(chosen)
    box.open()
    return box
