"""The core and the command line never import Qt: checked in the source and in a fresh process."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "tfbb_desktop"
CORE = PACKAGE / "core"

QT_MODULES = ("PySide6", "PySide2", "shiboken6", "shiboken2", "PyQt5", "PyQt6", "qtpy")


def _qt_free_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def _is_qt(module: str) -> bool:
    top = module.split(".")[0]
    return top in QT_MODULES or top.startswith("Qt")


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _resolve(current: str, level: int, module: str | None, is_package: bool) -> str:
    """The absolute name of a relative import ``from <level dots><module> import ...``."""
    parts = current.split(".")
    base = parts if is_package else parts[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, *([module] if module else [])])


def qt_imports(path: Path) -> list[str]:
    """Every import in ``path`` that is Qt or our own Qt layer (``tfbb_desktop.ui``)."""
    return qt_imports_in(path.read_text(encoding="utf-8"), _module_of(path),
                         is_package=path.name == "__init__.py",
                         label=str(path.relative_to(ROOT)))


def qt_imports_in(text: str, current: str, *, is_package: bool = False,
                  label: str = "<text>") -> list[str]:
    """The Qt imports in source ``text`` of the module named ``current``."""
    tree = ast.parse(text, filename=label)
    found: list[str] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                target = _resolve(current, node.level, node.module, is_package)
                names = [target] + [f"{target}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Name) and node.func.id == "__import__")
                   or (isinstance(node.func, ast.Attribute)
                       and node.func.attr == "import_module"))):
            names = [node.args[0].value]
        hits = [n for n in names
                if _is_qt(n) or n == "tfbb_desktop.ui" or n.startswith("tfbb_desktop.ui.")]
        if hits:
            found.append(f"{label}:{node.lineno}: {hits[0]}")
    return found


def test_the_checked_files_exist() -> None:
    files = _qt_free_files()
    assert len(files) >= 15, files
    assert all(f.is_file() for f in files)


@pytest.mark.parametrize("path", _qt_free_files(), ids=lambda p: p.name)
def test_no_qt_import_in_core_or_cli(path: Path) -> None:
    assert qt_imports(path) == []


def test_the_cli_loads_only_qtcore_and_only_when_it_runs() -> None:
    """The command line translates its words through Qt: QtCore's QCoreApplication and our
    translators, imported inside the functions that run a command, never at module level."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    in_functions = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                    for n in ast.walk(f)}
    imported: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        qt = [n for n in names if _is_qt(n) or n.startswith("tfbb_desktop.ui")]
        assert not qt or id(node) in in_functions, f"cli.py:{node.lineno} imports Qt at the top"
        imported.extend(qt)
    assert set(imported) == {"PySide6.QtCore.QCoreApplication", "tfbb_desktop.ui.i18n",
                             "tfbb_desktop.ui.messages"}


@pytest.mark.parametrize("line", [
    "import PySide6.QtCore",
    "from PySide6 import QtWidgets",
    "from shiboken6 import isValid",
    "import PyQt6",
    "from ...ui import app",
    "from ...ui.models import ListModel",
    "from tfbb_desktop.ui import app",
    "import importlib; importlib.import_module('PySide6.QtGui')",
    "__import__('shiboken6')",
])
def test_the_checker_finds_qt_imports(line: str) -> None:
    """The check can fail: every form of Qt import it looks for is caught in a core module."""
    assert len(qt_imports_in(line, "tfbb_desktop.core.sync.importer")) == 1


def test_the_checker_passes_plain_imports() -> None:
    text = "import sqlite3\nfrom . import db\nfrom .export_format import Manifest\n"
    assert qt_imports_in(text, "tfbb_desktop.core.sync.importer") == []


def _run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["TFBB_DATA_DIR"] = str(tmp_path / "data")
    env["TFBB_MACHINE_CONFIG"] = str(tmp_path / "machine-config.json")
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_importing_core_and_cli_loads_no_qt(tmp_path: Path) -> None:
    code = (
        "import tfbb_desktop.core.sync.importer, tfbb_desktop.core.store.queries\n"
        "import tfbb_desktop.cli\n"
        "import sys\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not qt, qt\n"
    )
    done = _run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr


def test_every_core_module_loads_without_qt(tmp_path: Path) -> None:
    modules = sorted(f"tfbb_desktop.core.{p.stem}" for p in CORE.glob("*.py")
                     if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not qt, qt\n"
    )
    done = _run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr


