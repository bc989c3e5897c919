"""The data and machine-configuration folders (platformdirs) and the refusal of a data folder
on a network path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QCoreApplication

from tfbb_desktop.core import paths
from tfbb_desktop.core.paths import DataPaths, NetworkDataFolder

ROOT = Path(__file__).resolve().parents[1]


def _unset(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    for name in names:
        monkeypatch.delenv(name, raising=False)


def test_the_data_folder_comes_from_platformdirs_without_localappdata(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _unset(monkeypatch, paths.DATA_DIR_ENV, "LOCALAPPDATA", "APPDATA", "USERPROFILE")
    expected = platformdirs.user_data_dir(paths._app_dir_name(), appauthor=False, roaming=False)
    assert paths.data_dir() == Path(expected)
    assert paths.data_dir().is_absolute()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux folder names")
def test_linux_folders_follow_xdg_and_keep_etc(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    _unset(monkeypatch, paths.DATA_DIR_ENV, paths.MACHINE_CONFIG_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.data_dir() == tmp_path / "xdg" / "tfbb-katalog"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "anna"))
    assert paths.data_dir() == tmp_path / "anna" / ".local" / "share" / "tfbb-katalog"
    assert paths.machine_config_path() == Path("/etc/tfbb-katalog/config.json")


@pytest.mark.skipif(sys.platform != "win32", reason="asks Windows for its known folders")
def test_windows_folders_without_localappdata() -> None:  # pragma: no cover - Windows only
    env = {k: v for k, v in os.environ.items()
           if k.upper() not in {"LOCALAPPDATA", "APPDATA", "PROGRAMDATA", "TFBB_DATA_DIR",
                                "TFBB_MACHINE_CONFIG"}}
    code = ("from tfbb_desktop.core import paths; print(paths.data_dir()); "
            "print(paths.machine_config_path())")
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, text=True,
                         capture_output=True).stdout.splitlines()
    assert out[0].lower().endswith(r"\appdata\local\tfbb katalog")
    assert out[1].lower() == r"c:\programdata\tfbb katalog\config.json"


def test_the_overrides_win(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "d"))
    monkeypatch.setenv(paths.MACHINE_CONFIG_ENV, str(tmp_path / "c.json"))
    assert paths.data_dir() == tmp_path / "d"
    assert paths.machine_config_path() == tmp_path / "c.json"


@pytest.mark.parametrize(("path", "network"), [
    (r"\\server\share\TFBB", True),
    (r"\\server\share", True),
    ("//server/share/TFBB", True),
    (r"\\?\UNC\server\share\TFBB", True),
    (r"\\?\C:\Users\anna\TFBB", False),
    (r"C:\Users\anna\AppData\Local\TFBB Katalog", False),
    (r"D:\data", False),
    (r"relative\folder", False),
])
def test_unc_paths_are_network_paths(path: str, network: bool) -> None:
    assert paths.is_unc_path(path) is network


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
server:/export /mnt/nfs nfs4 rw,vers=4.2 0 0
//server/share /mnt/smb\\040share cifs rw 0 0
/dev/sdb1 /mnt/nfs/local ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "fs"), [
    ("/home/anna/.local/share/tfbb-katalog", None),
    ("/mnt/nfs/tfbb", "nfs4"),
    ("/mnt/nfs", "nfs4"),
    ("/mnt/nfs/local/tfbb", None),  # a local disk mounted inside the share
    ("/mnt/smb share/tfbb", "cifs"),
    ("/mnt/nfsother", None),
    ("/tmp/x", None),
])
def test_network_file_systems_from_the_mount_table(path: str, fs: str | None) -> None:
    assert paths.network_file_system(Path(path), MOUNTS) == fs


def test_a_local_data_folder_is_accepted(tmp_path: Path) -> None:
    data = DataPaths(tmp_path / "data")
    data.ensure()
    assert data.backups.is_dir()


@pytest.mark.skipif(sys.platform != "win32", reason="a UNC path is a network path on Windows")
def test_a_unc_data_folder_is_refused() -> None:  # pragma: no cover - Windows only
    with pytest.raises(NetworkDataFolder):
        DataPaths(Path(r"\\server\share\TFBB")).ensure()


def test_the_refusal_is_shown_in_swedish(qapp: QCoreApplication,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tfbb_desktop.ui import i18n, messages

    monkeypatch.setenv("TFBB_LANG", "sv")
    loaded = i18n.install_translators(qapp)
    try:
        text = messages.described(NetworkDataFolder(Path(r"\\server\share\TFBB")))
    finally:
        for translator in loaded:
            QCoreApplication.removeTranslator(translator)
    assert text.startswith(r"Datamappen \\server\share\TFBB ligger på en nätverksenhet")
    assert "network" not in text
