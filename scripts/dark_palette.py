"""The dark palette of the dark screenshots and of the dark-palette tests: the colours a dark
desktop gives (Windows 11's dark mode). It is not the app's: the app follows the system's.

Fusion draws a check box's square in Base with a border a shade darker than Window (no role of
its own), so on a dark Window the square shows only where Base stands out from it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

DARK = {
    QPalette.ColorRole.Window: "#202020", QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#404040", QPalette.ColorRole.AlternateBase: "#474747",
    QPalette.ColorRole.Text: "#ffffff", QPalette.ColorRole.Button: "#2d2d2d",
    QPalette.ColorRole.ButtonText: "#ffffff", QPalette.ColorRole.Highlight: "#0078d4",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#4cc2ff",
    QPalette.ColorRole.LinkVisited: "#c19dff", QPalette.ColorRole.PlaceholderText: "#a0a0a0",
    QPalette.ColorRole.ToolTipBase: "#2b2b2b", QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.Mid: "#5a5a5a", QPalette.ColorRole.Dark: "#101010",
    QPalette.ColorRole.Light: "#3a3a3a", QPalette.ColorRole.Midlight: "#303030",
    QPalette.ColorRole.Shadow: "#000000", QPalette.ColorRole.BrightText: "#ffffff",
}


def dark_palette(base: QPalette | None = None) -> QPalette:
    """``base`` (or a default palette) with the dark colours."""
    palette = QPalette(base) if base is not None else QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    return palette
