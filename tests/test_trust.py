"""Update trust: an export may carry several signatures (a key rotated with an overlap), and
any one by a key this PC trusts lets it in; versions that go back (below the catalogue's, or
below the highest version a key that signed has brought in), jump too far, or repeat the
installed version with other content are refused."""

from __future__ import annotations

import copy
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
from tfbb_desktop.core.store import catalogue
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


def by(*keys: signing.Ed25519PrivateKey) -> Any:
    return lambda manifest_bytes: signing.sign_many(list(keys), manifest_bytes)


def marks(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT key_id, version FROM key_high_water").fetchall())


def kid(key: signing.Ed25519PrivateKey) -> str:
    return signing.key_id(key.public_key())


def test_a_stolen_key_signing_a_version_far_ahead_is_refused(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    """A thief with a trusted key cannot lock PCs out of later updates with a huge version;
    the genuine next version still comes in afterwards."""
    trust = trusting(OLD)
    assert importer.import_file(catalogue_conn, paths, export(tmp_path, source, 2, by(OLD)),
                                trust).applied
    refuse(catalogue_conn, paths, export(tmp_path, source, 2 + 1000, by(OLD), "stolen.zip"),
           trust, "too_far_ahead")
    assert marks(catalogue_conn) == {kid(OLD): 2}
    assert importer.import_file(catalogue_conn, paths,
                                export(tmp_path, source, 3, by(OLD), "next.zip"), trust).applied


def test_the_machine_config_may_allow_a_larger_step(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    result = importer.import_file(catalogue_conn, paths, export(tmp_path, source, 1001, by(OLD)),
                                  trusting(OLD), max_version_step=1000)
    assert result.applied and result.dataset_version == 1001


def test_the_first_import_into_an_empty_catalogue_may_have_any_version(
        paths: DataPaths, source: dict[str, Any], tmp_path: Path) -> None:
    conn = catalogue.open_catalogue(paths)
    try:
        result = importer.import_file(conn, paths, export(tmp_path, source, 5000, by(OLD)),
                                      trusting(OLD))
        assert result.applied and result.dataset_version == 5000
        assert marks(conn) == {kid(OLD): 5000}
    finally:
        conn.close()


def test_every_trusted_key_that_signed_gets_the_mark_and_untrusted_ones_none(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    trust = trusting(OLD, NEW)
    importer.import_file(catalogue_conn, paths,
                         export(tmp_path, source, 3, by(OLD, NEW, STRANGER)), trust)
    assert marks(catalogue_conn) == {kid(OLD): 3, kid(NEW): 3}
    importer.import_file(catalogue_conn, paths, export(tmp_path, source, 7, by(NEW), "7.zip"),
                         trust)
    assert marks(catalogue_conn) == {kid(OLD): 3, kid(NEW): 7}


def test_below_the_catalogue_version_is_refused_as_older_whichever_key_signed(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    """Key A signed v10; v5 by key B (which never signed here) is older than the catalogue."""
    trust = trusting(OLD, NEW)
    importer.import_file(catalogue_conn, paths, export(tmp_path, source, 10, by(OLD)), trust)
    refuse(catalogue_conn, paths, export(tmp_path, source, 5, by(NEW), "b5.zip"), trust,
           "older")


def test_after_an_undo_the_key_mark_keeps_the_versions_between_out(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    """v2 and v10 by key A, then undo to v2: the mark of A stays 10. v5 by A is refused (a
    copy of an old file, or a thief); also when B signed beside A. A key without a mark may
    bring v5 in; the undone v10 comes back, and the undo still restores the catalogue."""
    trust = trusting(OLD, NEW)
    conn = catalogue_conn
    importer.import_file(conn, paths, export(tmp_path, source, 2, by(OLD), "a2.zip"), trust)
    after_v2 = dump(conn, exclude=("import_log", "search_info", "key_high_water"))
    importer.import_file(conn, paths, export(tmp_path, source, 10, by(OLD), "a10.zip"), trust)
    undone = importer.undo_last_import(conn, paths)
    assert (undone.previous_version, undone.dataset_version) == (10, 2)
    assert dump(conn, exclude=("import_log", "search_info", "key_high_water")) == after_v2
    assert marks(conn) == {kid(OLD): 10}

    refused = refuse(conn, paths, export(tmp_path, source, 5, by(OLD), "a5.zip"), trust,
                     "below_key_mark")
    assert kid(OLD) in refused.text() and "10" in refused.text()
    refuse(conn, paths, export(tmp_path, source, 5, by(NEW, OLD), "ab5.zip"), trust,
           "below_key_mark")
    assert importer.import_file(conn, paths, export(tmp_path, source, 10, by(OLD), "again.zip"),
                                trust).applied
    importer.undo_last_import(conn, paths)
    assert importer.import_file(conn, paths, export(tmp_path, source, 5, by(NEW), "b5.zip"),
                                trust).applied
    assert marks(conn) == {kid(OLD): 10, kid(NEW): 5}


def test_the_same_version_with_other_content_is_refused(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        tmp_path: Path) -> None:
    trust = trusting(OLD)
    importer.import_file(catalogue_conn, paths, export(tmp_path, source, 2, by(OLD)), trust)
    same = importer.import_file(catalogue_conn, paths,
                                export(tmp_path, source, 2, both, "same.zip"), trust)
    assert not same.applied  # the same content, now signed by two keys: a quiet no-op
    changed = copy.deepcopy(source)
    changed["data"]["principals"][0]["name"] = "Ett annat namn"
    refused = refuse(catalogue_conn, paths, export(tmp_path, changed, 2, by(OLD), "other.zip"),
                     trust, "same_version_changed")
    assert "version" in refused.text()
