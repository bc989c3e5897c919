#!/usr/bin/env python3
"""The import of a 100,000-entry export, against the raw floor of the same work, in one run.

* **app**: the app's own pipeline on a signed export (``catalogue.open_catalogue`` on a fresh
  data folder, then ``importer.import_file``: copy, size limits, checksums and signature,
  pydantic validation, references, canonical documents, change set, one transaction with every
  table and the search index);
* **raw**: ``data.json`` read from the same ZIP, ``json.loads``, the same rows (the same tables,
  columns and indexes, created by the app's migration ``catalogue_001``, with ``json.dumps`` of
  each record as its ``doc`` and ``casefold()`` as its sort key) written with ``executemany``
  in one transaction, plus external-content FTS5 tables over the text columns of principals,
  contacts, examples and work, filled by ``INSERT INTO fts(fts) VALUES('rebuild')``. It is run
  twice: plain FTS5 (the floor the target refers to) and with ``prefix='1 2 3'`` (the app's
  index has ``prefix='1 2'``).

Each side runs in its own subprocess (after a warm-up that reads the files once, and after
``os.sync()``, so that the other side's writes are on disk), timed from just before the work to
just after it, module loading excluded (reported apart). Peak memory
is each process's ``ru_maxrss`` (C allocations included), reported as is and minus that of a
process that only loads the app's modules; ``getrusage(RUSAGE_CHILDREN)`` cross-checks it.

The export comes from ``benchmarks/generate_catalogue.py`` (signed with a fresh key kept in the
work folder, outside the repository)::

    python benchmarks/import_bench.py                       # 100,000 entries, 3 rounds
    python benchmarks/import_bench.py --entries 20000 --rounds 1
    python benchmarks/import_bench.py --profile             # where the app's time goes

Targets: app / raw <= 3, app peak memory <= 400 MB (and a 1,000-entry import, ``--entries
1000``, within 1 s). POSIX (``resource``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
GENERATOR = ROOT / "benchmarks" / "generate_catalogue.py"
MIGRATION = ROOT / "src" / "tfbb_desktop" / "core" / "store" / "migrations" / "catalogue_001.sql"

TARGET_RATIO = 3.0
TARGET_MB = 400

# The text columns each raw FTS5 table covers (external content: the table itself).
FTS_COLUMNS = {
    "principal": ("name", "short_name", "description"),
    "contact": ("name", "title", "unit", "email", "phone", "note"),
    "example": ("title", "summary", "target_group", "purpose", "method", "results", "lessons",
                "source"),
    "work": ("title", "summary", "location", "next_step", "decision", "risks", "source"),
}
RELATIONS = {
    "contacts": ("roles",),
    "examples": ("principals", "contacts", "professional_groups", "levels", "domains", "tags"),
    "work": ("principals", "contacts", "components"),
}
VOCABULARIES = ("principal_kinds", "roles", "example_kinds", "work_kinds", "work_statuses",
                "levels", "domains", "professional_groups", "components", "component_statuses")


def _maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(who).ru_maxrss * scale / 1_048_576


# The child processes -----------------------------------------------------------------------

def child_modules() -> dict[str, Any]:
    started = time.perf_counter()
    from tfbb_desktop.core.store import catalogue  # noqa: F401
    from tfbb_desktop.core.sync import importer, signing  # noqa: F401

    return {"load_seconds": time.perf_counter() - started, "maxrss_mb": _maxrss_mb()}


def child_app(folder: str, export: str, public_key: str, profile: str) -> dict[str, Any]:
    """Time one import; with ``profile`` "memory", trace Python's allocations per step instead
    (slower), with any other ``profile``, write cProfile statistics to that file."""
    started = time.perf_counter()
    from tfbb_desktop.core.paths import DataPaths
    from tfbb_desktop.core.store import catalogue
    from tfbb_desktop.core.sync import importer, signing

    loaded = time.perf_counter()
    key = signing.parse_public_key(public_key)
    trust = signing.TrustPolicy(keys={signing.key_id(key): key})
    paths = DataPaths(Path(folder))
    steps: list[tuple[str, float]] = []
    memory: list[tuple[str, float, float]] = []
    trace = profile == "memory"
    if trace:
        import tracemalloc

        tracemalloc.start()

    def progress(step: str, fraction: float) -> None:
        if trace:
            current, peak = tracemalloc.get_traced_memory()
            tracemalloc.reset_peak()
            memory.append((f"{fraction:.3f} {step}", current / 1_048_576, peak / 1_048_576))
        steps.append((f"{fraction:.3f} {step}", time.perf_counter()))

    def work() -> Any:
        conn = catalogue.open_catalogue(paths)
        try:
            return importer.import_file(conn, paths, Path(export), trust, progress=progress)
        finally:
            conn.close()

    begin = time.perf_counter()
    if profile and not trace:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(work)
        profiler.dump_stats(profile)
    else:
        result = work()
    end = time.perf_counter()
    marks = [*steps, ("(closed)", end)]
    return {
        "seconds": end - begin,
        "load_seconds": loaded - started,
        "maxrss_mb": _maxrss_mb(),
        "steps": [(name, round(marks[i + 1][1] - at, 4)) for i, (name, at) in enumerate(steps)],
        "applied": result.applied,
        "counts": {t: c["added"] for t, c in result.counts.items()},
        "db_mb": paths.catalogue.stat().st_size / 1_048_576,
        "memory": memory,
    }


def _raw_rows(data: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    def doc(record: dict[str, Any]) -> str:
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))

    vocab = data["vocabularies"]
    rows: dict[str, list[tuple[Any, ...]]] = {
        "vocab_term": [(name, t["id"], t["label"], t.get("description", ""), t.get("order", 0),
                        doc(t)) for name in VOCABULARIES for t in vocab[name]],
        "principal": [(p["id"], p["name"], p["kind"], p.get("short_name", ""),
                       p.get("description", ""), p.get("website"), p["name"].casefold(), doc(p))
                      for p in data["principals"]],
        "contact": [(c["id"], c["name"], c.get("title", ""), c["principal"], c.get("unit", ""),
                     c.get("email"), c.get("phone"), c.get("valid_until"), c.get("note", ""),
                     c["name"].casefold(), doc(c)) for c in data["contacts"]],
        "example": [(e["id"], e["title"], e["kind"], e.get("summary", ""),
                     e.get("target_group", ""), e.get("purpose", ""), e.get("method", ""),
                     e.get("results", ""), e.get("lessons", ""), e.get("source", ""),
                     e.get("date"), e["title"].casefold(), doc(e)) for e in data["examples"]],
        "work": [(w["id"], w["title"], w["kind"], w["status"], w.get("summary", ""),
                  w.get("start_date"), w.get("end_date"), w.get("starts_at"), w.get("ends_at"),
                  w.get("location", ""), w.get("next_step", ""), w.get("decision", ""),
                  w.get("risks", ""), w.get("source", ""), w["title"].casefold(), doc(w))
                 for w in data["work"]],
        "work_link": [(w["id"], i, link["label"], link["url"]) for w in data["work"]
                      for i, link in enumerate(w.get("links", []))],
        "component_status": [(s["principal"], s["component"], s["status"], s.get("note", ""),
                              doc(s)) for s in data["component_status"]],
    }
    relations: list[tuple[Any, ...]] = []
    for entity_type, fields in RELATIONS.items():
        prefix = {"contacts": "contact", "examples": "example", "work": "work"}[entity_type]
        for record in data[entity_type]:
            for field_name in fields:
                for position, target in enumerate(dict.fromkeys(record.get(field_name, []))):
                    relations.append((f"{prefix}.{field_name}", record["id"], target, position))
    rows["relation"] = relations
    return rows


def child_raw(db: str, export: str, prefix: bool) -> dict[str, Any]:
    import sqlite3

    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(MIGRATION.read_text(encoding="utf-8"))
    options = ", prefix='1 2 3'" if prefix else ""
    for table, columns in FTS_COLUMNS.items():
        conn.execute(f"CREATE VIRTUAL TABLE fts_{table} USING fts5({', '.join(columns)}, "
                     f"content='{table}'{options})")
    begin = time.perf_counter()
    with zipfile.ZipFile(export) as archive:
        data_bytes = archive.read("data.json")
    data = json.loads(data_bytes)
    parsed = time.perf_counter()
    rows = _raw_rows(data)
    built = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table, table_rows in rows.items():
        if table_rows:
            marks = ", ".join("?" for _ in table_rows[0])
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", table_rows)
    inserted = time.perf_counter()
    for table in FTS_COLUMNS:
        conn.execute(f"INSERT INTO fts_{table} (fts_{table}) VALUES ('rebuild')")
    indexed = time.perf_counter()
    conn.execute("COMMIT")
    conn.close()
    end = time.perf_counter()
    return {
        "seconds": end - begin,
        "maxrss_mb": _maxrss_mb(),
        "steps": [("read + json.loads", round(parsed - begin, 4)),
                  ("rows", round(built - parsed, 4)),
                  ("executemany", round(inserted - built, 4)),
                  ("FTS5 rebuild", round(indexed - inserted, 4)),
                  ("commit + close", round(end - indexed, 4))],
        "rows": sum(len(r) for r in rows.values()),
        "db_mb": Path(db).stat().st_size / 1_048_576,
    }


def child_main(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "modules":
        out = child_modules()
    elif kind == "app":
        out = child_app(argv[1], argv[2], argv[3], argv[4] if len(argv) > 4 else "")
    else:
        out = child_raw(argv[1], argv[2], kind == "raw-prefix")
    print("RESULT " + json.dumps(out), flush=True)
    return 0


# The parent --------------------------------------------------------------------------------

def run_child(*args: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed:\n{proc.stderr[-3000:]}")
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line[len("RESULT "):])
    return result


def generate(work: Path, entries: int) -> tuple[Path, str]:
    export = work / f"tfbb-{entries}.zip"
    keys = work / "key"
    if not (export.is_file() and (keys / "publisher.pub").is_file()):
        if not GENERATOR.is_file():
            raise SystemExit(f"{GENERATOR} is missing")
        subprocess.run([sys.executable, str(GENERATOR), "--entries", str(entries), "--out",
                        str(export), "--sign-key-out", str(keys)], check=True)
    return export, (keys / "publisher.pub").read_text(encoding="ascii").strip()


def fresh(path: Path) -> Path:
    """``path`` removed, and the disk caught up: what one side wrote is not still on its way to
    disk while the other side's COMMIT waits for the disk."""
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.sync()
    return path


