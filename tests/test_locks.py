"""The dependency locks and the package definition agree with pyproject.toml and the source.

runtime.in repeats pyproject's pins; runtime.txt and dev.txt are their pip-compile locks with
hashes (docs/packaging.md has the command). Each check returns its problems, so that a test
can also show that a lock out of date with pyproject.toml is caught."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / "requirements"
# Tools that belong in dev.txt only: running the app never needs them.
TOOLS = {"pytest", "pytest-qt", "hypothesis", "ruff", "mypy", "pyinstaller", "check-jsonschema",
         "pip-tools", "build", "wheel", "pip"}


def pyproject(root: Path) -> dict:  # type: ignore[type-arg]
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def read_in(path: Path) -> dict[str, Requirement]:
    """The requirements of a .in file (``-r``/``-c`` lines left out), by canonical name."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            req = Requirement(line)
            found[canonicalize_name(req.name)] = req
    return found


def read_lock(path: Path) -> dict[str, tuple[str, list[str]]]:
    """A pip-compile lock: canonical name -> (pinned version, its hashes)."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        spec, *hashes = line.split(" --hash=")
        req = Requirement(spec)
        pins = [s.version for s in req.specifier if s.operator == "=="]
        assert len(pins) == 1, f"{path.name}: not an exact pin: {line[:80]}"
        found[canonicalize_name(req.name)] = (pins[0], [h.strip() for h in hashes])
    return found


def lock_problems(root: Path) -> list[str]:
    """Where runtime.in, runtime.txt and dev.txt disagree with pyproject.toml or each other."""
    problems = []
    project = pyproject(root)
    pins = {canonicalize_name(r.name): r for r in map(Requirement,
                                                      project["project"]["dependencies"])}
    runtime_in = read_in(root / "requirements" / "runtime.in")
    runtime = read_lock(root / "requirements" / "runtime.txt")
    dev = read_lock(root / "requirements" / "dev.txt")
    for name, req in pins.items():
        versions = [s.version for s in req.specifier if s.operator == "=="]
        if len(versions) != 1:
            problems.append(f"pyproject: {req} is not an exact pin")
            continue
        if name not in runtime_in or runtime_in[name].specifier != req.specifier:
            problems.append(f"runtime.in: {runtime_in.get(name)} instead of {req}")
        if runtime.get(name, ("",))[0] != versions[0]:
            problems.append(f"runtime.txt: {name} {runtime.get(name, ('missing',))[0]} "
                            f"instead of {versions[0]}")
    for name in set(runtime_in) - set(pins) - {"setuptools"}:
        problems.append(f"runtime.in: {name} is not a dependency in pyproject")
    for backend in map(Requirement, project["build-system"]["requires"]):
        locked = runtime.get(canonicalize_name(backend.name))
        if locked is None or not backend.specifier.contains(locked[0]):
            problems.append(f"runtime.txt: no {backend} (the build backend of the install)")
    for name, (version, _hashes) in runtime.items():
        if dev.get(name, ("",))[0] != version:
            problems.append(f"dev.txt: {name} {dev.get(name, ('missing',))[0]} instead of "
                            f"runtime.txt's {version}")
    return problems


def test_the_locks_agree_with_pyproject() -> None:
    assert lock_problems(ROOT) == []


def _copy_project(tmp_path: Path) -> Path:
    (tmp_path / "requirements").mkdir()
    for name in ("runtime.in", "runtime.txt", "dev.txt"):
        shutil.copy(REQUIREMENTS / name, tmp_path / "requirements" / name)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_a_pin_changed_in_pyproject_alone_is_caught(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert '"pydantic==2.14.3"' in text
    (root / "pyproject.toml").write_text(text.replace('"pydantic==2.14.3"', '"pydantic==2.15.0"'),
                                         encoding="utf-8")
    problems = lock_problems(root)
    assert any(p.startswith("runtime.in: ") and "pydantic" in p for p in problems), problems
    assert any(p.startswith("runtime.txt: pydantic 2.14.3") for p in problems), problems


def test_a_dependency_added_to_pyproject_without_a_lock_is_caught(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(
        text.replace('dependencies = [\n', 'dependencies = [\n    "requests==2.34.2",\n'),
        encoding="utf-8")
    assert "runtime.txt: requests missing instead of 2.34.2" in lock_problems(root)


def test_a_dev_lock_with_other_versions_than_runtime_is_caught(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    dev = root / "requirements" / "dev.txt"
    text = dev.read_text(encoding="utf-8")
    assert "\nsqlmodel==0.0.50 " in text
    dev.write_text(text.replace("\nsqlmodel==0.0.50 ", "\nsqlmodel==0.0.49 "), encoding="utf-8")
    assert "dev.txt: sqlmodel 0.0.49 instead of runtime.txt's 0.0.50" in lock_problems(root)


@pytest.mark.parametrize("lock", ["runtime.txt", "dev.txt"])
def test_every_locked_requirement_has_hashes(lock: str) -> None:
    entries = read_lock(REQUIREMENTS / lock)
    assert len(entries) > 10
    for name, (_version, hashes) in entries.items():
        assert hashes, f"{lock}: {name} has no --hash"
        assert all(h.startswith("sha256:") and len(h) == 7 + 64 for h in hashes), name


def test_the_runtime_lock_holds_no_tools_and_the_build_backend() -> None:
    runtime = read_lock(REQUIREMENTS / "runtime.txt")
    assert not TOOLS & set(runtime), TOOLS & set(runtime)
    assert "setuptools" in runtime
    dev = read_lock(REQUIREMENTS / "dev.txt")
    tools_in_dev = set(read_in(REQUIREMENTS / "dev.in"))
    assert {"pytest", "pytest-qt", "ruff", "mypy", "pyinstaller"} <= tools_in_dev
    assert tools_in_dev <= set(dev), tools_in_dev - set(dev)


def test_the_locks_serve_windows_too() -> None:
    """The locks are universal (compiled for every platform, with markers): PyInstaller and
    pytest need packages on Windows only, and --require-hashes refuses a lock without them."""
    text = (REQUIREMENTS / "dev.txt").read_text(encoding="utf-8").replace("\\\n", " ")
    markers = {}
    for line in text.splitlines():
        spec = line.split("#", 1)[0].split(" --hash=")[0].strip()
        if spec:
            req = Requirement(spec)
            markers[canonicalize_name(req.name)] = req.marker
    for name in ("pefile", "pywin32-ctypes", "colorama"):
        marker = markers.get(name)
        assert marker is not None, f"dev.txt has no {name} for Windows"
        assert marker.evaluate({"sys_platform": "win32"})
        assert not marker.evaluate({"sys_platform": "linux"})


# --- The package ---------------------------------------------------------------------------------


def test_the_package_list_names_every_package_under_src() -> None:
    setuptools = pyproject(ROOT)["tool"]["setuptools"]
    src = ROOT / "src"
    on_disk = {".".join(p.parent.relative_to(src).parts) for p in src.rglob("__init__.py")}
    assert on_disk  # the scan finds the packages
    assert set(setuptools["packages"]) == on_disk | {"tfbb_desktop.resources"}
    assert setuptools["package-dir"] == {"": "src", "tfbb_desktop.resources": "resources"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built as .ci/run's wheel check builds it."""
    spec = importlib.util.spec_from_file_location("wheel_check", ROOT / "scripts" /
                                                  "wheel_check.py")
    assert spec is not None and spec.loader is not None
    wheel_check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(wheel_check)
    built: Path = wheel_check.build_wheel(tmp_path_factory.mktemp("dist"))
    return built


