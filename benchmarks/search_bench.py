#!/usr/bin/env python3
"""Time the app's search against a plain FTS5 query over the same rows.

The benchmark generates a synthetic catalogue (``generate_catalogue.py``), imports it with the
app's own pipeline into a data folder (reused on later runs with the same size and seed), and
then, on that one database, times for a fixed list of queries:

* ``app``: :func:`tfbb_desktop.core.search.query.search` - everything the UI gets: ordered ids of
  every hit per type, counts, filters, tiers;
* ``facets``: :func:`tfbb_desktop.core.search.query.facet_counts` for the same query, shown for
  information (the UI asks for it after the hits);
* ``fts5``: a plain FTS5 table that this script builds itself over the same texts, with
  ``tokenize='unicode61 remove_diacritics 2'``, queried with ``"word"*`` for every word of
  the query and ``ORDER BY rank``, all rowids fetched.

It prints p50 and p95 of each, and the ratio of the app's p95 to FTS5's, per query and over
all timings; then the time of each keystroke when a few queries are typed a letter at a
time::

    python benchmarks/search_bench.py --entries 100000
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import generate_catalogue  # noqa: E402

from tfbb_desktop.core.paths import DataPaths  # noqa: E402
from tfbb_desktop.core.search import query as search  # noqa: E402
from tfbb_desktop.core.search.query import SearchFilters  # noqa: E402
from tfbb_desktop.core.store import catalogue  # noqa: E402
from tfbb_desktop.core.sync import importer, signing  # noqa: E402

# (label, kind, query text, filters)
QUERIES: list[tuple[str, str, str, SearchFilters]] = [
    ("narrow name", "narrow", "wäppling", SearchFilters()),
    ("narrow name, no accent", "narrow", "kallio", SearchFilters()),
    ("narrow two words", "narrow", "kärrström renée", SearchFilters()),
    ("narrow place", "narrow", "övertorneå", SearchFilters()),
    ("e-mail", "narrow", "linnea.sjoqvist", SearchFilters()),
    ("phone digits", "narrow", "0155", SearchFilters()),
    ("broad 1 letter", "broad", "s", SearchFilters()),
    ("broad 2 letters", "broad", "sk", SearchFilters()),
    ("broad word", "broad", "kommun", SearchFilters()),
    ("broad word 2", "broad", "barn", SearchFilters()),
    ("broad prefix", "broad", "skol", SearchFilters()),
    ("no accents", "accent-free", "sormland", SearchFilters()),
    ("no accents 2", "accent-free", "strangnas", SearchFilters()),
    ("no accents 3", "accent-free", "goteborg", SearchFilters()),
    ("accented", "accent", "håbo", SearchFilters()),
    ("accented broad", "accent", "förskol", SearchFilters()),
    ("two words", "multi-word", "barnets bästa", SearchFilters()),
    ("two words 2", "multi-word", "skola workshop", SearchFilters()),
    ("three words", "multi-word", "tidiga insatser elevhälsa", SearchFilters()),
    ("name two words", "multi-word", "anna andersson", SearchFilters()),
    ("type filter", "filtered", "barn", SearchFilters(entity_types=frozenset({"examples"}))),
    ("status filter", "filtered", "plan", SearchFilters(work_status="pagar")),
    ("group filter", "filtered", "samverkan",
     SearchFilters(professional_group="skolpsykologer")),
    ("principal filter", "filtered", "rektor", SearchFilters(principal="eskilstuna")),
    ("compound part", "compound", "psykolog", SearchFilters()),
    ("compound part 2", "compound", "hälsan", SearchFilters()),
    ("compound part 3", "compound", "förvaltning", SearchFilters()),
]


# Typed one keystroke at a time by the "as you type" part.
TYPED = ["skolpsykolog", "strängnäs", "anna andersson"]


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def prepare(entries: int, seed: int, work_dir: Path) -> DataPaths:
    """A data folder holding the generated catalogue, imported with the app's pipeline."""
    root = work_dir / f"tfbb-bench-{entries}-{seed}"
    paths = DataPaths(root / "data")
    marker = root / "imported"
    if marker.exists():
        return paths
    paths.ensure()
    export = root / "export.zip"
    started = time.perf_counter()
    generate_catalogue.write(generate_catalogue.generate(entries, seed), export)
    print(f"generated {export} in {time.perf_counter() - started:.1f} s")
    conn = catalogue.open_catalogue(paths)
    try:
        started = time.perf_counter()
        importer.import_file(conn, paths, export, signing.TrustPolicy(), builtin=True)
        print(f"imported with the app's pipeline (search index included) in "
              f"{time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        build_baseline(conn)
        print(f"built the baseline FTS5 table in {time.perf_counter() - started:.1f} s")
    finally:
        conn.close()
    marker.write_text("ok\n")
    return paths


_BASELINE_ROWS = {
    "principals": (
        "SELECT p.name || ' ' || p.short_name, "
        "COALESCE(k.label, ''), p.description FROM principal p "
        "LEFT JOIN vocab_term k ON k.vocabulary = 'principal_kinds' AND k.id = p.kind"),
    "contacts": (
        "SELECT c.name, c.title || ' ' || c.unit || ' ' || COALESCE(c.email, '') || ' ' || "
        "COALESCE(c.phone, '') || ' ' || COALESCE(p.name, '') || ' ' || COALESCE(("
        "SELECT group_concat(v.label, ' ') FROM relation r JOIN vocab_term v "
        "ON v.vocabulary = 'roles' AND v.id = r.target_id "
        "WHERE r.relation = 'contact.roles' AND r.source_id = c.id), ''), c.note "
        "FROM contact c LEFT JOIN principal p ON p.id = c.principal_id"),
    "examples": (
        "SELECT e.title, e.source || ' ' || COALESCE(("
        "SELECT group_concat(COALESCE(v.label, p.name, r.target_id), ' ') FROM relation r "
        "LEFT JOIN vocab_term v ON v.id = r.target_id AND v.vocabulary = CASE r.relation "
        "WHEN 'example.professional_groups' THEN 'professional_groups' "
        "WHEN 'example.levels' THEN 'levels' WHEN 'example.domains' THEN 'domains' END "
        "LEFT JOIN principal p ON r.relation = 'example.principals' AND p.id = r.target_id "
        "WHERE r.source_id = e.id AND r.relation IN ('example.principals', "
        "'example.professional_groups', 'example.levels', 'example.domains', "
        "'example.tags')), ''), "
        "e.summary || ' ' || e.target_group || ' ' || e.purpose || ' ' || e.method || ' ' || "
        "e.results || ' ' || e.lessons FROM example e"),
    "work": (
        "SELECT w.title, w.location || ' ' || w.source || ' ' || COALESCE(s.label, '') || ' ' "
        "|| COALESCE((SELECT group_concat(p.name, ' ') FROM relation r JOIN principal p "
        "ON p.id = r.target_id WHERE r.relation = 'work.principals' AND r.source_id = w.id), "
        "''), w.summary || ' ' || w.next_step || ' ' || w.decision || ' ' || w.risks "
        "FROM work w LEFT JOIN vocab_term s ON s.vocabulary = 'work_statuses' "
        "AND s.id = w.status"),
}


def build_baseline(conn: sqlite3.Connection) -> None:
    """The plain FTS5 table: the same entries' texts, name / short fields / long texts."""
    conn.execute("DROP TABLE IF EXISTS bench_fts")
    conn.execute("CREATE VIRTUAL TABLE bench_fts USING fts5(name, meta, body, "
                 "tokenize='unicode61 remove_diacritics 2')")
    conn.execute("BEGIN")
    for sql in _BASELINE_ROWS.values():
        conn.executemany("INSERT INTO bench_fts (name, meta, body) VALUES (?, ?, ?)",
                         conn.execute(sql).fetchall())
    conn.execute("INSERT INTO bench_fts (bench_fts) VALUES ('optimize')")
    conn.execute("COMMIT")


def print_sizes(conn: sqlite3.Connection) -> None:
    """The size of the app's search index and of the baseline table (if dbstat is there)."""
    try:
        sizes = dict(conn.execute(
            "SELECT CASE WHEN name LIKE 'search%' THEN 'app index' "
            "WHEN name LIKE 'bench_fts%' THEN 'baseline' ELSE 'catalogue' END, "
            "sum(pgsize) FROM dbstat GROUP BY 1").fetchall())
    except sqlite3.Error:
        return
    print("  ".join(f"{name}: {size / 1e6:.0f} MB" for name, size in sorted(sizes.items())))


def baseline_query(text: str) -> str:
    return " ".join(f'"{w}"*' for w in search.words(text))


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query")
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()),
                        help="where the data folder is kept between runs")
    args = parser.parse_args(argv)

    paths = prepare(args.entries, args.seed, args.work_dir)
    conn = catalogue.open_catalogue(paths)
    print(f"database: {paths.catalogue} ({paths.catalogue.stat().st_size / 1e6:.0f} MB), "
          f"sqlite {sqlite3.sqlite_version}, {args.runs} runs per query")
    print_sizes(conn)

    def app(text: str, filters: SearchFilters) -> Callable[[], object]:
        return lambda: search.search(conn, text, filters)

    def facets(text: str, filters: SearchFilters) -> Callable[[], object]:
        return lambda: search.facet_counts(conn, text, filters)

    def fts(text: str) -> Callable[[], object]:
        match = baseline_query(text)
        sql = "SELECT rowid FROM bench_fts WHERE bench_fts MATCH ? ORDER BY rank"
        return lambda: conn.execute(sql, (match,)).fetchall()

    rng = random.Random(0)
    app_all: list[float] = []
    fts_all: list[float] = []
    facets_all: list[float] = []
    header = (f"{'query':<24} {'kind':<11} {'text':<26} {'hits':>6} {'fts':>6} "
              f"{'app p50':>8} {'app p95':>8} {'fts p50':>8} {'fts p95':>8} {'p95 x':>6} "
              f"{'facets p50':>10} {'facets p95':>10}")
    print(header)
    print("-" * len(header))
    for label, kind, text, filters in QUERIES:
        runners = {"app": app(text, filters), "fts": fts(text),
                   "facets": facets(text, filters)}
        for runner in runners.values():  # warm up
            runner()
        times: dict[str, list[float]] = {name: [] for name in runners}
        for _ in range(args.runs):
            order = list(runners)
            rng.shuffle(order)
            for name in order:
                started = time.perf_counter()
                runners[name]()
                times[name].append((time.perf_counter() - started) * 1000)
        hits = search.search(conn, text, filters).total
        fts_hits = conn.execute("SELECT count(*) FROM bench_fts WHERE bench_fts MATCH ?",
                                (baseline_query(text),)).fetchone()[0]
        app_all.extend(times["app"])
        fts_all.extend(times["fts"])
        facets_all.extend(times["facets"])
        a50, a95 = statistics.median(times["app"]), percentile(times["app"], 0.95)
        f50, f95 = statistics.median(times["fts"]), percentile(times["fts"], 0.95)
        c50, c95 = statistics.median(times["facets"]), percentile(times["facets"], 0.95)
        print(f"{label:<24} {kind:<11} {text[:26]:<26} {hits:>6} {fts_hits:>6} "
              f"{a50:>8.2f} {a95:>8.2f} "
              f"{f50:>8.2f} {f95:>8.2f} {a95 / f95:>6.2f} {c50:>10.2f} {c95:>10.2f}")
    print("-" * len(header))
    a95, f95 = percentile(app_all, 0.95), percentile(fts_all, 0.95)
    print(f"{'overall':<24} {'':<11} {'':<26} {'':>6} {'':>6} {statistics.median(app_all):>8.2f} "
          f"{a95:>8.2f} {statistics.median(fts_all):>8.2f} {f95:>8.2f} {a95 / f95:>6.2f} "
          f"{statistics.median(facets_all):>10.2f} {percentile(facets_all, 0.95):>10.2f}")
    verdict = "met" if a95 <= 1.5 * f95 else "NOT met"
    print(f"target app p95 <= 1.5 x fts5 p95 overall: {verdict} ({a95 / f95:.2f} x)")
    print()
    print("as you type (app search, then facet counts; ms per keystroke, best of 5):")
    for typed in TYPED:
        cells = []
        for end in range(1, len(typed) + 1):
            text = typed[:end]
            if not text.strip():
                continue
            best = min(_timed(lambda t=text: search.search(conn, t)) for _ in range(5))
            best_facets = min(_timed(lambda t=text: search.facet_counts(conn, t))
                              for _ in range(5))
            cells.append(f"{text.strip()[-6:]}:{best:.0f}+{best_facets:.0f}")
        print("  " + "  ".join(cells))
    conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
