"""Make the upgrade fixtures: real data files written by earlier versions of the app.

    .venv/bin/python scripts/make_upgrade_fixtures.py

For each earlier schema version, the app's source at the last commit of that version is checked
out into a temporary worktree and run: it creates a catalogue with the bundled export (through
its own first-start import) and a user data file with a favourite, a note and a setting. The two
files go to ``tests/fixtures/upgrade/<name>/``; tests/test_upgrade.py opens them with today's app.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "tests" / "fixtures" / "upgrade"

# name -> the commit whose tree last had that schema (the parent of the commit that added the
# next migration). For catalogue version 1 that parent (593bc5a) cannot run: its importer
# imports core/search.py, which only came with the next commit (e211638). Its own parent,
# 155f149, is the last runnable tree at version 1; 593bc5a changed no migration.
VERSIONS = {
    "catalogue-1-userdata-1": "155f149",
    "catalogue-2-userdata-1": "cbce9aa^",
    "catalogue-2-userdata-2": "fa8c58d^",
    "catalogue-3-userdata-2": "ced1cf5^",
    "catalogue-4-userdata-2": "13e4d53^",
    "catalogue-5-userdata-2": "90dedfe",
}

SNIPPET = r"""
import sys
from pathlib import Path
from tfbb_desktop.core.paths import DataPaths
try:  # the modules' places since catalogue schema version 5
    from tfbb_desktop.core.store import catalogue
    from tfbb_desktop.core.store.userdata import UserData
    from tfbb_desktop.core.sync import signing
except ImportError:
    from tfbb_desktop.core import catalogue, signing
    from tfbb_desktop.core.userdata import UserData
paths = DataPaths(Path(sys.argv[1]))
conn = catalogue.open_catalogue(paths)
trust = signing.trust_policy(config=signing.MachineConfig())
catalogue.ensure_content(conn, paths, trust)
conn.close()
user = UserData(paths.userdata)
user.set_favourite("principals", "oxelosund", True)
user.set_note("principals", "oxelosund", "Ring Anna före mötet i mars.\nRad två: å, ä, ö.",
              "Oxelösunds kommun")
user.set_setting("fixture", "kept")
user.close()
"""


def make(name: str, rev: str, work: Path) -> None:
    tree = work / name
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), rev], cwd=ROOT, check=True,
                   capture_output=True)
    try:
        data = work / f"{name}-data"
        env = {"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin"}
        subprocess.run([sys.executable, "-c", SNIPPET, str(data)], cwd=tree, env=env, check=True)
        out = TARGET / name
        out.mkdir(parents=True, exist_ok=True)
        for file in ("catalogue.db", "userdata.db"):
            shutil.copyfile(data / file, out / file)
        print(f"{name}: {rev}")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)


def main() -> None:
    """Make the fixtures named on the command line, or all of them."""
    wanted = sys.argv[1:] or list(VERSIONS)
    with tempfile.TemporaryDirectory() as tmp:
        for name in wanted:
            make(name, VERSIONS[name], Path(tmp))


if __name__ == "__main__":
    main()
