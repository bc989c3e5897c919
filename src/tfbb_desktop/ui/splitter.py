"""The widths of the main window's three panes: sections, list and detail.

Each pane has a minimum width and none collapses. The first time the window is laid out, the
widths come from the remembered layout if it fits the window (the proportions, scaled to the
window's width, leave every pane its minimum), or else from the default proportions, the same
for every section (the list pane does not change its width from one section to the next). While
a wide page hides the detail pane, the layout to remember is the one from before.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QDataStream, QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QSplitter

_SPLITTER_MAGIC = 0xFF  # how QSplitter.saveState begins

# Minimum widths of the section list, the list pane and the detail pane (pixels).
MINIMUMS = (172, 280, 340)

# The widest the section list is by default (on a large screen the list and detail get more).
NAV_MOST = 210

# Default proportions of the section list, the list pane and the detail pane: room in the
# list for a title beside its type at 1024 pixels, and for a detail page's text.
SHARES = (0.15, 0.40, 0.45)


def default_sizes(total: int, minimums: Sequence[int] = MINIMUMS) -> list[int]:
    """The default widths in ``total`` pixels: the section list's share, but no wider than
    :data:`NAV_MOST` (its names need no more), the rest in proportion."""
    nav = max(minimums[0], min(NAV_MOST, round(SHARES[0] * total)))
    return [nav, *fitted_sizes(SHARES[1:], total - nav, minimums[1:])]


def fitted_sizes(shares: Sequence[float], total: int, minimums: Sequence[int]) -> list[int]:
    """Widths in proportion to ``shares`` that add up to ``total``, none below its minimum
    (a pane that would be narrower gets its minimum, the others share the rest)."""
    weights = [max(0.0, float(s)) for s in shares]
    if sum(weights) <= 0:
        weights = [1.0] * len(shares)
    sizes: list[int | None] = [None] * len(shares)  # None: not yet fixed at its minimum
    while True:
        free = [i for i, size in enumerate(sizes) if size is None]
        rest = total - sum(size for size in sizes if size is not None)
        weight = sum(weights[i] for i in free)
        wanted = {i: rest * weights[i] / weight for i in free} if weight > 0 else {}
        under = [i for i in wanted if wanted[i] < minimums[i]]
        if not under:
            break
        for i in under:
            sizes[i] = minimums[i]
    result = [max(0, round(wanted.get(i, 0.0))) if size is None else size
              for i, size in enumerate(sizes)]
    if free:  # what rounding left over goes to the last free pane
        result[free[-1]] = max(0, result[free[-1]] + total - sum(result))
    return result


def state_sizes(state: QByteArray) -> list[int] | None:
    """The widths kept in a state from ``QSplitter.saveState`` (``sizes()`` after
    ``restoreState`` tells them only once the splitter is laid out)."""
    stream = QDataStream(state)
    stream.setVersion(QDataStream.Version.Qt_5_0)
    if stream.readInt32() != _SPLITTER_MAGIC:
        return None
    stream.readInt32()  # the format's version
    count = stream.readInt32()
    sizes = [stream.readInt32() for _ in range(count if 0 < count < 100 else 0)]
    return sizes if sizes and stream.status() == QDataStream.Status.Ok else None


class PaneWidths(QObject):
    """Keeps the three panes of ``splitter`` (section list, list pane, detail) in shape."""

    def __init__(self, splitter: QSplitter) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        # The proportions chosen by the user (a dragged handle or a remembered layout);
        # ``None`` while the defaults apply.
        self.chosen: list[int] | None = None
        self._state: QByteArray | None = None  # the layout to remember while the detail hides
        self._laid_out = False
        self.panes = [pane for pane in map(splitter.widget, range(3)) if pane is not None]
        for pane, width in zip(self.panes, MINIMUMS, strict=True):
            pane.setMinimumWidth(width)
        splitter.setChildrenCollapsible(False)
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)

    def detail_shown(self) -> bool:
        return not self.panes[2].isHidden()

    def restore(self, state: QByteArray) -> None:
        """Take the proportions of a remembered layout (applied once the window is laid out,
        if they fit it)."""
        sizes = state_sizes(state)
        if sizes is not None and len(sizes) == 3 and min(sizes) > 0 and \
                self.splitter.restoreState(state):
            self.chosen = sizes

    def state(self) -> QByteArray | None:
        """The layout to remember; ``None`` while the defaults apply."""
        if self.chosen is None:
            return None
        if self.detail_shown() or self._state is None:
            return self.splitter.saveState()
        return self._state

    def section_shown(self) -> None:
        """A section is shown: give the detail pane back its width after a wide page."""
        if self._laid_out:
            self.fit()

    def fit(self) -> None:
        """Set the widths: the chosen proportions if they fit the window, else the defaults."""
        total = self.splitter.width() - 2 * self.splitter.handleWidth()
        if total <= 0:
            return
        if not self.detail_shown():  # a wide page: the sections' names, the page the rest
            nav = min(max(self.splitter.sizes()[0], self.names_width()), total - MINIMUMS[1])
            self.splitter.setSizes([nav, total - nav, 0])
            return
        self._laid_out = True
        if self.chosen is not None:
            sizes = fitted_sizes(self.chosen, total, (0, 0, 0))
            if all(size >= least for size, least in zip(sizes, MINIMUMS, strict=True)):
                self.splitter.setSizes(self._with_names(sizes))
                self._state = self.splitter.saveState()
                return
            self.chosen = None  # made on a larger screen: it does not fit this one
        self.splitter.setSizes(default_sizes(total, (self.names_width(), *MINIMUMS[1:])))

    def _with_names(self, sizes: list[int]) -> list[int]:
        """``sizes`` with the section list widened to its names (at a larger text size), from
        the wider of the other two panes, as far as that one's minimum allows."""
        wider = 2 if sizes[2] >= sizes[1] else 1
        give = max(0, min(self.names_width() - sizes[0], sizes[wider] - MINIMUMS[wider]))
        widened = list(sizes)
        widened[0] += give
        widened[wider] -= give
        return widened

    def names_width(self) -> int:
        """The section list's least width: its minimum, or its names' at a larger text size."""
        nav = self.panes[0]
        if not isinstance(nav, QAbstractItemView):
            return MINIMUMS[0]
        return max(MINIMUMS[0], nav.sizeHintForColumn(0) + 2 * nav.frameWidth())

    def _moved(self, _pos: int, _index: int) -> None:
        if self.detail_shown():
            self.chosen = self.splitter.sizes()
            self._state = self.splitter.saveState()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._laid_out and (event.type() == QEvent.Type.Show or (
                event.type() == QEvent.Type.Resize and self.splitter.isVisible())):
            self.fit()  # the first time the splitter has its real width
        return super().eventFilter(watched, event)
