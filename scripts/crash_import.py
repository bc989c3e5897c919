#!/usr/bin/env python3
"""Kill imports at random moments and check that the catalogue always survives whole.

Each run copies a data folder holding the bundled catalogue (version 1) and the user's own data
(a favourite, a note, a setting), starts a fresh Python process that imports a bigger signed
version 2 through ``importer.import_file`` (as the app does, with the user's data open and the
note names refreshed afterwards), kills it with SIGKILL after a random delay, and then checks:

* ``PRAGMA integrity_check`` is ``ok``;
* the data tables hold exactly the old or exactly the new catalogue (a hash of all their rows),
  and the import history, the "new since the last update" marks and the removed entries agree
  with the same side;
* the user's own data is unchanged (``UserData.snapshot()``).

The import's steps are timed first (unkilled runs); then a third of the delays are drawn from
the whole import, a third from inside its transaction and a third from around the commit and
after it, so that most kills land where it matters. The next import after a crash is checked
too (every tenth run). ``tests/test_crash_safety.py`` runs 60 of these; this script runs more::

    python scripts/crash_import.py --runs 500              # forked from a warm helper (fast)
    python scripts/crash_import.py --runs 50 --mode spawn  # a fresh Python for every run

POSIX only (SIGKILL, fork).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SOURCE = ROOT / "catalogue-source" / "sormland.json"

# The tables an import replaces; their rows make up the catalogue's fingerprint.
DATA_TABLES = ("vocab_term", "principal", "contact", "example", "work", "work_link",
               "component_status", "relation", "catalogue_info")
# Written in the same transaction; checked against the same side as the data tables.
SIDE_TABLES = ("change_mark", "removed_entry")
# The search index, if the schema has it; checked too when it is deterministic.
SEARCH_TABLES = ("search_entry", "search_facet")
# Differs from one import to the next by design.
VOLATILE_INFO = ("imported_at",)

FIRST = ("Anna Eva Maria Karin Sara Lena Kerstin Emma Ingrid Malin Linnéa Åsa Märta Sofia Elin "
         "Lars Anders Johan Per Karl Erik Mikael Björn Göran Håkan Jörgen Sören Örjan Åke")
LAST = ("Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
        "Pettersson Jönsson Jansson Hansson Bengtsson Lindström Öberg Åberg Söderberg Ekström "
        "Höglund Björk Sjöberg Wallin Lundqvist Dahlqvist")
TITLES = ("Enhetschef", "Socialsekreterare", "Skolkurator", "Specialpedagog", "Processledare",
          "Barnsjuksköterska", "Verksamhetsutvecklare", "Rektor", "Fritidsledare")
WORDS = ("samverkan mellan skola och socialtjänst ger barnen ett tidigt och samordnat stöd där "
         "vårdnadshavare och elevhälsa möts regelbundet för att följa upp insatserna och "
         "lärdomarna från förra läsåret sprids till fler förskolor i länets kommuner under hösten")


# The fixture -------------------------------------------------------------------------------

def _text(rng: random.Random, words: int) -> str:
    bank = WORDS.split()
    out = " ".join(rng.choice(bank) for _ in range(words))
    return out[0].upper() + out[1:] + "."


def bigger_source(extra_contacts: int, extra_examples: int, seed: int = 7) -> dict[str, Any]:
    """The bundled source as version 2, with generated contacts and examples added, one entry
    changed and one removed (so that the import has marks and removed entries to write)."""
    source: dict[str, Any] = json.loads(SOURCE.read_text(encoding="utf-8"))
    source["manifest"]["dataset_version"] = 2
    source["manifest"]["expires"] = "2099-12-31"
    data = source["data"]
    rng = random.Random(seed)
    principals = [p["id"] for p in data["principals"]]
    roles = [t["id"] for t in data["vocabularies"]["roles"]]
    kinds = [t["id"] for t in data["vocabularies"]["example_kinds"]]
    groups = [t["id"] for t in data["vocabularies"]["professional_groups"]]
    for number in range(extra_contacts):
        first, last = rng.choice(FIRST.split()), rng.choice(LAST.split())
        data["contacts"].append({
            "id": f"kp-gen-{number:05d}", "name": f"{first} {last}",
            "title": rng.choice(TITLES), "principal": rng.choice(principals),
            "unit": "Barn- och utbildningsförvaltningen",
            "email": f"kp{number}@example.se", "phone": f"0155-{number:06d}",
            "roles": rng.sample(roles, 2), "note": _text(rng, 30),
        })
    contact_ids = [c["id"] for c in data["contacts"]]
    for number in range(extra_examples):
        data["examples"].append({
            "id": f"ex-gen-{number:05d}", "title": _text(rng, 5)[:-1],
            "kind": rng.choice(kinds), "summary": _text(rng, 60), "purpose": _text(rng, 20),
            "method": _text(rng, 30), "results": _text(rng, 30), "lessons": _text(rng, 20),
            "date": "2025-10-28", "principals": rng.sample(principals, 2),
            "contacts": rng.sample(contact_ids, 2), "professional_groups": rng.sample(groups, 2),
            "tags": ["samverkan", f"tagg-{number % 50}"],
        })
    data["work"][0]["summary"] = data["work"][0].get("summary", "") + " Uppdaterad i version 2."
    removed = data["examples"].pop(0)["id"]
    for example in data["examples"]:
        example["contacts"] = [c for c in example.get("contacts", []) if c != removed]
    return source


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    width = len(conn.execute(f"SELECT * FROM {table} LIMIT 0").description)
    order = ", ".join(str(i) for i in range(1, width + 1))
    return list(conn.execute(f"SELECT * FROM {table} ORDER BY {order}"))


def _hash_tables(conn: sqlite3.Connection, tables: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in tables:
        digest.update(f"\0{table}\0".encode())
        if table not in present:
            digest.update(b"(absent)")
            continue
        for row in _rows(conn, table):
            if table == "catalogue_info" and row[0] in VOLATILE_INFO:
                continue
            digest.update(repr(row).encode())
            digest.update(b"\n")
    return digest.hexdigest()


@dataclass(frozen=True)
class State:
    """What one catalogue database holds, as hashes."""

    data: str
    side: str
    search: str
    import_rows: int  # import_log rows of action 'import' for version 2


def read_state(db: Path) -> State:
    """Open ``db`` read-write (to recover its WAL), check its integrity and hash it."""
    conn = sqlite3.connect(str(db), isolation_level=None)
    try:
        check = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if check != ["ok"]:
            raise AssertionError(f"integrity_check: {check[:5]}")
        return State(
            _hash_tables(conn, DATA_TABLES), _hash_tables(conn, SIDE_TABLES),
            _hash_tables(conn, SEARCH_TABLES),
            conn.execute("SELECT count(*) FROM import_log WHERE action = 'import' "
                         "AND dataset_version = 2").fetchone()[0],
        )
    finally:
        conn.close()


def user_snapshot(folder: Path) -> list[tuple[object, ...]]:
    from tfbb_desktop.core.store.userdata import UserData

    user = UserData(folder / "userdata.db")
    try:
        return user.snapshot()
    finally:
        user.close()


# One run -----------------------------------------------------------------------------------

@dataclass
class Run:
    delay: float  # seconds from the start of the import to the kill; -1: not killed
    killed: bool
    returncode: int
    phase: str  # where the process was when it ended: see _phase()
    stages: list[tuple[float, str]]
    outcome: str = ""  # "old" or "new"
    problem: str = ""
    leftovers: list[str] = field(default_factory=list)  # stray files (reported, not failed)


def _phase(stages: list[tuple[float, str]], killed: bool) -> str:
    if not killed:
        return "finished"
    if not stages:
        return "start"
    last = stages[-1][1]
    if last == "open":
        return "prepare"
    if last in ("imported", "notes", "closed"):
        return "after"
    fraction = float(last.split(" ", 1)[0])
    if fraction < 0.75:
        return "prepare"
    if fraction < 0.8:
        return "backup"  # the backup, or the transaction's first statements
    if fraction < 0.98:
        return "write"  # inside the transaction
    if fraction < 1.0:
        return "commit"  # inside the transaction, at its COMMIT
    return "after"


IN_TRANSACTION = ("backup", "write", "commit")


def _parse_stages(lines: list[str]) -> list[tuple[float, str]]:
    stages = []
    for line in lines:
        if line.startswith("stage "):
            _, at, what = line.split(" ", 2)
            stages.append((float(at), what))
    return stages


def do_import(folder: str, export: str, public_key: str, kill_at: str = "") -> None:
    """The import as the app does it, with the user's data open; writes a line to stdout at
    every step. With ``kill_at``, the process SIGKILLs itself when that step is reached."""
    from tfbb_desktop.core.paths import DataPaths
    from tfbb_desktop.core.store import catalogue
    from tfbb_desktop.core.store.userdata import UserData
    from tfbb_desktop.core.sync import importer, signing

    key = signing.parse_public_key(public_key)
    trust = signing.TrustPolicy(keys={signing.key_id(key): key})
    paths = DataPaths(Path(folder))
    start = time.perf_counter()

    def mark(what: str) -> None:
        os.write(1, f"stage {time.perf_counter() - start:.6f} {what}\n".encode())
        if kill_at and what.startswith(kill_at):
            os.kill(os.getpid(), signal.SIGKILL)

    conn = catalogue.open_catalogue(paths)
    user = UserData(paths.userdata)
    mark("open")
    importer.import_file(conn, paths, Path(export), trust,
                         progress=lambda step, fraction: mark(f"{fraction:.3f} {step}"))
    mark("imported")
    catalogue.refresh_note_names(conn, user)
    mark("notes")
    user.close()
    conn.close()
    mark("closed")


class SpawnRunner:
    """Each run in a fresh Python process, killed by this process after the delay."""

    name = "spawn"

    def __init__(self, export: Path, public_key: str) -> None:
        self.export = export
        self.public_key = public_key

    def __enter__(self) -> SpawnRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def run(self, folder: Path, delay: float | None, kill_at: str = "",
            timeout: float = 120) -> Run:
        """Import into ``folder``; kill after ``delay`` seconds (None: let it finish), counted
        from the start of the import, after the process's Python start-up."""
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", str(folder),
             str(self.export), self.public_key, kill_at],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        killed = False
        try:
            ready = proc.stdout.readline().strip()
            if ready != "ready":
                raise RuntimeError(f"the import process did not start: {ready!r} "
                                   f"{proc.stderr.read()[-2000:]}")
            proc.stdin.write("go\n")
            proc.stdin.flush()
            try:
                proc.wait(timeout=timeout if delay is None else delay)
            except subprocess.TimeoutExpired:
                if delay is None:
                    raise
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=timeout)
            output = proc.stdout.read()
            errors = proc.stderr.read()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                stream.close()
        killed = proc.returncode == -signal.SIGKILL
        if not killed and proc.returncode != 0:
            raise RuntimeError(f"the import process failed ({proc.returncode}): {errors[-2000:]}")
        stages = _parse_stages(output.splitlines())
        return Run(delay if delay is not None and killed else -1.0, killed, proc.returncode,
                   _phase(stages, killed), stages)


