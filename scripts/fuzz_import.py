#!/usr/bin/env python3
"""Feed the import hostile and broken exports and check that each is imported or refused.

Every case is a whole export file, made from a valid signed export of the next version:

* byte mutations of the signed ZIP (bit flips, overwritten bytes, truncation, deleted and
  inserted spans) aimed at each region of the file: every member's local header and data,
  the central directory and the end record;
* mutations of ``data.json``, ``manifest.json`` or ``signature.json`` that are signed again, so
  that they reach the parser and the validation: missing, swapped and wrongly typed fields,
  deep nesting, huge numbers, NaN/Infinity, duplicate keys, invalid UTF-8, lone surrogates, a
  BOM, control characters, huge strings, cut JSON;
* container tricks: path traversal and absolute member names, symlink and folder members,
  duplicate members, a zip bomb, encrypted members, unknown compression methods, extra and
  reordered members, a comment, bytes before the archive.

For each case the import (``importer.import_file``, as the app and the command line run it)
must either apply it (the catalogue then has the new version and passes ``PRAGMA
integrity_check``) or raise ``ImportRefused`` with a message, within :data:`TIME_LIMIT`
seconds; a refused case must leave the catalogue, the user's own data, the backups and the
data folder exactly as they were. Anything else (another exception, a hang, a change) fails.

``tests/test_fuzz_import.py`` runs a few hundred cases through hypothesis; this script runs
more and prints the figures that go in docs/reliability.md::

    python scripts/fuzz_import.py --cases 5000 --seed 1
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import signal
import stat
import struct
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from dbdump import dump  # noqa: E402
from tfbb_desktop.core.errors import ImportRefused  # noqa: E402
from tfbb_desktop.core.paths import DataPaths  # noqa: E402
from tfbb_desktop.core.store import catalogue  # noqa: E402
from tfbb_desktop.core.store.userdata import UserData  # noqa: E402
from tfbb_desktop.core.sync import export_format as fmt  # noqa: E402
from tfbb_desktop.core.sync import importer, publish, signing  # noqa: E402

SOURCE = ROOT / "catalogue-source" / "sormland.json"
TIME_LIMIT = 20.0  # seconds for one case; the bundled catalogue imports in well under one

# Values put where a field's value belongs ("wrong types everywhere"); each is JSON text.
HOSTILE_VALUES = [
    "null", "true", "false", "0", "-1", "1.5", '""', '"x"', "[]", "{}", '[1, "a", null]',
    '{"id": "x"}', "9" * 400, "-" + "9" * 400, "1e999", "-1e999", "1e-999", "NaN",
    "Infinity", "-Infinity", "9223372036854775808", "18446744073709551616", "1E400",
    '"\\ud800"', '"\\udfff\\ud800"', '"\\u0000"', '"a\\u0007b"', '"\\u202e\\u2066evil"',
    '"<b>html</b><img src=x>"', '"javascript:alert(1)"', '"2026-13-45"', '"' + "x" * 70_000 + '"',
]
RAW_TOKEN = "__fuzz_raw__"  # placeholder replaced by raw JSON text after dumping


@dataclass
class Outcome:
    mutator: str
    result: str  # "applied" or "refused:<code>"
    seconds: float


class Failure(AssertionError):
    """A case that neither applied nor was refused cleanly."""


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(_signum: int, _frame: Any) -> None:
        raise Hang()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# The harness -------------------------------------------------------------------------------

@dataclass
class Harness:
    """A data folder with the bundled catalogue, the user's own data and a trusted key."""

    root: Path
    key: signing.Ed25519PrivateKey = field(default_factory=signing.generate_private_key)
    outcomes: list[Outcome] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.paths = DataPaths(self.root / "data")
        self.paths.ensure()
        self.conn = catalogue.open_catalogue(self.paths)
        catalogue.ensure_content(self.conn, self.paths, signing.TrustPolicy())
        public = self.key.public_key()
        self.trust = signing.TrustPolicy(keys={signing.key_id(public): public})
        self.userdata = UserData(self.paths.userdata)
        self.userdata.set_favourite("principals", "flen", True)
        self.userdata.set_note("principals", "flen", "Min anteckning <b>om</b> Flen", "Flen")
        self.source: dict[str, Any] = json.loads(SOURCE.read_text(encoding="utf-8"))
        self.exports = self.root / "exports"
        self.exports.mkdir()
        self.counter = 0

    def close(self) -> None:
        self.userdata.close()
        self.conn.close()

    @property
    def version(self) -> int:
        return importer.current_version(self.conn)

    def manifest_fields(self) -> dict[str, Any]:
        fields = dict(self.source["manifest"])
        fields["dataset_version"] = self.version + 1
        return fields

    def data(self) -> dict[str, Any]:
        return copy.deepcopy(self.source["data"])

    def members(self, data_bytes: bytes | None = None, manifest_bytes: bytes | None = None,
                signature_bytes: bytes | None = None) -> list[tuple[str, bytes]]:
        """The members of a signed export of the next version, with any of them replaced
        (a replaced data.json is covered by a new manifest, a replaced manifest signed)."""
        if data_bytes is None:
            data_bytes = publish.dump_json(self.source["data"], pretty=False)
        if manifest_bytes is None:
            counts = {t: len(self.source["data"][t]) for t in fmt.ENTITY_TYPES}
            manifest_bytes = publish.dump_json(
                publish.manifest_for(data_bytes, self.manifest_fields(), counts))
        if signature_bytes is None:
            signature_bytes = publish.dump_json(signing.sign(self.key, manifest_bytes))
        return [(fmt.MANIFEST_NAME, manifest_bytes), (fmt.DATA_NAME, data_bytes),
                (fmt.SIGNATURE_NAME, signature_bytes)]

    def good_zip(self) -> bytes:
        return zip_bytes(self.members())

    def state(self) -> tuple[Any, ...]:
        return (dump(self.conn), self.userdata.snapshot(), self.paths.catalogue_backups(),
                sorted(p.name for p in self.paths.root.iterdir()))

    def run(self, mutator: str, payload: bytes) -> Outcome:
        """Import ``payload`` as a file; check the outcome (raises :class:`Failure`)."""
        self.counter += 1
        path = self.exports / f"fall-{self.counter}.zip"
        path.write_bytes(payload)
        before = self.state()
        notes = self.userdata.snapshot()
        previous = self.version
        started = time.perf_counter()
        try:
            with time_limit(TIME_LIMIT):
                importer.import_file(self.conn, self.paths, path, self.trust)
            result = "applied"
        except ImportRefused as refused:
            result = f"refused:{refused.code}"
            if not refused.text().strip() or not refused.code:
                raise Failure(f"{mutator}: a refusal without a message") from refused
        except Hang as exc:
            raise Failure(f"{mutator}: no answer within {TIME_LIMIT} s") from exc
        except Exception as exc:
            raise Failure(f"{mutator}: {type(exc).__name__}: {exc}"[:500]) from exc
        finally:
            path.unlink(missing_ok=True)
        seconds = time.perf_counter() - started
        if list(self.paths.incoming.iterdir()):
            raise Failure(f"{mutator}: the local copy was left behind")
        if result == "applied":
            if self.version <= previous:  # a signed manifest may name a later version
                raise Failure(f"{mutator}: applied, but the catalogue has {self.version}")
            check = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok" or self.userdata.snapshot() != notes:
                raise Failure(f"{mutator}: applied, but the databases are not sound")
        elif self.state() != before:
            raise Failure(f"{mutator}: refused ({result}), but something changed")
        outcome = Outcome(mutator, result, seconds)
        self.outcomes.append(outcome)
        return outcome


