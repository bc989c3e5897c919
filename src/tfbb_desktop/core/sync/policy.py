"""The administrator's machine-wide settings from the Windows registry's policy key.

Group Policy (the template in packaging/admx/) writes them under ``HKLM\\Software\\Policies\\
TFBB\\Katalog``. A value set there wins over the same field of ``config.json``; a value not set
leaves the file's. The mapping is a plain function of the values, so that it is tested on any
platform; only :func:`read_policy_values` touches the registry, and only on Windows.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from tfbb_desktop.core.messages import msg

if TYPE_CHECKING:
    from tfbb_desktop.core.sync.signing import MachineConfig

POLICY_KEY = r"Software\Policies\TFBB\Katalog"
POLICY_KEY_SHOWN = "HKLM\\" + POLICY_KEY
TRUSTED_KEYS = "TrustedKeys"  # REG_MULTI_SZ: the base64 text of each trusted public key
ALLOW_UNSIGNED = "AllowUnsigned"  # REG_DWORD: 1 lets unsigned exports in, 0 does not
SOURCE = "Source"  # REG_SZ: the folder or https:// URL of the monthly exports
MAX_VERSION_STEP = "MaxVersionStep"  # REG_DWORD: how far above the installed version


def _keys(value: object) -> list[str] | None:
    if isinstance(value, str):
        value = value.split()
    if isinstance(value, list | tuple) and all(isinstance(k, str) for k in value):
        return [k.strip() for k in value if k.strip()]
    return None


# Each value: the field of MachineConfig it sets, the registry type it must have, and how it
# is read (None for a value of the wrong type).
_VALUES: dict[str, tuple[str, str, Callable[[object], object]]] = {
    TRUSTED_KEYS: ("trusted_keys", "REG_MULTI_SZ", _keys),
    ALLOW_UNSIGNED: ("allow_unsigned", "REG_DWORD (0/1)",
                     lambda v: v == 1 if isinstance(v, int) and v in (0, 1) else None),
    SOURCE: ("source", "REG_SZ", lambda v: v.strip() if isinstance(v, str) else None),
    MAX_VERSION_STEP: ("max_version_step", "REG_DWORD (>= 1)", lambda v: v if isinstance(v, int)
                       and not isinstance(v, bool) and v >= 1 else None),
}
VALUE_NAMES = tuple(_VALUES)


def config_from_policy(values: Mapping[str, object],
                       base: MachineConfig | None = None) -> MachineConfig:
    """``base`` (the settings of config.json) with each policy value that is set in its place.

    ValueError (a message) for a value of the wrong type, so that a broken policy is reported
    rather than ignored."""
    from tfbb_desktop.core.sync.signing import MachineConfig

    config = dataclasses.replace(base) if base is not None else MachineConfig()
    for name, (field, expected, read) in _VALUES.items():
        if name in values:
            if (value := read(values[name])) is None:
                raise ValueError(msg("policy.bad_value", key=POLICY_KEY_SHOWN, name=name,
                                     expected=expected))
            setattr(config, field, value)
    return config


def read_policy_values() -> dict[str, object]:
    """The values set under the policy key; empty when there is none or not on Windows."""
    if sys.platform != "win32":
        return {}
    import winreg

    values: dict[str, object] = {}
    try:
        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, POLICY_KEY)
    except FileNotFoundError:
        return values
    with key:
        for name in VALUE_NAMES:
            try:
                value, kind = winreg.QueryValueEx(key, name)
            except FileNotFoundError:
                continue
            if kind == winreg.REG_EXPAND_SZ and isinstance(value, str):
                value = os.path.expandvars(value)
            values[name] = value
    return values