def _list(results: list[dict[str, Any]]) -> str:
    return ", ".join(f"{r['seconds']:.2f}" for r in results)


def show_steps(title: str, steps: list[list[Any]]) -> None:
    print(f"  {title}:")
    for name, seconds in steps:
        print(f"    {name:48} {seconds:8.3f} s")


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    if args_list[:1] == ["--child"]:
        return child_main(args_list[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each side")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the export, key and databases here (reused next time)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one app import with cProfile and show the top")
    parser.add_argument("--memory", action="store_true",
                        help="also trace one app import's Python allocations step by step")
    args = parser.parse_args(args_list)

    with tempfile.TemporaryDirectory(prefix="tfbb-bench-") as temp:
        work = args.workdir or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        export, public_key = generate(work, args.entries)
        print(f"export: {export} ({export.stat().st_size / 1_048_576:.1f} MB)")

        modules = run_child("modules")
        children_after_modules = _maxrss_mb(resource.RUSAGE_CHILDREN)
        # A warm-up of each side, untimed, so that both find the files in the page cache.
        run_child("app", str(fresh(work / "app")), str(export), public_key)
        run_child("raw", str(fresh(work / "raw.db")), str(export))
        apps, raws, prefixed = [], [], []
        for _ in range(args.rounds):
            apps.append(run_child("app", str(fresh(work / "app")), str(export), public_key))
            raws.append(run_child("raw", str(fresh(work / "raw.db")), str(export)))
            prefixed.append(run_child("raw-prefix", str(fresh(work / "raw.db")), str(export)))
        children_peak = _maxrss_mb(resource.RUSAGE_CHILDREN)

        app = min(apps, key=lambda r: r["seconds"])
        raw = min(raws, key=lambda r: r["seconds"])
        app_s = statistics.median(r["seconds"] for r in apps)
        raw_s = statistics.median(r["seconds"] for r in raws)
        prefix_s = statistics.median(r["seconds"] for r in prefixed)
        ratio = app_s / raw_s
        peak = max(r["maxrss_mb"] for r in apps)

        print(f"entries: {sum(app['counts'].values()) - app['counts'].get('vocabularies', 0)} "
              f"{app['counts']}")
        print(f"python {sys.version.split()[0]}, sqlite {__import__('sqlite3').sqlite_version}, "
              f"{os.cpu_count()} CPUs, {args.rounds} rounds (median; steps of the fastest)")
        print(f"app import:                    {app_s:7.2f} s  "
              f"(rounds: {_list(apps)}; "
              f"modules load in {modules['load_seconds']:.2f} s more)")
        print(f"raw executemany + FTS5:        {raw_s:7.2f} s  "
              f"(rounds: {_list(raws)})")
        print(f"raw with prefix='1 2 3':       {prefix_s:7.2f} s")
        print(f"ratio app / raw:               {ratio:7.2f}   (target <= {TARGET_RATIO:g}; "
              f"against the prefixed raw: {app_s / prefix_s:.2f})")
        print(f"app peak memory (ru_maxrss):   {peak:7.0f} MB (target <= {TARGET_MB}); "
              f"modules alone {modules['maxrss_mb']:.0f} MB, so the import adds "
              f"{peak - modules['maxrss_mb']:.0f} MB")
        print(f"  cross-check RUSAGE_CHILDREN: {children_after_modules:.0f} MB after the "
              f"modules-only process, {children_peak:.0f} MB after all")
        print(f"raw peak memory (ru_maxrss):   {raw['maxrss_mb']:7.0f} MB")
        print(f"database: app {app['db_mb']:.0f} MB, raw {raw['db_mb']:.0f} MB")
        show_steps("app steps (each progress call of import_file to the next; the writes "
                   "report after each table, the search index is built between 0.850 and "
                   "0.980)", app["steps"])
        show_steps("raw steps", raw["steps"])
        ok = ratio <= TARGET_RATIO and peak <= TARGET_MB
        print("targets met" if ok else "TARGET MISSED")

        if args.profile:
            stats_file = work / "app.prof"
            run_child("app", str(fresh(work / "app")), str(export), public_key, str(stats_file))
            import pstats

            print(f"\ncProfile of one app import ({stats_file}), by own time:")
            stats = pstats.Stats(str(stats_file))
            stats.sort_stats("tottime").print_stats(25)
            print("by cumulative time:")
            stats.sort_stats("cumulative").print_stats(40)
        if args.memory:
            traced = run_child("app", str(fresh(work / "app")), str(export), public_key,
                               "memory")
            print("\nPython allocations (tracemalloc) of one app import: held when the step "
                  "begins / highest during the step before it (C allocations, such as "
                  "SQLite's, are not counted):")
            for name, current, peak in traced["memory"]:
                print(f"    {name:48} {current:7.0f} MB  {peak:7.0f} MB")
            print(f"  ru_maxrss of that process: {traced['maxrss_mb']:.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
