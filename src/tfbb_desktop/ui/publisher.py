"""Publisher mode: the pages "Publicera" and "Inkorg" for the process leaders who publish the
catalogue. Off by default and invisible to ordinary users; on when the machine configuration
says ``"publisher": true`` or the user's settings file has ``publisher/enabled=true`` (see
docs/deployment.md). There is no checkbox for it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings

from tfbb_desktop.ui.lazy_pages import LazyPage

if TYPE_CHECKING:
    from tfbb_desktop.core.sync.signing import MachineConfig
    from tfbb_desktop.ui.main_window import MainWindow
    from tfbb_desktop.ui.pages.inbox import InboxPage
    from tfbb_desktop.ui.pages.publish import PublishPage

SETTING = "publisher/enabled"


def enabled(config: MachineConfig, settings: QSettings) -> bool:
    value = settings.value(SETTING, False)
    by_setting = value is True or str(value).strip().lower() in ("true", "1", "yes")
    return config.publisher or by_setting


def _publish(window: MainWindow) -> PublishPage:
    from tfbb_desktop.ui.pages.publish import PublishPage

    return PublishPage(window)


def _inbox(window: MainWindow) -> InboxPage:
    from tfbb_desktop.ui.pages.inbox import InboxPage

    return InboxPage(window)


def install(window: MainWindow) -> dict[str, LazyPage[Any]]:
    """Add the two pages to ``window``'s navigation and Go menu (once)."""
    translate = QCoreApplication.translate
    titles = {"publish": translate("Publisher", "Publish"),
              "inbox": translate("Publisher", "Inbox")}
    pages: dict[str, LazyPage[Any]] = {
        "publish": LazyPage(lambda: _publish(window), titles["publish"]),
        "inbox": LazyPage(lambda: _inbox(window), titles["inbox"]),
    }
    window.go_menu.addSeparator()
    for key, page in pages.items():
        # The publish page needs the room of the detail pane; the inbox shows the entry there.
        window.add_page(key, titles[key], page, page.refresh, wide=key == "publish",
                        kind="entries" if key == "publish" else "pages")
        action = window.go_menu.addAction(titles[key])
        action.setObjectName(f"go-{key}")
        action.triggered.connect(partial(window.show_section, key))
    return pages
