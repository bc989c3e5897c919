"""The overview, events, suggestions, print and contact export in the real window, offscreen."""

from __future__ import annotations

import csv
import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from task_wait import wait_task
from tfbb_desktop.core.outputs import feedback
from tfbb_desktop.ui.actions import EntryActions
from tfbb_desktop.ui.context import AppContext
from tfbb_desktop.ui.dialogs.feedback import FeedbackDialog
from tfbb_desktop.ui.lazy_pages import LazyPages
from tfbb_desktop.ui.main_window import MainWindow
from tfbb_desktop.ui.models import ID_ROLE
from tfbb_desktop.ui.pages.overview import COMPONENT_ROLE, render_image


@pytest.fixture
def pages(window: MainWindow) -> LazyPages:
    return window.lazy_pages


@pytest.fixture
def actions(window: MainWindow) -> EntryActions:
    return window.entry_actions


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_the_window_has_the_pages_and_actions_once(window: MainWindow) -> None:
    assert len(window.findChildren(LazyPages)) == len(window.findChildren(EntryActions)) == 1
    assert window.pages[-3:] == ["overview", "events", "suggestions"]
    file_texts = [a.text().replace("&", "") for a in window.file_menu.actions()]
    for text in ("Print principal sheet …", "Save principal sheet as PDF …",
                 "Save booklet as PDF …", "Print …"):
        assert text in file_texts
    assert file_texts[-1] == window.quit_action.text().replace("&", "")  # Quit stays last
    entry_texts = [a.text().replace("&", "") for a in window.entry_menu.actions()]
    for text in ("Copy contact details", "Export contacts as vCard …",
                 "Export contacts as CSV …", "Suggest a change …"):
        assert text in entry_texts
    assert action(window, "copyContactAction").shortcut() == QKeySequence("Ctrl+Shift+C")
    assert not action(window, "suggestAction").shortcut().isEmpty()
    shortcuts = [k.toString() for a in window.findChildren(QAction)
                 for k in a.shortcuts()]
    assert len(shortcuts) == len(set(shortcuts))  # no ambiguous shortcut


# Overview -------------------------------------------------------------------------------------

def test_overview_shows_ten_principals_and_the_counts(qtmodeltester: Any, window: MainWindow,
                                                      pages: LazyPages) -> None:
    window.show_section("overview")
    page = pages.overview_page
    assert page.isVisible() and not window.detail.isVisible()  # a wide page
    model = page.model
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 11 and model.columnCount() == 8  # with the totals
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(11)]
    assert rows[0] == "Eskilstuna kommun" and "Region Sörmland" in rows
    assert rows[-1] == "Total"
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert heads[0] == "Barnets\nbästa-\nansvarig" and heads[-1] == "Total"
    assert not any("Uppgift saknas" in h or "of 10" in h for h in heads + rows)  # counts once
    planned = heads.index("Implementeringsplan")
    assert model.index(10, planned).data() == "0 / 1"  # Region Sörmland: Planerad
    assert "På plats: 0 of 10" in model.index(10, planned).data(Qt.ItemDataRole.ToolTipRole)
    row = next(r for r in range(10) if model.index(r, 0).data(ID_ROLE) == "katrineholm")
    assert model.index(row, 7).data() == "0 / 1"
    assert model.index(10, 7).data() == "0 / 2"
    cell = model.index(row, 6)
    assert cell.data() == "◕"  # the glyph only; the words in the tooltip
    tooltip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Katrineholm" in tooltip and "Prövas i liten skala" in tooltip
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole).endswith(": Prövas i liten skala")
    assert model.index(0, 0).data() == "○"
    assert "Uppgift saknas" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    texts = {model.index(r, c).data() for r in range(11) for c in range(8)}
    assert not any("Uppgift" in t for t in texts)
    legend = page.findChild(QLabel, "legend-pa-plats")
    assert legend is not None and legend.text() == "● På plats (0)"
    assert page.findChild(QLabel, "legend-uppgift-saknas").text() == "○ Uppgift saknas (68)"


