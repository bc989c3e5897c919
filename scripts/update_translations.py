"""Update the Swedish translation from the UI sources and compile it.

    .venv/bin/python scripts/update_translations.py          # lupdate + lrelease
    .venv/bin/python scripts/update_translations.py --check  # fail if the .ts is out of date

Translate new strings in resources/i18n/tfbb_sv.ts (Qt Linguist, or by hand), then run again.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "tfbb_sv.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    return found or name


def sources() -> list[str]:
    """The UI's modules, the command line, the core's messages and the fields' labels."""
    package = ROOT / "src" / "tfbb_desktop"
    found = [*(package / "ui").rglob("*.py"), package / "core" / "messages.py",
             package / "core" / "entities.py", package / "core" / "outputs" / "workbook.py",
             package / "cli.py"]
    return sorted(str(p.relative_to(ROOT)) for p in found)


def lupdate(target: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                    "-ts", str(target)], cwd=ROOT, check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / TS.name
            shutil.copy(TS, copy)
            lupdate(copy)
            if copy.read_bytes() != TS.read_bytes():
                print("tfbb_sv.ts is out of date: run scripts/update_translations.py")
                return 1
        return 0
    lupdate(TS)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
