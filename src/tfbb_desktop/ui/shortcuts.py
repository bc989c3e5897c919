"""Every action's keys, in one place: one key for one action (a key given to two actions is
ambiguous, and then it does nothing). The names are the actions' object names."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

SHORTCUTS: dict[str, tuple[str, ...]] = {
    "importAction": ("Ctrl+O",),
    "settingsAction": ("Ctrl+,",),
    "printAction": ("Ctrl+P",),
    "quitAction": ("Ctrl+Q",),
    "backAction": ("Alt+Left", "Back"),
    "forwardAction": ("Alt+Right", "Forward"),
    "findAction": ("Ctrl+F",),
    "go-principals": ("Ctrl+1",),
    "go-contacts": ("Ctrl+2",),
    "go-examples": ("Ctrl+3",),
    "go-work": ("Ctrl+4",),
    "favouriteAction": ("Ctrl+D",),
    "copyContactAction": ("Ctrl+Shift+C",),
    "suggestAction": ("Ctrl+Shift+F",),
    "manualAction": ("F1",),
    "zoomInAction": ("Ctrl++", "Ctrl+="),
    "zoomOutAction": ("Ctrl+-",),
    "zoomResetAction": ("Ctrl+0",),
}


def keys(name: str) -> list[QKeySequence]:
    """The keys of the action named ``name`` (none if it has none)."""
    return [QKeySequence(key) for key in SHORTCUTS.get(name, ())]
