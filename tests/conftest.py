"""Shared fixtures. Every test gets its own data folder and machine configuration, so no test
ever touches the user's real data; Qt runs offscreen."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import catalogue
from tfbb_desktop.core.sync import publish, signing
from windows import shown_window

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "catalogue-source" / "sormland.json"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder and machine config for each test; HOME points there too."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("TFBB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TFBB_MACHINE_CONFIG", str(tmp_path / "machine-config.json"))
    return tmp_path


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    p = DataPaths(tmp_path / "data")
    p.ensure()
    return p


@pytest.fixture
def source() -> dict[str, Any]:
    """The bundled catalogue's source: a fresh copy each time, for tests to change."""
    result: dict[str, Any] = json.loads(SOURCE.read_text(encoding="utf-8"))
    return result


@pytest.fixture(scope="session")
def publisher_key() -> signing.Ed25519PrivateKey:
    return signing.generate_private_key()


@pytest.fixture
def trust(publisher_key: signing.Ed25519PrivateKey) -> signing.TrustPolicy:
    key = publisher_key.public_key()
    return signing.TrustPolicy(keys={signing.key_id(key): key})


@pytest.fixture
def make_export(tmp_path: Path, publisher_key: signing.Ed25519PrivateKey
                ) -> Callable[..., Path]:
    """Build a real export file from a source dict: signed with the test key by default."""
    counter = iter(range(1_000_000))

    def build(src: dict[str, Any], *, version: int | None = None, sign: bool = True,
              name: str | None = None, **manifest_changes: Any) -> Path:
        data_bytes = publish.dump_json(src["data"], pretty=False)
        fields = dict(src["manifest"])
        if version is not None:
            fields["dataset_version"] = version
        fields.update(manifest_changes)
        target = tmp_path / "exports" / (name or f"export-{next(counter)}.zip")
        return publish.write_export(target, data_bytes, publish.manifest_for(data_bytes, fields),
                                    publisher_key if sign else None)

    return build


@pytest.fixture
def ctx(paths: DataPaths, trust: signing.TrustPolicy) -> Iterator[Any]:
    """The GUI's context on ``paths`` (the bundled catalogue), trusting the test key."""
    from tfbb_desktop.ui.context import load_context

    context = load_context(paths)
    context.trust = trust
    yield context
    context.close()


@pytest.fixture
def window(qtbot: Any, paths: DataPaths, ctx: Any) -> Iterator[Any]:
    """The main window on ``ctx``, shown at 1280x800."""
    with shown_window(qtbot, paths, ctx) as win:
        yield win


@pytest.fixture
def catalogue_conn(paths: DataPaths) -> Iterator[Any]:
    """A migrated catalogue holding the bundled Sörmland catalogue."""
    conn = catalogue.open_catalogue(paths)
    catalogue.ensure_content(conn, paths, signing.TrustPolicy())
    yield conn
    conn.close()


@pytest.fixture
def swedish(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The Swedish translations installed, as the app installs them; removed afterwards."""
    from PySide6.QtCore import QCoreApplication

    from tfbb_desktop.ui import i18n

    monkeypatch.setenv("TFBB_LANG", "sv")
    loaded = i18n.install_translators(qapp)
    assert loaded, "the Swedish translation is there"
    yield loaded
    for translator in loaded:
        QCoreApplication.removeTranslator(translator)


@pytest.fixture
def sv(swedish: list[Any]) -> Callable[[Any], str]:
    """A core message, problem or refusal as the Swedish user reads it."""
    from tfbb_desktop.ui import messages

    return messages.text
