"""The JSON Schemas and the app agree.

Both schemas compile in standard validators (patterns are ECMA-262: check-jsonschema reads
them with regress); the bundled export validates with format checking on; and of a set of
files, each one the app accepts validates against its schema and each one the app refuses for
a reason the schema can state fails it - in check-jsonschema and in jsonschema with a format
checker. Among the refused files: a control character in every string field of the export,
the manifest, the signature and the feedback file.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.outputs import feedback
from tfbb_desktop.core.paths import resource_path
from tfbb_desktop.core.store import catalogue
from tfbb_desktop.core.sync import container, publish, signing, validate
from tfbb_desktop.core.sync import export_format as fmt

EXPORT_SCHEMA = resource_path("export-format-v1.schema.json")
FEEDBACK_SCHEMA = resource_path(feedback.SCHEMA_NAME)
FILE_NAME = "prov.zip"
CONTROLS = ["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\x9f"]
TEXT_PATTERN = fmt.NO_CONTROL_PATTERN + "(?!\\n)"
WORK = 8  # the work item of the source with a time and links


def _load(path: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return result


def _part(schema: dict[str, Any], definition: str) -> dict[str, Any]:
    """The schema with its root replaced by ``#/$defs/<definition>``."""
    return {"$schema": schema["$schema"], "$id": schema["$id"], "$defs": schema["$defs"],
            "$ref": f"#/$defs/{definition}"}


def _jsonschema_refuses(schema: dict[str, Any], instances: dict[str, Any]) -> set[str]:
    checker = jsonschema.FormatChecker()
    # Without rfc3339-validator, jsonschema would not check "date-time" (and say nothing).
    assert {"date", "date-time"} <= set(checker.checkers)
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    return {name for name, instance in instances.items() if not validator.is_valid(instance)}


def _check_jsonschema_refuses(schema: dict[str, Any], instances: dict[str, Any],
                              folder: Path) -> set[str]:
    """The names of the instances check-jsonschema refuses (one run for all of them)."""
    folder.mkdir(parents=True)
    schema_file = folder / "schema.json"
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    files = [folder / f"{number:03d}.json" for number in range(len(instances))]
    for file, instance in zip(files, instances.values(), strict=True):
        file.write_text(json.dumps(instance, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema_file),
         "-o", "json", *map(str, files)], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report.get("parse_errors", []) == []
    names = list(instances)
    return {names[int(Path(error["filename"]).stem)] for error in report["errors"]}


def _string_fields(schema: dict[str, Any], definition: str) -> list[tuple[str, bool, bool]]:
    """(field, holds a list, is a text field) for each field of ``definition`` that holds
    strings."""
    node = schema if definition == "" else schema["$defs"][definition]
    fields = []
    for name, prop in node.get("properties", {}).items():
        for option in prop.get("anyOf", [prop]):
            is_list = option.get("type") == "array"
            item = option.get("items", {}) if is_list else option
            if item.get("type") == "string":
                fields.append((name, is_list, item.get("pattern") == TEXT_PATTERN))
                break
    return fields


def _control_cases(schema: dict[str, Any], places: dict[str, Callable[[Any], dict[str, Any]]],
                   ) -> dict[str, tuple[Callable[[Any], None], bool]]:
    """A case for each string field of each definition in ``places`` (which finds an object
    of that definition in a file): the field holds a control character. The flag says whether
    it is a text field (whose refusal names the control character)."""
    cases: dict[str, tuple[Callable[[Any], None], bool]] = {}
    for definition, place in places.items():
        for name, is_list, is_text in _string_fields(schema, definition):
            char = CONTROLS[len(cases) % len(CONTROLS)]
            value: Any = [f"a{char}b"] if is_list else f"a{char}b"

            def change(file: Any, place: Any = place, name: str = name, value: Any = value,
                       ) -> None:
                place(file)[name] = value
            cases[f"{definition or 'root'}.{name}-control-{ord(char):02x}"] = (change, is_text)
    assert {name.split(".")[0] for name in cases} == {d or "root" for d in places}
    return cases


# The export: data.json ------------------------------------------------------------------------

def _set(*path: Any) -> Callable[[Any], Callable[[dict[str, Any]], None]]:
    def value(new: Any) -> Callable[[dict[str, Any]], None]:
        def change(data: dict[str, Any]) -> None:
            node = data
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = new
        return change
    return value


