#!/usr/bin/env python3
"""Start-up time and bundle size of TFBB Katalog against a bare PySide6 window.

    python dev.py build                                  # the frozen app, dist/tfbb-katalog/
    .venv/bin/python benchmarks/startup_bench.py         # source + frozen, 7 runs each
    .venv/bin/python benchmarks/startup_bench.py --runs 9 --json /tmp/startup.json
    .venv/bin/python benchmarks/startup_bench.py --skip-frozen   # source only, no builds

Four programs are started, round robin, ``--runs`` times each after one warm-up run:

- ``bare (source)``: a bare PySide6 window (a QMainWindow with a label, the size of ours);
- ``app (source)``: ``python -m tfbb_desktop``;
- ``bare (frozen)``: the same bare window, frozen here with the same PyInstaller (a default
  onedir build, into a temporary folder, in every run of this script);
- ``app (frozen)``: ``dist/tfbb-katalog/tfbb-katalog`` (``--build`` builds it first).

The clock starts just before the process is spawned. Each program prints
``TFBB_PROBE <event> <time.time()>`` lines (the app with its start-up hook
``TFBB_STARTUP_HOOK`` set to benchmarks/startup_probe.py): ``window_shown`` once the main
window has been painted, ``first_rows`` once the principals list has painted its rows, and
``first_search`` once the results of a search typed into the search field (as soon as the rows
show) have been painted; the app then quits. The app runs on a data folder whose first start
(the import of the bundled catalogue) was the warm-up run, so the runs measure an everyday
start. Source runs use a bytecode cache in a temporary folder (``PYTHONPYCACHEPREFIX``),
filled by the warm-up run, even if ``PYTHONDONTWRITEBYTECODE`` is set: an ordinary start does
not compile the app every time.

"Time to first result" is ``first_search`` when the app has a search field and
``tfbb_desktop.core.search.query`` (otherwise ``first_rows``). Both are compared with the bare
window's time to window shown. Targets (issue "Installable on office PCs"): window shown
<= 1.5 x the bare window, first result <= 2.5 x, bundle <= 1.25 x the bare bundle.

Runs under X11 for a real window: with ``DISPLAY`` unset it re-runs itself under
``xvfb-run -a``; ``--platform offscreen`` (or no Xvfb) uses Qt's offscreen platform instead.
The report says which.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP_DIR = ROOT / "dist" / "tfbb-katalog"
PROBE = ROOT / "benchmarks" / "startup_probe.py"
XVFB_MARK = "TFBB_BENCH_UNDER_XVFB"
TARGETS = {"window_shown": 1.5, "first_result": 2.5, "size": 1.25}

BARE_WINDOW = '''"""A bare PySide6 window for benchmarks/startup_bench.py."""
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class Probe(QObject):
    def __init__(self, app, window):
        super().__init__(window)
        self.app, self.window, self.done = app, window, False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"TFBB_PROBE window_shown {time.time():.6f}", flush=True)
        self.app.quit()


app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("bare PySide6 window"))
window.resize(1200, 780)
app.installEventFilter(Probe(app, window))
window.show()
sys.exit(app.exec())
'''


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tfbb_build", ROOT / "scripts" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_bare(tmp: Path) -> tuple[Path, float]:
    """Freeze the bare window with default PyInstaller options (onedir)."""
    tmp.mkdir(parents=True, exist_ok=True)
    script = tmp / "bare_window.py"
    script.write_text(BARE_WINDOW, encoding="utf-8")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--onedir",
                    "--log-level", "ERROR", "--distpath", str(tmp / "dist"), "--workpath",
                    str(tmp / "build"), "--specpath", str(tmp), str(script)],
                   check=True, cwd=tmp)
    exe = tmp / "dist" / "bare_window" / ("bare_window.exe" if sys.platform == "win32"
                                          else "bare_window")
    return exe, time.monotonic() - started


def run_once(cmd: list[str], env: dict[str, str], timeout: float) -> dict[str, float]:
    """Start ``cmd``; return the probe's events as seconds since the spawn."""
    started = time.time()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        events = _events(out, started)
        events["failed"] = 1.0
        return events
    events = _events(done.stdout, started)
    events["exit"] = time.time() - started
    if done.returncode != 0 or "window_shown" not in events:
        events["failed"] = 1.0
        sys.stderr.write(f"{cmd[0]}: exit {done.returncode}\n{done.stderr[-2000:]}\n")
    return events


