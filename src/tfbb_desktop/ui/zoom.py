"""Text zoom (Ctrl+plus, Ctrl+minus, Ctrl+0) for the whole window.

The window's font is the one place the zoom is set: every widget in it inherits that font,
and widgets that need a different size (headings) derive it from their parent's font."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tfbb_desktop.ui.models import bold_font

# Each step is a tenth of the system's text size.
ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 0.1, -4, 10


def clamp_zoom(steps: int) -> int:
    return max(ZOOM_MIN, min(ZOOM_MAX, steps))


def zoomed_font(steps: int) -> QFont:
    """The system's font, ``steps`` zoom steps larger (smaller if negative)."""
    font = QFont(QApplication.font())
    factor = 1.0 + ZOOM_STEP * steps
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return font


class Heading(QLabel):
    """A label in bold, ``scale`` times as large as its parent's (zoomed) text."""

    def __init__(self, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.fit()

    def fit(self) -> None:
        parent = self.parentWidget()
        base = parent.font() if parent is not None else QApplication.font()
        font = bold_font(base, self.scale)
        if font != self.font():
            self.setFont(font)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Polish, QEvent.Type.ParentChange):
            self.fit()
        return super().event(event)


def fit_headings(root: QWidget) -> None:
    """Give every heading under ``root`` its size against its parent's current font.

    A widget with a style sheet keeps the font it had when the sheet was applied (Qt does not
    pass its parent's later font on to it), so it is given its parent's font again first."""
    for widget in root.findChildren(QWidget):
        parent = widget.parentWidget()
        if widget.styleSheet() and parent is not None and not isinstance(widget, Heading):
            widget.setFont(parent.font())
    for heading in root.findChildren(Heading):
        heading.fit()


def follow_window_font(window: QWidget) -> None:
    """Let a dialog take its parent window's font (and so its zoom)."""
    window.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation, True)