def _small(data: dict[str, Any]) -> dict[str, Any]:
    """The source's data with one entry of each type (the validators are slow on the whole)."""
    small = {"vocabularies": data["vocabularies"], "principals": [],
             "contacts": data["contacts"][:1], "examples": data["examples"][:1],
             "work": [data["work"][WORK]], "component_status": data["component_status"][:1]}
    entries = (*small["examples"], *small["work"])
    for entry in entries:
        entry["contacts"] = [c for c in entry.get("contacts", []) if c == data["contacts"][0]["id"]]
    wanted = {data["principals"][0]["id"], small["contacts"][0]["principal"],
              small["component_status"][0]["principal"],
              *(p for entry in entries for p in entry.get("principals", []))}
    small["principals"] = [p for p in data["principals"] if p["id"] in wanted]
    assert small["work"][0]["starts_at"] and small["work"][0]["links"]
    return small


STARTS_AT = _set("work", 0, "starts_at")
ENDS_AT = _set("work", 0, "ends_at")
DATE = _set("examples", 0, "date")
ORDER = _set("vocabularies", "levels", 0, "order")
EMAIL = _set("contacts", 0, "email")
PHONE = _set("contacts", 0, "phone")
WEBSITE = _set("principals", 0, "website")

DATA_ACCEPTED: dict[str, Callable[[dict[str, Any]], None]] = {
    "as-is": lambda data: None,
    "starts-at-utc": STARTS_AT("2025-11-07T11:00:00Z"),
    "starts-at-offset-decimals": STARTS_AT("2025-11-07T12:00:00.250+01:00"),
    "ends-at-six-decimals": ENDS_AT("2025-11-07T13:30:00.123456"),
    "leap-day": DATE("2024-02-29"),
    "leap-day-2000": DATE("2000-02-29"),
    "valid-until": _set("contacts", 0, "valid_until")("2026-12-31"),
    "order-written-as-float": ORDER(10.0),
    "order-lowest": ORDER(-fmt.SQL_INT_MAX),
    "text-with-tab-and-line-breaks": _set("examples", 0, "summary")("a\tb\nc\r\nd"),
    "text-with-line-separator-and-emoji": _set("examples", 0, "summary")("a\u2028b 🙂 ö"),
    "short-name-empty": _set("principals", 0, "short_name")(""),
    "email": EMAIL("kalle.anka@example.se"),
    "email-with-letters-beyond-ascii": EMAIL("märta@exempel.se"),
    "phone": PHONE("+46 (0)70-123 45 67"),
    "url-in-capitals": WEBSITE("HTTPS://example.se/väg?x=1"),
    "id-of-100-characters": _set("examples", 0, "id")("a" * 100),
}

DATA_REFUSED: dict[str, Callable[[dict[str, Any]], None]] = {
    "date-as-number": DATE(0),
    "date-as-seconds": DATE(1_700_000_000),
    "date-as-seconds-text": DATE("1700000000"),
    "date-february-30": DATE("2025-02-30"),
    "date-not-a-leap-year": DATE("2025-02-29"),
    "date-1900-not-a-leap-year": DATE("1900-02-29"),
    "date-year-0": DATE("0000-01-01"),
    "date-with-time": DATE("2025-01-01T00:00:00"),
    "date-one-digit-month": DATE("2025-1-01"),
    "date-compact": DATE("20250101"),
    "date-with-line-break": DATE("2025-01-01\n"),
    "starts-at-as-number": STARTS_AT(1_700_000_000),
    "starts-at-as-seconds-text": STARTS_AT("1700000000"),
    "starts-at-without-seconds": STARTS_AT("2025-11-07T12:00"),
    "starts-at-with-space": STARTS_AT("2025-11-07 12:00:00"),
    "starts-at-lower-case-t": STARTS_AT("2025-11-07t12:00:00"),
    "starts-at-offset-without-colon": STARTS_AT("2025-11-07T12:00:00+0100"),
    "starts-at-hour-24": STARTS_AT("2025-11-07T24:00:00"),
    "starts-at-seven-decimals": STARTS_AT("2025-11-07T12:00:00.1234567"),
    "starts-at-date-only": STARTS_AT("2025-11-07"),
    "starts-at-february-30": STARTS_AT("2025-02-30T12:00:00"),
    "ends-at-with-line-break": ENDS_AT("2025-11-07T13:00:00\n"),
    "order-as-text": ORDER("10"),
    "order-as-boolean": ORDER(True),
    "order-with-fraction": ORDER(1.5),
    "order-beyond-sqlite": ORDER(2**63),
    "title-as-number": _set("examples", 0, "title")(12),
    "title-empty": _set("examples", 0, "title")(""),
    "tags-as-text": _set("examples", 0, "tags")("ångest"),
    "id-with-line-break": _set("examples", 0, "id")("ex-1\n"),
    "id-of-101-characters": _set("examples", 0, "id")("a" * 101),
    "email-with-line-break": EMAIL("kalle@example.se\n"),
    "email-with-byte-order-mark": EMAIL("kalle\ufeff@example.se"),
    "email-with-no-break-space": EMAIL("kalle\u00a0anka@example.se"),
    "email-with-quote": EMAIL('ka"lle@example.se'),
    "email-with-space": EMAIL("kalle anka@example.se"),
    "phone-with-line-break": PHONE("+46 70 123 45 67\n"),
    "phone-with-letters": PHONE("ring mig på jobbet"),
    "url-with-line-break": WEBSITE("https://example.se/\n"),
    "url-with-byte-order-mark": WEBSITE("https://example.se/\ufeff"),
    "url-javascript": WEBSITE("javascript:alert(1)"),
    "unknown-field": _set("principals", 0, "hemsida")("https://example.se/"),
}

