"""Every kind of bad export is refused with its own code and a Swedish message naming the file,
and afterwards the catalogue, the user's data and the backups are exactly as before."""

from __future__ import annotations

import copy
import hashlib
import os
import random
import sqlite3
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dbdump import dump, version_two
from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import catalogue
from tfbb_desktop.core.store.userdata import UserData
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync import importer, publish, signing
from tfbb_desktop.core.sync.signing import TrustPolicy

MakeExport = Callable[..., Path]
MB = 1024 * 1024


@pytest.fixture(scope="module")
def other_key() -> signing.Ed25519PrivateKey:
    return signing.generate_private_key()


@dataclass
class Installed:
    conn: sqlite3.Connection
    paths: DataPaths
    trust: TrustPolicy
    userdata: UserData
    source: dict[str, Any]  # the version 2 source
    key: signing.Ed25519PrivateKey
    exports: Path
    sv: Callable[[Any], str]  # a refusal as the Swedish user reads it

    def state(self) -> tuple[Any, ...]:
        return (dump(self.conn), self.userdata.snapshot(), self.paths.catalogue_backups(),
                sorted(p.name for p in self.paths.root.iterdir()))

    def refuse(self, file: Path, code: str, trust: TrustPolicy | None = None) -> ImportRefused:
        before = self.state()
        with pytest.raises(ImportRefused) as caught:
            importer.import_file(self.conn, self.paths, file, trust or self.trust)
        refused = caught.value
        assert refused.code == code, refused.message
        assert self.sv(refused).startswith(f"Filen {file.name} kan inte importeras: ")
        assert self.state() == before
        assert list(self.paths.incoming.iterdir()) == [], "the local copy was left behind"
        return refused

    # Building files by hand ------------------------------------------------------------------
    def data_bytes(self, data: dict[str, Any] | None = None) -> bytes:
        return publish.dump_json(data if data is not None else self.source["data"],
                                 pretty=False)

    def manifest(self, data_bytes: bytes, counts: dict[str, int] | None = None,
                 **fields: Any) -> dict[str, Any]:
        base = dict(self.source["manifest"])
        base["dataset_version"] = 3
        base.update(fields)
        if counts is None:
            counts = {t: len(self.source["data"][t]) for t in fmt.ENTITY_TYPES}
        return publish.manifest_for(data_bytes, base, counts)

    def signed(self, manifest: dict[str, Any],
               key: signing.Ed25519PrivateKey | None = None) -> list[tuple[str, bytes]]:
        manifest_bytes = publish.dump_json(manifest)
        signature = signing.sign(key or self.key, manifest_bytes)
        return [(fmt.MANIFEST_NAME, manifest_bytes),
                (fmt.SIGNATURE_NAME, publish.dump_json(signature))]


def write_zip(target: Path, members: list[tuple[str, bytes]]) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, payload in members:
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, payload)
    return target


def read_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def installed(catalogue_conn: sqlite3.Connection, paths: DataPaths, source: dict[str, Any],
              make_export: MakeExport, trust: TrustPolicy,
              publisher_key: signing.Ed25519PrivateKey, tmp_path: Path,
              sv: Callable[[Any], str]) -> Iterator[Installed]:
    """The bundled catalogue, then a signed version 2; a favourite and a note saved."""
    new_source, facts = version_two(source)
    result = importer.import_file(catalogue_conn, paths, make_export(new_source, version=2),
                                  trust)
    assert result.applied and result.dataset_version == 2
    userdata = UserData(paths.userdata)
    userdata.set_favourite("principals", "flen", True)
    userdata.set_note("examples", facts["removed_example"], "Min anteckning",
                      facts["removed_example_title"])
    yield Installed(catalogue_conn, paths, trust, userdata, new_source, publisher_key,
                    tmp_path / "bad", sv)
    userdata.close()


# The file itself ------------------------------------------------------------------------------

