"""Text zoom (Ctrl+plus, Ctrl+minus, Ctrl+0) for the whole window.

The window's font is the one place the zoom is set: every widget in it inherits that font,
and widgets that need a different size (headings) derive it from their parent's font."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from tfbb_desktop.ui.focus import FramedLabel
from tfbb_desktop.ui.models import bold_font

# Each step is a tenth of the system's text size.
ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 0.1, -4, 10
FONT_SCALE = "fontScale"  # a widget's property: its text's size against its parent's


def zoomed_font(steps: int) -> QFont:
    """The system's font, ``steps`` zoom steps larger (smaller if negative)."""
    return scaled_font(QApplication.font(), 1.0 + ZOOM_STEP * steps)


class Heading(FramedLabel):
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


def scaled_font(base: QFont, scale: float) -> QFont:
    font = QFont(base)
    if scale != 1.0 and font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    elif scale != 1.0:
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    return font


def fit_font(widget: QWidget) -> None:
    """Give ``widget`` its parent's font (times its :data:`FONT_SCALE` property, if set)."""
    parent = widget.parentWidget()
    if parent is None:
        return
    scale = widget.property(FONT_SCALE)
    font = scaled_font(parent.font(), float(scale) if scale is not None else 1.0)
    if font != widget.font():
        widget.setFont(font)
    if isinstance(widget, QAbstractScrollArea) and widget.viewport().font() != font:
        widget.viewport().setFont(font)  # it paints the text, and may not follow


def fit_fonts(root: QWidget) -> None:
    """Give the widgets under ``root`` their parent's current (zoomed) font, and every
    heading its size against it.

    A widget under a style sheet keeps the font it had when the sheet was applied (Qt does not
    pass its parent's later font on to it), so it is given its parent's font again, parents
    first; so is a widget with a :data:`FONT_SCALE` of its own."""
    for widget in root.findChildren(QWidget):  # parents before their children
        if isinstance(widget, Heading):
            widget.fit()
        elif widget.testAttribute(Qt.WidgetAttribute.WA_StyleSheet) \
                or widget.property(FONT_SCALE) is not None:
            fit_font(widget)


def follow_window_font(window: QWidget) -> None:
    """Let a dialog take its parent window's font (and so its zoom)."""
    window.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation, True)