def test_overview_colours_come_from_the_palette(qapp: Any, qtbot: Any, window: MainWindow,
                                                pages: LazyPages) -> None:
    from PySide6.QtGui import QColor, QPalette

    from tfbb_desktop.ui.pages.overview_colours import contrast

    window.show_section("overview")
    model = pages.overview_page.model
    row = next(r for r in range(10) if model.index(r, 0).data(ID_ROLE) == "katrineholm")
    before = model.index(row, 6).data(Qt.ItemDataRole.BackgroundRole).color()
    dark = QPalette(qapp.palette())
    for role, colour in ((QPalette.ColorRole.Base, "#202020"),
                         (QPalette.ColorRole.Text, "#f0f0f0"),
                         (QPalette.ColorRole.Highlight, "#3daee9"),
                         (QPalette.ColorRole.HighlightedText, "#000000")):
        dark.setColor(role, QColor(colour))
    old = qapp.palette()
    qapp.setPalette(dark)
    try:
        lowest = model.index(0, 0)
        assert lowest.data(Qt.ItemDataRole.BackgroundRole).color() == QColor("#202020")
        tried = model.index(row, 6)
        background = tried.data(Qt.ItemDataRole.BackgroundRole).color()
        assert background != before and background.lightness() < 200
        text = tried.data(Qt.ItemDataRole.ForegroundRole).color()
        assert contrast(text, background) >= 4.5
        qtbot.waitUntil(lambda: "#202020" in pages.overview_page.findChild(
            QLabel, "legend-uppgift-saknas").styleSheet())  # the legend follows the palette
    finally:
        qapp.setPalette(old)


def test_overview_says_why_it_lists_fewer_principals(window: MainWindow,
                                                     pages: LazyPages) -> None:
    window.show_section("overview")
    page = pages.overview_page
    assert page.left_out.isVisible()
    text = page.left_out.text()
    assert text.startswith("The principals list has 12 principals; 2 of them have no status")
    assert "FoU i Sörmland" in text


def test_a_long_web_address_does_not_widen_the_detail_page(qtbot: Any,
                                                          window: MainWindow) -> None:
    """In the smallest window a principal with a long address in its link still fits its
    pane: no sideways scroll bar, the title wrapped rather than cut."""
    window.resize(window.minimumSize())
    window.open_entry("principals", "lansgemensamt-stod")
    detail = window.detail
    qtbot.waitUntil(lambda: detail.current is not None
                    and detail.current.entity_id == "lansgemensamt-stod")
    assert detail.findChildren(QPushButton, "urlLink"), "the entry has a web link"
    qtbot.waitUntil(lambda: detail.widget().width() > 0)
    qtbot.wait(200)  # the page laid out at its width
    assert detail.horizontalScrollBar().maximum() == 0
    title = detail.findChild(QLabel, "detailTitle")
    assert title is not None and title.width() <= detail.viewport().width()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_overview_fits_without_scrolling_sideways(qtbot: Any, window: MainWindow,
                                                  pages: LazyPages, size: tuple[int, int]) -> None:
    window.show_section("overview")
    window.resize(*size)
    page = pages.overview_page
    qtbot.waitUntil(lambda: window.width() == size[0])
    qtbot.wait(20)
    assert page.view.horizontalScrollBar().maximum() == 0
    header = page.view.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(page.model.columnCount()):  # no header line is cut
        text = page.model.headerData(column, Qt.Orientation.Horizontal)
        widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        assert header.sectionSize(column) >= widest


def test_the_legend_keeps_one_line_while_it_fits_and_wraps_when_not(
        qtbot: Any, window: MainWindow, pages: LazyPages) -> None:
    window.resize(1024, 700)
    window.show_section("overview")
    page = pages.overview_page
    swatches = [w for w in page.legend.findChildren(QLabel) if w.objectName().startswith("legend-")]
    assert swatches
    qtbot.wait(20)
    assert not any(w.wordWrap() for w in swatches)
    window.set_zoom(4)
    qtbot.waitUntil(lambda: all(w.wordWrap() for w in swatches))
    for swatch in swatches:  # wrapped, not cut: every line of its text has room
        words = swatch.text().split()
        assert swatch.width() >= max(swatch.fontMetrics().horizontalAdvance(w) for w in words)
    window.set_zoom(0)
    qtbot.waitUntil(lambda: not any(w.wordWrap() for w in swatches))


