"""Suggest a change ("Föreslå ändring") and the list of the user's suggestions ("Mina förslag").

A suggestion is saved in the user's own data first, then sent the way :func:`delivery_for`
finds (the shared feedback folder, e-mail, or a folder the user picks); the dialog says which.
A suggestion that could not be sent stays in the list, to be sent again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from tfbb_desktop import __version__
from tfbb_desktop.core.messages import QT_TRANSLATE_NOOP
from tfbb_desktop.core.outputs import feedback
from tfbb_desktop.core.store import queries
from tfbb_desktop.ui import names as labels
from tfbb_desktop.ui.models import ID_ROLE, TYPE_ROLE, AnyIndex, bold_font
from tfbb_desktop.ui.pages.base import ItemTable, ListPage
from tfbb_desktop.ui.pages.detail import (
    ask,
    heading_label,
    message_box,
    plain_label,
    push_button,
    row,
)
from tfbb_desktop.ui.tooltips import tip
from tfbb_desktop.ui.worker import Task, error_text, run
from tfbb_desktop.ui.zoom import follow_window_font

if TYPE_CHECKING:
    from tfbb_desktop.ui.context import AppContext
    from tfbb_desktop.ui.navigation import Navigator

SENT_SHOWN = 20000  # ms the status bar says where a suggestion went

_CATEGORIES = {
    "person_left": QT_TRANSLATE_NOOP("Feedback", "Someone has left"),
    "new_contact": QT_TRANSLATE_NOOP("Feedback", "A new contact person"),
    "example_failed": QT_TRANSLATE_NOOP("Feedback", "An example that did not work"),
    "remove": QT_TRANSLATE_NOOP("Feedback", "Something to remove"),
    "other": QT_TRANSLATE_NOOP("Feedback", "Other"),
}
_PROBLEMS = {
    "category": QT_TRANSLATE_NOOP("Feedback", "Choose what the suggestion is about."),
    "empty_text": QT_TRANSLATE_NOOP("Feedback", "Write what is wrong or missing."),
    "text_too_long": QT_TRANSLATE_NOOP("Feedback", "The text is too long (at most 5,000 "
                                       "characters)."),
    "name_too_long": QT_TRANSLATE_NOOP("Feedback", "The name is too long."),
    "invalid_email": QT_TRANSLATE_NOOP("Feedback", "The e-mail address does not look right."),
    "control_character": QT_TRANSLATE_NOOP("Feedback", "The text holds characters that cannot "
                                           "be sent."),
}
# What the dialog says of each way of sending; %1 is the address or the folder.
_DELIVERIES = {
    "email": QT_TRANSLATE_NOOP("Feedback", "Your suggestion is saved on this computer and then "
                               "opened as a new e-mail to %1 in your mail program; send it "
                               "from there."),
    "folder": QT_TRANSLATE_NOOP("Feedback", "Your suggestion is saved on this computer and "
                                "then written as a file to the folder %1, where the "
                                "catalogue's editors read it."),
    "choose_folder": QT_TRANSLATE_NOOP("Feedback", "Your suggestion is saved on this computer. "
                                       "The catalogue names no feedback address that this "
                                       "computer reaches: you will choose a folder for the "
                                       "suggestion's file and pass the file on."),
}


translate = QCoreApplication.translate


def category_label(category: str) -> str:
    found = _CATEGORIES.get(category)
    return translate("Feedback", found) if found else category


def delivery_for(nav: Navigator) -> feedback.Delivery:
    """How a suggestion is sent on this computer, with this catalogue."""
    ctx = nav.ctx
    if ctx is None:
        return feedback.Delivery("choose_folder")
    meta = queries.meta(ctx.conn)
    return feedback.delivery(
        email=meta.feedback_email if meta else "",
        folder_name=meta.feedback_folder if meta else "",
        config_source=ctx.config.source,
        chosen_folder=ctx.userdata.setting(feedback.FOLDER_SETTING),
    )


def send_suggestion(nav: Navigator, suggestion: feedback.Suggestion,
                    parent: QWidget | None = None) -> bool | Task:
    """Send one suggestion the configured way; record it as sent. False if it stays unsent;
    for a file, the :class:`Task` on the runner that writes it (and then records it)."""
    ctx = nav.ctx
    if ctx is None:
        return False
    delivery = delivery_for(nav)
    status = nav.statusBar()
    if delivery.method == "email":
        nav.open_url(feedback.mailto_url(delivery.target, suggestion, __version__))
        feedback.mark_sent(ctx.userdata, suggestion.id, "email", delivery.target)
        status.showMessage(translate(
            "Feedback", "Your suggestion is saved and opened as a new e-mail to %1 in your "
            "e-mail program: send it from there.").replace("%1", delivery.target), SENT_SHOWN)
        return True
    folder = delivery.target
    if delivery.method == "choose_folder":
        folder = QFileDialog.getExistingDirectory(
            parent or nav.window(), translate("Feedback", "Choose a folder for suggestions"),
            str(Path.home()))
        if not folder:
            status.showMessage(translate("Feedback", "Your suggestion is saved but not sent. "
                                         "Send it from “My suggestions”."), 8000)
            return False
        ctx.userdata.set_setting(feedback.FOLDER_SETTING, folder)

    def written(path: Path) -> None:
        if not ctx.closed:
            feedback.mark_sent(ctx.userdata, suggestion.id, "file", str(path))
            status.showMessage(translate("Feedback", "Your suggestion is written to the "
                                         "folder %1 as the file %2.")
                               .replace("%1", str(path.parent)).replace("%2", path.name),
                               SENT_SHOWN)

    def failed(exc: BaseException) -> None:
        message_box(parent or nav.window(), translate(
            "Feedback", "The suggestion is saved on this computer but could not be written to "
            "%1:\n%2").replace("%1", folder).replace("%2", error_text(exc)))

    return run(lambda _p, _c: feedback.write_file(Path(folder), suggestion, __version__),
               nav.window(), label=translate("Feedback", "Sending the suggestion"),
               done=written, failed=failed)


class FeedbackDialog(QDialog):
    """Write a suggestion about one entry; save it, and send it unless asked not to."""

    saved = Signal(str)

    def __init__(self, nav: Navigator, entity_type: str, entity_id: str, entity_name: str,
                 parent: QWidget | None = None, *, category: str | None = None,
                 text: str = "") -> None:
        super().__init__(parent or nav.window())
        follow_window_font(self)
        self.nav = nav
        self.entity = (entity_type, entity_id, entity_name)
        self.send_task: Task | None = None  # writing the suggestion's file, on the runner
        self.setObjectName("feedbackDialog")
        self.setWindowTitle(self.tr("Suggest a change"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        form.addRow(heading_label(self.tr("Suggest a change to: %1 (%2)").replace(
            "%1", entity_name).replace("%2", labels.type_name(entity_type))))
        self.category = QComboBox()
        for choice in feedback.CATEGORIES:
            self.category.addItem(category_label(choice), choice)
        if category is None and entity_type != "contacts":
            category = "other"
        if category is not None:
            self.category.setCurrentIndex(self.category.findData(category))
        self.text = QPlainTextEdit(text)
        self._given = text  # what the dialog began with: no question on Esc if unchanged
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("What is wrong or missing? For a new contact "
                                             "person: name, title and how to reach them."))
        self.text.moveCursor(QTextCursor.MoveOperation.End)
        self.name, self.email = QLineEdit(), QLineEdit()
        self.name.setMaxLength(feedback.MAX_NAME_CHARS)
        self.name.setPlaceholderText(self.tr("optional"))
        self.email.setMaxLength(254)
        self.email.setPlaceholderText(self.tr("optional, if the editors may answer you"))
        for label, widget, name in (
                (self.tr("What is it about?"), self.category, "feedbackCategory"),
                (self.tr("Your suggestion"), self.text, "feedbackText"),
                (self.tr("Your name"), self.name, "feedbackName"),
                (self.tr("Your e-mail"), self.email, "feedbackEmail")):
            widget.setObjectName(name)
            form.addRow(label, widget)
        ctx = nav.ctx
        if ctx is not None:  # the sender's details are remembered for the next suggestion
            self.name.setText(ctx.userdata.setting("feedback/name"))
            self.email.setText(ctx.userdata.setting("feedback/email"))
        delivery = delivery_for(nav)
        how = translate("Feedback", _DELIVERIES[delivery.method])
        self.how = plain_label(how.replace("%1", delivery.target), selectable=False,
                               object_name="feedbackDelivery")
        self.problem = plain_label("", selectable=False, object_name="feedbackProblem")
        self.problem.setFont(bold_font(self.problem.font()))  # the palette's colour
        self.problem.hide()
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(self.tr("Save and send"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("feedbackSend")
        self.send_button.setDefault(True)
        self.save_button = buttons.addButton(self.tr("Save, send later"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("feedbackSaveOnly")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.send_button.clicked.connect(lambda: self.submit(send=True))
        self.save_button.clicked.connect(lambda: self.submit(send=False))
        for part in (self.how, self.problem, buttons):
            form.addRow(part)
        self.text.setFocus()

    def _refuse(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def reject(self) -> None:
        """Esc or Cancel: a suggestion being written is thrown away only if the user says so."""
        written = self.text.toPlainText()
        if written.strip() and written != self._given and not ask(
                self, QMessageBox.Icon.Question, self.tr("Suggest a change"),
                self.tr("Throw away the suggestion you have written?"), self.tr("Throw away"),
                QMessageBox.ButtonRole.DestructiveRole, self.tr("Keep writing"),
                name="discardSuggestion"):
            return
        super().reject()

    def submit(self, *, send: bool = True) -> feedback.Suggestion | None:
        """Check, save and (if ``send``) send; close the dialog when saved."""
        ctx = self.nav.ctx
        if ctx is None:
            return None
        category = str(self.category.currentData())
        text = self.text.toPlainText()
        name, email = self.name.text().strip(), self.email.text().strip()
        issues = feedback.problems(category, text, name, email)
        if issues:
            self._refuse("\n".join(translate("Feedback", _PROBLEMS.get(c, c)) for c in issues))
            return None
        entity_type, entity_id, entity_name = self.entity
        meta = queries.meta(ctx.conn)
        try:
            suggestion = feedback.add(
                ctx.userdata, entity_type=entity_type, entity_id=entity_id,
                entity_name=entity_name, category=category, text=text, sender_name=name,
                sender_email=email, dataset_version=meta.dataset_version if meta else 0,
                publisher=meta.publisher_name if meta else "")
        except ValueError as exc:
            self._refuse(str(exc))
            return None
        ctx.userdata.set_setting("feedback/name", name)
        ctx.userdata.set_setting("feedback/email", email)
        self.saved.emit(suggestion.id)
        self.accept()
        if send:
            sent = send_suggestion(self.nav, suggestion)
            self.send_task = sent if isinstance(sent, Task) else None
        else:
            self.nav.statusBar().showMessage(self.tr(
                "Your suggestion is saved. Send it from “My suggestions”."), 8000)
        return suggestion


# My suggestions ---------------------------------------------------------------------------

def where_text(suggestion: feedback.Suggestion) -> str:
    """Where a sent suggestion went: the folder of its file, or the user's e-mail program."""
    if not suggestion.sent:
        return ""
    if suggestion.sent_via == "email":
        return translate("Feedback", "in your e-mail program, to %1").replace(
            "%1", suggestion.sent_to)
    return translate("Feedback", "in the folder %1").replace(
        "%1", str(Path(suggestion.sent_to).parent))


