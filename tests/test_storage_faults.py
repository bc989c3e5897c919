"""Failing storage (issue 17 item 4), on real files and real processes: a data folder that
cannot be written, a disk that fills during an import, a catalogue locked by another process,
two imports at once, and a note written while an import runs. Each ends with a clear Swedish
message or a wait, and nothing lost (database dumps compared, tests/dbdump.py).

The read-only folder and the full disk need real file systems: as root (where chmod does not
stop writes) a read-only bind mount and a small tmpfs are mounted; where mounting is not
allowed those tests are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from damage import damage_file
from dbdump import content_dump, dump, version_two, without_info
from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import catalogue, storage
from tfbb_desktop.core.store.userdata import UserData
from tfbb_desktop.core.sync import importer, signing
from tfbb_desktop.ui.context import load_context

ROOT = Path(__file__).resolve().parents[1]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run_cli(data: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli_command(data, *args), capture_output=True, text=True,
                          encoding="utf-8", env=cli_env(), cwd=ROOT, timeout=120,
                          stdin=subprocess.DEVNULL)


def cli_command(data: Path, *args: str | Path) -> list[str]:
    return [sys.executable, "-m", "tfbb_desktop", "--data-dir", str(data), *map(str, args)]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)  # the test's own machine configuration and home (conftest)
    env["TFBB_LANG"] = "sv"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture
def v2(source: dict[str, Any], make_export: Callable[..., Path],
       publisher_key: signing.Ed25519PrivateKey) -> Path:
    """A signed version 2, trusted by this test's machine configuration."""
    config = Path(os.environ["TFBB_MACHINE_CONFIG"])
    key_text = signing.public_key_text(publisher_key.public_key())
    config.write_text(json.dumps({"trusted_keys": [key_text]}), encoding="utf-8")
    return make_export(version_two(source)[0], version=2)


def install_v1(paths: DataPaths) -> None:
    """The bundled catalogue (version 1) and a user database with a note and a favourite."""
    conn = catalogue.open_catalogue(paths)
    catalogue.ensure_content(conn, paths, signing.TrustPolicy())
    conn.close()
    userdata = UserData(paths.userdata)
    userdata.set_note("principals", "region-sormland", "Ring Anna om mötet", "Region")
    userdata.set_favourite("contacts", "kp-jennie-nimborg", True)
    userdata.close()


def catalogue_state(paths: DataPaths) -> dict[str, Any]:
    conn = sqlite3.connect(paths.catalogue)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return dump(conn, exclude=("search_info",))
    finally:
        conn.close()


def userdata_state(paths: DataPaths) -> list[tuple[object, ...]]:
    userdata = UserData(paths.userdata)
    try:
        return userdata.snapshot()
    finally:
        userdata.close()


def _mount(*args: str) -> str | None:
    """Run mount; None if it worked, else why not."""
    if not IS_ROOT or not shutil.which("mount"):
        return "mounting a file system needs root (run the suite as root, as .ci/run does in CI)"
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    return None if done.returncode == 0 else f"mount is not allowed here: {done.stderr.strip()}"


def _umount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


# A damaged catalogue, told by the command line -----------------------------------------------

@pytest.mark.parametrize("command", ["status", "import"])
def test_the_command_line_reports_a_damaged_catalogue(paths: DataPaths, v2: Path,
                                                      command: str) -> None:
    install_v1(paths)
    damage_file(paths.catalogue, "overwritten_pages")
    args = ["status"] if command == "status" else ["import", str(v2), "--yes"]
    done = run_cli(paths.root, *args)
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr
    assert "Katalogen" in done.stderr and "kan inte användas: databasen är skadad" in done.stderr
    assert "Den skadade filen har flyttats till" in done.stderr
    assert "Starta appen för att återställa" in done.stderr
    assert not paths.catalogue.exists()
    moved = list(paths.root.glob("catalogue.damaged-*.db"))
    assert len(moved) == 1 and str(moved[0]) in done.stderr
    again = run_cli(paths.root, "status")  # not silently replaced by a new catalogue
    assert again.returncode == 4 and "har inte ersatts än" in again.stderr
    assert not paths.catalogue.exists()


# A data folder that cannot be written ----------------------------------------------------------

