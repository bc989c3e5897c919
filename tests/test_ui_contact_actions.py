"""Contact in one click: a contact person's e-mail and phone as actions, what is missing said
and offered as a suggestion, and the context menu of list rows and links."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QPushButton

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.sync import importer, signing
from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.dialogs.feedback import FeedbackDialog
from tfbb_desktop.ui.main_window import MainWindow

CONTACT = "kp-katarina-haddon"
CONTACT_NAME = "Katarina Haddon"
# A popup menu under the offscreen platform: its notices say nothing about the app.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise",
                                       "This plugin does not support grabbing")


class UrlCatcher(QObject):
    """A handler for mailto: and tel: links, as the desktop's mail and phone programs are."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened() -> Iterator[list[str]]:
    catcher = UrlCatcher()
    for scheme in ("mailto", "tel", "https"):
        QDesktopServices.setUrlHandler(scheme, catcher, "handle")
    yield catcher.urls
    for scheme in ("mailto", "tel", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def ctx(ctx: AppContext, paths: DataPaths, source: dict[str, Any], make_export: Any,
        trust: signing.TrustPolicy) -> AppContext:
    """The context on a catalogue where Katarina Haddon has an e-mail address and a phone
    number (the bundled catalogue gives none)."""
    person = next(c for c in source["data"]["contacts"] if c["id"] == CONTACT)
    person["email"] = "katarina.haddon@example.se"
    person["phone"] = "0150-48 80 00"
    export: Path = make_export(source, version=2)
    importer.commit(ctx.conn, paths, importer.prepare(ctx.conn, paths, export, trust))
    return ctx


def button(window: MainWindow, name: str) -> QPushButton:
    found = window.detail.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_e_mail_and_phone_are_actions(qtbot: Any, window: MainWindow,
                                      opened: list[str]) -> None:
    window.open_entry("contacts", CONTACT)
    send = button(window, "emailOpen")
    assert send.text() == "Send e-mail" and "katarina.haddon@example.se" in send.accessibleName()
    send.click()
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert opened == ["mailto:katarina.haddon@example.se"]
    button(window, "phoneOpen").click()
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened[1] == "tel:0150488000"
    button(window, "phoneCopy").click()
    assert QGuiApplication.clipboard().text() == "0150-48 80 00"
    button(window, "emailCopy").click()
    assert QGuiApplication.clipboard().text() == "katarina.haddon@example.se"
    # The address is not shown twice (once as a link at the top, once with its actions).
    assert window.detail.findChildren(QPushButton, "urlLink") == []
    assert window.detail.findChild(QPushButton, "emailSuggest") is None


def test_a_missing_detail_is_said_and_offered_as_a_suggestion(qtbot: Any,
                                                               window: MainWindow) -> None:
    window.open_entry("contacts", "kp-osman-aytar")  # no e-mail, no phone
    missing = window.detail.findChild(QObject, "emailMissing")
    assert missing is not None and missing.text() == "No e-mail address"
    assert window.detail.findChild(QObject, "phoneMissing").text() == "No phone number"
    suggest = button(window, "emailSuggest")
    assert suggest.text() == "Suggest a detail"
    assert suggest.accessibleName() == "Suggest an e-mail address"
    suggest.click()
    qtbot.waitUntil(lambda: window.findChild(FeedbackDialog) is not None)
    dialog = window.findChild(FeedbackDialog)
    assert dialog.entity[:2] == ("contacts", "kp-osman-aytar")
    assert dialog.category.currentData() == "other"
    assert dialog.text.toPlainText() == "E-mail address of Osman Aytar: "
    dialog.reject()


def first_contact_menu(window: MainWindow) -> tuple[Any, Any]:
    """Katrineholm's related contacts and the entry menu of their first row."""
    window.open_entry("principals", "katrineholm")
    related = next(r for r in window.detail.related_lists()
                   if r.objectName() == "related-contacts")
    related.customContextMenuRequested.emit(related.visualRect(
        related.model().index(0, 0)).center())
    return related, window.entry_menus.last_menu


def test_every_list_row_has_the_entry_menu(qtbot: Any, window: MainWindow,
                                           ctx: AppContext) -> None:
    window.show_section("contacts")
    view = window.list_view
    model = view.model()
    row = model.row_of(CONTACT)
    rect = view.visualRect(model.index(row, 0))
    view.customContextMenuRequested.emit(rect.center())
    menu = window.entry_menus.last_menu
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&Open", "&Copy", "&Add to favourites", "&Suggest a change …"]
    by_name = {a.objectName(): a for a in menu.actions()}
    by_name["menuCopy"].trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Katarina Haddon") and "katarina.haddon@example.se" in copied
    by_name["menuFavourite"].trigger()
    assert ctx.userdata.is_favourite("contacts", CONTACT)
    view.customContextMenuRequested.emit(rect.center())
    menu = window.entry_menus.last_menu
    assert "&Remove from favourites" in [a.text() for a in menu.actions()]
    menu.close()

    # The related list of a principal's page has it too; "Open" opens that entry.
    related, menu = first_contact_menu(window)
    first = related.ref_model().ref(0)
    next(a for a in menu.actions() if a.objectName() == "menuOpen").trigger()
    assert window.detail.current is not None
    assert window.detail.current.entity_id == first.entity_id
    menu.close()

    # "Suggest a change" opens the suggestion dialog for the row's entry, not the one shown.
    related, menu = first_contact_menu(window)
    next(a for a in menu.actions() if a.objectName() == "menuSuggest").trigger()
    dialog = window.findChild(FeedbackDialog)
    assert dialog is not None and dialog.entity[1] == first.entity_id
    dialog.reject()
    menu.close()


def test_a_link_has_open_and_copy(qtbot: Any, window: MainWindow, opened: list[str]) -> None:
    window.open_entry("contacts", CONTACT)
    send = button(window, "emailOpen")
    send.customContextMenuRequested.emit(send.rect().center())
    menu = window.entry_menus.last_menu
    assert menu is not None and menu.objectName() == "linkMenu"
    actions = {a.objectName(): a for a in menu.actions()}
    actions["menuCopy"].trigger()
    assert QGuiApplication.clipboard().text() == "katarina.haddon@example.se"
    actions["menuOpen"].trigger()
    assert opened == ["mailto:katarina.haddon@example.se"]
    menu.close()


def test_the_menu_key_gives_the_current_rows_menu(qtbot: Any, window: MainWindow) -> None:
    window.open_entry("contacts", CONTACT)
    view = window.list_view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    window.entry_menus.last_menu = None
    view.customContextMenuRequested.emit(QPoint(5, view.viewport().height() - 2))  # no row
    menu = window.entry_menus.last_menu
    assert menu is not None and CONTACT_NAME in menu.accessibleName()
    menu.close()