def test_running_a_cli_command_loads_no_qt_but_qtcore(tmp_path: Path) -> None:
    """Not only the imports: a whole ``status`` run through the entry point loads no Qt but
    QtCore (for the translations): no widgets, no GUI, no display."""
    data = tmp_path / "cli-data"
    code = (
        "import sys\n"
        "from tfbb_desktop.__main__ import main\n"
        f"rc = main(['--data-dir', {str(data)!r}, 'status'])\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6.Qt', 'tfbb_desktop.ui.')))\n"
        "assert rc == 0, rc\n"
        "assert qt == ['PySide6.QtCore', 'tfbb_desktop.ui.i18n'], qt\n"
    )
    done = _run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Katalogen är tom" in done.stdout


HEAVY_ON_START = ("sqlalchemy", "sqlmodel", "pydantic", "pydantic_core",
                  "tfbb_desktop.core.sync.importer", "tfbb_desktop.core.sync.apply",
                  "tfbb_desktop.core.store.schema", "tfbb_desktop.core.sync.export_format")


def test_an_everyday_start_opens_the_catalogue_without_the_import_pipeline(
        tmp_path: Path) -> None:
    """Opening a filled catalogue (what the GUI's worker does at every start) needs sqlite3
    only: the import pipeline with SQLModel, SQLAlchemy and pydantic loads on the first start
    alone (docs/performance.md)."""
    data = tmp_path / "data"
    first = _run_python(
        "from tfbb_desktop.core.paths import DataPaths\n"
        "from tfbb_desktop.ui.context import load_context\n"
        "from pathlib import Path\n"
        f"ctx = load_context(DataPaths(Path({str(data)!r})))\n"
        "assert ctx.first_import is not None  # the bundled catalogue was imported\n"
        "ctx.close()\n", tmp_path)
    assert first.returncode == 0, first.stderr
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tfbb_desktop.core.paths import DataPaths\n"
        "from tfbb_desktop.ui.context import load_context\n"
        f"ctx = load_context(DataPaths(Path({str(data)!r})))\n"
        "assert ctx.first_import is None\n"
        "ctx.close()\n"
        f"heavy = {HEAVY_ON_START!r}\n"
        "loaded = sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.')\n"
        "                                              for h in heavy))\n"
        "assert not loaded, loaded\n"
    )
    done = _run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr


# --- Import graph ---------------------------------------------------------------------------------


def module_imports(text: str, current: str, *, is_package: bool = False) -> set[str]:
    """Our modules that source ``text`` imports when it is loaded: the module-level imports,
    not those in functions or under ``if TYPE_CHECKING:``. ``from a import b`` counts as
    ``a.b`` when that is a module of ours, else as ``a``."""
    found: set[str] = set()
    for node in ast.parse(text).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(current, node.level, node.module, is_package) if node.level \
                else node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = {_module_of(p).removesuffix(".__init__"): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        imported = module_imports(path.read_text(encoding="utf-8"), name,
                                  is_package=path.name == "__init__.py")
        graph[name] = {m for m in imported if m in paths and m != name}
    return graph


def find_circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle in ``graph`` (its modules, the first one repeated at the end), or []."""
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str]:
        if name in path:
            return [*path[path.index(name):], name]
        if name in done:
            return []
        for target in sorted(graph.get(name, ())):
            circle = visit(target, [*path, name])
            if circle:
                return circle
        done.add(name)
        return []

    for name in sorted(graph):
        circle = visit(name, [])
        if circle:
            return circle
    return []


def test_no_module_imports_another_in_a_circle() -> None:
    graph = import_graph()
    assert len(graph) >= 40 and "tfbb_desktop.ui.main_window" in graph
    assert find_circle(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    text = "from tfbb_desktop.ui import pages\nfrom . import models\n"
    imported = module_imports(text, "tfbb_desktop.ui.main_window")
    assert {"tfbb_desktop.ui.pages", "tfbb_desktop.ui.models"} <= imported
    typing_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import a.b\n"
    assert "a.b" not in module_imports(typing_only, "x")
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_circle(graph) == ["a", "b", "c", "a"]
    assert find_circle({"a": {"b"}, "b": set()}) == []


def test_no_page_or_dialog_imports_the_main_window() -> None:
    ui = PACKAGE / "ui"
    for path in [*ui.glob("pages/*.py"), *ui.glob("dialogs/*.py"), ui / "printing.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "tfbb_desktop.ui.main_window" not in names, path.name