# ZIP writing and its regions ---------------------------------------------------------------

def zip_bytes(members: list[tuple[str, bytes]], *, method: int = zipfile.ZIP_DEFLATED,
              attrs: dict[str, int] | None = None, comment: bytes = b"") -> bytes:
    path = Path(tempfile.mkstemp(suffix=".zip")[1])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names
            with zipfile.ZipFile(path, "w") as archive:
                for name, payload in members:
                    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = method
                    info.external_attr = (attrs or {}).get(name, 0o644 << 16)
                    archive.writestr(info, payload)
                archive.comment = comment
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


def regions(payload: bytes) -> dict[str, tuple[int, int]]:
    """Where each part of a ZIP lies: ``{name: (start, end)}``."""
    eocd = payload.rfind(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack_from("<II", payload, eocd + 12)
    out = {"central_directory": (cd_offset, cd_offset + cd_size),
           "end_record": (eocd, len(payload))}
    at = cd_offset
    while at < cd_offset + cd_size:
        (csize, _usize, n, m, k) = struct.unpack_from("<IIHHH", payload, at + 20)
        offset = struct.unpack_from("<I", payload, at + 42)[0]
        name = payload[at + 46:at + 46 + n].decode()
        ln, lm = struct.unpack_from("<HH", payload, offset + 26)
        header_end = offset + 30 + ln + lm
        out[f"local_header:{name}"] = (offset, header_end)
        out[f"data:{name}"] = (header_end, header_end + csize)
        at += 46 + n + m + k
    return out


def _patch_headers(payload: bytes, at_local: int, at_central: int,
                   change: Callable[[int], int]) -> bytes:
    """Apply ``change`` to a 2-byte field of every local (offset ``at_local``) and central
    (``at_central``) header."""
    out = bytearray(payload)
    for signature, offset in ((b"PK\x03\x04", at_local), (b"PK\x01\x02", at_central)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            value = struct.unpack_from("<H", out, start + offset)[0]
            struct.pack_into("<H", out, start + offset, change(value))
            start += 4
    return bytes(out)


# Mutators: (harness, rng) -> the bytes of one export file ------------------------------------

Mutator = Callable[[Harness, random.Random], bytes]
MUTATORS: dict[str, Mutator] = {}


def mutator(func: Mutator) -> Mutator:
    MUTATORS[func.__name__] = func
    return func


def _region(h: Harness, rng: random.Random) -> tuple[bytes, int, int]:
    good = h.good_zip()
    parts = regions(good)
    start, end = parts[rng.choice(sorted(parts))]
    return good, start, max(start + 1, end)


@mutator
def bytes_bit_flips(h: Harness, rng: random.Random) -> bytes:
    good, start, end = _region(h, rng)
    out = bytearray(good)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(start, min(end, len(out)))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


@mutator
def bytes_overwritten(h: Harness, rng: random.Random) -> bytes:
    good, start, end = _region(h, rng)
    out = bytearray(good)
    at = rng.randrange(start, min(end, len(out)))
    span = min(rng.choice([1, 2, 4, 8, 32]), len(out) - at)
    out[at:at + span] = bytes(rng.choice([0x00, 0xFF, rng.randrange(256)]) for _ in range(span))
    return bytes(out)


@mutator
def bytes_truncated(h: Harness, rng: random.Random) -> bytes:
    good, start, end = _region(h, rng)
    return good[:rng.randrange(start, min(end, len(good)))]


@mutator
def bytes_deleted(h: Harness, rng: random.Random) -> bytes:
    good, start, end = _region(h, rng)
    at = rng.randrange(start, min(end, len(good)))
    return good[:at] + good[at + rng.randint(1, 16):]


@mutator
def bytes_inserted(h: Harness, rng: random.Random) -> bytes:
    good, start, end = _region(h, rng)
    at = rng.randrange(start, min(end, len(good)))
    return good[:at] + rng.randbytes(rng.randint(1, 16)) + good[at:]


def _record(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    entity = rng.choice([t for t in fmt.ENTITY_TYPES if data[t]])
    record: dict[str, Any] = rng.choice(data[entity])
    return record


def _with_raw(h: Harness, data: Any, raw: str) -> bytes:
    """``data`` dumped with the placeholder string replaced by the raw JSON text ``raw``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return zip_bytes(h.members(text.replace(json.dumps(RAW_TOKEN), raw, 1).encode("utf-8",
                                                                                 "surrogatepass")))


def _deep(rng: random.Random) -> str:
    depth = rng.choice([50, 200, 1_000, 30_000, 200_000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    return opener * depth + "1" + closer * depth


@mutator
def data_field_missing(h: Harness, rng: random.Random) -> bytes:
    data = h.data()
    record = _record(data, rng)
    record.pop(rng.choice(sorted(record)))
    return zip_bytes(h.members(publish.dump_json(data, pretty=False)))


@mutator
def data_fields_swapped(h: Harness, rng: random.Random) -> bytes:
    data = h.data()
    record = _record(data, rng)
    if len(record) > 1:
        a, b = rng.sample(sorted(record), 2)
        record[a], record[b] = record[b], record[a]
    return zip_bytes(h.members(publish.dump_json(data, pretty=False)))


@mutator
def data_wrong_type(h: Harness, rng: random.Random) -> bytes:
    data = h.data()
    where = rng.random()
    if where < 0.6:
        record = _record(data, rng)
        record[rng.choice([*sorted(record), "unknown_field"])] = RAW_TOKEN
    elif where < 0.8:
        entity = rng.choice(fmt.ENTITY_TYPES)
        data[entity][rng.randrange(len(data[entity]) or 1):][:1] = [RAW_TOKEN]
    else:
        data[rng.choice([*fmt.ENTITY_TYPES, "vocabularies"])] = RAW_TOKEN
    return _with_raw(h, data, rng.choice(HOSTILE_VALUES))


@mutator
def data_deep_nesting(h: Harness, rng: random.Random) -> bytes:
    data = h.data()
    if rng.random() < 0.5:
        _record(data, rng)[rng.choice(["note", "name", "tags", "x"])] = RAW_TOKEN
    else:
        data["principals"].append(RAW_TOKEN)
    return _with_raw(h, data, _deep(rng))


@mutator
def data_duplicate_key(h: Harness, rng: random.Random) -> bytes:
    data = h.data()
    record = _record(data, rng)
    key = rng.choice(sorted(record))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    needle = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    value = rng.choice(['"dubbel"', json.dumps(record[key], ensure_ascii=False), "1"])
    twice = "{" + json.dumps(key) + ":" + value + "," + needle[1:]
    return zip_bytes(h.members(text.replace(needle, twice, 1).encode()))


@mutator
def data_bad_encoding(h: Harness, rng: random.Random) -> bytes:
    data = publish.dump_json(h.source["data"], pretty=False)
    bad = rng.choice([b"\xff", b"\xc3", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                      b"\xe2\x80", b"\x80"])
    if rng.random() < 0.2:
        return zip_bytes(h.members(b"\xef\xbb\xbf" + data))  # a BOM
    if rng.random() < 0.2:
        return zip_bytes(h.members(data.decode().encode("utf-16")))
    at = data.find(b'"', rng.randrange(len(data))) + 1
    return zip_bytes(h.members(data[:at] + bad + data[at:]))


@mutator
def data_cut(h: Harness, rng: random.Random) -> bytes:
    data = publish.dump_json(h.source["data"], pretty=False)
    cut = rng.randrange(len(data))
    tail = rng.choice([b"", b"}", b"]}", b"garbage", b"\x00", b" {}"])
    return zip_bytes(h.members(data[:cut] + tail if rng.random() < 0.7 else data + tail))


@mutator
def data_counts_or_ids(h: Harness, rng: random.Random) -> bytes:
    data = h.data()
    entity = rng.choice([t for t in fmt.ENTITY_TYPES if len(data[t]) > 1])
    choice = rng.random()
    if choice < 0.4:
        data[entity].append(copy.deepcopy(data[entity][0]))  # a duplicate id
    elif choice < 0.7:
        data[entity].pop()  # the counts no longer match
    else:
        record = _record(data, rng)
        for name in ("principal", "kind", "status", "component"):
            if name in record:
                record[name] = "finns-inte"
    return zip_bytes(h.members(publish.dump_json(data, pretty=False)))


@mutator
def data_hostile_text(h: Harness, rng: random.Random) -> bytes:
    data = h.data()
    record = _record(data, rng)
    texts = [k for k, v in record.items() if isinstance(v, str) and k not in ("id",)]
    if texts:
        record[rng.choice(texts)] = rng.choice([
            "<script>alert(1)</script>", "<img src=file:///etc/passwd>", "\u202egnp.exe",
            "\\\\server\\share\\x", "x" * rng.choice([301, 20_001, 1_000_000]), "a\u0000b",
            "\r\n\t ok", "'; DROP TABLE principal; --", "\ufeffbom", "é" * 300])
    return zip_bytes(h.members(publish.dump_json(data, pretty=False)))


@mutator
def data_top_level(h: Harness, rng: random.Random) -> bytes:
    raw = rng.choice([b"[]", b"null", b"1", b'"x"', b"", b" ", b"{}", b"{" * 100_000,
                      b'{"principals": {}}', b"NaN"])
    return zip_bytes(h.members(raw))


_MANIFEST_FIELDS = ["format", "format_version", "dataset_version", "created", "expires",
                    "publisher", "feedback", "counts", "files"]


@mutator
def manifest_mutated(h: Harness, rng: random.Random) -> bytes:
    data_bytes = publish.dump_json(h.source["data"], pretty=False)
    counts = {t: len(h.source["data"][t]) for t in fmt.ENTITY_TYPES}
    manifest = publish.manifest_for(data_bytes, h.manifest_fields(), counts)
    name = rng.choice(_MANIFEST_FIELDS)
    choice = rng.random()
    if choice < 0.2:
        manifest.pop(name)
        raw = publish.dump_json(manifest)
    elif choice < 0.8:
        manifest[name] = RAW_TOKEN
        value = rng.choice([*HOSTILE_VALUES[:-1], _deep(rng), str(2**63), str(2**63 - 1),
                            str(h.version + 1) + ".0", str(h.version + 1000)])
        raw = json.dumps(manifest).replace(json.dumps(RAW_TOKEN), value, 1).encode(
            "utf-8", "surrogatepass")
    elif choice < 0.9:
        text = json.dumps(manifest)
        raw = ("{" + json.dumps(name) + ":" + rng.choice(['"x"', "1", "null"]) + ","
               + text[1:]).encode()
    else:
        raw = rng.choice([b"\xef\xbb\xbf", b"", b"\xff"]) + publish.dump_json(manifest)
    return zip_bytes(h.members(data_bytes, manifest_bytes=raw))


@mutator
def signature_mutated(h: Harness, rng: random.Random) -> bytes:
    members = h.members()
    manifest_bytes = members[0][1]
    signature: dict[str, Any] = signing.sign(h.key, manifest_bytes)
    name = rng.choice(["algorithm", "key_id", "signature", "extra"])
    if rng.random() < 0.3:
        signature.pop(name, None)
        raw = publish.dump_json(signature)
    else:
        signature[name] = RAW_TOKEN
        raw = json.dumps(signature).replace(json.dumps(RAW_TOKEN), rng.choice(
            [*HOSTILE_VALUES, _deep(rng), '"' + "A" * 5000 + '"']), 1).encode(
            "utf-8", "surrogatepass")
    return zip_bytes(h.members(manifest_bytes=manifest_bytes, signature_bytes=raw))


@mutator
def container_member_names(h: Harness, rng: random.Random) -> bytes:
    members = h.members()
    bad = rng.choice(["../data.json", "/data.json", "C:\\data.json", "C:data.json",
                      "a/../../data.json", "..\\..\\x", "data.json/", "./data.json",
                      "DATA.JSON", "data.json\x00.txt", "extra.txt", "", "subdir/",
                      "\u202edata.json", "data.json "])
    if rng.random() < 0.5:
        members.append((bad, b"x"))
    else:
        index = rng.randrange(len(members))
        members[index] = (bad, members[index][1])
    return zip_bytes(members)


@mutator
def container_symlink(h: Harness, rng: random.Random) -> bytes:
    members = h.members()
    name = rng.choice([m[0] for m in members])
    attrs = {name: (stat.S_IFLNK | 0o777) << 16}
    if rng.random() < 0.5:  # the link's target as its content
        members = [(n, b"/etc/passwd" if n == name else p) for n, p in members]
    return zip_bytes(members, attrs=attrs)


@mutator
def container_duplicate(h: Harness, rng: random.Random) -> bytes:
    members = h.members()
    index = rng.randrange(len(members))
    name, payload = members[index]
    other = payload if rng.random() < 0.5 else payload + b" "
    members.insert(rng.randrange(len(members) + 1), (name, other))
    return zip_bytes(members)


@mutator
def container_bomb(h: Harness, rng: random.Random) -> bytes:
    members = h.members()
    index = rng.choice([0, 1, 2])
    size = rng.choice([2, 20, 64]) * 1024 * 1024
    members[index] = (members[index][0], b" " * size)
    return zip_bytes(members)


@mutator
def container_flags(h: Harness, rng: random.Random) -> bytes:
    good = h.good_zip()
    choice = rng.random()
    if choice < 0.4:  # encrypted (flag bit 0)
        return _patch_headers(good, 6, 8, lambda v: v | 0x1)
    if choice < 0.7:  # an unknown compression method
        method = rng.choice([1, 6, 9, 14, 98, 99, 0xFFFF])
        return _patch_headers(good, 8, 10, lambda _v: method)
    return _patch_headers(good, 6, 8, lambda v: v ^ (1 << rng.randrange(16)))


@mutator
def container_valid_variants(h: Harness, rng: random.Random) -> bytes:
    """Exports that are valid all the same: must be applied."""
    members = h.members()
    rng.shuffle(members)
    method = rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                         zipfile.ZIP_LZMA])
    payload = zip_bytes(members, method=method, comment=rng.choice([b"", b"kommentar"]))
    return payload


@mutator
def container_around(h: Harness, rng: random.Random) -> bytes:
    good = h.good_zip()
    return rng.choice([
        rng.randbytes(rng.randint(1, 64)) + good, good + rng.randbytes(rng.randint(1, 64)),
        good + good, b"", b"PK\x05\x06" + b"\x00" * 18, good[:22], b"PK\x03\x04" * 1000])


# Running ---------------------------------------------------------------------------------

def summary(outcomes: list[Outcome], seconds: float) -> str:
    applied = sum(o.result == "applied" for o in outcomes)
    codes = Counter(o.result.split(":", 1)[1] for o in outcomes if o.result != "applied")
    per = Counter(o.mutator for o in outcomes)
    slowest = max((o.seconds for o in outcomes), default=0.0)
    lines = [f"cases: {len(outcomes)}  applied: {applied}  refused: {len(outcomes) - applied}"
             f"  failures: 0  time: {seconds:.0f} s  slowest case: {slowest:.2f} s",
             "refusals by code: " + ", ".join(f"{c} {n}" for c, n in codes.most_common()),
             "cases by mutator: " + ", ".join(f"{m} {n}" for m, n in sorted(per.items()))]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    names = sorted(MUTATORS)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tfbb-fuzz-") as folder:
        harness = Harness(Path(folder))
        try:
            for number in range(args.cases):
                name = names[number % len(names)]
                seed = rng.randrange(2**32)
                try:
                    harness.run(name, MUTATORS[name](harness, random.Random(seed)))
                except Failure as failure:
                    print(f"FAILED case {number} ({name}, seed {seed}): {failure}")
                    return 1
        finally:
            harness.close()
    print(summary(harness.outcomes, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