def test_the_chosen_cell_keeps_its_colour_in_a_frame(qtbot: Any, window: MainWindow,
                                                    pages: LazyPages) -> None:
    window.show_section("overview")
    page = pages.overview_page
    index = next(page.model.index(r, c) for r in range(page.model.rowCount() - 1)
                 for c in range(page.model.columnCount() - 1)
                 if page.model.index(r, c).data(Qt.ItemDataRole.BackgroundRole).color()
                 != page.view.palette().base().color())  # a cell with a status colour
    colour = index.data(Qt.ItemDataRole.BackgroundRole).color()
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    assert page.view.selectionModel().isSelected(index)
    qtbot.wait(20)
    rect = page.view.visualRect(index)
    image = page.view.viewport().grab().toImage()
    assert image.pixelColor(rect.left() + 6, rect.center().y()).rgb() == colour.rgb()
    assert image.pixelColor(rect.left() + 1, rect.center().y()).rgb() == \
        page.view.palette().highlight().color().rgb()  # the frame, not the selection's fill
    total = page.model.index(index.row(), page.model.columnCount() - 1)  # no status colour
    page.view.setCurrentIndex(total)
    qtbot.wait(20)
    rect = page.view.visualRect(total)
    image = page.view.viewport().grab().toImage()
    assert image.pixelColor(rect.left() + 6, rect.top() + 5).rgb() == \
        page.view.palette().base().color().rgb()


def cell_rect_center(page: Any, row: int, column: int) -> Any:
    return page.view.visualRect(page.model.index(row, column)).center()


def test_the_matrix_is_walked_with_the_arrows_and_left_with_tab(qtbot: Any, window: MainWindow,
                                                               pages: LazyPages) -> None:
    """Keyboard: the arrows choose a cell, whose status and note are shown under the matrix
    (a tooltip needs the mouse); Tab leaves the matrix instead of walking its ~80 cells."""
    from tfbb_desktop.ui.pages.overview import DETAILS_ROLE

    window.show_section("overview")
    page = pages.overview_page
    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    current = view.currentIndex()
    assert (current.row(), current.column()) == (1, 1)
    shown = page.cell_details.text()
    name, words = current.data(DETAILS_ROLE).split("\n")[:2]
    assert shown.startswith(f"{name} · {words}")
    assert name == page.model.headerData(1, Qt.Orientation.Vertical)
    height = page.cell_details.height()
    page.model.set_overview(page.model.overview)  # filled again: nothing chosen, no text
    assert page.cell_details.text() == "" and page.cell_details.height() == height
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view


def test_a_click_on_a_cell_opens_the_principal_at_the_component(
        qtbot: Any, window: MainWindow, pages: LazyPages) -> None:
    window.show_section("overview")
    page = pages.overview_page
    row = next(r for r in range(10)
               if page.model.index(r, 0).data(ID_ROLE) == "katrineholm")
    column = next(c for c in range(7) if page.model.index(0, c).data(COMPONENT_ROLE)
                  == "kommunikation-goda-exempel")
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=cell_rect_center(page, row, column))
    assert window.detail.current is not None
    assert (window.detail.current.entity_type, window.detail.current.entity_id) == \
        ("principals", "katrineholm")
    assert window.detail.isVisible()
    label = window.detail.widget().findChild(QLabel, "component-kommunikation-goda-exempel")
    assert label is not None

    def shown() -> None:
        top = label.mapTo(window.detail.widget(), label.rect().topLeft()).y()
        scroll = window.detail.verticalScrollBar().value()
        assert scroll > 0
        assert scroll <= top <= scroll + window.detail.viewport().height()

    qtbot.waitUntil(shown, timeout=3000)


def test_enter_on_a_cell_opens_the_principal(qtbot: Any, window: MainWindow,
                                             pages: LazyPages) -> None:
    window.show_section("overview")
    page = pages.overview_page
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(5, 0))  # Oxelösunds kommun
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window.detail.current is not None
    assert window.detail.current.entity_id == "oxelosund"


def test_the_overview_saves_as_png(tmp_path: Path, window: MainWindow, pages: LazyPages) -> None:
    window.show_section("overview")
    target = pages.overview_page.export_png(tmp_path / "helheten.png")
    assert target is not None
    image = QImage(str(target))
    assert not image.isNull() and image.width() > 800
    standalone = render_image(pages.overview_page.model.overview, "Titel", scale=1.0)
    assert standalone.width() > 800 and standalone.height() > 400


# Events -----------------------------------------------------------------------------------------

