"""The migrations and the SQLModel tables agree; schema versions, newer databases, backups."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.dialects import sqlite as sqlite_dialect

from dbdump import dump
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import catalogue, db
from tfbb_desktop.core.store.schema import CATALOGUE_TABLES
from tfbb_desktop.core.store.userdata import UserData

USERDATA_TABLES = {"favourite", "note", "seen", "setting"}


def _expected_columns(model: Any) -> dict[str, tuple[str, int, int]]:
    """name -> (type, notnull, position in the primary key or 0), from the SQLModel table."""
    table = model.__table__
    pk = [c.name for c in table.primary_key.columns]
    dialect = sqlite_dialect.dialect()
    return {
        c.name: (c.type.compile(dialect=dialect).upper(), int(not c.nullable),
                 pk.index(c.name) + 1 if c.name in pk else 0)
        for c in table.columns
    }


def _actual_columns(conn: sqlite3.Connection, table: str) -> dict[str, tuple[str, int, int]]:
    return {name: (str(kind).upper(), int(notnull), int(pk))
            for _cid, name, kind, notnull, _default, pk
            in conn.execute(f'PRAGMA table_info("{table}")')}


def _expected_indexes(model: Any) -> dict[str, tuple[str, ...]]:
    return {str(index.name): tuple(c.name for c in index.columns)
            for index in model.__table__.indexes}


def _actual_indexes(conn: sqlite3.Connection, table: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for _seq, name, _unique, origin, _partial in conn.execute(f'PRAGMA index_list("{table}")'):
        if origin != "c":  # leave out the automatic indexes of primary keys
            continue
        cols = [r[2] for r in conn.execute(f'PRAGMA index_info("{name}")')]
        out[name] = tuple(cols)
    return out


@pytest.fixture
def fresh(paths: DataPaths) -> Any:
    conn = catalogue.open_catalogue(paths)
    yield conn
    conn.close()


def test_catalogue_tables_list_every_table_of_the_metadata() -> None:
    names = {m.__tablename__ for m in CATALOGUE_TABLES}
    assert len(names) == len(CATALOGUE_TABLES)
    assert {"principal", "contact", "example", "work", "import_log"} <= names


def test_every_catalogue_table_exists(fresh: sqlite3.Connection) -> None:
    present = {r[0] for r in fresh.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = {m.__tablename__ for m in CATALOGUE_TABLES} - present
    assert not missing


@pytest.mark.parametrize("model", CATALOGUE_TABLES, ids=lambda m: m.__tablename__)
def test_columns_and_primary_key_match_sqlmodel(fresh: sqlite3.Connection, model: Any) -> None:
    assert _actual_columns(fresh, model.__tablename__) == _expected_columns(model)


@pytest.mark.parametrize("model", CATALOGUE_TABLES, ids=lambda m: m.__tablename__)
def test_indexes_match_sqlmodel(fresh: sqlite3.Connection, model: Any) -> None:
    assert _actual_indexes(fresh, model.__tablename__) == _expected_indexes(model)


def test_import_log_seq_is_the_rowid(fresh: sqlite3.Connection) -> None:
    """import_log rows are written without ``seq``: it must number itself."""
    for _ in range(2):
        fresh.execute("INSERT INTO import_log (action, at, file_name, dataset_version, publisher,"
                      " counts) VALUES ('import', 'nu', 'f.zip', 1, 'p', '{}')")
    assert [r[0] for r in fresh.execute("SELECT seq FROM import_log ORDER BY seq")] == [1, 2]


def test_user_version_is_the_number_of_migrations(fresh: sqlite3.Connection) -> None:
    assert db.user_version(fresh) == len(db.migration_files("catalogue")) >= 1


def test_userdata_migrates(paths: DataPaths) -> None:
    userdata = UserData(paths.userdata)
    try:
        assert db.user_version(userdata.conn) == len(db.migration_files("userdata")) >= 1
        tables = {r[0] for r in userdata.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        assert tables >= USERDATA_TABLES
        userdata.set_note("principals", "flen", "Ring i maj", "Flens kommun")
    finally:
        userdata.close()
    again = UserData(paths.userdata)  # reopening an up-to-date file keeps its content
    try:
        note = again.note("principals", "flen")
        assert note is not None and note.text == "Ring i maj"
    finally:
        again.close()


def test_reopening_a_catalogue_keeps_it(paths: DataPaths) -> None:
    conn = catalogue.open_catalogue(paths)
    conn.execute("INSERT INTO catalogue_info VALUES ('probe', 'kvar')")
    conn.close()
    again = catalogue.open_catalogue(paths)
    try:
        assert again.execute("SELECT value FROM catalogue_info WHERE key='probe'").fetchone() == (
            "kvar",)
        assert not list(paths.root.glob("*.before-v*"))  # nothing to migrate, so no copy
    finally:
        again.close()


# A database newer than the app --------------------------------------------------------------

def _newer_database(path: Path, journal_mode: str) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal_mode}")
    conn.execute("CREATE TABLE from_the_future (x TEXT)")
    conn.execute("INSERT INTO from_the_future VALUES ('framtid')")
    conn.commit()
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    return path.read_bytes()


def _open_catalogue(paths: DataPaths) -> None:
    conn = catalogue.open_catalogue(paths)
    conn.close()  # pragma: no cover - only reached if the newer file is wrongly accepted


def _open_userdata(paths: DataPaths) -> None:
    UserData(paths.userdata).close()  # pragma: no cover - likewise


# "delete": a rollback-journal file, e.g. one of the app's backup copies put back by hand;
# "wal": a file as the app itself leaves it.
@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
@pytest.mark.parametrize("kind", ["catalogue", "userdata"])
def test_newer_database_is_refused_and_left_untouched(paths: DataPaths, kind: str,
                                                      journal_mode: str) -> None:
    path = paths.catalogue if kind == "catalogue" else paths.userdata
    before = _newer_database(path, journal_mode)
    opener = _open_catalogue if kind == "catalogue" else _open_userdata
    with pytest.raises(db.NewerDatabaseError) as caught:
        opener(paths)
    message = str(caught.value)  # English: no translation is loaded here
    assert "Update the app" in message
    assert "99" in message
    assert path.read_bytes() == before, "the refused database file was changed"
    check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert db.user_version(check) == 99
    finally:
        check.close()


# Migrating an older database -----------------------------------------------------------------

def test_migrating_an_existing_database_makes_a_backup(paths: DataPaths) -> None:
    files = db.migration_files("catalogue")
    if len(files) < 2:
        pytest.skip("only one catalogue migration exists, so no database can be older than the "
                    "app yet; see test_migration_backup_with_a_second_migration")
    conn = sqlite3.connect(paths.catalogue)
    for statement in db._statements(files[0].read_text(encoding="utf-8")):
        conn.execute(statement)
    conn.execute("INSERT INTO catalogue_info VALUES ('probe', 'v1')")
    conn.commit()
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    before = paths.catalogue.read_bytes()
    migrated = catalogue.open_catalogue(paths)
    try:
        assert db.user_version(migrated) == len(files)
    finally:
        migrated.close()
    copies = list(paths.root.glob("catalogue.before-v*.db"))
    assert len(copies) == 1
    assert copies[0].read_bytes() == before or _same_content(copies[0], before)


def _same_content(copy: Path, original: bytes) -> bool:
    probe = copy.with_name("original-probe.db")
    probe.write_bytes(original)
    a, b = sqlite3.connect(copy), sqlite3.connect(probe)
    try:
        return bool(dump(a) == dump(b) and db.user_version(a) == db.user_version(b))
    finally:
        a.close()
        b.close()


@pytest.fixture
def two_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A migrations folder holding the real catalogue migrations plus one more."""
    folder = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, folder)
    count = len(db.migration_files("catalogue"))
    extra = folder / f"catalogue_{count + 1:03d}.sql"
    extra.write_text("-- a test migration\nCREATE TABLE test_extra (x INTEGER NOT NULL);\n"
                     "INSERT INTO test_extra VALUES (7);\n", encoding="utf-8")
    monkeypatch.setattr(db, "MIGRATIONS_DIR", folder)
    return extra


