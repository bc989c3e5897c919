"""Upgrades of real data files written by earlier versions of the app.

The fixtures in tests/fixtures/upgrade/ were written by the app's own code at the last commit of
each earlier schema version (scripts/make_upgrade_fixtures.py): a catalogue with the bundled
export and a user data file with a favourite, a note and a setting. Today's app opens them,
migrates them with a backup first, and everything the user kept is still there.

Catalogue version 1 is written by commit 155f149, not by the last commit at that version
(593bc5a): that one cannot start, as its importer imports core/search.py, which only came with
the next commit. 593bc5a changed no migration, so the files are the same a user had.

The fixtures are named catalogue-<C>-userdata-<U>. Ordered, and followed by today's versions,
they must form a chain from (1, 1) in which each step adds one migration (of either kind): a new
migration without a fixture of the state before it fails
test_every_earlier_schema_version_has_a_fixture. A catalogue and a userdata migration therefore
land in separate commits, so that the state between them can be kept too.
"""

from __future__ import annotations

import contextlib
import gc
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dbdump import dump, version_two
from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.search.query import search
from tfbb_desktop.core.store import catalogue, db, queries
from tfbb_desktop.core.store.db import DatabaseError
from tfbb_desktop.core.store.userdata import UserData
from tfbb_desktop.core.sync import importer, signing

FIXTURES = Path(__file__).parent / "fixtures" / "upgrade"


def _schemas(name: str) -> tuple[int, int]:
    """The (catalogue, userdata) schema versions a fixture's name gives."""
    _, catalogue_version, _, userdata_version = name.split("-")
    return int(catalogue_version), int(userdata_version)


VERSIONS = sorted((p.name for p in FIXTURES.iterdir() if p.is_dir()), key=_schemas)


def _installed(name: str, paths: DataPaths) -> tuple[int, int]:
    for file in ("catalogue.db", "userdata.db"):
        shutil.copyfile(FIXTURES / name / file, paths.root / file)
    versions = []
    for file in ("catalogue.db", "userdata.db"):
        conn = sqlite3.connect(paths.root / file)
        versions.append(db.user_version(conn))
        conn.close()
    return versions[0], versions[1]


def _today() -> tuple[int, int]:
    return len(db.migration_files("catalogue")), len(db.migration_files("userdata"))


def _gaps(kept: list[tuple[int, int]], today: tuple[int, int]) -> list[str]:
    """The steps of the chain (1, 1), ..., today that do not add exactly one migration."""
    chain = sorted(kept)
    gaps = [] if chain[:1] == [(1, 1)] else [f"no fixture of (1, 1) before {chain[:1]}"]
    for before, after in zip(chain, [*chain[1:], today], strict=True):
        steps = (after[0] - before[0], after[1] - before[1])
        if steps not in ((1, 0), (0, 1)):
            gaps.append(f"{before} -> {after}")
    return gaps


def test_the_chain_check_sees_a_missing_state() -> None:
    kept = [(1, 1), (2, 1), (2, 2)]
    assert _gaps(kept, (3, 2)) == []
    assert _gaps(kept, (4, 2)) == ["(2, 2) -> (4, 2)"]  # a catalogue migration, no fixture
    assert _gaps(kept, (2, 3)) == []
    assert _gaps(kept, (3, 3)) == ["(2, 2) -> (3, 3)"]  # no fixture of (3, 2) or (2, 3)
    assert _gaps([(1, 1), (2, 2)], (3, 2)) == ["(1, 1) -> (2, 2)"]
    assert _gaps([(2, 1)], (3, 1)) == ["no fixture of (1, 1) before [(2, 1)]"]
    assert _gaps(kept, (2, 2)) == ["(2, 2) -> (2, 2)"]  # today's own state is no fixture


def test_every_earlier_schema_version_has_a_fixture() -> None:
    """A new catalogue or userdata migration needs a fixture of the state just before it
    (scripts/make_upgrade_fixtures.py makes it from the commit before the migration)."""
    assert _gaps([_schemas(name) for name in VERSIONS], _today()) == []


@pytest.mark.parametrize("name", VERSIONS)
def test_a_fixture_holds_the_versions_its_name_says(name: str, paths: DataPaths) -> None:
    assert _installed(name, paths) == _schemas(name)


@pytest.mark.parametrize("name", VERSIONS)
def test_an_earlier_catalogue_upgrades_and_keeps_its_content(name: str, paths: DataPaths) -> None:
    old, _ = _installed(name, paths)
    assert old < len(db.migration_files("catalogue"))
    conn = catalogue.open_catalogue(paths)
    try:
        assert db.user_version(conn) == len(db.migration_files("catalogue"))
        assert catalogue.installed_version(conn) > 0
        entry = queries.detail(conn, "principals", "oxelosund")
        assert entry is not None and entry.title == "Oxelösunds kommun"
        found = search(conn, "Oxelösund")
        assert "oxelosund" in list(found.hits["principals"])
    finally:
        conn.close()
    backups = list(paths.root.glob("catalogue.before-v*.db"))
    assert len(backups) == 1
    kept = sqlite3.connect(backups[0])
    try:
        assert db.user_version(kept) == old  # the file as it was, before the migration
    finally:
        kept.close()