class ForkRunner:
    """Each run in a process forked from a helper that has the modules loaded already (so a
    run costs the import, not Python's start-up); the helper kills it after the delay. Only
    one import process exists at a time."""

    name = "fork"

    def __init__(self, export: Path, public_key: str) -> None:
        self.export = export
        self.public_key = public_key
        self.proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> ForkRunner:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--fork-server"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        )
        assert self.proc.stdout is not None
        ready = self.proc.stdout.readline().strip()
        if ready != "ready":
            self.__exit__()
            raise RuntimeError(f"the fork server did not start: {ready!r}")
        return self

    def __exit__(self, *exc: object) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write("quit\n")
            proc.stdin.flush()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        proc.stdin.close()
        proc.stdout.close()

    def run(self, folder: Path, delay: float | None, kill_at: str = "",
            timeout: float = 120) -> Run:
        proc = self.proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        command = {"folder": str(folder), "export": str(self.export),
                   "public_key": self.public_key, "kill_at": kill_at,
                   "delay": -1.0 if delay is None else delay, "timeout": timeout}
        proc.stdin.write(json.dumps(command) + "\n")
        proc.stdin.flush()
        lines: list[str] = []
        while True:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError("the fork server stopped")
            if line.startswith("exit "):
                break
            lines.append(line.rstrip("\n"))
        _, status, killed_by_us = line.split()
        code = int(status)
        killed = code == -signal.SIGKILL
        if not killed and code != 0:
            raise RuntimeError(f"the import process failed ({code}): {lines[-20:]}")
        stages = _parse_stages(lines)
        return Run(delay if delay is not None and killed_by_us == "1" else -1.0, killed, code,
                   _phase(stages, killed), stages)