def test_events_page_shows_past_events_only_when_asked(
        qtmodeltester: Any, window: MainWindow, pages: LazyPages) -> None:
    page = pages.events_page
    page.today = lambda: date(2026, 6, 1)
    window.show_section("events")
    qtmodeltester.check(page.model, force_py=True)
    assert page.model.rowCount() == 0  # nothing upcoming: the past ones wait to be asked for
    assert "No upcoming events" in page.notice.text() and "Show earlier" in page.notice.text()
    assert page.show_past.text() == "Show earlier" and page.show_past.accessibleName()
    page.show_past.setChecked(True)
    assert page.model.rowCount() == 4
    texts = [page.model.index(r, 0).data() for r in range(4)]
    webinar = next(t for t in texts if t.startswith("Webbinarium"))
    assert "2025-11-07 12.00–12.45" in webinar
    assert "Digitalt, länk på samverkanswebben" in webinar
    page.show_past.setChecked(False)

    page.today = lambda: date(2025, 11, 6)
    page.refresh()
    assert page.model.rowCount() == 2  # the webinar and the meeting on 25 November
    assert "upcoming" in page.notice.text()
    starts = [page.model.item_at(r).first_day for r in range(2)]
    assert starts == sorted(starts)  # by date
    assert page.model.item_at(0).work_id == "arb-webbinarium-2025-11-07"
    page.show_past.setChecked(True)
    assert page.model.rowCount() == 4
    qtmodeltester.check(page.model, force_py=True)


def test_finished_meetings_can_be_hidden_from_the_ongoing_work(
        qtmodeltester: Any, window: MainWindow, ctx: AppContext) -> None:
    from tfbb_desktop.core.store import events as core_events
    from tfbb_desktop.ui.list_bar import HIDE_FINISHED_SETTING

    window.today = lambda: date(2025, 11, 6)  # the workshop of October is over
    window.show_section("work")
    bar = window.list_bar
    assert bar.isVisible() and bar.hide_finished.isVisible()
    model = window.models["work"]
    everything = list(model.ids())
    finished = core_events.finished_ids(ctx.conn, date(2025, 11, 6))
    assert finished and finished < set(everything)
    assert "arb-webbinarium-2025-11-07" not in finished  # the next day's webinar stays
    bar.hide_finished.setChecked(True)
    assert set(model.ids()) == set(everything) - finished
    assert model.ids() == [i for i in everything if i not in finished]  # the order kept
    assert bar.hide_finished.text().endswith(f"({len(finished)})")
    qtmodeltester.check(model, force_py=True)
    assert window.settings.value(HIDE_FINISHED_SETTING) in (True, "true")
    window.reload()  # still hidden after reading the catalogue again
    assert set(model.ids()) == set(everything) - finished
    bar.hide_finished.setChecked(False)
    assert model.ids() == everything
    window.show_section("principals")
    assert not bar.hide_finished.isVisible()


def test_an_event_opens_beside_the_list_and_goes_to_the_calendar(
        qtbot: Any, tmp_path: Path, window: MainWindow, pages: LazyPages,
        actions: EntryActions) -> None:
    page = pages.events_page
    page.today = lambda: date(2025, 11, 1)
    window.show_section("events")
    row = page.model.row_of("arb-webbinarium-2025-11-07")
    index = page.model.index(row, 0)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.view.visualRect(index).center())
    assert window.detail.current is not None
    assert window.detail.current.entity_id == "arb-webbinarium-2025-11-07"
    assert page.isVisible() and window.section == "events"  # the list stays
    assert page.selected() is not None
    assert page.selected().work_id == "arb-webbinarium-2025-11-07"

    target = wait_task(qtbot, page.save_selected(tmp_path / "webbinarium.ics"))
    assert target == tmp_path / "webbinarium.ics"
    (event,) = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Webbinarium: Goda exempel i implementeringen"
    assert event.decoded("DTSTART").hour == 12
    # The entry menu's action saves the work item shown, too.
    again = wait_task(qtbot, actions.add_current_to_calendar(tmp_path / "igen.ics"))
    assert again == tmp_path / "igen.ics" and again.read_bytes() != b""


# Suggestions ------------------------------------------------------------------------------------

