"""Undo of the last import: the catalogue exactly as before it, the user's data untouched."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dbdump import content_dump, dump, version_two, without_info
from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import db
from tfbb_desktop.core.store.userdata import UserData
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync import importer
from tfbb_desktop.core.sync.signing import TrustPolicy

MakeExport = Callable[..., Path]


@pytest.fixture
def userdata(paths: DataPaths) -> Iterator[UserData]:
    data = UserData(paths.userdata)
    data.set_favourite("principals", "gnesta", True)
    data.set_note("principals", "trosa", "Fråga om workshop", "Trosa kommun")
    yield data
    data.close()


def _log(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return conn.execute("SELECT action, dataset_version FROM import_log ORDER BY seq").fetchall()


def test_undo_restores_the_catalogue_exactly(catalogue_conn: sqlite3.Connection,
                                             paths: DataPaths, source: dict[str, Any],
                                             make_export: MakeExport, trust: TrustPolicy,
                                             userdata: UserData) -> None:
    conn = catalogue_conn
    after_v1 = content_dump(conn)

    new_source, facts = version_two(source)
    importer.import_file(conn, paths, make_export(new_source, version=2), trust)
    assert content_dump(conn) != after_v1
    assert conn.execute("SELECT COUNT(*) FROM change_mark").fetchone() == (2,)
    userdata.set_note("examples", facts["removed_example"], "Skriven under version 2",
                      facts["removed_example_title"])
    notes_before = userdata.snapshot()

    result = importer.undo_last_import(conn, paths)
    assert result.applied
    assert (result.previous_version, result.dataset_version) == (2, 1)
    assert str(result.message) == "The catalogue is restored to version 1."
    assert content_dump(conn) == after_v1
    assert userdata.snapshot() == notes_before
    assert _log(conn)[-1] == ("undo", 1)
    assert paths.catalogue_backups() == []
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_undo_keeps_the_import_history(catalogue_conn: sqlite3.Connection, paths: DataPaths,
                                       source: dict[str, Any], make_export: MakeExport,
                                       trust: TrustPolicy) -> None:
    """The history is a log: the undone import stays in it, followed by the undo."""
    importer.import_file(catalogue_conn, paths, make_export(source, version=2), trust)
    importer.undo_last_import(catalogue_conn, paths)
    assert _log(catalogue_conn) == [("import", 1), ("import", 2), ("undo", 1)]


def test_undo_is_seen_by_other_open_connections(catalogue_conn: sqlite3.Connection,
                                                paths: DataPaths, source: dict[str, Any],
                                                make_export: MakeExport,
                                                trust: TrustPolicy) -> None:
    """The views keep their own connection open while the catalogue is restored."""
    after_v1 = content_dump(catalogue_conn)
    importer.import_file(catalogue_conn, paths, make_export(version_two(source)[0], version=2),
                         trust)
    reader = db.open_sqlite(paths.catalogue)
    try:
        assert importer.current_version(reader) == 2
        importer.undo_last_import(catalogue_conn, paths)
        assert importer.current_version(reader) == 1
        assert content_dump(reader) == after_v1
    finally:
        reader.close()


def test_undo_twice_goes_back_two_imports(catalogue_conn: sqlite3.Connection, paths: DataPaths,
                                          source: dict[str, Any], make_export: MakeExport,
                                          trust: TrustPolicy, userdata: UserData) -> None:
    conn = catalogue_conn
    after_v1 = content_dump(conn)
    v2_source, _facts = version_two(source)
    importer.import_file(conn, paths, make_export(v2_source, version=2), trust)
    after_v2 = content_dump(conn)
    v2_source["data"]["principals"][0]["name"] = "Region Sörmland (version 3)"
    importer.import_file(conn, paths, make_export(v2_source, version=3), trust)
    notes = userdata.snapshot()

    assert importer.undo_last_import(conn, paths).dataset_version == 2
    assert content_dump(conn) == after_v2
    assert importer.undo_last_import(conn, paths).dataset_version == 1
    assert content_dump(conn) == after_v1
    with pytest.raises(ImportRefused) as caught:
        importer.undo_last_import(conn, paths)
    assert caught.value.code == "no_backup"
    assert content_dump(conn) == after_v1
    assert userdata.snapshot() == notes


def test_import_again_after_undo(catalogue_conn: sqlite3.Connection, paths: DataPaths,
                                 source: dict[str, Any], make_export: MakeExport,
                                 trust: TrustPolicy) -> None:
    export = make_export(version_two(source)[0], version=2)
    importer.import_file(catalogue_conn, paths, export, trust)
    first = without_info(content_dump(catalogue_conn), "imported_at")
    importer.undo_last_import(catalogue_conn, paths)
    result = importer.import_file(catalogue_conn, paths, export, trust)
    assert result.applied and str(result.message) == "The catalogue is updated to version 2."
    # The same changes as the first time: 1 new, 1 changed, 1 removed.
    assert [sum(result.counts[t][kind] for t in fmt.ENTITY_TYPES)
            for kind in ("added", "changed", "removed")] == [1, 1, 1]
    assert without_info(content_dump(catalogue_conn), "imported_at") == first


def test_undo_without_a_backup_is_refused(catalogue_conn: sqlite3.Connection,
                                          paths: DataPaths, userdata: UserData,
                                          sv: Callable[[Any], str]) -> None:
    before = dump(catalogue_conn)
    notes = userdata.snapshot()
    with pytest.raises(ImportRefused) as caught:
        importer.undo_last_import(catalogue_conn, paths)
    assert caught.value.code == "no_backup"
    assert sv(caught.value) == ("Den senaste importen kan inte ångras: det finns ingen tidigare "
                                "katalog att gå tillbaka till.")  # of the undo, not an export
    assert dump(catalogue_conn) == before
    assert userdata.snapshot() == notes


def test_a_pending_backup_of_a_committed_import_is_kept_for_undo(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        make_export: MakeExport, trust: TrustPolicy) -> None:
    """A process that died between the import's commit and the renaming of its backup left a
    pending copy: the catalogue has the import's version, so that copy is the way back."""
    conn = catalogue_conn
    after_v1 = content_dump(conn)
    new_source, _ = version_two(source)
    importer.import_file(conn, paths, make_export(new_source, version=2), trust)
    [kept] = paths.catalogue_backups()
    pending = kept.with_name(kept.name + ".to-v2.pending")
    kept.rename(pending)  # as if the process had died just after COMMIT
    (paths.backups / "catalogue-20260101T000000000000-v1.db.part").write_bytes(b"half")
    assert paths.catalogue_backups() == []

    result = importer.undo_last_import(conn, paths)
    assert (result.previous_version, result.dataset_version) == (2, 1)
    assert content_dump(conn) == after_v1
    assert list(paths.backups.iterdir()) == []


