"""Publishing from the workbook: a signed export the app imports with the same content, a new
version at each build, nothing written for a workbook with mistakes, and an export signed by a
key the app does not trust refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dbdump import CONTENT_TABLES, dump
from tfbb_desktop.core.errors import BuildRefused, ImportRefused
from tfbb_desktop.core.outputs import workbook
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import catalogue
from tfbb_desktop.core.sync import importer, publish_workbook, signing
from tfbb_desktop.core.sync.signing import Ed25519PrivateKey, TrustPolicy

TODAY = date(2026, 1, 15)


def _filled(tmp_path: Path, source: dict[str, Any]) -> Path:
    book = workbook.fill(workbook.template(), source["data"], source["manifest"])
    return workbook.save(book, tmp_path / "katalog.xlsx")


def _imported(root: Path, export: Path, trust: TrustPolicy) -> dict[str, Any]:
    paths = DataPaths(root)
    paths.ensure()
    conn = catalogue.open_catalogue(paths)
    try:
        importer.import_file(conn, paths, export, trust, today=TODAY)
        return dump(conn, only=tuple(t for t in CONTENT_TABLES if t != "catalogue_info"))
    finally:
        conn.close()


def test_template_to_signed_export_to_the_app_gives_the_same_content(
        tmp_path: Path, source: dict[str, Any], publisher_key: Ed25519PrivateKey,
        trust: TrustPolicy, make_export: Callable[..., Path]) -> None:
    built = publish_workbook.build(_filled(tmp_path, source), tmp_path / "share" / "ut.zip",
                                   publisher_key, today=TODAY)
    assert built.dataset_version == 1
    from_workbook = _imported(tmp_path / "a", built.path, trust)
    from_source = _imported(tmp_path / "b", make_export(source), trust)
    assert from_workbook == from_source
    assert sum(len(rows) for rows in from_workbook.values()) > 100


def test_building_twice_never_reuses_a_version(tmp_path: Path, source: dict[str, Any],
                                               publisher_key: Ed25519PrivateKey) -> None:
    book = _filled(tmp_path, source)
    target = tmp_path / "share" / "ut.zip"
    first = publish_workbook.build(book, target, publisher_key, today=TODAY)
    kept = tmp_path / "förra.zip"
    kept.write_bytes(target.read_bytes())
    second = publish_workbook.build(book, target, publisher_key, today=TODAY)
    other = publish_workbook.build(book, tmp_path / "annan.zip", publisher_key,
                                   previous=kept, today=TODAY)
    assert (first.dataset_version, second.dataset_version, other.dataset_version) == (1, 2, 2)
    assert not second.unchanged and second.previous is not None


def test_a_workbook_with_mistakes_writes_nothing(tmp_path: Path, source: dict[str, Any],
                                                 publisher_key: Ed25519PrivateKey) -> None:
    source["data"]["contacts"][0]["email"] = "inte-en-adress"
    source["data"]["work"][0]["status"] = "okand-status"
    target = tmp_path / "share" / "ut.zip"
    target.parent.mkdir()
    target.write_bytes(b"left as it was")
    with pytest.raises(BuildRefused) as refused:
        publish_workbook.build(_filled(tmp_path, source), target, publisher_key, today=TODAY)
    assert target.read_bytes() == b"left as it was"
    assert sorted(p.name for p in target.parent.iterdir()) == ["ut.zip"]
    text = refused.value.text()
    assert 'sheet "contacts", row 3, column "E-mail": invalid e-mail address' in text
    assert 'sheet "work", row 3, column "Status"' in text


def test_an_export_signed_by_an_untrusted_key_is_refused_by_the_app(
        tmp_path: Path, source: dict[str, Any], trust: TrustPolicy) -> None:
    stranger = signing.generate_private_key()
    built = publish_workbook.build(_filled(tmp_path, source), tmp_path / "ut.zip", stranger,
                                   today=TODAY)
    with pytest.raises(ImportRefused) as refused:
        _imported(tmp_path / "a", built.path, trust)
    assert refused.value.code == "unknown_key"
    assert signing.key_id(stranger.public_key()) in refused.value.text()


def test_expiry_is_taken_from_the_command_and_an_expired_one_is_refused(
        tmp_path: Path, source: dict[str, Any], publisher_key: Ed25519PrivateKey) -> None:
    book = _filled(tmp_path, source)
    built = publish_workbook.build(book, tmp_path / "ut.zip", publisher_key,
                                   expires=date(2026, 6, 30), today=TODAY)
    assert built.previous is None
    with pytest.raises(BuildRefused) as refused:
        publish_workbook.build(book, tmp_path / "gammal.zip", publisher_key,
                               expires=date(2025, 12, 31), today=TODAY)
    assert "2025-12-31" in refused.value.text()
    assert not (tmp_path / "gammal.zip").exists()
