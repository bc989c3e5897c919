"""Export format v1: the bundled export is valid; broken data is refused with every problem,
each with its place and a message (read here in Swedish)."""

from __future__ import annotations

import copy
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ijson
import pytest

from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.paths import resource_path
from tfbb_desktop.core.store import catalogue
from tfbb_desktop.core.sync import changes, container, publish, validate
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.signing import TrustPolicy

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "catalogue-source" / "sormland.json"
SCHEMA_FILE = resource_path("export-format-v1.schema.json")
FILE_NAME = "trasig-export.zip"


def _bundled_members() -> dict[str, bytes]:
    with zipfile.ZipFile(catalogue.bundled_export()) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


PYTHON = ijson.get_backend("python")


def parse(data: dict[str, Any], fields: dict[str, Any],
          counts: dict[str, int] | None = None, *, pretty: bool = False) -> validate.Documents:
    """Validate ``data`` the way an import does, with a manifest made by the publisher tools;
    the pure-Python parser must agree with the default one (yajl2_c where it is built) on
    files below a megabyte."""
    data_bytes = publish.dump_json(data, pretty=pretty)
    manifest_bytes = publish.dump_json(publish.manifest_for(data_bytes, fields, counts))
    manifest = container.parse_manifest(manifest_bytes, FILE_NAME)
    try:
        docs = validate.parse_documents(data_bytes, manifest, FILE_NAME)
    except ImportRefused as exc:
        if len(data_bytes) > 1 << 20:
            raise
        with pytest.raises(ImportRefused) as python:
            validate.parse_documents(data_bytes, manifest, FILE_NAME, PYTHON)
        assert (python.value.code, python.value.problems) == (exc.code, exc.problems)
        raise
    assert validate.parse_documents(data_bytes, manifest, FILE_NAME, PYTHON) == docs
    return docs


def refusal(data: dict[str, Any], fields: dict[str, Any],
            counts: dict[str, int] | None = None) -> ImportRefused:
    """The refusal of ``data``."""
    with pytest.raises(ImportRefused) as caught:
        parse(data, fields, counts)
    return caught.value


def documents(data: dict[str, Any], fields: dict[str, Any], *, pretty: bool = False,
              ) -> tuple[validate.Documents, validate.Documents]:
    """(the import's documents, read record by record, and those made from the whole file
    parsed with pydantic) for ``data``."""
    data_bytes = publish.dump_json(data, pretty=pretty)
    whole = changes.new_documents(fmt.CatalogueData.model_validate_json(data_bytes))
    return parse(data, fields, pretty=pretty), whole


# The bundled export ---------------------------------------------------------------------------

def test_bundled_export_verifies_and_validates() -> None:
    verified = container.read_export(catalogue.bundled_export(), TrustPolicy(), builtin=True)
    data = validate.parse_documents(verified.data_bytes, verified.manifest, verified.file_name)
    assert verified.manifest.format == fmt.FORMAT_NAME
    assert verified.manifest.format_version == fmt.FORMAT_VERSION
    assert len(data["principals"]) >= 12
    assert len(data["contacts"]) == 11
    assert verified.manifest.counts == {t: len(data[t]) for t in fmt.ENTITY_TYPES}


@pytest.mark.parametrize("pretty", [False, True])
def test_documents_read_record_by_record_equal_the_whole_file(source: dict[str, Any],
                                                             pretty: bool) -> None:
    streamed, whole = documents(source["data"], source["manifest"], pretty=pretty)
    assert streamed == whole
    assert {t: list(d) for t, d in streamed.items()} == {t: list(d) for t, d in whole.items()}
    assert len(streamed["principals"]) >= 12 and len(streamed["vocabularies"]) > 20


def test_documents_in_any_member_order_with_odd_values(source: dict[str, Any]) -> None:
    data = source["data"]
    work = data["work"][0]
    work["starts_at"] = "2025-11-07T12:00:00Z"
    work["ends_at"] = "2025-11-07T13:30:00.250+01:00"
    data["contacts"][0]["valid_until"] = "2026-02-28"
    data["examples"][0]["tags"] = ["Ångest", "Ångest", "skolfrånvaro"]
    data["examples"] = data["examples"][:1]
    # References before what they refer to, vocabularies last, an empty list.
    reordered = {key: data[key] for key in ("component_status", "work", "examples", "contacts",
                                            "principals", "vocabularies")}
    reordered["examples"] = []
    reordered["work"] = [dict(w, contacts=[]) for w in reordered["work"]]
    streamed, whole = documents(reordered, source["manifest"])
    assert streamed == whole
    assert streamed["examples"] == {}
    assert '"starts_at":"2025-11-07T12:00:00Z"' in streamed["work"][work["id"]][0]


