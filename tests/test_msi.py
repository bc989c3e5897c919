"""The Windows installer's authoring, built with wixl (Debian's wixl package) and read back with
msiinfo, around a small onedir tree with the real executable names. The pipeline on Windows
builds the same sources with WiX around the real tree (.github/workflows/windows.yml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tfbb_desktop import __version__

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_msi.py"
# Fixed for ever: Windows Installer finds the installed version to replace by this code.
UPGRADE_CODE = "{9546B66D-9296-4DEA-8108-57D51A563F60}"
VERSION = ".".join(__version__.split(".")[:3])  # 0.1.0
TREE = [
    "tfbb-katalog.exe",
    "tfbb-katalog-cli.exe",
    "_internal/python311.dll",
    "_internal/base_library.zip",
    "_internal/resources/i18n/tfbb_sv.qm",
    "_internal/resources/catalogue/tfbb-sormland.zip",
    "_internal/resources/icons/tfbb-katalog.ico",
    "_internal/PySide6/__init__.py",
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/tfbb_desktop/core/store/migrations/0001_initial.sql",
    "_internal/tfbb_desktop/core/store/migrations/0002 with space.sql",
]

pytestmark = pytest.mark.skipif(
    shutil.which("wixl") is None or shutil.which("msiinfo") is None,
    reason="wixl and msiinfo are not installed (Debian: apt-get install msitools wixl)")


def table(msi: Path, name: str) -> list[dict[str, str]]:
    """The rows of one table, as msiinfo exports them (names, types, key line, rows)."""
    # In the MSI's folder: msiinfo writes the streams of a table (icons) as files beside it.
    text = subprocess.run(["msiinfo", "export", str(msi), name], capture_output=True,
                          text=True, check=True, cwd=msi.parent).stdout
    lines = text.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:]]


def long_name(default: str) -> str:
    """The long name of a ``short|long`` (or ``target:source``) MSI name."""
    return default.split(":")[0].split("|")[-1]


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("msi")
    app = base / "tfbb-katalog"
    for rel in TREE:
        path = app / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".ico"):
            shutil.copyfile(ROOT / "resources" / "icons" / "tfbb-katalog.ico", path)
        else:
            path.write_text(f"content of {rel}\n", encoding="utf-8")
    out = base / "tfbb-katalog.msi"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--tool", "wixl", "--app-dir", str(app), "--out",
         str(out), "--work", str(base / "work")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_product_and_upgrade_codes_and_machine_scope(msi: Path) -> None:
    props = {row["Property"]: row["Value"] for row in table(msi, "Property")}
    assert props["UpgradeCode"] == UPGRADE_CODE
    assert props["ProductCode"].startswith("{") and len(props["ProductCode"]) == 38
    assert props["ProductCode"] != UPGRADE_CODE
    assert props["ALLUSERS"] == "1"
    assert props["ProductName"] == "TFBB Katalog"
    assert props["ProductVersion"] == VERSION
    for name in ("ARPCONTACT", "ARPURLINFOABOUT", "ARPPRODUCTICON"):
        assert props[name], name
    assert props["ARPPRODUCTICON"] in {row["Name"] for row in table(msi, "Icon")}
    assert props["MSIRESTARTMANAGERCONTROL"] == "Disable"


def test_each_build_has_its_own_product_code(msi: Path, tmp_path: Path) -> None:
    """Product Id="*": a rebuild is a new product, which MajorUpgrade then replaces."""
    app = msi.parent / "tfbb-katalog"
    again = tmp_path / "again.msi"
    subprocess.run([sys.executable, str(SCRIPT), "--tool", "wixl", "--app-dir", str(app),
                    "--out", str(again), "--work", str(tmp_path / "work")],
                   capture_output=True, check=True)
    first = {r["Property"]: r["Value"] for r in table(msi, "Property")}
    second = {r["Property"]: r["Value"] for r in table(again, "Property")}
    assert second["UpgradeCode"] == first["UpgradeCode"]
    assert second["ProductCode"] != first["ProductCode"]


def test_major_upgrade_rows(msi: Path) -> None:
    rows = table(msi, "Upgrade")
    assert {row["UpgradeCode"] for row in rows} == {UPGRADE_CODE}
    by_action = {row["ActionProperty"]: row for row in rows}
    # Older versions are found (and removed); a newer installed version blocks a downgrade.
    assert by_action["WIX_UPGRADE_DETECTED"]["VersionMax"] == VERSION
    assert by_action["WIX_UPGRADE_DETECTED"]["VersionMin"] == ""
    assert by_action["WIX_DOWNGRADE_DETECTED"]["VersionMin"] == VERSION
    sequence = {row["Action"] for row in table(msi, "InstallExecuteSequence")}
    assert {"FindRelatedProducts", "RemoveExistingProducts"} <= sequence


def test_the_upgrade_attributes_wixl_ignores_are_in_the_source() -> None:
    """WiX builds the shipped MSI from the same source and honours these (wixl does not):
    the old version is removed after InstallInitialize, and a rebuild of the same version
    replaces the installed one instead of going in beside it."""
    ns = {"w": "http://schemas.microsoft.com/wix/2006/wi"}
    root = ET.parse(ROOT / "packaging" / "wix" / "tfbb-katalog.wxs").getroot()
    upgrade = root.find("w:Product/w:MajorUpgrade", ns)
    assert upgrade is not None
    assert upgrade.get("Schedule") == "afterInstallInitialize"
    assert upgrade.get("AllowSameVersionUpgrades") == "yes"
    assert upgrade.get("DowngradeErrorMessage")
    product = root.find("w:Product", ns)
    assert product is not None and product.get("Id") == "*"
    assert product.get("UpgradeCode") == UPGRADE_CODE.strip("{}")


def test_start_menu_shortcut_targets_the_gui_executable(msi: Path) -> None:
    files = {row["File"]: long_name(row["FileName"]) for row in table(msi, "File")}
    (shortcut,) = table(msi, "Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder"
    assert long_name(shortcut["Name"]) == "TFBB Katalog"
    assert shortcut["Target"].startswith("[#") and shortcut["Target"].endswith("]")
    assert files[shortcut["Target"][2:-1]] == "tfbb-katalog.exe"
    assert shortcut["WkDir"] == "INSTALLDIR"


def installed_paths(msi: Path) -> dict[str, str]:
    """File id -> its path under the install folder, through the Component and Directory
    tables."""
    dirs = {row["Directory"]: row for row in table(msi, "Directory")}
    components = {row["Component"]: row for row in table(msi, "Component")}

    def folder(dir_id: str) -> str:
        parts = []
        while dir_id != "INSTALLDIR":
            row = dirs[dir_id]
            parts.append(long_name(row["DefaultDir"]))
            dir_id = row["Directory_Parent"]
        return "/".join(reversed(parts))

    result = {}
    for row in table(msi, "File"):
        where = folder(components[row["Component_"]]["Directory_"])
        result[row["File"]] = f"{where}/{long_name(row['FileName'])}".lstrip("/")
    return result


def test_every_file_of_the_tree_is_installed_in_its_folder(msi: Path) -> None:
    paths = installed_paths(msi)
    assert sorted(paths.values()) == sorted(TREE)
    assert long_name(
        {r["Directory"]: r for r in table(msi, "Directory")}["INSTALLDIR"]["DefaultDir"]
    ) == "TFBB Katalog"
    assert {r["Directory"]: r for r in table(msi, "Directory")}["INSTALLDIR"][
        "Directory_Parent"] == "ProgramFiles64Folder"


def test_one_component_per_file_with_the_file_as_key_path(msi: Path) -> None:
    components = table(msi, "Component")
    files = table(msi, "File")
    assert len(components) == len(files) == len(TREE)
    assert {c["KeyPath"] for c in components} == {f["File"] for f in files}
    guids = [c["ComponentId"] for c in components]
    assert len(set(guids)) == len(guids)
    assert all(g.startswith("{") and len(g) == 38 for g in guids)


def test_component_guids_stay_the_same_between_builds(tmp_path: Path) -> None:
    """A file keeps its component from version to version (the rules Windows Installer needs
    to replace files in an upgrade): the GUID is derived from the file's path."""
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import build_msi
    finally:
        sys.path.remove(str(SCRIPT.parent))
    assert build_msi.component_guid("_internal/x.dll") == build_msi.component_guid(
        "_internal/X.dll")
    assert build_msi.component_guid("_internal/x.dll") != build_msi.component_guid(
        "_internal/y.dll")
    assert build_msi.msi_version("0.2.0rc1") == "0.2.0"


def test_a_tree_without_the_executables_is_refused(tmp_path: Path) -> None:
    app = tmp_path / "tfbb-katalog"
    (app / "_internal").mkdir(parents=True)
    (app / "tfbb-katalog").write_text("a Linux build\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--tool", "wixl", "--app-dir", str(app), "--out",
         str(tmp_path / "x.msi"), "--work", str(tmp_path / "work")],
        capture_output=True, text=True)
    assert done.returncode != 0
    assert "tfbb-katalog.exe" in done.stderr
    assert not (tmp_path / "x.msi").exists()
