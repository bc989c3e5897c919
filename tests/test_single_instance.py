"""One running app per user and data folder, with real GUI processes (offscreen).

The processes and their checks live in ``scripts/double_start.py``, which runs the larger count
of double starts for docs/reliability.md (``TFBB_DOUBLE_STARTS`` raises the count here).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tfbb_desktop.core.sync import signing
from tfbb_desktop.ui import single_instance

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "double_start.py"
ROUNDS = int(os.environ.get("TFBB_DOUBLE_STARTS", "5"))


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("double_start", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["double_start"] = module
    spec.loader.exec_module(module)
    return module


ds = _script()


@pytest.fixture
def gui(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start the GUI on ``tmp_path / "data"`` (with arguments); every process is stopped at the
    end."""
    started: list[subprocess.Popen[bytes]] = []
    env = ds.gui_env()

    def launch(*args: str | Path) -> subprocess.Popen[bytes]:
        process = ds.start(tmp_path / "data", *args, env=env)
        started.append(process)
        return process

    yield launch
    for process in started:
        ds.stop(process)
        if process.stderr:
            process.stderr.close()


def _running_and_loaded(data: Path, process: subprocess.Popen[bytes], opened: int = 1) -> None:
    assert ds.wait_until(lambda: ds.log_count(data, ds.OPENED) >= opened
                         or process.poll() is not None)
    assert process.poll() is None, "the first start runs on"


def test_a_second_start_hands_its_file_to_the_first(tmp_path: Path, gui: Any,
                                                    source: dict[str, Any],
                                                    make_export: Callable[..., Path]) -> None:
    data = tmp_path / "data"
    export = make_export(source, version=2)
    first = gui()
    _running_and_loaded(data, first)
    second = gui(export)
    assert second.wait(timeout=ds.TIMEOUT) == 0
    assert ds.wait_until(lambda: ds.log_count(data, f"opening {export} in the import dialog"))
    assert ds.log_count(data, f"{ds.HANDED} 1 file(s): [{str(export)!r}]") == 1
    assert first.poll() is None
    assert ds.log_count(data, ds.SHOWN) == 1, "the second start showed no window"


def test_a_relative_file_is_handed_over_as_a_full_path(tmp_path: Path, gui: Any) -> None:
    data = tmp_path / "data"
    _running_and_loaded(data, gui())
    second = subprocess.Popen([sys.executable, "-m", "tfbb_desktop", "--data-dir", str(data),
                               "export.zip"], env=ds.gui_env(), cwd=tmp_path)
    assert second.wait(timeout=ds.TIMEOUT) == 0
    assert ds.wait_until(lambda: ds.log_count(data, f"opening {tmp_path / 'export.zip'} in"))


def test_another_data_folder_is_another_app(tmp_path: Path, gui: Any) -> None:
    data = tmp_path / "data"
    first = gui()
    _running_and_loaded(data, first)
    other = ds.start(tmp_path / "other", env=ds.gui_env())
    try:
        assert ds.wait_until(lambda: ds.log_count(tmp_path / "other", ds.OPENED) == 1
                             or other.poll() is not None)
        assert other.poll() is None and first.poll() is None
    finally:
        ds.stop(other)
        if other.stderr:
            other.stderr.close()
    assert single_instance.server_name(data) != single_instance.server_name(tmp_path / "other")


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_a_crashed_instance_does_not_block_the_next_start(tmp_path: Path, gui: Any) -> None:
    data = tmp_path / "data"
    crashed = gui()
    _running_and_loaded(data, crashed)
    crashed.kill()  # SIGKILL: its socket file is left behind
    crashed.wait(timeout=ds.TIMEOUT)
    from PySide6.QtCore import QDir

    assert Path(QDir.tempPath(), single_instance.server_name(data)).exists()
    after = gui()
    _running_and_loaded(data, after, opened=2)
    handing = gui(tmp_path / "export.zip")
    assert handing.wait(timeout=ds.TIMEOUT) == 0
    assert ds.wait_until(lambda: ds.log_count(data, ds.HANDED) == 1)
    assert after.poll() is None


def test_rapid_double_starts_end_with_one_instance_and_an_intact_catalogue(
        tmp_path: Path) -> None:
    file = tmp_path / "tfbb-export.zip"
    file.write_bytes(b"not an export")
    figures = ds.run(ROUNDS, tmp_path / "data", file, ds.gui_env())
    assert figures.failures == []
    assert figures.rounds == ROUNDS
    assert ds.log_count(tmp_path / "data", ds.HANDED) == ROUNDS