def _events(out: str, started: float) -> dict[str, float]:
    events: dict[str, float] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "TFBB_PROBE":
            try:
                value = float(parts[2])
            except ValueError:
                continue
            if parts[1] == "translators":
                events["translators"] = value
            else:
                events[parts[1]] = value - started
    if "first_search" in events or "first_rows" in events:
        events["first_result"] = events.get("first_search", events.get("first_rows", 0.0))
    return events


def median(runs: list[dict[str, float]], key: str) -> float | None:
    values = [r[key] for r in runs if key in r and "failed" not in r]
    return statistics.median(values) if values else None


def fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "–"
    return f"{value:.3f} {unit}" if unit == "s" else f"{value:.2f}{unit}"


def ensure_display(args: argparse.Namespace) -> str:
    """'xcb (Xvfb)', 'xcb (DISPLAY=...)' or 'offscreen'; re-runs under xvfb-run if needed."""
    if args.platform == "offscreen" or sys.platform == "win32":
        return "offscreen" if args.platform == "offscreen" else "windows"
    if os.environ.get(XVFB_MARK):
        return "xcb (Xvfb via xvfb-run)"
    if os.environ.get("DISPLAY"):
        return f"xcb (DISPLAY={os.environ['DISPLAY']})"
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        print("No DISPLAY and no xvfb-run: using the offscreen platform.", file=sys.stderr)
        args.platform = "offscreen"
        return "offscreen"
    env = dict(os.environ, **{XVFB_MARK: "1"})
    cmd = [xvfb_run, "-a", "-s", "-screen 0 1920x1080x24", sys.executable, __file__,
           *sys.argv[1:]]
    sys.exit(subprocess.call(cmd, env=env))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per program (7)")
    parser.add_argument("--platform", choices=["auto", "offscreen"], default="auto")
    parser.add_argument("--skip-frozen", action="store_true", help="source runs only")
    parser.add_argument("--build", action="store_true", help="build dist/tfbb-katalog first")
    parser.add_argument("--app-dir", type=Path, default=APP_DIR, help="the frozen app folder")
    parser.add_argument("--timeout", type=float, default=45.0, help="seconds per run")
    parser.add_argument("--json", type=Path, help="write all measurements here")
    args = parser.parse_args(argv)
    display = ensure_display(args)
    build_script = _build_module()

    with tempfile.TemporaryDirectory(prefix="tfbb-startup-") as tmp_name:
        tmp = Path(tmp_name)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TFBB_", "QT_")) and k != "PYTHONDONTWRITEBYTECODE"}
        # Source runs use a bytecode cache, as every ordinary run does (the warm-up run fills
        # it); it is kept in the temporary folder, so the source tree stays clean.
        env.update(TFBB_STARTUP_HOOK=str(PROBE), TFBB_LANG="sv",
                   TFBB_MACHINE_CONFIG=str(tmp / "no-machine-config.json"),
                   XDG_CONFIG_HOME=str(tmp / "config"),
                   PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
        env["QT_QPA_PLATFORM"] = "offscreen" if display == "offscreen" else (
            "windows" if display == "windows" else "xcb")
        bare_script = tmp / "bare_window.py"
        bare_script.write_text(BARE_WINDOW, encoding="utf-8")
        programs: dict[str, list[str]] = {
            "bare (source)": [sys.executable, str(bare_script)],
            "app (source)": [sys.executable, "-m", "tfbb_desktop", "--data-dir",
                             str(tmp / "data-source")],
        }
        report: dict[str, Any] = {"display": display, "runs": args.runs,
                                  "search_module": importlib.util.find_spec(
                                      "tfbb_desktop.core.search.query") is not None,
                                  "load_before": os.getloadavg() if hasattr(os, "getloadavg")
                                  else None}
        if not args.skip_frozen:
            if args.build:
                subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py")], check=True)
            app_exe = build_script.executable(args.app_dir)
            if not app_exe.is_file():
                print(f"No frozen app at {app_exe}: run `python dev.py build` or pass --build "
                      "(or --skip-frozen).", file=sys.stderr)
                return 2
            print("Building the bare PySide6 window with PyInstaller ...", flush=True)
            bare_exe, bare_build = build_bare(tmp / "bare")
            programs["bare (frozen)"] = [str(bare_exe)]
            programs["app (frozen)"] = [str(app_exe), "--data-dir", str(tmp / "data-frozen")]
            sizes = {}
            for name, folder in (("app", args.app_dir), ("bare", bare_exe.parent)):
                size, files = build_script.tree_size(folder)
                zipped = build_script.make_zip(folder, tmp / f"{name}.zip").stat().st_size
                sizes[name] = {"bytes": size, "files": files, "zip_bytes": zipped}
            report.update(sizes=sizes, bare_build_seconds=bare_build)

        runs: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
        first_start: dict[str, dict[str, float]] = {}
        print(f"Warm-up (first start) and {args.runs} runs each on {display} ...", flush=True)
        for name, cmd in programs.items():
            first_start[name] = run_once(cmd, env, args.timeout)
        for _ in range(args.runs):
            for name, cmd in programs.items():
                runs[name].append(run_once(cmd, env, args.timeout))
        report["load_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
        report["first_start"] = first_start
        report["measurements"] = runs

    print_report(report, runs)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
        print(f"Wrote {args.json}")
    return 0


def print_report(report: dict[str, Any], runs: dict[str, list[dict[str, float]]]) -> None:
    result_event = "first_search" if any(
        "first_search" in r for rs in runs.values() for r in rs) else "first_rows"
    print()
    print(f"Display: {report['display']}; medians of {report['runs']} runs; "
          f"first result = {result_event}; "
          f"load average before/after: {report['load_before']} / {report['load_after']}")
    print()
    print("| program | window shown | first rows | first search | failed runs |")
    print("| --- | --- | --- | --- | --- |")
    for name, rs in runs.items():
        failed = sum(1 for r in rs if "failed" in r)
        print(f"| {name} | {fmt(median(rs, 'window_shown'))} | {fmt(median(rs, 'first_rows'))} "
              f"| {fmt(median(rs, 'first_search'))} | {failed} |")
    print()
    print("| comparison | ratio | target | met |")
    print("| --- | --- | --- | --- |")
    report["ratios"] = {}
    for kind in ("source", "frozen"):
        bare = median(runs.get(f"bare ({kind})", []), "window_shown")
        app_runs = runs.get(f"app ({kind})", [])
        if bare is None or not app_runs:
            continue
        for metric, label in (("window_shown", "window shown"),
                              ("first_result", "first result")):
            value = median(app_runs, metric)
            ratio = value / bare if value is not None else None
            target = TARGETS[metric]
            report["ratios"][f"{kind} {metric}"] = ratio
            met = "–" if ratio is None else ("yes" if ratio <= target else "**no**")
            print(f"| {label} ({kind}) vs bare window ({kind}) | {fmt(ratio, 'x')} | "
                  f"<= {target}x | {met} |")
    sizes = report.get("sizes")
    if sizes:
        ratio = sizes["app"]["bytes"] / sizes["bare"]["bytes"]
        zratio = sizes["app"]["zip_bytes"] / sizes["bare"]["zip_bytes"]
        report["ratios"]["size"] = ratio
        print(f"| bundle size vs bare bundle | {ratio:.2f}x | <= {TARGETS['size']}x | "
              f"{'yes' if ratio <= TARGETS['size'] else '**no**'} |")
        print(f"| zipped size vs bare zipped | {zratio:.2f}x | (report) | – |")
        print()
        print("| bundle | size | files | zipped |")
        print("| --- | --- | --- | --- |")
        for name, s in sizes.items():
            print(f"| {name} | {s['bytes'] / 1e6:.1f} MB | {s['files']} | "
                  f"{s['zip_bytes'] / 1e6:.1f} MB |")
        print(f"\n(bare PyInstaller build took {report['bare_build_seconds']:.0f} s)")
    firsts = report.get("first_start", {})
    if firsts:
        print("\nFirst start (warm-up run; the app imports the bundled catalogue): " + "; ".join(
            f"{name} window {fmt(ev.get('window_shown'))}, result {fmt(ev.get('first_result'))}"
            for name, ev in firsts.items() if name.startswith("app")))


if __name__ == "__main__":
    sys.exit(main())
