"""Publisher mode: the pages "Publicera" and "Inkorg" for the process leaders who publish the
catalogue. Off by default and invisible to ordinary users; on when the machine configuration
says ``"publisher": true`` or the user's settings file has ``publisher/enabled=true`` (see
docs/deployment.md). There is no checkbox for it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings

from tfbb_desktop.ui.lazy_pages import LazyPage, add_pages

if TYPE_CHECKING:
    from tfbb_desktop.core.sync.signing import MachineConfig
    from tfbb_desktop.ui.main_window import MainWindow

SETTING = "publisher/enabled"


def enabled(config: MachineConfig, settings: QSettings) -> bool:
    value = settings.value(SETTING, False)
    return config.publisher or str(value).strip().lower() in ("true", "1", "yes")


def install(window: MainWindow) -> dict[str, LazyPage]:
    """Add the two pages to ``window``'s navigation and Go menu (once)."""
    translate = QCoreApplication.translate
    # The publish page needs the room of the detail pane; the inbox shows the entry there.
    pages = add_pages(window, {
        "publish": (translate("Publisher", "Publish"), "pages.publish", "PublishPage", True),
        "inbox": (translate("Publisher", "Inbox"), "pages.inbox", "InboxPage", False)})
    window.go_menu.addSeparator()
    for key, page in pages.items():
        action = window.go_menu.addAction(f"&{page.accessibleName()}")  # its first letter
        action.setObjectName(f"go-{key}")
        action.triggered.connect(partial(window.go_to, key))
    return pages
