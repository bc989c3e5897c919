"""Where the app finds its resources and keeps its data.

The same functions serve a run from source and a frozen build, so that nothing else in the
app has to know the difference.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "TFBB_DATA_DIR"
MACHINE_CONFIG_ENV = "TFBB_MACHINE_CONFIG"
APP_DIR_NAME = "TFBB Katalog"


def resources_dir() -> Path:
    """The folder of bundled resources: ``resources/`` in the source tree or the frozen app."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The user's own data folder (local, not roaming). ``TFBB_DATA_DIR`` overrides it."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tfbb-katalog"


def machine_config_path() -> Path:
    """The administrator's machine-wide configuration file. ``TFBB_MACHINE_CONFIG`` overrides it."""
    override = os.environ.get(MACHINE_CONFIG_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / APP_DIR_NAME / "config.json"
    return Path("/etc/tfbb-katalog/config.json")


class DataPaths:
    """The files inside one data folder."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else data_dir()

    @property
    def catalogue(self) -> Path:
        return self.root / "catalogue.db"

    @property
    def userdata(self) -> Path:
        return self.root / "userdata.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def incoming(self) -> Path:
        return self.root / "incoming"

    @property
    def settings(self) -> Path:
        return self.root / "settings.ini"

    @property
    def log(self) -> Path:
        return self.root / "tfbb-katalog.log"

    def ensure(self) -> None:
        for folder in (self.root, self.backups, self.incoming):
            folder.mkdir(parents=True, exist_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file beside the target, so a failed write leaves no half file."""
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
