"""The detail pane: one entry's fields as plain text, and every related entry as a link."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core import queries
from . import labels
from .models import RefListModel

MAX_VISIBLE_ROWS = 8


def plain_label(text: str, *, selectable: bool = True) -> QLabel:
    """A label that shows export text as plain text (never HTML), wrapped."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    label.setAccessibleName(text[:200])
    return label


class RelatedList(QListView):
    """A short list of links; Enter or a click opens the entry."""

    open_ref = Signal(str, str)

    def __init__(self, refs: list[queries.Ref], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(RefListModel(refs, self))
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QListView { color: palette(link); }")
        self.clicked.connect(self._open)
        self.activated.connect(self._open)
        rows = min(len(refs), MAX_VISIBLE_ROWS)
        row_height = max(self.sizeHintForRow(0), self.fontMetrics().height() + 6)
        self.setFixedHeight(rows * row_height + 2 * self.frameWidth() + 4)

    def ref_model(self) -> RefListModel:
        model = self.model()
        assert isinstance(model, RefListModel)
        return model

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            ref = self.ref_model().ref(index.row())
            self.open_ref.emit(ref.entity_type, ref.entity_id)


class DetailView(QScrollArea):
    """Shows :class:`queries.Detail`; emits ``open_ref`` for links to entries, ``open_url``
    for web, e-mail and phone links."""

    open_ref = Signal(str, str)
    open_url = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Details"))
        self.current: queries.Detail | None = None
        self.show_empty(self.tr("Choose an entry in the list to see its details, contact "
                                "persons and links."))

    def _new_page(self) -> QVBoxLayout:
        page = QWidget()
        page.setObjectName("detailPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(4)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()  # it may be the widget whose click brought us here
        self.setWidget(page)
        return layout

    def show_empty(self, message: str) -> None:
        self.current = None
        layout = self._new_page()
        hint = plain_label(message, selectable=False)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setObjectName("emptyHint")
        layout.addStretch(1)
        layout.addWidget(hint)
        layout.addStretch(2)

    def show_detail(self, detail: queries.Detail) -> None:
        self.current = detail
        layout = self._new_page()
        kind = plain_label(f"{labels.type_name(detail.entity_type)} · {detail.kind_label}"
                           if detail.kind_label else labels.type_name(detail.entity_type),
                           selectable=False)
        kind.setObjectName("detailKind")
        layout.addWidget(kind)
        title = plain_label(detail.title)
        title.setObjectName("detailTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        for url_link in detail.links:
            button = QPushButton(url_link.label)
            button.setObjectName("urlLink")
            button.setToolTip(url_link.url)
            button.setAccessibleName(self.tr("Open link: %1").replace("%1", url_link.label))
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet("text-align: left; color: palette(link);")
            button.clicked.connect(lambda _=False, u=url_link.url: self.open_url.emit(u),
                                   Qt.ConnectionType.QueuedConnection)
            layout.addWidget(button)

        for name, value in detail.fields:
            if value:
                self._heading(layout, labels.field_label(name))
                layout.addWidget(plain_label(value))

        for entity_type, refs in detail.related:
            heading = labels.section_title(entity_type)
            self._heading(layout, f"{heading} ({len(refs)})")
            if refs:
                related = RelatedList(refs, heading)
                related.setObjectName(f"related-{entity_type}")
                related.open_ref.connect(self.open_ref, Qt.ConnectionType.QueuedConnection)
                layout.addWidget(related)
            else:
                layout.addWidget(plain_label(labels.empty_related(entity_type), selectable=False))
        if detail.entity_type == "principals":
            self._components(layout, detail.components)
        layout.addStretch(1)
        self.verticalScrollBar().setValue(0)

    def _components(self, layout: QVBoxLayout, states: list[queries.ComponentState]) -> None:
        """Each model component's status at this principal, with the note behind it."""
        self._heading(layout, self.tr("Implementation of the model"))
        if not states:
            layout.addWidget(plain_label(self.tr("No status is recorded."), selectable=False))
            return
        for state in states:
            status = state.status.label if state.status else self.tr("No status")
            line = plain_label(f"{state.component.label}: {status}")
            line.setObjectName(f"component-{state.component.id}")
            line.setToolTip(state.component.description)
            layout.addWidget(line)
            if state.note:
                note = plain_label(state.note)
                note.setContentsMargins(16, 0, 0, 4)
                note.setStyleSheet("color: #505050;")
                layout.addWidget(note)

    def _heading(self, layout: QVBoxLayout, text: str) -> None:
        heading = plain_label(text, selectable=False)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        heading.setContentsMargins(0, 10, 0, 0)
        layout.addWidget(heading)

    def related_lists(self) -> list[RelatedList]:
        widget = self.widget()
        return widget.findChildren(RelatedList) if widget else []
