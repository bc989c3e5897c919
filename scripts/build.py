"""Build the frozen app with PyInstaller, zip it, and smoke-test it.

    python dev.py build                   # clean build + zip (from source: the venv's python)
    python dev.py build --smoke           # ... then smoke-test the zip's content
    python dev.py build --skip-build      # smoke-test an existing dist/tfbb-katalog/ only
    python dev.py build --skip-build --zip   # zip it again (after signing), smoke-test the zip

The build is ``pyinstaller --clean build.spec`` into ``dist/tfbb-katalog/``; the zip is
``dist/tfbb-katalog-<version>-<platform>.zip`` (for example ``linux-x86_64`` or
``windows-amd64``) with the folder ``tfbb-katalog/`` inside. On Linux the bundle holds a few
symbolic links (Qt libraries); they are stored as links in the zip, which ``unzip`` and
``bsdtar`` restore.

The smoke test runs the frozen executable as a user and an IT administrator would, offscreen,
in temporary folders: ``--version``, ``--self-check`` (the full GUI, offscreen), the real GUI
start (window shown, catalogue loaded on the worker thread, both Swedish translations), then
``publish keygen``, ``publish build`` of a signed export with dataset version 2, ``import
--yes`` trusting the key through a temporary machine configuration (``TFBB_MACHINE_CONFIG``),
``status`` (shows version 2), and the refusal of an unsigned export (exit code 1). It also
checks that the bundle holds the resources and none of the Qt parts that were left out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP = "tfbb-katalog"
IS_WIN = sys.platform == "win32"
SOURCE_JSON = ROOT / "catalogue-source" / "sormland.json"


def package_version() -> str:
    text = (ROOT / "src" / "tfbb_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("no __version__ in src/tfbb_desktop/__init__.py")
    return match.group(1)


def platform_tag() -> str:
    """linux-x86_64, windows-amd64, macos-arm64, ..."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    if system.startswith("linux"):
        system = "linux"
    return f"{system}-{platform.machine().lower() or 'unknown'}"


def zip_name(version: str | None = None) -> Path:
    return DIST / f"{APP}-{version or package_version()}-{platform_tag()}.zip"


def executable(app_dir: Path, console: bool = True) -> Path:
    """The executable to run: on Windows the console one for the command line."""
    if IS_WIN:
        return app_dir / (f"{APP}-cli.exe" if console else f"{APP}.exe")
    return app_dir / APP


# --- Sizes ---------------------------------------------------------------------------------------


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of the regular files under ``folder``; links are not counted twice."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


# --- Zip with symbolic links ---------------------------------------------------------------------


def make_zip(folder: Path, target: Path) -> Path:
    """Zip ``folder`` as ``<folder name>/...``; keeps permissions and stores links as links."""
    target.unlink(missing_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.rglob("*")):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            if path.is_symlink():
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.create_system = 3  # Unix, so that the mode bits below are read
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path), zipfile.ZIP_STORED)
            elif path.is_dir():
                continue
            else:
                archive.write(path, name)
    partial.replace(target)
    return target


def extract_zip(archive_path: Path, target: Path) -> None:
    """Extract like ``unzip`` does: links restored as links, permissions kept."""
    with zipfile.ZipFile(archive_path) as archive:
        for info in archive.infolist():
            dest = target / info.filename
            if not dest.resolve().is_relative_to(target.resolve()):
                raise ValueError(f"unsafe path in zip: {info.filename}")
            mode = info.external_attr >> 16
            if info.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            if stat.S_ISLNK(mode) and not IS_WIN:
                os.symlink(archive.read(info).decode("utf-8"), dest)
                continue
            with archive.open(info) as src, open(dest, "wb") as out:
                shutil.copyfileobj(src, out)
            if mode & 0o777:
                dest.chmod(mode & 0o777)


# --- Build ---------------------------------------------------------------------------------------


def build() -> float:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("PyInstaller is missing: run `python dev.py build` (it uses .venv)") \
            from None
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--clean", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)],
        cwd=ROOT, check=True,
    )
    return time.monotonic() - started


# --- Smoke test ----------------------------------------------------------------------------------

