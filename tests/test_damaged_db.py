"""A damaged catalogue or user database at start (issue 17 item 2): found off the GUI thread by
load_context, set aside with its bytes intact, never silently replaced, and recoverable from the
last good copy or by starting anew. The command line reports it too."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from damage import HOWS, damage_file
from dbdump import content_dump, version_two
from tfbb_desktop.core.messages import msg
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import queries, recovery
from tfbb_desktop.core.store.db import DatabaseError
from tfbb_desktop.core.store.health import DamagedDatabase, damage, damaged_copies
from tfbb_desktop.core.sync import importer, signing
from tfbb_desktop.ui.context import AppContext, load_context

KINDS = ("catalogue", "userdata")


def _file(paths: DataPaths, kind: str) -> Path:
    return paths.catalogue if kind == "catalogue" else paths.userdata


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _start(paths: DataPaths) -> AppContext:
    """A start that writes a note and closes (which keeps a backup of the user's data)."""
    ctx = load_context(paths)
    ctx.userdata.set_note("principals", "region-sormland", "Ring Anna om mötet", "Region")
    ctx.userdata.set_favourite("contacts", "kp-jennie-nimborg", True)
    ctx.close()
    return ctx


def test_a_sound_file_passes_and_a_missing_one_is_a_first_start(paths: DataPaths) -> None:
    assert damage(paths.catalogue) is None  # missing: nothing to report
    _start(paths)
    assert damage(paths.catalogue) is None
    assert damage(paths.userdata) is None


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("kind", KINDS)
def test_damage_is_found_and_the_file_set_aside(paths: DataPaths, kind: str, how: str) -> None:
    _start(paths)
    target = _file(paths, kind)
    damage_file(target, how)
    damaged = _digest(target)
    with pytest.raises(DamagedDatabase) as caught:
        load_context(paths)
    exc = caught.value
    assert exc.kind == kind
    assert exc.reason == {"zero_bytes": "empty", "not_sqlite": "not_sqlite"}.get(how, "corrupt")
    assert exc.moved_to is not None and exc.moved_to.name.startswith(
        f"{target.stem}.damaged-") and exc.moved_to.suffix == ".db"
    assert _digest(exc.moved_to) == damaged, "the damaged file is kept, byte for byte"
    assert not target.exists()
    assert str(exc.moved_to) in str(exc)
    # Until the user chooses, every start says so again: no empty file takes its place.
    with pytest.raises(DamagedDatabase) as again:
        load_context(paths)
    assert again.value.reason == "set_aside" and again.value.moved_to == exc.moved_to
    assert not target.exists()
    assert damaged_copies(target) == [exc.moved_to]


def test_the_catalogue_is_restored_from_the_last_good_copy(
        paths: DataPaths, make_export: Callable[..., Path], source: dict[str, Any],
        trust: signing.TrustPolicy) -> None:
    _start(paths)
    conn = sqlite3.connect(paths.catalogue)
    before = content_dump(conn)
    conn.close()
    v2, _facts = version_two(source)
    ctx = load_context(paths)
    importer.import_file(ctx.conn, paths, make_export(v2, version=2), trust)
    ctx.close()
    copy = paths.catalogue_backups()[0]
    copy_digest = _digest(copy)
    damage_file(paths.catalogue, "overwritten_pages")
    with pytest.raises(DamagedDatabase) as caught:
        load_context(paths)
    assert caught.value.backup == copy
    assert recovery.restore(paths, "catalogue") == copy
    ctx = load_context(paths)
    try:
        assert content_dump(ctx.conn) == before
        assert ctx.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert ctx.userdata.note("principals", "region-sormland") is not None
    finally:
        ctx.close()
    assert _digest(copy) == copy_digest, "the copy itself is left as it was"


def test_a_damaged_copy_is_not_offered(paths: DataPaths, make_export: Callable[..., Path],
                                       source: dict[str, Any],
                                       trust: signing.TrustPolicy) -> None:
    _start(paths)
    ctx = load_context(paths)
    importer.import_file(ctx.conn, paths, make_export(version_two(source)[0], version=2), trust)
    ctx.close()
    damage_file(paths.catalogue_backups()[0], "truncated")
    damage_file(paths.catalogue, "zero_bytes")
    with pytest.raises(DamagedDatabase) as caught:
        load_context(paths)
    assert caught.value.backup is None
    with pytest.raises(DatabaseError) as refused:  # no copy: said so, nothing is written
        recovery.restore(paths, "catalogue")
    assert refused.value.args[0] == msg("db.no_copy.catalogue")
    assert not paths.catalogue.exists()


def test_the_catalogue_begins_anew_from_the_bundled_export(paths: DataPaths) -> None:
    _start(paths)
    damage_file(paths.catalogue, "not_sqlite")
    with pytest.raises(DamagedDatabase):
        load_context(paths)
    recovery.start_anew(paths, "catalogue")
    ctx = load_context(paths)
    try:
        assert ctx.first_import is not None and ctx.first_import.applied
        assert queries.counts(ctx.conn)["principals"] >= 12
        assert ctx.userdata.note("principals", "region-sormland") is not None
    finally:
        ctx.close()


def test_the_users_data_is_restored_from_its_backup(paths: DataPaths) -> None:
    _start(paths)
    notes = load_context(paths)
    expected = notes.userdata.snapshot()
    notes.close()
    assert recovery.copies(paths, "userdata"), "a start keeps a backup of the user's data"
    damage_file(paths.userdata, "overwritten_pages")
    with pytest.raises(DamagedDatabase) as caught:
        load_context(paths)
    assert caught.value.kind == "userdata" and caught.value.backup is not None
    recovery.restore(paths, "userdata")
    ctx = load_context(paths)
    try:
        assert ctx.userdata.snapshot() == expected
    finally:
        ctx.close()


def test_a_damaged_file_that_could_not_be_set_aside_is_set_aside_by_the_choice(
        paths: DataPaths) -> None:
    """At start the damaged file could not be moved (another program had it open); the
    user's choice sets it aside then, instead of failing or doing nothing."""
    _start(paths)
    notes = load_context(paths)
    expected = notes.userdata.snapshot()
    notes.close()
    for kind, place in (("userdata", paths.userdata), ("catalogue", paths.catalogue)):
        damage_file(place, "overwritten_pages")
        kept = place.read_bytes()
        before = damaged_copies(place)
        if kind == "userdata":
            recovery.restore(paths, kind)
        else:
            recovery.start_anew(paths, kind)
        (aside,) = set(damaged_copies(place)) - set(before)
        assert aside.read_bytes() == kept
    ctx = load_context(paths)
    try:
        assert ctx.userdata.snapshot() == expected
        assert queries.counts(ctx.conn)["principals"] >= 12
    finally:
        ctx.close()
    # A sound file in its place is never replaced.
    with pytest.raises(DatabaseError):
        recovery.restore(paths, "userdata")
    sound = paths.catalogue.read_bytes()
    recovery.start_anew(paths, "catalogue")
    assert paths.catalogue.read_bytes() == sound


def test_the_users_data_is_never_replaced_by_an_empty_one_unasked(paths: DataPaths) -> None:
    _start(paths)
    for copy in recovery.copies(paths, "userdata"):
        copy.unlink()
    damage_file(paths.userdata, "truncated")
    with pytest.raises(DamagedDatabase) as caught:
        load_context(paths)
    assert caught.value.backup is None
    with pytest.raises(DamagedDatabase):
        load_context(paths)
    recovery.start_anew(paths, "userdata")  # the user's own choice
    ctx = load_context(paths)
    try:
        assert ctx.userdata.notes() == []
    finally:
        ctx.close()
    assert len(damaged_copies(paths.userdata)) == 1, "the damaged file is still kept"


def test_only_the_newest_backups_of_the_users_data_are_kept(paths: DataPaths) -> None:
    from datetime import datetime, timedelta

    ctx = load_context(paths)
    start = datetime(2026, 12, 1, 8, 0, 0)
    try:
        for minute in range(recovery.KEEP_USERDATA_BACKUPS + 3):
            recovery.backup_userdata(ctx.userdata.conn, paths, start + timedelta(minutes=minute))
    finally:
        ctx.close()
    kept = recovery.copies(paths, "userdata")
    assert len(kept) == recovery.KEEP_USERDATA_BACKUPS
    assert all(damage(copy) is None for copy in kept)


@pytest.mark.parametrize("how", ["truncated", "truncated_at_a_page", "zero_bytes", "not_sqlite"])
def test_the_structural_check_of_a_large_file_finds_a_cut_or_foreign_file(
        paths: DataPaths, how: str) -> None:
    """Above FULL_CHECK_UP_TO only the header and the schema are checked: a cut file (also cut
    at a page boundary), an empty one and a foreign one are still found."""
    _start(paths)
    if how == "truncated_at_a_page":
        data = paths.catalogue.read_bytes()
        paths.catalogue.write_bytes(data[: len(data) // 2 // 4096 * 4096])
    else:
        damage_file(paths.catalogue, how)
    assert damage(paths.catalogue, full_check_up_to=0) is not None


def test_the_structural_check_passes_a_sound_file(paths: DataPaths) -> None:
    _start(paths)
    assert damage(paths.catalogue, full_check_up_to=0) is None
    assert damage(paths.userdata, full_check_up_to=0) is None


def test_a_checkpoint_cut_short_is_not_damage(tmp_path: Path) -> None:
    """Killed during a WAL checkpoint: page 1 (with the new page count) is already in the main
    file, the rest of it is not, and the WAL still holds every page. SQLite reads the database
    whole, so it is sound and must not be set aside."""
    import os
    import shutil
    import struct

    live = tmp_path / "live" / "userdata.db"
    live.parent.mkdir()
    conn = sqlite3.connect(live, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for _ in range(200):
        conn.execute("INSERT INTO t VALUES (?)", (os.urandom(2000).hex(),))
    path = tmp_path / "userdata.db"  # the files as a kill leaves them, the writer still open
    shutil.copy(live, path)
    shutil.copy(f"{live}-wal", f"{path}-wal")
    conn.close()
    wal = Path(f"{path}-wal").read_bytes()
    page_size = struct.unpack(">I", wal[8:12])[0]
    page_one, offset = b"", 32
    while offset + 24 + page_size <= len(wal):
        if struct.unpack(">I", wal[offset:offset + 4])[0] == 1:
            page_one = wal[offset + 24:offset + 24 + page_size]
        offset += 24 + page_size
    assert page_one
    with path.open("r+b") as file:  # the checkpoint wrote page 1, then was killed
        file.write(page_one)
    assert damage(path, full_check_up_to=0) is None
    assert damage(path) is None
    check = sqlite3.connect(path)
    try:
        assert check.execute("SELECT count(*) FROM t").fetchone() == (200,)
    finally:
        check.close()


@pytest.mark.parametrize("choice", ["restore", "start_anew"])
def test_the_keys_marks_outlive_a_damaged_catalogue(
        paths: DataPaths, make_export: Callable[..., Path], source: dict[str, Any],
        trust: signing.TrustPolicy, choice: str) -> None:
    """Restoring an older copy or beginning anew keeps each key's highest mark found in the
    files still here, so an older export signed by that key is not taken again."""
    _start(paths)
    ctx = load_context(paths)
    for version in (2, 3, 4):
        importer.import_file(ctx.conn, paths, make_export(source, version=version), trust)
    ctx.close()
    damage_file(paths.catalogue, "not_sqlite")
    with pytest.raises(DamagedDatabase):
        load_context(paths)
    getattr(recovery, choice)(paths, "catalogue")
    ctx = load_context(paths)
    try:
        assert max(importer.key_marks(ctx.conn).values()) == 3  # the newest copy's mark
        with pytest.raises(importer.ImportRefused) as refused:
            importer.import_file(ctx.conn, paths, make_export(source, version=2), trust)
        assert refused.value.code in {"below_key_mark", "older"}
        if choice == "start_anew":  # the bundled catalogue came in all the same
            assert refused.value.code == "below_key_mark"
            assert queries.counts(ctx.conn)["principals"] >= 12
    finally:
        ctx.close()