def test_a_pending_backup_of_an_import_that_changed_nothing_is_dropped(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        make_export: MakeExport, trust: TrustPolicy) -> None:
    conn = catalogue_conn
    stray = importer.make_backup(conn, paths, 1, pending_version=2)  # its import died
    new_source, _ = version_two(source)
    importer.import_file(conn, paths, make_export(new_source, version=2), trust)
    assert not stray.exists()
    assert len(paths.catalogue_backups()) == 1
    assert not list(paths.backups.glob("*.pending"))


def _as_schema_two(backup: Path) -> None:
    """Turn a backup into one made by the app at schema version 2 (the first search index):
    what an update of the app finds in backups/."""
    conn = sqlite3.connect(str(backup))
    conn.execute("DROP VIEW search_source")
    for table in ("key_high_water", "search_terms", "search_exact_terms", "search_text",
                  "search_exact", "search_parts", "search_entry", "search_facet",
                  "search_info"):
        conn.execute(f"DROP TABLE {table}")
    script = (db.MIGRATIONS_DIR / "catalogue_002.sql").read_text(encoding="utf-8")
    for statement in db._statements(script):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def test_a_backup_from_an_older_version_of_the_app_is_restored(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        make_export: MakeExport, trust: TrustPolicy) -> None:
    conn = catalogue_conn
    after_v1 = content_dump(conn)
    new_source, _ = version_two(source)
    importer.import_file(conn, paths, make_export(new_source, version=2), trust)
    [kept] = paths.catalogue_backups()
    _as_schema_two(kept)

    result = importer.undo_last_import(conn, paths)
    assert (result.previous_version, result.dataset_version) == (2, 1)
    assert content_dump(conn) == after_v1
    assert list(paths.backups.iterdir()) == []
    assert list(paths.incoming.iterdir()) == []  # the migrated copy is gone


def test_a_backup_from_a_newer_version_of_the_app_is_refused(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        make_export: MakeExport, trust: TrustPolicy) -> None:
    conn = catalogue_conn
    new_source, _ = version_two(source)
    importer.import_file(conn, paths, make_export(new_source, version=2), trust)
    before = dump(conn)
    [kept] = paths.catalogue_backups()
    newer = sqlite3.connect(str(kept))
    newer.execute("PRAGMA user_version = 99")
    newer.commit()
    newer.close()
    with pytest.raises(ImportRefused) as refused:
        importer.undo_last_import(conn, paths)
    assert refused.value.code == "backup_schema"
    assert dump(conn) == before
    assert paths.catalogue_backups() == [kept]


def test_a_backup_that_cannot_be_renamed_does_not_fail_the_import(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        make_export: MakeExport, trust: TrustPolicy, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a file just written is often held for a moment (antivirus, indexer): the
    import is committed all the same, and the pending copy is settled by the next call."""
    conn = catalogue_conn
    after_v1 = content_dump(conn)

    replace = Path.replace

    def held(self: Path, target: Any) -> Path:
        if self.name.endswith(".pending"):
            raise PermissionError(13, "held by another process", str(self))
        return replace(self, target)

    new_source, _ = version_two(source)
    export = make_export(new_source, version=2)
    with monkeypatch.context() as patched:
        patched.setattr(Path, "replace", held)
        result = importer.import_file(conn, paths, export, trust)
    assert result.applied and result.dataset_version == 2
    assert paths.catalogue_backups() == []
    assert len(list(paths.backups.glob("*.pending"))) == 1

    undone = importer.undo_last_import(conn, paths)  # settles the pending copy first
    assert undone.dataset_version == 1
    assert content_dump(conn) == after_v1


def test_an_undo_is_offered_for_a_backup_or_an_import_copy_not_yet_made_one(
        paths: DataPaths) -> None:
    paths.ensure()
    assert not paths.may_undo()
    pending = paths.backups / "catalogue-v1-20261207T120000Z.db.to-v2.pending"
    pending.write_bytes(b"")  # an import committed, then the app died before keeping it
    assert paths.may_undo()
    pending.rename(paths.backups / "catalogue-v1-20261207T120000Z.db")
    assert paths.may_undo() and len(paths.catalogue_backups()) == 1
