"""Build the wheel, install it as ``pip install .`` or ``pipx install .`` would, and run it.

    .venv/bin/python scripts/wheel_check.py      # a step of .ci/run, after the tests

Builds ``tfbb_desktop-<version>-py3-none-any.whl`` from a copy of the checkout (setuptools from
the dev lock, no download), creates a fresh virtual environment in a temporary folder outside the
checkout, installs ``requirements/runtime.txt`` with ``--require-hashes`` and the wheel with
``--no-deps``, and then, from a temporary working folder and with temporary data folders, runs
the installed ``tfbb-desktop`` command: ``--version``, ``--self-check`` (the whole GUI
offscreen, which imports the bundled catalogue from the wheel), ``status``, ``publish keygen``
and ``publish build`` of a signed export, ``import --yes`` of it and ``status`` again. It fails
if the app is found anywhere but in the fresh environment (for example in the checkout).
``pipx install .`` installs this same wheel into its own environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"
SOURCE_JSON = ROOT / "catalogue-source" / "sormland.json"
IS_WIN = sys.platform == "win32"
# What the wheel is built from (pyproject.toml names README.md as the long description).
PACKAGE_FILES = ["pyproject.toml", "README.md", "src", "resources"]


class WheelCheckError(Exception):
    pass


def run(args: list[str | Path], *, env: dict[str, str] | None = None, cwd: Path | None = None,
        expect: int = 0, timeout: float = 600) -> str:
    shown = " ".join(Path(a).name if i == 0 else str(a) for i, a in enumerate(args))
    started = time.monotonic()
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=timeout, encoding="utf-8", errors="replace")
    print(f"  $ {shown}  -> {done.returncode} ({time.monotonic() - started:.1f} s)", flush=True)
    if done.returncode != expect:
        raise WheelCheckError(f"{shown}: exit code {done.returncode}, expected {expect}\n"
                              f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}")
    return done.stdout


def build_wheel(target: Path) -> Path:
    """The wheel of the checkout, built with the current environment's setuptools from a clean
    copy of what it is made of (an in-tree build would reuse a stale ``build/lib``)."""
    source = target / "source"
    for name in PACKAGE_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-w", target, source], cwd=source)
    wheels = sorted(target.glob("tfbb_desktop-*.whl"))
    if len(wheels) != 1:
        raise WheelCheckError(f"expected one wheel in {target}, found {wheels}")
    return wheels[0]


def install(wheel: Path, env_dir: Path) -> Path:
    """A fresh environment with the runtime lock and the wheel; its python."""
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts/python.exe" if IS_WIN else "bin/python")
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, "--require-hashes", "-r", RUNTIME_LOCK])
    run([*pip, "--no-deps", wheel])
    run([python, "-m", "pip", "check", "--disable-pip-version-check"])  # pyproject vs the lock
    return python


def clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TFBB_", "QT_", "PYTHON"))}
    env.update(QT_QPA_PLATFORM="offscreen", TFBB_LANG="sv",
               TFBB_MACHINE_CONFIG=str(tmp / "machine-config.json"),
               HOME=str(tmp / "home"), XDG_DATA_HOME=str(tmp / "xdg"),
               LOCALAPPDATA=str(tmp / "localappdata"))
    return env


def check_installed(python: Path, env_dir: Path, env: dict[str, str], cwd: Path) -> None:
    """The app and its resources come from the fresh environment, not from the checkout."""
    out = run([python, "-c", "import tfbb_desktop; from tfbb_desktop.core import paths; "
               "print(tfbb_desktop.__file__); print(paths.resources_dir())"], env=env, cwd=cwd)
    for line in out.splitlines():
        found = Path(line).resolve()
        if not found.is_relative_to(env_dir.resolve()) or found.is_relative_to(ROOT):
            raise WheelCheckError(f"the installed app is not used: {line}")


def exercise(exe: Path, tmp: Path, env: dict[str, str], cwd: Path) -> None:
    """Run the installed command as a user and an administrator would."""
    data = tmp / "data"
    version = run([exe, "--version"], env=env, cwd=cwd)
    if not version.startswith("TFBB Katalog "):
        raise WheelCheckError(f"--version printed {version!r}")
    out = run([exe, "--data-dir", data, "--self-check"], env=env, cwd=cwd)
    if "Självtest OK" not in out:
        raise WheelCheckError(f"--self-check printed {out!r}")
    out = run([exe, "--data-dir", data, "status"], env=env, cwd=cwd)
    if "Katalogversion: 1" not in out:  # the bundled catalogue, imported by the self-check
        raise WheelCheckError(f"status after the self-check:\n{out}")

    keys, export = tmp / "keys", tmp / "tfbb-export-v2.zip"
    run([exe, "publish", "keygen", "--out", keys], env=env, cwd=cwd)
    run([exe, "publish", "build", SOURCE_JSON, "--dataset-version", "2",
         "--key", keys / "publisher.pem", "--out", export], env=env, cwd=cwd)
    public_key = (keys / "publisher.pub").read_text(encoding="ascii").strip()
    Path(env["TFBB_MACHINE_CONFIG"]).write_text(json.dumps({"trusted_keys": [public_key]}),
                                                encoding="utf-8")
    run([exe, "--data-dir", data, "import", export, "--yes"], env=env, cwd=cwd)
    out = run([exe, "--data-dir", data, "status"], env=env, cwd=cwd)
    if "Katalogversion: 2" not in out:
        raise WheelCheckError(f"status after the import:\n{out}")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tfbb-wheel-") as tmp_name:
        tmp = Path(tmp_name).resolve()
        if tmp.is_relative_to(ROOT):
            raise WheelCheckError(f"the temporary folder {tmp} is inside the checkout")
        print("Wheel check: build", flush=True)
        wheel = build_wheel(tmp / "dist")
        print(f"Wheel check: install {wheel.name} into a fresh environment", flush=True)
        env_dir = tmp / "venv"
        python = install(wheel, env_dir)
        cwd = tmp / "cwd"
        cwd.mkdir()
        env = clean_env(tmp)
        check_installed(python, env_dir, env, cwd)
        exe = env_dir / ("Scripts/tfbb-desktop.exe" if IS_WIN else "bin/tfbb-desktop")
        exercise(exe, tmp, env, cwd)
    print("Wheel check OK")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except WheelCheckError as exc:
        print(f"Wheel check FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
