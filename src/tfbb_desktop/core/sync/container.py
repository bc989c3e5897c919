"""Reading an export file safely: size limits, ZIP members, checksums and the signature.

Nothing here parses the catalogue data; it only hands over bytes whose checksum and signature
have been verified.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import shutil
import stat
import time
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tfbb_desktop.core.errors import ImportRefused, Problem
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync import validate
from tfbb_desktop.core.sync.signing import MAX_SIGNATURES, TrustPolicy


@dataclass(frozen=True)
class VerifiedExport:
    """An export whose container, checksums and signature have passed."""

    file_name: str
    manifest: fmt.Manifest
    data_bytes: bytes
    signers: tuple[str, ...] = ()  # every trusted key whose signature verified, in order

    @property
    def signed_by(self) -> str:
        """The first of them, or "" for an unsigned or bundled export."""
        return self.signers[0] if self.signers else ""


def copy_to_local(source: Path, folder: Path) -> Path:
    """Copy ``source`` (perhaps on a network share) to local disk, refusing an oversized file."""
    name = source.name
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ImportRefused("unreadable", msg("file.unreadable", error=exc.strerror or ""),
                            name) from exc
    if size > fmt.MAX_ARCHIVE_BYTES:
        raise ImportRefused("too_large", too_large(size), name)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_copies(folder)
    # A name of its own for each copy: two imports of the same file at once (two processes)
    # must not write into one another's copy.
    target = folder / f"incoming-{uuid.uuid4().hex[:12]}.zip"
    copied = 0
    try:
        with source.open("rb") as src, target.open("wb") as dst:
            while chunk := src.read(1024 * 1024):
                copied += len(chunk)
                if copied > fmt.MAX_ARCHIVE_BYTES:
                    raise ImportRefused("too_large", too_large(copied), name)
                dst.write(chunk)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # no half copy (none on a folder that is read-only)
            target.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # the copy, not the export, failed
            raise ImportRefused("disk_full", msg("file.disk_full"), name) from exc
        # A write-protected disk, or no permission to create the copy: the data folder, not
        # the export, is the problem.
        if exc.errno == errno.EROFS or (exc.errno in (errno.EACCES, errno.EPERM)
                                        and exc.filename == str(target)):
            raise ImportRefused("folder_read_only", msg("file.folder_read_only"), name) from exc
        raise ImportRefused("unreadable", msg("file.unreadable", error=exc.strerror or ""),
                            name) from exc
    return target


STALE_COPY_SECONDS = 6 * 3600


def remove_stale_copies(folder: Path) -> None:
    """Delete local copies left by imports that died (a copy is deleted as soon as its import
    has read it, so one that is hours old belongs to no running import)."""
    limit = time.time() - STALE_COPY_SECONDS
    for leftover in folder.glob("incoming-*.zip"):
        try:
            if leftover.stat().st_mtime < limit:
                leftover.unlink()
        except OSError:
            pass  # in use or gone: a later import tries again


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.0f}"


def too_large(size: int) -> Message:
    return msg("file.too_large", size=_mb(size), limit=_mb(fmt.MAX_ARCHIVE_BYTES))


def read_export(path: Path, trust: TrustPolicy, *, builtin: bool = False,
                display_name: str | None = None) -> VerifiedExport:
    """Open the ZIP at ``path`` and verify it. Raises :class:`ImportRefused`."""
    name = display_name or path.name
    with _open(path, name) as archive:
        members, manifest_bytes, manifest = _manifest(archive, name)
        signers = _check_signature(archive, members, manifest_bytes, trust, builtin, name)
        entry = manifest.files.get(fmt.DATA_NAME)
        if entry is None or set(manifest.files) != {fmt.DATA_NAME}:
            raise ImportRefused("bad_manifest", msg("manifest.files"), name)
        info = members[fmt.DATA_NAME]
        if info.file_size != entry.size:
            raise ImportRefused("checksum", msg("data.size"), name)
        data_bytes = _read_member(archive, info, fmt.MAX_DATA_BYTES, name)
    if hashlib.sha256(data_bytes).hexdigest() != entry.sha256:
        raise ImportRefused("checksum", msg("data.checksum"), name)
    return VerifiedExport(name, manifest, data_bytes, signers)


def read_manifest(source: Path | IO[bytes], name: str) -> fmt.Manifest:
    """The manifest of the export in ``source``, through the same member checks as
    :func:`read_export` (nothing else is unpacked, no signature is checked)."""
    with _open(source, name) as archive:
        return _manifest(archive, name)[2]


def _open(source: Path | IO[bytes], name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ImportRefused("not_zip", msg("file.not_zip"), name) from exc


def _manifest(archive: zipfile.ZipFile,
              name: str) -> tuple[dict[str, zipfile.ZipInfo], bytes, fmt.Manifest]:
    """The checked members, the bytes of ``manifest.json`` and the manifest they hold."""
    members = _check_members(archive, name)
    raw = _read_member(archive, members[fmt.MANIFEST_NAME], fmt.MAX_MANIFEST_BYTES, name)
    return members, raw, parse_manifest(raw, name)


def _check_members(archive: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        member = info.filename
        if (member.startswith(("/", "\\")) or ".." in member.replace("\\", "/").split("/")
                or (len(member) > 1 and member[1] == ":") or member.endswith("/")
                or stat.S_ISLNK(info.external_attr >> 16)):  # only plain files inside
            raise ImportRefused("unsafe_member", msg("member.unsafe", member=repr(member)), name)
        if member not in fmt.MEMBER_NAMES:
            raise ImportRefused("unknown_member", msg("member.unknown", member=repr(member)),
                                name)
        if member in members:
            raise ImportRefused("duplicate_member", msg("member.twice", member=member), name)
        if info.flag_bits & 0x1:
            raise ImportRefused("encrypted", msg("archive.encrypted"), name)
        members[member] = info
    for required in (fmt.MANIFEST_NAME, fmt.DATA_NAME):
        if required not in members:
            raise ImportRefused("missing_member", msg("member.missing", member=required), name)
    return members


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """Read one member, stopping as soon as it is over ``limit`` whatever its header says."""
    declared = info.file_size
    if (info.compress_size > 0 and declared / info.compress_size > fmt.MAX_COMPRESSION_RATIO
            and declared > 1024 * 1024):
        raise ImportRefused("too_large", msg(
            "member.zip_bomb", member=info.filename, ratio=declared // info.compress_size,
            limit=fmt.MAX_COMPRESSION_RATIO), name)
    if declared > limit:
        raise ImportRefused("too_large", msg(
            "member.unpacks_to", member=info.filename, size=_mb(declared), limit=_mb(limit)), name)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(1024 * 1024):
                total += len(chunk)
                if total > limit:
                    raise ImportRefused("too_large", msg(
                        "member.larger_than", member=info.filename, limit=_mb(limit)), name)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            ValueError) as exc:  # ValueError: a local header's name that is not UTF-8
        raise ImportRefused("corrupt", msg("member.corrupt", member=info.filename),
                            name) from exc
    return b"".join(chunks)


def parse_manifest(manifest_bytes: bytes, name: str) -> fmt.Manifest:
    try:
        raw = json.loads(manifest_bytes)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:  # too deep
        raise ImportRefused("bad_json", msg("manifest.json"), name) from exc
    if not isinstance(raw, dict) or raw.get("format") != fmt.FORMAT_NAME:
        raise ImportRefused("not_export", msg("file.not_export"), name)
    version = raw.get("format_version")
    if version != fmt.FORMAT_VERSION:
        raise ImportRefused("format_version", msg("file.format_version", version=str(version)),
                            name)
    try:
        return fmt.Manifest.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem("manifest", "", ".".join(str(p) for p in err["loc"]), validate.message(err))
            for err in exc.errors()
        ]
        raise ImportRefused("bad_manifest", msg("manifest.invalid"), name, problems) from exc


def _check_signature(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                     manifest_bytes: bytes, trust: TrustPolicy, builtin: bool,
                     name: str) -> tuple[str, ...]:
    """The trusted keys whose signatures verify (none for the bundled or an allowed unsigned
    export)."""
    if builtin:
        return ()
    info = members.get(fmt.SIGNATURE_NAME)
    if info is None:
        if trust.allow_unsigned:
            return ()
        raise ImportRefused("unsigned", msg("signature.none"), name)
    raw = _read_member(archive, info, fmt.MAX_SIGNATURE_BYTES, name)
    signatures = _parse_signatures(raw, name)
    outcome, keys = trust.verify_any([(s.key_id, s.signature) for s in signatures],
                                     manifest_bytes)
    if outcome == "unknown_key":
        named = ", ".join(s.key_id for s in signatures)
        raise ImportRefused("unknown_key", msg("signature.unknown_key", key=named), name)
    if outcome == "bad_signature":
        raise ImportRefused("bad_signature", msg("signature.mismatch"), name)
    return tuple(keys)


class _Signatures(BaseModel):
    """``signature.json`` with several signatures (see :func:`signing.sign_many`)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    signatures: Annotated[list[fmt.Signature], Field(min_length=1, max_length=MAX_SIGNATURES)]


def _parse_signatures(raw: bytes, name: str) -> list[fmt.Signature]:
    """One signature (``{"algorithm", "key_id", "signature"}``) or several
    (``{"signatures": [...]}``); anything else is refused."""
    try:
        return [fmt.Signature.model_validate_json(raw)]
    except ValidationError as single:
        try:
            return _Signatures.model_validate_json(raw).signatures
        except ValidationError:
            raise ImportRefused("bad_signature", msg("signature.file"), name) from single


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
