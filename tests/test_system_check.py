"""The system libraries Qt needs, checked before the GUI loads Qt (system_check.py)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tfbb_desktop import system_check
from tfbb_desktop.system_check import Library

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the libraries are checked on Linux only")

MADE_UP = Library("libtfbb-not-there.so.7", "libtfbb-not-there7")
# The C and C++ runtime: always there, never named by the check.
RUNTIME = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libpthread.so.0",
           "libdl.so.2", "librt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}


def test_a_missing_library_is_named_with_its_package() -> None:
    result = system_check.check({"QT_QPA_PLATFORM": "xcb"}, system="linux",
                                libraries=(Library("libc.so.6", "libc6"), MADE_UP))
    assert result.platform == "xcb"
    assert result.missing == (MADE_UP,)
    text = system_check.cannot_start(result, {})
    assert text.splitlines() == [
        "TFBB Katalog kan inte starta.",
        "Systembibliotek som Qt behöver för plattformen xcb saknas:",
        "  libtfbb-not-there.so.7 (paketet libtfbb-not-there7)",
        "Installera dem (Debian, Ubuntu) med:",
        "  sudo apt install libtfbb-not-there7",
        "eller be datorns administratör om hjälp."]


def test_english_is_used_when_asked_for() -> None:
    result = system_check.Result("xcb", (MADE_UP, Library("libtfbb-other.so.1", MADE_UP.package)))
    text = system_check.cannot_start(result, {"TFBB_LANG": "en"})
    assert text.startswith("TFBB Katalog cannot start.\n")
    assert "  libtfbb-not-there.so.7 (package libtfbb-not-there7)" in text
    assert "  sudo apt install libtfbb-not-there7\n" in text  # each package once
    assert system_check.english({"LANG": "en_GB.UTF-8"})
    assert not system_check.english({"LANG": "en_GB.UTF-8", "TFBB_LANG": "sv"})
    assert not system_check.english({"LANG": "sv_SE.UTF-8"})
    assert not system_check.english({"LANG": "C.UTF-8"})  # Swedish, as the UI


@linux_only
def test_the_real_check_passes_for_the_platform_the_tests_use() -> None:
    result = system_check.check()
    assert result.platform == "offscreen"  # set by the root conftest.py
    assert result.missing == ()


@pytest.mark.parametrize(("env", "platform"), [
    ({"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),
    ({"QT_QPA_PLATFORM": "offscreen:fontengine=freetype"}, "offscreen"),
    ({"QT_QPA_PLATFORM": "minimal"}, "minimal"),
    ({"QT_QPA_PLATFORM": "vnc"}, "vnc"),
    ({"QT_QPA_PLATFORM": "xcb"}, "xcb"),
    ({"QT_QPA_PLATFORM": ""}, "xcb"),
    ({}, "xcb"),
    ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, "xcb"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "wayland"),
    ({"XDG_SESSION_TYPE": "wayland"}, "wayland"),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "xcb"),  # no Wayland session: Qt goes on to xcb
    ({"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "wayland"),
])
def test_the_platform_qt_will_use(env: dict[str, str], platform: str) -> None:
    assert system_check.qt_platform(env) == platform


def test_without_the_wayland_plugin_qt_uses_xcb_in_a_wayland_session() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0"}
    assert system_check.qt_platform(env, has_plugin=lambda name: name != "wayland") == "xcb"


def test_only_xcb_needs_the_x11_libraries() -> None:
    xcb = {lib.soname for lib in system_check.XCB_LIBRARIES}
    assert "libxcb-cursor.so.0" in xcb
    for platform in ("offscreen", "minimal", "vnc", "wayland"):
        assert not xcb & {lib.soname for lib in system_check.libraries_for(platform)}
    assert xcb <= {lib.soname for lib in system_check.libraries_for("xcb")}


def test_other_systems_are_not_checked() -> None:
    result = system_check.check({"QT_QPA_PLATFORM": "xcb"}, system="win32",
                                libraries=(MADE_UP,))
    assert result == system_check.Result(None)
    assert result.ok


def _needed(path: Path) -> set[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file (what it links against)."""
    data = path.read_bytes()
    if data[:6] != b"\x7fELF\x02\x01":
        pytest.skip(f"{path.name} is not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    names: set[str] = set()
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strings = sections[link][4]
        for pos in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 1:  # DT_NEEDED
                names.add(data[strings + value:data.index(b"\0", strings + value)].decode())
    return names


@linux_only
def test_the_lists_are_what_the_qt_libraries_link_against() -> None:
    """A PySide6 update that links another system library fails here until it is listed."""
    qt = system_check.qt_folders()[0]
    lib = qt / "lib"
    bundled = {p.name for p in lib.iterdir()}

    def system_needs(*files: Path) -> set[str]:
        return set().union(*(_needed(f) for f in files)) - bundled - RUNTIME

    gui = system_needs(*(lib / f"libQt6{name}.so.6" for name in ("Core", "Gui", "Widgets",
                                                                 "DBus")))
    xcb = system_needs(qt / "plugins" / "platforms" / "libqxcb.so", lib / "libQt6XcbQpa.so.6")
    assert gui == {x.soname for x in system_check.GUI_LIBRARIES}
    assert xcb - gui == {x.soname for x in system_check.XCB_LIBRARIES}


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = ("import sys\nfrom tfbb_desktop.__main__ import main\ncode = main(sys.argv[1:])\n"
            "print('QT LOADED' if 'PySide6' in sys.modules else 'NO QT')\nsys.exit(code)\n")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, timeout=120)


