"""Take the documentation's screenshots of the real app in a real window.

Run under a display, e.g. with Xvfb:

    xvfb-run -s "-screen 0 1920x1200x24" .venv/bin/python scripts/screenshots.py

Each shot uses a fresh temporary data folder holding the bundled catalogue.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.ui.app import create_window, make_app
from tfbb_desktop.ui.context import load_context
from tfbb_desktop.ui.i18n import install_translators
from tfbb_desktop.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

Shot = Callable[[MainWindow], None]


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def oxelosund(window: MainWindow) -> None:
    window.open_entry("principals", "oxelosund")


def oxelosund_with_note(window: MainWindow) -> None:
    window.open_entry("principals", "oxelosund")
    window.detail.note_edit.setPlainText("Fråga Katarina om nätverksträffen i vår.")
    settle(800)  # the note saves itself: "Sparad"


def contact(window: MainWindow) -> None:
    window.open_entry("contacts", "kp-jennie-nimborg")


def work(window: MainWindow) -> None:
    window.open_entry("work", "arb-npf-delprojekt-2")


def search(window: MainWindow) -> None:
    window.search_field.setText("skol")
    settle(400)
    panel = window.search_panel
    assert panel is not None
    combo = panel.combos["principal"]
    combo.setCurrentIndex(max(1, combo.findData("katrineholm")))
    settle(400)
    window.open_entry("principals", "katrineholm")


def events(window: MainWindow) -> None:
    page = window.lazy_pages.events_page
    page.today = lambda: date(2025, 11, 1)  # the bundled catalogue's events are in 2025
    window.show_section("events")
    page.select("arb-webbinarium-2025-11-07")
    page.open_selected()


SHOTS: dict[str, tuple[Shot, tuple[int, int]]] = {
    "search.png": (search, (1280, 800)),
    "oxelosund.png": (oxelosund, (1280, 800)),
    "contact-small-window.png": (contact, (1024, 700)),
    "work.png": (work, (1280, 800)),
    "detail-1024x700.png": (oxelosund, (1024, 700)),
    "detail-1920x1080.png": (oxelosund_with_note, (1920, 1080)),
    "events-1024x700.png": (events, (1024, 700)),
    "events-1920x1080.png": (events, (1920, 1080)),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", help="which shots (default: all)")
    args = parser.parse_args()
    app = make_app()
    translators = install_translators(app)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (shot, size) in SHOTS.items():
        if args.names and name not in args.names:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            paths = DataPaths(Path(tmp))
            paths.ensure()
            window = create_window(paths)
            window.resize(*size)
            window.show()
            ctx = load_context(paths)
            window.attach(ctx)
            shot(window)
            settle()
            window.grab().save(str(OUT / name))
            print(f"wrote {OUT / name}")
            window.close()
            ctx.close()
    del translators
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
