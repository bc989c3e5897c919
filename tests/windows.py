"""Test helper: the main window shown on a context, closed again after the test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tfbb_desktop.core.paths import DataPaths


@contextmanager
def shown_window(qtbot: Any, paths: DataPaths, ctx: Any,
                 size: tuple[int, int] = (1280, 800)) -> Iterator[Any]:
    """The main window on ``ctx``, shown at ``size``. Afterwards it is closed and let go of
    the context (closed by its owner): timers of the window (the update check) that fire
    later must find no context rather than a closed database."""
    from tfbb_desktop.ui.app import create_window

    win = create_window(paths)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    win.attach(ctx)
    try:
        yield win
    finally:
        win.close()
        win.ctx = None


# One entry of each type, with a long name or much text, for tests that walk the pages.
ONE_OF_EACH = (("principals", "oxelosund"), ("contacts", "kp-jennie-nimborg"),
               ("examples", "ex-katrineholm-skolworkshops"), ("work", "arb-npf-delprojekt-2"))


def open_and_wait(qtbot: Any, window: Any, entity_type: str, entity_id: str) -> None:
    """Open the entry and wait until its detail page is the one shown."""
    window.open_entry(entity_type, entity_id)
    qtbot.waitUntil(lambda: window.detail.current is not None
                    and window.detail.current.entity_type == entity_type)
