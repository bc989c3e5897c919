"""Hostile and broken exports: every one is applied or refused with a message, never another
exception, a hang or a change to the catalogue or the user's own data.

The cases and their checks live in ``scripts/fuzz_import.py``, which runs thousands of them
(the figures in docs/reliability.md); here hypothesis draws a few hundred
(``TFBB_FUZZ_CASES`` raises the count), and every region of the ZIP is hit on purpose.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tfbb_desktop.core.sync import export_format as fmt

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "fuzz_import.py"
CASES = int(os.environ.get("TFBB_FUZZ_CASES", "300"))


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_import", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_import"] = module
    spec.loader.exec_module(module)
    return module


fuzz = _load()


@pytest.fixture
def harness(tmp_path: Path) -> Any:
    h = fuzz.Harness(tmp_path / "fuzz")
    yield h
    h.close()


def _settings(cases: int) -> Any:
    return settings(max_examples=cases, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def test_hypothesis_draws_from_every_mutator(harness: Any) -> None:
    @_settings(CASES)
    @given(name=st.sampled_from(sorted(fuzz.MUTATORS)), seed=st.integers(0, 2**32 - 1))
    def case(name: str, seed: int) -> None:
        harness.run(name, fuzz.MUTATORS[name](harness, random.Random(seed)))

    case()
    results = {o.result for o in harness.outcomes}
    assert "applied" in results and any(r.startswith("refused:") for r in results)
    assert {o.mutator for o in harness.outcomes} == set(fuzz.MUTATORS)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12)


def test_any_json_value_in_any_field(harness: Any) -> None:
    """Wrong types everywhere: any JSON value (NaN, lone surrogates, huge integers and all) in
    any field of any record, or of the manifest, signed again so that it reaches validation."""

    @_settings(max(CASES // 3, 30))
    @given(value=JSON_VALUES, where=st.integers(0, 10**6), in_manifest=st.booleans())
    def case(value: Any, where: int, in_manifest: bool) -> None:
        rng = random.Random(where)
        data = harness.data()
        data_bytes = None
        manifest_bytes = None
        if in_manifest:
            counts = {t: len(data[t]) for t in fmt.ENTITY_TYPES}
            data_bytes = fuzz.publish.dump_json(data, pretty=False)
            manifest = fuzz.publish.manifest_for(data_bytes, harness.manifest_fields(), counts)
            manifest[rng.choice(sorted(manifest))] = value
            manifest_bytes = json.dumps(manifest).encode()
        else:
            entity = rng.choice([t for t in fmt.ENTITY_TYPES if data[t]])
            record = rng.choice(data[entity])
            record[rng.choice(sorted(record))] = value
            data_bytes = json.dumps(data).encode()  # ASCII: surrogates escaped, NaN bare
        harness.run("json_value", fuzz.zip_bytes(harness.members(data_bytes, manifest_bytes)))

    case()
    assert harness.outcomes


def _region_cases() -> list[tuple[str, str, float]]:
    names = ["local_header:manifest.json", "data:manifest.json", "local_header:data.json",
             "data:data.json", "local_header:signature.json", "data:signature.json",
             "central_directory", "end_record"]
    return [(region, op, where) for region in names for op in ("flip", "cut")
            for where in (0.0, 0.5, 0.999)]


@pytest.mark.parametrize(("region", "op", "where"), _region_cases())
def test_every_region_of_the_zip(harness: Any, region: str, op: str, where: float) -> None:
    good = harness.good_zip()
    start, end = fuzz.regions(good)[region]
    at = start + int((end - start) * where)
    if op == "cut":
        payload = good[:at]
    else:
        flipped = bytearray(good)
        flipped[at] ^= 0x10
        payload = bytes(flipped)
    harness.run(f"{op}:{region}", payload)


def test_the_regions_cover_the_whole_file(harness: Any) -> None:
    good = harness.good_zip()
    spans = sorted(fuzz.regions(good).values())
    assert spans[0][0] == 0 and spans[-1][1] == len(good)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("raw", [
    '"\\ud800"', '"\\udfff"', "NaN", "-Infinity", "1e999",
    "[" * 100_000 + "]" * 100_000])
def test_lone_surrogates_nan_huge_and_deep_values_are_refused(harness: Any, raw: str) -> None:
    data = harness.data()
    data["principals"][0]["name"] = fuzz.RAW_TOKEN
    outcome = harness.run("raw", fuzz._with_raw(harness, data, raw))
    if "\\u" not in raw:  # a lone surrogate may be kept as text; the rest is no name
        assert outcome.result.startswith("refused:")


@pytest.mark.parametrize("depth", [1_000, 30_000])
def test_a_deeply_nested_manifest_is_refused(harness: Any, depth: int) -> None:
    manifest = fuzz.publish.dump_json(harness.manifest_fields())
    deep = b'{"x":' + b"[" * depth + b"]" * depth + b"," + manifest[1:]
    outcome = harness.run("deep_manifest", fuzz.zip_bytes(harness.members(manifest_bytes=deep)))
    assert outcome.result == "refused:bad_json" if depth > 10_000 else outcome.result.startswith(
        "refused:")


def test_a_local_header_name_that_is_not_utf8_is_refused(harness: Any) -> None:
    good = harness.good_zip()
    start, _end = fuzz.regions(good)["local_header:signature.json"]
    broken = bytearray(good)
    broken[start + 30] = 0xFF  # the first byte of the name
    assert harness.run("name", bytes(broken)).result == "refused:corrupt"


@pytest.mark.parametrize("member", [fmt.DATA_NAME, fmt.SIGNATURE_NAME])
def test_a_symlink_member_is_refused(harness: Any, member: str) -> None:
    attrs = {member: (0o120777) << 16}  # S_IFLNK
    payload = fuzz.zip_bytes(harness.members(), attrs=attrs)
    assert harness.run("symlink", payload).result == "refused:unsafe_member"


def test_valid_variants_are_applied(harness: Any) -> None:
    """Member order, compression method and an archive comment do not matter."""
    for seed in range(6):
        payload = fuzz.MUTATORS["container_valid_variants"](harness, random.Random(seed))
        assert harness.run("valid", payload).result == "applied"
    assert harness.version == 7
