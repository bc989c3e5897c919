"""The import pipeline on real export files: first start, no-ops, change sets, user data,
import history and backups."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dbdump import CONTENT_TABLES, dump, version_two, without_info
from tfbb_desktop.core.errors import ImportCancelled
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.sorting import sort_key
from tfbb_desktop.core.store import catalogue, queries
from tfbb_desktop.core.store.userdata import UserData
from tfbb_desktop.core.sync import changes, importer, preview
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.apply import RELATION_FIELDS
from tfbb_desktop.core.sync.signing import TrustPolicy

MakeExport = Callable[..., Path]
ENTRY_TABLES = tuple(t for t in CONTENT_TABLES
                     if t not in ("catalogue_info", "change_mark", "removed_entry"))


@pytest.fixture
def userdata(paths: DataPaths) -> Iterator[UserData]:
    data = UserData(paths.userdata)
    yield data
    data.close()


def _log(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return conn.execute("SELECT action, file_name, dataset_version FROM import_log "
                        "ORDER BY seq").fetchall()


def _fresh_import(tmp_path: Path, export: Path, trust: TrustPolicy) -> dict[str, Any]:
    """The dump of a new, empty catalogue after importing ``export``."""
    other = DataPaths(tmp_path / "fresh-data")
    conn = catalogue.open_catalogue(other)
    try:
        importer.import_file(conn, other, export, trust)
        return dump(conn, only=(*ENTRY_TABLES, "catalogue_info"))
    finally:
        conn.close()


# First start -------------------------------------------------------------------------------

def test_first_start_imports_the_bundled_catalogue(paths: DataPaths) -> None:
    conn = catalogue.open_catalogue(paths)
    try:
        result = catalogue.ensure_content(conn, paths, TrustPolicy())
        assert result is not None and result.applied
        assert result.previous_version == 0
        assert result.dataset_version == 1
        assert result.counts["principals"]["added"] >= 12
        assert result.counts["contacts"]["added"] == 11
        counts = queries.counts(conn)
        assert counts["principals"] >= 12
        assert counts["contacts"] == 11
        meta = queries.meta(conn)
        assert meta is not None and meta.dataset_version == 1
        assert meta.file_name == catalogue.BUNDLED_NAME
        # the first catalogue marks nothing as new and keeps no backup of the empty one
        assert conn.execute("SELECT COUNT(*) FROM change_mark").fetchone() == (0,)
        assert paths.catalogue_backups() == []
        # the second start imports nothing
        assert catalogue.ensure_content(conn, paths, TrustPolicy()) is None
        assert len(_log(conn)) == 1
    finally:
        conn.close()


def test_content_matches_the_source(catalogue_conn: sqlite3.Connection,
                                    source: dict[str, Any]) -> None:
    conn, data = catalogue_conn, source["data"]
    names = dict(conn.execute("SELECT id, name FROM principal").fetchall())
    assert names == {p["id"]: p["name"] for p in data["principals"]}
    contacts = conn.execute("SELECT id, name, title, principal_id FROM contact").fetchall()
    assert sorted(contacts) == sorted((c["id"], c["name"], c.get("title", ""), c["principal"])
                                      for c in data["contacts"])
    examples = dict(conn.execute("SELECT id, title FROM example").fetchall())
    assert examples == {e["id"]: e["title"] for e in data["examples"]}
    assert conn.execute("SELECT COUNT(*) FROM work").fetchone() == (len(data["work"]),)

    def relation(name: str) -> list[tuple[str, str, int]]:
        return sorted(conn.execute("SELECT source_id, target_id, position FROM relation "
                                   "WHERE relation = ?", (name,)).fetchall())

    def expected(records: list[dict[str, Any]], field: str) -> list[tuple[str, str, int]]:
        return sorted((r["id"], target, pos) for r in records
                      for pos, target in enumerate(r.get(field, [])))

    assert relation("example.principals") == expected(data["examples"], "principals")
    assert relation("example.principals"), "the source links at least one example to a principal"
    assert relation("contact.roles") == expected(data["contacts"], "roles")
    assert relation("work.contacts") == expected(data["work"], "contacts")
    assert relation("work.components") == expected(data["work"], "components")
    assert relation("example.tags") == expected(data["examples"], "tags")

    statuses = conn.execute("SELECT principal_id, component_id, status FROM "
                            "component_status").fetchall()
    assert len(statuses) == len(data["component_status"]) == 70
    assert sorted(statuses) == sorted((s["principal"], s["component"], s["status"])
                                      for s in data["component_status"])
    terms = conn.execute("SELECT vocabulary, id, label, sort_order FROM vocab_term").fetchall()
    assert sorted(terms) == sorted((v, t["id"], t["label"], t.get("order", 0))
                                   for v, ts in data["vocabularies"].items() for t in ts)


def _expected_rows(data: fmt.CatalogueData) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the entry tables, made straight from the validated models."""
    def day(value: Any) -> Any:
        return value.isoformat() if value is not None else None

    def doc(model: Any) -> str:
        return changes.canonical(model)

    relations = [
        (relation, record.id, target, position)
        for (entity_type, field_name), relation in RELATION_FIELDS.items()
        for record in getattr(data, entity_type)
        for position, target in enumerate(getattr(record, field_name))
        if target not in getattr(record, field_name)[:position]
    ]
    return {
        "vocab_term": [(name, t.id, t.label, t.description, t.order, doc(t))
                       for name in fmt.VOCABULARIES for t in getattr(data.vocabularies, name)],
        "principal": [(p.id, p.name, p.kind, p.short_name, p.description, p.website,
                       sort_key(p.name), doc(p)) for p in data.principals],
        "contact": [(c.id, c.name, c.title, c.principal, c.unit, c.email, c.phone,
                     day(c.valid_until), c.note, sort_key(c.name), doc(c)) for c in data.contacts],
        "example": [(e.id, e.title, e.kind, e.summary, e.target_group, e.purpose, e.method,
                     e.results, e.lessons, e.source, day(e.date), sort_key(e.title), doc(e))
                    for e in data.examples],
        "work": [(w.id, w.title, w.kind, w.status, w.summary, day(w.start_date), day(w.end_date),
                  day(w.starts_at), day(w.ends_at), w.location, w.next_step, w.decision, w.risks,
                  w.source, sort_key(w.title), doc(w)) for w in data.work],
        "work_link": [(w.id, i, link.label, link.url) for w in data.work
                      for i, link in enumerate(w.links)],
        "component_status": [(s.principal, s.component, s.status, s.note, doc(s))
                             for s in data.component_status],
        "relation": relations,
    }


