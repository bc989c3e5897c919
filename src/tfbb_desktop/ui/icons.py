"""Icons for actions and sections: the desktop's icon theme when it has the icon, else the
bundled Adwaita symbolic icons (resources/icons/actions), painted in the palette's text
colour so that they follow a dark palette and Windows High Contrast."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from tfbb_desktop.core.paths import resource_path

SIZES = (24, 48)

# What each action or section shows (action object names and page keys): a theme icon name.
ICONS: dict[str, str] = {
    "backAction": "go-previous",
    "forwardAction": "go-next",
    "findAction": "system-search",
    "importAction": "document-open",
    "undoImportAction": "edit-undo",
    "settingsAction": "preferences-system",
    "printAction": "document-print",
    "quitAction": "application-exit",
    "favouriteAction": "starred",
    "copyContactAction": "edit-copy",
    "calendarAction": "x-office-calendar",
    "suggestAction": "mail-send",
    "manualAction": "help-browser",
    "aboutAction": "help-about",
    "principals": "network-workgroup",
    "contacts": "avatar-default",
    "examples": "emblem-documents",
    "work": "x-office-document",
    "favourites": "starred",
    "changes": "view-refresh",
    "overview": "view-app-grid",
    "events": "x-office-calendar",
    "suggestions": "mail-unread",
    "publish": "document-send",
    "inbox": "x-office-address-book",
}


def _painted(path: str, palette: QPalette) -> QPixmap:
    """The mask at ``path`` filled with the palette's window text colour."""
    pixmap = QPixmap(path)
    painter = QPainter(pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(pixmap.rect(), palette.color(QPalette.ColorRole.WindowText))
    painter.end()
    return pixmap


def bundled_icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The bundled icon ``name`` in the colours of ``palette`` (the application's)."""
    palette = palette if palette is not None else QGuiApplication.palette()
    icon = QIcon()
    for size in SIZES:
        path = resource_path("icons", "actions") / f"{name}-{size}.png"
        if path.exists():
            icon.addPixmap(_painted(str(path), palette))
    return icon


@cache
def _theme_has(name: str) -> bool:
    return QIcon.hasThemeIcon(name)


def icon_for(key: str) -> QIcon:
    """The icon of the action or section ``key`` (an empty icon if it has none)."""
    name = ICONS.get(key)
    if name is None:
        return QIcon()
    if _theme_has(name):
        return QIcon.fromTheme(name)
    return bundled_icon(name)