def fork_server() -> int:
    """Load the modules once, then fork one import per command and kill it after its delay."""
    from tfbb_desktop.core.store import catalogue, userdata  # noqa: F401
    from tfbb_desktop.core.sync import importer, signing  # noqa: F401

    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "quit":
            break
        command = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the import process
            code = 1
            try:
                do_import(command["folder"], command["export"], command["public_key"],
                          command["kill_at"])
                code = 0
            except BaseException as exc:
                os.write(1, f"error {type(exc).__name__}: {exc}\n".encode())
            finally:
                os._exit(code)
        delay = float(command["delay"])
        limit = float(command["timeout"])
        started = time.perf_counter()
        killed_by_us = 0
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            elapsed = time.perf_counter() - started
            if (delay >= 0 and elapsed >= delay) or elapsed > limit:
                os.kill(pid, signal.SIGKILL)  # not reaped yet, so the pid is still this child
                killed_by_us = 1
                _, status = os.waitpid(pid, 0)
                break
            time.sleep(0.0002)
        code = os.waitstatus_to_exitcode(status)
        print(f"exit {code} {killed_by_us}", flush=True)
    return 0


def child_main(folder: str, export: str, public_key: str, kill_at: str = "") -> int:
    """A fresh import process: load the modules, say so, wait for "go", import."""
    from tfbb_desktop.core.store import catalogue, userdata  # noqa: F401
    from tfbb_desktop.core.sync import importer, signing  # noqa: F401

    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return 2
    do_import(folder, export, public_key, kill_at)
    return 0