def test_every_column_holds_the_validated_value(tmp_path: Path, source: dict[str, Any],
                                                make_export: MakeExport,
                                                trust: TrustPolicy) -> None:
    data = source["data"]
    data["work"][0].update(starts_at="2025-11-07T12:00:00Z",
                           ends_at="2025-11-07T13:30:00.250+01:00",
                           start_date="2025-11-07", links=[
                               {"label": "Program", "url": "https://example.se/a?b=1"},
                               {"label": "Anmälan", "url": "https://example.se/anmal"}])
    role = data["vocabularies"]["roles"][0]["id"]
    data["contacts"][0].update(valid_until="2026-02-28", roles=[role, role])
    data["examples"][0]["tags"] = ["Ångest", "skol\"från\\varo 😀\u2028", "Ångest"]
    data["principals"][0].update(website="https://www.regionsormland.se/", short_name="RS")
    export = make_export(source, version=2)
    other = DataPaths(tmp_path / "fresh-data")
    conn = catalogue.open_catalogue(other)
    try:
        importer.import_file(conn, other, export, trust)
        expected = _expected_rows(fmt.CatalogueData.model_validate(data))
        for table, rows in expected.items():
            stored = conn.execute(f"SELECT * FROM {table}").fetchall()
            assert sorted(stored, key=repr) == sorted(rows, key=repr), table
    finally:
        conn.close()
    work = dict(zip(("starts_at", "ends_at"), expected["work"][0][7:9], strict=True))
    assert work == {"starts_at": "2025-11-07T12:00:00+00:00",
                    "ends_at": "2025-11-07T13:30:00.250000+01:00"}
    assert ("contact.roles", data["contacts"][0]["id"], role, 1) not in expected["relation"]


def test_the_preview_and_the_result_count_the_same_changes(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
        make_export: MakeExport, trust: TrustPolicy) -> None:
    """The dialog's heading and the message after the import count the same changes: entries
    and component statuses, not vocabulary terms (those have their own row)."""
    data = source["data"]
    statuses = [t["id"] for t in data["vocabularies"]["component_statuses"]]
    status = data["component_status"][0]
    status["status"] = next(s for s in statuses if s != status["status"])
    data["component_status"].pop()
    data["vocabularies"]["roles"][0]["label"] += " (ny benämning)"
    data["contacts"][0]["title"] = "Ny titel"
    prepared = importer.prepare(catalogue_conn, paths, make_export(source, version=2), trust)
    counts = prepared.change_set.counts()
    assert counts["component_status"] == {"added": 0, "changed": 1, "removed": 1}
    assert counts["vocabularies"]["changed"] == 1
    assert importer.totals(prepared.change_set) == (0, 2, 1)
    result = importer.commit(catalogue_conn, paths, prepared)
    assert result.counts == counts  # what the result's summary is made from
    assert str(result.message) == "The catalogue is updated to version 2."