@pytest.mark.parametrize("cut", ["half", "last_100_bytes"])
def test_truncated_file(installed: Installed, make_export: MakeExport, cut: str) -> None:
    good = make_export(installed.source, version=3).read_bytes()
    size = len(good) // 2 if cut == "half" else len(good) - 100
    bad = installed.exports / "avklippt.zip"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(good[:size])
    installed.refuse(bad, "not_zip")


def test_not_a_zip_file(installed: Installed) -> None:
    bad = installed.exports / "anteckningar.zip"
    bad.parent.mkdir(parents=True)
    bad.write_text("Det här är ingen export.", encoding="utf-8")
    installed.refuse(bad, "not_zip")


def test_missing_file(installed: Installed) -> None:
    installed.refuse(installed.exports / "finns-inte.zip", "unreadable")


def test_file_over_the_archive_limit(installed: Installed) -> None:
    huge = installed.exports / "jättestor.zip"
    huge.parent.mkdir(parents=True)
    with huge.open("wb") as handle:
        handle.truncate(fmt.MAX_ARCHIVE_BYTES + 1)  # sparse: costs no disk
    refused = installed.refuse(huge, "too_large")
    assert "för stor" in installed.sv(refused)


# Checksums and signatures ---------------------------------------------------------------------

@pytest.mark.parametrize("same_size", [True, False], ids=["same_size", "other_size"])
def test_wrong_checksum(installed: Installed, make_export: MakeExport, same_size: bool) -> None:
    members = read_members(make_export(installed.source, version=3))
    data = members[fmt.DATA_NAME]
    old = b"Flens kommun"
    new = b"Flens kommuN" if same_size else b"Flens kommun och mer"
    assert old in data
    members[fmt.DATA_NAME] = data.replace(old, new, 1)
    bad = write_zip(installed.exports / "ändrad.zip", list(members.items()))
    refused = installed.refuse(bad, "checksum")
    assert "data.json" in installed.sv(refused)


def test_signature_from_another_key_under_the_trusted_key_id(
        installed: Installed, make_export: MakeExport,
        other_key: signing.Ed25519PrivateKey) -> None:
    members = read_members(make_export(installed.source, version=3))
    forged = signing.sign(other_key, members[fmt.MANIFEST_NAME])
    forged["key_id"] = signing.key_id(installed.key.public_key())
    members[fmt.SIGNATURE_NAME] = publish.dump_json(forged)
    bad = write_zip(installed.exports / "förfalskad.zip", list(members.items()))
    refused = installed.refuse(bad, "bad_signature")
    assert "signaturen stämmer inte" in installed.sv(refused)


def test_manifest_altered_after_signing(installed: Installed, make_export: MakeExport) -> None:
    members = read_members(make_export(installed.source, version=3))
    members[fmt.MANIFEST_NAME] = members[fmt.MANIFEST_NAME].replace(
        b'"dataset_version": 3', b'"dataset_version": 4')
    bad = write_zip(installed.exports / "efterhand.zip", list(members.items()))
    installed.refuse(bad, "bad_signature")


def test_signature_that_is_not_base64(installed: Installed, make_export: MakeExport) -> None:
    members = read_members(make_export(installed.source, version=3))
    signature = signing.sign(installed.key, members[fmt.MANIFEST_NAME])
    signature["signature"] = "inte base64!"
    members[fmt.SIGNATURE_NAME] = publish.dump_json(signature)
    installed.refuse(write_zip(installed.exports / "trasig-signatur.zip",
                               list(members.items())), "bad_signature")


def test_unknown_key(installed: Installed, other_key: signing.Ed25519PrivateKey) -> None:
    data = installed.data_bytes()
    members = [*installed.signed(installed.manifest(data), other_key), (fmt.DATA_NAME, data)]
    refused = installed.refuse(write_zip(installed.exports / "okänd-nyckel.zip", members),
                               "unknown_key")
    assert signing.key_id(other_key.public_key()) in installed.sv(refused)


def test_unsigned(installed: Installed, make_export: MakeExport) -> None:
    refused = installed.refuse(make_export(installed.source, version=3, sign=False), "unsigned")
    assert "inte signerad" in installed.sv(refused)


