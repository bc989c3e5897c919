#!/usr/bin/env python3
"""Set up and run TFBB Katalog from source with nothing but Python and pip.

    python dev.py start      start the app on the bundled catalogue
    python dev.py test       run the whole test suite
    python dev.py lint       ruff and mypy
    python dev.py build      build the frozen app and its zip (see build.spec)
    python dev.py cli ...    run the command line, e.g. "python dev.py cli status"

The first run creates ``.venv`` and installs the locked dependencies from ``requirements/``;
later runs reuse it and start at once, until a lock file changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".tfbb-installed"
LOCKS = [ROOT / "requirements" / "runtime.txt", ROOT / "requirements" / "dev.txt"]


def venv_python() -> Path:
    if sys.platform == "win32":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in [*LOCKS, ROOT / "pyproject.toml"]:
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_env() -> Path:
    """Create the virtual environment and install the locks, unless already up to date."""
    python = venv_python()
    wanted = _fingerprint()
    if python.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return python
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may run on an older Python
        sys.exit("TFBB Katalog behöver Python 3.11 eller senare.")
    if not python.exists():
        print("Skapar .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installerar låsta beroenden (första gången tar det en stund) ...", flush=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(ROOT / "requirements" / "dev.txt")],
        check=True,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    # The source tree on the path, as an editable install would do, without building.
    (Path(purelib) / "tfbb_desktop_src.pth").write_text(str(ROOT / "src") + "\n")
    STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("start", [])
    python = str(ensure_env())
    env = dict(os.environ)
    if command == "start":
        return subprocess.call([python, "-m", "tfbb_desktop", *rest], env=env)
    if command == "cli":
        return subprocess.call([python, "-m", "tfbb_desktop", *rest], env=env)
    if command == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call([python, "-m", "pytest", *rest], cwd=ROOT, env=env)
    if command == "lint":
        ruff = subprocess.call([python, "-m", "ruff", "check", "."], cwd=ROOT)
        mypy = subprocess.call([python, "-m", "mypy"], cwd=ROOT)
        return ruff or mypy
    if command == "build":
        return subprocess.call([python, str(ROOT / "scripts" / "build.py"), *rest], cwd=ROOT)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