def test_importing_the_same_export_twice_changes_nothing(catalogue_conn: sqlite3.Connection,
                                                         paths: DataPaths) -> None:
    before = dump(catalogue_conn, exclude=("import_log",))
    log_before = _log(catalogue_conn)
    result = importer.import_file(catalogue_conn, paths, catalogue.bundled_export(),
                                  TrustPolicy(), builtin=True)
    assert result.applied is False
    assert result.message == msg("import.noop", version=1)
    assert dump(catalogue_conn, exclude=("import_log",)) == before
    assert _log(catalogue_conn) == log_before
    assert paths.catalogue_backups() == []


def test_same_version_signed_export_is_a_no_op(catalogue_conn: sqlite3.Connection,
                                               paths: DataPaths, source: dict[str, Any],
                                               make_export: MakeExport,
                                               trust: TrustPolicy) -> None:
    before = dump(catalogue_conn)
    result = importer.import_file(catalogue_conn, paths, make_export(source, version=1), trust)
    assert result.applied is False
    assert str(result.message) == "The catalogue already has version 1. Nothing was changed."
    assert dump(catalogue_conn) == before


def test_dry_run_changes_nothing(catalogue_conn: sqlite3.Connection, paths: DataPaths,
                                 source: dict[str, Any], make_export: MakeExport,
                                 trust: TrustPolicy) -> None:
    new_source, _facts = version_two(source)
    before = dump(catalogue_conn)
    result = importer.import_file(catalogue_conn, paths, make_export(new_source, version=2),
                                  trust, dry_run=True)
    assert result.applied is False
    assert result.message == msg("import.dry_run")
    assert result.counts["principals"] == {"added": 1, "changed": 0, "removed": 0}
    assert dump(catalogue_conn) == before
    assert paths.catalogue_backups() == []


# A newer export -----------------------------------------------------------------------------

def test_newer_export_change_set_and_result(catalogue_conn: sqlite3.Connection,
                                            paths: DataPaths, source: dict[str, Any],
                                            make_export: MakeExport, trust: TrustPolicy,
                                            tmp_path: Path) -> None:
    conn = catalogue_conn
    new_source, facts = version_two(source)
    export = make_export(new_source, version=2, name="tfbb-v2.zip")
    prepared = importer.prepare(conn, paths, export, trust)
    assert prepared.base_version == 1
    assert not prepared.is_noop
    listed = sorted((c.entity_type, c.entity_id, c.change) for c in prepared.change_set)
    assert listed == sorted([
        ("principals", facts["added_principal"], "added"),
        ("contacts", facts["changed_contact"], "changed"),
        ("examples", facts["removed_example"], "removed"),
    ])
    by_type = {c.entity_type: c for c in prepared.change_set}
    title_changed = [("title", facts["old_title"], facts["new_title"])]

    def changed_fields(change: changes.EntityChange) -> list[tuple[str, str, str]]:
        names = preview.PreviewNames(conn, prepared.change_set)
        return [(d.field, d.old, d.new) for d in preview.field_diffs(change, names)]

    assert changed_fields(by_type["contacts"]) == title_changed
    assert by_type["examples"].name == facts["removed_example_title"]
    assert by_type["examples"].new_doc is None
    assert set(json.loads(by_type["principals"].new_doc or "{}")) >= {"id", "name", "kind"}
    assert by_type["principals"].name == new_source["data"]["principals"][-1]["name"]

    result = importer.commit(conn, paths, prepared)
    assert result.applied
    assert (result.previous_version, result.dataset_version) == (1, 2)
    assert importer.totals(prepared.change_set) == (1, 1, 1)  # what the summaries show
    assert str(result.message) == "The catalogue is updated to version 2."
    # Applied: the list and the field differences of the changed entry stay.
    assert sorted((c.entity_type, c.entity_id, c.change) for c in prepared.change_set) == listed
    by_type = {c.entity_type: c for c in prepared.change_set}
    assert changed_fields(by_type["contacts"]) == title_changed

    # exactly the new content: the same as importing version 2 into an empty catalogue
    after = dump(conn, only=(*ENTRY_TABLES, "catalogue_info"))
    assert without_info(after, "imported_at") == without_info(
        _fresh_import(tmp_path, export, trust), "imported_at")
    meta = queries.meta(conn)
    assert meta is not None and meta.dataset_version == 2
    assert conn.execute("SELECT title FROM contact WHERE id = ?",
                        (facts["changed_contact"],)).fetchone() == (facts["new_title"],)
    assert conn.execute("SELECT COUNT(*) FROM example WHERE id = ?",
                        (facts["removed_example"],)).fetchone() == (0,)

    marks = set(conn.execute("SELECT entity_type, entity_id, change FROM change_mark"))
    assert marks == {("principals", facts["added_principal"], "added"),
                     ("contacts", facts["changed_contact"], "changed")}
    removed = conn.execute("SELECT entity_type, entity_id, name FROM removed_entry").fetchall()
    assert removed == [("examples", facts["removed_example"], facts["removed_example_title"])]