def test_unsigned_is_let_in_when_allowed(installed: Installed, make_export: MakeExport) -> None:
    allowing = TrustPolicy(keys=dict(installed.trust.keys), allow_unsigned=True)
    result = importer.import_file(installed.conn, installed.paths,
                                  make_export(installed.source, version=3, sign=False), allowing)
    assert result.applied and result.dataset_version == 3
    assert importer.current_version(installed.conn) == 3


def test_allow_unsigned_does_not_let_a_bad_signature_in(installed: Installed,
                                                        make_export: MakeExport) -> None:
    members = read_members(make_export(installed.source, version=3))
    members[fmt.MANIFEST_NAME] = members[fmt.MANIFEST_NAME].replace(b'"dataset_version": 3',
                                                                    b'"dataset_version": 4')
    bad = write_zip(installed.exports / "ändrad-men-signerad.zip", list(members.items()))
    allowing = TrustPolicy(keys=dict(installed.trust.keys), allow_unsigned=True)
    installed.refuse(bad, "bad_signature", trust=allowing)


# Versions and dates ---------------------------------------------------------------------------

def test_same_version_is_a_no_op(installed: Installed, make_export: MakeExport) -> None:
    before = installed.state()
    result = importer.import_file(installed.conn, installed.paths,
                                  make_export(installed.source, version=2), installed.trust)
    assert result.applied is False and "redan version 2" in installed.sv(result.message)
    assert installed.state() == before


def test_older_version(installed: Installed, make_export: MakeExport) -> None:
    refused = installed.refuse(make_export(installed.source, version=1), "older")
    assert "äldre" in installed.sv(refused)


def test_expired(installed: Installed, make_export: MakeExport) -> None:
    refused = installed.refuse(make_export(installed.source, version=3, expires="2020-01-01"),
                               "expired")
    assert "2020-01-01" in installed.sv(refused)


def test_too_far_ahead(installed: Installed, make_export: MakeExport) -> None:
    refused = installed.refuse(make_export(installed.source, version=2 + 5000), "too_far_ahead")
    assert "Be utgivaren" in installed.sv(refused)
    # The default step is 100: one more is refused, the step itself is taken.
    assert fmt.MAX_VERSION_STEP == 100
    installed.refuse(make_export(installed.source, version=2 + 101), "too_far_ahead")
    assert importer.import_file(installed.conn, installed.paths,
                                make_export(installed.source, version=2 + 100),
                                installed.trust).applied


def test_same_version_with_other_content(installed: Installed, make_export: MakeExport) -> None:
    changed = copy.deepcopy(installed.source)
    changed["data"]["principals"][0]["description"] = "Ändrad utan ny version."
    refused = installed.refuse(make_export(changed, version=2), "same_version_changed")
    text = installed.sv(refused)
    assert "samma version" in text and "Be utgivaren" in text


def test_below_the_mark_of_the_key_after_an_undo(installed: Installed,
                                                 make_export: MakeExport) -> None:
    """v2 then v5 by the same key, undone back to v2: v3 to v4 under that key stay refused."""
    result = importer.import_file(installed.conn, installed.paths,
                                  make_export(installed.source, version=5), installed.trust)
    assert result.applied
    importer.undo_last_import(installed.conn, installed.paths)
    assert importer.current_version(installed.conn) == 2
    refused = installed.refuse(make_export(installed.source, version=4), "below_key_mark")
    text = installed.sv(refused)
    assert "version 5" in text and signing.key_id(installed.key.public_key()) in text
    assert "Be utgivaren" in text


def test_unknown_format_version(installed: Installed, make_export: MakeExport) -> None:
    refused = installed.refuse(make_export(installed.source, version=3, format_version=2),
                               "format_version")
    assert "Uppdatera appen" in installed.sv(refused)


# The content ----------------------------------------------------------------------------------

