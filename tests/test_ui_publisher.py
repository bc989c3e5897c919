"""Publisher mode: hidden by default; on by the machine configuration or the user's setting;
the page "Publicera" (problems of a real workbook, the change report, publishing) and the
inbox (real suggestion files, linked to their entries, handled marks kept in the data
folder)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QWidget

from task_wait import wait_task
from tfbb_desktop.core.errors import BuildRefused
from tfbb_desktop.core.outputs import feedback, inbox, workbook
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.sync import container, signing
from tfbb_desktop.core.sync.signing import Ed25519PrivateKey

PASSPHRASE = "rätt lösenfras"


@pytest.fixture
def publisher_config(tmp_path: Path) -> Path:
    """The machine configuration switching publisher mode on (before the context loads)."""
    path = tmp_path / "machine-config.json"
    path.write_text(json.dumps({"publisher": True}), encoding="utf-8")
    return path


@pytest.fixture
def publisher_window(publisher_config: Path, window: Any) -> Any:
    return window


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _book(tmp_path: Path, source: dict[str, Any]) -> Path:
    book = workbook.fill(workbook.template(_translate), source["data"], source["manifest"])
    return workbook.save(book, tmp_path / "katalog.xlsx")


def _set_cell(path: Path, sheet_name: str, entry_id: str, name: str, value: Any) -> int:
    book = load_workbook(path)
    sheet = book[sheet_name]
    columns = {cell.value: cell.column for cell in sheet[2]}
    row = next(r for r in range(workbook.FIRST_ROW, sheet.max_row + 1)
               if sheet.cell(r, columns["id"]).value == entry_id)
    sheet.cell(row, columns[name], value)
    book.save(path)
    return row


def _key(tmp_path: Path) -> tuple[Path, Ed25519PrivateKey]:
    key = signing.generate_private_key()
    path = tmp_path / "keys" / "publisher.pem"
    path.parent.mkdir()
    path.write_bytes(signing.private_key_pem(key, PASSPHRASE.encode()))
    return path, key


def _focusable(root: QWidget) -> list[QWidget]:
    chain, widget = [], root.nextInFocusChain()
    for _ in range(5000):
        if widget is root:
            break
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return [w for w in chain if root.isAncestorOf(w) and w.isVisible()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def test_publisher_pages_are_hidden_by_default(window: Any) -> None:
    assert "publish" not in window.pages and "inbox" not in window.pages
    assert window.findChild(QWidget, "publishPage") is None
    names = [a.objectName() for a in window.go_menu.actions()]
    assert "go-publish" not in names and "go-inbox" not in names


def test_the_go_menu_reaches_the_publisher_pages_by_key(qtbot: Any,
                                                       publisher_window: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QApplication

    window = publisher_window
    shown = {a.objectName(): a.text() for a in window.go_menu.actions()}
    assert shown["go-publish"] == "&Publish" and shown["go-inbox"] == "&Inbox"
    next(a for a in window.go_menu.actions() if a.objectName() == "go-publish").trigger()
    assert window.section == "publish"
    assert isinstance(QApplication.focusWidget(), QAbstractButton)  # not the workbook's text


def test_the_users_setting_switches_publisher_mode_on(qtbot: Any, paths: DataPaths,
                                                      ctx: Any) -> None:
    from tfbb_desktop.ui.app import create_window

    settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
    settings.setValue("publisher/enabled", "true")
    settings.sync()
    win = create_window(paths)
    qtbot.addWidget(win)
    win.attach(ctx)
    try:
        assert win.pages[-2:] == ["publish", "inbox"]
        assert [win.nav.item(i).text() for i in range(win.nav.count())][-2:] == [
            "Publish", "Inbox"]
    finally:
        win.close()
        win.ctx = None


def test_publish_page_shows_problems_then_the_report_then_publishes(
        qtbot: Any, publisher_window: Any, tmp_path: Path, source: dict[str, Any],
        swedish: list[Any], qtmodeltester: Any) -> None:
    window = publisher_window
    window.show_section("publish")
    page = window.publisher_pages["publish"].page()
    book = _book(tmp_path, source)
    contact = source["data"]["contacts"][0]
    work = source["data"]["work"][0]
    row = _set_cell(book, "contacts", contact["id"], "email", "inte en adress")
    _set_cell(book, "work", work["id"], "status", "okand-status")
    wait_task(qtbot, page.read_workbook(book))
    qtmodeltester.check(page.model, force_py=True)
    assert page.model.rowCount() == 2
    assert not page.publish_button.isEnabled()
    rows = [[page.model.index(r, c).data() for c in range(4)] for r in range(2)]
    assert ["contacts", str(row), "E-post", "ogiltig e-postadress"] in rows
    found = next(r for r in range(2) if rows[r][0] == "contacts")
    page.problems.setCurrentIndex(page.model.index(found, 0))
    assert page.place.text().startswith(f"Blad: contacts   Rad: {row}   Kolumn: E-post")
    assert "2 fel" in page.status.text()

    _set_cell(book, "contacts", contact["id"], "email", "ny.adress@example.se")
    _set_cell(book, "work", work["id"], "status", work["status"])
    wait_task(qtbot, page.reread())
    assert page.model.rowCount() == 0 and not page.problems.isVisible()
    report = page.report.toPlainText()
    assert report.startswith("Ändringar från den installerade katalogen (version 1)")
    assert f"Ändrad: {contact['name']}" in report
    assert "E-post: (tomt) → ny.adress@example.se" in report
    assert page.publish_button.isEnabled()

    key_path, key = _key(tmp_path)
    target = tmp_path / "share" / "tfbb-export.zip"
    with pytest.raises(BuildRefused):
        wait_task(qtbot, page.publish(key_path, "fel", target))
    assert "lösenfrasen för nyckeln publisher.pem är fel" in page.result.text()
    assert not target.exists()

    built = wait_task(qtbot, page.publish(key_path, PASSPHRASE, target))
    assert built.dataset_version == 1 and target.is_file()
    assert "version 1" in page.result.text() and str(target) in page.result.text()
    trust = signing.TrustPolicy(keys={signing.key_id(key.public_key()): key.public_key()})
    assert container.read_export(target, trust).manifest.dataset_version == 1
    # The next reading compares with the export just written, and the next version is 2.
    wait_task(qtbot, page.reread())
    assert "Inga ändringar från tfbb-export.zip (version 1)" in page.report.toPlainText()
    assert wait_task(qtbot, page.publish(key_path, PASSPHRASE, target)).dataset_version == 2


def test_publish_page_is_reachable_by_keyboard_and_named(
        qtbot: Any, publisher_window: Any, tmp_path: Path, source: dict[str, Any]) -> None:
    window = publisher_window
    window.show_section("publish")
    page = window.publisher_pages["publish"].page()
    book = _book(tmp_path, source)
    _set_cell(book, "contacts", source["data"]["contacts"][0]["id"], "email", "fel")
    wait_task(qtbot, page.read_workbook(book))
    focusable = _focusable(page)
    for widget in (page.choose_button, page.reread_button, page.problems, page.report):
        assert widget in focusable, widget.objectName()
    for widget in focusable:
        name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
        assert name, f"{type(widget).__name__} {widget.objectName()} has no accessible name"


def _suggestion_files(ctx: Any, folder: Path, source: dict[str, Any]) -> list[Any]:
    contact, example = source["data"]["contacts"][0], source["data"]["examples"][0]
    made = [
        feedback.add(ctx.userdata, entity_type="contacts", entity_id=contact["id"],
                     entity_name=contact["name"], category="person_left",
                     text="Har slutat i december. <b>Ny</b> kontakt: Eva.",
                     sender_name="Anna", dataset_version=1),
        feedback.add(ctx.userdata, entity_type="examples", entity_id=example["id"],
                     entity_name=example["title"], category="other", text="Länken är död."),
    ]
    for suggestion in made:
        feedback.write_file(folder, suggestion)
    (folder / "trasig.json").write_text("{inte json", encoding="utf-8")
    (folder / ".forslag-halvfardig.json.tmp").write_text("{", encoding="utf-8")
    return made


@pytest.fixture
def inbox_page(qtbot: Any, publisher_window: Any, tmp_path: Path, source: dict[str, Any],
               swedish: list[Any]) -> Iterator[tuple[Any, Any, list[Any]]]:
    window = publisher_window
    folder = tmp_path / "share" / "synpunkter"
    made = _suggestion_files(window.ctx, folder, source)
    window.settings.setValue(inbox.FOLDER_SETTING, str(folder))
    window.show_section("inbox")
    page = window.publisher_pages["inbox"].page()
    wait_task(qtbot, page.read_task)
    yield window, page, made


def test_inbox_lists_the_suggestions_by_entry_and_opens_them(
        qtbot: Any, inbox_page: tuple[Any, Any, list[Any]], qtmodeltester: Any) -> None:
    window, page, made = inbox_page
    qtmodeltester.check(page.model, force_py=True)
    assert page.model.rowCount() == 2
    names = {page.model.index(r, 0).data().split("\n")[0] for r in range(2)}
    assert names == {s.entity_name for s in made}
    assert "2 förslag i " in page.notice.text()
    assert "ännu inte hanterade: 2" in page.notice.text()
    assert "trasig.json" in page.notice.text() and "halvfardig" not in page.notice.text()
    assert page.select(made[0].id)
    assert page.text.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Ny</b> kontakt" in page.text.text() and "Från: Anna" in page.text.text()
    page.view.activated.emit(page.view.currentIndex())
    assert window.detail.current is not None
    assert (window.detail.current.entity_type, window.detail.current.entity_id) == (
        "contacts", made[0].entity_id)
    assert window.section == "inbox"


def test_inbox_keeps_the_handled_marks_in_the_data_folder(
        qtbot: Any, inbox_page: tuple[Any, Any, list[Any]], tmp_path: Path) -> None:
    window, page, made = inbox_page
    page.select(made[0].id)
    assert page.handled_button.text() == "Markera som hanterad"
    assert page.toggle_handled()
    row = page.model.row_of(made[0].id)
    assert page.model.index(row, 1).data().startswith("Hanterad")
    assert page.handled_button.text() == "Markera som ny"
    marks = inbox.handled(window.ctx.paths.root / inbox.HANDLED_NAME)
    assert list(marks) == [made[0].id]
    # The feedback folder is left as it was: the marks are the publisher's own.
    assert sorted(p.name for p in (tmp_path / "share" / "synpunkter").iterdir()) == sorted(
        [feedback.file_name(s) for s in made] + ["trasig.json", ".forslag-halvfardig.json.tmp"])
    wait_task(qtbot, page.read_folder())
    assert page.model.index(page.model.row_of(made[0].id), 1).data().startswith("Hanterad")
    assert "ännu inte hanterade: 1" in page.notice.text()
    for widget in (page.view, page.handled_button, page.open_button, page.folder_button):
        assert widget in _focusable(page)


def test_an_entry_opened_from_the_inbox_goes_into_the_history(
        qtbot: Any, inbox_page: tuple[Any, Any, list[Any]]) -> None:
    window, page, made = inbox_page
    assert page.select(made[0].id)
    assert page.open_selected()
    opened = ("contacts", made[0].entity_id)
    assert window.open_entry("principals", "flen")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    current = window.detail.current
    assert (current.entity_type, current.entity_id) == opened
    assert window.section == "inbox" and page.isVisible()
