"""The bundled catalogue, the JSON Schema and the format documentation agree with the code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tfbb_desktop.core.store import catalogue
from tfbb_desktop.core.sync import publish

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "resources" / "export-format-v1.schema.json"


def test_bundled_export_is_built_from_the_source(tmp_path: Path) -> None:
    rebuilt = publish.build_from_source(ROOT / "catalogue-source" / "sormland.json",
                                        tmp_path / "rebuilt.zip")
    assert rebuilt.read_bytes() == catalogue.bundled_export().read_bytes(), (
        "run: tfbb-desktop publish build catalogue-source/sormland.json "
        "--out resources/catalogue/tfbb-sormland.zip")


def test_json_schema_file_is_generated_from_the_models() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "write_json_schema.py"),
                             "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_documentation_names_every_field_of_the_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    docs = (ROOT / "docs" / "export-format.md").read_text(encoding="utf-8")
    missing = sorted(
        f"{name}.{field}"
        for name, definition in schema["$defs"].items()
        for field in definition.get("properties", {})
        if f"`{field}`" not in docs
    )
    assert missing == []


def test_no_contact_in_the_bundled_catalogue_has_invented_details() -> None:
    source = json.loads((ROOT / "catalogue-source" / "sormland.json").read_text("utf-8"))
    contacts = source["data"]["contacts"]
    assert len(contacts) == 11
    assert all(not c.get("email") and not c.get("phone") for c in contacts)
    leaving = [c["name"] for c in contacts if c.get("valid_until")]
    assert leaving == ["Jennie Nimborg"]
