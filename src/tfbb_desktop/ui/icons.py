"""Icons for actions and sections: the desktop's icon theme when it has the icon, else the
bundled Adwaita symbolic icons (resources/icons/actions), painted in the palette's text
colour so that they follow a dark palette and Windows High Contrast."""

from __future__ import annotations

from PySide6.QtCore import QSize
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


def bundled_icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The bundled icon ``name`` (masks) filled with the window text colour of ``palette``
    (the application's). The masks are black: in a palette with black text the files are
    used as they are, and Qt reads them when they are first drawn."""
    palette = palette if palette is not None else QGuiApplication.palette()
    colour = palette.color(QPalette.ColorRole.WindowText)
    as_they_are = colour.value() == 0 and colour.alpha() == 255  # opaque black, as the masks
    icon = QIcon()
    for size in SIZES:
        path = resource_path("icons", "actions") / f"{name}-{size}.png"
        if as_they_are:
            icon.addFile(str(path), QSize(size, size))
        elif path.exists():
            pixmap = QPixmap(str(path))
            painter = QPainter(pixmap)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(pixmap.rect(), colour)
            painter.end()
            icon.addPixmap(pixmap)
    return icon


def icon_for(key: str) -> QIcon:
    """The icon of the action or section ``key`` (an empty icon if it has none)."""
    name = ICONS.get(key)
    if name is None:
        return QIcon()
    return QIcon.fromTheme(name) if QIcon.hasThemeIcon(name) else bundled_icon(name)