# Bundle content: what must be there, and Qt parts that must not.
REQUIRED_FILES = [
    "resources/catalogue/tfbb-sormland.zip",
    "resources/i18n/tfbb_sv.qm",
    "resources/i18n/tfbb_en.qm",
    "resources/i18n/qtbase_sv.qm",
    "resources/icons/tfbb-katalog.png",
    "resources/icons/tfbb-katalog.ico",
    "resources/keys/README.md",
    "resources/export-format-v1.schema.json",
]
# Qt parts that are never bundled, and those bundled only if the app imports their module
# (build.spec reads the imports from the source the same way).
NEVER_BUNDLED = (
    r"Qt6?(Qml|Quick|3D|WebEngine|Multimedia|Pdf|OpenGL|Wayland|Designer|Help|UiTools|Test|Sql)"
    r"|/translations/|/plugins/(generic|egldevice|wayland|xcbglintegrations|sqldrivers"
    r"|qmltooling|platformthemes/(lib)?qgtk3)|tkinter|/unittest/"
)
BUNDLED_IF_USED = {
    "QtNetwork": r"Qt6?Network|/plugins/(tls|networkinformation)/",
    "QtSvg": r"Qt6?Svg|/plugins/iconengines/|/plugins/imageformats/(lib)?qsvg\.",
    "QtPrintSupport": r"Qt6?PrintSupport|/plugins/printsupport/",
}
OTHER_IMAGE_FORMATS = r"/plugins/imageformats/(lib)?q(?!ico\.|svg\.)\w+\."


def qt_modules_imported() -> set[str]:
    """The PySide6 modules the app's source imports (as build.spec computes them)."""
    found: set[str] = set()
    for path in (ROOT / "src" / "tfbb_desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r"^\s*(?:from|import) PySide6\.(Qt\w+)", text, re.MULTILINE))
        for names in re.findall(r"^\s*from PySide6 import ([\w, ]+)", text, re.MULTILINE):
            found.update(n.strip() for n in names.split(",") if n.strip().startswith("Qt"))
    return found


def forbidden_pattern() -> re.Pattern[str]:
    used = qt_modules_imported()
    parts = [NEVER_BUNDLED, OTHER_IMAGE_FORMATS,
             *[pattern for module, pattern in BUNDLED_IF_USED.items() if module not in used]]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


class SmokeError(Exception):
    pass


def check_bundle(app_dir: Path) -> list[str]:
    """The resources the app needs are in the bundle; the parts left out are not."""
    internal = app_dir / "_internal"
    problems = [f"missing: _internal/{rel}" for rel in REQUIRED_FILES
                if not (internal / rel).is_file()]
    migrations = ROOT / "src" / "tfbb_desktop" / "core" / "migrations"
    for sql in sorted(migrations.glob("*.sql")):
        bundled = internal / "tfbb_desktop" / "core" / "migrations" / sql.name
        if not bundled.is_file() or bundled.read_bytes() != sql.read_bytes():
            problems.append(f"migration missing or different: {bundled}")
    for pub in sorted((ROOT / "resources" / "keys").glob("*.pub")):
        if not (internal / "resources" / "keys" / pub.name).is_file():
            problems.append(f"trusted key missing: {pub.name}")
    forbidden = forbidden_pattern()
    for path in internal.rglob("*"):
        rel = "/" + path.relative_to(internal).as_posix()
        if forbidden.search(rel):
            problems.append(f"should have been left out: _internal{rel}")
        if path.suffix in (".pem", ".key"):
            problems.append(f"private key in the bundle: _internal{rel}")
    if not executable(app_dir).is_file():
        problems.append(f"executable missing: {executable(app_dir)}")
    return problems


def _run(exe: Path, *args: str, env: dict[str, str], expect: int = 0,
         timeout: float = 120) -> str:
    shown = " ".join([exe.name, *args])
    started = time.monotonic()
    done = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env,
                          timeout=timeout, encoding="utf-8", errors="replace")
    took = time.monotonic() - started
    print(f"  $ {shown}  -> {done.returncode} ({took:.1f} s)")
    if done.returncode != expect:
        raise SmokeError(f"{shown}: exit code {done.returncode}, expected {expect}\n"
                         f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}")
    return done.stdout


