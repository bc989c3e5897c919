"""Update trust: an export may carry several signatures (a key rotated with an overlap), and
any one by a key this PC trusts lets it in; versions that go back or jump too far are refused."""

from __future__ import annotations

import json
import sqlite3
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from dbdump import dump
from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync import importer, publish, signing

OLD = signing.generate_private_key()
NEW = signing.generate_private_key()
STRANGER = signing.generate_private_key()


def trusting(*keys: signing.Ed25519PrivateKey) -> signing.TrustPolicy:
    return signing.TrustPolicy(keys={signing.key_id(k.public_key()): k.public_key() for k in keys})


def export(folder: Path, source: dict[str, Any], version: int, signature: Any,
           name: str = "export.zip") -> Path:
    """A real export of ``source`` at ``version`` whose signature.json is ``signature(manifest
    bytes)`` (a dict, or raw bytes)."""
    data_bytes = publish.dump_json(source["data"], pretty=False)
    fields = dict(source["manifest"], dataset_version=version)
    manifest_bytes = publish.dump_json(publish.manifest_for(data_bytes, fields))
    content = signature(manifest_bytes)
    raw = content if isinstance(content, bytes) else publish.dump_json(content)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    with warnings.catch_warnings(), zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, payload in ((fmt.MANIFEST_NAME, manifest_bytes), (fmt.DATA_NAME, data_bytes),
                                (fmt.SIGNATURE_NAME, raw)):
            zf.writestr(member, payload)
    return target


def both(manifest_bytes: bytes) -> dict[str, Any]:
    return signing.sign_many([OLD, NEW], manifest_bytes)


@pytest.mark.parametrize("trusted", [(OLD,), (NEW,), (OLD, NEW)], ids=["old", "new", "both"])
def test_an_export_signed_by_the_old_and_the_new_key_is_let_in_by_either(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path, trusted: tuple[signing.Ed25519PrivateKey, ...]) -> None:
    result = importer.import_file(catalogue_conn, paths, export(tmp_path, source, 2, both),
                                  trusting(*trusted))
    assert result.applied and result.dataset_version == 2
    signer = catalogue_conn.execute(
        "SELECT value FROM catalogue_info WHERE key = 'signed_by'").fetchone()
    assert signer[0] == signing.key_id(trusted[0].public_key())  # the key that verified


def refuse(conn: sqlite3.Connection, paths: DataPaths, file: Path,
           trust: signing.TrustPolicy, code: str) -> ImportRefused:
    before = dump(conn)
    with pytest.raises(ImportRefused) as caught:
        importer.import_file(conn, paths, file, trust)
    assert caught.value.code == code, caught.value.message
    assert dump(conn) == before
    return caught.value


def test_signatures_only_by_keys_this_pc_does_not_trust_are_refused(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    refused = refuse(catalogue_conn, paths, export(tmp_path, source, 2, both),
                     trusting(STRANGER), "unknown_key")
    assert signing.key_id(NEW.public_key()) in refused.text()


def test_a_good_signature_by_an_untrusted_key_beside_a_forged_one_is_refused(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    """A thief who adds a signature under the trusted key's id gets nothing from it."""

    def forged(manifest_bytes: bytes) -> dict[str, Any]:
        fake = signing.sign(STRANGER, manifest_bytes)
        fake["key_id"] = signing.key_id(OLD.public_key())
        return {"signatures": [fake, signing.sign(STRANGER, manifest_bytes)]}

    refuse(catalogue_conn, paths, export(tmp_path, source, 2, forged), trusting(OLD),
           "bad_signature")


def test_a_bad_extra_signature_does_not_spoil_a_good_one(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    def one_spoilt(manifest_bytes: bytes) -> dict[str, Any]:
        signed = signing.sign_many([OLD, NEW], manifest_bytes)
        signed["signatures"][0]["signature"] = signing.sign(NEW, b"other")["signature"]
        return signed

    result = importer.import_file(catalogue_conn, paths,
                                  export(tmp_path, source, 2, one_spoilt), trusting(OLD, NEW))
    assert result.applied


@pytest.mark.parametrize("content", [
    {"signatures": []},
    {"signatures": [{"algorithm": "ed25519", "key_id": "0" * 16, "signature": "AA=="}] * 5},
    {"signatures": "x"},
    {"signatures": [], "algorithm": "ed25519"},
    [],
], ids=["none", "too_many", "not_a_list", "mixed", "a_list"])
def test_a_signature_file_of_the_wrong_shape_is_refused(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path, content: Any) -> None:
    file = export(tmp_path, source, 2, lambda _m: json.dumps(content).encode())
    refuse(catalogue_conn, paths, file, trusting(OLD), "bad_signature")


def test_sign_many_takes_one_to_four_keys() -> None:
    assert len(signing.sign_many([OLD], b"m")["signatures"]) == 1
    for keys in ([], [OLD] * (signing.MAX_SIGNATURES + 1)):
        with pytest.raises(ValueError):
            signing.sign_many(keys, b"m")


def test_after_rotation_an_old_version_and_a_jump_are_still_refused(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    """Rollback, and a version far ahead (a stolen key locking PCs out), whoever signed."""
    trust = trusting(OLD, NEW)
    assert importer.import_file(catalogue_conn, paths, export(tmp_path, source, 5, both),
                                trust).applied
    refuse(catalogue_conn, paths, export(tmp_path, source, 4, both, "old.zip"), trust, "older")
    refuse(catalogue_conn, paths,
           export(tmp_path, source, 5 + fmt.MAX_VERSION_STEP + 1, both, "far.zip"), trust,
           "too_far_ahead")