# The harness -------------------------------------------------------------------------------

Runner = SpawnRunner | ForkRunner


# The steps whose times set the delays: the backup starts, the last step inside the
# transaction (just before COMMIT), the first step after it, everything closed.
TIMING_MARKS = ("0.750", "0.980", "1.000", "closed")


@dataclass(frozen=True)
class Timings:
    """Seconds from the start of the import (opening the files) to its steps."""

    backup: float  # the backup starts; the transaction follows it
    commit: float  # the last step inside the transaction, just before COMMIT
    committed: float  # the first step after COMMIT
    total: float  # everything done and the files closed

    def updated(self, recent: dict[str, deque[float]], run: Run) -> Timings:
        """The medians of the recent observations, with those of ``run`` added: the
        delays follow the machine when other work slows it down or stops doing so."""
        for at, what in run.stages:
            key = what.split(" ", 1)[0]
            if key in recent:
                recent[key].append(at)
        return Timings(*(statistics.median(recent[k]) for k in TIMING_MARKS))

    def delay(self, rng: random.Random, number: int) -> float:
        """A third of the kills anywhere in the import, a third inside the transaction, a
        third around the commit and after it."""
        if number % 3 == 0:
            return rng.uniform(0, self.total * 1.05)
        if number % 3 == 1:
            return rng.uniform(self.backup, self.commit)
        return rng.uniform(self.commit - 0.1 * (self.commit - self.backup), self.total * 1.05)


@dataclass
class Summary:
    mode: str = ""
    runs: list[Run] = field(default_factory=list)
    timings: Timings = Timings(0.0, 0.0, 0.0, 0.0)  # at the end of the runs
    seconds: float = 0.0
    search_checked: bool = False
    reimports: int = 0

    def leftovers(self) -> Counter[str]:
        """Kinds of stray files that crashes left behind, and in how many runs."""
        return Counter(kind for r in self.runs for kind in set(r.leftovers))

    @property
    def failures(self) -> list[Run]:
        return [r for r in self.runs if r.problem]

    def count(self, **match: Any) -> int:
        return sum(all(getattr(r, k) == v for k, v in match.items()) for r in self.runs)

    def in_transaction(self) -> int:
        return sum(r.phase in IN_TRANSACTION for r in self.runs)

    def report(self) -> str:
        phases = Counter(r.phase for r in self.runs)
        outcomes = Counter((r.phase, r.outcome) for r in self.runs)
        lines = [
            f"{len(self.runs)} runs ({self.mode}) in {self.seconds:.1f} s; the import takes "
            f"{self.timings.total * 1000:.0f} ms (lately): backup from "
            f"{self.timings.backup * 1000:.0f} ms, transaction to "
            f"{self.timings.commit * 1000:.0f} ms, committed at "
            f"{self.timings.committed * 1000:.0f} ms",
            f"killed: {self.count(killed=True)} (inside the transaction: "
            f"{self.in_transaction()}); finished before the kill: {self.count(killed=False)}",
            "where the kill landed -> what the database held afterwards:",
        ]
        for phase in ("start", "prepare", "backup", "write", "commit", "after", "finished"):
            if phases[phase]:
                lines.append(f"  {phase:9} {phases[phase]:4}  (old {outcomes[(phase, 'old')]}, "
                             f"new {outcomes[(phase, 'new')]})")
        lines.append(f"next import after the crash checked: {self.reimports} times")
        strays = self.leftovers()
        lines.append("stray files left by the crashes (runs): " + (", ".join(
            f"{kind} {count}" for kind, count in sorted(strays.items())) or "none"))
        lines.append(f"search index compared too: {'yes' if self.search_checked else 'no'}")
        lines.append(f"failures: {len(self.failures)}")
        lines.extend(f"  delay {r.delay * 1000:.1f} ms, {r.phase}: {r.problem}"
                     for r in self.failures[:20])
        return "\n".join(lines)


