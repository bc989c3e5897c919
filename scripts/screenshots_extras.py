"""Take the screenshots of the overview and of a printed principal sheet.

Run under a display, e.g. with Xvfb:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots_extras.py

writes docs/screenshots/overview.png (the real window on the "Overview" page) and
docs/screenshots/principal-sheet-page1.png (page 1 of Oxelösunds kommun's sheet as it prints).
The language follows the system or TFBB_LANG (sv/en), as in the app. Each shot uses a fresh
temporary data folder holding the bundled catalogue.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.ui import printing
from tfbb_desktop.ui.app import create_window, make_app
from tfbb_desktop.ui.context import load_context
from tfbb_desktop.ui.i18n import install_translators

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SHEET_PRINCIPAL = "oxelosund"


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def overview(paths: DataPaths, target: Path) -> None:
    window = create_window(paths)
    window.resize(1280, 800)
    window.show()
    ctx = load_context(paths)
    try:
        window.attach(ctx)
        window.show_section("overview")
        settle()
        window.grab().save(str(target))
    finally:
        window.ctx = None
        window.close()
        ctx.close()


def sheet(paths: DataPaths, target: Path) -> None:
    ctx = load_context(paths)
    try:
        document = printing.make_sheet(ctx.conn, SHEET_PRINCIPAL)
        document.page_image(0, dpi=110).save(str(target))
    finally:
        ctx.close()


SHOTS = {"overview.png": overview, "principal-sheet-page1.png": sheet}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", help="which shots (default: all)")
    args = parser.parse_args()
    app = make_app()
    translators = install_translators(app)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, shot in SHOTS.items():
        if args.names and name not in args.names:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            paths = DataPaths(Path(tmp))
            paths.ensure()
            shot(paths, OUT / name)
            print(f"wrote {OUT / name}")
    del translators
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
