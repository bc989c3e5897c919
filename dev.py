#!/usr/bin/env python3
"""Set up and run TFBB Katalog from source with nothing but Python and pip.

    python dev.py start      start the app on the bundled catalogue
    python dev.py test       run the whole test suite
    python dev.py lint       ruff and mypy
    python dev.py build      build the frozen app and its zip (see build.spec)
    python dev.py cli ...    run the command line, e.g. "python dev.py cli status"

The first run creates ``.venv``, installs the locked dependencies from ``requirements/`` with
``--require-hashes`` and installs the project itself editable, so that ``.venv/bin/tfbb-desktop``
(Windows: ``.venv\\Scripts\\tfbb-desktop``) is the app's command. ``start`` and ``cli`` need only
what running needs (runtime.txt); ``test``, ``lint`` and ``build`` install the tools too
(dev.txt, which holds runtime.txt's versions). Later runs reuse the environment and start at
once, until a lock file or pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".tfbb-installed"
LOCKS = {"runtime": ROOT / "requirements" / "runtime.txt", "dev": ROOT / "requirements" / "dev.txt"}
GROUP_OF = {"start": "runtime", "cli": "runtime", "test": "dev", "lint": "dev", "build": "dev"}


def venv_python() -> Path:
    if sys.platform == "win32":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in [*LOCKS.values(), ROOT / "pyproject.toml"]:
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _installed() -> dict[str, str]:
    """What the stamp says is installed: ``{"group": ..., "fingerprint": ...}`` or nothing."""
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *args], check=True, cwd=ROOT)


def ensure_env(group: str) -> Path:
    """Create the virtual environment and install the lock of ``group`` and the project,
    unless that (or dev, which holds runtime) is already installed from the same locks."""
    python = venv_python()
    wanted = _fingerprint()
    stamp = _installed()
    if python.exists() and stamp.get("fingerprint") == wanted and (
            stamp.get("group") == group or stamp.get("group") == "dev"):
        return python
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may run on an older Python
        sys.exit("TFBB Katalog behöver Python 3.11 eller senare.")
    if not python.exists():
        print("Skapar .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installerar låsta beroenden (första gången tar det en stund) ...", flush=True)
    _pip(python, "--require-hashes", "-r", str(LOCKS[group]))
    # The project itself, editable, with the build backend from the lock: no other download.
    _pip(python, "--no-deps", "--no-build-isolation", "-e", ".")
    STAMP.write_text(json.dumps({"group": group, "fingerprint": wanted}), encoding="utf-8")
    return python


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("start", [])
    if command not in GROUP_OF:
        print(__doc__)
        return 2
    python = str(ensure_env(GROUP_OF[command]))
    env = dict(os.environ)
    if command in ("start", "cli"):
        return subprocess.call([python, "-m", "tfbb_desktop", *rest], env=env)
    if command == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call([python, "-m", "pytest", *rest], cwd=ROOT, env=env)
    if command == "lint":
        ruff = subprocess.call([python, "-m", "ruff", "check", "."], cwd=ROOT)
        mypy = subprocess.call([python, "-m", "mypy"], cwd=ROOT)
        return ruff or mypy
    return subprocess.call([python, str(ROOT / "scripts" / "build.py"), *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