def excerpt(text: str, limit: int = 90) -> str:
    """The beginning of a suggestion's text on one line."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def status_text(suggestion: feedback.Suggestion) -> str:
    if not suggestion.sent:
        return translate("Feedback", "Not sent")
    when = suggestion.sent_at[:10]
    if suggestion.sent_via == "email":
        return translate("Feedback", "Opened as e-mail %1").replace("%1", when)
    return translate("Feedback", "Saved as file %1").replace("%1", when)


class SuggestionsModel(ItemTable[feedback.Suggestion], QAbstractTableModel):
    """The user's suggestions, newest first: the entry and category; the status and date."""

    def item_key(self, item: feedback.Suggestion) -> str:
        return item.id

    def headings(self) -> tuple[str, ...]:
        return (self.tr("Suggestion"), self.tr("Status"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_of(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return f"{item.entity_name} · {category_label(item.category)}\n{excerpt(item.text)}"
        if role == Qt.ItemDataRole.DisplayRole:
            below = where_text(item) if item.sent else \
                self.tr("written %1").replace("%1", item.created_at[:10])
            return f"{status_text(item)}\n{below}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(item.text)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(part for part in (
                item.entity_name, category_label(item.category), excerpt(item.text),
                status_text(item), where_text(item)) if part)
        if role == Qt.ItemDataRole.FontRole and not item.sent and index.column() == 1:
            return bold_font()
        return {ID_ROLE: item.id, TYPE_ROLE: item.entity_type}.get(role)


class SuggestionsPage(ListPage[feedback.Suggestion]):
    """"My suggestions": every suggestion, sent or not; unsent ones can be sent (again)."""

    section = "suggestions"
    model: SuggestionsModel

    def __init__(self, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(nav, "suggestionsPage", self.tr("My suggestions"), parent)
        self.send_task: Task | None = None  # writing a suggestion's file, on the runner
        layout = self.page_layout
        layout.addWidget(heading_label(self.tr("My suggestions")))
        self.notice = plain_label("", selectable=False, object_name="suggestionsNotice")
        layout.addWidget(self.notice)
        self.model = SuggestionsModel(self)
        view = self.setup_table("suggestionList", self.tr("My suggestions"))
        view.setStyleSheet("QTableView#suggestionList::item { padding: 3px 4px; }")
        view.activated.connect(lambda _index: self.open_selected())
        layout.addWidget(view, 1)
        self.text = plain_label("", object_name="suggestionText")
        self.text.setAccessibleName(self.tr("The suggestion's text"))
        layout.addWidget(self.text)
        self.open_button = push_button(self.tr("Open entry"), "", self.open_selected)
        self.delete_button = push_button(self.tr("Delete"), "", self.delete_selected)
        self.send_button = push_button(self.tr("Send again"), "sendSuggestionButton",
                                       self.send_selected)
        layout.addLayout(row(self.open_button, None, self.delete_button, self.send_button))
        view.selectionModel().currentRowChanged.connect(self._update)
        self.model.modelReset.connect(self._update)
        self._update()

    def fill(self, ctx: AppContext) -> None:
        current = self.selected()
        items = feedback.suggestions(ctx.userdata)
        self.model.set_items(items)
        if not items:
            self.notice.setText(self.tr("No suggestions yet. Open an entry and choose “Suggest "
                                        "a change …” in the Entry menu."))
        else:
            self.notice.setText(self.tr("%n suggestion(s), %1 not sent.", "", len(items))
                                .replace("%1", str(sum(not s.sent for s in items))))
        if current is not None:
            self.select(current.id)

    def entry_of(self, item: feedback.Suggestion) -> tuple[str, str]:
        return item.entity_type, item.entity_id

    def _update(self, *_args: object) -> None:
        item = self.selected()
        for button in (self.open_button, self.send_button, self.delete_button):
            button.setEnabled(item is not None)
        self.text.setText(item.text if item is not None else "")
        if item is not None:
            self.send_button.setText(self.tr("Send again") if item.sent else self.tr("Send"))

    def send_selected(self) -> bool:
        item = self.selected()
        if item is None:
            return False
        sent = send_suggestion(self.nav, item, self)
        self.send_task = sent if isinstance(sent, Task) else None
        if self.send_task is not None:
            self.send_task.finished.connect(lambda _path: self.refresh())
        self.refresh()
        return sent is not False

    def delete_selected(self, confirm: bool = True) -> bool:
        ctx = self.nav.ctx
        item = self.selected()
        if ctx is None or item is None:
            return False
        if confirm and not ask(self, QMessageBox.Icon.Question, self.tr("Delete suggestion"),
                               self.tr("Delete this suggestion from your list? A copy already "
                                       "sent is not affected."), self.tr("&Delete"),
                               QMessageBox.ButtonRole.DestructiveRole, self.tr("&Cancel")):
            return False
        feedback.delete(ctx.userdata, item.id)
        self.refresh()
        return True