def test_a_data_folder_under_a_file_is_told(tmp_path: Path, v2: Path) -> None:
    """A path whose parent is a file: no folder can be made there (works for root too)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for args in (["status"], ["import", str(v2), "--yes"]):
        done = run_cli(blocker / "data", *args)
        assert done.returncode == 4
        assert "Traceback" not in done.stderr
        assert "en fil står i vägen" in done.stderr, done.stderr
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.fixture
def read_only_folder(tmp_path: Path, paths: DataPaths) -> Iterator[DataPaths]:
    """``paths`` with version 1 installed, seen through a read-only view of the folder: a
    read-only bind mount as root (chmod does not stop root), chmod 555 otherwise."""
    install_v1(paths)
    view = tmp_path / "read-only-view"
    view.mkdir()
    if IS_ROOT:
        why = _mount("--bind", str(paths.root), str(view))
        if why:
            pytest.skip(why)
        why = _mount("-o", "remount,bind,ro", str(view))
        if why:
            _umount(view)
            pytest.skip(why)
        yield DataPaths(view)
        _umount(view)
    else:
        view.rmdir()
        view = paths.root
        for folder in (view, paths.backups, paths.incoming):
            folder.chmod(0o555)
        yield paths
        for folder in (view, paths.backups, paths.incoming):
            folder.chmod(0o755)


def test_a_read_only_data_folder_is_told_and_nothing_changes(paths: DataPaths, v2: Path,
                                                             read_only_folder: DataPaths) -> None:
    before = catalogue_state(paths)
    notes = userdata_state(paths)
    done = run_cli(read_only_folder.root, "import", str(v2), "--yes")
    assert done.returncode == 4, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert "Det går inte att skriva i datamappen" in done.stderr, done.stderr
    assert catalogue_state(paths) == before
    assert userdata_state(paths) == notes


# A disk that fills during an import ------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs: room for the catalogue and the user's data, little more."""
    point = tmp_path / "small-disk"
    point.mkdir()
    why = _mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", str(point))
    if why:
        pytest.skip(why)
    yield point
    _umount(point)


def fill(folder: Path, leave: int) -> Path:
    """Fill the file system of ``folder`` up to ``leave`` free bytes."""
    filler = folder / "filler.bin"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as out:
        out.write(b"\0" * max(0, free - leave))
    return filler


@pytest.mark.parametrize("leave_kb", [0, 64, 256, 900, 1400, 2000])
def test_a_disk_that_fills_during_an_import(small_disk: Path, v2: Path, trust: signing.TrustPolicy,
                                            leave_kb: int) -> None:
    """However little room is left, the import is applied whole or refused with the Swedish
    "disk is full" message, the catalogue and the user's data as before; with room made, the
    same import succeeds."""
    paths = DataPaths(small_disk / "data")
    install_v1(paths)
    before = catalogue_state(paths)
    notes = userdata_state(paths)
    conn = catalogue.open_catalogue(paths)
    conn.execute("SELECT count(*) FROM principal").fetchone()  # open and read before it fills
    filler = fill(small_disk, leave_kb * 1024)
    try:
        try:
            result = importer.import_file(conn, paths, v2, trust)
        except ImportRefused as exc:  # the copy of the export for checking did not fit
            assert exc.code == "disk_full", exc
            failed = True
        except (sqlite3.Error, OSError) as exc:
            problem = storage.problem(exc)
            assert problem is not None and problem.code == "db.full", repr(exc)
            failed = True
        else:
            assert result.applied
            failed = False
    finally:
        conn.close()
    if leave_kb == 0:
        assert failed, "no room at all: the import cannot have been applied"
    filler.unlink()
    if failed:
        assert catalogue_state(paths) == before
        assert not list(paths.backups.glob("*.pending")), "no half backup is kept"
        conn = catalogue.open_catalogue(paths)
        try:
            assert importer.import_file(conn, paths, v2, trust).applied  # the retry works
        finally:
            conn.close()
    check = sqlite3.connect(paths.catalogue)
    assert catalogue.installed_version(check) == 2
    check.close()
    assert userdata_state(paths) == notes


def test_a_full_disk_is_told_by_the_command_line(small_disk: Path, v2: Path) -> None:
    paths = DataPaths(small_disk / "data")
    install_v1(paths)
    before = catalogue_state(paths)
    fill(small_disk, 64 * 1024)  # room to open the catalogue, not to import
    done = run_cli(paths.root, "import", str(v2), "--yes")
    assert done.returncode == 4, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert "isken är full" in done.stderr and "Ingenting ändrades" in done.stderr, done.stderr
    assert catalogue_state(paths) == before


def test_a_backup_of_the_users_data_on_a_full_disk_leaves_no_half_copy(small_disk: Path) -> None:
    """The backup made at each start and close fails on a full disk: it is told, and no
    partial file is left to fill the disk further."""
    from tfbb_desktop.core.store import recovery

    paths = DataPaths(small_disk / "data")
    install_v1(paths)
    ctx = load_context(paths)
    try:
        for n in range(200):  # a user data file of some size
            ctx.userdata.set_note("principals", f"p{n}", "anteckning " * 40, f"Huvudman {n}")
        paths.backups.mkdir(exist_ok=True)
        before = sorted(p.name for p in paths.backups.iterdir())
        fill(small_disk, 0)
        with pytest.raises((sqlite3.Error, OSError)) as failed:
            recovery.backup_userdata(ctx.userdata.conn, paths)
        problem = storage.problem(failed.value)
        assert problem is not None and problem.code == "db.full", repr(failed.value)
        assert sorted(p.name for p in paths.backups.iterdir()) == before
    finally:
        ctx.close()


