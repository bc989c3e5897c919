"""Tools for the publisher: build an export file from a source JSON, sign it, check it.

A source file is ``{"manifest": {...}, "data": {...}}`` where the manifest gives the dataset
version, dates, publisher and feedback address; counts and checksums are filled in here.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from . import export_format as fmt
from .signing import sign

# A fixed timestamp for ZIP members, so that the same input builds the same bytes.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def dump_json(value: Any, *, pretty: bool = True) -> bytes:
    if pretty:
        return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def manifest_for(data_bytes: bytes, fields: dict[str, Any],
                 counts: dict[str, int] | None = None) -> dict[str, Any]:
    """The full manifest for ``data_bytes``: ``fields`` plus format, counts and checksums."""
    if counts is None:
        data = json.loads(data_bytes)
        counts = {t: len(data.get(t, [])) for t in fmt.ENTITY_TYPES}
    manifest = {"format": fmt.FORMAT_NAME, "format_version": fmt.FORMAT_VERSION}
    manifest.update(fields)
    manifest["counts"] = counts
    manifest["files"] = {
        fmt.DATA_NAME: {"sha256": hashlib.sha256(data_bytes).hexdigest(), "size": len(data_bytes)}
    }
    return manifest


def write_export(target: Path, data_bytes: bytes, manifest: dict[str, Any],
                 key: Ed25519PrivateKey | None = None) -> Path:
    """Write the ZIP: manifest, data and, given a key, the signature of the manifest's bytes."""
    manifest_bytes = dump_json(manifest)
    members = [(fmt.MANIFEST_NAME, manifest_bytes), (fmt.DATA_NAME, data_bytes)]
    if key is not None:
        members.append((fmt.SIGNATURE_NAME, dump_json(sign(key, manifest_bytes))))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, payload in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, payload)
    partial.replace(target)
    return target


def build_from_source(source: Path, target: Path, key: Ed25519PrivateKey | None = None,
                      dataset_version: int | None = None) -> Path:
    """Build an export from a source JSON file, validating it first."""
    raw = json.loads(source.read_text(encoding="utf-8"))
    data = raw["data"]
    fmt.CatalogueData.model_validate(data)
    fields = dict(raw["manifest"])
    if dataset_version is not None:
        fields["dataset_version"] = dataset_version
    data_bytes = dump_json(data, pretty=False)
    return write_export(target, data_bytes, manifest_for(data_bytes, fields), key)
