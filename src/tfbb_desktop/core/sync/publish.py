"""Tools for the publisher: build an export file from a source JSON, sign it, check it.

A source file is ``{"manifest": {...}, "data": {...}}``; counts and checksums are filled in
here. :func:`build` never writes a file that the app would refuse: the export is written under
another name, read back with the import's own checks and only then renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from tfbb_desktop.core.errors import BuildRefused, ImportRefused, Problem
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.sync import container
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.signing import TrustPolicy, key_id, sign, sign_many
from tfbb_desktop.core.sync.validate import parse_documents

# The key an export is signed with; several while a key is rotated (each signs the manifest).
SigningKeys = Ed25519PrivateKey | Sequence[Ed25519PrivateKey] | None


def key_list(key: SigningKeys) -> list[Ed25519PrivateKey]:
    if key is None:
        return []
    return [key] if isinstance(key, Ed25519PrivateKey) else list(key)


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
    return {"format": fmt.FORMAT_NAME, "format_version": fmt.FORMAT_VERSION, **fields,
            "counts": counts,
            "files": {fmt.DATA_NAME: {"sha256": hashlib.sha256(data_bytes).hexdigest(),
                                      "size": len(data_bytes)}}}


def write_export(target: Path, data_bytes: bytes, manifest: dict[str, Any],
                 key: SigningKeys = None) -> Path:
    """Write the ZIP: manifest, data and, given a key, the signature of the manifest's bytes
    (given several keys, one signature by each)."""
    manifest_bytes = dump_json(manifest)
    members = [(fmt.MANIFEST_NAME, manifest_bytes), (fmt.DATA_NAME, data_bytes)]
    if keys := key_list(key):  # one key gives a single signature, as before key rotation
        signature = sign(keys[0], manifest_bytes) if len(keys) == 1 else sign_many(
            keys, manifest_bytes)
        members.append((fmt.SIGNATURE_NAME, dump_json(signature)))
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


@dataclass(frozen=True)
class Previous:
    """The export a build follows: its file name, manifest and parsed data."""

    file_name: str
    manifest: fmt.Manifest
    data: Any


@dataclass(frozen=True)
class Built:
    path: Path
    dataset_version: int
    previous: Previous | None
    unchanged: bool  # the same content as the previous export, under its version


def build(source: Path, target: Path, key: SigningKeys = None, *,
          dataset_version: int | None = None, previous: Path | None = None,
          today: date | None = None) -> Built:
    """Build an export at ``target`` from a source JSON file; raise :class:`BuildRefused`.

    The version is ``dataset_version``, else the previous export's (``previous``, or the file
    at ``target``) + 1, or its own for the same content, else the source manifest's. A version
    below the previous one, or the previous one with other content, is refused: the app takes
    an export with the version it has as "nothing new" and would never show the change.
    """
    data, fields = _read_source(source)
    return build_data(data, fields, source.name, target, key, dataset_version=dataset_version,
                      previous=previous, today=today)


def build_data(data: Any, fields: dict[str, Any], source_name: str, target: Path,
               key: SigningKeys = None, *, dataset_version: int | None = None,
               previous: Path | None = None, today: date | None = None,
               always_next: bool = False) -> Built:
    """:func:`build` of ``data`` and the manifest's ``fields``, read from ``source_name``;
    ``always_next``: the previous export's version + 1 even for the same content."""
    before = (read_previous(previous) if previous is not None
              else read_previous(target, at_target=True) if target.exists() else None)
    if dataset_version is None and before is not None:
        same = not always_next and _same_content(before, data, {**fields, "dataset_version": 1})
        dataset_version = before.manifest.dataset_version + (0 if same else 1)
    if dataset_version is not None:
        fields["dataset_version"] = dataset_version
    data_bytes = dump_json(data, pretty=False)
    manifest = manifest_for(data_bytes, fields, _counts(data))
    problems = _version_problems(before, data, manifest)
    checked = target.with_name(target.name + ".unchecked")
    write_export(checked, data_bytes, manifest, key)
    try:
        reason, found = app_refusal(checked, key, today or date.today())
        if found and not reason:
            reason = msg("build.app_refuses_file", file=source_name)
        if reason or problems:
            raise BuildRefused(reason or msg("build.version_unusable"), [*found, *problems])
        checked.replace(target)
    finally:
        checked.unlink(missing_ok=True)
    version = int(manifest["dataset_version"])
    unchanged = before is not None and version == before.manifest.dataset_version
    return Built(target, version, before, unchanged)