# A catalogue locked by another process --------------------------------------------------------

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def hold_lock(database: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding BEGIN EXCLUSIVE on ``database`` for ``seconds``."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(database), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_an_import_waits_for_a_lock_held_a_few_seconds(paths: DataPaths, v2: Path) -> None:
    install_v1(paths)
    holder = hold_lock(paths.catalogue, 3)
    started = time.monotonic()
    done = run_cli(paths.root, "import", str(v2), "--yes")
    holder.communicate(timeout=30)
    assert done.returncode == 0, done.stderr
    assert "Importerat" in done.stdout
    assert time.monotonic() - started >= 2.5, "the import waited for the lock"
    conn = sqlite3.connect(paths.catalogue)
    assert catalogue.installed_version(conn) == 2
    conn.close()


def test_a_lock_held_too_long_is_told_and_the_retry_works(paths: DataPaths, v2: Path,
                                                          trust: signing.TrustPolicy) -> None:
    """Past the busy timeout (shortened here from the app's 10 seconds) the import gives up
    with the Swedish "locked" message; nothing changed; once the lock is gone it succeeds."""
    install_v1(paths)
    before = catalogue_state(paths)
    conn = catalogue.open_catalogue(paths)
    holder = hold_lock(paths.catalogue, 4)
    try:
        conn.execute("PRAGMA busy_timeout = 500")
        with pytest.raises(sqlite3.OperationalError) as caught:
            importer.import_file(conn, paths, v2, trust)
        problem = storage.problem(caught.value)
        assert problem is not None and problem.code == "db.busy"
    finally:
        holder.communicate(timeout=30)
    assert catalogue_state(paths) == before
    assert not list(paths.backups.glob("*.pending"))
    try:
        assert importer.import_file(conn, paths, v2, trust).applied
    finally:
        conn.close()


def test_the_locked_message_reads_in_swedish(sv: Callable[[Any], str]) -> None:
    from tfbb_desktop.ui.worker import error_text

    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5  # type: ignore[attr-defined]
    assert "låst av ett annat program" in error_text(locked)
    full = OSError(28, "No space left on device")
    assert "disken är full" in error_text(full)


# Two imports at once ------------------------------------------------------------------------

def test_two_imports_at_once(paths: DataPaths, v2: Path, tmp_path: Path,
                             trust: signing.TrustPolicy) -> None:
    """Two command-line imports of the same export, started together: one applies it, the
    other waits and then says the catalogue already has the version, or that it changed in
    the meantime. The catalogue is whole and as after one import."""
    install_v1(paths)
    reference = DataPaths(tmp_path / "reference")
    install_v1(reference)
    conn = catalogue.open_catalogue(reference)
    importer.import_file(conn, reference, v2, trust)
    expected = without_info(content_dump(conn), "imported_at")
    conn.close()

    procs = [subprocess.Popen(cli_command(paths.root, "import", v2, "--yes"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8", env=cli_env(), cwd=ROOT,
                              stdin=subprocess.DEVNULL) for _ in range(2)]
    outs = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    imported = [o for o in outs if o[0] == 0 and "Importerat" in o[1]]
    assert len(imported) == 1, outs
    other = next(o for o in outs if o is not imported[0])
    assert "Traceback" not in other[2]
    assert (other[0] == 0 and "har redan version 2" in other[1]) or (
        other[0] == 1 and "ändrades under tiden" in other[2]), other
    conn = sqlite3.connect(paths.catalogue)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert without_info(content_dump(conn), "imported_at") == expected
        actions = conn.execute("SELECT action, dataset_version FROM import_log").fetchall()
        assert actions.count(("import", 2)) == 1
    finally:
        conn.close()
    assert len(paths.catalogue_backups()) == 1


# A note written while the catalogue is imported ------------------------------------------

def test_notes_written_during_an_import_are_kept(paths: DataPaths, v2: Path) -> None:
    install_v1(paths)
    proc = subprocess.Popen(cli_command(paths.root, "import", v2, "--yes"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=cli_env(), cwd=ROOT, stdin=subprocess.DEVNULL)
    userdata = UserData(paths.userdata)
    written: dict[str, str] = {}
    try:
        while proc.poll() is None or len(written) < 5:
            entry = f"kp-note-{len(written)}"
            text = f"Anteckning {len(written)} skriven under importen"
            userdata.set_note("contacts", entry, text, "Någon")
            written[entry] = text
            time.sleep(0.01)
    finally:
        userdata.close()
    _out, err = proc.communicate()
    assert proc.returncode == 0, err
    userdata = UserData(paths.userdata)
    try:
        for entry, text in written.items():
            note = userdata.note("contacts", entry)
            assert note is not None and note.text == text
        assert userdata.note("principals", "region-sormland") is not None
        assert userdata.is_favourite("contacts", "kp-jennie-nimborg")
    finally:
        userdata.close()
