"""Packaging, without building: the spec bundles what the app reads, resources are found the
same way frozen and from source, the icons, the .desktop file and the version resource are
valid, and the modules the spec leaves out are never loaded. (The frozen build itself is built
and smoke-tested by ``python dev.py build --smoke``, a step of .ci/run.)"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from tfbb_desktop import __version__
from tfbb_desktop.core import paths

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = {16, 24, 32, 48, 64, 128, 256}


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spec_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Execute build.spec with recording stand-ins for PyInstaller's Analysis, EXE, ..."""
    calls: dict[str, Any] = {"exe": []}

    def analysis(scripts: list[str], **kwargs: Any) -> SimpleNamespace:
        calls["analysis"] = {"scripts": scripts, **kwargs}
        return SimpleNamespace(binaries=[], datas=[], scripts=[], pure=[])

    def exe(*_args: Any, **kwargs: Any) -> str:
        calls["exe"].append(kwargs)
        return kwargs["name"]

    def collect(*args: Any, **kwargs: Any) -> None:
        calls["collect"] = {"args": args, **kwargs}

    namespace: dict[str, Any] = {
        "__name__": "build_spec", "__file__": str(SPEC), "SPECPATH": str(ROOT),
        "workpath": str(tmp_path_factory.mktemp("work")), "Analysis": analysis,
        "PYZ": lambda pure: "pyz", "EXE": exe, "COLLECT": collect,
    }
    saved_path = list(sys.path)
    try:
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    finally:
        sys.path[:] = saved_path
    namespace["calls"] = calls
    return namespace


def _bundled(spec_run: dict[str, Any]) -> dict[str, Path]:
    """Destination inside _internal -> source file, for every data file of the spec."""
    return {f"{dest}/{Path(src).name}": Path(src) for src, dest in spec_run["DATAS"]}


# --- Resources: same lookup frozen and from source -----------------------------------------------


def test_resources_are_found_in_the_source_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert paths.resources_dir() == ROOT / "resources"
    assert paths.resource_path("icons", "tfbb-katalog.png") == ICONS / "tfbb-katalog.png"


def test_resources_are_found_in_the_frozen_bundle(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    internal = tmp_path / "tfbb-katalog" / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    assert paths.resources_dir() == internal / "resources"
    assert paths.resource_path("i18n", "tfbb_sv.qm") == internal / "resources" / "i18n" / \
        "tfbb_sv.qm"


def _resource_paths_used() -> set[tuple[str, ...]]:
    """Every ``resource_path(...)`` call in the app's source whose arguments are string
    literals or module-level string constants (``resource_path(SCHEMA_NAME)``)."""
    used: set[tuple[str, ...]] = set()
    for path in (ROOT / "src" / "tfbb_desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                     and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                     for t in n.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(
                    node.func, "attr", None)) == "resource_path" and node.args):
                continue
            parts = [a.value if isinstance(a, ast.Constant) else
                     constants.get(a.id) if isinstance(a, ast.Name) else None
                     for a in node.args]
            assert all(isinstance(p, str) for p in parts), (
                f"{path.name}:{node.lineno}: resource_path() with an argument this test cannot "
                "resolve; use literals or module-level constants")
            used.add(tuple(str(p) for p in parts))
    return used


def test_every_resource_the_app_reads_is_bundled(spec_run: dict[str, Any]) -> None:
    bundled = _bundled(spec_run)
    used = _resource_paths_used()
    assert ("icons", "tfbb-katalog.png") in used  # the scan finds the calls
    for parts in used:
        rel = "/".join(("resources", *parts))
        assert rel in bundled or any(dest.startswith(rel + "/") for dest in bundled), (
            f"resource_path{parts} is read by the app but build.spec does not bundle it")
    for source in bundled.values():
        assert source.is_file(), source


