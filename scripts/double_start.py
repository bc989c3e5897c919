#!/usr/bin/env python3
"""Start the app twice at the same moment, many times, and check that one runs and one hands over.

Each round starts two GUI processes (offscreen) on the same data folder at once, the second
with an export file. Exactly one of them must exit with code 0 after handing its file over,
the other must keep running and log the file it was given; the survivor is then stopped with
SIGTERM (no chance to tidy up). After the last round the catalogue must pass ``PRAGMA
integrity_check`` and hold the bundled catalogue.

``tests/test_single_instance.py`` runs a few rounds (``TFBB_DOUBLE_STARTS`` raises the count);
this script runs more and prints the figures that go in docs/reliability.md::

    python scripts/double_start.py --rounds 50
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOG_NAME = "tfbb-katalog.log"
SHOWN = "window shown"
OPENED = "catalogue opened"
HANDED = "another start handed over"
TIMEOUT = 60.0


def gui_env(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH"))
                                        if p)
    return env


def start(data: Path, *args: str | Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The GUI on ``data``, as a user starts it (with ``args``, e.g. a file to import)."""
    return subprocess.Popen([sys.executable, "-m", "tfbb_desktop", "--data-dir", str(data),
                             *map(str, args)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def log_count(data: Path, text: str) -> int:
    """How many lines of the app's log in ``data`` contain ``text``."""
    log = data / LOG_NAME
    if not log.exists():
        return 0
    return sum(text in line for line in log.read_text(encoding="utf-8").splitlines())


def wait_until(condition: Callable[[], bool], timeout: float = TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Figures:
    rounds: int = 0
    first_exited: int = 0  # rounds in which the start without a file handed over
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def double_start(data: Path, file: Path, env: dict[str, str], figures: Figures) -> None:
    """One round: two starts at once; one must hand over and exit 0, the other run on."""
    opened, handed = log_count(data, OPENED), log_count(data, HANDED)
    first = start(data, env=env)
    second = start(data, file, env=env)
    both = (first, second)
    try:
        if not wait_until(lambda: any(p.poll() is not None for p in both)):
            figures.failures.append("two instances ran side by side")
            return
        gone = first if first.poll() is not None else second
        survivor = second if gone is first else first
        if gone.returncode != 0:
            stderr = gone.stderr.read().decode(errors="replace") if gone.stderr else ""
            figures.failures.append(f"the second start exited {gone.returncode}: {stderr}")
            return
        figures.first_exited += gone is first
        if not wait_until(lambda: log_count(data, HANDED) > handed
                          and log_count(data, OPENED) > opened):
            figures.failures.append("the running app did not log the file handed over")
            return
        time.sleep(0.2)
        if survivor.poll() is not None:
            figures.failures.append(f"the running app exited {survivor.returncode}")
    finally:
        for process in both:
            stop(process)
            if process.stderr:
                process.stderr.close()


def check_database(data: Path) -> str | None:
    """None if the catalogue is intact and holds entries, else what is wrong."""
    conn = sqlite3.connect(data / "catalogue.db")
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            return f"integrity_check: {integrity}"
        principals = conn.execute("SELECT count(*) FROM principal").fetchone()[0]
        return None if principals else "the catalogue holds no principals"
    finally:
        conn.close()


def run(rounds: int, data: Path, file: Path, env: dict[str, str]) -> Figures:
    figures = Figures()
    began = time.monotonic()
    for _ in range(rounds):
        double_start(data, file, env, figures)
        figures.rounds += 1
        if figures.failures:
            break
    figures.seconds = time.monotonic() - began
    if not figures.failures and (problem := check_database(data)):
        figures.failures.append(problem)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        file = Path(tmp) / "tfbb-export.zip"
        file.write_bytes(b"not an export: the running app's import dialog refuses it")
        env = gui_env()
        env["TFBB_MACHINE_CONFIG"] = str(Path(tmp) / "machine-config.json")
        figures = run(args.rounds, data, file, env)
    print(f"{figures.rounds} rounds of two starts at once in {figures.seconds:.0f} s: "
          f"the start without a file handed over in {figures.first_exited}, the start with "
          f"the file in {figures.rounds - figures.first_exited}; failures: "
          f"{len(figures.failures)}")
    for failure in figures.failures:
        print(f"  - {failure}")
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.exit(main())
