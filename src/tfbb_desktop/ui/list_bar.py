"""The bar above an entry list: what the list shows of its section.

For the ongoing work, a tick hides the meetings, webinars and other events that are over
(remembered in the settings). Emits ``changed`` when a choice changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

HIDE_FINISHED_SETTING = "lists/hide_finished_events"


class ListBar(QWidget):
    changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("listBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 2)
        self.hide_finished = QCheckBox(self.tr("Hide finished meetings and webinars"))
        self.hide_finished.setObjectName("hideFinishedEvents")
        self.hide_finished.setAccessibleName(self.tr("Hide finished meetings and webinars"))
        self.hide_finished.setToolTip(self.tr("Leave out the meetings, webinars and other "
                                              "events of the ongoing work that are over."))
        on = settings.value(HIDE_FINISHED_SETTING, False)
        self.hide_finished.setChecked(on is True or str(on).lower() == "true")
        self.hide_finished.toggled.connect(self._hide_finished_toggled)
        layout.addWidget(self.hide_finished)
        layout.addStretch(1)
        self.entity_type = ""

    def show_for(self, entity_type: str) -> None:
        """Offer the choices that fit the list of ``entity_type``."""
        self.entity_type = entity_type
        self.hide_finished.setVisible(entity_type == "work")
        self.setVisible(entity_type == "work")

    def hides_finished(self) -> bool:
        return self.entity_type == "work" and self.hide_finished.isChecked()

    def set_hidden_count(self, count: int) -> None:
        title = self.tr("Hide finished meetings and webinars")
        self.hide_finished.setText(f"{title} ({count})" if count else title)

    def _hide_finished_toggled(self, on: bool) -> None:
        self.settings.setValue(HIDE_FINISHED_SETTING, on)
        self.changed.emit()