@linux_only
def test_the_gui_stops_before_qt_when_a_library_cannot_be_loaded(tmp_path: Path) -> None:
    """A broken libxcb-cursor.so.0 first on the linker's path: the linker stops at it, just as
    it would find none on a bare system, and so would Qt's xcb plugin."""
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libxcb-cursor.so.0").write_bytes(b"not a library")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "TFBB_LANG": "sv",
           "LD_LIBRARY_PATH": str(broken)}
    done = _run("--data-dir", str(tmp_path / "d"), env=env)
    assert done.returncode == 1
    assert done.stdout.strip() == "NO QT"
    assert done.stderr.startswith("TFBB Katalog kan inte starta.\n")
    assert "  libxcb-cursor.so.0 (paketet libxcb-cursor0)\n" in done.stderr
    assert "sudo apt install libxcb-cursor0" in done.stderr
    assert not (tmp_path / "d").exists()  # stopped before anything was made


@linux_only
def test_the_self_check_reports_the_system_check(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TFBB_LANG": "sv"}
    done = _run("--data-dir", str(tmp_path / "d"), "--self-check", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Självtest OK")
    assert lines[1] == ("Systemkontroll OK: systembiblioteken som Qt behöver för plattformen "
                        "offscreen finns.")


def test_the_deployment_guide_lists_every_package() -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "deployment.md").read_text("utf-8")
    command = guide.split("sudo apt install ", 1)[1].split("```", 1)[0]
    listed = command.replace("\\", " ").split()
    wanted = [lib.package for lib in (*system_check.GUI_LIBRARIES, *system_check.XCB_LIBRARIES)]
    assert sorted(set(listed)) == sorted(set(wanted))


def test_the_check_itself_loads_no_qt() -> None:
    code = ("import sys\nfrom tfbb_desktop import system_check as s\n"
            "result = s.check({'QT_QPA_PLATFORM': 'xcb'})\n"
            "s.cannot_start(result) if result.missing else s.self_check_report(result)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"


@linux_only
def test_the_self_check_notes_what_a_normal_start_would_miss(tmp_path: Path) -> None:
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libxcb-cursor.so.0").write_bytes(b"not a library")
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    env.update(TFBB_LANG="sv", LD_LIBRARY_PATH=str(broken))
    done = _run("--data-dir", str(tmp_path / "d"), "--self-check", env=env)
    assert done.returncode == 0, done.stderr  # the self-check itself runs offscreen
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Självtest OK")
    assert lines[1].endswith("plattformen offscreen finns.")
    assert lines[2:5] == ["Obs: appen kan inte öppna sitt fönster här.",
                          "Systembibliotek som Qt behöver för plattformen xcb saknas:",
                          "  libxcb-cursor.so.0 (paketet libxcb-cursor0)"]
