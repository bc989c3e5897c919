"""Write resources/export-format-v1.schema.json from the export format's pydantic models.

    .venv/bin/python scripts/write_json_schema.py          # write
    .venv/bin/python scripts/write_json_schema.py --check  # fail if the file is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic.json_schema import models_json_schema

from tfbb_desktop.core.sync import export_format as fmt

TARGET = Path(__file__).resolve().parents[1] / "resources" / "export-format-v1.schema.json"


def schema() -> dict[str, object]:
    _, defs = models_json_schema(
        [(fmt.CatalogueData, "validation"), (fmt.Manifest, "validation"),
         (fmt.Signature, "validation")],
        ref_template="#/$defs/{model}",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tfbb-katalog.invalid/export-format-v1.schema.json",
        "title": "TFBB Katalog export format v1",
        "description": (
            "The root describes data.json. manifest.json is #/$defs/Manifest and "
            "signature.json is #/$defs/Signature. See docs/export-format.md."
        ),
        "$ref": "#/$defs/CatalogueData",
        "$defs": fmt.json_schema_patterns(defs["$defs"]),
    }


def render() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != render():
            print(f"{TARGET.name} is out of date: run scripts/write_json_schema.py")
            return 1
        return 0
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
