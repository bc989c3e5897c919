"""The look follows the system: with a dark palette every page's text is readable (WCAG
contrast of at least 4.5 between the text role a widget uses and its background role, and
between the colours a list's rows bring); no style sheet and no source line in the UI holds a
colour of its own; Ctrl+plus enlarges the detail text, and the size is remembered."""

from __future__ import annotations

import re
import runpy
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTextBrowser, QWidget

from tfbb_desktop.core.paths import DataPaths
from windows import ONE_OF_EACH, open_and_wait

UI = Path(__file__).resolve().parents[1] / "src" / "tfbb_desktop" / "ui"
MIN_CONTRAST = 4.5
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
dark_palette = runpy.run_path(str(SCRIPTS / "dark_palette.py"))["dark_palette"]

MIN_SQUARE_CONTRAST = 1.5  # a check box's square against the window (Fusion has no border role)


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def over(front: QColor, back: QColor) -> QColor:
    """``front`` drawn over ``back`` (its alpha blended)."""
    a = front.alphaF()
    return QColor.fromRgbF(front.redF() * a + back.redF() * (1 - a),
                           front.greenF() * a + back.greenF() * (1 - a),
                           front.blueF() * a + back.blueF() * (1 - a))


def contrast(text: QColor, background: QColor) -> float:
    lighter, darker = sorted((luminance(over(text, background)), luminance(background)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_wcags() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) < MIN_CONTRAST


@pytest.fixture
def dark(qapp: Any) -> Iterator[QPalette]:
    old = qapp.palette()
    qapp.setPalette(dark_palette())
    yield qapp.palette()
    qapp.setPalette(old)


def unreadable(root: QWidget) -> list[str]:
    """Every visible, enabled text widget (and list row) under ``root`` whose text role is
    not readable on its background role."""
    bad = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if isinstance(widget, QAbstractItemView | QTextBrowser):
            target = widget.viewport()
        elif isinstance(widget, QLabel) and widget.text():
            target = widget
        else:
            continue
        palette = target.palette()
        text = palette.color(target.foregroundRole())
        back = palette.color(target.backgroundRole())
        ratio = contrast(text, back)
        name = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        if ratio < MIN_CONTRAST:
            bad.append(f"{name}: {ratio:.2f}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            bad += [f"{name} row {row}: {r:.2f}" for row, r in row_contrasts(widget, back)
                    if r < MIN_CONTRAST]
    return bad


def row_contrasts(view: QAbstractItemView, base: QColor) -> Iterator[tuple[int, float]]:
    """The contrast of the colours the model gives its first rows' cells (its own foreground
    and background, else the view's text role and ``base``)."""
    model = view.model()
    text = view.palette().color(QPalette.ColorRole.Text)
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model's is private: one column
        columns = 1
    for row in range(min(model.rowCount(QModelIndex()), 40)):
        for column in range(columns):
            index = model.index(row, column)
            fore = index.data(Qt.ItemDataRole.ForegroundRole)
            back = index.data(Qt.ItemDataRole.BackgroundRole)
            if fore is None and back is None:
                continue
            fore_colour = fore.color() if fore is not None else text
            back_colour = back.color() if back is not None else base
            yield row, contrast(fore_colour, back_colour)


def pages(window: Any, qtbot: Any) -> Iterator[str]:
    """Show each main page in turn; yields its name."""
    window.show_welcome()
    yield "welcome"
    for section in ("principals", "contacts", "examples", "work"):
        window.show_section(section)
        yield section
    for entity_type, entity_id in ONE_OF_EACH:
        open_and_wait(qtbot, window, entity_type, entity_id)
        yield f"detail {entity_type}"
    runner = window.search_runner
    with qtbot.waitSignal(runner.answered, timeout=10000,
                          check_params_cb=lambda a: a.generation == runner.latest):
        window.search_field.setText("skol")
    yield "search"
    window.search_field.clear()
    window.show_section("overview")
    yield "overview"
    window.lazy_pages.events_page.today = lambda: date(2025, 11, 1)
    window.show_section("events")
    window.lazy_pages.events_page.refresh()
    yield "events"


def test_check_boxes_stand_out_in_the_dark_palette(dark: QPalette, window: Any) -> None:
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    box = window.findChild(QCheckBox, "filter-favourites")
    window.search_panel.show()
    assert box is not None and box.palette().color(QPalette.ColorRole.Base) == QColor("#404040")
    option = QStyleOptionButton()
    box.initStyleOption(option)
    square = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    ratio = box.devicePixelRatioF()
    inside = image.pixelColor(round(square.center().x() * ratio),
                              round(square.center().y() * ratio))
    around = image.pixelColor(round((square.right() + 2) * ratio),
                              round(square.center().y() * ratio))
    assert around == dark.color(QPalette.ColorRole.Window)
    assert contrast(inside, around) >= MIN_SQUARE_CONTRAST


def test_every_page_is_readable_in_a_dark_palette(dark: QPalette, qtbot: Any,
                                                  window: Any) -> None:
    seen = []
    for name in pages(window, qtbot):
        QApplication.processEvents()
        window.grab()  # drawn, as a user sees it
        bad = unreadable(window)
        assert not bad, f"{name}: {bad}"
        seen.append(name)
    assert len(seen) == 12


def test_a_light_text_on_a_light_background_is_found(dark: QPalette, qtbot: Any) -> None:
    label = QLabel("text")
    qtbot.addWidget(label)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#303030"))
    label.setPalette(palette)
    label.show()
    assert unreadable(label)


def test_no_widget_has_a_colour_in_its_style_sheet(window: Any, qtbot: Any) -> None:
    literal = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(|\b(white|black|red|gray|grey)\b")
    for _name in pages(window, qtbot):
        for widget in [QApplication.instance(), window, *window.findChildren(QWidget)]:
            if widget.objectName().startswith(LEGEND):
                continue
            sheet = widget.styleSheet()
            assert not literal.search(sheet), f"{widget.objectName()}: {sheet}"


# The overview's legend shows the status scale's own colours (data colours, not the UI's).
LEGEND = "legend-"

# Modules whose colours are not the UI's: paper (print and PDF are always black on white)
# and the overview's status scale (data colours, each with a text colour chosen for it; the
# dark palette test checks its contrast).
COLOUR_ALLOWED = {"printing.py": "print and PDF are on white paper",
                  "overview.py": "the status scale of the overview and its image"}
COLOUR_LITERAL = re.compile(r"""["']#[0-9a-fA-F]{3,8}["']|rgba?\(|QColor\(\s*["'\d]|"""
                            r"""Qt\.GlobalColor|QColorConstants""")


def test_the_ui_source_has_no_colour_literals() -> None:
    found = []
    sources = sorted(UI.rglob("*.py"))
    assert len(sources) > 20
    for path in sources:
        if path.name in COLOUR_ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if COLOUR_LITERAL.search(line):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
    assert COLOUR_LITERAL.search('badge.setStyleSheet("background: #fff3c4")') is None
    assert COLOUR_LITERAL.search('QColor("#fff3c4")')


def test_ctrl_plus_enlarges_the_detail_text_and_is_remembered(
        qtbot: Any, window: Any, paths: DataPaths, ctx: Any) -> None:
    from tfbb_desktop.ui.app import create_window

    window.open_entry("principals", "oxelosund")
    qtbot.waitUntil(lambda: window.detail.current is not None)
    title = window.detail.findChild(QLabel, "detailTitle")
    before, title_before = window.detail.font().pointSizeF(), title.font().pointSizeF()
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.detail.font().pointSizeF() > before
    assert title.font().pointSizeF() > title_before  # the headings grow with it
    value = window.findChild(QLabel, "detailKind")
    assert value.font().pointSizeF() == pytest.approx(window.detail.font().pointSizeF())
    window.settings.sync()
    assert QSettings(str(paths.settings), QSettings.Format.IniFormat).value("view/zoom") in (1, "1")

    zoomed = window.detail.font().pointSizeF()
    window.close()
    again = create_window(paths)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    assert again.detail.font().pointSizeF() == pytest.approx(zoomed)
    QTest.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.detail.font().pointSizeF() == pytest.approx(before)
    QTest.keyClick(again, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.detail.font().pointSizeF() < before
    again.close()


def test_ctrl_plus_enlarges_the_whole_windows_text(qtbot: Any, window: Any,
                                                   paths: DataPaths, ctx: Any) -> None:
    from tfbb_desktop.ui.app import create_window
    from tfbb_desktop.ui.pages.overview import OverviewModel
    from tfbb_desktop.ui.pages.search import ResultView

    window.show_section("overview")
    overview = window.lazy_pages.overview_page
    heading = next(label for label in overview.findChildren(QLabel) if label.font().bold())
    search = window.findChild(ResultView, "searchResults")

    def sizes(win: Any) -> dict[str, float]:
        model = win.lazy_pages.overview_page.model
        glyph = (model.data(model.index(0, 0), Qt.ItemDataRole.FontRole)
                 if isinstance(model, OverviewModel) and model.rowCount() else None)
        return {"list": win.list_view.font().pointSizeF(), "nav": win.nav.font().pointSizeF(),
                "search": win.findChild(ResultView, "searchResults").font().pointSizeF(),
                "header": win.list_view.horizontalHeader().font().pointSizeF(),
                "matrix": win.lazy_pages.overview_page.view.font().pointSizeF(),  # styled
                "heading": heading.font().pointSizeF() if win is window else 0.0,
                "glyph": glyph.pointSizeF() if glyph is not None else 0.0}

    before = sizes(window)
    assert search is not None and before["glyph"] > 0
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    zoomed = sizes(window)
    for name, size in before.items():
        assert zoomed[name] > size, name
    assert heading.font().pointSizeF() > window.list_view.font().pointSizeF()  # still larger
    box = window._about()
    assert box.font().pointSizeF() == pytest.approx(zoomed["list"])  # dialogs follow
    box.close()
    window.close()
    window.ctx = None

    again = create_window(paths)
    qtbot.addWidget(again)
    again.show()
    again.attach(ctx)
    qtbot.waitExposed(again)
    again.show_section("overview")
    remembered = sizes(again)
    for name in ("list", "nav", "search", "header", "glyph", "matrix"):
        assert remembered[name] == pytest.approx(zoomed[name]), name
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    QTest.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    back = sizes(again)
    for name in ("list", "nav", "search", "header", "glyph", "matrix"):
        assert back[name] == pytest.approx(before[name]), name
    again.close()
    again.ctx = None


def test_actions_and_sections_have_icons_in_the_palettes_colour(dark: QPalette,
                                                                window: Any) -> None:
    from tfbb_desktop.ui.icons import ICONS, bundled_icon

    light = QPalette(dark)
    light.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))  # the masks' own colour
    for name in ICONS.values():
        for palette, text in ((dark, "#ffffff"), (light, "#000000")):
            image = bundled_icon(name, palette).pixmap(24, 24).toImage()
            assert not image.isNull(), name
            colours = {image.pixelColor(x, y).name() for x in range(24) for y in range(24)
                       if image.pixelColor(x, y).alpha() > 200}
            assert colours == {text}, name  # the palette's window text
    for action in window.toolbar.actions()[:2]:
        assert not action.icon().isNull(), action.objectName()
    for row in range(window.nav.count()):
        assert not window.nav.item(row).icon().isNull(), window.nav.item(row).text()