@pytest.mark.parametrize("name", VERSIONS)
def test_the_users_own_data_survives_the_upgrade(name: str, paths: DataPaths) -> None:
    _installed(name, paths)
    user = UserData(paths.userdata)
    try:
        assert db.user_version(user.conn) == len(db.migration_files("userdata"))
        assert user.is_favourite("principals", "oxelosund")
        note = user.note("principals", "oxelosund")
        assert note is not None
        assert note.text == "Ring Anna före mötet i mars.\nRad två: å, ä, ö."
        assert note.entity_name == "Oxelösunds kommun"
        assert user.setting("fixture") == "kept"
    finally:
        user.close()


@pytest.mark.parametrize("name", VERSIONS)
def test_an_upgraded_catalogue_takes_the_next_import(name: str, paths: DataPaths) -> None:
    """After the upgrade the ordinary import path works on the file (here: the bundled export
    again, which is refused as the same version or accepted; never an error of the schema)."""
    _installed(name, paths)
    conn = catalogue.open_catalogue(paths)
    try:
        trust = signing.trust_policy(config=signing.MachineConfig())
        with contextlib.suppress(ImportRefused):
            importer.import_file(conn, paths, catalogue.bundled_export(), trust, builtin=True)
        assert queries.detail(conn, "principals", "oxelosund") is not None
    finally:
        conn.close()


def test_a_newer_fixture_than_the_app_is_refused_and_kept(paths: DataPaths) -> None:
    _installed(VERSIONS[-1], paths)
    conn = sqlite3.connect(paths.catalogue)
    conn.execute(f"PRAGMA user_version = {len(db.migration_files('catalogue')) + 1}")
    conn.close()
    before = paths.catalogue.read_bytes()
    with pytest.raises(DatabaseError):
        catalogue.open_catalogue(paths)
    assert paths.catalogue.read_bytes() == before


def test_a_newer_user_data_file_than_the_app_is_refused_and_kept(paths: DataPaths) -> None:
    _installed(VERSIONS[-1], paths)
    conn = sqlite3.connect(paths.userdata)
    conn.execute(f"PRAGMA user_version = {len(db.migration_files('userdata')) + 1}")
    conn.close()
    before = paths.userdata.read_bytes()
    opened = {id(o) for o in gc.get_objects() if isinstance(o, sqlite3.Connection)}
    with pytest.raises(DatabaseError) as refused:
        UserData(paths.userdata)
    assert paths.userdata.read_bytes() == before
    # The refused file is not held open (on Windows an open file cannot be moved aside).
    left = [o for o in gc.get_objects()
            if isinstance(o, sqlite3.Connection) and id(o) not in opened]
    assert left, "the refused object's connection is still reachable from the traceback"
    for conn in left:
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")
    del refused


def test_schema_five_upgrades_to_six_with_the_content_intact_and_no_key_marks(
        paths: DataPaths, source: dict[str, Any], make_export: Callable[..., Path],
        trust: signing.TrustPolicy) -> None:
    """Version 6 adds the keys' high-water marks and the data checksum; the catalogue written
    at version 5 keeps every row, has no marks yet, and its next import records both."""
    old, _ = _installed("catalogue-5-userdata-2", paths)
    assert old == 5
    raw = sqlite3.connect(paths.catalogue)
    before = dump(raw)
    raw.close()
    conn = catalogue.open_catalogue(paths)
    try:
        assert db.user_version(conn) == 6
        after = dump(conn)
        assert after.pop("key_high_water") == []
        assert after == before
        assert importer.installed_data_sha256(conn) == ""
        # The same version with the same content is still a no-op without a checksum to go on;
        # with other content it is refused, the documents compared instead.
        assert not importer.import_file(conn, paths, make_export(source, version=1),
                                        trust).applied
        changed, _facts = version_two(source)
        with pytest.raises(ImportRefused) as refused:
            importer.import_file(conn, paths, make_export(changed, version=1), trust)
        assert refused.value.code == "same_version_changed"
        assert dump(conn) == {**before, "key_high_water": []}
        result = importer.import_file(conn, paths, make_export(changed, version=2), trust)
        assert result.applied
        [signer] = trust.keys
        assert importer.key_marks(conn) == {signer: 2}
        assert importer.installed_data_sha256(conn)
    finally:
        conn.close()
    user = UserData(paths.userdata)
    try:
        assert user.is_favourite("principals", "oxelosund")
        assert user.setting("fixture") == "kept"
    finally:
        user.close()
