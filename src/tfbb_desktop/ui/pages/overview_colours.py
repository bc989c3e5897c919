"""The colours of the overview's cells on screen, taken from the palette: the lowest status
("no information") on the base colour, each higher status a stronger mix of the base and the
highlight colour, and the text in whichever of the palette's two text colours reads best on
it. So the matrix follows light, dark and high-contrast themes; the glyphs (see overview.py)
tell the steps apart without colour."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def mix(first: QColor, second: QColor, share: float) -> QColor:
    """``first`` with ``share`` (0..1) of ``second``."""
    keep = 1.0 - share
    return QColor.fromRgbF(first.redF() * keep + second.redF() * share,
                           first.greenF() * keep + second.greenF() * share,
                           first.blueF() * keep + second.blueF() * share)


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""
    red, green, blue = (value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
                        for value in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def step_colours(palette: QPalette, step: int, steps: int) -> tuple[QColor, QColor]:
    """(background, text) for ``step`` of ``steps`` (0 = the lowest; -1 = no status)."""
    base = palette.color(QPalette.ColorRole.Base)
    if step <= 0 or steps <= 1:
        return base, palette.color(QPalette.ColorRole.Text)
    share = 0.25 + 0.75 * (step - 1) / max(1, steps - 2)
    background = mix(base, palette.color(QPalette.ColorRole.Highlight), share)
    texts = (palette.color(QPalette.ColorRole.Text),
             palette.color(QPalette.ColorRole.HighlightedText))
    return background, max(texts, key=lambda text: contrast(text, background))
