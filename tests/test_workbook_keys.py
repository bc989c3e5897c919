"""The publisher's private key, protected by a passphrase (TFBB_KEY_PASSPHRASE for scripts)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.sync import signing

ROOT = Path(__file__).resolve().parents[1]


def _run(tmp_path: Path, *args: str | Path, passphrase: str | None
         ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TFBB_LANG": "sv", "HOME": str(tmp_path),
           "TFBB_MACHINE_CONFIG": str(tmp_path / "machine.json"),
           "TFBB_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"}
    env.pop("TFBB_KEY_PASSPHRASE", None)
    if passphrase is not None:
        env["TFBB_KEY_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "tfbb_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)


def test_keygen_protects_the_key_and_building_needs_the_passphrase(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    done = _run(tmp_path, "publish", "keygen", "--out", keys, passphrase="hemligt ord")
    assert done.returncode == 0, done.stderr
    private = keys / "publisher.pem"
    assert signing.is_encrypted(private)
    key = signing.load_private_key(private, b"hemligt ord")
    public = signing.parse_public_key((keys / "publisher.pub").read_text(encoding="ascii"))
    assert signing.key_id(key.public_key()) == signing.key_id(public)

    workbook = tmp_path / "katalog.xlsx"
    assert _run(tmp_path, "publish", "from-catalogue", "--out", workbook,
                passphrase=None).returncode == 0
    out = tmp_path / "ut.zip"
    build = ("publish", "workbook", workbook, "--out", out, "--key", private)
    missing = _run(tmp_path, *build, passphrase=None)
    assert missing.returncode == 1 and "TFBB_KEY_PASSPHRASE" in missing.stderr
    wrong = _run(tmp_path, *build, passphrase="fel ord")
    assert wrong.returncode == 1 and "lösenfras" in wrong.stderr.lower()
    assert not out.exists()
    right = _run(tmp_path, *build, passphrase="hemligt ord")
    assert right.returncode == 0, right.stderr
    assert "(signerad)" in right.stdout and out.is_file()


def test_keygen_without_a_passphrase_warns(tmp_path: Path) -> None:
    done = _run(tmp_path, "publish", "keygen", "--out", tmp_path / "keys", passphrase=None)
    assert done.returncode == 0
    assert "TFBB_KEY_PASSPHRASE" in done.stderr
    assert not signing.is_encrypted(tmp_path / "keys" / "publisher.pem")


def test_two_keys_while_a_key_is_rotated_each_verify_alone(tmp_path: Path) -> None:
    from tfbb_desktop.core.sync import container

    keys = {}
    for name in ("gammal", "ny"):
        done = _run(tmp_path, "publish", "keygen", "--out", tmp_path / "keys", "--name", name,
                    passphrase="samma fras")
        assert done.returncode == 0, done.stderr
        keys[name] = signing.load_private_key(tmp_path / "keys" / f"{name}.pem", b"samma fras")
    workbook = tmp_path / "katalog.xlsx"
    assert _run(tmp_path, "publish", "from-catalogue", "--out", workbook,
                passphrase=None).returncode == 0
    out = tmp_path / "ut.zip"
    done = _run(tmp_path, "publish", "workbook", workbook, "--out", out,
                "--key", tmp_path / "keys" / "gammal.pem", "--key", tmp_path / "keys" / "ny.pem",
                passphrase="samma fras")
    assert done.returncode == 0, done.stderr
    for key in keys.values():  # a PC that trusts only one of the two keys takes the export
        public = key.public_key()
        trust = signing.TrustPolicy(keys={signing.key_id(public): public})
        assert container.read_export(out, trust).signed_by == signing.key_id(public)
    stranger = signing.generate_private_key().public_key()
    with pytest.raises(ImportRefused):
        container.read_export(out, signing.TrustPolicy(
            keys={signing.key_id(stranger): stranger}))