def test_esc_keeps_a_written_suggestion_unless_thrown_away(qtbot: Any, window: MainWindow,
                                                          actions: EntryActions) -> None:
    from PySide6.QtWidgets import QMessageBox

    window.open_entry("contacts", "kp-katarina-haddon")
    dialog = actions.suggest_change()
    qtbot.waitExposed(dialog)
    dialog.text.setPlainText("Katarina har gått i pension.")
    answers: list[str] = []

    def answer(button_text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "discardSuggestion"
        answers.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(50, lambda: answer("Keep writing"))
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.text.toPlainText() == "Katarina har gått i pension."
    QTimer.singleShot(50, lambda: answer("Throw away"))
    dialog.reject()
    assert not dialog.isVisible() and len(answers) == 2


def test_the_feedback_dialog_saves_and_writes_to_the_shared_folder(
        qtbot: Any, qtmodeltester: Any, tmp_path: Path, window: MainWindow, ctx: AppContext,
        pages: LazyPages, actions: EntryActions) -> None:
    share = tmp_path / "share"
    share.mkdir()
    ctx.config.source = str(share)
    window.open_entry("contacts", "kp-katarina-haddon")
    dialog = actions.suggest_change()
    assert isinstance(dialog, FeedbackDialog)
    assert str(share / "synpunkter") in dialog.how.text()
    assert dialog.category.currentData() == "person_left"
    dialog.send_button.click()  # empty text: refused, nothing saved
    assert dialog.problem.isVisible() and feedback.suggestions(ctx.userdata) == []
    dialog.text.setPlainText("Katarina har gått i pension; ny chef är Örjan Åberg.")
    dialog.name.setText("Märta Östlund")
    dialog.send_button.click()
    assert not dialog.isVisible()
    wait_task(qtbot, dialog.send_task)  # the file is written on the runner
    (saved,) = feedback.suggestions(ctx.userdata)
    assert saved.entity_id == "kp-katarina-haddon" and saved.sent and saved.sent_via == "file"
    (written,) = (share / "synpunkter").iterdir()
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["entry"]["name"] == "Katarina Haddon"
    assert data["text"] == "Katarina har gått i pension; ny chef är Örjan Åberg."
    assert feedback.parse_file(written.read_bytes()).sender.name == "Märta Östlund"
    told = window.statusBar().currentMessage()
    assert str(share / "synpunkter") in told and written.name in told  # says where it went

    window.show_section("suggestions")
    page = pages.suggestions_page
    qtmodeltester.check(page.model, force_py=True)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Katarina Haddon · Someone has left\n" \
        "Katarina har gått i pension; ny chef är Örjan Åberg."
    status = page.model.index(0, 1).data()
    assert status.startswith("Saved as file " + saved.sent_at[:10])
    assert status.endswith("in the folder " + str(share / "synpunkter"))


def test_my_suggestions_shows_a_long_text_on_one_line_and_whole_below(
        window: MainWindow, ctx: AppContext, pages: LazyPages) -> None:
    text = "Första raden.\n\nAndra stycket " + "med många ord " * 20
    feedback.add(ctx.userdata, entity_type="principals", entity_id="flen",
                 entity_name="Flens kommun", category="other", text=text, sender_name="",
                 sender_email="", dataset_version=1, publisher="")
    mine = next(a for a in window.go_menu.actions() if a.objectName() == "go-suggestions")
    assert mine.text().replace("&", "").split(" ", 1)[-1] == "My suggestions"
    mine.trigger()  # Go → My suggestions
    assert window.section == "suggestions"
    page = pages.suggestions_page
    shown_text = page.model.index(0, 0).data().split("\n")[1]
    assert shown_text.startswith("Första raden. Andra stycket med") and shown_text.endswith("…")
    assert len(shown_text) <= 90
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.text.text() == text.strip()


def test_an_unsent_suggestion_is_sent_again_by_email(
        qtbot: Any, window: MainWindow, ctx: AppContext, pages: LazyPages, actions: EntryActions,
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(window, "open_url", opened.append)
    window.open_entry("principals", "oxelosund")
    dialog = actions.suggest_change()
    assert dialog is not None
    assert "choose a folder" in dialog.how.text()
    dialog.category.setCurrentIndex(dialog.category.findData("new_contact"))
    dialog.text.setPlainText("Ny kontaktperson: Åsa Öberg, socialchef.")
    dialog.save_button.click()  # save only
    (saved,) = feedback.suggestions(ctx.userdata)
    assert not saved.sent and opened == []

    # The catalogue now names an address (as a newer export would).
    ctx.conn.execute("UPDATE catalogue_info SET value = 'synpunkter@example.se' "
                     "WHERE key = 'feedback_email'")
    window.show_section("suggestions")
    page = pages.suggestions_page
    assert page.model.index(0, 1).data().startswith("Not sent\nwritten 20")
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.send_button.text() == "Send"
    assert page.send_selected()
    assert len(opened) == 1 and opened[0].startswith("mailto:synpunkter@example.se?subject=")
    sent = feedback.get(ctx.userdata, saved.id)
    assert sent is not None and sent.sent and sent.sent_via == "email"
    assert page.model.index(0, 1).data() == \
        f"Opened as e-mail {sent.sent_at[:10]}\nin your e-mail program, to synpunkter@example.se"
    told = window.statusBar().currentMessage()
    assert "synpunkter@example.se" in told and "e-mail program" in told
    assert page.open_selected()
    assert window.detail.current is not None and window.detail.current.entity_id == "oxelosund"


# Contacts ---------------------------------------------------------------------------------------

def test_copy_and_export_contacts(qtbot: Any, tmp_path: Path, window: MainWindow,
                                  actions: EntryActions) -> None:
    window.open_entry("principals", "oxelosund")
    vcf = tmp_path / "oxelosund.vcf"
    assert wait_task(qtbot, actions.export_contacts("vcf", vcf)) == 2
    assert str(vcf) in window.statusBar().currentMessage()
    cards = list(vobject.readComponents(vcf.read_bytes().decode("utf-8")))
    assert sorted(c.fn.value for c in cards) == ["Katarina Haddon", "Marita Encke Dahlin"]
    assert action(window, "vcardsAction") in window.entry_menu.actions()
    folder = tmp_path / "kort"
    assert wait_task(qtbot, actions.export_contacts("vcf-each", folder)) == 2
    assert sorted(p.name for p in folder.glob("*.vcf")) == ["kp-katarina-haddon.vcf",
                                                             "kp-marita-encke-dahlin.vcf"]
    single = vobject.readOne((folder / "kp-katarina-haddon.vcf").read_text(encoding="utf-8"))
    assert single.fn.value == "Katarina Haddon" and single.version.value == "3.0"

    window.show_section("contacts")
    csv_path = tmp_path / "alla.csv"
    assert wait_task(qtbot, actions.export_contacts("csv", csv_path)) == 11
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) == 1 + window.models["contacts"].rowCount() == 12
    malin = next(r for r in rows if r[0] == "Malin Sjöqvist")
    assert malin[1] == "Processledare"
    assert malin[2] == "Länsgemensamt regionalt stöd – Tillsammans för barnens bästa"

    window.open_entry("contacts", "kp-katarina-haddon")
    action(window, "copyContactAction").trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Katarina Haddon\nVård- och omsorgschef\nOxelösunds kommun")

    window.open_entry("examples", window.models["examples"].ids()[0])
    assert actions.copy_contact() is None  # not a contact: nothing copied, a message instead
    assert "contact" in window.statusBar().currentMessage()


def test_contact_files_speak_the_ui_language(qtbot: Any, tmp_path: Path, swedish: Any,
                                             window: MainWindow, actions: EntryActions) -> None:
    """The CSV's columns, the vCard's note and the copied lines are in Swedish in the Swedish
    UI (and in English without a translation, tests/test_contacts_export.py)."""
    window.show_section("contacts")
    csv_path = tmp_path / "alla.csv"
    assert wait_task(qtbot, actions.export_contacts("csv", csv_path)) == 11
    header = csv_path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "Namn;Titel;Organisation;Enhet;E-post;Telefon;Roller"
    window.open_entry("contacts", "kp-katarina-haddon")
    vcf = tmp_path / "katarina.vcf"
    assert wait_task(qtbot, actions.export_contacts("vcf", vcf)) == 11  # the list shown
    assert "NOTE:Roller i TFBB: " in vcf.read_text(encoding="utf-8")
    assert "\nRoller i TFBB: " in actions.copy_contact()


def test_pdf_actions_with_paths(qtbot: Any, tmp_path: Path, window: MainWindow) -> None:
    from tfbb_desktop.ui import printing

    window.open_entry("contacts", "kp-katarina-haddon")  # the sheet of her principal
    sheet = tmp_path / "blad.pdf"
    assert wait_task(qtbot, printing.save_principal_pdf_action(window, sheet)) == 1
    assert sheet.stat().st_size > 1000
    booklet = tmp_path / "bok.pdf"
    assert wait_task(qtbot, printing.save_booklet_pdf_action(window, booklet)) > 12
    assert booklet.exists() and "page" in window.statusBar().currentMessage()
    window.open_entry("examples", window.models["examples"].ids()[0])
    assert printing.save_principal_pdf_action(window, tmp_path / "inget.pdf") is None


def test_a_shown_overview_follows_a_new_catalogue(window: MainWindow, ctx: AppContext,
                                                  pages: LazyPages) -> None:
    window.show_section("overview")
    model = pages.overview_page.model
    assert model.index(10, 0).data() == "0 / 0"
    ctx.conn.execute("UPDATE component_status SET status = 'pa-plats' WHERE principal_id = "
                     "'flen' AND component_id = 'barnets-basta-ansvarig'")
    window.reload()  # as after an import or undo
    assert model.index(10, 0).data() == "1 / 1"
    assert pages.overview_page.isVisible()


def test_a_hidden_overview_follows_a_new_catalogue_too(window: MainWindow, ctx: AppContext,
                                                        pages: LazyPages) -> None:
    """The overview's image (File menu) must show the catalogue installed now, even when the
    overview page was built earlier and another page is shown."""
    window.show_section("overview")
    model = pages.overview_page.model
    window.show_section("principals")
    assert not pages.overview_page.isVisible()
    ctx.conn.execute("UPDATE component_status SET status = 'pa-plats' WHERE principal_id = "
                     "'flen' AND component_id = 'barnets-basta-ansvarig'")
    window.reload()  # as after an import or undo
    assert model.index(10, 0).data() == "1 / 1"


def test_print_shows_a_preview_of_the_entry_shown(qtbot: Any, tmp_path: Path,
                                                  window: MainWindow,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialog

    from tfbb_desktop.ui import printing

    target = tmp_path / "preview.pdf"

    class FakePreview:
        def __init__(self, printer: QPrinter, _parent: object) -> None:
            self.printer = printer
            self.paintRequested = self
            self.callback: Any = None

        def connect(self, callback: Any) -> None:
            self.callback = callback

        def setWindowTitle(self, _title: str) -> None:
            pass

        def resize(self, size: QSize) -> None:
            self.shown_size = size  # as large as the main window

        def exec(self) -> QDialog.DialogCode:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(target))
            self.callback(self.printer)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing, "QPrintPreviewDialog", FakePreview)
    window.open_entry("work", "arb-webbinarium-2025-11-07")
    wait_task(qtbot, printing.print_preview_action(window))
    import pypdf

    text = " ".join(pypdf.PdfReader(str(target)).pages[0].extract_text().split())
    assert "Webbinarium: Goda exempel i implementeringen" in text
    assert "2025-11-07 12.00–12.45" in text
    window.show_section("overview")  # no entry shown: the whole booklet
    wait_task(qtbot, printing.print_preview_action(window))
    assert len(pypdf.PdfReader(str(target)).pages) > 12