def test_user_data_survives_imports(catalogue_conn: sqlite3.Connection, paths: DataPaths,
                                    source: dict[str, Any], make_export: MakeExport,
                                    trust: TrustPolicy, userdata: UserData) -> None:
    new_source, facts = version_two(source)
    removed_id, removed_title = facts["removed_example"], facts["removed_example_title"]
    userdata.set_favourite("examples", removed_id, True)
    userdata.set_favourite("principals", "flen", True)
    userdata.set_note("examples", removed_id, "Bra exempel att visa", removed_title)
    userdata.set_note("contacts", facts["changed_contact"], "Ring efter jul",
                      "Karin Dahlqvist Claesson")
    userdata.mark_seen("principals", "flen", "abc123")
    userdata.set_setting("window", "maximerat")
    before = userdata.snapshot()

    importer.import_file(catalogue_conn, paths, make_export(new_source, version=2), trust)
    assert userdata.snapshot() == before
    catalogue.refresh_note_names(catalogue_conn, userdata)
    assert userdata.snapshot() == before  # nothing was renamed
    note = userdata.note("examples", removed_id)
    assert note is not None and note.entity_name == removed_title
    assert userdata.is_favourite("examples", removed_id)
    assert queries.name_of(catalogue_conn, "examples", removed_id) is None


def test_refresh_note_names_after_a_rename(catalogue_conn: sqlite3.Connection,
                                           paths: DataPaths, source: dict[str, Any],
                                           make_export: MakeExport, trust: TrustPolicy,
                                           userdata: UserData) -> None:
    new_source, facts = version_two(source)
    flen = next(p for p in new_source["data"]["principals"] if p["id"] == "flen")
    old_name, flen["name"] = flen["name"], "Flens kommun (nytt namn)"
    userdata.set_note("principals", "flen", "Kontakta i vår", old_name)
    userdata.set_note("examples", facts["removed_example"], "Sparad",
                      facts["removed_example_title"])
    userdata.set_note("principals", "trosa", "Oförändrad", "Trosa kommun")

    importer.import_file(catalogue_conn, paths, make_export(new_source, version=2), trust)
    catalogue.refresh_note_names(catalogue_conn, userdata)

    renamed = userdata.note("principals", "flen")
    assert renamed is not None
    assert (renamed.entity_name, renamed.text) == ("Flens kommun (nytt namn)", "Kontakta i vår")
    gone = userdata.note("examples", facts["removed_example"])
    assert gone is not None and gone.entity_name == facts["removed_example_title"]
    same = userdata.note("principals", "trosa")
    assert same is not None and same.entity_name == "Trosa kommun"


# History and backups --------------------------------------------------------------------------

def test_import_log_has_one_row_per_applied_import(catalogue_conn: sqlite3.Connection,
                                                   paths: DataPaths, source: dict[str, Any],
                                                   make_export: MakeExport,
                                                   trust: TrustPolicy) -> None:
    conn = catalogue_conn
    assert _log(conn) == [("import", catalogue.BUNDLED_NAME, 1)]
    importer.import_file(conn, paths, catalogue.bundled_export(), TrustPolicy(), builtin=True)
    v2 = make_export(version_two(source)[0], version=2, name="v2.zip")
    importer.import_file(conn, paths, v2, trust)
    importer.import_file(conn, paths, v2, trust)  # the same again: no row
    importer.import_file(conn, paths, make_export(source, version=3, name="v3.zip"), trust)
    assert _log(conn) == [("import", catalogue.BUNDLED_NAME, 1), ("import", "v2.zip", 2),
                          ("import", "v3.zip", 3)]
    counts = json.loads(conn.execute("SELECT counts FROM import_log WHERE dataset_version = 2"
                                     ).fetchone()[0])
    assert counts["principals"] == {"added": 1, "changed": 0, "removed": 0}
    assert counts["examples"] == {"added": 0, "changed": 0, "removed": 1}


