"""The keyboard focus: where Tab goes in widgets made after the window, a visible focus on a
text that the keys can select, and a list's selection dimmed while the list has no focus.

Qt puts a widget made later at the end of its window's tab chain, after the toolbar's search
field; a page or a detail page filled in later would be reached last. :func:`follow` moves a
pane's controls right after the widget before the pane.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLayout, QWidget


class FramedLabel(QLabel):
    """A label that shows its keyboard focus (its text is selected with Shift and the arrow
    keys): a frame in the palette's highlight colour, where a text cursor alone is hard to
    see."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContentsMargins(2, 0, 2, 0)  # room for the frame beside the text

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            painter.setPen(QPen(self.palette().highlight().color(), 1))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
            painter.end()


def tab_stops(layout: QLayout) -> Iterator[QWidget]:
    """The widgets in ``layout`` (and in the layouts and widgets in it) that Tab stops at, in
    their order. Only what was put into layouts is walked: a wrapper made here for one of
    Qt's own inner widgets (a viewport) would outlive it, and a widget made later at its
    address would get that dead wrapper."""
    for item in map(layout.itemAt, range(layout.count())):
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                yield widget
            inner = widget.layout()
        if inner is not None:
            yield from tab_stops(inner)


def first_control(pane: QWidget) -> QWidget | None:
    """The first control of ``pane`` that Tab can reach now (shown, enabled); a text that Tab
    stops at (to be read or selected) is no control."""
    layout = pane.layout()
    stops = tab_stops(layout) if layout is not None else iter(())
    return next((w for w in stops if w.isVisible() and w.isEnabled()
                 and not isinstance(w, QLabel)), None)


def follow(first: QWidget, pane: QWidget | None) -> list[QWidget]:
    """Put the controls of ``pane`` right after ``first`` in the tab chain, in their order;
    return them."""
    layout = pane.layout() if pane is not None else None
    controls = list(tab_stops(layout)) if layout is not None else []
    for previous, control in pairwise([first, *controls]):
        QWidget.setTabOrder(previous, control)
    return controls


class _DimWithoutFocus(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QAbstractItemView):
            return False
        if isinstance(event, QFocusEvent) and \
                event.reason() != Qt.FocusReason.PopupFocusReason:  # not for its context menu
            watched.setPalette(QPalette() if event.gotFocus() else _dimmed())
        elif event.type() == QEvent.Type.ApplicationPaletteChange and not watched.hasFocus():
            watched.setPalette(_dimmed())  # from the new colours
        return False


def _dimmed() -> QPalette:
    """The highlight halfway to the base colour, with the ordinary text colour on it."""
    app = QGuiApplication.palette()
    highlight, base = app.color(QPalette.ColorRole.Highlight), app.color(QPalette.ColorRole.Base)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(
        (highlight.red() + base.red()) // 2, (highlight.green() + base.green()) // 2,
        (highlight.blue() + base.blue()) // 2))
    palette.setColor(QPalette.ColorRole.HighlightedText, app.color(QPalette.ColorRole.Text))
    return palette


_DIMMER: list[_DimWithoutFocus] = []


def dim_selection_without_focus(view: QAbstractItemView) -> None:
    """Show ``view``'s selection in the highlight colour only while it has the focus, dimmed
    otherwise, so that the list the keys act on is the one that stands out (Qt's Fusion
    style shows both alike; Windows' own style dims it itself)."""
    if not _DIMMER:
        _DIMMER.append(_DimWithoutFocus(QGuiApplication.instance()))
    view.installEventFilter(_DIMMER[0])
    if not view.hasFocus():
        view.setPalette(_dimmed())
