"""Suggestions: kept in the user's own data, sent as e-mail or as a validated JSON file."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jsonschema
import pytest

from tfbb_desktop.core.outputs import feedback
from tfbb_desktop.core.paths import DataPaths, resource_path
from tfbb_desktop.core.store import queries
from tfbb_desktop.core.store.db import user_version
from tfbb_desktop.core.store.userdata import UserData
from tfbb_desktop.core.sync import importer
from tfbb_desktop.core.sync.signing import TrustPolicy

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def userdata(paths: DataPaths) -> Any:
    data = UserData(paths.userdata)
    yield data
    data.close()


def add_one(userdata: UserData, **changes: Any) -> feedback.Suggestion:
    fields: dict[str, Any] = dict(
        entity_type="contacts", entity_id="kp-katarina-haddon", entity_name="Katarina Haddon",
        category="person_left", text="Katarina har gått i pension; ny vård- och omsorgschef "
        "är Örjan Åberg.", sender_name="Märta Östlund", sender_email="marta@oxelosund.se",
        dataset_version=1, publisher="Länsgemensamt regionalt stöd")
    fields.update(changes)
    return feedback.add(userdata, **fields)


def schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(
        resource_path(feedback.SCHEMA_NAME).read_text(encoding="utf-8"))
    return result


def test_the_user_data_gets_the_suggestion_table(userdata: UserData) -> None:
    assert user_version(userdata.conn) == 2
    assert userdata.conn.execute("SELECT COUNT(*) FROM suggestion").fetchone()[0] == 0


def test_a_suggestion_survives_a_restart(paths: DataPaths) -> None:
    first = UserData(paths.userdata)
    saved = add_one(first)
    first.close()
    again = UserData(paths.userdata)
    try:
        (found,) = feedback.suggestions(again)
        assert found == saved
        assert not found.sent
        assert found.category_label == "Någon har slutat"
        feedback.mark_sent(again, found.id, "file", "/srv/synpunkter")
    finally:
        again.close()
    third = UserData(paths.userdata)
    try:
        found = feedback.get(third, saved.id)
        assert found is not None and found.sent
        assert (found.sent_via, found.sent_to) == ("file", "/srv/synpunkter")
    finally:
        third.close()


def test_a_suggestion_survives_an_import_which_never_writes_the_user_data(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: Any) -> None:
    userdata = UserData(paths.userdata)
    saved = add_one(userdata)
    userdata.close()
    files = [paths.userdata, paths.userdata.with_name(paths.userdata.name + "-wal")]
    before = {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.exists()}
    mtimes = {f: f.stat().st_mtime_ns for f in before}

    userdata = UserData(paths.userdata)  # open, as the app has it open during an import
    snapshot = userdata.snapshot()
    src = copy.deepcopy(source)
    src["data"]["contacts"] = [c for c in src["data"]["contacts"]
                               if c["id"] != "kp-katarina-haddon"]
    for example in src["data"]["examples"]:
        example["contacts"] = [c for c in example.get("contacts", [])
                               if c != "kp-katarina-haddon"]
    for work in src["data"]["work"]:
        work["contacts"] = [c for c in work.get("contacts", []) if c != "kp-katarina-haddon"]
    importer.import_file(catalogue_conn, paths, make_export(src, version=2), trust)
    assert queries.meta(catalogue_conn).dataset_version == 2
    assert not queries.exists(catalogue_conn, "contacts", "kp-katarina-haddon")
    assert userdata.snapshot() == snapshot
    assert feedback.suggestions(userdata) == [saved]  # kept, with the name it had
    userdata.close()
    after = {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in before}
    assert after == before
    assert {f: f.stat().st_mtime_ns for f in before} == mtimes


def test_drafts_are_checked(userdata: UserData) -> None:
    assert feedback.problems("other", "Text") == []
    assert feedback.problems("nonsense", " ") == ["category", "empty_text"]
    assert feedback.problems("other", "x" * 5001) == ["text_too_long"]
    assert feedback.problems("other", "Text", sender_email="inte en adress") == ["invalid_email"]
    assert feedback.problems("other", "Text\x00") == ["control_character"]
    with pytest.raises(ValueError, match="empty_text"):
        add_one(userdata, text="   ")
    with pytest.raises(ValueError, match="entity_type"):
        add_one(userdata, entity_type="favourites")
    assert feedback.suggestions(userdata) == []


def test_the_written_file_validates_against_the_schema_and_the_model(
        tmp_path: Path, userdata: UserData) -> None:
    saved = add_one(userdata)
    path = feedback.write_file(tmp_path / "synpunkter", saved, "0.1.0")
    assert path.parent == tmp_path / "synpunkter"
    assert path.name == f"forslag-{saved.created_at[:10]}-{saved.id[:8]}.json"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    raw = path.read_bytes()
    data = json.loads(raw.decode("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)
    assert "Örjan Åberg" in raw.decode("utf-8")  # written as UTF-8, not \\u escapes
    parsed = feedback.parse_file(raw)
    assert parsed.entry.id == "kp-katarina-haddon" and parsed.entry.name == "Katarina Haddon"
    assert parsed.category == "person_left" and parsed.category_label == "Någon har slutat"
    assert parsed.sender.email == "marta@oxelosund.se"
    assert parsed.catalogue.dataset_version == 1
    assert data["format"] == "tfbb-katalog-feedback" and data["format_version"] == 1
    # Sending again writes the same file again, not a second one.
    assert feedback.write_file(tmp_path / "synpunkter", saved, "0.1.0") == path
    assert len(list(path.parent.iterdir())) == 1


def test_an_anonymous_suggestion_validates(tmp_path: Path, userdata: UserData) -> None:
    saved = add_one(userdata, sender_name="", sender_email="", category="other")
    data = json.loads(feedback.file_bytes(saved))
    jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)
    assert data["sender"] == {"name": "", "email": None}


def _valid() -> dict[str, Any]:
    return {
        "format": "tfbb-katalog-feedback", "format_version": 1,
        "id": "0b7f3c52-8d64-4a8e-9a55-1b8e6a0c2f11", "created": "2026-01-15T10:00:00+00:00",
        "app_version": "0.1.0", "catalogue": {"dataset_version": 3, "publisher": "X"},
        "entry": {"type": "principals", "id": "oxelosund", "name": "Oxelösunds kommun"},
        "category": "other", "category_label": "Annat", "text": "Hej", "sender": {},
    }


@pytest.mark.parametrize("change", [
    lambda d: d.pop("text"),
    lambda d: d.update(text=""),
    lambda d: d.update(text="a\x07b"),
    lambda d: d.update(category="spam"),
    lambda d: d.update(format_version=2),
    lambda d: d.update(format="tfbb-katalog-export"),
    lambda d: d.update(extra="field"),
    lambda d: d.update(id="not-a-uuid"),
    lambda d: d.update(created="2026-01-15T10:00:00"),  # no time zone
    lambda d: d["entry"].update(type="favourites"),
    lambda d: d["entry"].update(id="../../etc/passwd"),
    lambda d: d["sender"].update(email="not an address"),
    lambda d: d["catalogue"].update(dataset_version=-1),
], ids=["no-text", "empty-text", "control", "category", "version", "format", "extra", "id",
        "naive-time", "entry-type", "entry-id", "email", "dataset-version"])
def test_malformed_files_are_refused_by_the_model_and_the_schema(change: Any) -> None:
    good = _valid()
    feedback.parse_file(json.dumps(good).encode())
    jsonschema.validate(good, schema(), cls=jsonschema.Draft202012Validator)
    bad = copy.deepcopy(good)
    change(bad)
    with pytest.raises(feedback.FeedbackFormatError):
        feedback.parse_file(json.dumps(bad).encode())
    # Without a format checker too: the time's pattern requires the offset.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema(), cls=jsonschema.Draft202012Validator)


def test_not_json_and_oversized_files_are_refused() -> None:
    with pytest.raises(feedback.FeedbackFormatError):
        feedback.parse_file(b"{not json")
    with pytest.raises(feedback.FeedbackFormatError):
        feedback.parse_file(b" " * (feedback.MAX_FILE_BYTES + 1))


def test_the_bundled_schema_is_up_to_date() -> None:
    assert resource_path(feedback.SCHEMA_NAME).read_text(encoding="utf-8") == \
        feedback.schema_text()


def test_the_format_is_documented() -> None:
    doc = (ROOT / "docs" / "feedback-format.md").read_text(encoding="utf-8")
    for name in feedback.FeedbackFile.model_fields:
        assert f"`{name}`" in doc, name
    for category in feedback.CATEGORIES:
        assert f"`{category}`" in doc, category


def test_mailto_link_is_encoded_and_short_enough(userdata: UserData) -> None:
    from tfbb_desktop.ui.links import is_allowed_url

    saved = add_one(userdata)
    url = feedback.mailto_url("synpunkter@regionsormland.se", saved, "0.1.0")
    assert is_allowed_url(url)
    assert " " not in url and "\n" not in url
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "synpunkter@regionsormland.se"
    query = parse_qs(parts.query)
    assert query["subject"] == ["TFBB Katalog – förslag: Katarina Haddon"]
    body = query["body"][0]
    assert "Kontaktperson: Katarina Haddon (kp-katarina-haddon)" in body
    assert "Kategori: Någon har slutat" in body
    assert "Örjan Åberg" in body
    assert "Från: Märta Östlund <marta@oxelosund.se>" in body
    assert saved.id in body

    long = add_one(userdata, text="Förändring " * 400)
    url = feedback.mailto_url("synpunkter@regionsormland.se", long)
    assert len(url) <= feedback.MAX_MAILTO_CHARS
    assert "förkortat" in unquote(url)


def test_delivery_prefers_the_shared_folder_then_email_then_the_users_folder(
        tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    assert feedback.delivery(email="a@b.se", folder_name="synpunkter",
                             config_source=str(share)) == \
        feedback.Delivery("folder", str(share / "synpunkter"))
    assert feedback.delivery(email="a@b.se", folder_name="synpunkter",
                             config_source="https://example.se/export") == \
        feedback.Delivery("email", "a@b.se")
    assert feedback.delivery(email="a@b.se", folder_name="synpunkter",
                             config_source=str(tmp_path / "missing")).method == "email"
    assert feedback.delivery(email="", folder_name="synpunkter", config_source="",
                             chosen_folder=str(tmp_path)) == \
        feedback.Delivery("folder", str(tmp_path))
    assert feedback.delivery(email="", folder_name="synpunkter", config_source="").method == \
        "choose_folder"
    for unsafe in ("../ut", "a/b", "a\\b", "..", "", "C:", " x"):
        assert feedback.shared_folder(str(share), unsafe) is None, unsafe


def test_a_write_in_progress_is_hidden_and_the_inbox_leaves_it_out(
        tmp_path: Path, userdata: UserData) -> None:
    from tfbb_desktop.core.outputs import inbox
    saved = add_one(userdata)
    folder = tmp_path / "synpunkter"
    path = feedback.write_file(folder, saved, "0.1.0")
    # A crash mid-write leaves the documented hidden temporary name: readers skip it.
    half = path.read_bytes()[:40]
    (folder / f".{path.name}.tmp").write_bytes(half)
    (folder / f"{path.name}.part").write_bytes(half)
    found = inbox.read(folder)
    assert [item.file_name for item in found.items] == [path.name]
    assert found.unreadable == []
    # The next write of the same suggestion replaces its own temporary file.
    feedback.write_file(folder, saved, "0.1.0")
    assert not (folder / f".{path.name}.tmp").exists()


def test_the_inbox_says_in_the_users_language_why_a_file_cannot_be_read(
        tmp_path: Path, userdata: UserData, swedish: Any) -> None:
    from tfbb_desktop.core.outputs import inbox
    from tfbb_desktop.ui import messages

    folder = tmp_path / "synpunkter"
    path = feedback.write_file(folder, add_one(userdata), "0.1.0")
    broken = json.loads(path.read_text(encoding="utf-8"))
    broken["text"] = ""
    del broken["id"]
    (folder / "trasig.json").write_text(json.dumps(broken), encoding="utf-8")
    (folder / "stor.json").write_bytes(b" " * (feedback.MAX_FILE_BYTES + 1))
    found = inbox.read(folder)
    assert [item.file_name for item in found.items] == [path.name]
    reasons = {u.file_name: messages.text(u.reason) for u in found.unreadable}
    assert reasons["stor.json"] == f"filen är större än {feedback.MAX_FILE_BYTES} byte"
    assert reasons["trasig.json"].startswith("id: ")
    assert reasons["trasig.json"].endswith("; och 1 problem till")