def test_the_command_line_imports_while_the_gui_runs(
        tmp_path: Path, gui: Any, source: dict[str, Any], make_export: Callable[..., Path],
        publisher_key: signing.Ed25519PrivateKey) -> None:
    data = tmp_path / "data"
    Path(os.environ["TFBB_MACHINE_CONFIG"]).write_text(json.dumps(
        {"trusted_keys": [signing.public_key_text(publisher_key.public_key())]}),
        encoding="utf-8")
    source["data"]["principals"][0]["name"] = "Ett nytt namn"
    export = make_export(source, version=2)
    running = gui()
    _running_and_loaded(data, running)
    env = ds.gui_env()
    for args in (["import", str(export), "--yes"], ["status"], ["undo"],
                 ["import", str(export), "--yes"]):
        done = subprocess.run([sys.executable, "-m", "tfbb_desktop", "--data-dir", str(data),
                               *args], env=env, capture_output=True, timeout=ds.TIMEOUT)
        assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert running.poll() is None
    ds.stop(running)
    assert ds.check_database(data) is None
    conn = sqlite3.connect(data / "catalogue.db")
    try:
        assert conn.execute("SELECT value FROM catalogue_info WHERE key = 'dataset_version'"
                            ).fetchone() == ("2",)
        assert conn.execute("SELECT count(*) FROM principal WHERE name = 'Ett nytt namn'"
                            ).fetchone() == (1,)
    finally:
        conn.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_a_file_handed_over_opens_in_the_import_dialog(window: Any, qtbot: Any,
                                                       tmp_path: Path) -> None:
    from tfbb_desktop.ui.dialogs.import_file import ImportDialog

    window.showMinimized()
    single_instance.bring_forward(window)
    assert not window.isMinimized()
    single_instance.open_files(window, [str(tmp_path / "export.zip")])
    dialogs = window.findChildren(ImportDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    qtbot.waitUntil(lambda: dialogs[0].task is None, timeout=20000)  # refused: no such file


@pytest.mark.parametrize("message", [b"", b"[]", b'{"files": "x"}', b'{"files": [1]}',
                                     b"\xff\xfe", b'{"other": []}'])
def test_a_message_that_is_not_a_hand_over_is_ignored(message: bytes) -> None:
    assert single_instance.decode(message) is None


def test_a_hand_over_message_is_read_back() -> None:
    files = ["C:\\Användare\\export.zip", "/tmp/å.zip"]
    assert single_instance.decode(single_instance.encode(files).rstrip(b"\n")) == files


@pytest.mark.parametrize(("argv", "files", "command"), [
    (["export.zip"], ["export.zip"], None),
    (["--data-dir", "d.zip", "Export.ZIP"], ["Export.ZIP"], None),
    (["--data-dir", "d"], [], None),
    (["status"], [], "status"),
    (["import", "export.zip", "--yes"], [], "import"),
])
def test_a_file_argument_starts_the_gui_with_it(argv: list[str], files: list[str],
                                                command: str | None) -> None:
    from tfbb_desktop.cli import parse_arguments

    args = parse_arguments(argv)
    assert (args.files, args.command) == (files, command)


def test_an_unknown_word_is_still_a_wrong_command(capsys: pytest.CaptureFixture[str]) -> None:
    from tfbb_desktop.cli import parse_arguments

    with pytest.raises(SystemExit) as raised:
        parse_arguments(["statsu"])
    assert raised.value.code == 2
    assert "ogiltigt val" in capsys.readouterr().err


def test_a_busy_first_app_gets_the_files_once(qtbot: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The first app took the message but is too busy to answer: the second start says so and
    does not send it again (which would open the same file in several import dialogs)."""
    from PySide6.QtNetwork import QLocalServer

    root = tmp_path / "data"
    root.mkdir()
    name = single_instance.server_name(root)
    QLocalServer.removeServer(name)
    busy = QLocalServer()  # listens, and reads nothing until the second start has given up
    assert busy.listen(name)
    monkeypatch.setattr(single_instance, "ANSWER_TIMEOUT_MS", 300)
    try:
        claimed = single_instance.claim(root, [str(tmp_path / "export.zip")])
        assert claimed.no_answer and not claimed.handed_over and claimed.server is None
        qtbot.wait(100)
        connections = 0
        while busy.hasPendingConnections():
            busy.nextPendingConnection()
            connections += 1
        assert connections == 1
    finally:
        busy.close()
