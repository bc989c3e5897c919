"""What the desktop app needs from the system, checked before Qt is loaded.

On Linux, Qt's GUI libraries and its X11 platform plugin (xcb) link against system libraries
that PySide6 does not bundle. When one is missing, Qt stops with an English error about the
"xcb" platform plugin (or Python with an ImportError), which tells a user nothing. This module
tries to load each of those libraries first and, if one is missing, says in plain words which
Debian/Ubuntu package brings it.

It must not import Qt: it runs exactly when Qt might not load. For the same reason its texts
are plain strings here, in Swedish and English, instead of going through Qt's translations.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Library:
    soname: str  # the name the dynamic linker looks for
    package: str  # the Debian/Ubuntu package that has it


# Debian names a library's package after its soname (Policy 8.1): libxcb-shm.so.0 is in
# libxcb-shm0, libX11.so.6 in libx11-6 (a hyphen after a name ending in a digit). These few
# are packaged otherwise.
_PACKAGED_OTHERWISE = {"libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
                       "libz.so.1": "zlib1g"}


def _libraries(sonames: str) -> tuple[Library, ...]:
    found = []
    for soname in sonames.split():
        name, _, version = soname.partition(".so.")
        package = f"{name.lower()}{'-' if name[-1].isdigit() else ''}{version}"
        found.append(Library(soname, _PACKAGED_OTHERWISE.get(soname, package)))
    return tuple(found)


# What Qt's Core, Gui, Widgets and DBus libraries need from the system, whatever the platform:
# their NEEDED entries (PySide6 6.11) less the C and C++ runtime and what PySide6 bundles.
# tests/test_system_check.py reads them from the libraries themselves.
GUI_LIBRARIES = _libraries("""
    libGL.so.1 libEGL.so.1 libfontconfig.so.1 libfreetype.so.6 libxkbcommon.so.0
    libglib-2.0.so.0 libgthread-2.0.so.0 libdbus-1.so.3 libX11.so.6 libz.so.1 libzstd.so.1
""")

# What the xcb platform plugin (plugins/platforms/libqxcb.so and lib/libQt6XcbQpa.so.6) needs
# besides: their NEEDED entries that are neither bundled in PySide6 nor in GUI_LIBRARIES.
# libxcb-xinerama is not among them: Qt 6 no longer links it.
XCB_LIBRARIES = _libraries("""
    libxcb.so.1 libX11-xcb.so.1 libxkbcommon-x11.so.0 libxcb-cursor.so.0 libxcb-icccm.so.4
    libxcb-image.so.0 libxcb-keysyms.so.1 libxcb-randr.so.0 libxcb-render.so.0
    libxcb-render-util.so.0 libxcb-shape.so.0 libxcb-shm.so.0 libxcb-sync.so.1
    libxcb-util.so.1 libxcb-xfixes.so.0 libxcb-xkb.so.1
""")


@dataclass(frozen=True)
class Result:
    platform: str | None  # the Qt platform checked for; None when nothing was checked
    missing: tuple[Library, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.missing


def qt_platform(env: Mapping[str, str],
                has_plugin: Callable[[str], bool] = lambda name: True) -> str:
    """The platform plugin Qt will use: the first of ``QT_QPA_PLATFORM`` (a list separated by
    ";", each name with optional ":options") that can work here, as Qt tries them in turn.

    Unset, Qt 6 tries wayland first in a Wayland session and xcb otherwise. Wayland without a
    Wayland session, or without its plugin (the frozen app leaves it out), fails, and Qt goes
    on to the next name.
    """
    spec = env.get("QT_QPA_PLATFORM", "").strip() or "wayland;xcb"
    names = [part.split(":", 1)[0].strip().lower() for part in spec.split(";")]
    names = [name for name in names if name]
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    for name in names:
        if name != "wayland" or (wayland and has_plugin(name)):
            return name
    return names[-1] if names else "xcb"


def libraries_for(platform: str) -> tuple[Library, ...]:
    """The system libraries Qt needs on ``platform`` that this check knows of."""
    if platform == "xcb":
        return GUI_LIBRARIES + XCB_LIBRARIES
    return GUI_LIBRARIES  # offscreen, minimal, vnc, wayland: nothing more of X11


def qt_folders() -> list[Path]:
    """PySide6's Qt folder: in the frozen app's bundle, or the installed package's (found
    without importing it)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return [Path(frozen) / "PySide6" / "Qt"]
    spec = importlib.util.find_spec("PySide6")
    return [Path(place) / "Qt" for place in (spec.submodule_search_locations or [])] if spec else []


