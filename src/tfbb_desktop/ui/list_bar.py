"""The bar above an entry list: what the list shows of its section.

A list that mixes kinds (principals, examples, ongoing work) can show one kind only; the
choice is kept for each list while the app runs. For the ongoing work, a tick hides the
meetings, webinars and other events that are over (remembered in the settings). Emits
``changed`` when a choice changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tfbb_desktop.core.store.queries import Term

HIDE_FINISHED_SETTING = "lists/hide_finished_events"


class ListBar(QWidget):
    changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listBar")
        self.entity_type = ""
        # The kind each list shows, by its entity type (none there: all kinds).
        self.chosen_kinds: dict[str, str | None] = {}
        rows = QVBoxLayout(self)  # the type on one row, the tick below it: the pane is narrow
        rows.setContentsMargins(4, 4, 4, 2)
        rows.setSpacing(2)
        layout = QHBoxLayout()
        rows.addLayout(layout)
        self.kind_label = QLabel(self.tr("&Type:"))
        self.kind = QComboBox()
        self.kind.setObjectName("listKind")
        self.kind.setAccessibleName(self.tr("Show only entries of this type"))
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_label.setBuddy(self.kind)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.kind)
        layout.addStretch(1)
        self.hide_finished = QCheckBox(self.tr("Hide finished meetings and webinars"))
        self.hide_finished.setObjectName("hideFinishedEvents")
        self.hide_finished.setAccessibleName(self.tr("Hide finished meetings and webinars"))
        self.hide_finished.setToolTip(self.tr("Leave out the meetings, webinars and other "
                                              "events of the ongoing work that are over."))
        on = settings.value(HIDE_FINISHED_SETTING, False)
        self.hide_finished.setChecked(on is True or str(on).lower() == "true")
        self.hide_finished.toggled.connect(self._hide_finished_toggled)
        self.settings = settings
        rows.addWidget(self.hide_finished)

    def show_for(self, entity_type: str, kinds: Sequence[Term]) -> None:
        """Offer the choices that fit the list of ``entity_type`` whose entries have
        ``kinds`` (none or one: no choice of kind)."""
        self.entity_type = entity_type
        with QSignalBlocker(self.kind):
            self.kind.clear()
            self.kind.addItem(self.tr("All types"), None)
            for term in kinds:
                self.kind.addItem(term.label, term.id)
            chosen = self.chosen_kinds.get(entity_type)
            found = self.kind.findData(chosen) if chosen is not None else 0
            if found < 0:  # a kind the catalogue no longer has
                found = 0
                self.chosen_kinds.pop(entity_type, None)
            self.kind.setCurrentIndex(found)
        self.kind.setVisible(bool(kinds))
        self.kind_label.setVisible(bool(kinds))
        self.hide_finished.setVisible(entity_type == "work")
        self.setVisible(bool(kinds) or entity_type == "work")

    def _kind_chosen(self, _index: int) -> None:
        self.chosen_kinds[self.entity_type] = self.kind.currentData()
        self.changed.emit()

    def set_hidden_count(self, count: int) -> None:
        title = self.tr("Hide finished meetings and webinars")
        self.hide_finished.setText(f"{title} ({count})" if count else title)

    def _hide_finished_toggled(self, on: bool) -> None:
        self.settings.setValue(HIDE_FINISHED_SETTING, on)
        self.changed.emit()