def test_bundled_export_is_built_from_the_source(tmp_path: Path) -> None:
    """resources/catalogue/tfbb-sormland.zip is what build_from_source makes of the source."""
    rebuilt = publish.build_from_source(SOURCE, tmp_path / "rebuilt.zip")
    with zipfile.ZipFile(rebuilt) as archive:
        expected = {name: archive.read(name) for name in archive.namelist()}
    assert _bundled_members() == expected, "the bundled export is stale: rebuild it"


def test_bundled_export_has_only_the_format_members() -> None:
    names = set(_bundled_members())
    assert {fmt.MANIFEST_NAME, fmt.DATA_NAME} <= names <= fmt.MEMBER_NAMES


def test_source_data_validates(source: dict[str, Any]) -> None:
    data = parse(source["data"], source["manifest"])
    assert list(data["principals"]) == [p["id"] for p in source["data"]["principals"]]


# The JSON Schema file -------------------------------------------------------------------------

def _schema() -> dict[str, Any]:
    if not SCHEMA_FILE.is_file():
        pytest.skip("schema file not yet written")
    result: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return result


def _sub_schema(schema: dict[str, Any], *names: str) -> dict[str, Any] | None:
    """A schema for the part ``names`` (e.g. "manifest") if the schema file has one."""
    defs = schema.get("$defs", {})
    for key in defs:
        if key.lower() in names:
            return {"$schema": schema.get("$schema"), "$defs": defs, **_id(schema),
                    "$ref": f"#/$defs/{key}"}
    props = schema.get("properties", {})
    for key in names:
        if isinstance(props.get(key), dict) and key != "data":
            return {"$schema": schema.get("$schema"), "$defs": defs, **_id(schema),
                    **props[key]}
    return None


def _id(schema: dict[str, Any]) -> dict[str, Any]:
    return {"$id": schema["$id"]} if "$id" in schema else {}


def _data_schema(schema: dict[str, Any]) -> dict[str, Any]:
    if "principals" in schema.get("properties", {}):
        return schema
    found = _sub_schema(schema, "cataloguedata", "catalogue_data", "data")
    assert found is not None, "the schema file has no part for data.json"
    return found


def _validator(schema: dict[str, Any]) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_file_is_a_valid_draft_2020_12_schema() -> None:
    schema = _schema()
    _validator(schema)
    assert schema.get("$schema", "").endswith("2020-12/schema")


def test_bundled_data_validates_against_the_schema_file() -> None:
    validator = _validator(_data_schema(_schema()))
    data = json.loads(_bundled_members()[fmt.DATA_NAME])
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_bundled_manifest_validates_against_the_schema_file() -> None:
    part = _sub_schema(_schema(), "manifest")
    if part is None:
        pytest.skip("the schema file has no manifest part")
    validator = _validator(part)
    manifest = json.loads(_bundled_members()[fmt.MANIFEST_NAME])
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(manifest)]
    assert errors == []


@pytest.mark.parametrize("breakage", ["unknown_field", "missing_name", "uppercase_id"])
def test_schema_file_rejects_broken_data(source: dict[str, Any], breakage: str) -> None:
    validator = _validator(_data_schema(_schema()))
    data = source["data"]
    if breakage == "unknown_field":
        data["principals"][0]["hemsida"] = "https://example.se/"
    elif breakage == "missing_name":
        del data["contacts"][0]["name"]
    else:
        data["examples"][0]["id"] = "Ex Med Versaler"
    assert list(validator.iter_errors(data)), f"the schema accepts data with {breakage}"


# Broken data: one problem each, with its place and Swedish message ----------------------------

Breaker = Callable[[dict[str, Any]], tuple[str, str, str]]


def _missing_name(d: dict[str, Any]) -> tuple[str, str, str]:
    c = d["contacts"][0]
    del c["name"]
    return "contacts", c["id"], "name"


def _unknown_field(d: dict[str, Any]) -> tuple[str, str, str]:
    p = d["principals"][0]
    p["hemsida"] = "https://example.se/"
    return "principals", p["id"], "hemsida"


def _set(entity_type: str, index: int, field: str, value: Any,
         id_field: str = "id") -> Breaker:
    def breaker(d: dict[str, Any]) -> tuple[str, str, str]:
        record = d[entity_type][index]
        record[field] = value
        return entity_type, str(record[id_field]), field
    return breaker