def test_the_spec_bundles_the_needed_files(spec_run: dict[str, Any]) -> None:
    bundled = _bundled(spec_run)
    for schema in (ROOT / "resources").glob("*.schema.json"):
        assert f"resources/{schema.name}" in bundled, schema.name
    for rel in ["resources/catalogue/tfbb-sormland.zip", "resources/i18n/tfbb_sv.qm",
                "resources/i18n/tfbb_en.qm",
                "resources/i18n/qtbase_sv.qm", "resources/icons/tfbb-katalog.png",
                "resources/icons/tfbb-katalog.ico", "resources/keys/README.md",
                "resources/export-format-v1.schema.json"]:
        assert rel in bundled, rel
    for pub in (ROOT / "resources" / "keys").glob("*.pub"):
        assert f"resources/keys/{pub.name}" in bundled
    # core/store/db.py reads the migrations next to its own __file__, which in the frozen app is
    # _internal/tfbb_desktop/core/.
    migrations = ROOT / "src" / "tfbb_desktop" / "core" / "migrations"
    for sql in migrations.glob("*.sql"):
        assert f"tfbb_desktop/core/store/migrations/{sql.name}" in bundled, sql.name
    assert not any(dest.endswith((".ts", ".pem")) for dest in bundled)


def test_the_spec_builds_onedir_without_upx(spec_run: dict[str, Any]) -> None:
    calls = spec_run["calls"]
    names = [e["name"] for e in calls["exe"]]
    assert names[0] == "tfbb-katalog"
    assert names == (["tfbb-katalog", "tfbb-katalog-cli"] if sys.platform == "win32"
                     else ["tfbb-katalog"])
    for exe in calls["exe"]:
        assert exe["upx"] is False and exe["exclude_binaries"] is True  # onedir
    assert calls["collect"]["name"] == "tfbb-katalog" and calls["collect"]["upx"] is False
    entry = Path(calls["analysis"]["scripts"][0])
    assert "from tfbb_desktop.__main__ import main" in entry.read_text(encoding="utf-8")


def test_the_spec_leaves_out_unused_qt_and_python_modules(spec_run: dict[str, Any]) -> None:
    excludes = set(spec_run["calls"]["analysis"]["excludes"])
    for module in ["PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtDesigner", "tkinter",
                   "unittest", "pydoc", "test"]:
        assert module in excludes, module
    used = spec_run["qt_modules_imported"](ROOT / "src" / "tfbb_desktop")
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    for module in used:  # whatever the app imports is bundled, with its library
        assert f"PySide6.{module}" not in excludes, module
        assert module.removeprefix("Qt") in spec_run["KEEP_QT_LIBS"], module
    if "QtNetwork" not in used:
        assert "PySide6.QtNetwork" in excludes
    for module in ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "sqlite3", "json",
                   "email", "urllib", "http", "ssl", "ctypes"]:
        assert module not in excludes, module


@pytest.mark.parametrize(("dest", "unwanted"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6/Qt/plugins/platforms/libqminimal.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", False),
    ("PySide6/Qt/plugins/imageformats/libqico.so", False),
    ("PySide6/plugins/imageformats/qico.dll", False),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", False),
    ("libQt6DBus.so.6", False),
    ("PySide6/Qt6Core.dll", False),
    ("libpython3.11.so.1.0", False),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
    ("PySide6/plugins/imageformats/qjpeg.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/lib/libQt6Network.so.6", False),  # the single instance's local socket
    ("PySide6/Qt6Qml.dll", True),
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/translations/qt_sv.qm", True),
    ("PySide6/opengl32sw.dll", True),
])
def test_the_qt_filter(spec_run: dict[str, Any], dest: str, unwanted: bool) -> None:
    assert spec_run["_unwanted"](dest) is unwanted