def test_malformed_json_with_correct_checksum(installed: Installed) -> None:
    data = b'{"vocabularies": {"levels": [}'
    manifest = installed.manifest(data)
    members = [*installed.signed(manifest), (fmt.DATA_NAME, data)]
    refused = installed.refuse(write_zip(installed.exports / "trasig-json.zip", members),
                               "bad_json")
    assert "inte giltig JSON" in installed.sv(refused)


def _broken(installed: Installed, change: Callable[[dict[str, Any]], None],
            name: str) -> Path:
    data = copy.deepcopy(installed.source["data"])
    change(data)
    data_bytes = installed.data_bytes(data)
    counts = {t: len(data[t]) for t in fmt.ENTITY_TYPES}
    members = [*installed.signed(installed.manifest(data_bytes, counts)),
               (fmt.DATA_NAME, data_bytes)]
    return write_zip(installed.exports / name, members)


def test_invalid_field_values(installed: Installed) -> None:
    def change(data: dict[str, Any]) -> None:
        data["contacts"][0]["email"] = "inte-en-adress"
        data["principals"][0]["website"] = "javascript:alert(1)"

    refused = installed.refuse(_broken(installed, change, "ogiltiga-värden.zip"), "invalid")
    assert {p.field for p in refused.problems} == {"email", "website"}


def test_duplicate_ids(installed: Installed) -> None:
    def change(data: dict[str, Any]) -> None:
        data["contacts"].append(copy.deepcopy(data["contacts"][0]))

    refused = installed.refuse(_broken(installed, change, "dubbletter.zip"), "invalid")
    assert "förekommer mer än en gång" in installed.sv(refused)


def test_references_to_missing_ids(installed: Installed) -> None:
    def change(data: dict[str, Any]) -> None:
        data["contacts"][0]["principal"] = "finns-inte"
        data["examples"][0]["contacts"] = ["kp-finns-inte"]
        data["work"][0]["components"] = ["ingen-sadan-komponent"]

    refused = installed.refuse(_broken(installed, change, "hänvisningar.zip"), "invalid")
    assert len(refused.problems) == 3
    assert 'hänvisar till "finns-inte"' in installed.sv(refused)


def test_ten_megabyte_text_field(installed: Installed) -> None:
    """Ordinary (not endlessly repetitive) text, so that the validator, not the ZIP-bomb guard,
    is what refuses it."""
    words = ["barnens", "bästa", "samverkan", "skola", "socialtjänst", "hälsa", "möte", "plan"]
    rng = random.Random(7)
    text = " ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(10 * MB // 9))

    def change(data: dict[str, Any]) -> None:
        data["examples"][0]["summary"] = text[: 10 * MB]

    refused = installed.refuse(_broken(installed, change, "lång-text.zip"), "invalid")
    assert "för lång" in installed.sv(refused)
    assert len(installed.sv(refused)) < 5000


# The archive's members ------------------------------------------------------------------------

@pytest.mark.parametrize("member", ["../x", "/etc/x", "..\\x", "C:/x", "data/../../x"])
def test_unsafe_member_name(installed: Installed, make_export: MakeExport, member: str) -> None:
    members = read_members(make_export(installed.source, version=3))
    bad = write_zip(installed.exports / "farlig.zip", [*members.items(), (member, b"x")])
    assert member in zipfile.ZipFile(bad).namelist() or member.replace("\\", "/") in (
        zipfile.ZipFile(bad).namelist())
    refused = installed.refuse(bad, "unsafe_member")
    assert "otillåtet filnamn" in installed.sv(refused)


def test_unknown_member(installed: Installed, make_export: MakeExport) -> None:
    members = read_members(make_export(installed.source, version=3))
    bad = write_zip(installed.exports / "extra.zip", [*members.items(), ("läsmig.txt", b"hej")])
    installed.refuse(bad, "unknown_member")


def test_duplicate_member(installed: Installed, make_export: MakeExport) -> None:
    members = read_members(make_export(installed.source, version=3))
    bad = write_zip(installed.exports / "dubbel.zip",
                    [*members.items(), (fmt.DATA_NAME, members[fmt.DATA_NAME])])
    installed.refuse(bad, "duplicate_member")