def has_plugin(qt: list[Path], name: str) -> bool:
    """Whether Qt has the platform plugin ``name``; True when PySide6 cannot be found."""
    return not qt or any(
        (folder / "plugins" / "platforms" / f"libq{name}.so").exists() for folder in qt)


def loads(soname: str, folders: Iterable[Path] = ()) -> bool:
    """Whether the dynamic linker can load ``soname``, from the system or a bundled folder."""
    import ctypes  # here: only Linux needs it, and only at the GUI's start

    bundled = [str(folder / soname) for folder in folders if (folder / soname).exists()]
    for candidate in (soname, *bundled):
        try:
            ctypes.CDLL(candidate)
            return True
        except OSError:
            continue
    return False


def check(env: Mapping[str, str] | None = None, *, system: str | None = None,
          libraries: tuple[Library, ...] | None = None) -> Result:
    """Check the libraries Qt needs for the platform ``env`` gives (Linux only);
    ``libraries`` instead of the platform's list."""
    env = os.environ if env is None else env
    if not (system or sys.platform).startswith("linux"):
        return Result(None)
    qt = qt_folders()
    platform = qt_platform(env, lambda name: has_plugin(qt, name))
    # Where PySide6 or the frozen app keep the libraries they bring along.
    frozen = getattr(sys, "_MEIPASS", None)
    folders = [*([Path(frozen)] if frozen else []), *(folder / "lib" for folder in qt)]
    wanted = libraries_for(platform) if libraries is None else libraries
    return Result(platform, tuple(lib for lib in wanted if not loads(lib.soname, folders)))


def english(env: Mapping[str, str] | None = None) -> bool:
    """English texts when asked for (``TFBB_LANG=en``, see ui/i18n.py) or when the locale is
    English; Swedish otherwise, as the UI. ``env`` defaults to the process's environment."""
    env = os.environ if env is None else env
    forced = env.get("TFBB_LANG", "").lower()
    if forced:
        return not forced.startswith("sv")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return value.lower().startswith("en")
    return False


# Each text in English and in Swedish (see english()).
_TEXTS = {
    "cannot_start": ("TFBB Katalog cannot start.", "TFBB Katalog kan inte starta."),
    "missing": ("System libraries that Qt needs for the {platform} platform are missing:",
                "Systembibliotek som Qt behöver för plattformen {platform} saknas:"),
    "library": ("  {soname} (package {package})", "  {soname} (paketet {package})"),
    "install": ("Install them (Debian, Ubuntu) with:", "Installera dem (Debian, Ubuntu) med:"),
    "ask": ("or ask the computer's administrator to.",
            "eller be datorns administratör om hjälp."),
    "nothing": ("System check: nothing to check on this system.",
                "Systemkontroll: inget att kontrollera på det här systemet."),
    "ok": ("System check OK: the system libraries Qt needs for the {platform} platform are "
           "present.", "Systemkontroll OK: systembiblioteken som Qt behöver för plattformen "
           "{platform} finns."),
    "no_window": ("Note: the app cannot open its window here.",
                  "Obs: appen kan inte öppna sitt fönster här."),
}


def _say(key: str, in_english: bool, **values: str) -> str:
    return _TEXTS[key][0 if in_english else 1].format(**values)


def _missing_lines(result: Result, in_english: bool) -> list[str]:
    packages = " ".join(dict.fromkeys(lib.package for lib in result.missing))
    return [_say("missing", in_english, platform=str(result.platform)),
            *(_say("library", in_english, soname=lib.soname, package=lib.package)
              for lib in result.missing),
            _say("install", in_english), f"  sudo apt install {packages}",
            _say("ask", in_english)]


def cannot_start(result: Result, env: Mapping[str, str] | None = None) -> str:
    """Why the GUI does not start: the missing libraries, their packages, the command."""
    in_english = english(env)
    return "\n".join([_say("cannot_start", in_english), *_missing_lines(result, in_english)])


def self_check_report(result: Result, desktop: Result | None = None) -> str:
    """The self-check's lines: the platform it ran on was checked (``result``, fine, or it
    would not have started); ``desktop`` is the check for the platform a normal start would
    use, when that is another one (the self-check runs offscreen)."""
    in_english = english()
    lines = [_say("nothing", in_english) if result.platform is None else
             _say("ok", in_english, platform=result.platform)]
    if desktop is not None and desktop.platform != result.platform and not desktop.ok:
        lines += [_say("no_window", in_english), *_missing_lines(desktop, in_english)]
    return "\n".join(lines)
