"""An import killed at any moment (SIGKILL) leaves a sound database holding exactly the old or
exactly the new catalogue, and the user's own data untouched.

The harness lives in ``scripts/crash_import.py`` (which runs the same checks hundreds of times
with ``--runs``): a base data folder with the bundled catalogue and a favourite, a note and a
setting; a signed version 2 export with some thousand more entries; for each run a fresh copy
of the folder, an import process killed after a random delay, and then ``PRAGMA
integrity_check``, a hash of every row of the data tables compared with the old and the new
catalogue, the import history, marks and search index checked against the same side, and
``UserData.snapshot()`` compared with the one before.

``TFBB_CRASH_RUNS`` raises the number of random kills (60 by default), e.g. for the figures in
docs/reliability.md.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import catalogue
from tfbb_desktop.core.sync import importer, signing

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL and fork")

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "crash_import.py"
RUNS = int(os.environ.get("TFBB_CRASH_RUNS", "60"))


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_import", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_import"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


crash = _load_script()


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    """The base folder, the export and a warm helper that forks the import processes."""
    h = crash.Harness(tmp_path_factory.mktemp("crash"))
    with h.runner("fork") as runner:
        h.learn_new_state(runner)
        yield h, runner


def test_random_kills_leave_the_old_or_the_new_catalogue(harness: tuple[Any, Any]) -> None:
    h, runner = harness
    summary = h.soak(runner, runs=RUNS)
    report = summary.report()
    print(report)
    assert summary.failures == [], report
    assert len(summary.runs) == RUNS
    assert summary.count(killed=True) >= RUNS // 2, report
    assert summary.in_transaction() >= RUNS // 4, report  # the kills land where it matters
    assert summary.count(outcome="old") >= 1 and summary.count(outcome="new") >= 1, report
    assert summary.reimports >= RUNS // 12
    assert summary.search_checked  # the search index is compared as well


# The steps the import reports (progress fractions), and what a kill there must leave.
STEPS = [
    ("open", "old"),  # files opened, nothing read yet
    ("0.000", "old"),  # copying the export
    ("0.100", "old"),  # verifying it
    ("0.300", "old"),  # parsing and validating
    ("0.600", "old"),  # the change set
    ("0.750", "old"),  # about to begin the transaction (the backup is made inside it)
    ("0.808", "old"),  # inside the transaction: the first type's tables written
    ("0.850", "old"),  # inside the transaction: every table written
    ("0.902", "old"),  # inside the transaction: building the search index
    ("0.980", "old"),  # inside the transaction: right before COMMIT
    ("1.000", "new"),  # committed
    ("imported", "new"),
    ("notes", "new"),  # the note names refreshed
    ("closed", "new"),  # the files closed
]


def test_a_kill_at_each_step(harness: tuple[Any, Any]) -> None:
    h, runner = harness
    folder = h.workdir / "steps"
    for step, expected in STEPS:
        h.fresh_copy(folder)
        run = runner.run(folder, None, kill_at=step)
        assert run.killed, step
        h.check(folder, run)
        assert run.problem == "", (step, run.problem)
        assert run.outcome == expected, step
        assert h.reimport(runner, folder) == "new", step


def test_fresh_processes_too(harness: tuple[Any, Any]) -> None:
    """A few runs in a fresh Python process each, as the app really runs (slower to start)."""
    h, _ = harness
    with h.runner("spawn") as runner:
        folder = h.workdir / "spawn"
        for step, expected in (("0.300", "old"), ("0.850", "old"), ("1.000", "new")):
            h.fresh_copy(folder)
            run = runner.run(folder, None, kill_at=step)
            h.check(folder, run)
            assert (run.killed, run.problem, run.outcome) == (True, "", expected), step
        for delay in (0.0, h.calibrate(runner, rounds=1).commit / 2):
            h.fresh_copy(folder)
            run = runner.run(folder, delay)
            h.check(folder, run)
            assert run.problem == "", run.problem


def test_a_killed_import_leaves_nothing_to_undo(harness: tuple[Any, Any]) -> None:
    """Killed inside its transaction, the import changed nothing, so there must be nothing to
    undo either: the base catalogue had no backup, and must not have one now (the backup of
    the unchanged catalogue made inside the transaction stays "pending" and is never listed),
    and the next import settles what was left behind."""
    h, runner = harness
    folder = h.workdir / "undo"
    h.fresh_copy(folder)
    run = runner.run(folder, None, kill_at="0.808")
    h.check(folder, run)
    assert (run.killed, run.problem, run.outcome) == (True, "", "old")
    paths = DataPaths(folder)
    conn = catalogue.open_catalogue(paths)
    try:
        assert paths.catalogue_backups() == []
        assert list(paths.backups.glob("*.pending")), "the killed import's copy is pending"
        with pytest.raises(ImportRefused) as refused:
            importer.undo_last_import(conn, paths)
        assert refused.value.code == "no_backup"
        assert list(paths.backups.iterdir()) == []
    finally:
        conn.close()


def test_the_base_has_the_users_data(harness: tuple[Any, Any]) -> None:
    """The check is only worth something if there is user data to lose."""
    h, _ = harness
    tables = {row[0] for row in h.user}
    assert {"favourite", "note", "setting"} <= tables
    assert h.old.data != h.new.data
    assert signing.key_id(signing.parse_public_key(h.public_key))