def _at_current_version(paths: DataPaths) -> int:
    conn = catalogue.open_catalogue(paths)
    try:
        conn.execute("INSERT INTO catalogue_info VALUES ('probe', 'gammal')")
        return db.user_version(conn)
    finally:
        conn.close()


def test_migration_backup_with_a_second_migration(paths: DataPaths,
                                                  two_migrations: Path) -> None:
    """db.migrate on a database one version behind: a copy beside it, then the new version."""
    real_count = len(db.migration_files("catalogue")) - 1
    shutil.move(two_migrations, two_migrations.with_suffix(".hold"))
    old_version = _at_current_version(paths)
    shutil.move(two_migrations.with_suffix(".hold"), two_migrations)
    assert old_version == real_count

    conn = catalogue.open_catalogue(paths)
    try:
        assert db.user_version(conn) == real_count + 1
        assert conn.execute("SELECT x FROM test_extra").fetchall() == [(7,)]
        assert conn.execute("SELECT value FROM catalogue_info WHERE key='probe'").fetchone() == (
            "gammal",)
    finally:
        conn.close()
    copy = paths.root / f"catalogue.before-v{real_count + 1}.db"
    assert copy.is_file()
    saved = sqlite3.connect(copy)
    try:
        assert db.user_version(saved) == real_count
        assert saved.execute("SELECT value FROM catalogue_info WHERE key='probe'").fetchone() == (
            "gammal",)
        assert "test_extra" not in {r[0] for r in saved.execute(
            "SELECT name FROM sqlite_master")}
    finally:
        saved.close()


def test_a_failing_migration_changes_nothing(paths: DataPaths, two_migrations: Path) -> None:
    real_count = len(db.migration_files("catalogue")) - 1
    good = two_migrations.read_text(encoding="utf-8")
    two_migrations.write_text("CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;\n",
                              encoding="utf-8")
    shutil.move(two_migrations, two_migrations.with_suffix(".hold"))
    _at_current_version(paths)
    shutil.move(two_migrations.with_suffix(".hold"), two_migrations)
    with pytest.raises(sqlite3.Error):
        catalogue.open_catalogue(paths)
    conn = sqlite3.connect(paths.catalogue)
    try:
        assert db.user_version(conn) == real_count
        assert "half_done" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert good  # the fixture's own migration was valid; only this test broke it


def test_a_migration_with_a_trigger_runs(paths: DataPaths, two_migrations: Path) -> None:
    """A later migration (e.g. full-text search) will need triggers, whose bodies hold ';'."""
    two_migrations.write_text(
        "CREATE TABLE test_audit (id VARCHAR NOT NULL);\n"
        "CREATE TRIGGER test_principal_added AFTER INSERT ON principal BEGIN\n"
        "  INSERT INTO test_audit (id) VALUES (new.id);\n"
        "END;\n",
        encoding="utf-8",
    )
    conn = catalogue.open_catalogue(paths)
    try:
        conn.execute("INSERT INTO principal VALUES ('p', 'P', 'kommun', '', '', NULL, 'p', '{}')")
        assert conn.execute("SELECT id FROM test_audit").fetchall() == [("p",)]
    finally:
        conn.close()