def _duplicate_principal(d: dict[str, Any]) -> tuple[str, str, str]:
    p = copy.deepcopy(d["principals"][0])
    p["name"] = "En annan huvudman med samma id"
    d["principals"].append(p)
    return "principals", p["id"], "id"


def _duplicate_term(d: dict[str, Any]) -> tuple[str, str, str]:
    term = copy.deepcopy(d["vocabularies"]["levels"][0])
    term["label"] = "Dubblett"
    d["vocabularies"]["levels"].append(term)
    return "vocabularies", f"levels/{term['id']}", "id"


def _huge_order(d: dict[str, Any]) -> tuple[str, str, str]:
    term = d["vocabularies"]["levels"][0]
    term["order"] = 2**63  # more than SQLite can store
    return "vocabularies", f"levels/{term['id']}", "order"


BROKEN: dict[str, tuple[Breaker, str]] = {
    "missing_required_field": (_missing_name, "saknas"),
    "unknown_field": (_unknown_field, "okänt fält"),
    "invalid_email": (_set("contacts", 0, "email", "inte-en-adress"), "ogiltig e-postadress"),
    "invalid_phone": (_set("contacts", 0, "phone", "ring mig på jobbet"),
                      "ogiltigt telefonnummer"),
    "javascript_url": (_set("principals", 0, "website", "javascript:alert(1)"),
                       "ogiltig webbadress"),
    "id_with_uppercase": (_set("examples", 0, "id", "Ex-Versaler"), "ogiltigt id"),
    "id_with_space": (_set("examples", 0, "id", "ex med mellanslag"), "ogiltigt id"),
    "ten_megabyte_summary": (_set("examples", 0, "summary", "a" * 10_000_000), "för lång"),
    "duplicate_principal_id": (_duplicate_principal, "förekommer mer än en gång"),
    "contact_of_missing_principal": (_set("contacts", 0, "principal", "finns-inte"),
                                     'hänvisar till "finns-inte", men posten finns inte'),
    "unknown_level": (_set("examples", 0, "levels", ["galaktisk"]),
                      'hänvisar till "galaktisk", men termen i ordlistan levels finns inte'),
    "duplicate_vocabulary_term": (_duplicate_term, "förekommer mer än en gång"),
    "list_instead_of_string": (_set("contacts", 0, "title", ["Chef", "Samordnare"]),
                               "fel typ (väntade text)"),
    "bad_date": (_set("examples", 0, "date", "2025-13-45"), "ogiltigt datum"),
    "control_character_in_name": (_set("principals", 0, "name", "Region\x07Sörmland"),
                                  "styrtecken"),
    # Values a regular expression with "$" lets through: "$" also matches before a final
    # line break, so these must be refused too.
    "email_with_line_break": (_set("contacts", 0, "email", "kalle@example.se\n"),
                              "ogiltig e-postadress"),
    "phone_with_line_break": (_set("contacts", 0, "phone", "+46 70 123 45 67\n"),
                              "ogiltigt telefonnummer"),
    "url_with_line_break": (_set("principals", 0, "website",
                                 "https://example.se/\nhttps://annan.example/"),
                            "ogiltig webbadress"),
    "delete_character_in_name": (_set("principals", 0, "name", "Region\x7fSörmland"),
                                 "styrtecken"),
    "order_beyond_sqlite": (_huge_order, "utanför det tillåtna intervallet"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_data_is_refused_with_its_place(source: dict[str, Any], case: str,
                                              sv: Callable[[Any], str]) -> None:
    breaker, message = BROKEN[case]
    entity_type, entity_id, field = breaker(source["data"])
    refused = refusal(source["data"], source["manifest"])
    assert refused.code == "invalid"
    assert FILE_NAME in sv(refused)
    places = [(p.entity_type, p.entity_id, p.field) for p in refused.problems]
    assert places == [(entity_type, entity_id, field)], sv(refused)
    assert message in sv(refused.problems[0].problem)
    assert sv(refused.problems[0]) in sv(refused)


@pytest.mark.parametrize("depth", [250, 5000])
def test_deeply_nested_data_is_refused_as_broken_json(source: dict[str, Any], depth: int,
                                                      sv: Callable[[Any], str]) -> None:
    source["data"]["examples"][0]["tags"] = ["PLATS"]
    data_bytes = publish.dump_json(source["data"], pretty=False).replace(
        b'"PLATS"', b"[" * depth + b"]" * depth)
    counts = {t: len(source["data"][t]) for t in fmt.ENTITY_TYPES}
    manifest_bytes = publish.dump_json(publish.manifest_for(data_bytes, source["manifest"],
                                                            counts))
    manifest = container.parse_manifest(manifest_bytes, FILE_NAME)
    for backend in (ijson, PYTHON):
        with pytest.raises(ImportRefused) as caught:
            validate.parse_documents(data_bytes, manifest, FILE_NAME, backend)
        # Deeper than MAX_JSON_DEPTH, the file is not read; deeper than MAX_NESTING, the
        # record is invalid, at its place; the message says why either way.
        assert caught.value.code == ("bad_json" if depth > 1000 else "invalid")
        assert "nivåer" in sv(caught.value)
        if depth < 1000:
            example = source["data"]["examples"][0]["id"]
            assert [(p.entity_type, p.entity_id) for p in caught.value.problems] == [
                ("examples", example)]


def test_too_many_entries_are_refused(source: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
                                      sv: Callable[[Any], str]) -> None:
    monkeypatch.setattr(fmt, "MAX_ENTITIES", 20)
    refused = refusal(source["data"], source["manifest"])
    total = sum(len(source["data"][t]) for t in fmt.ENTITY_TYPES)
    assert [sv(p.problem) for p in refused.problems] == [
        f"för många poster ({total}; högst 20)"]


def test_ten_megabyte_summary_message_names_the_limit(source: dict[str, Any],
                                                      sv: Callable[[Any], str]) -> None:
    source["data"]["examples"][0]["summary"] = "ö" * 10_000_000
    refused = refusal(source["data"], source["manifest"])
    assert [sv(p.problem) for p in refused.problems] == [
        f"texten är för lång (högst {fmt.MAX_TEXT_CHARS} tecken)"]
    assert len(sv(refused)) < 2000, "the message must not repeat the 10 MB text"


def test_manifest_counts_mismatch(source: dict[str, Any], sv: Callable[[Any], str]) -> None:
    data = source["data"]
    counts = {t: len(data[t]) for t in fmt.ENTITY_TYPES}
    counts["principals"] += 1
    refused = refusal(data, source["manifest"], counts)
    assert refused.code == "invalid"
    assert [(p.entity_type, p.entity_id, p.field, sv(p.problem)) for p in refused.problems] == [(
        "manifest", "", "counts.principals",
        f"anger {counts['principals']} men data.json innehåller {len(data['principals'])}")]


def test_every_problem_is_reported_at_once(source: dict[str, Any],
                                           sv: Callable[[Any], str]) -> None:
    data = source["data"]
    contact, example, principal = data["contacts"][2], data["examples"][3], data["principals"][4]
    contact["email"] = "utan-snabel-a.se"
    del example["title"]
    principal["website"] = "javascript:void(0)"
    data["contacts"][5]["principal"] = "saknad-huvudman"
    refused = refusal(data, source["manifest"])
    places = sorted((p.entity_type, p.entity_id, p.field) for p in refused.problems)
    assert places == sorted([
        ("contacts", contact["id"], "email"),
        ("examples", example["id"], "title"),
        ("principals", principal["id"], "website"),
        ("contacts", data["contacts"][5]["id"], "principal"),
    ]), sv(refused)
    for problem in refused.problems:
        assert sv(problem) in sv(refused)
    assert f'kontaktperson "{contact["id"]}", fält "email": ogiltig e-postadress' in (
        sv(refused))


def test_records_without_id_are_not_reported_as_duplicates(source: dict[str, Any],
                                                           sv: Callable[[Any], str]) -> None:
    """Two examples lacking an id: two "saknas" problems, not a third about an id "None"."""
    data = source["data"]
    del data["examples"][0]["id"]
    del data["examples"][1]["id"]
    refused = refusal(data, source["manifest"])
    places = [(p.entity_type, p.entity_id, p.field, sv(p.problem)) for p in refused.problems]
    assert places == [("examples", "#1", "id", "saknas"), ("examples", "#2", "id", "saknas")], (
        sv(refused))
    assert "None" not in sv(refused)


def test_many_problems_are_counted_beyond_the_first_fifty(source: dict[str, Any],
                                                         sv: Callable[[Any], str]) -> None:
    data = source["data"]
    template = data["examples"][0]
    for number in range(60):
        record = copy.deepcopy(template)
        record["id"] = f"ex-trasigt-{number:02d}"
        record["date"] = "inte ett datum"
        data["examples"].append(record)
    refused = refusal(data, source["manifest"])
    assert len(refused.problems) == 60
    assert "och 10 problem till" in sv(refused)


# The manifest -----------------------------------------------------------------------------

def _manifest_bytes(source: dict[str, Any], **changes: Any) -> bytes:
    data_bytes = publish.dump_json(source["data"], pretty=False)
    manifest = publish.manifest_for(data_bytes, source["manifest"])
    manifest.update(changes)
    return publish.dump_json({k: v for k, v in manifest.items() if v is not None})


def test_manifest_of_a_newer_format_asks_for_a_newer_app(source: dict[str, Any],
                                                          sv: Callable[[Any], str]) -> None:
    with pytest.raises(ImportRefused) as caught:
        container.parse_manifest(_manifest_bytes(source, format_version=2), FILE_NAME)
    assert caught.value.code == "format_version"
    assert "Uppdatera appen" in sv(caught.value)
    assert FILE_NAME in sv(caught.value)


def test_manifest_of_another_format_is_not_an_export(source: dict[str, Any]) -> None:
    with pytest.raises(ImportRefused) as caught:
        container.parse_manifest(_manifest_bytes(source, format="annat-format"), FILE_NAME)
    assert caught.value.code == "not_export"


def test_manifest_that_is_not_json() -> None:
    with pytest.raises(ImportRefused) as caught:
        container.parse_manifest(b'{"format": ', FILE_NAME)
    assert caught.value.code == "bad_json"


@pytest.mark.parametrize(("changes", "field"), [
    ({"dataset_version": None}, "dataset_version"),
    ({"dataset_version": 0}, "dataset_version"),
    ({"dataset_version": 2**63}, "dataset_version"),
    ({"expires": "snart"}, "expires"),
    ({"okant": 1}, "okant"),
])
def test_invalid_manifest_names_the_field(source: dict[str, Any], changes: dict[str, Any],
                                          field: str) -> None:
    with pytest.raises(ImportRefused) as caught:
        container.parse_manifest(_manifest_bytes(source, **changes), FILE_NAME)
    assert caught.value.code == "bad_manifest"
    assert [p.field for p in caught.value.problems] == [field]
    assert all(p.entity_type == "manifest" for p in caught.value.problems)


def _schema_pattern(definition: str, field: str) -> str:
    node = _schema()["$defs"][definition]["properties"][field]
    node = node["anyOf"][0] if "anyOf" in node else node
    pattern: str = node["pattern"]
    return pattern


def test_control_and_space_checks_agree_with_unicode_over_every_code_point() -> None:
    """Texts refuse exactly Unicode's control characters less tab, LF and CR; e-mail addresses
    and URLs also every space of Python and of ECMA-262. The same in the app (pydantic), in the
    schema read as ECMA-262 (regress, as check-jsonschema reads it) and as Python's re.search
    (as jsonschema reads it), over the Basic Multilingual Plane (less the surrogates, which
    UTF-8 has not) and a sample of the planes above it, which hold no control or space."""
    import re
    import unicodedata

    from pydantic import TypeAdapter

    regress = pytest.importorskip("regress")
    code_points = [*range(0xD800), *range(0xE000, 0x10000), *range(0x10000, 0x110000, 257)]
    chars = [chr(cp) for cp in code_points]
    cases = [
        (fmt.LongText, ("Principal", "description"), "a{}b",
         lambda ch: unicodedata.category(ch) == "Cc" and ch not in "\t\n\r"),
        (fmt.Url, ("Principal", "website"), "https://example.se/a{}b",
         lambda ch: unicodedata.category(ch) == "Cc" or ch.isspace() or ch == "\ufeff"),
        (fmt.Email, ("Contact", "email"), "a{}b@example.se",
         lambda ch: (unicodedata.category(ch) == "Cc" or ch.isspace() or ch in '\ufeff@<>"')),
    ]
    for annotation, (definition, field), template, refused in cases:
        values = [template.format(ch) for ch in chars]
        expected = {i for i, ch in enumerate(chars) if refused(ch)}
        try:
            TypeAdapter(list[annotation]).validate_python(values)  # type: ignore[valid-type]
            by_app: set[int] = set()
        except ValueError as exc:
            by_app = {err["loc"][0] for err in exc.errors()}  # type: ignore[attr-defined]
        pattern = _schema_pattern(definition, field)
        ecma = regress.Regex(pattern, flags="u")
        by_ecma = {i for i, value in enumerate(values) if not ecma.find(value)}
        python = re.compile(pattern)
        by_python = {i for i, value in enumerate(values) if not python.search(value)}
        assert by_app == expected, field
        assert by_ecma == expected, field
        assert by_python == expected, field
