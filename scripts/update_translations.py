"""Update the translations from the UI sources and compile them.

    .venv/bin/python scripts/update_translations.py          # lupdate + lrelease
    .venv/bin/python scripts/update_translations.py --check  # fail if a .ts is out of date

Translate new strings in resources/i18n/tfbb_sv.ts (Qt Linguist, or by hand), then run again.
resources/i18n/tfbb_en.ts holds only the English texts with a number (``%n``): their singular
and plural forms ("1 event", "2 events"), which the English source strings cannot give.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
# Each translation and what lupdate is told besides the sources.
TRANSLATIONS = {I18N / "tfbb_sv.ts": [], I18N / "tfbb_en.ts": ["-pluralonly"]}


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


def lupdate(target: Path, options: list[str]) -> None:
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                    *options, "-ts", str(target)], cwd=ROOT, check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for ts, options in TRANSLATIONS.items():
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / ts.name
                shutil.copy(ts, copy)
                lupdate(copy, options)
                if copy.read_bytes() != ts.read_bytes():
                    stale.append(ts.name)
        else:
            lupdate(ts, options)
            subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm",
                            str(ts.with_suffix(".qm"))], check=True)
    if stale:
        print(f"{', '.join(stale)} out of date: run scripts/update_translations.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