def test_the_wheel_holds_the_migrations_and_the_resources(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    migrations = sorted((ROOT / "src" / "tfbb_desktop" / "core" / "store" / "migrations")
                        .glob("*.sql"))
    assert migrations
    for sql in migrations:
        assert f"tfbb_desktop/core/store/migrations/{sql.name}" in names, sql.name
    resources = ROOT / "resources"
    wanted = [*resources.glob("*.schema.json"), resources / "catalogue" / "tfbb-sormland.zip",
              *(resources / "i18n").glob("tfbb_*.qm"), *(resources / "icons").glob("tfbb-katalog*"),
              *(resources / "keys").glob("*.pub"), resources / "keys" / "README.md"]
    for path in wanted:
        rel = path.relative_to(resources).as_posix()
        assert f"tfbb_desktop/resources/{rel}" in names, rel
    assert not any(n.endswith((".ts", ".pem", ".key")) for n in names)
    assert "tfbb_desktop/resources/__init__.py" not in names


def test_the_unpacked_wheel_finds_its_own_resources(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path.resolve() / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    env = {"PATH": "", "PYTHONPATH": str(site), "PYTHONNOUSERSITE": "1"}
    code = ("import tfbb_desktop; from tfbb_desktop.core import paths; "
            "from tfbb_desktop.core.store import db; "
            "print(tfbb_desktop.__file__); print(paths.resources_dir()); print(db.MIGRATIONS_DIR)")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, check=True,
                         capture_output=True, text=True).stdout.split()
    package = site / "tfbb_desktop"
    assert out == [str(package / "__init__.py"), str(package / "resources"),
                   str(package / "core" / "store" / "migrations")]
    assert (package / "resources" / "catalogue" / "tfbb-sormland.zip").is_file()
