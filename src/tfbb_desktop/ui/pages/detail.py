"""The detail pane: one entry's fields as plain text, and every related entry as a link."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tfbb_desktop import APP_NAME
from tfbb_desktop.core.store import queries
from tfbb_desktop.ui import focus
from tfbb_desktop.ui import names as labels
from tfbb_desktop.ui.bidi import isolated
from tfbb_desktop.ui.models import AnyIndex, RefListModel, bold_font
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.zoom import Heading, fit_fonts, follow_window_font

if TYPE_CHECKING:
    from tfbb_desktop.ui.entry_menu import EntryMenus

# The fields of a contact person shown as actions (send, call, copy), and their links' schemes.
CONTACT_FIELDS = {"email": "mailto:", "phone": "tel:"}
MAX_VISIBLE_ROWS = 8
# A note is saved this long after the last key press (and at once when the entry is left).
NOTE_DELAY_MS = 500
LINE_CHARACTERS = 100  # the longest line of the detail page, in average characters
SECTION_SCALE = 1.2  # the headings of the page's parts (related entries, the note)
FOCUS_FRAME = 2  # the width of the pane's frame while it has the keyboard focus


def plain_label(text: str, *, selectable: bool = True, label: QLabel | None = None,
                object_name: str = "") -> QLabel:
    """A label (``label``, else a new one) that shows export text as plain text (never
    HTML), wrapped."""
    label = (focus.FramedLabel() if selectable else QLabel()) if label is None else label
    if object_name:
        label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    label.setAccessibleName(text[:200])
    return label


def message_box(parent: QWidget | None, text: str, title: str = APP_NAME,
                icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """A message box with ``text`` as plain text, opened (not waited for)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    follow_window_font(box)
    box.open()
    return box


def ask(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, yes: str,
        role: QMessageBox.ButtonRole, cancel: str, more: str = "", name: str = "") -> bool:
    """Ask, as plain text, with the buttons ``yes`` and ``cancel`` (the default); True if the
    user chose ``yes``."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(more)
    follow_window_font(box)
    chosen = box.addButton(yes, role)
    box.setDefaultButton(box.addButton(cancel, QMessageBox.ButtonRole.RejectRole))
    box.setEscapeButton(box.defaultButton())
    box.exec()
    return box.clickedButton() is chosen


def heading_label(text: str, scale: float = 1.0, *, selectable: bool = False,
                  object_name: str = "") -> QLabel:
    """A bold heading in plain text (``scale`` enlarges its font); its size follows the
    window's font and so its zoom."""
    return plain_label(text, selectable=selectable, label=Heading(scale),
                       object_name=object_name)


def push_button(text: str, object_name: str, clicked: Callable[[], object], *,
                accessible_name: str = "", tooltip: str = "",
                queued: bool = False) -> QPushButton:
    """A button that calls ``clicked()``; ``queued``: after the click's own handling (for a
    button that the call may delete, such as one on the detail page)."""
    button = QPushButton(text)
    button.setObjectName(object_name)
    if accessible_name:
        button.setAccessibleName(accessible_name)
    if tooltip:
        button.setToolTip(tooltip)
    button.clicked.connect(lambda: clicked(), Qt.ConnectionType.QueuedConnection if queued
                           else Qt.ConnectionType.AutoConnection)
    return button


def link_button(text: str, object_name: str, clicked: Callable[[], object], *, padding: str = "",
                **options: Any) -> QPushButton:
    """A flat :func:`push_button` (same ``options``) that looks like a link."""
    button = push_button(text, object_name, clicked, **options)
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet("text-align: left; color: palette(link);"
                         + (f" padding: {padding};" if padding else ""))
    return button


def row(*widgets: QWidget | None, tight: bool = False) -> QHBoxLayout:
    """A row of ``widgets``; None is a stretch between them, and without one the first widget
    takes the room left. ``tight``: without margins."""
    layout = QHBoxLayout()
    if tight:
        layout.setContentsMargins(0, 0, 0, 0)
    grow = all(w is not None for w in widgets)
    for position, widget in enumerate(widgets):
        if widget is None:
            layout.addStretch(1)
        else:
            layout.addWidget(widget, 1 if grow and position == 0 else 0)
    return layout


def _boxed(text: str, object_name: str, padding: str) -> QLabel:
    """A line in a frame of its own (a badge or a notice), in the window's colours."""
    label = plain_label(text, selectable=False, object_name=object_name)
    label.setStyleSheet("background: palette(alternate-base); color: palette(text); "
                        f"border: 1px solid palette(mid); padding: {padding};")
    return label