def _gui_start(exe: Path, data: Path, env: dict[str, str], timeout: float = 60) -> str:
    """Start the GUI as a user does (offscreen); stop it once its log file tells that the
    catalogue is open (written after the first paint) and the user's data file exists.
    Returns the log."""
    started = time.monotonic()
    log, userdata = data / "tfbb-katalog.log", data / "userdata.db"
    proc = subprocess.Popen([str(exe), "--data-dir", str(data)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)
    text = ""
    try:
        while time.monotonic() - started < timeout and proc.poll() is None:
            text = log.read_text(encoding="utf-8") if log.is_file() else ""
            if "catalogue opened" in text and userdata.is_file():
                break
            time.sleep(0.2)
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    print(f"  $ {exe.name} --data-dir ... (GUI start)  -> {len(text.splitlines())} log "
          f"line(s) ({time.monotonic() - started:.1f} s)")
    return text


def smoke_test(app_dir: Path) -> None:
    exe = executable(app_dir)
    print(f"Smoke test of {app_dir}")
    problems = check_bundle(app_dir)
    if problems:
        raise SmokeError("bundle content:\n  " + "\n  ".join(problems))
    print("  bundle content OK")
    version = package_version()
    with tempfile.TemporaryDirectory(prefix="tfbb-smoke-") as tmp_name:
        tmp = Path(tmp_name)
        config = tmp / "machine-config.json"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TFBB_", "QT_", "PYTHON"))}
        env.update(QT_QPA_PLATFORM="offscreen", TFBB_MACHINE_CONFIG=str(config),
                   TFBB_LANG="sv", HOME=str(tmp / "home"), XDG_DATA_HOME=str(tmp / "xdg"),
                   LOCALAPPDATA=str(tmp / "localappdata"))
        data = tmp / "data"

        out = _run(exe, "--version", env=env)
        if version not in out:
            raise SmokeError(f"--version printed {out!r}, expected {version}")
        out = _run(exe, "--data-dir", str(data), "--self-check", env=env)
        if "Självtest OK" not in out:
            raise SmokeError(f"--self-check printed {out!r}")
        if IS_WIN:  # the windowed executable too (it has no console to print to)
            _run(executable(app_dir, console=False), "--data-dir", str(tmp / "data-win"),
                 "--self-check", env=env)

        gui_log = _gui_start(exe, tmp / "data-gui", env)
        for line in ("window shown with 2 translators", "catalogue opened"):
            if line not in gui_log:  # 2 translators: ours and Qt's Swedish
                raise SmokeError(f"GUI start: no {line!r} in the log:\n{gui_log}")
        if not (tmp / "data-gui" / "userdata.db").is_file():
            raise SmokeError("GUI start: no userdata.db in the data folder")

        keys = tmp / "keys"
        _run(exe, "publish", "keygen", "--out", str(keys), env=env)
        export = tmp / "tfbb-export-v2.zip"
        _run(exe, "publish", "build", str(SOURCE_JSON), "--dataset-version", "2",
             "--key", str(keys / "publisher.pem"), "--out", str(export), env=env)
        public_key = (keys / "publisher.pub").read_text(encoding="ascii").strip()
        config.write_text(json.dumps({"trusted_keys": [public_key]}), encoding="utf-8")
        _run(exe, "--data-dir", str(data), "import", str(export), "--yes", env=env)
        out = _run(exe, "--data-dir", str(data), "status", env=env)
        if "Katalogversion: 2" not in out:
            raise SmokeError(f"status after the import:\n{out}")
        _run(exe, "--data-dir", str(data), "import", str(export), "--yes", env=env)  # no-op

        unsigned = tmp / "tfbb-export-v3-unsigned.zip"
        _run(exe, "publish", "build", str(SOURCE_JSON), "--dataset-version", "3",
             "--out", str(unsigned), env=env)
        _run(exe, "--data-dir", str(data), "import", str(unsigned), "--yes", env=env, expect=1)
        _run(exe, "--data-dir", str(data), "import", str(tmp / "missing.zip"), "--yes",
             env=env, expect=1)
        _run(exe, "--data-dir", str(data), "import", env=env, expect=2)
        out = _run(exe, "--data-dir", str(data), "status", env=env)
        if "Katalogversion: 2" not in out:
            raise SmokeError(f"status after the refusals:\n{out}")
    print("Smoke test OK")


def smoke_test_zip(archive: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="tfbb-unzip-") as tmp:
        extract_zip(archive, Path(tmp))
        smoke_test(Path(tmp) / APP)


# --- Main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build, zip and smoke-test TFBB Katalog.")
    parser.add_argument("--smoke", action="store_true", help="smoke-test after building")
    parser.add_argument("--skip-build", action="store_true",
                        help="only smoke-test the existing dist/tfbb-katalog/")
    parser.add_argument("--zip", action="store_true",
                        help="with --skip-build: zip the existing folder again (e.g. after "
                             "signing) and smoke-test the zip")
    args = parser.parse_args(argv)
    app_dir = DIST / APP
    try:
        if args.skip_build:
            if not app_dir.is_dir():
                print(f"No build in {app_dir}: run `python dev.py build` first.", file=sys.stderr)
                return 2
            if args.zip:
                archive = make_zip(app_dir, zip_name())
                print(f"Zipped {archive}: {mb(archive.stat().st_size)}")
                smoke_test_zip(archive)
            else:
                smoke_test(app_dir)
            return 0
        took = build()
        size, files = tree_size(app_dir)
        archive = make_zip(app_dir, zip_name())
        print(f"Built {app_dir} in {took:.0f} s: {mb(size)} in {files} files")
        print(f"Zipped {archive}: {mb(archive.stat().st_size)}")
        if args.smoke:
            smoke_test_zip(archive)
    except SmokeError as exc:
        print(f"Smoke test FAILED: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"Build FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