def build_from_source(source: Path, target: Path, key: Ed25519PrivateKey | None = None,
                      dataset_version: int | None = None) -> Path:
    """:func:`build`, returning the path written."""
    return build(source, target, key, dataset_version=dataset_version).path


def app_refusal(path: Path, key: SigningKeys,
                today: date) -> tuple[Message | None, list[Problem]]:
    """What the app's import would say of the export at ``path``: (None, []) if it takes it,
    else its reason and problems. Signed with ``key``, the signature must verify with it;
    with several keys, with each one alone (as on a PC that trusts only that key)."""
    policies = [TrustPolicy(keys={key_id(k.public_key()): k.public_key()}) for k in key_list(key)]
    for trust in policies or [TrustPolicy(allow_unsigned=True)]:
        try:
            verified = container.read_export(path, trust)
            parse_documents(verified.data_bytes, verified.manifest, verified.file_name)
        except ImportRefused as exc:
            return msg("build.app_refuses", reason=exc.reason), exc.problems
    if (expires := verified.manifest.expires) < today:
        return None, [Problem("manifest", "", "expires", msg(
            "build.expired", date=expires.isoformat()))]
    return None, []


def read_previous(path: Path, *, at_target: bool = False) -> Previous:
    """The export at ``path``, checked as far as its checksums (not its signature: the
    builder needs its version and content, and may not hold the key it was signed with)."""
    code = "build.previous_at_target" if at_target else "build.previous_unreadable"
    try:
        verified = container.read_export(path, TrustPolicy(), builtin=True)
        data = json.loads(verified.data_bytes)
    except ImportRefused as exc:
        raise BuildRefused(msg(code, file=path.name, reason=exc.reason),
                           list(exc.problems)) from exc
    except ValueError as exc:  # not JSON, or not UTF-8
        raise BuildRefused(msg(code, file=path.name, reason=msg("build.not_json"))) from exc
    return Previous(path.name, verified.manifest, data)


def _read_source(source: Path) -> tuple[Any, dict[str, Any]]:
    name = source.name
    try:
        raw = json.loads(source.read_bytes())
    except OSError as exc:
        raise BuildRefused(msg("build.source_unreadable", file=name,
                               error=str(exc.strerror))) from exc
    except UnicodeDecodeError as exc:
        raise BuildRefused(msg("build.source_not_utf8", file=name)) from exc
    except json.JSONDecodeError as exc:
        raise BuildRefused(msg("build.source_bad_json", file=name, line=exc.lineno,
                               column=exc.colno, error=exc.msg)) from exc
    problems: list[Problem | Message] = [
        msg("build.source_missing", part=part) for part in ("manifest", "data")
        if not isinstance(raw, dict) or not isinstance(raw.get(part), dict)]
    if problems:
        raise BuildRefused(msg("build.source_shape", file=name), problems)
    return raw["data"], dict(raw["manifest"])


def _counts(data: dict[str, Any]) -> dict[str, int]:
    return {t: len(v) if isinstance(v := data.get(t), list) else 0 for t in fmt.ENTITY_TYPES}


def _same_content(before: Previous, data: Any, manifest: dict[str, Any]) -> bool:
    """Whether an export of ``data`` and ``manifest`` says what ``before`` says, whatever
    their dataset versions."""
    if data != before.data:
        return False
    try:
        ours = fmt.Manifest.model_validate(
            manifest_for(dump_json(data, pretty=False), manifest, _counts(data)))
    except ValidationError:
        return False
    skip = {"dataset_version", "files"}
    return ours.model_dump(exclude=skip) == before.manifest.model_dump(exclude=skip)


def _version_problems(before: Previous | None, data: Any,
                      manifest: dict[str, Any]) -> list[Problem]:
    version = manifest.get("dataset_version")
    if version is None:
        return [Problem("manifest", "", "dataset_version", msg("build.version_missing"))]
    if isinstance(version, int) and version < 1:
        return [Problem("manifest", "", "dataset_version",
                        msg("build.version_invalid", version=version))]
    if before is None or not isinstance(version, int):
        return []
    used = before.manifest.dataset_version
    if version < used:
        message = msg("build.version_lower", version=version, used=used, file=before.file_name)
    elif version == used and not _same_content(before, data, manifest):
        message = msg("build.version_used", version=version, file=before.file_name,
                      next=used + 1)
    else:
        return []
    return [Problem("manifest", "", "dataset_version", message)]