DATA_PLACES: dict[str, Callable[[Any], dict[str, Any]]] = {
    "Term": lambda data: data["vocabularies"]["levels"][0],
    "Principal": lambda data: data["principals"][0],
    "Contact": lambda data: data["contacts"][0],
    "Example": lambda data: data["examples"][0],
    "WorkItem": lambda data: data["work"][0],
    "Link": lambda data: data["work"][0]["links"][0],
    "ComponentStatus": lambda data: data["component_status"][0],
}


def _data_refusal(data: dict[str, Any], fields: dict[str, Any]) -> ImportRefused | None:
    """The app's refusal of ``data`` (None if it accepts it)."""
    data_bytes = publish.dump_json(data, pretty=False)
    manifest_bytes = publish.dump_json(publish.manifest_for(data_bytes, fields))
    manifest = container.parse_manifest(manifest_bytes, FILE_NAME)
    try:
        validate.parse_documents(data_bytes, manifest, FILE_NAME)
    except ImportRefused as exc:
        return exc
    return None


def test_both_schemas_compile_as_ecma_262() -> None:
    """check-jsonschema checks the schemas against the metaschema, with their patterns as
    ECMA-262 regular expressions (the "u" flag, via regress)."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--check-metaschema",
         str(EXPORT_SCHEMA), str(FEEDBACK_SCHEMA)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_pattern_compiles_as_ecma_262() -> None:
    regress = pytest.importorskip("regress")

    def patterns(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [v for k, v in node.items() if k == "pattern"] + [
                p for k, v in node.items() if k != "pattern" for p in patterns(v)]
        return [p for v in node for p in patterns(v)] if isinstance(node, list) else []
    found = set(patterns(_load(EXPORT_SCHEMA)) + patterns(_load(FEEDBACK_SCHEMA)))
    assert len(found) >= 10
    for pattern in found:
        regress.Regex(pattern, flags="u")


def test_bundled_export_validates_with_format_checking(tmp_path: Path) -> None:
    schema = _load(EXPORT_SCHEMA)
    with zipfile.ZipFile(catalogue.bundled_export()) as archive:
        data = json.loads(archive.read(fmt.DATA_NAME))
        manifest = json.loads(archive.read(fmt.MANIFEST_NAME))
    assert any("starts_at" in work for work in data["work"])
    for part, instance in ((schema, data), (_part(schema, "Manifest"), manifest)):
        assert _jsonschema_refuses(part, {"bundled": instance}) == set()
    assert _check_jsonschema_refuses(schema, {"data": data}, tmp_path / "data") == set()
    assert _check_jsonschema_refuses(_part(schema, "Manifest"), {"manifest": manifest},
                                     tmp_path / "manifest") == set()


def test_data_the_app_accepts_validate_and_data_it_refuses_do_not(
        source: dict[str, Any], tmp_path: Path, sv: Callable[[Any], str]) -> None:
    schema = _load(EXPORT_SCHEMA)
    control = _control_cases(schema, DATA_PLACES)
    changes = {**DATA_ACCEPTED, **DATA_REFUSED, **{k: c for k, (c, _) in control.items()}}
    instances: dict[str, Any] = {}
    refused_by_app: set[str] = set()
    small = _small(source["data"])
    for name, change in changes.items():
        data = copy.deepcopy(small)
        change(data)
        instances[name] = data
        refusal = _data_refusal(data, source["manifest"])
        if refusal is not None:
            refused_by_app.add(name)
            if name in control and control[name][1]:
                assert [sv(p.problem) for p in refusal.problems] == [
                    "texten innehåller otillåtna styrtecken"], name
    assert refused_by_app == set(DATA_REFUSED) | set(control)
    assert _jsonschema_refuses(schema, instances) == refused_by_app
    assert _check_jsonschema_refuses(schema, instances, tmp_path / "data") == refused_by_app


# The export: manifest.json and signature.json -------------------------------------------------

MANIFEST_ACCEPTED: dict[str, Callable[[dict[str, Any]], None]] = {
    "as-is": lambda manifest: None,
    "created-utc": _set("created")("2025-11-26T08:00:00Z"),
    "dataset-version-written-as-float": _set("dataset_version")(10.0),
    "no-feedback": lambda manifest: manifest.pop("feedback"),
}

MANIFEST_REFUSED: dict[str, Callable[[dict[str, Any]], None]] = {
    "dataset-version-as-text": _set("dataset_version")("10"),
    "dataset-version-as-boolean": _set("dataset_version")(True),
    "dataset-version-0": _set("dataset_version")(0),
    "format-version-as-boolean": _set("format_version")(True),
    "created-without-offset": _set("created")("2025-11-26T09:00:00"),
    "created-as-number": _set("created")(1_764_144_000),
    "created-without-seconds": _set("created")("2025-11-26T09:00+01:00"),
    "expires-as-number": _set("expires")(20271231),
    "expires-february-30": _set("expires")("2027-02-30"),
    "count-as-text": _set("counts", "principals")("12"),
    "size-as-text": _set("files", fmt.DATA_NAME, "size")("52258"),
    "feedback-email-with-line-break": _set("feedback", "email")("a@example.se\n"),
}

MANIFEST_PLACES: dict[str, Callable[[Any], dict[str, Any]]] = {
    "Manifest": lambda manifest: manifest,
    "Publisher": lambda manifest: manifest["publisher"],
    "Feedback": lambda manifest: manifest["feedback"],
    "FileEntry": lambda manifest: manifest["files"][fmt.DATA_NAME],
}


def test_manifests_the_app_accepts_validate_and_those_it_refuses_do_not(
        source: dict[str, Any], tmp_path: Path, sv: Callable[[Any], str]) -> None:
    schema = _load(EXPORT_SCHEMA)
    control = _control_cases(schema, MANIFEST_PLACES)
    changes = {**MANIFEST_ACCEPTED, **MANIFEST_REFUSED, **{k: c for k, (c, _) in control.items()}}
    data_bytes = publish.dump_json(source["data"], pretty=False)
    instances: dict[str, Any] = {}
    refused_by_app: set[str] = set()
    for name, change in changes.items():
        manifest = publish.manifest_for(data_bytes, copy.deepcopy(source["manifest"]))
        change(manifest)
        instances[name] = manifest
        try:
            container.parse_manifest(publish.dump_json(manifest), FILE_NAME)
        except ImportRefused as exc:
            refused_by_app.add(name)
            if name in control and control[name][1]:
                assert [sv(p.problem) for p in exc.problems] == [
                    "texten innehåller otillåtna styrtecken"], name
    assert refused_by_app == set(MANIFEST_REFUSED) | set(control)
    part = _part(schema, "Manifest")
    assert _jsonschema_refuses(part, instances) == refused_by_app
    assert _check_jsonschema_refuses(part, instances, tmp_path / "manifest") == refused_by_app


def test_signatures_the_app_accepts_validate_and_those_it_refuses_do_not(
        publisher_key: signing.Ed25519PrivateKey, tmp_path: Path) -> None:
    schema = _load(EXPORT_SCHEMA)
    control = _control_cases(schema, {"Signature": lambda signature: signature})
    good = signing.sign(publisher_key, b"{}")
    instances: dict[str, Any] = {"as-is": good}
    for name, (change, _) in control.items():
        instances[name] = copy.deepcopy(good)
        change(instances[name])
    refused_by_app = set()
    for name, instance in instances.items():
        try:
            fmt.Signature.model_validate_json(json.dumps(instance))
        except ValueError:
            refused_by_app.add(name)
    assert refused_by_app == set(control)
    part = _part(schema, "Signature")
    assert _jsonschema_refuses(part, instances) == refused_by_app
    assert _check_jsonschema_refuses(part, instances, tmp_path / "signature") == refused_by_app


# Feedback files -------------------------------------------------------------------------------

def _feedback_file() -> dict[str, Any]:
    return {
        "format": "tfbb-katalog-feedback", "format_version": 1,
        "id": "0b7f3c52-8d64-4a8e-9a55-1b8e6a0c2f11", "created": "2026-01-15T10:00:00+00:00",
        "app_version": "0.1.0", "catalogue": {"dataset_version": 3, "publisher": "X"},
        "entry": {"type": "principals", "id": "oxelosund", "name": "Oxelösunds kommun"},
        "category": "other", "category_label": "Annat", "text": "Hej\n\tdå",
        "sender": {"name": "Märta", "email": "marta@oxelosund.se"},
    }


FEEDBACK_ACCEPTED: dict[str, Callable[[dict[str, Any]], None]] = {
    "as-is": lambda file: None,
    "created-utc": _set("created")("2026-01-15T10:00:00Z"),
    "created-with-decimals": _set("created")("2026-01-15T10:00:00.5-05:00"),
    "dataset-version-written-as-float": _set("catalogue", "dataset_version")(3.0),
    "anonymous": _set("sender")({}),
}

FEEDBACK_REFUSED: dict[str, Callable[[dict[str, Any]], None]] = {
    "format-version-as-boolean": _set("format_version")(True),
    "format-version-as-text": _set("format_version")("1"),
    "dataset-version-as-text": _set("catalogue", "dataset_version")("3"),
    "dataset-version-as-boolean": _set("catalogue", "dataset_version")(True),
    "created-without-offset": _set("created")("2026-01-15T10:00:00"),
    "created-as-number": _set("created")(1_768_471_200),
    "created-february-30": _set("created")("2026-02-30T10:00:00Z"),
    "created-with-space": _set("created")("2026-01-15 10:00:00Z"),
    "email-with-line-break": _set("sender", "email")("marta@oxelosund.se\n"),
    "entry-id-with-line-break": _set("entry", "id")("oxelosund\n"),
    "id-with-line-break": _set("id")("0b7f3c52-8d64-4a8e-9a55-1b8e6a0c2f11\n"),
}

FEEDBACK_PLACES: dict[str, Callable[[Any], dict[str, Any]]] = {
    "": lambda file: file,
    "CatalogueRef": lambda file: file["catalogue"],
    "EntryRef": lambda file: file["entry"],
    "Sender": lambda file: file["sender"],
}


def test_feedback_files_the_app_accepts_validate_and_those_it_refuses_do_not(
        tmp_path: Path) -> None:
    schema = _load(FEEDBACK_SCHEMA)
    control = _control_cases(schema, FEEDBACK_PLACES)
    changes = {**FEEDBACK_ACCEPTED, **FEEDBACK_REFUSED, **{k: c for k, (c, _) in control.items()}}
    instances: dict[str, Any] = {}
    refused_by_app: set[str] = set()
    for name, change in changes.items():
        file = _feedback_file()
        change(file)
        instances[name] = file
        try:
            feedback.parse_file(json.dumps(file).encode())
        except feedback.FeedbackFormatError as exc:
            refused_by_app.add(name)
            if name in control and control[name][1]:
                # feedback.py writes the message into its error's text as it is (English)
                assert str(validate.message({"type": "string_pattern_mismatch", "ctx": {
                    "pattern": fmt.NO_CONTROL_PATTERN}})) in str(exc), name
    assert refused_by_app == set(FEEDBACK_REFUSED) | set(control)
    assert _jsonschema_refuses(schema, instances) == refused_by_app
    assert _check_jsonschema_refuses(schema, instances, tmp_path / "feedback") == refused_by_app
