"""Where the app finds its resources and keeps its data.

The same functions serve a run from source and a frozen build, so that nothing else in the
app has to know the difference.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path, PureWindowsPath

import platformdirs

from tfbb_desktop.core.messages import msg

DATA_DIR_ENV = "TFBB_DATA_DIR"
# The end of an import's copy of the catalogue that is not yet a backup (core/sync/importer.py).
PENDING_SUFFIX = ".pending"
MACHINE_CONFIG_ENV = "TFBB_MACHINE_CONFIG"


def resources_dir() -> Path:
    """The folder of bundled resources: ``_internal/resources`` in the frozen app, the package
    data folder ``tfbb_desktop/resources`` of an installed wheel, or the top-level
    ``resources/`` of the source tree (a checkout, or the editable install dev.py makes)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return _package_resources()


@functools.cache
def _package_resources() -> Path:
    """The folder of a wheel or the source tree: looked up once, it does not move."""
    # Qt and SQLite open the files by name: only a folder on disk will do (pip always
    # installs one; a zipped package is not supported).
    package = Path(__file__).resolve().parents[1]
    installed = package / "resources"
    return installed if installed.is_dir() else package.parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The user's own data folder (local, not roaming). ``TFBB_DATA_DIR`` overrides it.

    platformdirs asks Windows for the folder itself, so it is right even when ``LOCALAPPDATA``
    is not set (as under a service account); on Linux it follows ``XDG_DATA_HOME``."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(_app_dir_name(), appauthor=False, roaming=False))


def machine_config_path() -> Path:
    """The administrator's machine-wide configuration file. ``TFBB_MACHINE_CONFIG`` overrides it.

    Windows and macOS: the machine's shared application data (``C:\\ProgramData\\TFBB Katalog``);
    Linux keeps the documented ``/etc/tfbb-katalog``, where administrators expect it."""
    override = os.environ.get(MACHINE_CONFIG_ENV)
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        return Path("/etc/tfbb-katalog/config.json")
    return Path(platformdirs.site_config_dir(_app_dir_name(), appauthor=False)) / "config.json"


def _app_dir_name() -> str:
    return "TFBB Katalog" if sys.platform in ("win32", "darwin") else "tfbb-katalog"


class NetworkDataFolder(OSError):
    """The data folder is on a network path, where SQLite's locking cannot be trusted."""

    def __init__(self, path: Path) -> None:
        super().__init__(msg("data.network", path=str(path)))
        self.path = path


# File systems reached over a network, as Linux names them in /proc/self/mounts.
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "lustre", "gpfs", "davfs", "fuse.sshfs", "fuse.davfs2", "fuse.glusterfs", "fuse.rclone",
})


def is_unc_path(path: str) -> bool:
    """``\\\\server\\share\\...`` (or ``//server/share``, ``\\\\?\\UNC\\...``): a network path.

    Device paths of a local disk (``\\\\?\\C:\\...``) are not network paths."""
    text = path.replace("/", "\\")
    if text.upper().startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")):
        return True
    if text.startswith(("\\\\?\\", "\\\\.\\")):
        return False
    drive = PureWindowsPath(text).drive
    return drive.startswith("\\\\") and len(drive) > 2


def network_file_system(path: Path, mounts: str) -> str | None:
    """The network file system ``path`` lies on, from a /proc/self/mounts text; None if local."""
    target = path.as_posix()
    best, best_type = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type if best_type in NETWORK_FILE_SYSTEMS else None


def is_network_path(path: Path) -> bool:
    """Whether ``path`` is on a network share on this machine (UNC or a mapped drive on
    Windows, a network file system elsewhere)."""
    if sys.platform == "win32":
        return is_unc_path(str(path)) or _is_remote_drive(path)
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return network_file_system(path.resolve(), mounts) is not None


def _is_remote_drive(path: Path) -> bool:  # pragma: no cover - Windows only
    """A drive letter mapped to a network share (``net use Z: \\\\server\\share``)."""
    if sys.platform != "win32":
        return False
    import ctypes

    drive = PureWindowsPath(os.path.abspath(path)).drive
    if len(drive) != 2 or drive[1] != ":":
        return False
    remote = 4  # GetDriveTypeW's answer for a mapped network drive
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == remote)


class DataPaths:
    """The files inside one data folder."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else data_dir()
        self.catalogue = self.root / "catalogue.db"
        self.userdata = self.root / "userdata.db"
        self.backups = self.root / "backups"
        self.incoming = self.root / "incoming"
        self.settings = self.root / "settings.ini"
        self.log = self.root / "tfbb-katalog.log"

    def catalogue_backups(self) -> list[Path]:
        """Backups of earlier catalogues, newest first (not those of an unfinished import)."""
        return sorted(self.backups.glob("catalogue-*.db"), reverse=True)

    def pending_backups(self) -> list[Path]:
        """Copies of the catalogue made by imports that have not made them backups yet."""
        return list(self.backups.glob(f"catalogue-*{PENDING_SUFFIX}"))

    def may_undo(self) -> bool:
        """Whether there is a catalogue to go back to: a backup, or the copy of an import that
        died before making it one (the undo settles that first, see core/sync/importer.py)."""
        return bool(self.catalogue_backups() or self.pending_backups())

    def ensure(self) -> None:
        """Create the folders; refuse one on a network path (NetworkDataFolder): SQLite's file
        locks are not reliable there, and two computers could damage the same catalogue."""
        if is_network_path(self.root):
            raise NetworkDataFolder(self.root)
        for folder in (self.root, self.backups, self.incoming):
            folder.mkdir(parents=True, exist_ok=True)


def write_atomically(path: Path, data: bytes, partial_name: str = "") -> None:
    """Write via a temporary file beside the target (``NAME.part`` unless named), so a failed
    write leaves no half file."""
    partial = path.with_name(partial_name or path.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