class _ListWide(QStyledItemDelegate):
    """Rows as wide as the list, never wider: a long name ends in "…" (its tooltip has all
    of it) instead of a scroll bar that covers a list of one row."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(0, super().sizeHint(option, index).height())


class RelatedList(QListView):
    """A short list of links; Enter or a click opens the entry."""

    open_ref = Signal(str, str)

    def __init__(self, refs: list[queries.Ref], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        focus.dim_selection_without_focus(self)
        self.setModel(RefListModel(refs, self))
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.setItemDelegate(_ListWide(self))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QListView { color: palette(link); }")
        self.clicked.connect(self._open)
        self.activated.connect(self._open)
        self._fit_height()

    def _fit_height(self) -> None:
        rows = min(self.ref_model().rowCount(), MAX_VISIBLE_ROWS)
        row_height = max(self.sizeHintForRow(0), self.fontMetrics().height() + 6)
        self.setFixedHeight(rows * row_height + 2 * self.frameWidth() + 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the window's text zoom
            self._fit_height()

    def ref_model(self) -> RefListModel:
        model = self.model()
        assert isinstance(model, RefListModel)
        return model

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            ref = self.ref_model().ref(index.row())
            self.open_ref.emit(ref.entity_type, ref.entity_id)


class DetailView(QScrollArea):
    """Shows :class:`queries.Detail`. A contact person's e-mail and phone are actions (send,
    call, copy); a missing one says so and offers a suggestion (``suggest_requested``).
    :attr:`menus`, when set, gives every link and list row its context menu.

    ``note_saved`` (type, id, name, text) is emitted once the typing pauses
    (:data:`NOTE_DELAY_MS`), and at once by :meth:`flush_note`, which every change of the page
    calls first: a note is never left behind unsaved."""

    open_ref = Signal(str, str)
    open_url = Signal(str)
    favourite_toggled = Signal(bool)
    note_saved = Signal(str, str, str, str)
    suggest_requested = Signal(str)
    manual_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menus: EntryMenus | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportMargins(*(FOCUS_FRAME,) * 4)  # room for the focus frame, see event()
        self.setAccessibleName(self.tr("Details"))
        self.current: queries.Detail | None = None
        self._note_entry: queries.Detail | None = None  # the entry of the note editor shown
        self._note_text: str | None = ""  # its text as last saved (None: not saved)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self.show_empty(self.tr("Choose an entry in the list to see its details, contact "
                                "persons and links."))

    def event(self, event: QEvent) -> bool:
        """Focused (Tab from the list; the arrow keys then scroll), the pane is framed in the
        palette's highlight colour (drawn, so that it follows a change of palette)."""
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and self.hasFocus():
            painter = QPainter(self)
            painter.setPen(QPen(self.palette().highlight().color(), FOCUS_FRAME))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
            painter.end()
        return handled

    def _new_page(self, current: queries.Detail | None = None) -> QVBoxLayout:
        """A new, empty page for ``current`` (None: no entry), once the note shown is saved.
        The focus on the old page stays in the pane (Qt would pass it on down the chain)."""
        self.flush_note()
        old_page, focused = self.widget(), QApplication.focusWidget()
        if old_page is not None and focused is not None and old_page.isAncestorOf(focused):
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.current = current
        self._note_entry = None
        page = QWidget()
        page.setObjectName("detailPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(4)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()  # it may be the widget whose click brought us here
        self.setWidget(page)
        self._fit_width()
        return layout

    def _fit_width(self) -> None:
        """Keep the page's lines short enough to read (about :data:`LINE_CHARACTERS`) on a
        wide screen."""
        page = self.widget()
        if page is not None:
            page.setMaximumWidth(self.fontMetrics().averageCharWidth() * LINE_CHARACTERS + 32)

    def changeEvent(self, event: QEvent) -> None:
        """The window's text zoom changed: headings and the line length follow."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            fit_fonts(self)
            self._fit_width()

    def _page_done(self) -> None:
        """The page is filled: its fonts follow the zoom (styled widgets keep the font they
        were made with), and Tab goes from the pane through the page's controls."""
        fit_fonts(self)
        controls = focus.follow(self, self.widget())
        # An empty page (no entry, nothing to press) is no tab stop; the focus goes back.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.current is not None or controls
                            else Qt.FocusPolicy.NoFocus)
        if self.hasFocus() and self.focusPolicy() == Qt.FocusPolicy.NoFocus:
            self.focusNextPrevChild(False)

    def show_empty(self, message: str) -> None:
        layout = self._new_page()
        hint = plain_label(message, selectable=False, object_name="emptyHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(hint)
        layout.addStretch(2)
        self._page_done()

    def show_welcome(self, title: str, paragraphs: list[str]) -> None:
        """The start page: a heading, a few paragraphs of plain text, and the manual's
        button."""
        layout = self._new_page()
        layout.setSpacing(10)
        layout.addWidget(heading_label(title, 1.4, object_name="welcomeTitle"))
        for number, text in enumerate(paragraphs):  # no tab stop on each paragraph
            layout.addWidget(plain_label(text, selectable=False, object_name=f"welcome-{number}"))
        layout.addLayout(row(push_button(self.tr("Open the manual (F1)"), "welcomeManual",
                                         self.manual_requested.emit, queued=True), None))
        layout.addStretch(1)
        self._page_done()

    def show_detail(self, detail: queries.Detail, *, favourite: bool = False, note: str = "",
                    change: str = "") -> None:
        layout = self._new_page(detail)
        self.star = QToolButton()
        self.star.setObjectName("favouriteButton")
        self.star.setCheckable(True)
        self.star.setAutoRaise(True)
        self.star.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.set_favourite(favourite)
        self.star.toggled.connect(self._star_toggled)
        kind = plain_label(f"{labels.type_name(detail.entity_type)} · {isolated(detail.kind_label)}"
                           if detail.kind_label else labels.type_name(detail.entity_type),
                           selectable=False, object_name="detailKind")
        top: list[QWidget] = [kind, self.star]
        if change:
            top.insert(1, _boxed(self.tr("New since the last update") if change == "added"
                                 else self.tr("Changed in the last update"), "changeBadge",
                                 "2px 6px"))
        layout.addLayout(row(*top, tight=True))
        layout.addWidget(heading_label(detail.title, 1.5, selectable=True,
                                       object_name="detailTitle"))

        contact = detail.entity_type == "contacts"
        for url_link in detail.links:
            if contact and url_link.url.startswith(tuple(CONTACT_FIELDS.values())):
                continue  # shown with its field, as actions
            button = link_button(url_link.label, "urlLink",
                                 partial(self.open_url.emit, url_link.url),
                                 accessible_name=self.tr("Open link: %1").replace(
                                     "%1", isolated(url_link.label)),
                                 tooltip=tip(url_link.url), queued=True)
            # A long address must not widen the page past the pane (a sideways scroll bar and
            # every line cut at the right): the button takes the pane's width, its tooltip
            # holds the whole address.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            if self.menus is not None:
                self.menus.install_url(button, url_link.url, url_link.label)
            layout.addWidget(button)

        ended = next((v for name, _l, v in detail.fields if name == "valid_until"), "")
        if ended and ended < date.today().isoformat():
            notice = _boxed(self.tr("The assignment ended on %1. The person may have left; "
                                    "check with the organisation.").replace("%1", ended),
                            "endedNotice", "4px 6px")
            notice.setFont(bold_font(notice.font()))
            layout.addWidget(notice)

        for name, label, value in detail.fields:
            if contact and name in CONTACT_FIELDS:
                self._heading(layout, labels.translate("Labels", label))
                self._contact_row(layout, detail, name, value)
            elif value:
                self._heading(layout, labels.translate("Labels", label))
                layout.addWidget(plain_label(value))

        for entity_type, refs in detail.related:
            heading = labels.section_title(entity_type)
            self._heading(layout, f"{heading} ({len(refs)})", section=True)
            if refs:
                related = RelatedList(refs, heading)
                related.setObjectName(f"related-{entity_type}")
                related.open_ref.connect(self.open_ref, Qt.ConnectionType.QueuedConnection)
                if self.menus is not None:
                    self.menus.install(related)
                layout.addWidget(related)
            else:
                layout.addWidget(plain_label(labels.empty_related(entity_type), selectable=False))
        if detail.entity_type == "principals":
            self._components(layout, detail.components)
        self._note_editor(layout, detail, note)
        layout.addStretch(1)
        self._page_done()
        self.verticalScrollBar().setValue(0)

    def _contact_row(self, layout: QVBoxLayout, detail: queries.Detail, name: str,
                     value: str) -> None:
        """An e-mail address or phone number with its actions; if missing, a line that says
        so and a button for a suggestion."""
        email = name == "email"
        if value:
            url = next((link.url for link in detail.links
                        if link.url.startswith(CONTACT_FIELDS[name]) and link.label == value), "")
            shown = plain_label(value, object_name=f"{name}Value")
            use = push_button(self.tr("Send e-mail") if email else self.tr("Call"), f"{name}Open",
                              lambda: self.open_url.emit(url), queued=True,
                              accessible_name=(self.tr("Send e-mail to %1") if email
                                               else self.tr("Call %1")).replace("%1", value))
            use.setEnabled(bool(url))
            if self.menus is not None and url:
                self.menus.install_url(use, url, value)
            buttons = [use, push_button(self.tr("Copy"), f"{name}Copy", lambda: self._copy(value),
                                        accessible_name=self.tr("Copy the e-mail address")
                                        if email else self.tr("Copy the phone number"))]
        else:
            shown = plain_label(self.tr("No e-mail address") if email
                                else self.tr("No phone number"), selectable=False,
                                object_name=f"{name}Missing")
            buttons = [push_button(self.tr("Suggest a detail"), f"{name}Suggest",
                                   lambda: self.suggest_requested.emit(name), queued=True,
                                   accessible_name=self.tr("Suggest an e-mail address")
                                   if email else self.tr("Suggest a phone number"))]
        layout.addLayout(row(shown, *buttons, tight=True))

    def _copy(self, text: str) -> None:
        if self.menus is not None:
            self.menus.copy(text)
        else:
            QGuiApplication.clipboard().setText(text)

    def set_favourite(self, on: bool) -> None:
        with QSignalBlocker(self.star):
            self.star.setChecked(on)
        self.star.setText(self.tr("★ Favourite") if on else self.tr("☆ Add to favourites"))
        self.star.setAccessibleName(self.tr("Favourite (Ctrl+D)"))

    def _star_toggled(self, on: bool) -> None:
        self.set_favourite(on)
        self.favourite_toggled.emit(on)

    def _note_editor(self, layout: QVBoxLayout, detail: queries.Detail, note: str) -> None:
        self._heading(layout, self.tr("My note (only on this computer)"), section=True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setAccessibleName(self.tr("My note"))
        self.note_edit.setPlaceholderText(self.tr("Write a private note about this entry …"))
        self.note_edit.setPlainText(note)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(90)
        self._note_entry, self._note_text = detail, note
        self.note_edit.textChanged.connect(self._note_typed)
        layout.addWidget(self.note_edit)
        self.note_state = plain_label("", selectable=False, object_name="noteState")
        self.note_state.setStyleSheet("color: palette(placeholder-text);")
        layout.addLayout(row(self.note_state, None,
                             push_button(self.tr("Save note"), "saveNoteButton", self.flush_note)))

    def _note_typed(self) -> None:
        self.note_state.clear()
        self._note_timer.start()  # restarted by each key press

    def flush_note(self) -> None:
        """Save the note being written now (emit ``note_saved``) if it changed since it was
        last saved."""
        self._note_timer.stop()
        entry = self._note_entry
        if entry is None:
            return
        text = self.note_edit.toPlainText()
        if text == self._note_text:
            return
        self._note_text = text
        self.note_saved.emit(entry.entity_type, entry.entity_id, entry.title, text)

    def note_is_saved(self, saved: bool = True, reason: str = "") -> None:
        """Show the quiet "Saved" beside the note; or (``saved`` false) that saving failed and
        why (``reason``, also its tooltip), so that the next :meth:`flush_note` tries again.
        The text stays in the editor either way."""
        if self._note_entry is None:
            return
        self.note_state.setToolTip(reason)
        if saved:
            self.note_state.setText(self.tr("Saved"))
        else:
            self._note_text = None
            self.note_state.setText(self.tr("Not saved: %1").replace("%1", reason) if reason
                                    else self.tr("Not saved"))

    def _components(self, layout: QVBoxLayout, states: list[queries.ComponentState]) -> None:
        """Each model component's status at this principal, with the note behind it."""
        self._heading(layout, self.tr("Implementation of the model"), section=True)
        if not states:
            layout.addWidget(plain_label(self.tr("No status is recorded."), selectable=False))
            return
        for state in states:
            status = state.status.label if state.status else self.tr("No status")
            line = plain_label(f"{isolated(state.component.label)}: {isolated(status)}",
                               object_name=f"component-{state.component.id}")
            line.setToolTip(tip(state.component.description))
            layout.addWidget(line)
            if state.note:
                note = plain_label(state.note)
                note.setContentsMargins(16, 0, 0, 4)
                layout.addWidget(note)

    def _heading(self, layout: QVBoxLayout, text: str, *, section: bool = False) -> None:
        """A field's label, or (``section``) the heading of a part of the page: larger, with
        more room above it."""
        heading = heading_label(text, SECTION_SCALE if section else 1.0)
        heading.setContentsMargins(0, 18 if section else 10, 0, 0)
        layout.addWidget(heading)

    def related_lists(self) -> list[RelatedList]:
        widget = self.widget()
        return widget.findChildren(RelatedList) if widget else []