def test_missing_data_member(installed: Installed, make_export: MakeExport) -> None:
    members = read_members(make_export(installed.source, version=3))
    del members[fmt.DATA_NAME]
    installed.refuse(write_zip(installed.exports / "utan-data.zip", list(members.items())),
                     "missing_member")


def _zeros_export(installed: Installed, name: str, size: int) -> Path:
    """A signed export whose data.json is ``size`` zero bytes, written streaming."""
    chunk = bytes(MB)
    digest = hashlib.sha256()
    for _ in range(size // MB):
        digest.update(chunk)
    manifest = installed.manifest(b"")
    manifest["files"][fmt.DATA_NAME] = {"sha256": digest.hexdigest(), "size": size}
    target = installed.exports / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member, payload in installed.signed(manifest):
            archive.writestr(member, payload)
        with archive.open(fmt.DATA_NAME, "w", force_zip64=True) as stream:
            for _ in range(size // MB):
                stream.write(chunk)
    return target


@pytest.mark.parametrize("megabytes", [400, 100], ids=["over_the_data_limit", "high_ratio"])
def test_zip_bomb(installed: Installed, megabytes: int) -> None:
    bomb = _zeros_export(installed, f"bomb-{megabytes}.zip", megabytes * MB)
    assert bomb.stat().st_size < 2 * MB
    refused = installed.refuse(bomb, "too_large")
    assert "data.json" in installed.sv(refused)
    limit = f"{fmt.MAX_DATA_BYTES // MB} MB"
    if megabytes * MB <= fmt.MAX_DATA_BYTES:
        # refused for its compression ratio: the message must not claim that 100 MB is more
        # than the 320 MB allowed
        assert limit not in installed.sv(refused), installed.sv(refused)


def _declare_size(path: Path, member: str, size: int) -> None:
    """Patch the central directory so that ``member`` declares ``size`` unpacked bytes."""
    raw = bytearray(path.read_bytes())
    position = raw.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", raw, position + 28)[0]
        name = bytes(raw[position + 46:position + 46 + name_length]).decode()
        if name == member:
            struct.pack_into("<I", raw, position + 24, size)
            path.write_bytes(bytes(raw))
            return
        position = raw.find(b"PK\x01\x02", position + 4)
    raise AssertionError(f"{member} not found")


def test_header_declaring_a_huge_size(installed: Installed) -> None:
    data = installed.data_bytes()
    declared = 4_000_000_000
    manifest = installed.manifest(data)
    manifest["files"][fmt.DATA_NAME]["size"] = declared
    bad = write_zip(installed.exports / "stor-i-huvudet.zip",
                    [*installed.signed(manifest), (fmt.DATA_NAME, data)])
    _declare_size(bad, fmt.DATA_NAME, declared)
    with zipfile.ZipFile(bad) as archive:
        assert archive.getinfo(fmt.DATA_NAME).file_size == declared
    installed.refuse(bad, "too_large")


def test_header_declaring_a_small_size(installed: Installed) -> None:
    """The opposite lie: the header says 10 bytes, the stream holds the whole file."""
    data = installed.data_bytes()
    manifest = installed.manifest(data)
    manifest["files"][fmt.DATA_NAME]["size"] = 10
    bad = write_zip(installed.exports / "liten-i-huvudet.zip",
                    [*installed.signed(manifest), (fmt.DATA_NAME, data)])
    _declare_size(bad, fmt.DATA_NAME, 10)
    before = installed.state()
    with pytest.raises(ImportRefused) as caught:
        importer.import_file(installed.conn, installed.paths, bad, installed.trust)
    assert caught.value.code in ("corrupt", "checksum")
    assert installed.state() == before


def test_a_refused_file_leaves_no_copy_anywhere(installed: Installed,
                                                make_export: MakeExport) -> None:
    bad = make_export(installed.source, version=3, expires="2020-01-01")
    installed.refuse(bad, "expired")
    assert sorted(os.listdir(installed.paths.incoming)) == []
    assert catalogue.bundled_export().is_file()
