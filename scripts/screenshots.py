"""Take the documentation's screenshots of the real app in a real window.

Run under a display, e.g. with Xvfb:

    xvfb-run -a -s "-screen 0 1920x1200x24" env -u QT_QPA_PLATFORM TFBB_LANG=sv \
        .venv/bin/python scripts/screenshots.py

Each shot uses a fresh temporary data folder holding the bundled catalogue. Besides the
documentation's own shots, every page is taken in a light and a dark palette at 1024x700 and
1920x1080, as ``page-palette-size.png``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from dark_palette import dark_palette
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QImage
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


def welcome(window: MainWindow) -> None:
    window.show_welcome()


def example(window: MainWindow) -> None:
    window.open_entry("examples", "ex-katrineholm-skolworkshops")


def overview(window: MainWindow) -> None:
    window.show_section("overview")


def wait_for(done: Callable[[], bool], ms: int = 20000) -> None:
    for _ in range(ms // 50):
        if done():
            return
        settle(50)


def publish(window: MainWindow) -> None:
    """The Publicera page on a workbook of the bundled catalogue with one mistake and two
    changes."""
    from openpyxl import load_workbook

    from tfbb_desktop.core.outputs import workbook
    from tfbb_desktop.core.store.catalogue import bundled_export

    assert window.ctx is not None
    path = window.ctx.paths.root / "katalog-2026-01.xlsx"
    workbook.save(workbook.from_export(bundled_export(), QCoreApplication.translate), path)
    book = load_workbook(path)
    contacts, examples = book["contacts"], book["examples"]
    contacts.cell(3, 6, "anna.berg(at)katrineholm.se")
    contacts.cell(4, 3, "Verksamhetsutvecklare")
    summary = str(examples.cell(3, 4).value)
    examples.cell(3, 4, summary.replace("workshops", "föreläsningar", 1))
    book.save(path)
    window.show_section("publish")
    page = window.publisher_pages["publish"].page()  # type: ignore[attr-defined]
    page.read_workbook(path)
    wait_for(lambda: page.checked is not None)
    page.problems.setFocus()


def inbox(window: MainWindow) -> None:
    """The inbox with three suggestion files, one of them handled."""
    from tfbb_desktop.core.outputs import feedback
    from tfbb_desktop.core.outputs import inbox as core_inbox

    assert window.ctx is not None
    folder = window.ctx.paths.root / "synpunkter"
    userdata = window.ctx.userdata
    made = [
        feedback.add(userdata, entity_type="contacts", entity_id="kp-jennie-nimborg",
                     entity_name="Jennie Nimborg", category="person_left",
                     text="Jennie har gått vidare till en ny tjänst sedan december. Ny "
                          "kontaktperson för skolorna är Eva Lind.", sender_name="Anna Berg",
                     sender_email="anna.berg@katrineholm.se", dataset_version=1),
        feedback.add(userdata, entity_type="principals", entity_id="oxelosund",
                     entity_name="Oxelösunds kommun", category="other",
                     text="Webbplatsen har fått en ny adress.", dataset_version=1),
        feedback.add(userdata, entity_type="work", entity_id="arb-npf-delprojekt-2",
                     entity_name="NPF delprojekt 2.0", category="remove",
                     text="Delprojektet är avslutat.", dataset_version=1),
    ]
    for suggestion in made:
        feedback.write_file(folder, suggestion)
    core_inbox.set_handled(window.ctx.paths.root / core_inbox.HANDLED_NAME, made[2].id)
    window.settings.setValue(core_inbox.FOLDER_SETTING, str(folder))
    window.show_section("inbox")
    page = window.publisher_pages["inbox"].page()  # type: ignore[attr-defined]
    wait_for(lambda: page.read_task is None and page.model.rowCount() > 0)
    page.select(made[0].id)
    page.open_selected()


PUBLISHER_SHOTS = {"publish-1024x700.png", "publish.png", "inbox-1024x700.png"}

SHOTS: dict[str, tuple[Shot, tuple[int, int]]] = {
    "search.png": (search, (1280, 800)),
    "oxelosund.png": (oxelosund, (1280, 800)),
    "contact-small-window.png": (contact, (1024, 700)),
    "work.png": (work, (1280, 800)),
    "detail-1024x700.png": (oxelosund, (1024, 700)),
    "detail-1920x1080.png": (oxelosund_with_note, (1920, 1080)),
    "events-1024x700.png": (events, (1024, 700)),
    "events-1920x1080.png": (events, (1920, 1080)),
    "publish.png": (publish, (1280, 800)),
    "publish-1024x700.png": (publish, (1024, 700)),
    "inbox-1024x700.png": (inbox, (1024, 700)),
}


# Every page, in both palettes and both sizes: (shot, publisher mode).
PAGES: dict[str, tuple[Shot, bool]] = {
    "welcome": (welcome, False),
    "principal": (oxelosund_with_note, False),
    "contact": (contact, False),
    "example": (example, False),
    "work": (work, False),
    "search": (search, False),
    "overview": (overview, False),
    "events": (events, False),
    "publish": (publish, True),
    "inbox": (inbox, True),
}
SIZES = ((1024, 700), (1920, 1080))



def all_shots() -> dict[str, tuple[Shot, tuple[int, int], bool, str]]:
    """name: (shot, size, publisher mode, palette)."""
    shots = {name: (shot, size, name in PUBLISHER_SHOTS, "light")
             for name, (shot, size) in SHOTS.items()}
    for page, (shot, publisher) in PAGES.items():
        for palette in ("light", "dark"):
            for width, height in SIZES:
                shots[f"{page}-{palette}-{width}x{height}.png"] = (
                    shot, (width, height), publisher, palette)
    return shots


def save_small(image: QImage, path: Path) -> None:
    """Save a screenshot without alpha, at PNG's best compression (a palette PNG would shift
    the dark palette's greys)."""
    image.convertToFormat(QImage.Format.Format_RGB888).save(str(path), "PNG", 0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", help="which shots (default: all)")
    parser.add_argument("--zoom", type=int, default=0, help="text zoom steps (Ctrl+plus)")
    parser.add_argument("--out", type=Path, default=OUT, help="the folder to write to")
    args = parser.parse_args()
    app = make_app()
    app.setStyle("Fusion")  # the same look on every machine; it follows the palette
    light = app.palette()
    translators = install_translators(app)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (shot, size, publisher, palette) in all_shots().items():
        if args.names and name not in args.names:
            continue
        app.setPalette(dark_palette(light) if palette == "dark" else light)
        with tempfile.TemporaryDirectory() as tmp:
            paths = DataPaths(Path(tmp))
            paths.ensure()
            settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
            if publisher:  # publisher mode, as docs/deployment.md switches it on
                settings.setValue("publisher/enabled", "true")
            if args.zoom:
                settings.setValue("view/zoom", args.zoom)
            settings.sync()
            window = create_window(paths)
            window.resize(*size)
            window.show()
            ctx = load_context(paths)
            window.attach(ctx)
            shot(window)
            settle()
            save_small(window.grab().toImage(), args.out / name)
            print(f"wrote {args.out / name}")
            window.close()
            ctx.close()
    del translators
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
