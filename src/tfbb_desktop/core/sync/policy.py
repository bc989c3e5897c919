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
from collections.abc import Mapping
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
VALUE_NAMES = (TRUSTED_KEYS, ALLOW_UNSIGNED, SOURCE, MAX_VERSION_STEP)


def _bad(name: str, expected: str) -> ValueError:
    return ValueError(msg("policy.bad_value", key=POLICY_KEY_SHOWN, name=name,
                          expected=expected))


def config_from_policy(values: Mapping[str, object],
                       base: MachineConfig | None = None) -> MachineConfig:
    """``base`` (the settings of config.json) with each policy value that is set in its place.

    ValueError (a message) for a value of the wrong type, so that a broken policy is reported
    rather than ignored."""
    from tfbb_desktop.core.sync.signing import MachineConfig

    config = dataclasses.replace(base) if base is not None else MachineConfig()
    if TRUSTED_KEYS in values:
        keys = values[TRUSTED_KEYS]
        if isinstance(keys, str):
            keys = keys.split()
        if not isinstance(keys, list | tuple) or not all(isinstance(k, str) for k in keys):
            raise _bad(TRUSTED_KEYS, "REG_MULTI_SZ")
        config.trusted_keys = [k.strip() for k in keys if k.strip()]
    if ALLOW_UNSIGNED in values:
        allow = values[ALLOW_UNSIGNED]
        if not isinstance(allow, int) or allow not in (0, 1):
            raise _bad(ALLOW_UNSIGNED, "REG_DWORD (0/1)")
        config.allow_unsigned = allow == 1
    if SOURCE in values:
        source = values[SOURCE]
        if not isinstance(source, str):
            raise _bad(SOURCE, "REG_SZ")
        config.source = source.strip()
    if MAX_VERSION_STEP in values:
        step = values[MAX_VERSION_STEP]
        if isinstance(step, bool) or not isinstance(step, int) or step < 1:
            raise _bad(MAX_VERSION_STEP, "REG_DWORD (>= 1)")
        config.max_version_step = step
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