def test_only_three_backups_are_kept(catalogue_conn: sqlite3.Connection, paths: DataPaths,
                                     source: dict[str, Any], make_export: MakeExport,
                                     trust: TrustPolicy) -> None:
    # the bundled catalogue was import 1; four more make four backups (of versions 1-4)
    for version in range(2, 6):
        source["data"]["contacts"][0]["title"] = f"Titel i version {version}"
        result = importer.import_file(catalogue_conn, paths,
                                      make_export(source, version=version), trust)
        assert result.applied
    kept = paths.catalogue_backups()
    assert len(kept) == importer.KEEP_BACKUPS == 3
    versions = []
    for backup in kept:
        conn = sqlite3.connect(backup)
        try:
            versions.append(importer.current_version(conn))
        finally:
            conn.close()
    assert versions == [4, 3, 2]  # newest first; the oldest (version 1) is gone
    assert [b.name.endswith(f"-v{v}.db") for b, v in zip(kept, versions, strict=True)] == [
        True] * 3


def test_cancelled_import_changes_nothing(catalogue_conn: sqlite3.Connection,
                                          paths: DataPaths, source: dict[str, Any],
                                          make_export: MakeExport, trust: TrustPolicy) -> None:
    """Cancelled while the catalogue is being written: rolled back, and no backup made or lost."""
    for version in (2, 3, 4):  # three backups exist: versions 1, 2 and 3
        importer.import_file(catalogue_conn, paths, make_export(source, version=version), trust)
    before = dump(catalogue_conn)
    backups_before = paths.catalogue_backups()
    assert len(backups_before) == 3
    steps: list[str] = []

    def progress(step: Message, _fraction: float) -> None:
        steps.append(step.code)

    def cancelled() -> bool:
        return bool(steps) and steps[-1] == "progress.writing"

    new_source, _facts = version_two(source)
    with pytest.raises(ImportCancelled):
        importer.import_file(catalogue_conn, paths, make_export(new_source, version=5), trust,
                             progress=progress, cancelled=cancelled)
    assert "progress.writing" in steps
    assert dump(catalogue_conn) == before
    assert paths.catalogue_backups() == backups_before, (
        "a cancelled import must neither add a backup nor delete the oldest one")


def test_cancel_before_anything_is_read(catalogue_conn: sqlite3.Connection, paths: DataPaths,
                                        source: dict[str, Any], make_export: MakeExport,
                                        trust: TrustPolicy) -> None:
    before = dump(catalogue_conn)
    with pytest.raises(ImportCancelled):
        importer.import_file(catalogue_conn, paths, make_export(source, version=2), trust,
                             cancelled=lambda: True)
    assert dump(catalogue_conn) == before
    assert list(paths.incoming.iterdir()) == []


def test_two_imports_of_one_file_copy_it_each_to_a_name_of_its_own(tmp_path: Path) -> None:
    """Two processes importing the same export at once: one must not overwrite (or cut short)
    the local copy the other is reading."""
    from tfbb_desktop.core.sync import container

    source = tmp_path / "export.zip"
    source.write_bytes(b"PK" + bytes(range(256)) * 40)
    first = container.copy_to_local(source, tmp_path / "incoming")
    second = container.copy_to_local(source, tmp_path / "incoming")
    assert first != second
    assert first.read_bytes() == second.read_bytes() == source.read_bytes()


def test_copies_left_by_an_import_that_died_are_removed(tmp_path: Path) -> None:
    import os
    import time

    from tfbb_desktop.core.sync import container

    folder = tmp_path / "incoming"
    folder.mkdir()
    old, fresh = folder / "incoming-aaaaaaaaaaaa.zip", folder / "incoming-bbbbbbbbbbbb.zip"
    for path in (old, fresh):
        path.write_bytes(b"PK")
    hours_ago = time.time() - container.STALE_COPY_SECONDS - 60
    os.utime(old, (hours_ago, hours_ago))
    source = tmp_path / "export.zip"
    source.write_bytes(b"PK")
    copy = container.copy_to_local(source, folder)
    assert not old.exists()
    assert fresh.exists()  # perhaps another import's, still being read
    assert copy.exists()