def test_printing_brings_its_plugins(spec_run: dict[str, Any], tmp_path: Path) -> None:
    """A Qt module the app starts to use is found in the source and kept with its plugins."""
    (tmp_path / "printing.py").write_text("from PySide6.QtPrintSupport import QPrinter\n"
                                          "import PySide6.QtSvg\n")
    assert spec_run["qt_modules_imported"](tmp_path) == {"QtPrintSupport", "QtSvg"}
    uses_printing = "QtPrintSupport" in spec_run["QT_MODULES_USED"]
    assert spec_run["_unwanted"](
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so") is not uses_printing
    assert spec_run["_unwanted"]("PySide6/Qt/lib/libQt6PrintSupport.so.6") is not uses_printing


def test_libraries_only_left_out_plugins_need_are_pruned(spec_run: dict[str, Any],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    deps = {
        "/x/libqwayland.so": [("libwayland-client.so.0", "/x/libwayland-client.so.0"),
                              ("libQt6Gui.so.6", "/x/libQt6Gui.so.6")],
        "/x/libwayland-client.so.0": [("libffi.so.8", "/x/libffi.so.8")],
        "/x/QtGui.abi3.so": [("libQt6Gui.so.6", "/x/libQt6Gui.so.6")],
        "/x/_ctypes.so": [("libffi.so.8", "/x/libffi.so.8")],
    }
    monkeypatch.setitem(spec_run, "get_imports", lambda src: deps.get(src, []))
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqwayland.so", "/x/libqwayland.so", "BINARY"),
        ("libwayland-client.so.0", "/x/libwayland-client.so.0", "BINARY"),
        ("libQt6Gui.so.6", "/x/libQt6Gui.so.6", "BINARY"),
        ("libffi.so.8", "/x/libffi.so.8", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/x/QtGui.abi3.so", "EXTENSION"),
        ("_ctypes.so", "/x/_ctypes.so", "EXTENSION"),
        ("libdbus-1.so.3", "/x/libdbus-1.so.3", "BINARY"),
    ]
    kept = {Path(dest).name for dest, _src, _kind in spec_run["prune_binaries"](binaries)}
    assert kept == {"libQt6Gui.so.6", "libffi.so.8", "QtGui.abi3.so", "_ctypes.so",
                    "libdbus-1.so.3"}


def test_the_spec_refuses_private_keys(spec_run: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "publisher.pub").write_text("AAAA\n")
    assert spec_run["_private_keys_in"](tmp_path) == []
    (tmp_path / "oops.txt").write_text("-----BEGIN PRIVATE KEY-----\n")
    (tmp_path / "publisher.pem").write_text("x")
    assert sorted(spec_run["_private_keys_in"](tmp_path)) == ["oops.txt", "publisher.pem"]


def test_the_keys_folder_explains_itself_and_holds_no_secret() -> None:
    keys = ROOT / "resources" / "keys"
    assert "*.pub" in (keys / "README.md").read_text(encoding="utf-8")
    for path in keys.iterdir():
        assert path.suffix in (".pub", ".md"), path.name
        assert b"PRIVATE KEY" not in path.read_bytes()


def test_no_source_file_imports_a_module_the_spec_leaves_out(spec_run: dict[str, Any]) -> None:
    excluded = set(spec_run["calls"]["analysis"]["excludes"])
    for path in (ROOT / "src" / "tfbb_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.module
                     and not node.level else [])
            for name in names:
                hits = [ex for ex in excluded if name == ex or name.startswith(ex + ".")]
                assert not hits, f"{path.name}:{node.lineno} imports {name}, excluded by build.spec"


def test_modules_left_out_of_the_build_are_never_loaded(spec_run: dict[str, Any],
                                                        tmp_path: Path) -> None:
    """A whole run from source (GUI self-check, publish, import, status) loads none of the
    modules build.spec excludes, so the frozen app cannot miss them."""
    code = f"""
import json, sys
before = set(sys.modules)  # the interpreter's own start-up (site, .pth files) is not the app
from tfbb_desktop.__main__ import main
tmp = {str(tmp_path)!r}
codes = [main(["--data-dir", tmp + "/gui", "--self-check"]),
         main(["publish", "keygen", "--out", tmp + "/keys"]),
         main(["publish", "build", {str(ROOT / "catalogue-source" / "sormland.json")!r},
               "--dataset-version", "2", "--key", tmp + "/keys/publisher.pem",
               "--out", tmp + "/export.zip"])]
pub = open(tmp + "/keys/publisher.pub", encoding="ascii").read().strip()
json.dump({{"trusted_keys": [pub]}}, open(tmp + "/config.json", "w"))
codes += [main(["--data-dir", tmp + "/cli", "import", tmp + "/export.zip", "--yes"]),
          main(["--data-dir", tmp + "/cli", "status"]),
          main(["publish", "check", tmp + "/export.zip"])]
print("MODULES " + json.dumps({{"codes": codes, "modules": sorted(set(sys.modules) - before)}}))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               TFBB_MACHINE_CONFIG=str(tmp_path / "config.json"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=180)
    assert done.returncode == 0, done.stderr
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("MODULES "))
    result = json.loads(line.removeprefix("MODULES "))
    assert result["codes"] == [0] * 6
    excluded = spec_run["calls"]["analysis"]["excludes"]
    loaded = [m for m in result["modules"]
              if any(m == ex or m.startswith(ex + ".") for ex in excluded)]
    assert loaded == [], f"build.spec excludes modules the app loads: {loaded}"


# --- Translations --------------------------------------------------------------------------------


def test_qt_swedish_is_found_in_resources_when_qt_has_no_translations(
        qapp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The frozen app keeps no Qt translations folder: qtbase_sv.qm is in resources/i18n."""
    from PySide6.QtCore import QLibraryInfo

    from tfbb_desktop.ui import i18n

    i18n_dir = tmp_path / "resources" / "i18n"
    i18n_dir.mkdir(parents=True)
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    shutil.copy(qt_dir / "qtbase_sv.qm", i18n_dir)
    shutil.copy(ROOT / "resources" / "i18n" / "tfbb_sv.qm", i18n_dir)
    empty = tmp_path / "no-qt-translations"
    empty.mkdir()
    monkeypatch.setenv("TFBB_LANG", "sv")
    monkeypatch.setattr(i18n, "resource_path", lambda *parts: i18n_dir.parent.parent.joinpath(
        "resources", *parts))
    monkeypatch.setattr(i18n, "QLibraryInfo", SimpleNamespace(
        path=lambda _which: str(empty), LibraryPath=QLibraryInfo.LibraryPath))
    loaded = i18n.install_translators(qapp)
    try:
        assert len(loaded) == 2
        assert qapp.translate("QPlatformTheme", "Cancel") == "Avbryt"
    finally:
        for translator in loaded:
            qapp.removeTranslator(translator)


# --- Start-up ------------------------------------------------------------------------------------


def test_loading_starts_after_the_first_paint(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel

    from tfbb_desktop.ui.app import AfterFirstPaint

    calls: list[str] = []
    window = QLabel("x")
    qtbot.addWidget(window)
    AfterFirstPaint(window, lambda: calls.append("load"), limit_ms=60_000)
    qtbot.wait(50)
    assert calls == []  # not shown, not painted: not started
    window.show()
    qtbot.waitUntil(lambda: calls == ["load"], timeout=5000)
    window.update()
    qtbot.wait(50)
    assert calls == ["load"]  # once


def test_the_gui_start_shows_the_window_then_loads(tmp_path: Path) -> None:
    """The real start (not --self-check) with the start-up probe, from source, offscreen."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TFBB_LANG="sv",
               TFBB_STARTUP_HOOK=str(ROOT / "benchmarks" / "startup_probe.py"))
    proc = subprocess.Popen([sys.executable, "-m", "tfbb_desktop", "--data-dir",
                             str(tmp_path / "data")], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    events: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            events.append(line.split()[1])
            if events[-1] in ("catalogue_loaded", "timeout"):
                break
    finally:
        proc.kill()
        proc.communicate()
    assert events[:3] == ["translators", "window_shown", "catalogue_loaded"]


# --- Icons ---------------------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _ico_entries(data: bytes) -> dict[int, bytes]:
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    entries = {}
    for i in range(count):
        w, h, _colours, _r, _planes, _bpp, size, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        assert w == h
        entries[w or 256] = data[offset: offset + size]
    return entries


def test_the_icons_are_there_in_every_size() -> None:
    assert _png_size((ICONS / "tfbb-katalog.png").read_bytes()) == (256, 256)
    for size in ICON_SIZES:
        assert _png_size((ICONS / f"tfbb-katalog-{size}.png").read_bytes()) == (size, size)
    entries = _ico_entries((ICONS / "tfbb-katalog.ico").read_bytes())
    assert set(entries) == ICON_SIZES
    for size, blob in entries.items():
        assert _png_size(blob) == (size, size)


def test_make_icon_draws_every_size(qapp: Any) -> None:
    make_icon = _load(ROOT / "scripts" / "make_icon.py", "make_icon")
    assert set(make_icon.SIZES) == ICON_SIZES
    for size in (16, 48):
        image = make_icon.render(size)
        assert (image.width(), image.height()) == (size, size)
        centre = image.pixelColor(size // 2, size // 2)
        assert centre.alpha() == 255
    blob = make_icon.ico_bytes({16: b"\x89PNG\r\n\x1a\n" + bytes(16), 256: b"x" * 10})
    assert sorted(_ico_entries(blob)) == [16, 256]


# --- The Linux .desktop file ---------------------------------------------------------------------


def test_the_desktop_file_is_valid() -> None:
    path = ROOT / "packaging" / "tfbb-katalog.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "TFBB Katalog"
    assert entry["Icon"] == "tfbb-katalog"
    assert entry["Terminal"] == "false"
    assert entry["Exec"].split()[0].endswith("/tfbb-katalog")
    assert entry["Categories"].endswith(";")
    validator = shutil.which("desktop-file-validate")
    if validator:
        done = subprocess.run([validator, str(path)], capture_output=True, text=True)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


# --- The Windows version resource ----------------------------------------------------------------


def test_version_numbers_for_windows() -> None:
    version_info = _load(ROOT / "packaging" / "version_info.py", "version_info")
    assert version_info.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_info.version_tuple("2.3") == (2, 3, 0, 0)
    assert version_info.version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert version_info.version_tuple("1.2.3.4.5") == (1, 2, 3, 4)
    with pytest.raises(ValueError):
        version_info.version_tuple("dev")


def test_the_version_resource_carries_the_package_version(tmp_path: Path) -> None:
    """The generated file evaluates (as PyInstaller does) to the package's version."""
    version_info = _load(ROOT / "packaging" / "version_info.py", "version_info")
    path = version_info.write_version_file(tmp_path / "v.txt", __version__, "tfbb-katalog.exe")

    def record(kind: str) -> Any:
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
             "StringStruct", "VarFileInfo", "VarStruct"]
    info = eval(path.read_text(encoding="utf-8"), {n: record(n) for n in names})
    text = repr(info)
    assert info[0] == "VSVersionInfo"
    fixed = info[2]["ffi"]
    assert fixed[2]["filevers"] == version_info.version_tuple(__version__)
    assert fixed[2]["prodvers"] == version_info.version_tuple(__version__)
    assert f"('ProductVersion', {__version__!r})" in text
    assert "('OriginalFilename', 'tfbb-katalog.exe')" in text
    assert "('ProductName', 'TFBB Katalog')" in text


# --- scripts/build.py helpers --------------------------------------------------------------------


def test_zip_name_and_platform_tag() -> None:
    build = _load(ROOT / "scripts" / "build.py", "tfbb_build_script")
    assert re.fullmatch(r"(linux|windows|macos|[a-z0-9]+)-[a-z0-9_]+", build.platform_tag())
    name = build.zip_name().name
    assert name == f"tfbb-katalog-{__version__}-{build.platform_tag()}.zip"
    assert build.package_version() == __version__


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and modes are POSIX")
def test_the_zip_keeps_links_and_executable_bits(tmp_path: Path) -> None:
    build = _load(ROOT / "scripts" / "build.py", "tfbb_build_script")
    app = tmp_path / "tfbb-katalog"
    (app / "_internal" / "lib").mkdir(parents=True)
    (app / "_internal" / "lib" / "libQt6Core.so.6").write_bytes(b"\x7fELF" + bytes(1000))
    (app / "_internal" / "libQt6Core.so.6").symlink_to("lib/libQt6Core.so.6")
    (app / "tfbb-katalog").write_bytes(b"#!/bin/sh\n")
    (app / "tfbb-katalog").chmod(0o755)
    archive = build.make_zip(app, tmp_path / "out.zip")
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == ["tfbb-katalog/_internal/lib/libQt6Core.so.6",
                                        "tfbb-katalog/_internal/libQt6Core.so.6",
                                        "tfbb-katalog/tfbb-katalog"]
    out = tmp_path / "unzipped"
    build.extract_zip(archive, out)
    link = out / "tfbb-katalog" / "_internal" / "libQt6Core.so.6"
    assert link.is_symlink() and link.read_bytes().startswith(b"\x7fELF")
    assert os.access(out / "tfbb-katalog" / "tfbb-katalog", os.X_OK)
    assert build.tree_size(app) == (1004 + 10, 2)