class Harness:
    """A base data folder, a version 2 export, and the states to compare with."""

    def __init__(self, workdir: Path, *, extra_contacts: int = 600,
                 extra_examples: int = 300) -> None:
        from tfbb_desktop.core.paths import DataPaths
        from tfbb_desktop.core.store import catalogue
        from tfbb_desktop.core.store.userdata import UserData
        from tfbb_desktop.core.sync import publish, signing

        self.workdir = workdir
        self.base = workdir / "base"
        paths = DataPaths(self.base)
        conn = catalogue.open_catalogue(paths)
        catalogue.ensure_content(conn, paths, signing.TrustPolicy())
        principal = conn.execute("SELECT id FROM principal ORDER BY id LIMIT 1").fetchone()[0]
        contact, name = conn.execute(
            "SELECT id, name FROM contact ORDER BY id LIMIT 1").fetchone()
        conn.close()
        user = UserData(paths.userdata)
        user.set_favourite("principals", principal, True)
        user.set_note("contacts", contact, "Ring henne om hösten.", name)
        user.set_setting("crash-test", "ja")
        user.close()
        self.base_backups = [p.name for p in paths.catalogue_backups()]

        key = signing.generate_private_key()
        self.public_key = signing.public_key_text(key.public_key())
        source = bigger_source(extra_contacts, extra_examples)
        data_bytes = publish.dump_json(source["data"], pretty=False)
        self.export = publish.write_export(
            workdir / "tfbb-v2.zip", data_bytes,
            publish.manifest_for(data_bytes, source["manifest"]), key)

        self.user = user_snapshot(self.base)
        self.old = read_state(paths.catalogue)
        self.new = self.old
        self.search_checked = False

    def runner(self, mode: str) -> Runner:
        if mode == "fork":
            return ForkRunner(self.export, self.public_key)
        return SpawnRunner(self.export, self.public_key)

    def learn_new_state(self, runner: Runner) -> None:
        """Import twice, unkilled, for the state every finished import must give."""
        references = []
        for number in range(2):
            folder = self.workdir / f"reference-{number}"
            self.fresh_copy(folder)
            runner.run(folder, None)
            references.append(read_state(folder / "catalogue.db"))
            shutil.rmtree(folder)
        if references[0].data != references[1].data or references[0].side != references[1].side:
            raise RuntimeError("two imports of the same export differ")
        if references[0].data == self.old.data:
            raise RuntimeError("the export does not change the catalogue")
        self.new = references[0]
        # The search index is compared only if two imports build it identically.
        self.search_checked = references[0].search == references[1].search

    def fresh_copy(self, folder: Path) -> None:
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(self.base, folder)

    def calibrate(self, runner: Runner, rounds: int = 3) -> Timings:
        """When the import's steps happen, from unkilled runs (the fastest of ``rounds``, so
        that a burst of other work on the machine does not stretch the delays)."""
        marks: dict[str, list[float]] = {key: [] for key in TIMING_MARKS}
        folder = self.workdir / "calibrate"
        for number in range(rounds + 1):
            self.fresh_copy(folder)
            run = runner.run(folder, None)
            if number == 0:
                continue  # a warm-up: the first run reads everything from disk
            times = {what.split(" ", 1)[0]: at for at, what in run.stages}
            for key, values in marks.items():
                values.append(times[key])
        shutil.rmtree(folder)
        return Timings(*(min(marks[k]) for k in TIMING_MARKS))

    def check(self, folder: Path, run: Run) -> None:
        """Fill in ``run.outcome`` or ``run.problem``, and ``run.leftovers``."""
        run.leftovers = self.stray_files(folder, run)
        try:
            state = read_state(folder / "catalogue.db")
        except (AssertionError, sqlite3.Error) as exc:
            run.problem = f"database damaged: {exc}"
            return
        expected = {self.old.data: ("old", self.old), self.new.data: ("new", self.new)}
        if state.data not in expected:
            run.problem = "the data tables hold neither the old nor the new catalogue"
            return
        run.outcome, reference = expected[state.data]
        if state.side != reference.side:
            run.problem = f"marks/removed entries do not match the {run.outcome} catalogue"
        elif state.import_rows != reference.import_rows:
            run.problem = f"the import history does not match the {run.outcome} catalogue"
        elif self.search_checked and state.search != reference.search:
            run.problem = f"the search index does not match the {run.outcome} catalogue"
        elif user_snapshot(folder) != self.user:
            run.problem = "the user's own data changed"
        elif not run.killed and run.outcome != "new":
            run.problem = "the import finished but the catalogue is the old one"

    def stray_files(self, folder: Path, run: Run) -> list[str]:
        """What a crash left that nothing cleans up: a backup of a catalogue that was not
        replaced (an undo would "restore" the same catalogue), partial backups, copies of
        the export in incoming/."""
        from tfbb_desktop.core.paths import DataPaths

        paths = DataPaths(folder)
        found = []
        backups = [p.name for p in paths.catalogue_backups() if p.name not in self.base_backups]
        if backups and read_state(paths.catalogue).data == self.old.data:
            found.append("backup of the unchanged catalogue")
        if paths.backups.is_dir() and any(p.suffix == ".part" for p in paths.backups.iterdir()):
            found.append("backups/*.part")
        if paths.incoming.is_dir() and any(paths.incoming.iterdir()):
            found.append("incoming/*")
        return found

    def reimport(self, runner: Runner, folder: Path) -> str:
        """After a crash, the next import (a new process, unkilled) must work and give the new
        catalogue."""
        runner.run(folder, None)
        return "new" if read_state(folder / "catalogue.db").data == self.new.data else "other"

    def soak(self, runner: Runner, runs: int, seed: int | None = None,
             reimport_every: int = 10, progress: bool = False) -> Summary:
        started = time.monotonic()
        rng = random.Random(seed)
        if self.new is self.old:
            self.learn_new_state(runner)
        timings = self.calibrate(runner)
        recent = {key: deque([getattr(timings, name)], maxlen=9)
                  for key, name in zip(TIMING_MARKS, ("backup", "commit", "committed", "total"),
                                       strict=True)}
        summary = Summary(mode=runner.name, timings=timings, search_checked=self.search_checked)
        folder = self.workdir / "run"
        for number in range(runs):
            self.fresh_copy(folder)
            run = runner.run(folder, timings.delay(rng, number))
            timings = timings.updated(recent, run)
            self.check(folder, run)
            if not run.problem and reimport_every and number % reimport_every == 0:
                summary.reimports += 1
                if self.reimport(runner, folder) != "new":
                    run.problem = "the next import after the crash did not give the new catalogue"
            summary.runs.append(run)
            if progress and (number + 1) % 50 == 0:
                print(f"  {number + 1}/{runs} runs, {len(summary.failures)} failures",
                      flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        summary.timings = timings
        summary.seconds = time.monotonic() - started
        return summary


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    if args_list[:1] == ["--child"]:
        return child_main(*args_list[1:5])
    if args_list[:1] == ["--fork-server"]:
        return fork_server()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--mode", choices=("fork", "spawn"), default="fork",
                        help="fork: each import forked from a helper with the modules loaded "
                             "(fast); spawn: each import in a fresh Python process")
    parser.add_argument("--extra-contacts", type=int, default=600)
    parser.add_argument("--extra-examples", type=int, default=300)
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the files here (default: a temporary folder)")
    args = parser.parse_args(args_list)
    if sys.platform == "win32":
        parser.error("needs SIGKILL and fork (POSIX)")
    with tempfile.TemporaryDirectory(prefix="tfbb-crash-") as temp:
        workdir = args.workdir or Path(temp)
        workdir.mkdir(parents=True, exist_ok=True)
        harness = Harness(workdir, extra_contacts=args.extra_contacts,
                          extra_examples=args.extra_examples)
        with harness.runner(args.mode) as runner:
            summary = harness.soak(runner, args.runs, args.seed, progress=True)
    print(summary.report())
    return 1 if summary.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