def test_the_status_scale_reads_in_grey_scale() -> None:
    from PySide6.QtGui import QColor

    from tfbb_desktop.ui.pages.overview import GLYPHS, PALETTE

    def luminance(colour: str) -> float:
        channels = []
        for value in QColor(colour).getRgbF()[:3]:
            channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055)
                            ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    values = [luminance(c) for c in PALETTE]
    assert all(a > b for a, b in itertools.pairwise(values))
    lightness = [116 * v ** (1 / 3) - 16 for v in values]  # CIE L*
    assert min(a - b for a, b in itertools.pairwise(lightness)) > 12
    assert len(set(GLYPHS)) == len(GLYPHS) == len(PALETTE)


def test_deleting_a_suggestion_asks_with_delete_and_cancel(
        window: MainWindow, ctx: AppContext, pages: LazyPages) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    feedback.add(ctx.userdata, entity_type="principals", entity_id="flen",
                 entity_name="Flens kommun", category="other", text="Ny adress.",
                 sender_name="", sender_email="", dataset_version=1, publisher="")
    window.show_section("suggestions")
    page = pages.suggestions_page
    page.view.setCurrentIndex(page.model.index(0, 0))
    asked: list[list[str]] = []

    def answer(choice: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(sorted(b.text() for b in box.buttons()))
        next(b for b in box.buttons() if b.text() == choice).click()

    QTimer.singleShot(0, lambda: answer("&Cancel"))
    assert not page.delete_selected()
    assert len(feedback.suggestions(ctx.userdata)) == 1
    QTimer.singleShot(0, lambda: answer("&Delete"))
    assert page.delete_selected()
    assert feedback.suggestions(ctx.userdata) == []
    assert asked == [["&Cancel", "&Delete"]] * 2
