#!/usr/bin/env python3
"""What the check for a damaged database costs at start, on a large catalogue.

    python benchmarks/health_bench.py --entries 100000 --work-dir /tmp/tfbb-health

Generates a synthetic catalogue (``generate_catalogue.py``) and imports it with the app's own
pipeline into ``WORK_DIR/data`` (reused on later runs), then times, ``--runs`` times each with
the file in the page cache:

* ``open``: opening the catalogue as the app did before the check (``open_sqlite`` and
  ``migrate``, nothing to migrate);
* ``check``: :func:`tfbb_desktop.core.store.health.damage` as each start calls it: the
  header and the schema, and ``PRAGMA quick_check`` for a file of at most
  ``FULL_CHECK_UP_TO`` (64 MB);
* ``quick``: the same with ``PRAGMA quick_check`` whatever the size;
* ``integrity``: ``PRAGMA integrity_check``, the fuller check, for comparison.

It prints the median and the slowest run of each and the file's size.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tfbb_desktop.core.messages import msg  # noqa: E402
from tfbb_desktop.core.paths import DataPaths  # noqa: E402
from tfbb_desktop.core.store import catalogue, health  # noqa: E402
from tfbb_desktop.core.store.db import open_sqlite  # noqa: E402


def prepare(work: Path, entries: int) -> DataPaths:
    paths = DataPaths(work / "data")
    if paths.catalogue.is_file():
        return paths
    import generate_catalogue

    from tfbb_desktop.core.sync import importer, signing

    export = generate_catalogue.write(generate_catalogue.generate(entries),
                                      work / f"tfbb-{entries}.zip")
    conn = catalogue.open_catalogue(paths)
    try:
        importer.import_file(conn, paths, export, signing.TrustPolicy(), builtin=True)
    finally:
        conn.close()
    return paths


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm-up: the file in the page cache
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/tfbb-health"))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    paths = prepare(args.work_dir, args.entries)

    def open_only() -> None:
        conn = open_sqlite(paths.catalogue)
        try:
            catalogue.migrate_catalogue(conn, paths.catalogue, msg("db.what.catalogue"))
        finally:
            conn.close()

    def check() -> None:
        assert health.damage(paths.catalogue) is None

    def quick() -> None:
        assert health.damage(paths.catalogue, full_check_up_to=1 << 62) is None

    def integrity() -> None:
        conn = sqlite3.connect(paths.catalogue)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()

    size = paths.catalogue.stat().st_size / 1e6
    print(f"catalogue: {paths.catalogue} ({size:.1f} MB), {args.runs} runs each, warm cache")
    for name, fn in (("open", open_only), ("check", check), ("quick", quick),
                     ("integrity", integrity)):
        times = timed(fn, args.runs)
        print(f"  {name:<10} median {statistics.median(times) * 1000:8.1f} ms   "
              f"slowest {max(times) * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
